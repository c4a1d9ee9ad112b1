"""Dates as Nghị định 30/2020/NĐ-CP writes them ("ngày 05 tháng 02 năm 2026").

Decree 30 (Phụ lục I) pads the day below 10 and the months 1 and 2 with a leading zero, and
no other month: "ngày 15 tháng 3 năm 2026", never "tháng 03". The numeric short form used in
running text and periods ("01/01/2026", "30/6/2026") follows the same rule.

Babel is deliberately not used here: no CLDR "vi" pattern expresses that rule. Its numeric
patterns pad every month ("dd/MM/y" gives "05/05/2026", and "MM" always pads), its
long/medium patterns pad nothing and add a comma ("5 tháng 5, 2026", "5 thg 5, 2026").
The rule is two lines of Python, so we write it ourselves.
"""

from __future__ import annotations

from datetime import date

from ._kieu import as_int

# Width of a blank left for the clerk to write a day or month by hand on a draft.
KHOANG_TRONG = " " * 6


def _so_ngay(ngay: int) -> str:
    if not 1 <= ngay <= 31:
        raise ValueError(f"ngày không hợp lệ: {ngay!r}")
    return f"{ngay:02d}"


def _so_thang(thang: int) -> str:
    """Month number with Decree 30's zero rule: only January and February take a zero."""
    thang = as_int(thang, "tháng")
    if not 1 <= thang <= 12:
        raise ValueError(f"tháng không hợp lệ: {thang!r}")
    return f"{thang:02d}" if thang <= 2 else str(thang)


def _so_nam(nam: int) -> str:
    nam = as_int(nam, "năm")
    if nam < 1:
        raise ValueError(f"năm không hợp lệ: {nam!r}")
    return str(nam)


def ngay_nd30(d: date) -> str:
    """"ngày 05 tháng 02 năm 2026", "ngày 15 tháng 3 năm 2026"."""
    return f"ngày {_so_ngay(d.day)} tháng {_so_thang(d.month)} năm {_so_nam(d.year)}"


def dong_ngay(d: date | None, dia_danh: str, thang: int | None = None,
              nam: int | None = None) -> str:
    """The place-and-date line under the national motto.

    "An Thành, ngày 05 tháng 5 năm 2026". A draft (``d`` is None) leaves blanks for the
    clerk to fill after signature: "An Thành, ngày      tháng 5 năm 2026", and with no month
    either "An Thành, ngày      tháng      năm 2026". When ``d`` is given it wins over
    ``thang`` / ``nam``. The date comes first so this works as a Jinja filter:
    ``{{ van_ban.ngay | dong_ngay(don_vi.dia_danh, van_ban.thang, van_ban.nam) }}``.
    """
    if d is not None:
        phan_ngay = ngay_nd30(d)
    else:
        # the blank replaces the number and its surrounding spaces: "ngày      tháng 5"
        chu_thang = KHOANG_TRONG if thang is None else f" {_so_thang(thang)} "
        chu_nam = KHOANG_TRONG if nam is None else f" {_so_nam(nam)}"
        phan_ngay = f"ngày{KHOANG_TRONG}tháng{chu_thang}năm{chu_nam}"
    dia_danh = (dia_danh or "").strip()
    return f"{dia_danh}, {phan_ngay}" if dia_danh else phan_ngay


def ngay_so(d: date) -> str:
    """Short numeric form for running text and periods: "05/02/2026", "30/6/2026"."""
    return f"{_so_ngay(d.day)}/{_so_thang(d.month)}/{_so_nam(d.year)}"


def tu_ngay_den_ngay(a: date, b: date) -> str:
    """"từ ngày 01/01/2026 đến ngày 30/6/2026". Raises ValueError if ``b`` precedes ``a``."""
    if b < a:
        raise ValueError(f"ngày kết thúc {ngay_so(b)} trước ngày bắt đầu {ngay_so(a)}")
    return f"từ ngày {ngay_so(a)} đến ngày {ngay_so(b)}"


def thang_nam(thang: int, nam: int) -> str:
    """"tháng 02 năm 2026", "tháng 5 năm 2026"."""
    return f"tháng {_so_thang(thang)} năm {_so_nam(nam)}"
