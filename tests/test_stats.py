"""hoagiai.stats: figures against an independent count of the hand-made commune, by period;
identities (also under hypothesis); team composition from the rule file's thresholds."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from hoagiai import stats
from hoagiai.rulefiles import thu_lao
from hoagiai.validate.teams import team_rules
from report_fixtures import CASES, RATES, ROSTER, RULES, expected
from validate_fixtures import profile, table

CODES = ["team-min-members", "team-needs-woman", "team-leader-count", "team-needs-ethnic-minority"]
THON = ["An Lại", "Đông Phan", "Thượng Đạt"]
LINH_VUC = ["Mâu thuẫn giữa các bên", "Tranh chấp dân sự", "Đất đai", "Hôn nhân và gia đình",
            "Vi phạm pháp luật nhỏ", "Khác"]

PERIODS = [
    (dt.date(2026, 1, 1), dt.date(2026, 6, 30)),     # 6 months, statistical
    (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),    # year, statistical
    (dt.date(2025, 12, 15), dt.date(2026, 6, 14)),   # 6 months, Nghị định 09/2019
    (dt.date(2025, 12, 15), dt.date(2026, 12, 14)),  # year, Nghị định 09/2019
    (dt.date(2026, 7, 1), dt.date(2026, 7, 31)),
]


TEAM_RULES = team_rules(RULES, CODES, dt.date(2026, 12, 31))


def compute(start, end, roster=None, cases=None, rates=None):
    ro = table("hoa_giai_vien", ROSTER if roster is None else roster).frame
    ca = table("vu_viec", CASES if cases is None else cases).frame
    return stats.compute(ro, ca, start=start, end=end, profile=profile(THON),
                         team_rules=TEAM_RULES, linh_vuc_order=LINH_VUC, rates=rates)


@pytest.mark.parametrize("start,end", PERIODS)
def test_figures_equal_an_independent_count(start, end):
    s = compute(start, end)
    exp = expected(start, end)
    assert list(s.figures) == list(stats.FIGURE_KEYS)
    for k in stats.FIGURE_KEYS:
        assert s.figures[k] == exp[k], k
    assert s.extra["nam"] == exp["_nam"]
    assert s.extra["ky_truoc_chuyen_sang"] == exp["_chuyen_sang"]


def test_six_month_window_by_hand():
    s = compute(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    # on 30/6: Minh stopped 15/5, Tân not yet recognised (10/8), Đề only proposed
    assert s.figures["hoa_giai_vien"] == 9
    assert s.figures["to_hoa_giai"] == 3
    # received Feb, Mar, Apr, May, Jun; the December 2025 case is carried over and ends in January
    assert s.figures["vu_viec_tiep_nhan"] == 5
    assert s.extra["ky_truoc_chuyen_sang"] == 1
    assert (s.figures["hoa_giai_thanh"], s.figures["hoa_giai_khong_thanh"], s.figures["dang_giai_quyet"]) == (3, 1, 2)
    assert s.figures["ty_le_thanh"] == pytest.approx(0.75)
    # the June case ended in July is open at 30/6; in the year report it is thành
    y = compute(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert y.figures["hoa_giai_thanh"] == 5 and y.figures["hoa_giai_vien"] == 10


def test_narrative_window_counts_december_case_as_received():
    s = compute(dt.date(2025, 12, 15), dt.date(2026, 6, 14))
    assert s.extra["ky_truoc_chuyen_sang"] == 0
    assert s.figures["vu_viec_tiep_nhan"] == 5   # Dec 2025 … May 2026; the June case is after 14/6


def test_rate_is_none_when_nothing_ended():
    s = compute(dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    assert s.figures["hoa_giai_thanh"] == s.figures["hoa_giai_khong_thanh"] == 0
    assert s.figures["ty_le_thanh"] is None


def test_team_composition_uses_rule_file_thresholds():
    s = compute(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    by = {t["nhom"]: t for t in s.to}
    assert by["Thượng Đạt"]["khong_dat"] == ["team-needs-woman"]
    assert by["An Lại"]["dat"] and by["Đông Phan"]["dat"]
    assert s.extra["to_dat_dieu_12"] == 2
    assert s.extra["ty_le_to_dat_dieu_12"] == pytest.approx(2 / 3)
    assert s.extra["to_co_chuyen_mon_luat"] == 2


def test_team_minimum_comes_from_the_rule(tmp_path):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    p = rules / "kiem_tra" / "nhom.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("toi_thieu: 3", "toi_thieu: 4", 1), encoding="utf-8")
    ro = table("hoa_giai_vien", ROSTER).frame
    ca = table("vu_viec", CASES).frame
    end = dt.date(2026, 12, 31)
    s = stats.compute(ro, ca, start=dt.date(2026, 1, 1), end=end, profile=profile(THON),
                      team_rules=team_rules(rules, CODES, end), linh_vuc_order=LINH_VUC)
    by = {t["nhom"]: t for t in s.to}
    assert "team-min-members" in by["Đông Phan"]["khong_dat"]       # 3 members < 4
    assert "team-min-members" not in by["An Lại"]["khong_dat"]      # 4 members


def test_ethnic_minority_rule_applies_only_to_flagged_thon():
    ro = table("hoa_giai_vien", ROSTER).frame
    ca = table("vu_viec", CASES).frame
    end = dt.date(2026, 12, 31)
    s = stats.compute(ro, ca, start=dt.date(2026, 1, 1), end=end, profile=profile(THON, dtts={"Đông Phan", "An Lại"}),
                      team_rules=team_rules(RULES, CODES, end), linh_vuc_order=LINH_VUC)
    by = {t["nhom"]: t for t in s.to}
    assert "team-needs-ethnic-minority" in by["Đông Phan"]["khong_dat"]
    assert by["An Lại"]["dat"]                                        # Lò Thị Xuân (Thái)


def test_tables_by_thon_and_linh_vuc_add_up():
    s = compute(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert [r["ten"] for r in s.theo_thon] == [*THON, stats.TONG]
    assert [r["ten"] for r in s.theo_linh_vuc] == [*LINH_VUC, stats.TONG]
    an_lai = s.theo_thon[0]
    exp = {"vu_viec_tiep_nhan": 0, "hoa_giai_thanh": 0}
    for c in CASES:
        if c["thon"] == "An Lại" and "2026-01-01" <= c["ngay_tiep_nhan"] <= "2026-12-31":
            exp["vu_viec_tiep_nhan"] += 1
        ended = c["ngay_ket_thuc"] or ""
        if c["thon"] == "An Lại" and c["ket_qua"] == "Thành" and "2026-01-01" <= ended <= "2026-12-31":
            exp["hoa_giai_thanh"] += 1
    assert an_lai["vu_viec_tiep_nhan"] == exp["vu_viec_tiep_nhan"]
    assert an_lai["hoa_giai_thanh"] == exp["hoa_giai_thanh"]
    assert stats.identity_problems(s) == []


def test_thu_lao_of_the_period_uses_the_rates():
    s = compute(dt.date(2026, 1, 1), dt.date(2026, 6, 30), rates=thu_lao.load(RULES))
    ended = [c for c in CASES
             if c["ket_qua"] != "Đang giải quyết" and "2026-01-01" <= c["ngay_ket_thuc"] <= "2026-06-30"]
    assert s.extra["thu_lao_so_vu_viec"] == len(ended) == 4
    assert s.extra["thu_lao_tong_tien"] == sum(RATES[c["ket_qua"]] for c in ended) == 1_500_000
    assert s.extra["thu_lao_theo_muc"] == [{"ket_qua": "Không thành", "muc": 300_000, "so_vu": 1},
                                           {"ket_qua": "Thành", "muc": 400_000, "so_vu": 3}]


def test_the_rate_of_a_case_is_the_last_in_force_that_names_its_outcome():
    def rate(start, end, **by):
        return thu_lao.Rate(by_outcome=by, start=start, end=end, can_cu="x", source="x")

    rates = thu_lao.Rates(paid_outcomes=("Thành", "Không thành"), path="x", rates=(
        rate(dt.date(2025, 1, 1), None, Thành=200_000, **{"Không thành": 100_000}),
        rate(dt.date(2026, 1, 1), dt.date(2026, 6, 30), Thành=400_000),
        rate(dt.date(2027, 1, 1), None)))
    assert rates.amount(dt.date(2025, 12, 31), "Thành") == 200_000
    assert rates.amount(dt.date(2026, 1, 1), "Thành") == 400_000        # first day in force
    assert rates.amount(dt.date(2026, 6, 30), "Thành") == 400_000        # last day in force
    assert rates.amount(dt.date(2026, 7, 1), "Thành") == 200_000
    assert rates.amount(dt.date(2026, 3, 1), "Không thành") == 100_000   # the later one does not name it
    assert rates.amount(dt.date(2024, 12, 31), "Thành") is None          # none in force
    assert rates.amount(dt.date(2026, 3, 1), "Đang giải quyết") is None


def test_stop_on_request_counts_as_not_successful_and_out_of_scope_is_apart():
    from report_fixtures import _c

    extra = [_c("X-1", "An Lại", "2026-03-01", "Chấm dứt theo yêu cầu", "2026-03-09"),
             _c("X-2", "An Lại", "2026-03-02", "Không thuộc phạm vi", "2026-03-02", "Khác")]
    base = compute(dt.date(2026, 1, 1), dt.date(2026, 6, 30), rates=thu_lao.load(RULES))
    s = compute(dt.date(2026, 1, 1), dt.date(2026, 6, 30), rates=thu_lao.load(RULES), cases=CASES + extra)
    assert s.figures["vu_viec_tiep_nhan"] == base.figures["vu_viec_tiep_nhan"] + 1
    assert s.figures["hoa_giai_khong_thanh"] == base.figures["hoa_giai_khong_thanh"] + 1
    assert s.extra["ngoai_pham_vi"] == 1 and base.extra["ngoai_pham_vi"] == 0
    # paid: the stop on request at 300.000 đồng; the out-of-scope request never
    assert s.extra["thu_lao_tong_tien"] == base.extra["thu_lao_tong_tien"] + 300_000
    assert stats.identity_problems(s) == []


def test_broken_identity_is_an_internal_failure():
    s = compute(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    s.figures["nu"] += 1
    with pytest.raises(stats.IdentityFailure) as exc:
        stats.check_identities(s)
    assert exc.value.exit_code == 3


# --------------------------------------------------------------------------- properties

DAY = st.dates(min_value=dt.date(2025, 6, 1), max_value=dt.date(2027, 6, 30))
OUTCOME = st.sampled_from(["Thành", "Không thành", "Đang giải quyết"])


@st.composite
def case_rows(draw):
    rows = []
    for i in range(draw(st.integers(0, 25))):
        recv = draw(DAY)
        kq = draw(OUTCOME)
        end = None if kq == "Đang giải quyết" else recv + dt.timedelta(days=draw(st.integers(0, 120)))
        rows.append({"ma_vu_viec": f"V{i}", "thon": draw(st.sampled_from(THON)), "ngay_tiep_nhan": recv.isoformat(),
                     "ket_qua": kq, "ngay_ket_thuc": end.isoformat() if end else None,
                     "linh_vuc": draw(st.sampled_from(LINH_VUC)), "hoa_giai_vien": ["A"], "noi_dung": "x"})
    return rows


@st.composite
def roster_rows(draw):
    rows = []
    for i in range(draw(st.integers(0, 20))):
        rec = draw(st.one_of(st.none(), DAY))
        stop = draw(st.one_of(st.none(), DAY))
        rows.append({"ho_ten": f"Người {i}", "thon": draw(st.sampled_from(THON)),
                     "gioi_tinh": draw(st.sampled_from(["Nam", "Nữ"])),
                     "chuc_danh": draw(st.sampled_from(["Tổ trưởng", "Hòa giải viên"])),
                     "ngay_cong_nhan": rec.isoformat() if rec else None,
                     "ngay_thoi": stop.isoformat() if stop else None,
                     "dan_toc": draw(st.sampled_from(["Kinh", "Tày", None])),
                     "chuyen_mon_luat": draw(st.sampled_from([True, False, None])),
                     "nam_boi_duong": draw(st.sampled_from([None, 2025, 2026]))})
    return rows


@settings(max_examples=40, deadline=None)
@given(roster=roster_rows(), cases=case_rows(), start=DAY, days=st.integers(0, 400))
def test_identities_and_independent_count_hold_for_any_data(roster, cases, start, days):
    end = start + dt.timedelta(days=days)
    s = compute(start, end, roster=roster, cases=cases)   # raises IdentityFailure if broken
    exp = expected(start, end, roster=roster, cases=cases)
    assert {k: s.figures[k] for k in stats.FIGURE_KEYS} == {k: exp[k] for k in stats.FIGURE_KEYS}
    assert s.extra["ky_truoc_chuyen_sang"] == exp["_chuyen_sang"]
