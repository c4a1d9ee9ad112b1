"""bc-hoa-giai: which reports exist by build month, period and figures against an independent
count, the same numbers in the rendered text and in the .xlsx, blocking, golden demo text."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from openpyxl import load_workbook

from hoagiai.documents import bc_hoa_giai
from hoagiai.documents.base import Month
from hoagiai.findings import ERROR, Finding, Report
from hoagiai.stats import FIGURE_KEYS
from hoagiai.vn import so_hai_chu_so, ty_le
from report_fixtures import env, expected
from roster_doc_fixtures import demo_env, figures, render_lines


def by_id(jobs):
    return {j.id: j for j in jobs}


def test_reports_appear_from_their_first_build_month():
    assert bc_hoa_giai.plan(env(Month(2026, 5))) == []
    assert list(by_id(bc_hoa_giai.plan(env(Month(2026, 6))))) == ["bc-hoa-giai-2026-6t"]
    assert list(by_id(bc_hoa_giai.plan(env(Month(2026, 10))))) == ["bc-hoa-giai-2026-6t"]
    assert list(by_id(bc_hoa_giai.plan(env(Month(2026, 11))))) == ["bc-hoa-giai-2026-6t", "bc-hoa-giai-2026-nam"]


def test_period_is_the_statistical_window_and_named_in_the_text():
    jobs = by_id(bc_hoa_giai.plan(env()))
    six, year = jobs["bc-hoa-giai-2026-6t"], jobs["bc-hoa-giai-2026-nam"]
    assert six.period == {"from": "2026-01-01", "to": "2026-06-30"}
    assert year.period == {"from": "2026-01-01", "to": "2026-12-31"}
    text = "\n".join(render_lines(six))
    assert ("Kỳ báo cáo: từ ngày 01/01/2026 đến ngày 30/6/2026 (kỳ báo cáo thống kê theo Thông tư số "
            "03/2019/TT-BTP") in text
    assert "BÁO CÁO" in text and "Kết quả công tác hòa giải ở cơ sở 6 tháng đầu năm 2026" in text
    assert "Số:      /BC-UBND" in text and "TM. ỦY BAN NHÂN DÂN" in text


# an early report counts actual figures to the calendar's cut-off (TT 03/2019 Điều 6: 31/5, 31/10)
@pytest.mark.parametrize("doc_id,start,end", [
    ("bc-hoa-giai-2026-6t", dt.date(2026, 1, 1), dt.date(2026, 5, 31)),
    ("bc-hoa-giai-2026-nam", dt.date(2026, 1, 1), dt.date(2026, 10, 31)),
])
def test_figures_match_independent_count_and_the_rendered_text(doc_id, start, end):
    job = by_id(bc_hoa_giai.plan(env()))[doc_id]
    exp = expected(start, end)
    assert list(job.figures) == list(FIGURE_KEYS)
    assert job.figures == {k: exp[k] for k in FIGURE_KEYS}
    text = "\n".join(render_lines(job))
    f = figures(job)
    n = so_hai_chu_so
    assert (f"có {n(f['to_hoa_giai'])} tổ hòa giải với {n(f['hoa_giai_vien'])} hòa giải viên, trong đó: nam "
            f"{n(exp['_nam'])} người, nữ {n(f['nu'])} người; người dân tộc thiểu số {n(f['dan_toc_thieu_so'])} người; "
            f"có chuyên môn luật {n(f['chuyen_mon_luat'])} người") in text
    assert f"trong năm 2026: {n(f['duoc_boi_duong'])} người" in text
    assert (f"tiếp nhận {n(f['vu_viec_tiep_nhan'])} vụ, việc") in text
    assert (f"hòa giải thành {n(f['hoa_giai_thanh'])} vụ, việc; hòa giải không thành "
            f"{n(f['hoa_giai_khong_thanh'])} vụ, việc; đang giải quyết {n(f['dang_giai_quyet'])} vụ, việc.") in text
    assert f"Tỷ lệ hòa giải thành: {ty_le(f['ty_le_thanh'])} (" in text
    if exp["_chuyen_sang"]:
        assert f"ngoài ra có {n(exp['_chuyen_sang'])} vụ, việc kỳ trước chuyển sang" in text


def test_six_month_report_carried_over_case_and_targets_as_progress():
    job = by_id(bc_hoa_giai.plan(env()))["bc-hoa-giai-2026-6t"]
    text = "\n".join(render_lines(job))
    assert "ngoài ra có 01 vụ, việc kỳ trước chuyển sang" in text
    # a 2030 target is progress in 2026, never "chưa đạt"
    assert ("Tỷ lệ hòa giải thành: 75% (số vụ, việc hòa giải thành trên tổng số vụ, việc đã kết thúc hòa giải); "
            "mục tiêu của Đề án là đạt từ 85% trở lên (đến hết năm 2030).") in text
    assert "Điều 12 Luật Hòa giải ở cơ sở: 02/03 tổ (66,7%); mục tiêu của Đề án là 100% tổ hòa giải." in text
    assert "chưa đạt" not in text and "— " not in text
    assert "- Tổ hòa giải thôn Thượng Đạt: chưa có hòa giải viên nữ." in text
    # thù lao of the cases ended 01/01–31/5 at the rates of TT 56/2023, in words, no working notes
    assert ("Thù lao cho hòa giải viên đối với các vụ, việc kết thúc hòa giải trong kỳ: 04 vụ, việc, tổng số tiền "
            "1.500.000 đồng (03 vụ, việc hòa giải thành, mức 400.000 đồng/vụ, việc; 01 vụ, việc hòa giải không thành, "
            "mức 300.000 đồng/vụ, việc).") in text
    assert "minh họa" not in text and "/tổ hòa giải" not in text


def test_a_target_whose_year_has_come_is_not_met_or_met():
    from hoagiai.documents import bc_noi_dung

    cau = env().kind_settings("bc-hoa-giai")["cau"]
    view = {"mo_ta": "đạt từ 85% trở lên (đến hết năm 2030)", "dat": False}
    assert bc_noi_dung.target_status(view, 2026, 2030) == "dang"
    assert bc_noi_dung.target_status(view, 2030, 2030) == "chua_dat"
    assert (bc_noi_dung.target_clause(cau, view, "chua_dat")
            == "; chưa đạt mục tiêu của Đề án (đạt từ 85% trở lên (đến hết năm 2030))")
    assert bc_noi_dung.target_clause(cau, {**view, "dat": True}, "dat").startswith("; đạt mục tiêu của Đề án")


def test_early_report_states_the_day_its_figures_run_to_and_the_estimate():
    jobs = by_id(bc_hoa_giai.plan(env(Month(2026, 11))))
    text = "\n".join(render_lines(jobs["bc-hoa-giai-2026-nam"]))
    assert ("Số liệu thực tế tính từ ngày 01/01/2026 đến ngày 31/10/2026; số liệu từ ngày 01/11/2026 đến ngày "
            "31/12/2026 là số liệu ước tính (tạm tính bằng số liệu thực tế đến ngày 31/10/2026)") in text
    assert "Tính đến ngày 31/10/2026, toàn xã có" in text
    assert "31/12/2026, toàn xã" not in text and "Tính đến ngày 31/12/2026" not in text


def test_unwritten_parts_are_prompts_or_plan_text():
    e = env()
    kh = e.inputs.plans[2026]
    kh.data.pop("bao_cao_hoa_giai", None)   # the demo plan has the text: take it out first
    job = by_id(bc_hoa_giai.plan(e))["bc-hoa-giai-2026-nam"]
    lines = render_lines(job)
    assert "[Người lập báo cáo bổ sung nội dung: ưu điểm.]" in lines
    kh.data["bao_cao_hoa_giai"] = {"nam": {"uu_diem": ["Các tổ hòa giải hoạt động đều."]}}
    job2 = by_id(bc_hoa_giai.plan(e))["bc-hoa-giai-2026-nam"]
    assert "Các tổ hòa giải hoạt động đều." in render_lines(job2)
    assert job2.cells != job.cells   # the plan text is part of the fingerprint


def test_tables_in_document_and_xlsx(tmp_path):
    job = by_id(bc_hoa_giai.plan(env()))["bc-hoa-giai-2026-nam"]
    att, = job.attachments
    assert att.suffix == ".xlsx" and att.content_key["figures"] == job.figures
    path = tmp_path / "b.xlsx"
    att.write(path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Biểu 1 - Tổ chức", "Biểu 2 - Kết quả theo thôn", "Biểu 3 - Theo lĩnh vực"]
    org = wb["Biểu 1 - Tổ chức"]
    header = [c.value for c in org[5]]
    assert header[:3] == ["Thôn, tổ dân phố", "Số tổ hòa giải", "Tổng số hòa giải viên"]
    rows = {r[0]: r for r in org.iter_rows(min_row=6, values_only=True)}
    assert rows["Tổng cộng"][1:3] == (job.figures["to_hoa_giai"], job.figures["hoa_giai_vien"])
    assert rows["An Lại"][2] == 4
    res = {r[0]: r for r in wb["Biểu 3 - Theo lĩnh vực"].iter_rows(min_row=6, values_only=True)}
    assert res["Tổng cộng"][2:6] == (job.figures["vu_viec_tiep_nhan"], job.figures["hoa_giai_thanh"],
                                     job.figures["hoa_giai_khong_thanh"], job.figures["dang_giai_quyet"])
    assert res["Tổng cộng"][6] == pytest.approx(job.figures["ty_le_thanh"])
    assert res["Mâu thuẫn giữa các bên"][6] is not None
    # the same totals printed in the document's Biểu 1
    lines = render_lines(job)
    i = lines.index("Biểu 1. Tổ hòa giải và hòa giải viên (tính đến ngày 31/10/2026)")
    total = lines.index("Tổng cộng", i)
    assert lines[total + 1:total + 3] == [str(job.figures["to_hoa_giai"]), str(job.figures["hoa_giai_vien"])]


def test_xlsx_stores_formula_like_text_as_text(tmp_path):
    rows = [{"ten": "=1+1"}, {"ten": "+84"}, {"ten": "-x"}, {"ten": "@SUM(A1)"}, {"ten": "An Lại"}]
    path = tmp_path / "t.xlsx"
    bc_hoa_giai.write_xlsx(path, "=HYPERLINK(\"x\")", "ky", [("S", "cap", [("ten", "Tên")], rows)])
    ws = load_workbook(path)["S"]
    assert ws["A1"].data_type == "s" and ws["A1"].value == '=HYPERLINK("x")'
    for i, r in enumerate(rows, start=6):
        assert ws.cell(i, 1).data_type == "s"
        assert ws.cell(i, 1).value == r["ten"]


def _error(row: int, column: str, code: str = "date-invalid", dataset: str = "vu_viec") -> Finding:
    file = "vu_viec.xlsx" if dataset == "vu_viec" else "hoa_giai_vien.xlsx"
    return Finding(code=code, severity=ERROR, message="Ngày không hợp lệ.", file=file, sheet="Sheet1",
                   row=row, column=column, dataset=dataset)


def test_error_on_a_counted_case_blocks_only_reports_that_count_it():
    # row 3 + index: HG-2026-09 (index 10) is received in July: the 6-month report is not affected
    rep = Report([_error(13, "Ghi chú", code="text-bad")])
    jobs = by_id(bc_hoa_giai.plan(env(report=rep)))
    assert not jobs["bc-hoa-giai-2026-6t"].blocked
    assert jobs["bc-hoa-giai-2026-nam"].blocked
    assert jobs["bc-hoa-giai-2026-nam"].reasons == [
        "vu_viec.xlsx, trang Sheet1, dòng 13, cột Ghi chú: Ngày không hợp lệ."]


def test_error_on_a_date_that_decides_counting_blocks():
    rep = Report([_error(3, "Ngày kết thúc")])     # a 2025 case: a bad end date could hide it
    jobs = by_id(bc_hoa_giai.plan(env(report=rep)))
    assert jobs["bc-hoa-giai-2026-6t"].blocked and jobs["bc-hoa-giai-2026-nam"].blocked


def test_team_composition_errors_do_not_block():
    rep = Report([_error(12, "Thôn", code="team-needs-woman", dataset="hoa_giai_vien")])
    jobs = by_id(bc_hoa_giai.plan(env(report=rep)))
    assert not any(j.blocked for j in jobs.values())


def test_error_on_a_proposed_mediator_does_not_block():
    rep = Report([_error(11, "Số CCCD", code="cccd-format", dataset="hoa_giai_vien")])   # Phạm Văn Đề
    assert not any(j.blocked for j in bc_hoa_giai.plan(env(report=rep)))


def test_fingerprint_cells_name_cases_and_people_by_content():
    job = by_id(bc_hoa_giai.plan(env()))["bc-hoa-giai-2026-6t"]
    assert "vu_viec.xlsx|Sheet1|HG-2025-12|Ngày kết thúc" in job.cells
    assert "hoa_giai_vien.xlsx|Sheet1|Nguyễn Thị Hoa|1970|Giới tính" in job.cells
    assert not any("Nguyễn Văn Tân" in k for k in job.cells)      # not yet recognised on 30/6


def test_demo_reports_state_their_figures():
    jobs = bc_hoa_giai.plan(demo_env("2026-12"))
    assert [j.id for j in jobs] == ["bc-hoa-giai-2026-6t", "bc-hoa-giai-2026-nam"]
    for job in jobs:
        lines = render_lines(job)
        f = figures(job)
        assert re.search(rf"tiếp nhận {so_hai_chu_so(f['vu_viec_tiep_nhan'])} vụ, việc", "\n".join(lines))
