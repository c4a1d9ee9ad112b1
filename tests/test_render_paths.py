"""The fast render path (`CompiledTemplate`) gives exactly the text of plain docxtpl
(`render_docxtpl`) — for every document of the demo workspace and for a synthetic template that
uses every docxtpl construct the project relies on — and its bytes are deterministic."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoagiai import docx_text
from hoagiai.render import CompiledTemplate, render_docxtpl
from tools.templates import frame as f

ROOT = Path(__file__).resolve().parents[1]


def _same_text(path: Path, ctx: dict) -> list[str]:
    fast = CompiledTemplate(path).render(ctx)
    ref = render_docxtpl(path, ctx)
    assert docx_text.paragraphs(fast) == docx_text.paragraphs(ref)
    return docx_text.paragraphs(fast)


# ------------------------------------------------------------------ demo documents
def _demo_jobs():
    from hoagiai.engine import BuildOptions
    from hoagiai.engine.catalogue import documents, load_inputs
    from hoagiai.documents.base import Month
    from hoagiai.workspace import Workspace

    ws = Workspace.make(inputs=ROOT / "inputs")
    inputs = load_inputs(ws, today=dt.date(2026, 12, 31))
    kinds: frozenset[str] = frozenset()
    jobs = documents(ws, inputs, BuildOptions(month=Month(2026, 12), kinds=kinds,
                                              today=dt.date(2026, 12, 31)))
    return ws, [j for j in jobs if not j.blocked]


def test_every_demo_document_renders_the_same_text_on_both_paths():
    ws, jobs = _demo_jobs()
    assert jobs, "the demo workspace plans at least the yearly plan"
    for job in jobs:
        lines = _same_text(ws.templates / job.template, job.context)
        assert any(line.strip() for line in lines), job.id


def test_every_template_with_a_demo_document_is_covered():
    ws, jobs = _demo_jobs()
    used = {j.template for j in jobs}
    assert "ke-hoach.docx" in used
    assert used <= {p.name for p in ws.templates.glob("*.docx")}


# ------------------------------------------------------------------ synthetic template
def _synthetic(tmp_path: Path) -> Path:
    doc = f.new_document("Kiểm thử hai đường dựng")
    f.add_header(doc)
    f.add_can_cu(doc)
    f.add_body(doc, "Mở đầu: {{ mo_dau }}")
    with f.only_if(doc, "co_ghi_chu"):
        f.add_body(doc, "Ghi chú: {{ ghi_chu }}")
    with f.only_if(doc, "not co_ghi_chu"):
        f.add_body(doc, "Không có ghi chú.")
    with f.for_each(doc, "d in dieu"):
        f.add_dieu(doc, "Điều {{ loop.index }}.", "{{ d }}")
    f.add_table(doc, ["STT", "Họ và tên", "Năm sinh", "Thôn"],
                ["{{ loop.index }}", "{{ row.ho_ten }}", "{{ row.nam_sinh }}", "{{ row.thon }}"],
                [1.2, 6.0, 2.5, 4.0], loop="row in danh_sach")
    with f.for_each(doc, "to in cac_to"):
        f.add_heading(doc, "{{ to.ten }}")
        with f.for_each(doc, "n in to.nguoi"):
            f.add_body(doc, "- {{ n }}")
    f.add_closing(doc)
    path = tmp_path / "tong-hop.docx"
    path.write_bytes(f.to_bytes(doc))
    return path


def _frame_ctx() -> dict:
    return {
        "don_vi": {"co_quan_chu_quan": None, "ten_dong_1": "ỦY BAN NHÂN DÂN", "ten_dong_2": "XÃ AN THÀNH",
                   "dia_danh": "An Thành", "ten_don_vi": "Ủy ban nhân dân xã An Thành"},
        "van_ban": {"so": None, "ky_hieu": "QĐ-UBND", "ngay": None, "thang": 5, "nam": 2026,
                    "ban_hanh": False, "ten_loai": "QUYẾT ĐỊNH", "trich_yeu": "Về việc <thử> & \"kiểm\"",
                    "chu_the": None},
        "ky": {"dong": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "ho_ten": "Nguyễn Đức Thắng"},
        "noi_nhan": ["Như Điều 3"], "luu": "Lưu: VT, TP",
        "can_cu": ["Luật Hòa giải ở cơ sở ngày 20 tháng 6 năm 2013"],
    }


def _ctx(**over) -> dict:
    ctx = _frame_ctx() | {
        "mo_dau": "Lê Thị <Hoa> & Co \"trích\" 'đơn' > 5",
        "co_ghi_chu": True,
        "ghi_chu": "dòng một\ndòng hai\tcột\tba",
        "dieu": ["Công nhận <bà> A & B.", "Giao\tVăn phòng\nthực hiện."],
        "danh_sach": [{"ho_ten": f"Nguyễn Thị Ánh {i} <&>", "nam_sinh": 1960 + i, "thon": "Đông Phan"}
                      for i in range(1, 31)],
        "cac_to": [{"ten": "Tổ hòa giải thôn An Lại", "nguoi": ["Trần Văn Hùng", "Lê \"Bé\" Na"]},
                   {"ten": "Tổ hòa giải thôn Đông Phan", "nguoi": []}],
    }
    ctx.update(over)
    return ctx


def test_synthetic_template_same_text_with_loops_conditions_escaping_and_listing(tmp_path):
    path = _synthetic(tmp_path)
    lines = _same_text(path, _ctx())
    text = "\n".join(lines)
    assert "Lê Thị <Hoa> & Co \"trích\" 'đơn' > 5" in text
    assert "Ghi chú: dòng một\ndòng hai\tcột\tba" in lines
    assert "Không có ghi chú." not in lines
    assert sum("Nguyễn Thị Ánh" in line for line in lines) == 30
    assert "- Lê \"Bé\" Na" in lines


def test_synthetic_template_other_branch_and_empty_lists(tmp_path):
    path = _synthetic(tmp_path)
    lines = _same_text(path, _ctx(co_ghi_chu=False, danh_sach=[], cac_to=[], dieu=[]))
    assert "Không có ghi chú." in lines
    assert not any("Nguyễn Thị Ánh" in line for line in lines)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.text(alphabet=st.sampled_from(list("aăâđêôơư AĐƯ<>&\"'\n\tạò{}%#;")),
                               max_size=20), min_size=1, max_size=6))
def test_any_text_value_renders_the_same_on_both_paths(tmp_path, values):
    path = tmp_path / "gia-tri.docx"
    if not path.exists():
        doc = Document()
        doc.add_paragraph("{%p for v in values %}")
        doc.add_paragraph("[{{ v }}]")
        doc.add_paragraph("{%p endfor %}")
        doc.save(path)
    lines = _same_text(path, {"values": values})
    assert len(lines) == len(values)


# ------------------------------------------------------------------ determinism
def test_same_inputs_give_the_same_bytes_across_compilations(tmp_path):
    path = _synthetic(tmp_path)
    one = CompiledTemplate(path).render(_ctx(), core_title="Tiêu đề")
    two = CompiledTemplate(path).render(_ctx(), core_title="Tiêu đề")
    tpl = CompiledTemplate(path)
    tpl.render(_ctx(mo_dau="khác"))
    three = tpl.render(_ctx(), core_title="Tiêu đề")   # reuse after another document
    assert one == two == three
    assert CompiledTemplate(path).render(_ctx(mo_dau="khác")) != one


def test_fast_zip_is_a_valid_docx_with_fixed_times_and_template_order(tmp_path):
    path = _synthetic(tmp_path)
    data = CompiledTemplate(path).render(_ctx(), core_title="Quyết định <thử>")
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zipfile.ZipFile(path) as src:
        assert zf.testzip() is None
        assert zf.namelist() == src.namelist()
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        for name in src.namelist():
            if not name.startswith(("word/document", "word/header", "word/footer", "docProps/core")):
                assert zf.read(name) == src.read(name), name
    doc = Document(io.BytesIO(data))
    assert doc.core_properties.title == "Quyết định <thử>"
    assert len(doc.tables) == 3


@pytest.mark.parametrize("value", ["x\ny", "a\tb", "không có ký tự đặc biệt"])
def test_listing_characters_only_in_text_trigger_the_listing_pass(tmp_path, value):
    doc = Document()
    doc.add_paragraph("{{ v }}")
    path = tmp_path / "t.docx"
    doc.save(path)
    lines = _same_text(path, {"v": value})
    assert lines == [value]
