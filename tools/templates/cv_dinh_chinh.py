"""templates/cv-dinh-chinh.docx — Công văn đính chính văn bản đã ban hành (NĐ 30/2020 Điều 18
khoản 3; Phụ lục III, Mẫu 1.5: no tên loại, "V/v …" under the number, "Kính gửi:", body ending
"./.").

Context beyond the common frame keys (see frame.py):

    cv.kinh_gui     [str] — recipients ("Kính gửi: …" lines)
    cv.mo_dau       str — "Ngày …, … ban hành …. Do sơ suất …, … đính chính như sau:"
    cv.dong         [str] — "- Tại …, đã viết là: “…”" / "Nay sửa lại là: “…”" lines
    cv.ket_thuc     str — closing sentence ending "./."
"""

from __future__ import annotations

from . import frame as f

FILE = "cv-dinh-chinh.docx"
TITLE = "Mẫu công văn đính chính (Nghị định 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.5)"


def build():
    doc = f.new_document(TITLE)
    header = f.add_header(doc, title=False)
    left = header.rows[0].cells[0]
    f.add_body(left, "{{ van_ban.trich_yeu }}", size=12, align="center", indent=False, after=0)
    f.add_body(doc, "", after=0)
    with f.for_each(doc, "kg in cv.kinh_gui"):
        f.add_body(doc, "Kính gửi: {{ kg }}.", align="center", indent=False, before=6, after=12)
    f.add_body(doc, "{{ cv.mo_dau }}")
    with f.for_each(doc, "d in cv.dong"):
        f.add_body(doc, "{{ d }}")
    f.add_body(doc, "{{ cv.ket_thuc }}")
    f.add_closing(doc)
    return doc
