"""templates/ke-hoach.docx — Kế hoạch thực hiện Đề án (NĐ 30 Phụ lục III, Mẫu 1.4).

Context beyond the common frame keys (see frame.py):

    ke_hoach.mo_dau                       str — opening paragraph
    ke_hoach.muc_dich, ke_hoach.yeu_cau   [str] — lettered a), b), … (filter chu_cai)
    ke_hoach.nhiem_vu[]                   section II, numbered 1., 2., …
        .ten                              str — bold heading
        .noi_dung                         [str] — plain paragraphs (may be empty)
        .muc[]                            sub-items (may be empty)
            .noi_dung                     [str] — the first is prefixed "a) ", "b) ", …
            .chu_tri, .phoi_hop           {nhan, don_vi} | None
        .chu_tri, .phoi_hop               {nhan, don_vi} | None — "- <nhan>: <don_vi>."
    ke_hoach.to_chuc[]                    section III
        .ten                              str — bold heading "1. …"
        .doan                             [str] — each "- …"
    ke_hoach.ket_luan                     str — closing paragraph

Every key must be present (strict rendering); optional values are None or [].
"""

from __future__ import annotations

from . import frame as f

FILE = "ke-hoach.docx"
TITLE = "Mẫu kế hoạch (Nghị định 30/2020/NĐ-CP)"


def _don_vi_line(container, item: str) -> None:
    """'- Đơn vị chủ trì: Văn phòng HĐND-UBND xã.' when the item is set."""
    with f.only_if(container, item):
        f.add_body(container, f"- {{{{ {item}.nhan }}}}: {{{{ {item}.don_vi }}}}.")


def _lettered(doc, items: str) -> None:
    with f.for_each(doc, f"item in {items}"):
        f.add_body(doc, "{{ loop.index | chu_cai }}) {{ item }}")


def build():
    doc = f.new_document(TITLE)
    f.add_header(doc)

    f.add_body(doc, "{{ ke_hoach.mo_dau }}")

    f.add_heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    f.add_heading(doc, "1. Mục đích")
    _lettered(doc, "ke_hoach.muc_dich")
    f.add_heading(doc, "2. Yêu cầu")
    _lettered(doc, "ke_hoach.yeu_cau")

    f.add_heading(doc, "II. CÁC NỘI DUNG, NHIỆM VỤ CỤ THỂ")
    with f.for_each(doc, "nv in ke_hoach.nhiem_vu"):
        f.add_heading(doc, "{{ loop.index }}. {{ nv.ten }}")
        with f.for_each(doc, "d in nv.noi_dung"):
            f.add_body(doc, "{{ d }}")
        with f.for_each(doc, "m in nv.muc"):
            f.add_tag(doc, "{%p set muc_so = loop.index %}")
            with f.for_each(doc, "d in m.noi_dung"):
                f.add_body(doc, "{% if loop.first %}{{ muc_so | chu_cai }}) {% endif %}{{ d }}")
            _don_vi_line(doc, "m.chu_tri")
            _don_vi_line(doc, "m.phoi_hop")
        _don_vi_line(doc, "nv.chu_tri")
        _don_vi_line(doc, "nv.phoi_hop")

    f.add_heading(doc, "III. TỔ CHỨC THỰC HIỆN")
    with f.for_each(doc, "tc in ke_hoach.to_chuc"):
        f.add_heading(doc, "{{ loop.index }}. {{ tc.ten }}")
        with f.for_each(doc, "d in tc.doan"):
            f.add_body(doc, "- {{ d }}")

    f.add_body(doc, "{{ ke_hoach.ket_luan }}")
    f.add_closing(doc)
    return doc
