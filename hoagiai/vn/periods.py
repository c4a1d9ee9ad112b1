"""Names of reporting periods as reports write them ("Quý II năm 2026", "6 tháng đầu năm 2026").

Only the label: which dates a period covers (statistical window of Thông tư 03/2019/TT-BTP or
the narrative cut-off of Nghị định 09/2019/NĐ-CP) is decided by the rule files, not here.
"""

from __future__ import annotations

from ._kieu import as_int
from .dates import thang_nam
from .numbers import la_ma

LOAI_KY = ("thang", "quy", "6-thang-dau", "6-thang-cuoi", "nam")


def nhan_ky(loai: str, nam: int, so: int | None = None) -> str:
    """Label of a period of kind `loai` in year `nam`; `so` is the month (1..12) for "thang"
    and the quarter (1..4) for "quy", and must be None for the other kinds.

    "tháng 5 năm 2026", "Quý II năm 2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026",
    "năm 2026". Months follow Decree 30's zero rule ("tháng 02 năm 2026")."""
    if loai not in LOAI_KY:
        raise ValueError(f"loại kỳ báo cáo không hợp lệ: {loai!r} (chọn một trong {', '.join(LOAI_KY)})")
    nam = as_int(nam, "năm")
    if nam < 1:
        raise ValueError(f"năm không hợp lệ: {nam}")
    if loai in ("thang", "quy"):
        if so is None:
            raise ValueError(f"kỳ {loai!r} cần số {'tháng' if loai == 'thang' else 'quý'}")
        so = as_int(so, "số kỳ")
        if loai == "thang":
            return thang_nam(so, nam)
        if not 1 <= so <= 4:
            raise ValueError(f"quý không hợp lệ: {so}")
        return f"Quý {la_ma(so)} năm {nam}"
    if so is not None:
        raise ValueError(f"kỳ {loai!r} không có số kỳ (nhận được {so!r})")
    if loai == "6-thang-dau":
        return f"6 tháng đầu năm {nam}"
    if loai == "6-thang-cuoi":
        return f"6 tháng cuối năm {nam}"
    return f"năm {nam}"
