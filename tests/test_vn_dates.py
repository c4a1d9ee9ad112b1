"""Decree 30 dates: leading zero for days 1–9 and for months 1 and 2 only."""

from datetime import date, datetime

import pytest

from hoagiai.vn.dates import dong_ngay, ngay_nd30, ngay_so, thang_nam, tu_ngay_den_ngay


@pytest.mark.parametrize(("d", "expected"), [
    (date(2026, 5, 5), "ngày 05 tháng 5 năm 2026"),
    (date(2026, 2, 15), "ngày 15 tháng 02 năm 2026"),
    (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
    (date(2026, 3, 15), "ngày 15 tháng 3 năm 2026"),
    (date(2026, 1, 1), "ngày 01 tháng 01 năm 2026"),
    (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
    (date(2028, 2, 29), "ngày 29 tháng 02 năm 2028"),
    (date(2026, 10, 9), "ngày 09 tháng 10 năm 2026"),
    (date(2026, 11, 10), "ngày 10 tháng 11 năm 2026"),
    (datetime(2026, 6, 30, 14, 5), "ngày 30 tháng 6 năm 2026"),
])
def test_ngay_nd30(d, expected):
    assert ngay_nd30(d) == expected


@pytest.mark.parametrize("month", range(3, 13))
def test_months_three_to_twelve_never_padded(month):
    assert f"tháng 0{month} " not in ngay_nd30(date(2026, month, 1))
    assert ngay_nd30(date(2026, month, 1)) == f"ngày 01 tháng {month} năm 2026"


def test_pandas_timestamp_is_accepted():
    pd = pytest.importorskip("pandas")
    assert ngay_nd30(pd.Timestamp("2026-02-05")) == "ngày 05 tháng 02 năm 2026"


@pytest.mark.parametrize(("args", "expected"), [
    ((date(2026, 5, 5), "An Thành"), "An Thành, ngày 05 tháng 5 năm 2026"),
    ((date(2026, 2, 15), "An Thành"), "An Thành, ngày 15 tháng 02 năm 2026"),
    ((date(2026, 5, 5), "An Thành", 7, 2027), "An Thành, ngày 05 tháng 5 năm 2026"),  # date wins
    ((None, "An Thành", 5, 2026), "An Thành, ngày      tháng 5 năm 2026"),
    ((None, "An Thành", 2, 2026), "An Thành, ngày      tháng 02 năm 2026"),
    ((None, "An Thành", None, 2026), "An Thành, ngày      tháng      năm 2026"),
    ((None, "An Thành"), "An Thành, ngày      tháng      năm      "),
    ((date(2026, 1, 1), "  An Thành "), "An Thành, ngày 01 tháng 01 năm 2026"),
])
def test_dong_ngay(args, expected):
    assert dong_ngay(*args) == expected


def test_dong_ngay_draft_blank_is_six_spaces():
    line = dong_ngay(None, "An Thành", 5, 2026)
    assert "ngày" + " " * 6 + "tháng" in line
    assert " " * 7 not in line


@pytest.mark.parametrize("bad_month", [0, 13, -1])
def test_dong_ngay_rejects_bad_month(bad_month):
    with pytest.raises(ValueError):
        dong_ngay(None, "An Thành", bad_month, 2026)


@pytest.mark.parametrize(("d", "expected"), [
    (date(2026, 1, 1), "01/01/2026"),
    (date(2026, 6, 30), "30/6/2026"),
    (date(2026, 2, 5), "05/02/2026"),
    (date(2026, 3, 15), "15/3/2026"),
    (date(2026, 12, 31), "31/12/2026"),
    (date(2028, 2, 29), "29/02/2028"),
    (date(2026, 5, 5), "05/5/2026"),
])
def test_ngay_so(d, expected):
    assert ngay_so(d) == expected


def test_tu_ngay_den_ngay():
    assert tu_ngay_den_ngay(date(2026, 1, 1), date(2026, 6, 30)) == \
        "từ ngày 01/01/2026 đến ngày 30/6/2026"
    assert tu_ngay_den_ngay(date(2025, 12, 15), date(2026, 6, 14)) == \
        "từ ngày 15/12/2025 đến ngày 14/6/2026"
    assert tu_ngay_den_ngay(date(2026, 3, 3), date(2026, 3, 3)) == \
        "từ ngày 03/3/2026 đến ngày 03/3/2026"


def test_tu_ngay_den_ngay_rejects_reversed_period():
    with pytest.raises(ValueError):
        tu_ngay_den_ngay(date(2026, 6, 30), date(2026, 1, 1))


@pytest.mark.parametrize(("thang", "nam", "expected"), [
    (1, 2026, "tháng 01 năm 2026"),
    (2, 2026, "tháng 02 năm 2026"),
    (3, 2026, "tháng 3 năm 2026"),
    (5, 2026, "tháng 5 năm 2026"),
    (12, 2026, "tháng 12 năm 2026"),
])
def test_thang_nam(thang, nam, expected):
    assert thang_nam(thang, nam) == expected


def test_thang_nam_accepts_numpy_integers():
    np = pytest.importorskip("numpy")
    assert thang_nam(np.int64(2), np.int64(2026)) == "tháng 02 năm 2026"


@pytest.mark.parametrize(("thang", "nam"), [(0, 2026), (13, 2026), (5, 0), (True, 2026), (2.5, 2026)])
def test_thang_nam_rejects_bad_input(thang, nam):
    with pytest.raises((ValueError, TypeError)):
        thang_nam(thang, nam)


def test_why_babel_is_not_used_for_dates():
    """CLDR "vi" cannot express Decree 30's rule (see the module docstring)."""
    babel_dates = pytest.importorskip("babel.dates")
    d = date(2026, 5, 5)
    assert babel_dates.format_date(d, "dd/MM/y", locale="vi") == "05/05/2026"  # pads month 5
    assert babel_dates.format_date(d, "long", locale="vi") == "5 tháng 5, 2026"  # no zero, comma
    assert ngay_so(d) == "05/5/2026" and ngay_nd30(d) == "ngày 05 tháng 5 năm 2026"
