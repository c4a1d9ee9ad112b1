"""Templates render in a sandbox: an edited template cannot reach Python internals, mutate data
or call what is not allowed; a missing value or a syntax error is a Vietnamese TemplateError
(exit 2 through the CLI) and no file is written; text with XML-special characters renders
exactly, in long tables."""

from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile
from pathlib import Path
from typing import Any

import jinja2
import pytest
from click.testing import CliRunner
from docx import Document
from jinja2.sandbox import ImmutableSandboxedEnvironment

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # tools/ imports from the repository root
    sys.path.insert(0, str(ROOT))

from hoagiai.cli import main  # noqa: E402
from hoagiai.errors import TemplateError  # noqa: E402
from hoagiai.render import CompiledTemplate, environment, render_docxtpl  # noqa: E402

CONTEXT: dict[str, Any] = {"van_ban": {"so": 5, "ky_hieu": "QĐ-UBND"}, "noi_nhan": ["Sở Tư pháp", "Lưu: VT"],
                           "ky": {"dong": ["CHỦ TỊCH"], "ho_ten": "Nguyễn Văn A"}}


def one_paragraph_template(path: Path, text: str) -> Path:
    doc = Document()
    doc.add_paragraph(text)
    doc.save(str(path))
    return path


def test_environment_is_sandboxed_strict_and_escaping():
    env = environment()
    assert isinstance(env, ImmutableSandboxedEnvironment)
    assert env.undefined is jinja2.StrictUndefined
    assert env.autoescape is True


ATTACKS = [
    "{{ ''.__class__.__mro__ }}",                         # reach Python's type system
    "{{ cycler.__init__.__globals__ }}",                   # reach module globals through a global
    "{{ lipsum.__globals__['os'] }}",
    "{{ (1).__class__.__base__.__subclasses__() }}",
    "{{ '{0.__class__}'.format(van_ban) }}",              # str.format escape hatch
    "{{ noi_nhan.append('x') }}",                          # mutate the document's data
    "{{ ky.dong.pop() }}",
    "{{ self._TemplateReference__context }}",
]


@pytest.mark.parametrize("tag", ATTACKS)
def test_unsafe_access_is_refused(tmp_path, tag):
    tpl = CompiledTemplate(one_paragraph_template(tmp_path / "mau.docx", tag))
    with pytest.raises(TemplateError) as info:
        tpl.render(CONTEXT)
    assert info.value.exit_code == 2
    assert info.value.message.startswith("Mẫu mau.docx: mẫu dùng thao tác không được phép")
    assert CONTEXT["noi_nhan"] == ["Sở Tư pháp", "Lưu: VT"] and CONTEXT["ky"]["dong"] == ["CHỦ TỊCH"]


def test_internal_attribute_of_the_data_is_refused(tmp_path):
    tpl = CompiledTemplate(one_paragraph_template(tmp_path / "mau.docx", "{{ van_ban.__dict__ }}"))
    with pytest.raises(TemplateError) as info:
        tpl.render(CONTEXT)
    assert "`van_ban.__dict__`" in info.value.message


def test_plain_docxtpl_path_is_sandboxed_too(tmp_path):
    path = one_paragraph_template(tmp_path / "mau.docx", "{{ ''.__class__.__mro__ }}")
    with pytest.raises(TemplateError, match="không được phép"):
        render_docxtpl(path, CONTEXT)


def test_missing_value_names_the_variable(tmp_path):
    tpl = CompiledTemplate(one_paragraph_template(tmp_path / "mau.docx", "Số {{ van_ban.khong_co }}"))
    with pytest.raises(TemplateError) as info:
        tpl.render(CONTEXT)
    assert "`van_ban.khong_co`" in info.value.message and "thiếu giá trị" in info.value.message
    tpl = CompiledTemplate(one_paragraph_template(tmp_path / "mau2.docx", "{{ khong_co }}"))
    with pytest.raises(TemplateError, match="`khong_co`"):
        tpl.render(CONTEXT)


