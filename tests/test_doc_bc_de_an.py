"""bc-de-an: one report per plan year from the calendar's month, the Nghị định 09/2019 period,
task progress from the plan, figures against the Đề án targets, blocking, golden demo text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


from hoagiai.documents import bc_de_an
from hoagiai.documents.base import Month
from hoagiai.findings import ERROR, Finding, Report
from hoagiai.stats import FIGURE_KEYS
from hoagiai.vn import so_hai_chu_so, ty_le
from report_fixtures import env, expected
from roster_doc_fixtures import figures, render_lines

START, END = dt.date(2025, 12, 15), dt.date(2026, 12, 14)


def test_built_from_december_for_each_plan_year():
    assert bc_de_an.plan(env(Month(2026, 11))) == []
    job, = bc_de_an.plan(env(Month(2026, 12)))
    assert job.id == "bc-de-an-2026" and job.month == 12
    assert bc_de_an.plan(env(Month(2026, 12), plans=False)) == []


def test_period_and_figures():
    job, = bc_de_an.plan(env())
    assert job.period == {"from": "2025-12-15", "to": "2026-12-14"}
    exp = expected(START, END)
    assert {k: figures(job)[k] for k in FIGURE_KEYS} == {k: exp[k] for k in FIGURE_KEYS}
    assert figures(job)["to_dat_dieu_12"] == 2 and figures(job)["to_co_chuyen_mon_luat"] == 2
    text = "\n".join(render_lines(job))
    assert ("Kỳ báo cáo: từ ngày 15/12/2025 đến ngày 14/12/2026 (thời gian chốt số liệu báo cáo định kỳ theo "
            "Nghị định số 09/2019/NĐ-CP") in text
    f = figures(job)
    assert (f"tiếp nhận {so_hai_chu_so(f['vu_viec_tiep_nhan'])} vụ, việc; hòa giải thành "
            f"{so_hai_chu_so(f['hoa_giai_thanh'])} vụ, việc") in text
    assert f"Tỷ lệ hòa giải thành: {ty_le(f['ty_le_thanh'])} (" in text
    assert "Số liệu tính đến ngày 14/12/2026;" in text


def test_tasks_and_progress_from_the_plan():
    e = env()
    kh = e.inputs.plans[2026]
    job, = bc_de_an.plan(e)
    lines = render_lines(job)
    for i, t in enumerate(kh.data["nhiem_vu"], start=1):
        assert f"{i}. {t['ten']}" in lines
        for m in t.get("muc", []):
            for line in m.get("tien_do", []):
                assert f"Kết quả: {line}" in lines
        for line in t.get("tien_do", []):
            assert f"Kết quả: {line}" in lines
    del kh.data["nhiem_vu"][0]["muc"][0]["tien_do"]
    job2, = bc_de_an.plan(e)
    assert "Kết quả: Chưa cập nhật kết quả thực hiện trong kỳ." in render_lines(job2)
    assert job2.cells != job.cells


def test_targets_table_from_rules():
    job, = bc_de_an.plan(env())
    lines = render_lines(job)
    f = figures(job)
    i = lines.index("Tỷ lệ hòa giải thành")
    done = f["hoa_giai_thanh"] + f["hoa_giai_khong_thanh"]
    # a 2030 target in 2026: progress, not "Chưa đạt"
    assert lines[i + 1:i + 4] == ["đạt từ 85% trở lên (đến hết năm 2030)",
                                 f"{ty_le(f['ty_le_thanh'])} ({f['hoa_giai_thanh']}/{done} vụ, việc)",
                                 "Đạt" if f["ty_le_thanh"] >= 0.85 else "Đang thực hiện, lộ trình đến năm 2030"]
    j = lines.index("Tổ hòa giải được kiện toàn bảo đảm số lượng, thành phần theo quy định")
    assert lines[j + 1:j + 4] == ["100% tổ hòa giải", "66,7% (2/3 tổ)", "Đang thực hiện, lộ trình đến năm 2030"]
    # the "outside support" target has no measure with its definition: no data, never "Đạt"
    k = next(n for n, x in enumerate(lines) if x.startswith("Tổ hòa giải có sự hỗ trợ chuyên môn của luật sư"))
    assert lines[k + 1:k + 4] == ["ít nhất 10% tổ hòa giải", "Chưa có số liệu", "Chưa có số liệu"]
    assert not any("gần đúng" in x or "Ghi chú" in x for x in lines)


def test_plan_errors_block_the_report():
    bad = Finding(code="plan-invalid", severity=ERROR, message="ke_hoach_2026.yaml: thiếu khóa.",
                  file="ke_hoach_2026.yaml", dataset="ke_hoach")
    job, = bc_de_an.plan(env(report=Report([bad])))
    assert job.blocked and job.reasons == ["ke_hoach_2026.yaml: thiếu khóa."]


def test_the_report_writes_its_figures_as_a_workbook(tmp_path):
    from openpyxl import load_workbook

    from hoagiai.documents import bc_de_an
    from hoagiai.documents.base import DocEnv, Month
    from hoagiai.validate import validate_workspace

    root = Path(__file__).resolve().parents[1]
    inputs = validate_workspace(root / "inputs", root / "rules")
    env = DocEnv(inputs, Month(2026, 12), root / "rules", root / "templates")
    (job,) = [j for j in bc_de_an.plan(env) if j.id == "bc-de-an-2026"]
    (att,) = job.attachments
    att.write(tmp_path / "b.xlsx")
    wb = load_workbook(tmp_path / "b.xlsx")
    assert wb.sheetnames[0] == "Chỉ tiêu Đề án" and "Biểu 1 - Tổ chức" in wb.sheetnames
    ws = wb["Chỉ tiêu Đề án"]
    rates = [r for r in ws.iter_rows(min_row=6, values_only=True) if r[0]]
    assert rates and all(r[4] in ("Đạt", "Chưa đạt", "Đang thực hiện, lộ trình đến năm 2030", "Chưa có số liệu")
                         for r in rates)
    f = figures(job)
    rate = f["hoa_giai_thanh"] / (f["hoa_giai_thanh"] + f["hoa_giai_khong_thanh"])
    assert any(isinstance(r[2], float) and abs(r[2] - rate) < 1e-9 for r in rates)
