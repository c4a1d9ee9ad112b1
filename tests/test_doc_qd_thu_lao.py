"""qd-thu-lao: one decision per month with paid cases, amounts against an independent count,
amount in words equal to the figure in every decision, rates by end date, no party names,
blocking limited to the month, golden demo text."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from hoagiai.documents import qd_thu_lao
from hoagiai.documents.base import Month
from hoagiai.findings import ERROR, Finding, Report
from hoagiai.vn import so_hai_chu_so, tien
from hoagiai.vn.words import tien_bang_chu
from report_fixtures import CASES, RULES, env, paid_in
from roster_doc_fixtures import demo_env, figures, render_lines


def by_id(jobs):
    return {j.id: j for j in jobs}


def test_one_decision_per_month_with_ended_cases_up_to_the_build_month():
    jobs = by_id(qd_thu_lao.plan(env(Month(2026, 7))))
    assert list(jobs) == ["qd-thu-lao-2025-11", "qd-thu-lao-2026-01", "qd-thu-lao-2026-02", "qd-thu-lao-2026-03",
                          "qd-thu-lao-2026-04", "qd-thu-lao-2026-07"]
    jul = jobs["qd-thu-lao-2026-07"]
    assert jul.period == {"from": "2026-07-01", "to": "2026-07-31"}
    assert jul.figures == {"so_vu_viec": 2, "tong_tien": 700_000}     # the June → July case is paid in July


def test_figures_match_an_independent_count():
    for job in qd_thu_lao.plan(env()):
        y, m = (int(x) for x in job.id.rsplit("-", 2)[1:])
        n, total = paid_in(y, m)
        assert job.figures == {"so_vu_viec": n, "tong_tien": total}, job.id


def test_decision_for_a_month_is_dated_in_the_following_month():
    jobs = by_id(qd_thu_lao.plan(env()))
    jul = jobs["qd-thu-lao-2026-07"]
    assert (jul.year, jul.month) == (2026, 8)
    assert "An Thành, ngày      tháng 8 năm 2026" in render_lines(jul)
    dec = jobs["qd-thu-lao-2026-12"]                                   # December cases: January
    assert (dec.year, dec.month) == (2027, 1)
    assert "An Thành, ngày      tháng 01 năm 2027" in render_lines(dec)


def test_text_states_count_rate_total_and_words_without_arithmetic_symbols():
    job = by_id(qd_thu_lao.plan(env()))["qd-thu-lao-2026-07"]
    lines = render_lines(job)
    text = "\n".join(lines)
    assert "Về việc chi thù lao cho hòa giải viên ở cơ sở tháng 7 năm 2026" in text
    assert "ỦY BAN NHÂN DÂN XÃ AN THÀNH" in lines                  # collective decision
    assert "- 01 vụ, việc hòa giải thành, mức 400.000 đồng/vụ, việc: 400.000 đồng;" in lines
    assert "- 01 vụ, việc hòa giải không thành, mức 300.000 đồng/vụ, việc: 300.000 đồng." in lines
    assert "Tổng số tiền: 700.000 đồng (Bằng chữ: Bảy trăm nghìn đồng)." in lines
    assert "- Tổ hòa giải thôn An Lại: 02 vụ, việc, 700.000 đồng." in lines
    assert "×" not in text and " = " not in text
    article_3 = next(x for x in lines if x.startswith("Điều 3."))
    assert article_3.endswith("Quyết định này./.")
    i = lines.index("Mức chi (đồng)")
    assert lines[i + 1:i + 10] == ["1", "HG-2026-05", "An Lại", "20/6/2026", "05/7/2026", "Mâu thuẫn về lối đi chung",
                                   "Thành", "Nguyễn Thị Hoa", "400.000"]
    assert "Nguyễn Văn Trưởng, Lò Thị Xuân" in lines               # mediators are paid: named


def _many_cases() -> list[dict]:
    """Twelve months with 1…12 paid cases, plus open cases that are never paid."""
    rows: list[dict] = []
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


CAP = ("tran:\n  - {mac_dinh: 300000, theo_ket_qua: {Thành: 400000}, nguon: TT 56/2023 Điều 3 k17 a),"
       " hieu_luc_tu: 2023-10-06}\n")


def _rate(thanh, khong, start, end=None, can_cu="tt-56-2023"):
    until = f", hieu_luc_den: {end}" if end else ""
    return (f"  - {{can_cu: {can_cu}, nguon: x, hieu_luc_tu: {start}{until}, theo_ket_qua: "
            f"{{Thành: {{muc: {thanh}, nguon: x}}, Không thành: {{muc: {khong}, nguon: x}}}}}}\n")


def _rules(tmp_path, *rates: str):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "thu_lao.yaml").write_text("version: 1\n" + CAP + "muc_chi:\n" + "".join(rates), encoding="utf-8")
    return rules


def _rules_with_two_rates(tmp_path):
    # a provincial resolution lowers the rates from 16/6/2026 (below the ceiling)
    return _rules(tmp_path, _rate(400000, 300000, "2023-10-06", "2026-06-15"), _rate(350000, 250000, "2026-06-16"))


def _amount(c) -> int:
    new = dt.date.fromisoformat(c["ngay_ket_thuc"]) > dt.date(2026, 6, 15)
    return {"Thành": 350_000 if new else 400_000, "Không thành": 250_000 if new else 300_000}[c["ket_qua"]]


def test_a_rate_above_the_ceiling_is_a_rule_file_error(tmp_path):
    from hoagiai.rulefiles import thu_lao
    from hoagiai.errors import RuleFileError

    rules = _rules(tmp_path, _rate(400000, 400000, "2023-10-06"))
    with pytest.raises(RuleFileError) as e:
        thu_lao.load(rules)
    assert e.value.key == "muc_chi[0].theo_ket_qua.Không thành.muc"
    assert "cao hơn mức tối đa 300.000 đồng/vụ, việc" in str(e.value)


def test_rates_by_outcome_follow_tt_56_and_out_of_scope_is_never_paid():
    cases = CASES + [
        {**CASES[2], "ma_vu_viec": "S-1", "ket_qua": "Chấm dứt theo yêu cầu"},
        {**CASES[2], "ma_vu_viec": "N-1", "ket_qua": "Không thuộc phạm vi"}]
    job = by_id(qd_thu_lao.plan(env(cases=cases)))["qd-thu-lao-2026-02"]
    assert [(e["ma"], e["muc"]) for e in job.context["danh_sach"]] == [("HG-2026-01", 400_000), ("S-1", 300_000)]
    assert ("- 01 vụ, việc chấm dứt hòa giải theo yêu cầu của các bên, mức 300.000 đồng/vụ, việc: 300.000 đồng."
            in render_lines(job))


def test_bases_cite_tt_56_with_its_exact_title_or_block_naming_a_missing_key(tmp_path):
    lines = render_lines(by_id(qd_thu_lao.plan(env()))["qd-thu-lao-2026-07"])
    assert ("Căn cứ Thông tư số 56/2023/TT-BTC ngày 18 tháng 8 năm 2023 của Bộ trưởng Bộ Tài chính quy định việc "
            "lập dự toán, quản lý, sử dụng và quyết toán kinh phí bảo đảm cho công tác phổ biến, giáo dục pháp luật, "
            "chuẩn tiếp cận pháp luật và hòa giải ở cơ sở;") in lines
    rules = _rules(tmp_path, _rate(400000, 300000, "2023-10-06", can_cu="nq-hdnd-muc-chi"))
    job = by_id(qd_thu_lao.plan(env(rules_dir=rules)))["qd-thu-lao-2026-07"]
    assert job.blocked
    assert "can_cu.nq-hdnd-muc-chi" in job.reasons[0]


def test_amount_in_words_equals_the_figure_in_every_decision(tmp_path):
    cases = _many_cases()
    jobs = qd_thu_lao.plan(env(rules_dir=_rules_with_two_rates(tmp_path), cases=cases))
    assert len(jobs) == 12
    totals = set()
    for job in jobs:
        month = int(job.id[-2:])
        ended = [c for c in cases if c["ket_qua"] != "Đang giải quyết"
                 and dt.date.fromisoformat(c["ngay_ket_thuc"]).month == month]
        expect = sum(_amount(c) for c in ended)
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
    # June: days 1…6 end before 16/6 (k = 0, 4 không thành); R1 (thành) ends 20/6 at the new rate
    assert "- 04 vụ, việc hòa giải thành, mức 400.000 đồng/vụ, việc: 1.600.000 đồng;" in lines
    assert "- 01 vụ, việc hòa giải thành, mức 350.000 đồng/vụ, việc: 350.000 đồng;" in lines
    assert "- 02 vụ, việc hòa giải không thành, mức 300.000 đồng/vụ, việc: 600.000 đồng." in lines
    assert job.figures == {"so_vu_viec": 7, "tong_tien": 2_550_000}
    assert "Tổng số tiền: 2.550.000 đồng (Bằng chữ: Hai triệu năm trăm năm mươi nghìn đồng)." in lines


def test_no_rate_in_force_blocks_the_month(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "thu_lao.yaml").write_text("version: 1\n" + CAP + "muc_chi:\n" + _rate(400000, 300000, "2026-01-01"),
                                        encoding="utf-8")
    jobs = by_id(qd_thu_lao.plan(env(rules_dir=rules)))
    assert jobs["qd-thu-lao-2025-11"].blocked
    assert "không có mức chi thù lao cho kết quả này có hiệu lực" in jobs["qd-thu-lao-2025-11"].reasons[0]
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


def test_demo_decisions_state_the_total_in_figures_and_words():
    jobs = qd_thu_lao.plan(demo_env("2026-12"))
    assert jobs
    for job in jobs:
        total = figures(job)["tong_tien"]
        assert f"Tổng số tiền: {tien(total)} (Bằng chữ: {tien_bang_chu(total)})." in render_lines(job)
