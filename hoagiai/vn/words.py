"""Numbers and money amounts in Vietnamese words ("Một triệu không trăm năm mươi nghìn đồng").

Written here rather than taken from num2words: its Vietnamese reader (``lang_VI.py``, in
the versions we read) does not follow administrative usage. It drops "không trăm" inside a
group (1.050.000 -> "một triệu năm mươi nghìn"), hard-codes the Southern "lẻ" and even puts it
before a whole group (2.026 -> "hai nghìn lẻ hai mươi sáu"), says "bốn" not "tư" after twenty,
names 10^15 "trăm nghìn tỷ" and switches to English words beyond, and formats integers
through a float ("%.2f"), so large amounts lose digits. It also has no Northern/Southern
switch. The rules below are short enough to own and test directly.

Rules (docs/domain.md §9.5 and Decision 4; Northern usage by default):

- digits: không một hai ba bốn năm sáu bảy tám chín;
- tens: 10 -> "mười", 20..90 -> "<digit> mươi";
- units after a ten: 1 -> "mốt" and 4 -> "tư" after tens from 20 up ("hai mươi mốt",
  "hai mươi tư", but "mười một", "mười bốn"); 5 -> "lăm" after any ten ("mười lăm",
  "hai mươi lăm");
- an empty tens place after a hundreds digit -> "linh" ("một trăm linh năm"); setting
  ``linh="lẻ"`` for Southern usage. After "linh" digits keep their plain names
  ("một trăm linh một", "một trăm linh bốn");
- scales: "nghìn" (setting ``nghin="ngàn"``), "triệu", "tỷ"; beyond a tỷ the number of tỷ
  is itself read as a number followed by "tỷ" ("một nghìn tỷ", "một triệu tỷ",
  "một tỷ tỷ", 1.001 × 10^9 -> "một nghìn không trăm linh một tỷ");
- every group of three digits after the leading one is read in full: an empty hundreds
  place becomes "không trăm" ("hai nghìn không trăm hai mươi sáu",
  "một nghìn không trăm linh năm", "một triệu không trăm năm mươi nghìn");
- a group that is entirely zero is skipped with its scale word, and the next non-empty
  group is still read in full: 1.000.000.001 -> "một tỷ không trăm linh một",
  1.000.005 -> "một triệu không trăm linh năm";
- 0 -> "không"; negative numbers -> "âm …".
"""

from __future__ import annotations

import unicodedata

from ._kieu import as_int

CHU_SO = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
LINH = ("linh", "lẻ")
NGHIN = ("nghìn", "ngàn")
_TY = 10**9


def _doc_nhom(nhom: int, day_du: bool, linh: str) -> list[str]:
    """Words for one group 0..999. `day_du` (not the leading group): read the hundreds even
    when empty ("không trăm") and use "linh" before a lone unit."""
    tram, du = divmod(nhom, 100)
    chuc, don_vi = divmod(du, 10)
    out: list[str] = []
    if tram or day_du:
        out += [CHU_SO[tram], "trăm"]
    if chuc == 0:
        if don_vi:
            if out:
                out.append(linh)
            out.append(CHU_SO[don_vi])
    elif chuc == 1:
        out.append("mười")
        if don_vi:
            out.append("lăm" if don_vi == 5 else CHU_SO[don_vi])
    else:
        out += [CHU_SO[chuc], "mươi"]
        if don_vi:
            out.append({1: "mốt", 4: "tư", 5: "lăm"}.get(don_vi, CHU_SO[don_vi]))
    return out


def _doc_duoi_ty(n: int, day_du: bool, linh: str, nghin: str) -> list[str]:
    """Words for 0 <= n < 10^9 as groups triệu / nghìn / units. `day_du`: a higher
    non-empty part precedes, so even the first group here is read in full."""
    out: list[str] = []
    for nhom, ten in ((n // 1_000_000, "triệu"), (n // 1000 % 1000, nghin), (n % 1000, "")):
        if nhom == 0:
            continue
        out += _doc_nhom(nhom, day_du, linh)
        if ten:
            out.append(ten)
        day_du = True
    return out


def _doc(n: int, day_du: bool, linh: str, nghin: str) -> list[str]:
    so_ty, duoi_ty = divmod(n, _TY)
    out: list[str] = []
    if so_ty:
        out += _doc(so_ty, day_du, linh, nghin) + ["tỷ"]
        day_du = True
    return out + _doc_duoi_ty(duoi_ty, day_du, linh, nghin)


def _kiem_tra(linh: str, nghin: str) -> tuple[str, str]:
    linh = unicodedata.normalize("NFC", linh)
    nghin = unicodedata.normalize("NFC", nghin)
    if linh not in LINH:
        raise ValueError(f"cách đọc hàng chục trống phải là {' hoặc '.join(LINH)}: {linh!r}")
    if nghin not in NGHIN:
        raise ValueError(f"đơn vị nghìn phải là {' hoặc '.join(NGHIN)}: {nghin!r}")
    return linh, nghin


def doc_so(n: int, *, linh: str = "linh", nghin: str = "nghìn") -> str:
    """Lowercase words for an integer: 2026 -> "hai nghìn không trăm hai mươi sáu"."""
    n = as_int(n)
    linh, nghin = _kiem_tra(linh, nghin)
    if n == 0:
        return CHU_SO[0]
    words = _doc(abs(n), False, linh, nghin)
    return " ".join((["âm"] if n < 0 else []) + words)


def bang_chu(n: int, **kw) -> str:
    """Words with a capital first letter: 2026 -> "Hai nghìn không trăm hai mươi sáu"."""
    words = doc_so(n, **kw)
    return words[0].upper() + words[1:]


def tien_bang_chu(n: int, **kw) -> str:
    """A money amount in words: 1050000 -> "Một triệu không trăm năm mươi nghìn đồng"."""
    return f"{bang_chu(n, **kw)} đồng"
