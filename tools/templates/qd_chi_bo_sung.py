"""templates/qd-chi-bo-sung.docx — Quyết định chi bổ sung thù lao cho hòa giải viên (bổ sung một
quyết định chi đã ban hành; NĐ 30/2020 Điều 18 khoản 3; TT 56/2023 Điều 3 khoản 17).

Context beyond the common frame keys (see frame.py):

    can_cu          [str] — "Căn cứ …" lines (the last one cites the decision supplemented)
    qd.de_nghi      str — "Xét đề nghị …."
    qd.dieu_1       str — opening of Điều 1
    qd.dieu_1_muc   [str] — the rows added to the attached list, as they read there
    qd.tong         str|None — "Tổng số tiền chi bổ sung: … đồng (…)."
    qd.dieu_2, qd.dieu_3   str
"""

from __future__ import annotations

from . import qd_sua_doi

FILE = "qd-chi-bo-sung.docx"
TITLE = "Mẫu quyết định chi bổ sung thù lao cho hòa giải viên (Nghị định 30/2020/NĐ-CP)"


def build():
    return qd_sua_doi.build(TITLE, total=True)
