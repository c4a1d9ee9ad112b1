"""Every Word template follows the Nghị định 30/2020/NĐ-CP frame, and ke-hoach.docx renders the model plan.

Layout checks read the .docx XML (python-docx / lxml). The render tests use docxtpl with the
production setting: a sandboxed, strict (StrictUndefined), autoescaped Jinja environment with the
filters of hoagiai.vn.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import sys
from pathlib import Path
from typing import Any

import jinja2
import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt
from docxtpl import DocxTemplate

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # tools/ and hoagiai/ import from the repository root
    sys.path.insert(0, str(ROOT))
TEMPLATES = sorted((ROOT / "templates").glob("*.docx"))
TNR = "Times New Roman"
FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")
EMU_PER_MM = 36000


def test_templates_exist():
    assert ROOT.joinpath("templates", "ke-hoach.docx") in TEMPLATES


# --------------------------------------------------------------------------- layout of every template

@pytest.fixture(params=TEMPLATES, ids=lambda p: p.name)
def doc(request):
    return Document(str(request.param))


def _mm(length) -> float:
    return length / EMU_PER_MM


def test_page_is_a4_portrait_with_decree_30_margins(doc):
    for section in doc.sections:
        assert _mm(section.page_width) == pytest.approx(210, abs=0.5)
        assert _mm(section.page_height) == pytest.approx(297, abs=0.5)
        assert section.orientation == 0  # portrait
        assert 20 - 0.1 <= _mm(section.top_margin) <= 25 + 0.1
        assert 20 - 0.1 <= _mm(section.bottom_margin) <= 25 + 0.1
        assert 30 - 0.1 <= _mm(section.left_margin) <= 35 + 0.1
        assert 15 - 0.1 <= _mm(section.right_margin) <= 20 + 0.1


def _assert_tnr(rfonts, where):
    for attr in THEME_ATTRS:
        assert rfonts.get(qn(attr)) is None, f"{where}: theme font {attr}"
    for attr in FONT_ATTRS:
        assert rfonts.get(qn(attr)) == TNR, f"{where}: {attr}={rfonts.get(qn(attr))!r}"


def test_times_new_roman_is_the_default_and_every_style_font(doc):
    styles = doc.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    _assert_tnr(default, "docDefaults")
    normal = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    _assert_tnr(normal.find(qn("w:rPr")).find(qn("w:rFonts")), "style Normal")
    assert normal.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "28"  # 14 pt
    for rfonts in styles.iter(qn("w:rFonts")):
        _assert_tnr(rfonts, "styles.xml")


def _parts(doc):
    """The main document and every header/footer part actually defined."""
    yield "document", doc.element
    for section in doc.sections:
        for kind in ("header", "first_page_header", "even_page_header", "footer", "first_page_footer",
                     "even_page_footer"):
            part = getattr(section, kind)
            if not part.is_linked_to_previous:
                yield kind, part.part.element


def test_every_run_names_times_new_roman(doc):
    for name, root in _parts(doc):
        for rfonts in root.iter(qn("w:rFonts")):
            _assert_tnr(rfonts, name)
        for run in root.iter(qn("w:r")):
            rpr = run.find(qn("w:rPr"))
            assert rpr is not None and rpr.find(qn("w:rFonts")) is not None, f"{name}: run without a font"


def test_page_number_in_header_hidden_on_first_page(doc):
    section = doc.sections[0]
    assert section.different_first_page_header_footer  # w:titlePg
    header = section.header.part.element
    instr = "".join(t.text or "" for t in header.iter(qn("w:instrText")))
    simple = [f.get(qn("w:instr")) for f in header.iter(qn("w:fldSimple"))]
    assert "PAGE" in instr.split() or any("PAGE" in (s or "").split() for s in simple)
    jc = header.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:jc"))
    assert jc.get(qn("w:val")) == "center"

    first = section.first_page_header
    assert not first.is_linked_to_previous
    first_el = first.part.element
    assert "".join(t.text or "" for t in first_el.iter(qn("w:t"))) == ""
    assert list(first_el.iter(qn("w:instrText"))) == [] and list(first_el.iter(qn("w:fldSimple"))) == []


def test_header_is_a_borderless_two_column_table(doc):
    body = doc.element.body
    first = next(iter(body))
    assert first.tag == qn("w:tbl"), "the document must open with the header table"
    table = doc.tables[0]
    assert len(table.columns) == 2 and len(table.rows) == 1
    widths_cm = [int(gc.get(qn("w:w"))) * 2.54 / 1440 for gc in first.find(qn("w:tblGrid"))]
    assert 5.5 <= widths_cm[0] <= 7.0 and 9.0 <= widths_cm[1] <= 11.0
    assert sum(widths_cm) <= 16.5 + 0.01  # within the text width
    borders = first.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        assert borders.find(qn(f"w:{edge}")).get(qn("w:val")) in ("nil", "none")
    for tc in first.iter(qn("w:tc")):
        tc_borders = tc.find(qn("w:tcPr")).find(qn("w:tcBorders"))
        assert tc_borders is None
    left, right = (c.text for c in table.rows[0].cells)
    assert "{{ don_vi.ten_dong_1 }}" in left and "{{ don_vi.ten_dong_2 }}" in left
    assert "{{ van_ban.so | so_hieu(van_ban.ky_hieu) }}" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    # solid short lines: under the agency name and under the motto
    for cell in table.rows[0].cells:
        assert any(p._p.find(qn("w:pPr")).find(qn("w:pBdr")) is not None for p in cell.paragraphs)


def test_every_jinja_tag_sits_in_one_run(doc):
    for name, root in _parts(doc):
        for run in root.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            for opening, closing in (("{{", "}}"), ("{%", "%}"), ("{#", "#}")):
                assert text.count(opening) == text.count(closing), f"{name}: split tag in {text!r}"


def test_core_properties_are_fixed(doc):
    cp = doc.core_properties
    fixed = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    assert cp.created == fixed and cp.modified == fixed
    assert cp.revision == 1


def test_generator_reproduces_committed_templates():
    from tools.templates import make

    built = make.render_all()
    assert sorted(built) == [p.name for p in TEMPLATES]
    for name, data in built.items():
        assert (ROOT / "templates" / name).read_bytes() == data, f"{name} is stale: run python -m tools.templates.make"


# --------------------------------------------------------------------------- rendering ke-hoach.docx

def env():
    """The production setting: sandboxed, strict, autoescaped, with the hoagiai.vn filters."""
    from hoagiai.vn import FILTERS

    e = ImmutableSandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    e.filters.update(FILTERS)
    return e


CHU_TRI = {"nhan": "Đơn vị chủ trì", "don_vi": "Văn phòng HĐND-UBND xã"}
PHOI_HOP = {"nhan": "Đơn vị phối hợp", "don_vi": "Các cơ quan, đơn vị có liên quan"}
THUC_HIEN = {"nhan": "Đơn vị thực hiện", "don_vi": "Văn phòng HĐND-UBND xã"}
DE_AN = "“Nâng cao năng lực đội ngũ hòa giải viên ở cơ sở giai đoạn 2024-2030”"

CONTEXT: dict[str, Any] = {
    "don_vi": {"co_quan_chu_quan": None, "ten_dong_1": "ỦY BAN NHÂN DÂN", "ten_dong_2": "XÃ AN THÀNH",
               "dia_danh": "An Thành", "ten_don_vi": "Ủy ban nhân dân xã An Thành"},
    "luu": "Lưu: VT, VP",
    "van_ban": {"so": None, "ky_hieu": "KH-UBND", "ngay": None, "thang": 5, "nam": 2026, "ban_hanh": False,
                "ten_loai": "KẾ HOẠCH",
                "trich_yeu": "Thực hiện Đề án “Nâng cao năng lực đội ngũ hòa giải viên cơ sở giai đoạn "
                             "2024-2030” năm 2026",
                "chu_the": None},
    "ky": {"dong": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "ho_ten": "Nguyễn Đức Thắng"},
    "noi_nhan": ["Sở Tư pháp", "Lãnh đạo UBND xã", "Các cơ quan, đơn vị có liên quan"],
    "ke_hoach": {
        "mo_dau": "Thực hiện Kế hoạch số 1977/KH-STP ngày 05/5/2026 của Sở Tư pháp thành phố Hải Phòng về "
                  f"thực hiện Đề án {DE_AN}, Ủy ban nhân dân xã An Thành xây dựng Kế hoạch thực hiện Đề án "
                  "năm 2026 như sau:",
        "muc_dich": [
            "Thực hiện đầy đủ, kịp thời, hiệu quả Quyết định số 315/QĐ-TTg ngày 17/4/2024 của Thủ tướng Chính "
            "phủ; các văn bản chỉ đạo, hướng dẫn của Bộ Tư pháp; Kế hoạch số 164/KH-UBND ngày 15/7/2024 của Ủy "
            "ban nhân dân thành phố về thực hiện Đề án trên địa bàn thành phố Hải Phòng.",
            "Quán triệt chủ trương, chính sách của Đảng, Nhà nước về hòa giải ở cơ sở; tiếp tục thực hiện có "
            "hiệu quả Luật Hoà giải cơ sở và các văn bản hướng dẫn thi hành; nâng cao năng lực, kỹ năng nghiệp "
            "vụ, kiến thức pháp luật cho đội ngũ hòa giải viên cơ sở đáp ứng yêu cầu của nhiệm vụ trong tình "
            "hình mới.",
            "Phát huy vai trò của công tác hòa giải ở cơ sở trong giải quyết mâu thuẫn, tranh chấp nhỏ trong "
            "cộng đồng dân cư, góp phần giữ gìn an ninh chính trị, trật tự an toàn xã hội trên địa bàn xã.",
            "Tăng cường hiệu quả quản lý nhà nước về công tác hòa giải ở cơ sở; nâng cao nhận thức trách nhiệm "
            "của các cấp, các ngành và nhân dân đối với công tác hòa giải.",
        ],
        "yeu_cau": [
            "Các hoạt động thực hiện Đề án đảm bảo đúng mục tiêu, đồng bộ, có trọng tâm, trọng điểm, phù hợp "
            "với yêu cầu thực tiễn và điều kiện thực tế của cơ sở.",
            "Xác định rõ nội dung công việc, tiến độ, trách nhiệm thực hiện và thời gian hoàn thành. Tăng cường "
            "sự phối hợp chặt chẽ giữa các ban ngành đoàn thể và các thôn trong quá trình tổ chức thực hiện.",
        ],
        "nhiem_vu": [
            {"ten": "Hoàn thiện thể chế liên quan đến công tác hòa giải ở cơ sở", "noi_dung": [],
             "muc": [
                 {"noi_dung": [
                     "Phối hợp thực hiện tổng rà soát hệ thống văn bản quy phạm pháp luật",
                     "liên quan đến hòa giải cơ sở theo Đề án “Hoàn thiện cấu trúc hệ thống pháp luật Việt Nam "
                     "đáp ứng yêu cầu phát triển đất nước trong kỷ nguyên mới” theo tinh thần Kết luận số "
                     "09-KL/TW ngày 10/03/2026 của Bộ Chính trị, các văn bản chỉ đạo của Trung ương, Bộ Tư pháp "
                     "và Thành phố.",
                     "Triển khai đầy đủ các văn bản quy phạm pháp luật, văn bản hướng dẫn về hòa giải ở cơ sở "
                     "đến đội ngũ hòa giải viên.",
                 ], "chu_tri": CHU_TRI, "phoi_hop": PHOI_HOP},
                 {"noi_dung": [
                     "Tham gia ý kiến xây dựng Luật Hòa giải ở cơ sở (sửa đổi) và các văn bản hướng dẫn thi "
                     "hành theo chỉ đạo của Ủy ban nhân dân thành phố hoặc đề nghị của Bộ Tư pháp.",
                 ], "chu_tri": CHU_TRI, "phoi_hop": PHOI_HOP},
             ],
             "chu_tri": None, "phoi_hop": None},
            {"ten": "Tổ chức truyền thông, thông tin, kiến thức pháp luật cho đội ngũ hoà giải viên cấp xã",
             "noi_dung": [
                 "Tổ chức tuyên truyền, phổ biến các quy định pháp luật liên quan trực tiếp đến công tác hòa giải.",
                 "Cử hòa giải viên tham gia các lớp tập huấn, bồi dưỡng nghiệp vụ do cấp trên tổ chức.",
                 "Lồng ghép phổ biến kiến thức pháp luật trong các cuộc họp, sinh hoạt cộng đồng tại địa phương.",
             ], "muc": [], "chu_tri": CHU_TRI, "phoi_hop": PHOI_HOP},
            {"ten": "Đẩy mạnh truyền thông, ứng dụng công nghệ thông tin trong công tác hoà giải cơ sở",
             "noi_dung": [
                 "Tăng cường tuyên truyền về công tác hòa giải trên hệ thống truyền thanh xã và các nền tảng mạng "
                 "xã hội phù hợp.",
                 "Khuyến khích hòa giải viên khai thác, sử dụng hiệu quả các nguồn tài liệu pháp luật điện tử, "
                 "ứng dụng công nghệ thông tin trong trao đổi nghiệp vụ.",
                 "Kịp thời biểu dương, nhân rộng các mô hình hòa giải hiệu quả, các hòa giải viên tiêu biểu.",
             ], "muc": [], "chu_tri": THUC_HIEN,
             "phoi_hop": {"nhan": "Đơn vị phối hợp", "don_vi": "Các đơn vị có liên quan"}},
            {"ten": "Rà soát, kiện toàn Tổ hoà giải và các hòa giải viên cơ sở",
             "noi_dung": [
                 "Rà soát số lượng, chất lượng hòa giải viên trên địa bàn; kịp thời kiện toàn các Tổ hòa giải "
                 "theo quy định.",
                 "Lựa chọn, bổ sung hòa giải viên có uy tín, có kiến thức pháp luật, kỹ năng",
                 "vận động quần chúng tham gia công tác hòa giải.",
                 "Thực hiện chế độ hỗ trợ đối với hòa giải viên theo quy định hiện hành.",
             ], "muc": [], "chu_tri": THUC_HIEN,
             "phoi_hop": {"nhan": "Đơn vị phối hợp", "don_vi": "Các cơ quan, đơn vị liên quan"}},
            {"ten": "Kiểm tra công tác hòa giải ở cơ sở",
             "noi_dung": [
                 "Tổ chức kiểm tra, đánh giá việc thực hiện công tác hòa giải tại các thôn. Kịp thời hướng dẫn, "
                 "tháo gỡ khó khăn, vướng mắc trong quá trình thực hiện. Biểu dương nhân rộng các mô hình, hòa "
                 "giải tiêu biểu; chấn chỉnh những tồn tại, hạn chế. Tổng hợp, báo cáo kết quả thực hiện theo "
                 "quy định.",
             ], "muc": [], "chu_tri": THUC_HIEN,
             "phoi_hop": {"nhan": "Đơn vị phối hợp", "don_vi": "Các cơ quan, đơn vị liên quan"}},
        ],
        "to_chuc": [
            {"ten": "Các cơ quan, đơn vị có liên quan", "doan": [
                "Các ban, ngành, đoàn thể xã phối hợp tuyên truyền, phổ biến pháp luật; vận động đoàn viên, hội "
                "viên và Nhân dân tích cực tham gia công tác hòa giải ở cơ sở. Phối hợp củng cố, nâng cao chất "
                "lượng hoạt động của các Tổ hòa giải. Các thôn tổ chức triển khai thực hiện các nội dung của Kế "
                "hoạch tại địa bàn.",
                "Giao cho Văn phòng HĐND và UBND xã chủ trì, hướng dẫn thực hiện Kế hoạch này và báo cáo kết quả "
                "thực hiện về UBND xã.",
            ]},
        ],
        "ket_luan": f"Trên đây là Kế hoạch thực hiện Đề án {DE_AN} tại Ủy ban nhân dân xã An Thành, yêu cầu các "
                    "cơ quan đơn vị có liên quan căn cứ nội dung Kế hoạch này triển khai thực hiện. Trường hợp có "
                    "khó khăn, vướng mắc, kịp thời phản ánh về UBND xã (qua Văn phòng HĐND và UBND xã) để xử lý, "
                    "giải quyết./.",
    },
}

# The model plan (shared seed 000), one paragraph per line, in reading order.
EXPECTED = """
Số:      /KH-UBND
An Thành, ngày      tháng 5 năm 2026
KẾ HOẠCH
Thực hiện Đề án “Nâng cao năng lực đội ngũ hòa giải viên cơ sở giai đoạn 2024-2030” năm 2026
Thực hiện Kế hoạch số 1977/KH-STP ngày 05/5/2026 của Sở Tư pháp thành phố Hải Phòng về thực hiện Đề án “Nâng cao năng lực đội ngũ hòa giải viên ở cơ sở giai đoạn 2024-2030”, Ủy ban nhân dân xã An Thành xây dựng Kế hoạch thực hiện Đề án năm 2026 như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
a) Thực hiện đầy đủ, kịp thời, hiệu quả Quyết định số 315/QĐ-TTg ngày 17/4/2024 của Thủ tướng Chính phủ; các văn bản chỉ đạo, hướng dẫn của Bộ Tư pháp; Kế hoạch số 164/KH-UBND ngày 15/7/2024 của Ủy ban nhân dân thành phố về thực hiện Đề án trên địa bàn thành phố Hải Phòng.
b) Quán triệt chủ trương, chính sách của Đảng, Nhà nước về hòa giải ở cơ sở; tiếp tục thực hiện có hiệu quả Luật Hoà giải cơ sở và các văn bản hướng dẫn thi hành; nâng cao năng lực, kỹ năng nghiệp vụ, kiến thức pháp luật cho đội ngũ hòa giải viên cơ sở đáp ứng yêu cầu của nhiệm vụ trong tình hình mới.
c) Phát huy vai trò của công tác hòa giải ở cơ sở trong giải quyết mâu thuẫn, tranh chấp nhỏ trong cộng đồng dân cư, góp phần giữ gìn an ninh chính trị, trật tự an toàn xã hội trên địa bàn xã.
d) Tăng cường hiệu quả quản lý nhà nước về công tác hòa giải ở cơ sở; nâng cao nhận thức trách nhiệm của các cấp, các ngành và nhân dân đối với công tác hòa giải.
2. Yêu cầu
a) Các hoạt động thực hiện Đề án đảm bảo đúng mục tiêu, đồng bộ, có trọng tâm, trọng điểm, phù hợp với yêu cầu thực tiễn và điều kiện thực tế của cơ sở.
b) Xác định rõ nội dung công việc, tiến độ, trách nhiệm thực hiện và thời gian hoàn thành. Tăng cường sự phối hợp chặt chẽ giữa các ban ngành đoàn thể và các thôn trong quá trình tổ chức thực hiện.
II. CÁC NỘI DUNG, NHIỆM VỤ CỤ THỂ
1. Hoàn thiện thể chế liên quan đến công tác hòa giải ở cơ sở
a) Phối hợp thực hiện tổng rà soát hệ thống văn bản quy phạm pháp luật
liên quan đến hòa giải cơ sở theo Đề án “Hoàn thiện cấu trúc hệ thống pháp luật Việt Nam đáp ứng yêu cầu phát triển đất nước trong kỷ nguyên mới” theo tinh thần Kết luận số 09-KL/TW ngày 10/03/2026 của Bộ Chính trị, các văn bản chỉ đạo của Trung ương, Bộ Tư pháp và Thành phố.
Triển khai đầy đủ các văn bản quy phạm pháp luật, văn bản hướng dẫn về hòa giải ở cơ sở đến đội ngũ hòa giải viên.
- Đơn vị chủ trì: Văn phòng HĐND-UBND xã.
- Đơn vị phối hợp: Các cơ quan, đơn vị có liên quan.
b) Tham gia ý kiến xây dựng Luật Hòa giải ở cơ sở (sửa đổi) và các văn bản hướng dẫn thi hành theo chỉ đạo của Ủy ban nhân dân thành phố hoặc đề nghị của Bộ Tư pháp.
- Đơn vị chủ trì: Văn phòng HĐND-UBND xã.
- Đơn vị phối hợp: Các cơ quan, đơn vị có liên quan.
2. Tổ chức truyền thông, thông tin, kiến thức pháp luật cho đội ngũ hoà giải viên cấp xã
Tổ chức tuyên truyền, phổ biến các quy định pháp luật liên quan trực tiếp đến công tác hòa giải.
Cử hòa giải viên tham gia các lớp tập huấn, bồi dưỡng nghiệp vụ do cấp trên tổ chức.
Lồng ghép phổ biến kiến thức pháp luật trong các cuộc họp, sinh hoạt cộng đồng tại địa phương.
- Đơn vị chủ trì: Văn phòng HĐND-UBND xã.
- Đơn vị phối hợp: Các cơ quan, đơn vị có liên quan.
3. Đẩy mạnh truyền thông, ứng dụng công nghệ thông tin trong công tác hoà giải cơ sở
Tăng cường tuyên truyền về công tác hòa giải trên hệ thống truyền thanh xã và các nền tảng mạng xã hội phù hợp.
Khuyến khích hòa giải viên khai thác, sử dụng hiệu quả các nguồn tài liệu pháp luật điện tử, ứng dụng công nghệ thông tin trong trao đổi nghiệp vụ.
Kịp thời biểu dương, nhân rộng các mô hình hòa giải hiệu quả, các hòa giải viên tiêu biểu.
- Đơn vị thực hiện: Văn phòng HĐND-UBND xã.
- Đơn vị phối hợp: Các đơn vị có liên quan.
4. Rà soát, kiện toàn Tổ hoà giải và các hòa giải viên cơ sở
Rà soát số lượng, chất lượng hòa giải viên trên địa bàn; kịp thời kiện toàn các Tổ hòa giải theo quy định.
Lựa chọn, bổ sung hòa giải viên có uy tín, có kiến thức pháp luật, kỹ năng
vận động quần chúng tham gia công tác hòa giải.
Thực hiện chế độ hỗ trợ đối với hòa giải viên theo quy định hiện hành.
- Đơn vị thực hiện: Văn phòng HĐND-UBND xã.
- Đơn vị phối hợp: Các cơ quan, đơn vị liên quan.
5. Kiểm tra công tác hòa giải ở cơ sở
Tổ chức kiểm tra, đánh giá việc thực hiện công tác hòa giải tại các thôn. Kịp thời hướng dẫn, tháo gỡ khó khăn, vướng mắc trong quá trình thực hiện. Biểu dương nhân rộng các mô hình, hòa giải tiêu biểu; chấn chỉnh những tồn tại, hạn chế. Tổng hợp, báo cáo kết quả thực hiện theo quy định.
- Đơn vị thực hiện: Văn phòng HĐND-UBND xã.
- Đơn vị phối hợp: Các cơ quan, đơn vị liên quan.
III. TỔ CHỨC THỰC HIỆN
1. Các cơ quan, đơn vị có liên quan
- Các ban, ngành, đoàn thể xã phối hợp tuyên truyền, phổ biến pháp luật; vận động đoàn viên, hội viên và Nhân dân tích cực tham gia công tác hòa giải ở cơ sở. Phối hợp củng cố, nâng cao chất lượng hoạt động của các Tổ hòa giải. Các thôn tổ chức triển khai thực hiện các nội dung của Kế hoạch tại địa bàn.
- Giao cho Văn phòng HĐND và UBND xã chủ trì, hướng dẫn thực hiện Kế hoạch này và báo cáo kết quả thực hiện về UBND xã.
Trên đây là Kế hoạch thực hiện Đề án “Nâng cao năng lực đội ngũ hòa giải viên ở cơ sở giai đoạn 2024-2030” tại Ủy ban nhân dân xã An Thành, yêu cầu các cơ quan đơn vị có liên quan căn cứ nội dung Kế hoạch này triển khai thực hiện. Trường hợp có khó khăn, vướng mắc, kịp thời phản ánh về UBND xã (qua Văn phòng HĐND và UBND xã) để xử lý, giải quyết./.
Nơi nhận:
- Sở Tư pháp;
- Lãnh đạo UBND xã;
- Các cơ quan, đơn vị có liên quan;
- Lưu: VT, VP.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Đức Thắng
""".strip().splitlines()


def _render(context) -> DocxDocument:
    tpl = DocxTemplate(str(ROOT / "templates" / "ke-hoach.docx"))
    tpl.render(context, jinja_env=env(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    out.seek(0)
    return Document(out)  # reopening proves the rendered XML is well formed


def _paragraph_texts(doc) -> list[str]:
    """Non-empty paragraph texts of the body in reading order (table cells left to right)."""
    texts = []
    for p in doc.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if text.strip():
            texts.append(text)
    return texts


def test_ke_hoach_declares_exactly_the_documented_context():
    tpl = DocxTemplate(str(ROOT / "templates" / "ke-hoach.docx"))
    assert tpl.get_undeclared_template_variables(jinja_env=env()) == {
        "don_vi", "van_ban", "ky", "noi_nhan", "luu", "ke_hoach"}


def test_ke_hoach_renders_the_model_plan_line_by_line():
    texts = _paragraph_texts(_render(CONTEXT))
    assert texts[:6] == ["ỦY BAN NHÂN DÂN", "XÃ AN THÀNH", "Số:      /KH-UBND",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "An Thành, ngày      tháng 5 năm 2026"]
    assert texts[6:] == EXPECTED[2:]
    assert not any("{{" in t or "{%" in t for t in texts)


def test_ke_hoach_issued_form_and_optional_lines():
    context = copy.deepcopy(CONTEXT)
    context["don_vi"]["co_quan_chu_quan"] = "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    context["van_ban"].update(so=5, ngay=dt.date(2026, 5, 5), ban_hanh=True,
                              chu_the="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN THÀNH")
    context["noi_nhan"] = ["Sở Tư pháp & Văn phòng <UBND>", "Lưu: VT, VP"]
    texts = _paragraph_texts(_render(context))
    assert texts[:3] == ["ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "ỦY BAN NHÂN DÂN", "XÃ AN THÀNH"]
    assert "Số: 05/KH-UBND" in texts
    assert "An Thành, ngày 05 tháng 5 năm 2026" in texts
    assert texts[texts.index("KẾ HOẠCH") + 2] == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN THÀNH"
    assert "- Sở Tư pháp & Văn phòng <UBND>;" in texts  # escaped in XML, intact in Word
    assert "- Lưu: VT, VP." in texts


def test_ke_hoach_strict_context_rejects_a_missing_key():
    context = copy.deepcopy(CONTEXT)
    del context["ke_hoach"]["nhiem_vu"][0]["chu_tri"]
    with pytest.raises(jinja2.UndefinedError):
        _render(context)


def test_rendered_runs_keep_times_new_roman():
    doc = _render(CONTEXT)
    for run in doc.element.body.iter(qn("w:r")):
        _assert_tnr(run.find(qn("w:rPr")).find(qn("w:rFonts")), "rendered run")
    sizes = {re.sub(r"\s+", " ", p.text): {r.font.size for r in p.runs} for p in doc.paragraphs if p.runs}
    assert not any(None in s for s in sizes.values())    # every run says its size
    assert sizes["KẾ HOẠCH"] == {Pt(14)}


# --------------------------------------------------------------------------- the frame API for later templates

def _frame():
    from tools.templates import frame

    return frame


def _decision_template() -> bytes:
    f = _frame()
    doc = f.new_document("Mẫu quyết định (kiểm thử)")
    f.add_header(doc)
    f.add_can_cu(doc)
    f.add_heading(doc, "QUYẾT ĐỊNH:", center=True)
    f.add_dieu(doc, "Điều 1.", "{{ qd.dieu_1 }}")
    f.add_dieu(doc, "Điều 2.", "{{ qd.dieu_2 }}")
    f.add_closing(doc)
    f.add_page_break(doc)
    f.add_appendix_title(doc, "Phụ lục", "DANH SÁCH HÒA GIẢI VIÊN",
                         "{{ phu_luc.kem_theo }}")
    f.add_table(doc, ["STT", "Họ và tên", "Năm sinh"], ["{{ loop.index }}", "{{ row.ho_ten }}", "{{ row.nam_sinh }}"],
                [1.5, 8.0, 3.0], loop="row in danh_sach", align=["center", "left", "center"])
    assert f.tag_problems(doc) == []
    return f.to_bytes(doc)


def test_frame_helpers_build_a_decision_with_an_appendix():
    data = _decision_template()
    assert _decision_template() == data  # deterministic

    context = copy.deepcopy(CONTEXT)
    context["van_ban"].update(ten_loai="QUYẾT ĐỊNH", ky_hieu="QĐ-UBND", trich_yeu="Về việc công nhận hòa giải viên",
                              chu_the="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN THÀNH")
    context["ky"]["dong"] = ["CHỦ TỊCH"]
    context.update(
        can_cu=["Căn cứ Luật Hòa giải ở cơ sở ngày 20 tháng 6 năm 2013",
                "Xét đề nghị của Trưởng ban công tác Mặt trận"],
        qd={"dieu_1": "Công nhận các ông, bà có tên trong danh sách kèm theo.", "dieu_2": "Quyết định có hiệu lực."},
        phu_luc={"kem_theo": "(Kèm theo Quyết định số      /QĐ-UBND của Chủ tịch UBND xã An Thành)"},
        danh_sach=[{"ho_ten": "Nguyễn Thị Hoa", "nam_sinh": 1970}, {"ho_ten": "Trần Văn Bình", "nam_sinh": 1965}],
    )
    tpl = DocxTemplate(io.BytesIO(data))
    assert tpl.get_undeclared_template_variables(jinja_env=env()) == {
        "don_vi", "van_ban", "ky", "noi_nhan", "luu", "can_cu", "qd", "phu_luc", "danh_sach"}
    tpl.render(context, jinja_env=env(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    out.seek(0)
    doc = Document(out)
    texts = _paragraph_texts(doc)
    i = texts.index("QUYẾT ĐỊNH")
    assert texts[i + 1:i + 3] == ["Về việc công nhận hòa giải viên", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN THÀNH"]
    assert texts[i + 3:i + 7] == [
        "Căn cứ Luật Hòa giải ở cơ sở ngày 20 tháng 6 năm 2013;",
        "Xét đề nghị của Trưởng ban công tác Mặt trận.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Công nhận các ông, bà có tên trong danh sách kèm theo.",
    ]
    assert "(Kèm theo Quyết định số      /QĐ-UBND của Chủ tịch UBND xã An Thành)" in texts

    # the appendix starts on a new page and its table repeats the header row on each page
    body = list(doc.element.body)
    page_break = f".//{qn('w:br')}[@{qn('w:type')}='page']"
    breaks = [el for el in body if el.tag == qn("w:p") and el.find(page_break) is not None]
    assert len(breaks) == 1 and _paragraph_texts_after(body, breaks[0])[0] == "Phụ lục"
    table = doc.tables[-1]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["STT", "Họ và tên", "Năm sinh"], ["1", "Nguyễn Thị Hoa", "1970"], ["2", "Trần Văn Bình", "1965"]]
    tr_pr = table.rows[0]._tr.trPr
    assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None


def _paragraph_texts_after(body, marker) -> list[str]:
    after = body[body.index(marker) + 1:]
    return [t for el in after if el.tag == qn("w:p") for t in ["".join(x.text or "" for x in el.iter(qn("w:t")))] if t]
