"""Word templates used only by the benchmark (built with the project's Decree 30 frame).

- `decision(rows_per_table, tables)`: a decision with an attached list of people — one table
  of N rows (the shape of qd-cong-nhan / qd-kien-toan), or the same rows split into several
  tables, one per appendix section (per team);
- `paragraph_list()`: the same lines as plain paragraphs (no table), LibreOffice's fast path;
- `context(...)`: a matching context.

Nothing here is a project template; the real ones live in templates/ and tools/templates/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tools.templates import frame as f

HEADERS = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Chức danh"]
CELLS = ["{{ loop.index }}", "{{ row.ho_ten }}", "{{ row.nam_sinh }}", "{{ row.gioi_tinh }}",
         "{{ row.thon }}", "{{ row.chuc_danh }}"]
WIDTHS = [1.2, 4.8, 2.0, 2.0, 3.0, 3.5]
ALIGN = ["center", "left", "center", "center", "left", "left"]


def _frame(doc) -> None:
    f.add_header(doc)
    f.add_can_cu(doc)
    f.add_heading(doc, "QUYẾT ĐỊNH:", center=True)
    f.add_dieu(doc, "Điều 1.", "{{ dieu_1 }}")
    f.add_dieu(doc, "Điều 2.", "Quyết định này có hiệu lực kể từ ngày ký.")
    f.add_closing(doc)
    f.add_page_break(doc)
    f.add_appendix_title(doc, "Phụ lục", "DANH SÁCH HÒA GIẢI VIÊN", "(Kèm theo Quyết định)")


def one_table() -> bytes:
    """All rows in one table (`danh_sach`)."""
    doc = f.new_document("Bench: one table")
    _frame(doc)
    f.add_table(doc, HEADERS, CELLS, WIDTHS, loop="row in danh_sach", align=ALIGN)
    return f.to_bytes(doc)


def per_team_tables() -> bytes:
    """One short table per team (`to[]`: .ten, .danh_sach), each under its own heading."""
    doc = f.new_document("Bench: one table per team")
    _frame(doc)
    with f.for_each(doc, "to in to_list"):
        f.add_heading(doc, "{{ loop.index }}. {{ to.ten }}")
        f.add_table(doc, HEADERS, CELLS, WIDTHS, loop="row in to.danh_sach", align=ALIGN)
        f.add_body(doc, "", after=0)
    return f.to_bytes(doc)


def paragraph_list() -> bytes:
    """The same lines as paragraphs (no table)."""
    doc = f.new_document("Bench: paragraphs")
    _frame(doc)
    with f.for_each(doc, "row in danh_sach"):
        f.add_body(doc, "{{ loop.index }}. {{ row.ho_ten }}, {{ row.nam_sinh }}, {{ row.gioi_tinh }}, "
                        "thôn {{ row.thon }}, {{ row.chuc_danh }}", indent=False, after=0)
    return f.to_bytes(doc)


def write_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, fn in (("one-table", one_table), ("per-team", per_team_tables),
                     ("paragraphs", paragraph_list)):
        p = folder / f"bench-{name}.docx"
        p.write_bytes(fn())
        out[name] = p
    return out


def context(people: list[dict], team_size: int = 8) -> dict:
    """Frame + body context for `people` (dicts with ho_ten, nam_sinh, gioi_tinh, thon, chuc_danh)."""
    teams = []
    for i in range(0, len(people), team_size):
        chunk = people[i:i + team_size]
        teams.append({"ten": f"Tổ hòa giải thôn {chunk[0]['thon']}", "danh_sach": chunk})
    return {
        "don_vi": {"co_quan_chu_quan": None, "ten_dong_1": "ỦY BAN NHÂN DÂN", "ten_dong_2": "XÃ AN THÀNH",
                   "dia_danh": "An Thành", "ten_don_vi": "Ủy ban nhân dân xã An Thành"},
        "van_ban": {"so": None, "ky_hieu": "QĐ-UBND", "ngay": None, "thang": 5, "nam": 2026,
                    "ban_hanh": False, "ten_loai": "QUYẾT ĐỊNH",
                    "trich_yeu": "Về việc công nhận hòa giải viên", "chu_the": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN THÀNH"},
        "ky": {"dong": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "ho_ten": "Nguyễn Đức Thắng"},
        "noi_nhan": ["Như Điều 3"],
        "luu": "Lưu: VT, TP",
        "can_cu": ["Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
                   "Luật Hòa giải ở cơ sở ngày 20 tháng 6 năm 2013"],
        "dieu_1": f"Công nhận {len(people)} người có tên trong danh sách kèm theo là hòa giải viên.",
        "danh_sach": people,
        "to_list": teams,
        "_date": dt.date(2026, 5, 1).isoformat(),
    }
