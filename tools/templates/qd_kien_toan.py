"""templates/qd-kien-toan.docx — Quyết định kiện toàn tổ hòa giải ở cơ sở (NĐ 30 Phụ lục III,
Mẫu 1.3), one appendix per team.

The appendices are ONE `{%p for t in to %}` loop holding a section break (each appendix is a
section whose page numbers restart at 1: Nghị định 30/2020, Phụ lục I), the appendix title and
the team's table (a `{%tr for %}` row loop): docxtpl renders a table inside a paragraph loop
(checked in tests/test_doc_qd_kien_toan.py), so the number of teams is not fixed in the file.

Context beyond the common frame keys (see frame.py):

    can_cu                  [str] — "Căn cứ …" lines
    qd.de_nghi              str — "Xét đề nghị …."
    qd.dieu[]               .so .noi_dung .muc [str] — Điều 1 with one line per team (count,
                            women, tổ trưởng, appendix number); the last article ends "./."
    phu_luc.cua             str — "Chủ tịch Ủy ban nhân dân xã …"
    to[]                    teams in the profile's order
        .phu_luc            str — Roman numeral of its appendix
        .tieu_de            str — "DANH SÁCH TỔ HÒA GIẢI THÔN …"
        .danh_sach[]        .ho_ten .nam_sinh .gioi_tinh .thon .chuc_danh (Decision 8 fields only)
"""

from __future__ import annotations

from . import danh_sach as ds
from . import frame as f

FILE = "qd-kien-toan.docx"
TITLE = "Mẫu quyết định kiện toàn tổ hòa giải ở cơ sở (Nghị định 30/2020/NĐ-CP)"


def build():
    doc = f.new_document(TITLE)
    ds.add_decision_start(doc)
    ds.add_articles(doc)
    f.add_closing(doc)
    with f.for_each(doc, "t in to"):
        ds.add_list_appendix(doc, "{{ t.tieu_de }}", loop="row in t.danh_sach",
                             label="Phụ lục {{ t.phu_luc }}")
    return doc
