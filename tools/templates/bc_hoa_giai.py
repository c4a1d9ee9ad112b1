"""templates/bc-hoa-giai.docx — Báo cáo kết quả công tác hòa giải ở cơ sở (6 tháng / năm), NĐ 30
Phụ lục III Mẫu 1.4, with the statistical tables (Biểu 1–3) in an appendix.

Context beyond the common frame keys (see frame.py):

    bc.mo_dau, bc.ket_luan        str
    bc.cap                        str — "xã"
    bc.ky                         .nhan .tu_text .den_text .so_lieu_den_text .che_do .van_ban
    bc.so_lieu_den                str — the day the figures run to (and the estimated remainder)
    bc.f                          figures (docs/contract.md §4 keys; ty_le_thanh float | None)
    bc.nam                        int — the report's year
    bc.van_ban, bc.to_chuc, bc.hoat_dong, bc.kiem_tra, bc.kinh_phi
                                  [str] — sentences computed from the figures (rules/van_ban/bc-hoa-giai.yaml `cau`)
    bc.to_khong_dat[]             .ten .ly_do [str] — teams not meeting Luật Điều 12
    bc.chi_dao, bc.boi_duong, bc.uu_diem, bc.han_che, bc.nguyen_nhan, bc.phuong_huong, bc.kien_nghi
                                  [str] — from the plan file, or a bracketed prompt
    bc.bieu[]                     the statistical forms of rules/bieu_thong_ke.yaml, filled:
                                  .tieu_de .ma .cot [header str] .dong [[cell str]] (last row "Tổng cộng");
                                  the tables have as many columns as the rule file's forms
    phu_luc.cua                   str — "Ủy ban nhân dân xã …" of the "(Kèm theo …)" line
    phu_luc.tieu_de, .don_vi_bao_cao, .don_vi_nhan, .ky_trai [2 str], .ky_phai [2 str]
"""

from __future__ import annotations

from pathlib import Path

from hoagiai.rulefiles import bieu_thong_ke

from . import danh_sach as ds
from . import frame as f

FILE = "bc-hoa-giai.docx"
TITLE = "Mẫu báo cáo kết quả công tác hòa giải ở cơ sở (Nghị định 30/2020/NĐ-CP)"
TABLE_PT = 10


def paragraphs(doc, items: str) -> None:
    with f.for_each(doc, f"p in {items}"):
        f.add_body(doc, "{{ p }}")


RULES = Path(__file__).resolve().parents[2] / "rules"


def form_table(doc, i: int, columns: int) -> None:
    """Form i of rules/bieu_thong_ke.yaml: title, code, a table of `columns` columns whose
    headers and cells come from the context (bc.bieu[i])."""
    b = f"bc.bieu[{i}]"
    f.add_heading(doc, f"{{{{ {b}.tieu_de }}}}", center=True, before=12 if i else 6)
    with f.only_if(doc, f"{b}.ma"):
        f.add_body(doc, f"Biểu số: {{{{ {b}.ma }}}}", italic=True, size=12, align="right", indent=False)
    first = 4.5 if columns <= 7 else 2.7
    widths = [first] + [round((16.5 - first) / (columns - 1), 2)] * (columns - 1)
    f.add_table(doc, [f"{{{{ {b}.cot[{j}] }}}}" for j in range(columns)],
                [f"{{{{ r[{j}] }}}}" for j in range(columns)], widths, loop=f"r in {b}.dong", size=TABLE_PT,
                align=["left"] + ["center"] * (columns - 1))


def signatures(doc) -> None:
    """"Người lập biểu" | "Thủ trưởng đơn vị" under the forms (borderless two-column table,
    after an empty paragraph: two adjacent tables would merge into one)."""
    f.add_body(doc, "", after=0)
    table = f._table(doc, [8.25, 8.25], 1, borders=False)
    for cell, side in zip(table.rows[0].cells, ("ky_trai", "ky_phai")):
        f._cell_paragraph(cell, f"{{{{ phu_luc.{side}[0] }}}}", size=13, bold=True, before=12)
        f._cell_paragraph(cell, f"{{{{ phu_luc.{side}[1] }}}}", size=12, italic=True)


