"""Reporting-period labels."""

import pytest

from hoagiai.vn.periods import nhan_ky


@pytest.mark.parametrize(("args", "expected"), [
    (("thang", 2026, 5), "tháng 5 năm 2026"),
    (("thang", 2026, 1), "tháng 01 năm 2026"),
    (("thang", 2026, 2), "tháng 02 năm 2026"),
    (("thang", 2026, 12), "tháng 12 năm 2026"),
    (("quy", 2026, 1), "Quý I năm 2026"),
    (("quy", 2026, 2), "Quý II năm 2026"),
    (("quy", 2026, 3), "Quý III năm 2026"),
    (("quy", 2026, 4), "Quý IV năm 2026"),
    (("6-thang-dau", 2026), "6 tháng đầu năm 2026"),
    (("6-thang-cuoi", 2026), "6 tháng cuối năm 2026"),
    (("nam", 2026), "năm 2026"),
    (("nam", 2026, None), "năm 2026"),
])
def test_nhan_ky(args, expected):
    assert nhan_ky(*args) == expected


@pytest.mark.parametrize("args", [
    ("tuan", 2026, 1),        # unknown kind
    ("Thang", 2026, 5),       # kinds are exact keys
    ("thang", 2026, None),    # month missing
    ("thang", 2026, 13),
    ("thang", 2026, 0),
    ("quy", 2026, None),
    ("quy", 2026, 5),
    ("quy", 2026, 0),
    ("nam", 2026, 1),         # a year has no number
    ("6-thang-dau", 2026, 1),
    ("nam", 0),
])
def test_nhan_ky_rejects_bad_input(args):
    with pytest.raises(ValueError):
        nhan_ky(*args)
