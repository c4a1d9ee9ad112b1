"""The render engine: strict, sandboxed, escaping — and the compiled path equals docxtpl's."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from hoagiai import docx_text
from hoagiai.errors import TemplateError
from hoagiai.render import CompiledTemplate, compiled, render_docxtpl


def _template(tmp_path: Path, paragraphs: list[str], name: str = "mau.docx") -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = tmp_path / name
    doc.save(str(path))
    return path


def test_missing_variable_is_a_clear_vietnamese_error(tmp_path):
    path = _template(tmp_path, ["Kính gửi {{ nguoi_nhan }}", "{{ van_ban.so }}"])
    with pytest.raises(TemplateError) as exc:
        compiled(path).render({"van_ban": {"so": 5}})
    assert "mau.docx" in exc.value.message and "`nguoi_nhan`" in exc.value.message
    with pytest.raises(TemplateError) as exc:
        render_docxtpl(path, {"van_ban": {"so": 5}})
    assert "`nguoi_nhan`" in exc.value.message


def test_missing_attribute_names_the_path(tmp_path):
    path = _template(tmp_path, ["{{ van_ban.so }}"])
    with pytest.raises(TemplateError) as exc:
        compiled(path).render({"van_ban": {}})
    assert "van_ban" in exc.value.message and "so" in exc.value.message


def test_syntax_error_is_reported_with_the_template_name(tmp_path):
    path = _template(tmp_path, ["{% for x in xs %}{{ x }}{% endfro %}"])
    with pytest.raises(TemplateError) as exc:
        CompiledTemplate(path)
    assert "mau.docx" in exc.value.message and "cú pháp" in exc.value.message


def test_special_characters_render_as_written_in_a_long_list(tmp_path):
    path = _template(tmp_path, ["{%p for r in rows %}", "{{ loop.index }}. {{ r }}", "{%p endfor %}", "Hết."])
    rows = [f'Lê Thị <Hoa> & Co "{i}"' for i in range(50)]
    data = compiled(path).render({"rows": rows})
    lines = docx_text.paragraphs(data)
    assert lines[:50] == [f"{i + 1}. {r}" for i, r in enumerate(rows)]
    assert lines[50] == "Hết."
    Document(io.BytesIO(data))  # a valid document


def test_compiled_and_docxtpl_paths_give_the_same_text(tmp_path):
    path = _template(tmp_path, ["{{ a }} và {{ b | so }}", "{%p if c %}", "có {{ c }}", "{%p endif %}"])
    ctx = {"a": "Hòa <giải>", "b": 1050000, "c": "x\ny"}
    assert docx_text.paragraphs(compiled(path).render(ctx)) == \
        docx_text.paragraphs(render_docxtpl(path, ctx))


def test_output_is_deterministic(tmp_path):
    path = _template(tmp_path, ["{{ a }}"])
    one = compiled(path).render({"a": "một"})
    two = CompiledTemplate(path).render({"a": "một"})
    assert one == two
    with zipfile.ZipFile(io.BytesIO(one)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_sandbox_refuses_attribute_tricks(tmp_path):
    path = _template(tmp_path, ["{{ a.__class__.__mro__ }}"])
    with pytest.raises(TemplateError) as exc:
        compiled(path).render({"a": "x"})
    assert "không được phép" in exc.value.message or "thiếu" in exc.value.message


def test_an_untested_docxtpl_is_refused_loudly():
    """The compiled renderer relies on docxtpl's patch_xml / resolve_listing: a release outside
    the proven range, or one without them, is an environment error, never a silent difference."""
    from docxtpl import DocxTemplate

    from hoagiai.errors import EnvironmentFailure
    from hoagiai.jinja_env import check_docxtpl

    check_docxtpl("0.20.2", DocxTemplate)
    with pytest.raises(EnvironmentFailure, match="docxtpl phiên bản 0.21.0"):
        check_docxtpl("0.21.0", DocxTemplate)
    with pytest.raises(EnvironmentFailure, match="thiếu resolve_listing"):
        check_docxtpl("0.20.2", type("Old", (), {"patch_xml": lambda self, x: x}))
