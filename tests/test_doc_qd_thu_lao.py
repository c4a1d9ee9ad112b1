"""qd-thu-lao: one decision per month with paid cases, amounts against an independent count,
amount in words equal to the figure in every decision, rates by end date, no party names,
blocking limited to the month, golden demo text."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

import golden
from hoagiai.documents import qd_thu_lao
from hoagiai.documents.base import Month
from hoagiai.findings import ERROR, Finding, Report
from hoagiai.vn import so_hai_chu_so, tien
from hoagiai.vn.words import tien_bang_chu
from report_fixtures import CASES, RULES, env, paid_in
from roster_doc_fixtures import demo_env, render_lines


def by_id(jobs):
    return {j.id: j for j in jobs}


def test_one_decision_per_month_with_ended_cases_up_to_the_build_month():
    jobs = by_id(qd_thu_lao.plan(env(Month(2026, 7))))
    assert list(jobs) == ["qd-thu-lao-2025-11", "qd-thu-lao-2026-01", "qd-thu-lao-2026-02", "qd-thu-lao-2026-03",
                          "qd-thu-lao-2026-04", "qd-thu-lao-2026-07"]
    jul = jobs["qd-thu-lao-2026-07"]
    assert jul.period == {"from": "2026-07-01", "to": "2026-07-31"}
    assert jul.figures == {"so_vu_viec": 2, "tong_tien": 800_000}     # the June → July case is paid in July


def test_figures_match_an_independent_count():
    for job in qd_thu_lao.plan(env()):
        y, m = job.year, job.month
        n, total = paid_in(y, m)
        assert job.figures == {"so_vu_viec": n, "tong_tien": total}, job.id


def test_text_states_count_rate_total_and_words():
    job = by_id(qd_thu_lao.plan(env()))["qd-thu-lao-2026-07"]
    lines = render_lines(job)
    text = "\n".join(lines)
    assert "Về việc chi thù lao cho hòa giải viên ở cơ sở tháng 7 năm 2026" in text
    assert "ỦY BAN NHÂN DÂN XÃ AN THÀNH" in lines                  # collective decision
    assert "- 02 vụ, việc × 400.000 đồng/vụ, việc = 800.000 đồng." in lines
    assert "Tổng số tiền: 800.000 đồng (Bằng chữ: Tám trăm nghìn đồng)." in lines
    assert "- Tổ hòa giải thôn An Lại: 02 vụ, việc, 800.000 đồng." in lines
    i = lines.index("Mức chi (đồng)")
    assert lines[i + 1:i + 10] == ["1", "HG-2026-05", "An Lại", "20/6/2026", "05/7/2026", "Mâu thuẫn về lối đi chung",
                                   "Thành", "Nguyễn Thị Hoa", "400.000"]
    assert "Nguyễn Văn Trưởng, Lò Thị Xuân" in lines               # mediators are paid: named


def _many_cases() -> list[dict]:
    """Twelve months with 1…12 paid cases, plus open cases that are never paid."""
    rows = []
    for m in range(1, 13):
        for k in range(m):
            day = dt.date(2026, m, 1 + k)
            rows.append({"ma_vu_viec": f"T{m:02d}-{k:02d}", "thon": ["An Lại", "Đông Phan", "Thượng Đạt"][k % 3],
                         "ngay_tiep_nhan": (day - dt.timedelta(days=3)).isoformat(),
                         "ket_qua": "Thành" if k % 4 else "Không thành", "ngay_ket_thuc": day.isoformat(),
                         "linh_vuc": "Khác", "hoa_giai_vien": ["Nguyễn Thị Hoa"], "noi_dung": "Mâu thuẫn"})
        rows.append({"ma_vu_viec": f"D{m:02d}", "thon": "An Lại", "ngay_tiep_nhan": dt.date(2026, m, 2).isoformat(),
                     "ket_qua": "Đang giải quyết", "ngay_ket_thuc": None, "linh_vuc": "Khác",
                     "hoa_giai_vien": ["Nguyễn Thị Hoa"], "noi_dung": "Mâu thuẫn"})
    return rows


def _rules_with_two_rates(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "thu_lao.yaml").write_text(
        "version: 1\nket_qua_duoc_chi: [Thành, Không thành]\nmuc_chi:\n"
        "  - {muc: 400000, minh_hoa: true, nguon: minh họa, hieu_luc_tu: 2023-10-02, hieu_luc_den: 2026-06-15}\n"
        "  - {muc: 455000, minh_hoa: true, nguon: minh họa, hieu_luc_tu: 2026-06-16}\n", encoding="utf-8")
    return rules


def test_amount_in_words_equals_the_figure_in_every_decision(tmp_path):
    cases = _many_cases()
    jobs = qd_thu_lao.plan(env(rules_dir=_rules_with_two_rates(tmp_path), cases=cases))
    assert len(jobs) == 12
    totals = set()
    for job in jobs:
        ended = [c for c in cases if c["ket_qua"] != "Đang giải quyết"
                 and dt.date.fromisoformat(c["ngay_ket_thuc"]).month == job.month]
        expect = sum(400_000 if dt.date.fromisoformat(c["ngay_ket_thuc"]) <= dt.date(2026, 6, 15) else 455_000
                     for c in ended)
        assert job.figures == {"so_vu_viec": len(ended), "tong_tien": expect}
        lines = render_lines(job)
        words = tien_bang_chu(job.figures["tong_tien"])
        assert f"Tổng số tiền: {tien(expect)} (Bằng chữ: {words})." in lines
        assert f"Tổng cộng: {so_hai_chu_so(len(ended))} vụ, việc; {tien(expect)}." in lines
        totals.add(expect)
    assert len(totals) >= 10


def test_rate_change_inside_a_month_gives_one_line_per_rate(tmp_path):
    cases = _many_cases() + [
        {"ma_vu_viec": "R1", "thon": "An Lại", "ngay_tiep_nhan": "2026-06-10", "ket_qua": "Thành",
         "ngay_ket_thuc": "2026-06-20", "linh_vuc": "Khác", "hoa_giai_vien": ["Nguyễn Thị Hoa"], "noi_dung": "x"}]
    job = by_id(qd_thu_lao.plan(env(rules_dir=_rules_with_two_rates(tmp_path), cases=cases)))["qd-thu-lao-2026-06"]
    lines = render_lines(job)
    # June: days 1…6 end before 16/6 at 400.000; R1 ends 20/6 at the new rate
    assert "- 06 vụ, việc × 400.000 đồng/vụ, việc = 2.400.000 đồng;" in lines
    assert "- 01 vụ, việc × 455.000 đồng/vụ, việc = 455.000 đồng." in lines
    assert job.figures == {"so_vu_viec": 7, "tong_tien": 2_855_000}
    assert "Tổng số tiền: 2.855.000 đồng (Bằng chữ: Hai triệu tám trăm năm mươi lăm nghìn đồng)." in lines


def test_no_rate_in_force_blocks_the_month(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "thu_lao.yaml").write_text(
        "version: 1\nket_qua_duoc_chi: [Thành, Không thành]\nmuc_chi:\n"
        "  - {muc: 400000, nguon: minh họa, hieu_luc_tu: 2026-01-01}\n", encoding="utf-8")
    jobs = by_id(qd_thu_lao.plan(env(rules_dir=rules)))
    assert jobs["qd-thu-lao-2025-11"].blocked
    assert "không có mức chi thù lao có hiệu lực" in jobs["qd-thu-lao-2025-11"].reasons[0]
    assert not jobs["qd-thu-lao-2026-02"].blocked


def test_error_on_a_case_blocks_only_its_month():
    row = 3 + [c["ma_vu_viec"] for c in CASES].index("HG-2026-02")      # ended in March
    bad = Finding(code="x", severity=ERROR, message="Lỗi.", file="vu_viec.xlsx", sheet="Sheet1", row=row,
                  column="Hòa giải viên", dataset="vu_viec")
    jobs = by_id(qd_thu_lao.plan(env(report=Report([bad]))))
    assert jobs["qd-thu-lao-2026-03"].blocked
    assert jobs["qd-thu-lao-2026-03"].reasons == [f"vu_viec.xlsx, trang Sheet1, dòng {row}, cột Hòa giải viên: Lỗi."]
    assert [j.id for j in jobs.values() if j.blocked] == ["qd-thu-lao-2026-03"]


def test_no_party_names_only_case_fields():
    job = by_id(qd_thu_lao.plan(env()))["qd-thu-lao-2026-03"]
    assert set(job.context["danh_sach"][0]) == {"ma", "to", "thon", "ngay_tiep_nhan", "ngay_ket_thuc", "noi_dung",
                                                "ket_qua", "hoa_giai_vien", "muc"}


def test_demo_decisions_match_golden_text():
    e = demo_env("2026-12")
    if e is None:
        pytest.skip("demo workbooks not available or not valid yet")
    jobs = qd_thu_lao.plan(e)
    assert jobs and not any(j.blocked for j in jobs)
    for job in jobs:
        lines = render_lines(job)
        assert f"Tổng số tiền: {tien(job.figures['tong_tien'])} (Bằng chữ: {tien_bang_chu(job.figures['tong_tien'])})." in lines
        golden.check(job.id, lines)
