"""Vietnamese formatting: dates, numbers, amounts in words, periods, document numbers, sorting.

Pure functions, one module per concern. `FILTERS` is what the template environment
registers as Jinja filters. Importing this package is light: Babel and PyICU are imported on
first use, pandas never.
"""

from __future__ import annotations

from collections.abc import Callable

from .collation import sap_xep_nguoi, sort_key_nguoi, vi_key, vi_key_pure
from .dates import dong_ngay, ngay_nd30, ngay_so, thang_nam, tu_ngay_den_ngay
from .docnumber import so_hieu
from .loi import cac_ong_ba, co_dem, dem, lap_lai, liet_ke, nhieu, ong_ba, ong_ba_ten, viet_hoa_dau
from .numbers import chu_cai, la_ma, so, so_hai_chu_so, tien, ty_le
from .periods import nhan_ky
from .words import bang_chu, doc_so, tien_bang_chu

FILTERS: dict[str, Callable[..., str]] = {
    "ngay_nd30": ngay_nd30,
    "dong_ngay": dong_ngay,
    "ngay_so": ngay_so,
    "tu_ngay_den_ngay": tu_ngay_den_ngay,
    "thang_nam": thang_nam,
    "so": so,
    "tien": tien,
    "so_hai_chu_so": so_hai_chu_so,
    "ty_le": ty_le,
    "la_ma": la_ma,
    "chu_cai": chu_cai,
    "bang_chu": bang_chu,
    "tien_bang_chu": tien_bang_chu,
    "nhan_ky": nhan_ky,
    "so_hieu": so_hieu,
    "liet_ke": liet_ke,
    "dem": dem,
    "co_dem": co_dem,
    "ong_ba": ong_ba,
    "ong_ba_ten": ong_ba_ten,
    "cac_ong_ba": cac_ong_ba,
    "lap_lai": lap_lai,
}

__all__ = [
    "FILTERS",
    "bang_chu", "cac_ong_ba", "chu_cai", "co_dem", "dem", "lap_lai", "liet_ke", "nhieu", "ong_ba",
    "ong_ba_ten", "viet_hoa_dau", "doc_so", "dong_ngay", "la_ma", "ngay_nd30", "ngay_so",
    "nhan_ky", "sap_xep_nguoi", "so", "so_hai_chu_so", "so_hieu", "sort_key_nguoi",
    "thang_nam", "tien", "tien_bang_chu", "tu_ngay_den_ngay", "ty_le", "vi_key",
    "vi_key_pure",
]