def build():
    doc = f.new_document(TITLE)
    f.add_header(doc)
    f.add_body(doc, "{{ bc.mo_dau }}")
    f.add_body(doc, "Kỳ báo cáo: từ ngày {{ bc.ky.tu_text }} đến ngày {{ bc.ky.den_text }} ({{ bc.ky.che_do }} "
                    "theo {{ bc.ky.van_ban }}). {{ bc.so_lieu_den }}", italic=True)

    f.add_heading(doc, "I. CÔNG TÁC CHỈ ĐẠO, HƯỚNG DẪN, BAN HÀNH VĂN BẢN")
    paragraphs(doc, "bc.chi_dao")
    paragraphs(doc, "bc.van_ban")

    f.add_heading(doc, "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC HÒA GIẢI Ở CƠ SỞ")
    f.add_heading(doc, "1. Tổ chức, kiện toàn tổ hòa giải và đội ngũ hòa giải viên")
    paragraphs(doc, "bc.to_chuc")
    with f.only_if(doc, "bc.to_khong_dat"):
        f.add_body(doc, "Các tổ hòa giải chưa bảo đảm số lượng, thành phần:")
        with f.for_each(doc, "t in bc.to_khong_dat"):
            f.add_body(doc, "- {{ t.ly_do | join(' ') }}")

    f.add_heading(doc, "2. Bồi dưỡng kiến thức pháp luật, kỹ năng hòa giải")
    f.add_body(doc, "Số hòa giải viên được bồi dưỡng chuyên môn, nghiệp vụ trong năm {{ bc.nam }}: "
                    "{{ bc.f.duoc_boi_duong | so_hai_chu_so if bc.f.duoc_boi_duong else 'không có' }}"
                    "{{ ' người' if bc.f.duoc_boi_duong else '' }}.")
    paragraphs(doc, "bc.boi_duong")

    f.add_heading(doc, "3. Kết quả hoạt động hòa giải")
    paragraphs(doc, "bc.hoat_dong")
    f.add_body(doc, "Kết quả theo thôn, tổ dân phố và theo lĩnh vực tại Biểu 2 và Biểu 3 kèm theo.")

    f.add_heading(doc, "4. Kiểm tra công tác hòa giải ở cơ sở")
    paragraphs(doc, "bc.kiem_tra")

    f.add_heading(doc, "5. Kinh phí")
    paragraphs(doc, "bc.kinh_phi")

    f.add_heading(doc, "III. ĐÁNH GIÁ CHUNG")
    f.add_heading(doc, "1. Ưu điểm")
    paragraphs(doc, "bc.uu_diem")
    f.add_heading(doc, "2. Tồn tại, hạn chế")
    paragraphs(doc, "bc.han_che")
    f.add_heading(doc, "3. Nguyên nhân")
    paragraphs(doc, "bc.nguyen_nhan")
    f.add_heading(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN TỚI")
    paragraphs(doc, "bc.phuong_huong")
    f.add_heading(doc, "V. KIẾN NGHỊ, ĐỀ XUẤT")
    paragraphs(doc, "bc.kien_nghi")
    f.add_body(doc, "{{ bc.ket_luan }}")
    f.add_closing(doc)

    f.add_page_break(doc)
    f.add_appendix_title(doc, "Phụ lục", "{{ phu_luc.tieu_de }}", ds.KEM_THEO)
    f.add_body(doc, "{{ phu_luc.don_vi_bao_cao }}", size=12, indent=False, after=0)
    f.add_body(doc, "{{ phu_luc.don_vi_nhan }}", size=12, indent=False)
    for i, columns in enumerate(bieu_thong_ke.column_counts(RULES)):
        form_table(doc, i, columns)
    signatures(doc)
    return doc
