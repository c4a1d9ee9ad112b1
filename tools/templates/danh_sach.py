"""Pieces shared by the roster decisions' templates (qd-cong-nhan, qd-thoi, qd-kien-toan):
the "(Kèm theo Quyết định số …)" line and the public people table.

The table shows only the fields of docs/domain.md, Decision 8: STT, Họ và tên, Năm sinh, Giới tính,
Thôn, Chức danh. The "Kèm theo" line is built from the frame's own number and date, so a
draft leaves them blank like the header ("số      /QĐ-UBND ngày      tháng 3 năm 2026") and
the issued form carries them.
"""

from __future__ import annotations

from . import frame as f

KEM_THEO = ('(Kèm theo {{ van_ban.ten_loai | lower | capitalize }} '
            '{{ van_ban.so | so_hieu(van_ban.ky_hieu) | replace("Số:", "số") }} '
            '{{ van_ban.ngay | dong_ngay("", van_ban.thang, van_ban.nam) }} của {{ phu_luc.cua }})')

HEADERS = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Chức danh"]
WIDTHS = [1.5, 4.7, 1.9, 1.9, 3.2, 3.2]
ALIGN = ["center", "left", "center", "center", "left", "left"]


def cells(var: str = "row") -> list[str]:
    return ["{{ loop.index }}", f"{{{{ {var}.ho_ten }}}}", f"{{{{ {var}.nam_sinh or '' }}}}",
            f"{{{{ {var}.gioi_tinh }}}}", f"{{{{ {var}.thon }}}}", f"{{{{ {var}.chuc_danh }}}}"]


def add_people_table(container, loop: str = "row in danh_sach"):
    var = loop.split(" in ")[0].strip()
    return f.add_table(container, HEADERS, cells(var), WIDTHS, loop=loop, align=ALIGN)


def add_decision_start(doc, proposal: str = "qd.de_nghi"):
    """The opening every decision shares: header, "Căn cứ …;" lines, the italic "Xét đề
    nghị …." line from `proposal`, then "QUYẾT ĐỊNH:" (Nghị định 30/2020, Mẫu 1.3)."""
    f.add_header(doc)
    add_can_cu_open(doc)
    f.add_body(doc, "{{ %s }}" % proposal, italic=True)
    f.add_heading(doc, "QUYẾT ĐỊNH:", center=True)


def add_can_cu_open(doc):
    """"Căn cứ …;" lines that all end with ";" — a "Xét đề nghị …." line follows them and
    closes the preamble (Nghị định 30/2020, Phụ lục III, Mẫu 1.3)."""
    with f.for_each(doc, "cc in can_cu"):
        f.add_body(doc, "{{ cc }};", italic=True)


def add_articles(doc, var: str = "qd.dieu"):
    """The decision's articles as data: "{{ d.so }}" bold + text, then its sub-items, one
    paragraph each (`var`: list of {so, noi_dung, muc}; the kind closes the last with "./.")."""
    with f.for_each(doc, f"d in {var}"):
        f.add_dieu(doc, "{{ d.so }}", "{{ d.noi_dung }}")
        with f.for_each(doc, "m in d.muc"):
            f.add_body(doc, "{{ m }}")


def add_list_appendix(doc, title: str, loop: str = "row in danh_sach", label: str = "DANH SÁCH"):
    """An attached list on its own pages, numbered from 1 (a section of its own)."""
    f.add_section_break(doc)
    f.add_appendix_title(doc, label, title, KEM_THEO)
    add_people_table(doc, loop=loop)
