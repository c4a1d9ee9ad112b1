"""Vietnamese sorting of names (docs/domain.md §9.1, Decision 5), with ICU and the pure fallback.

The expected order below was written by hand: tên first (letters over the whole word, then
tones ngang < huyền < hỏi < ngã < sắc < nặng), then họ + tên đệm, then birth date, missing last.
"""

import random
import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoagiai.vn import collation
from hoagiai.vn.collation import (
    sap_xep_nguoi, sort_key_nguoi, tach_ho_ten, vi_key, vi_key_icu, vi_key_pure,
)

EXPECTED = [
    ("Nguyễn Văn An", date(1975, 3, 2)),
    ("Nguyễn Văn An", 1980),
    ("Nguyễn Văn An", None),
    ("Trần Thị Anh", None),
    ("Bùi Thị Ánh", None),          # Anh < Ánh: tone only
    ("Lê Ngọc Ánh", None),
    ("Thạch Ăng", None),            # a < ă
    ("Nguyễn Hồng Ân", None),       # ă < â
    ("Vũ Minh Âu", None),
    ("Đinh Gia Bảo", None),
    ("Hoàng Thị Dung", None),
    ("Lê Văn Dũng", None),
    ("Ưng Văn Duy", None),          # letters first: Dũng < Duy
    ("Phạm Thị Đào", None),         # d < đ
    ("Nguyễn Minh Đức", None),
    ("Âu Thị Hà", None),            # same tên: by họ, â < d < đ < ô
    ("Dương Thị Hà", None),
    ("Đặng Thu Hà", None),
    ("Đỗ Thu Hà", None),
    ("Ôn Thị Hà", None),            # "Ôn " < "Ông": the space sorts first
    ("Ông Thị Hà", None),
    ("Mai Thị Hả", None),           # huyền < hỏi < nặng
    ("Trịnh Thị Hạ", None),
    ("Lý Văn Hải", None),           # letters before tones: Hạ < Hải < Hạnh
    ("Cao Thị Hạnh", None),
    ("Vương Thu Hằng", None),
    ("Phan Văn Hậu", None),
    ("Tô Thị Hoa", None),
    ("Nguyễn Thị Hòa", None),
    ("Lò Văn Hùng", None),
    ("Hà Văn Hưng", None),          # u < ư
    ("Lê Thị Oanh", None),
    ("Nông Văn On", None),          # o < ô < ơ
    ("Triệu Văn Ôn", None),
    ("Lục Văn Ơn", None),
    ("Hầu A Ụng", None),
    ("Lâm Thị Uyên", None),
    ("Vàng A Ưng", None),
    ("Ơn Thị Vân", None),
    ("Nguyễn Thị Yến", None),
]

# without PyICU the ICU case is a visible skip (a failure under HOAGIAI_NO_SKIP=1), never left out
KEYS = [pytest.param(vi_key_pure, id="pure"),
        pytest.param(vi_key_icu, id="icu", marks=pytest.mark.skipif(not collation.HAVE_ICU,
                                                                    reason="PyICU not installed"))]


def test_table_size_and_coverage():
    assert len(EXPECTED) >= 30
    initials = {w[0] for name, _ in EXPECTED for w in name.split()}
    assert {"Â", "Ă", "Đ", "Ô", "Ơ", "Ư"} <= initials


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("seed", range(5))
def test_golden_order(key, seed):
    people = [{"ho_ten": n, "ngay_sinh": b} for n, b in EXPECTED]
    random.Random(seed).shuffle(people)
    result = sap_xep_nguoi(people, key=key)
    assert [(p["ho_ten"], p["ngay_sinh"]) for p in result] == EXPECTED


def test_default_key_gives_the_golden_order():
    people = [{"ho_ten": n, "ngay_sinh": b} for n, b in reversed(EXPECTED)]
    assert [(p["ho_ten"], p["ngay_sinh"]) for p in sap_xep_nguoi(people)] == EXPECTED


def test_have_icu_matches_the_environment():
    try:
        import icu  # noqa: F401
    except ImportError:
        assert collation.HAVE_ICU is False
    else:
        assert collation.HAVE_ICU is True


def test_icu_key_unavailable_raises_runtime_error(monkeypatch):
    monkeypatch.setitem(collation._ICU_STATE, "collator", None)
    assert collation.HAVE_ICU is False
    with pytest.raises(RuntimeError):
        vi_key_icu("An")
    assert vi_key("An") == vi_key_pure("An")  # falls back


@pytest.mark.parametrize("key", KEYS)
def test_tones_break_ties_in_order(key):
    expected = ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ", "Hai", "Hải", "Hạnh"]
    assert sorted(reversed(expected), key=key) == expected


