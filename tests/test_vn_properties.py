"""Properties of the formatters over their whole domain (hypothesis)."""

import subprocess
import sys
import unicodedata
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from hoagiai import vn
from hoagiai.vn import (
    bang_chu, chu_cai, doc_so, dong_ngay, la_ma, ngay_nd30, ngay_so, nhan_ky, so,
    so_hai_chu_so, so_hieu, thang_nam, tien, tien_bang_chu, tu_ngay_den_ngay, ty_le,
)

dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
big_ints = st.integers(min_value=-10**18, max_value=10**18)


def nfc(s: str) -> bool:
    return unicodedata.is_normalized("NFC", s)


@given(dates)
def test_date_formats_never_raise_and_follow_the_zero_rule(d):
    text = ngay_nd30(d)
    assert nfc(text)
    _, day, _, month, _, year = text.split(" ")
    assert len(day) == 2 and int(day) == d.day
    assert int(month) == d.month and (len(month) == 2) == (d.month <= 2 or d.month >= 10)
    assert int(year) == d.year
    short = ngay_so(d)
    assert short == f"{day}/{month}/{year}"
    assert dong_ngay(d, "An Thành") == f"An Thành, {text}"
    assert thang_nam(d.month, d.year) == f"tháng {month} năm {year}"
    assert nfc(dong_ngay(None, "An Thành", d.month, d.year))


@given(dates, dates)
def test_period_between_two_dates(a, b):
    a, b = min(a, b), max(a, b)
    assert tu_ngay_den_ngay(a, b) == f"từ ngày {ngay_so(a)} đến ngày {ngay_so(b)}"


@given(big_ints)
def test_words_never_raise_and_are_clean(n):
    for text in (doc_so(n), doc_so(n, linh="lẻ", nghin="ngàn"), bang_chu(n), tien_bang_chu(n)):
        assert text and nfc(text) and "  " not in text and text == text.strip()
    assert bang_chu(n)[0].isupper()
    assert tien_bang_chu(n).endswith(" đồng")


@given(st.one_of(big_ints, st.integers(min_value=-10**40, max_value=10**40)))
def test_so_is_babels_vietnamese_grouping(n):
    from decimal import localcontext

    from babel.numbers import format_decimal

    with localcontext() as ctx:     # Babel rounds through the decimal context: room for every digit
        ctx.prec = 60
        assert so(n) == format_decimal(n, locale="vi")


@given(big_ints)
def test_so_and_tien_round_trip(n):
    assert int(so(n).replace(".", "")) == n
    assert tien(n).endswith(" đồng")
    assert int(tien(n).removesuffix(" đồng").replace(".", "")) == n
    groups = so(abs(n)).split(".")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


@given(st.one_of(st.none(), st.floats(allow_infinity=False), st.decimals(allow_infinity=False)),
       st.integers(min_value=0, max_value=4))
def test_ty_le_never_raises_on_finite_values(x, decimals):
    text = ty_le(x, decimals)
    assert nfc(text)
    assert text == "—" or (text.endswith("%") and not text.endswith(",0%") and "." not in text[-4:])


@given(st.integers(min_value=1, max_value=3999))
def test_roman_numerals(n):
    text = la_ma(n)
    assert set(text) <= set("IVXLCDM")
    assert la_ma(n) != la_ma(n + 1) if n < 3999 else True


@given(st.integers(min_value=0, max_value=10**6))
def test_two_digit_numbers(n):
    assert int(so_hai_chu_so(n)) == n and len(so_hai_chu_so(n)) == max(2, len(str(n)))


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["KH-UBND", "QĐ-UBND", "BC-UBND"]))
def test_so_hieu(n, ky_hieu):
    assert so_hieu(n, ky_hieu) == f"Số: {so_hai_chu_so(n)}/{ky_hieu}"


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=12),
       st.integers(min_value=1, max_value=4))
def test_period_labels(nam, thang, quy):
    for text in (nhan_ky("thang", nam, thang), nhan_ky("quy", nam, quy),
                 nhan_ky("6-thang-dau", nam), nhan_ky("6-thang-cuoi", nam), nhan_ky("nam", nam)):
        assert nfc(text) and text.endswith(f"năm {nam}")


def test_list_letters_all_distinct():
    letters = [chu_cai(i) for i in range(1, 24)]
    assert len(set(letters)) == 23 and all(nfc(x) for x in letters)


def test_filters_table():
    assert set(vn.FILTERS) == {
        "ngay_nd30", "dong_ngay", "ngay_so", "tu_ngay_den_ngay", "thang_nam", "so", "tien",
        "so_hai_chu_so", "ty_le", "la_ma", "chu_cai", "bang_chu", "tien_bang_chu", "nhan_ky",
        "so_hieu", "liet_ke", "dem", "co_dem", "ong_ba", "ong_ba_ten", "cac_ong_ba", "lap_lai"}
    assert vn.FILTERS["tien_bang_chu"](1_050_000) == "Một triệu không trăm năm mươi nghìn đồng"


def test_filters_work_in_jinja():
    jinja2 = __import__("pytest").importorskip("jinja2")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    env.filters.update(vn.FILTERS)
    template = env.from_string(
        "{{ van_ban.so | so_hieu(van_ban.ky_hieu) }} | "
        "{{ van_ban.ngay | dong_ngay(dia_danh, van_ban.thang, van_ban.nam) }} | "
        "{{ tien | tien }} ({{ tien | tien_bang_chu }})")
    out = template.render(van_ban={"so": None, "ky_hieu": "KH-UBND", "ngay": None,
                                   "thang": 5, "nam": 2026},
                          dia_danh="An Thành", tien=1_800_000)
    assert out == ("Số:      /KH-UBND | An Thành, ngày      tháng 5 năm 2026 | "
                   "1.800.000 đồng (Một triệu tám trăm nghìn đồng)")


def test_import_is_light():
    code = ("import sys, hoagiai.vn, hoagiai.vn.collation; "
            "print(sorted(m for m in ('pandas', 'icu', 'babel', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=__import__("pathlib").Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]"
