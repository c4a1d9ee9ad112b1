"""One meaning of team composition (Luật HGCS Điều 12): over generated rosters, the report's
compliant teams are exactly the teams with no group finding on the same date, and both agree
with a plain count written here from the rule file's wording. Also: one text folding ("Hoà" =
"Hòa" everywhere), one "in office on day d"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from hoagiai import stats
from hoagiai.definitions import in_office, month_end, success_rate
from hoagiai.documents.qd_kien_toan import active_rows
from hoagiai.errors import ConfigError
from hoagiai.load.text import match_key
from hoagiai.unit_profile import load_profile
from hoagiai.validate import check_tables
from hoagiai.validate.teams import team_rules
from hoagiai.validate.text import fold
from validate_fixtures import THON, profile, table

RULES = Path(__file__).resolve().parents[1] / "rules"
CODES = ["team-min-members", "team-needs-woman", "team-leader-count", "team-needs-ethnic-minority"]
# thôn as clerks type them: the profile's spelling, other case, old tone placement, a stranger
SPELLINGS = {"An Lại": ["An Lại", "an lại", "AN LẠI "], "Đông Phan": ["Đông Phan", "Ðông  Phan"],
             "Thượng Đạt": ["Thượng Đạt"], None: ["Xóm Mới"]}
DAYS = st.one_of(st.none(), st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)))

members = st.fixed_dictionaries({
    "thon": st.sampled_from([s for v in SPELLINGS.values() for s in v]),
    "gioi_tinh": st.sampled_from(["Nam", "Nữ"]),
    "chuc_danh": st.sampled_from(["Tổ trưởng", "Hòa giải viên", "Hòa giải viên"]),
    "dan_toc": st.sampled_from(["Kinh", "Kinh", "Thái", None]),
    "ngay_cong_nhan": DAYS, "ngay_thoi": DAYS})


def _row(i: int, m: dict) -> dict:
    return {**m, "ho_ten": f"Người {i}", "nam_sinh": 1970,
            "ngay_cong_nhan": m["ngay_cong_nhan"] and m["ngay_cong_nhan"].isoformat(),
            "ngay_thoi": m["ngay_thoi"] and m["ngay_thoi"].isoformat()}


def _by_hand(rows: list[dict], on: dt.date, dtts: set[str]) -> dict[str, bool]:
    """Team -> meets Điều 12, counted by plain loops over the rows (the wording of nhom.yaml)."""
    name_of = {s: t for t, spellings in SPELLINGS.items() for s in spellings}
    out = {}
    for thon in THON:
        team = [r for r in rows if name_of[r["thon"]] == thon and r["ngay_cong_nhan"] is not None
                and r["ngay_cong_nhan"] <= on.isoformat()
                and (r["ngay_thoi"] is None or r["ngay_thoi"] > on.isoformat())]
        if not team:
            continue
        out[thon] = (len(team) >= 3 and any(r["gioi_tinh"] == "Nữ" for r in team)
                     and sum(r["chuc_danh"] == "Tổ trưởng" for r in team) == 1
                     and (thon not in dtts or any(r["dan_toc"] not in (None, "Kinh") for r in team)))
    return out


def _core(thon: str) -> list[dict]:
    """A team that meets Điều 12 on its own (the random members may break it)."""
    base = {"thon": thon, "dan_toc": "Kinh", "ngay_cong_nhan": dt.date(2025, 1, 1), "ngay_thoi": None}
    return [{**base, "gioi_tinh": "Nam", "chuc_danh": "Tổ trưởng"},
            {**base, "gioi_tinh": "Nữ", "chuc_danh": "Hòa giải viên", "dan_toc": "Thái"},
            {**base, "gioi_tinh": "Nam", "chuc_danh": "Hòa giải viên"}]


@settings(max_examples=80, deadline=None)
@given(st.lists(members, max_size=8), st.dates(dt.date(2025, 6, 1), dt.date(2026, 12, 31)),
       st.sets(st.sampled_from(THON)), st.sets(st.sampled_from(THON)))
def test_compliant_teams_of_the_report_are_the_teams_without_a_group_finding(people, on, dtts, cores):
    people = [m for thon in THON if thon in cores for m in _core(thon)] + people
    rows = [_row(i, m) for i, m in enumerate(people)]
    roster = table("hoa_giai_vien", rows)
    unit = profile(THON, dtts=dtts)
    rules = team_rules(RULES, CODES, on)
    findings = check_tables({"hoa_giai_vien": roster}, unit, rules, today=on)
    flagged = {f.value for f in findings if f.code in CODES}

    report = stats.compute(roster.frame, table("vu_viec", []).frame, start=dt.date(on.year, 1, 1), end=on,
                           profile=unit, team_rules=rules, linh_vuc_order=[])
    teams = {t["nhom"] for t in report.to}
    compliant = {t["nhom"] for t in report.to if t["dat"]}
    assert compliant == teams - flagged
    assert report.extra["to_dat_dieu_12"] == len(compliant)
    assert report.figures["to_hoa_giai"] == len(teams)

    hand = _by_hand(rows, on, dtts)
    assert teams == set(hand)
    assert compliant == {t for t, ok in hand.items() if ok}


@pytest.mark.parametrize("old,new", [("Thôn Hoà Bình", "Thôn Hòa Bình"), ("Thuỷ", "Thủy"), ("khoẻ", "khỏe")])
def test_tone_placement_folds_equal_everywhere(old, new):
    assert fold(old) == fold(new)
    assert match_key(old) == match_key(new)          # headers, sheets, enumerated values
    assert fold("Hòa") != fold("Hoa")


def test_profile_refuses_one_thon_written_with_two_tone_placements(tmp_path):
    p = tmp_path / "don_vi.yaml"
    p.write_text("ten_don_vi: Ủy ban nhân dân xã An Thành\ndia_danh: An Thành\n"
                 "thon: [{ten: Thôn Hoà Bình}, {ten: Thôn Hòa Bình}]\n"
                 "nguoi_ky: [{ho_ten: Nguyễn Văn A, chuc_vu: Chủ tịch}]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="khai báo hai lần"):
        load_profile(p)


def test_report_counts_a_thon_written_with_the_old_tone_placement_as_the_profiles_thon():
    unit = profile(["Hòa Bình"])
    rows = [{"ho_ten": f"Người {i}", "thon": "Hoà Bình" if i else "Hòa Bình", "gioi_tinh": g, "chuc_danh": c,
             "dan_toc": "Kinh", "nam_sinh": 1970, "ngay_cong_nhan": "2025-01-01"}
            for i, (g, c) in enumerate([("Nam", "Tổ trưởng"), ("Nữ", "Hòa giải viên"), ("Nam", "Hòa giải viên")])]
    end = dt.date(2026, 6, 30)
    report = stats.compute(table("hoa_giai_vien", rows).frame, table("vu_viec", []).frame,
                           start=dt.date(2026, 1, 1), end=end, profile=unit,
                           team_rules=team_rules(RULES, CODES, end), linh_vuc_order=[])
    assert report.to == [{"nhom": "Hòa Bình", "so_hgv": 3, "dat": True, "khong_dat": [], "dem": report.to[0]["dem"],
                          "co_chuyen_mon_luat": False}]
    assert report.theo_thon[0]["ten"] == "Hòa Bình" and report.theo_thon[0]["hoa_giai_vien"] == 3
    assert len(report.theo_thon) == 2                  # the thôn, then the total: no second "Hoà Bình" row


def test_in_office_is_one_window_for_the_decision_the_report_and_the_rules():
    rows: list[dict] = [
        {"ngay_cong_nhan": dt.date(2026, 1, 1), "ngay_thoi": None},
        {"ngay_cong_nhan": dt.date(2026, 1, 1), "ngay_thoi": dt.date(2026, 3, 31)},   # stopped that day
        {"ngay_cong_nhan": dt.date(2026, 4, 1), "ngay_thoi": None},                   # from the next day
        {"ngay_cong_nhan": None, "ngay_thoi": None}]                                   # only proposed
    on = dt.date(2026, 3, 31)
    assert active_rows(rows, on) == rows[:1]
    frame = table("hoa_giai_vien", [{**r, "ho_ten": "X"} for r in rows]).frame
    assert stats.active_mask(frame, on).tolist() == [True, False, False, False]
    assert in_office(frame["ngay_cong_nhan"], frame["ngay_thoi"], on).tolist() == [True, False, False, False]


def test_success_rate_and_month_end():
    assert success_rate(3, 1) == 0.75 and success_rate(0, 0) is None and success_rate(None, 2) == 0
    assert [month_end(2026, m).day for m in (1, 2, 12)] == [31, 28, 31] and month_end(2028, 2).day == 29


@pytest.mark.parametrize("text,key", [
    ("  HGV-001 ", "hgv-001"), ("An  Lai ,Dong", "an lai, dong"), ("", ""), ("A\tB", "a b"),
    ("Hòa Bình", "hoa\u0300 binh\u0300"), ("Hoà  bình", "hoa\u0300 binh\u0300"), ("Đông", "\u0111o\u0302ng"),
    ("Ðông", "\u0111o\u0302ng"), ("Thành, Hồ", "thanh,\u0300 ho\u0302\u0300"),   # the tone goes to the end of the word
])
def test_fold_key_golden(text, key):
    """The fast path (plain ASCII, or no tone mark) gives the same key as the full one."""
    from hoagiai.vn.folding import fold_key

    assert fold_key(text) == key


@given(st.text(alphabet=st.sampled_from(list("aAoOyY09 ,-\t") + list("àÀảạỳýÐđĐ\u0301\u0323\u200b")), max_size=14))
def test_fold_key_fast_paths_agree_with_the_word_by_word_key(text):
    import unicodedata

    from hoagiai.vn import folding

    s = unicodedata.normalize("NFD", folding._INVISIBLE.sub("", text).translate(folding._ETH)).casefold()
    s = folding._COMMA.sub(", ", s)
    words = ["".join(c for c in w if c not in folding.TONE_MARKS)
             + "".join(sorted(c for c in w if c in folding.TONE_MARKS)) for w in s.split()]
    assert folding.fold_key(text) == " ".join(words)