@pytest.mark.parametrize("key", KEYS)
def test_letters_with_marks_are_separate_letters(key):
    expected = ["Anh", "Ăn", "Âm", "Bình", "Dương", "Đa", "Em", "Êm", "Ong", "Ôm", "Ơn",
                "Ung", "Ừ", "Vy"]
    assert sorted(reversed(expected), key=key) == expected


@pytest.mark.parametrize("key", KEYS)
def test_case_is_not_a_primary_difference(key):
    assert sorted(["Bình", "an", "Ân", "ăn"], key=key) == ["an", "ăn", "Ân", "Bình"]
    assert key("hà") < key("Hà") < key("hả")


def test_nfd_input_and_extra_spaces():
    clean = "Nguyễn Thị Hòa"
    messy = "  " + unicodedata.normalize("NFD", "Nguyễn  Thị   Hòa") + " "
    assert tach_ho_ten(messy) == ("Nguyễn Thị", "Hòa")
    assert sort_key_nguoi(messy) == sort_key_nguoi(clean)
    assert sort_key_nguoi(messy, key=vi_key_pure) == sort_key_nguoi(clean, key=vi_key_pure)


def test_eth_look_alike_is_folded_to_d_with_stroke():
    assert sort_key_nguoi("\u00d0ỗ Thu Hà") == sort_key_nguoi("Đỗ Thu Hà")


def test_single_word_and_empty_names():
    assert tach_ho_ten("Ụng") == ("", "Ụng")
    assert tach_ho_ten("   ") == ("", "")
    assert sort_key_nguoi("") < sort_key_nguoi("An")


def test_birth_date_kinds():
    pd = pytest.importorskip("pandas")
    values = [None, pd.NaT, float("nan"), 1980, pd.Timestamp("1980-05-02"),
              datetime(1979, 12, 31, 8, 0), date(1980, 1, 1), "1975"]
    ordered = sorted(values, key=lambda v: sort_key_nguoi("Lê An", v)[2])
    assert ordered[:5] == ["1975", datetime(1979, 12, 31, 8, 0), 1980, date(1980, 1, 1),
                           pd.Timestamp("1980-05-02")]
    assert all(v is None or v != v for v in ordered[5:])  # missing last


def test_sap_xep_nguoi_with_accessors_returns_a_new_list():
    rows = [("Trần Thị Anh", 1990), ("Nguyễn Văn An", 1991)]
    result = sap_xep_nguoi(rows, ten=lambda r: r[0], ngay_sinh=lambda r: r[1])
    assert result == [("Nguyễn Văn An", 1991), ("Trần Thị Anh", 1990)]
    assert rows[0] == ("Trần Thị Anh", 1990) and result is not rows


# --- properties ---------------------------------------------------------------------------

_VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBDĐEÊHOÔƠUƯ àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíị" \
              "òỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵÀÁẠỪỰĐ"
text = st.text(alphabet=_VIETNAMESE, max_size=12)
mixed = st.text(max_size=10)  # anything at all, for the total-order properties


def _all_keys():
    return [vi_key_pure, vi_key] + ([vi_key_icu] if collation.HAVE_ICU else [])


@settings(max_examples=200)
@given(st.lists(st.one_of(text, mixed), max_size=12), st.randoms(use_true_random=False))
def test_sorting_does_not_depend_on_input_order(items, rnd):
    for key in _all_keys():
        shuffled = items[:]
        rnd.shuffle(shuffled)
        assert [key(x) for x in sorted(items, key=key)] == \
            [key(x) for x in sorted(shuffled, key=key)]


@settings(max_examples=300)
@given(st.one_of(text, mixed), st.one_of(text, mixed), st.one_of(text, mixed))
def test_key_is_a_total_order(a, b, c):
    for key in _all_keys():
        ka, kb, kc = key(a), key(b), key(c)
        # antisymmetric: equal keys only for the same (normalised) text
        if ka <= kb and kb <= ka:
            assert collation.chuan_hoa(a) == collation.chuan_hoa(b)
        # total and transitive
        assert ka <= kb or kb <= ka
        if ka <= kb and kb <= kc:
            assert ka <= kc


@pytest.mark.skipif(not collation.HAVE_ICU, reason="PyICU not installed")
@settings(max_examples=500)
@given(text, text)
def test_fallback_agrees_with_icu_on_vietnamese_text(a, b):
    assert (vi_key_pure(a) < vi_key_pure(b)) == (vi_key_icu(a) < vi_key_icu(b))
