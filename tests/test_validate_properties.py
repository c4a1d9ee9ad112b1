"""Properties of the comparison keys and of the date-order rule (hypothesis)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from hypothesis import given, settings, strategies as st

from hoagiai.findings import Report
from hoagiai.validate import check_tables, load_rules
from hoagiai.validate.text import fold
from validate_fixtures import TODAY, case, profile, table, valid_roster

RULES = [r for r in load_rules(Path(__file__).resolve().parents[1] / "rules") if r.code == "date-order"]
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
words = st.text(alphabet=LETTERS, min_size=1, max_size=8)
names = st.lists(words, min_size=1, max_size=4)


@given(names, st.sampled_from(["NFC", "NFD"]), st.integers(1, 3))
def test_fold_ignores_form_case_and_spacing(parts, form, gap):
    text = " ".join(parts)
    variant = (" " * gap).join(unicodedata.normalize(form, p).upper() for p in parts)
    assert fold(variant) == fold(text) == fold(fold(text))


@given(st.sampled_from([("Hoà", "Hòa"), ("Thuỷ", "Thủy"), ("khoẻ", "khỏe"), ("Ð", "Đ")]))
def test_fold_accepts_old_and_new_tone_placement(pair):
    old, new = pair
    assert fold(old) == fold(new)


def test_fold_keeps_different_tones_apart():
    assert fold("Hòa") != fold("Hoa") != fold("Họa")


dates = st.one_of(st.none(), st.dates(dt.date(2026, 1, 1), dt.date(2026, 11, 20)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(dates, dates, dates, dates), min_size=1, max_size=6))
def test_date_order_reports_exactly_the_dates_earlier_than_the_last_filled_one(rows):
    cases = [case(f"VV-{i}", ngay_tiep_nhan=a, ngay_phan_cong=b, ngay_bat_dau=c, ngay_ket_thuc=d)
             for i, (a, b, c, d) in enumerate(rows)]
    tables = {"hoa_giai_vien": table("hoa_giai_vien", valid_roster()), "vu_viec": table("vu_viec", cases)}
    got = Report(check_tables(tables, profile(), RULES, today=TODAY)).flatten(("row", "column"))
    expected = []
    headers = ["Ngày tiếp nhận", "Ngày phân công", "Ngày bắt đầu", "Ngày kết thúc"]
    for i, values in enumerate(rows):
        last = None
        for header, v in zip(headers, values):
            if v is not None and last is not None and v < last:
                expected.append((3 + i, header))
            if v is not None:
                last = v
    assert sorted(got) == sorted(expected)
