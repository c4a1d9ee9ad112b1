"""Small wording helpers: how a Vietnamese official writes counts, people and lists.

Pure functions, usable as template filters (see `hoagiai.vn.FILTERS`):

- `liet_ke(["A", "B", "C"])` -> "A, B và C" (a list in running text);
- `dem(0, "vụ, việc")` -> "không có vụ, việc"; `dem(4, "vụ, việc")` -> "04 vụ, việc" (a zero is
  written in words, never "00"; below ten a count takes the Decree 30 leading zero);
- `co_dem(0)` -> "không có", `co_dem(2)` -> "có 02" ("Tổ … không có tổ trưởng");
- `ong_ba("Nữ")` -> "bà"; `ong_ba("Nam")` -> "ông" ("ông, bà" only when the gender is unknown);
- `cac_ong_ba(["Nam", "Nữ"])` -> "các ông, bà"; all women -> "các bà"; all men -> "các ông";
- `ong_ba_ten("Nữ", "Phạm Ngọc Xuân")` -> "bà Phạm Ngọc Xuân";
- `nhieu(["An Lại", "Kim Sơn"], "thôn {}", "các thôn {}")` -> a phrase in the singular for one
  item and in the plural for more, with the items listed by `liet_ke`;
- `lap_lai(["An Lại", "Kim Sơn"], "thôn")` -> "thôn An Lại và thôn Kim Sơn" (the noun repeated,
  as a decision writes "tổ hòa giải thôn A và thôn B").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .numbers import so_hai_chu_so

NAM, NU = "Nam", "Nữ"


def liet_ke(items: Iterable[str], va: str = "và") -> str:
    """"A" / "A và B" / "A, B và C" (empty items dropped)."""
    parts = [str(i) for i in items if str(i).strip()]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {va} {parts[-1]}"


def dem(n: int, danh_tu: str, khong: str = "không có") -> str:
    """A count with its noun: 0 -> "không có …", 1–9 -> "0n …", else "n …"."""
    n = int(n)
    if n == 0:
        return f"{khong} {danh_tu}".strip()
    return f"{so_hai_chu_so(n)} {danh_tu}".strip()


def co_dem(n: int) -> str:
    """"có 02" / "không có" — a count after a subject: "Tổ … có 02 tổ trưởng", "… không có tổ trưởng"."""
    return dem(n, "") if int(n) == 0 else f"có {dem(n, '')}"


def ong_ba(gioi_tinh: str | None) -> str:
    """Form of address from `Giới tính`: "ông" / "bà"; "ông, bà" only when unknown."""
    g = (gioi_tinh or "").strip()
    if g == NU:
        return "bà"
    if g == NAM:
        return "ông"
    return "ông, bà"


def ong_ba_ten(gioi_tinh: str | None, ho_ten: str) -> str:
    """"bà Phạm Ngọc Xuân" / "ông Lê Quang Hùng"."""
    return f"{ong_ba(gioi_tinh)} {ho_ten}".strip()


def cac_ong_ba(genders: Iterable[str | None]) -> str:
    """A group: "các ông" (all men), "các bà" (all women), otherwise "các ông, bà"."""
    found = {ong_ba(g) for g in genders}
    if len(found) == 1 and found != {"ông, bà"}:
        return f"các {found.pop()}"
    return "các ông, bà"


def viet_hoa_dau(text: str) -> str:
    """First letter in capitals (the rest untouched): "bà X" -> "Bà X"."""
    return text[:1].upper() + text[1:]


def nhieu(items: Sequence[str], mot: str, nhieu_mau: str) -> str:
    """`mot` (one item) or `nhieu_mau` (several), with "{}" replaced by the listed items."""
    items = list(items)
    return (mot if len(items) == 1 else nhieu_mau).format(liet_ke(items))


def lap_lai(items: Sequence[str], danh_tu: str) -> str:
    """The noun before each item: "thôn A", "thôn A và thôn B", "thôn A, thôn B và thôn C"."""
    return liet_ke(f"{danh_tu} {i}" for i in items)
