"""templates/qd-sua-doi.docx — Quyết định sửa đổi, bổ sung một quyết định đã ban hành (NĐ 30/2020
Điều 18 khoản 3; Phụ lục III, Mẫu 1.3).

Context beyond the common frame keys (see frame.py):

    can_cu          [str] — "Căn cứ …" lines (the last one cites the decision amended)
    qd.de_nghi      str — "Xét đề nghị của …."
    qd.dieu_1       str — "Sửa đổi, bổ sung Quyết định số … như sau:"
    qd.dieu_1_muc   [str] — "1. Tại …, sửa “…” thành “…”." lines
    qd.dieu_2, qd.dieu_3   str
"""

from __future__ import annotations

from . import danh_sach as ds
from . import frame as f

FILE = "qd-sua-doi.docx"
TITLE = "Mẫu quyết định sửa đổi, bổ sung quyết định (Nghị định 30/2020/NĐ-CP)"


def build(title: str = TITLE, total: bool = False):
    """Also the supplementary payment decision's layout (qd_chi_bo_sung: `total` line)."""
    doc = f.new_document(title)
    ds.add_decision_start(doc)
    f.add_dieu(doc, "Điều 1.", "{{ qd.dieu_1 }}")
    with f.for_each(doc, "muc in qd.dieu_1_muc"):
        f.add_body(doc, "{{ muc }}")
    if total:
        with f.only_if(doc, "qd.tong"):
            f.add_body(doc, "{{ qd.tong }}")
    f.add_dieu(doc, "Điều 2.", "{{ qd.dieu_2 }}")
    f.add_dieu(doc, "Điều 3.", "{{ qd.dieu_3 }}")
    f.add_closing(doc)
    return doc
