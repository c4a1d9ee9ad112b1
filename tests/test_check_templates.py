"""`check-templates`: each kind of template fault gives its stable code and a place the clerk
can find; the committed templates give none. Faulty templates are copies of ke-hoach.docx with
one edit in their XML."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from hoagiai.cli import main
from hoagiai.template_check import CODES, TemplateProblem, check_templates

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
KE_HOACH = TEMPLATES / "ke-hoach.docx"
RUN = '<w:t xml:space="preserve">{{ ke_hoach.mo_dau }}</w:t></w:r>'
TNR = 'w:ascii="Times New Roman"'


def edited(tmp_path: Path, edits: dict[str, list[tuple[str, str]]], name: str = "ke-hoach.docx") -> Path:
    """A copy of ke-hoach.docx with text replacements in its parts (each must match)."""
    target = tmp_path / "mau" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(KE_HOACH) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            for old, new in edits.get(info.filename, []):
                text = data.decode("utf-8")
                assert old in text, f"{old!r} not in {info.filename}"
                data = text.replace(old, new, 1).encode("utf-8")
            dst.writestr(info, data)
    return target


def check(path: Path, inputs: Path = ROOT / "inputs"):
    return check_templates(path.parent, [path], inputs_dir=inputs, rules_dir=ROOT / "rules")


def codes(problems) -> list[str]:
    return [p.code for p in problems]


DOC = "word/document.xml"


def test_split_tag_is_reported_with_its_paragraph(tmp_path):
    path = edited(tmp_path, {DOC: [(RUN, '<w:t xml:space="preserve">{{ ke_hoach.</w:t></w:r>'
                                         '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">mo_dau }}</w:t></w:r>')]})
    problems = check(path)
    assert codes(problems) == ["split-tag"]
    (p,) = problems
    assert p.template == "ke-hoach.docx" and p.where.startswith("đoạn ")
    assert "{{ ke_hoach.mo_dau }}" in p.message


def test_misspelled_end_tag_is_a_syntax_problem_at_its_paragraph(tmp_path):
    path = edited(tmp_path, {DOC: [("{%p endfor %}", "{%p endfro %}")]})
    problems = check(path)
    assert codes(problems) == ["syntax"]
    assert "endfro" in problems[0].message and "`endfor`" in problems[0].message
    assert problems[0].where.startswith("đoạn ")


def test_unclosed_if_points_at_its_opening_tag_in_the_header_table(tmp_path):
    path = edited(tmp_path, {DOC: [("{%p endif %}", "")]})
    problems = check(path)
    assert codes(problems) == ["syntax"]
    assert problems[0].where == "bảng 1, dòng 1, ô 1, đoạn 1"
    assert "{%p if don_vi.co_quan_chu_quan %}" in problems[0].message
    assert "{% endif %}" in problems[0].message


def test_unknown_filter(tmp_path):
    path = edited(tmp_path, {DOC: [("{{ ke_hoach.mo_dau }}", "{{ ke_hoach.mo_dau | viet_hoa }}")]})
    problems = check(path)
    assert codes(problems) == ["unknown-filter"]
    assert "viet_hoa" in problems[0].message and problems[0].where.startswith("đoạn ")


def test_misspelled_filter_gets_a_suggestion(tmp_path):
    path = edited(tmp_path, {DOC: [("| chu_cai }}", "| chu_cia }}")]})
    (p,) = check(path)
    assert p.code == "unknown-filter" and "`chu_cai`" in p.message


def test_unknown_variable_in_the_frame_and_inside_a_loop(tmp_path):
    path = edited(tmp_path, {DOC: [("{{ ke_hoach.mo_dau }}", "{{ ke_hoach.mo_dauu }}"),
                                   ("{{ nv.ten }}", "{{ nv.tenn }}")]})
    problems = check(path)
    assert codes(problems) == ["unknown-variable", "unknown-variable"]
    first, second = problems
    assert "`ke_hoach.mo_dauu`" in first.message and "`mo_dau`" in first.message
    assert "`nv.tenn`" in second.message  # a loop variable is checked against the list's elements
    assert first.where.startswith("đoạn ") and second.where.startswith("đoạn ")


def test_unknown_top_level_name(tmp_path):
    path = edited(tmp_path, {DOC: [("{{ ke_hoach.mo_dau }}", "{{ ke_hoch.mo_dau }}")]})
    (p,) = check(path)
    assert p.code == "unknown-variable" and "`ke_hoch.mo_dau`" in p.message


def test_internal_attribute_is_an_unknown_variable(tmp_path):
    path = edited(tmp_path, {DOC: [("{{ ke_hoach.mo_dau }}", "{{ van_ban.__dict__ }}")]})
    (p,) = check(path)
    assert p.code == "unknown-variable" and "nội bộ" in p.message


def test_loop_and_set_variables_are_not_context_names(tmp_path):
    # the committed template uses `loop`, `item`, `nv`, `m`, `d`, and `{% set muc_so %}`
    assert check(KE_HOACH) == []


def test_without_sample_data_only_top_level_names_are_checked(tmp_path):
    empty = tmp_path / "khong-co-du-lieu"
    empty.mkdir()
    path = edited(tmp_path, {DOC: [("{{ ke_hoach.mo_dau }}", "{{ van_bn.so }} {{ ke_hoach.khong_co }}")]})
    report = check(path, inputs=empty)
    assert codes(report) == ["unknown-variable"]
    assert "`van_bn`" in report[0].message and "`van_ban`" in report[0].message
    assert len(report.notes) == 1 and "chỉ kiểm tra tên biến cấp cao nhất" in report.notes[0]


def test_wrong_margins(tmp_path):
    path = edited(tmp_path, {DOC: [('w:left="1701"', 'w:left="1000"'), ('w:top="1134"', 'w:top="2000"')]})
    problems = check(path)
    assert codes(problems) == ["layout-margins", "layout-margins"]
    assert {p.where for p in problems} == {"trang"}
    assert any("Lề trái là 17,6 mm" in p.message for p in problems)
    assert any("Lề trên là 35,3 mm" in p.message for p in problems)


def test_letter_paper_and_landscape(tmp_path):
    path = edited(tmp_path, {DOC: [('<w:pgSz w:w="11906" w:h="16838"/>', '<w:pgSz w:w="12240" w:h="15840"/>')]})
    assert codes(check(path)) == ["layout-page"]


def test_a_run_in_another_font(tmp_path):
    path = edited(tmp_path, {DOC: [(f'{TNR} w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" '
                                    'w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>'
                                    '<w:t xml:space="preserve">{{ ke_hoach.mo_dau }}',
                                    'w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Times New Roman" '
                                    'w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>'
                                    '<w:t xml:space="preserve">{{ ke_hoach.mo_dau }}')]})
    (p,) = check(path)
    assert p.code == "layout-font" and p.where.startswith("đoạn ")
    assert "Arial" in p.message and "{{ ke_hoach.mo_dau }}" in p.message


def test_theme_font_in_a_style(tmp_path):
    path = edited(tmp_path, {"word/styles.xml": [(TNR, 'w:asciiTheme="minorHAnsi"')]})
    problems = check(path)
    assert set(codes(problems)) == {"layout-font"}
    assert "theme" in problems[0].message


def test_page_number_missing_and_first_page_not_different(tmp_path):
    path = edited(tmp_path, {"word/header2.xml": [(" PAGE ", " DATE ")],
                             DOC: [("<w:titlePg/>", "")]})
    problems = check(path)
    assert codes(problems) == ["layout-page-number", "layout-header"]
    assert all(p.where == "đầu trang" for p in problems)


def test_page_number_not_centred(tmp_path):
    path = edited(tmp_path, {"word/header2.xml": [('<w:jc w:val="center"/>', '<w:jc w:val="right"/>')]})
    (p,) = check(path)
    assert p.code == "layout-page-number" and "căn giữa" in p.message


def test_text_on_the_first_page_header(tmp_path):
    first = ('<w:jc w:val="center"/><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
             'w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/>'
             '</w:rPr></w:pPr>')
    path = edited(tmp_path, {"word/header1.xml": [(first, first + "<w:r><w:t>Trang 1</w:t></w:r>")]})
    (p,) = check(path)
    assert (p.code, p.where) == ("layout-header", "đầu trang (trang đầu)")


def test_tag_in_a_header_is_checked_too(tmp_path):
    first = '</w:rPr></w:pPr>'
    path = edited(tmp_path, {"word/header1.xml": [(first, first + "<w:r><w:t>{% if x %}</w:t></w:r>")]})
    problems = check(path)
    assert "syntax" in codes(problems)
    assert next(p for p in problems if p.code == "syntax").where == "đầu trang (trang đầu)"


def test_not_a_docx(tmp_path):
    bad = tmp_path / "mau" / "ke-hoach.docx"
    bad.parent.mkdir()
    bad.write_text("đây không phải tệp Word")
    (p,) = check(bad)
    assert (p.code, p.where) == ("unreadable", "tệp")


def test_problem_as_dict_and_codes_are_stable():
    p = TemplateProblem("a.docx", "đoạn 1", "syntax", "Lỗi")
    assert p.to_dict() == {"template": "a.docx", "where": "đoạn 1", "code": "syntax", "message": "Lỗi"}
    assert set(CODES) >= {"split-tag", "syntax", "unknown-filter", "unknown-variable", "layout-page",
                          "layout-margins", "layout-font", "layout-header", "layout-page-number"}


# --------------------------------------------------------------------------- command line

def _cli(*args: str):
    return CliRunner().invoke(main, ["--inputs", str(ROOT / "inputs"), "--rules", str(ROOT / "rules"),
                                     *args], catch_exceptions=False)


def test_committed_templates_pass():
    result = _cli("--templates", str(TEMPLATES), "check-templates", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == {"valid": True, "problems": []}


def test_cli_exit_1_and_json_for_a_bad_template(tmp_path):
    path = edited(tmp_path, {DOC: [("{%p endfor %}", "{%p endfro %}"), ('w:left="1701"', 'w:left="1000"')]})
    result = _cli("check-templates", "--json", str(path))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert [(p["template"], p["code"]) for p in data["problems"]] == [
        ("ke-hoach.docx", "syntax"), ("ke-hoach.docx", "layout-margins")]


def test_cli_human_output_is_vietnamese(tmp_path):
    shutil.copy(KE_HOACH, tmp_path / "ke-hoach.docx")
    bad = edited(tmp_path, {DOC: [("{{ ke_hoach.mo_dau }}", "{{ ke_hoach.mo_dau | viet_hoa }}")]},
                 name="ke-hoach.docx")
    result = _cli("--templates", str(bad.parent), "check-templates")
    assert result.exit_code == 1
    assert "unknown-filter" in result.stdout and "viet_hoa" in result.stdout
    assert "1 vấn đề trong 1/1 mẫu" in result.stdout


def test_cli_missing_file_is_a_usage_error(tmp_path):
    result = _cli("check-templates", str(tmp_path / "khong-co.docx"))
    assert result.exit_code == 2
    assert "Không tìm thấy tệp mẫu" in result.stderr


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.docx")), ids=lambda p: p.name)
def test_each_committed_template_is_clean(path):
    assert check_templates(TEMPLATES, [path], inputs_dir=ROOT / "inputs", rules_dir=ROOT / "rules") == []