def test_missing_value_inside_a_loop_is_not_a_silent_blank(tmp_path):
    tpl = CompiledTemplate(one_paragraph_template(
        tmp_path / "mau.docx", "{% for r in noi_nhan %}{{ r.ten }}{% endfor %}"))
    with pytest.raises(TemplateError, match="ten"):
        tpl.render(CONTEXT)


def test_syntax_error_is_vietnamese_and_names_the_place(tmp_path):
    path = one_paragraph_template(tmp_path / "mau.docx", "{% if van_ban %}Có số")
    with pytest.raises(TemplateError) as info:
        CompiledTemplate(path)
    message = info.value.message
    assert message.startswith("Mẫu mau.docx: lỗi cú pháp thẻ mẫu")
    assert "{% if van_ban %}Có số" in message
    assert "Unexpected end of template" not in message   # Jinja's English is translated
    assert "chưa đóng" in message


def _table_template(path: Path) -> Path:
    from tools.templates import frame

    doc = frame.new_document("Bảng thử")
    frame.add_body(doc, "{{ tieu_de }}")
    frame.add_table(doc, ["STT", "Họ và tên", "Thôn"], ["{{ loop.index }}", "{{ r.ho_ten }}", "{{ r.thon }}"],
                    [1.5, 9.0, 6.0], loop="r in rows")
    frame.save(doc, path)
    return path


NASTY = 'Lê Thị <Hoa> & Co "A"'


@pytest.mark.parametrize("engine", ["compiled", "docxtpl"])
def test_xml_special_characters_render_exactly_in_a_50_row_table(tmp_path, engine):
    path = _table_template(tmp_path / "bang.docx")
    rows = [{"ho_ten": f"{NASTY} {i}", "thon": "Đông <Phan> & 'Tây'"} for i in range(1, 51)]
    context = {"tieu_de": f"Danh sách {NASTY}", "rows": rows}
    data = CompiledTemplate(path).render(context) if engine == "compiled" else render_docxtpl(path, context)
    doc = Document(io.BytesIO(data))          # opening proves the XML is well formed
    assert doc.paragraphs[0].text == f"Danh sách {NASTY}"
    table = doc.tables[0]
    assert len(table.rows) == 51
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        [str(i), f"{NASTY} {i}", "Đông <Phan> & 'Tây'"] for i in range(1, 51)]


# --------------------------------------------------------------------------- through the CLI

def _evil_workspace(tmp_path: Path, tag: str) -> tuple[Path, Path]:
    templates = tmp_path / "mau"
    shutil.copytree(ROOT / "templates", templates)
    target = templates / "ke-hoach.docx"
    with zipfile.ZipFile(ROOT / "templates" / "ke-hoach.docx") as src, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert "{{ ke_hoach.mo_dau }}" in text
                data = text.replace("{{ ke_hoach.mo_dau }}", tag.replace("<", "&lt;"), 1).encode("utf-8")
            dst.writestr(info, data)
    return templates, tmp_path / "ket-qua"


@pytest.mark.parametrize("tag", ["{{ ''.__class__.__mro__ }}", "{{ cycler.__init__.__globals__ }}",
                                 "{{ van_ban.__dict__ }}", "{{ ke_hoach.khong_co }}"])
def test_build_with_an_unsafe_template_exits_2_and_writes_nothing(tmp_path, tag):
    templates, outputs = _evil_workspace(tmp_path, tag)
    result = CliRunner().invoke(main, ["--inputs", str(ROOT / "inputs"), "--rules", str(ROOT / "rules"),
                                       "--templates", str(templates), "--outputs", str(outputs),
                                       "build", "--month", "2026-12", "--doc", "ke-hoach", "--no-pdf",
                                       "--json"])
    assert result.exit_code == 2, result.output
    (doc,) = json.loads(result.stdout)["documents"]
    assert doc["state"] == "failed" and doc["docx"] is None and doc["pdf"] is None
    assert doc["reasons"] and doc["reasons"][0].startswith("Mẫu ke-hoach.docx:")
    assert list(outputs.rglob("*.docx")) == [] and list(outputs.rglob("*.tmp")) == []
