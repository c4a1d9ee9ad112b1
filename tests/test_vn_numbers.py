"""Numbers in figures: dot grouping, money, two-digit numbers, percentages, list numbering."""

from decimal import Decimal

import pytest

from hoagiai.vn.numbers import chu_cai, la_ma, so, so_hai_chu_so, tien, ty_le


@pytest.mark.parametrize(("n", "expected"), [
    (0, "0"),
    (7, "7"),
    (999, "999"),
    (1000, "1.000"),
    (1234567, "1.234.567"),
    (400000, "400.000"),
    (-1500, "-1.500"),
    (-1234567, "-1.234.567"),
    (10**18, "1.000.000.000.000.000.000"),
    (10**30, "1." + ".".join(["000"] * 10)),  # beyond the default 28-digit decimal context
    (400000.0, "400.000"),          # an integral float from a pandas column with blanks
    (Decimal("1800000"), "1.800.000"),
])
def test_so(n, expected):
    assert so(n) == expected


def test_so_negative_sign_is_ascii_hyphen_minus():
    assert so(-5) == "\u002d5"


def test_so_accepts_numpy_integers():
    np = pytest.importorskip("numpy")
    assert so(np.int64(1800000)) == "1.800.000"


@pytest.mark.parametrize("bad", [1.5, float("nan"), float("inf"), Decimal("2.5")])
def test_so_rejects_fractions_and_non_finite(bad):
    with pytest.raises(ValueError):
        so(bad)


@pytest.mark.parametrize("bad", ["1000", None, True])
def test_so_rejects_non_numbers(bad):
    with pytest.raises(TypeError):
        so(bad)


@pytest.mark.parametrize(("n", "expected"), [
    (1234000, "1.234.000 đồng"),
    (400000, "400.000 đồng"),
    (150000, "150.000 đồng"),
    (1800000, "1.800.000 đồng"),
    (0, "0 đồng"),
])
def test_tien(n, expected):
    assert tien(n) == expected


@pytest.mark.parametrize(("n", "expected"), [(0, "00"), (1, "01"), (5, "05"), (9, "09"),
                                             (10, "10"), (12, "12"), (123, "123")])
def test_so_hai_chu_so(n, expected):
    assert so_hai_chu_so(n) == expected


def test_so_hai_chu_so_rejects_negative():
    with pytest.raises(ValueError):
        so_hai_chu_so(-1)


@pytest.mark.parametrize(("x", "decimals", "expected"), [
    (0.857, 1, "85,7%"),
    (1, 1, "100%"),
    (0.85, 1, "85%"),
    (0.8513, 2, "85,13%"),
    (0.812, 1, "81,2%"),
    (0.8565, 1, "85,7%"),          # half up, on the decimal value
    (0.99999, 1, "100%"),
    (0, 1, "0%"),
    (0.5, 0, "50%"),
    (2 / 3, 1, "66,7%"),
    (2 / 3, 0, "67%"),
    (12.345, 1, "1.234,5%"),
    (-0.05, 1, "-5%"),
    (-0.0001, 1, "0%"),            # rounds to zero: no "-0%"
    (Decimal("0.8565"), 1, "85,7%"),
    (None, 1, "—"),
    (float("nan"), 1, "—"),
])
def test_ty_le(x, decimals, expected):
    assert ty_le(x, decimals) == expected


def test_ty_le_rejects_infinity_and_negative_decimals():
    with pytest.raises(ValueError):
        ty_le(float("inf"))
    with pytest.raises(ValueError):
        ty_le(0.5, -1)


@pytest.mark.parametrize(("n", "expected"), [
    (1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (10, "X"),
    (14, "XIV"), (19, "XIX"), (40, "XL"), (49, "XLIX"), (90, "XC"), (400, "CD"),
    (944, "CMXLIV"), (1999, "MCMXCIX"), (2026, "MMXXVI"), (3999, "MMMCMXCIX"),
])
def test_la_ma(n, expected):
    assert la_ma(n) == expected


@pytest.mark.parametrize("bad", [0, -1, 4000])
def test_la_ma_out_of_range(bad):
    with pytest.raises(ValueError):
        la_ma(bad)


def test_chu_cai_sequence_of_legal_drafting():
    letters = [chu_cai(i) for i in range(1, 24)]
    assert letters == ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                       "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"]
    assert not {"f", "j", "w", "z"} & set(letters)


@pytest.mark.parametrize("bad", [0, 24, -3])
def test_chu_cai_out_of_range(bad):
    with pytest.raises(ValueError):
        chu_cai(bad)
