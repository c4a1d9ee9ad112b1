"""Wording helpers (hoagiai.vn.loi): counts, zero, forms of address, lists — golden tables."""

from __future__ import annotations

import pytest

from hoagiai.render import compiled  # noqa: F401  (the filters are registered there)
from hoagiai.vn import FILTERS, cac_ong_ba, dem, lap_lai, liet_ke, nhieu, ong_ba, ong_ba_ten, viet_hoa_dau


@pytest.mark.parametrize("items, expected", [
    ([], ""),
    (["An Lại"], "An Lại"),
    (["An Lại", "Kim Sơn"], "An Lại và Kim Sơn"),
    (["An Lại", "Kim Sơn", "Tiên Hội"], "An Lại, Kim Sơn và Tiên Hội"),
    (["A", "", "B"], "A và B"),
])
def test_liet_ke(items, expected):
    assert liet_ke(items) == expected


@pytest.mark.parametrize("n, noun, expected", [
    (0, "vụ, việc", "không có vụ, việc"),
    (1, "hòa giải viên", "01 hòa giải viên"),
    (4, "vụ, việc", "04 vụ, việc"),
    (12, "tổ hòa giải", "12 tổ hòa giải"),
    (0, "tổ trưởng", "không có tổ trưởng"),
])
def test_dem_writes_zero_in_words(n, noun, expected):
    assert dem(n, noun) == expected
    assert "00" not in dem(n, noun) and not dem(n, noun).startswith("0 ")


@pytest.mark.parametrize("gender, expected", [("Nữ", "bà"), ("Nam", "ông"), (None, "ông, bà"), ("", "ông, bà")])
def test_ong_ba(gender, expected):
    assert ong_ba(gender) == expected


def test_ong_ba_ten_and_capital():
    assert ong_ba_ten("Nữ", "Phạm Ngọc Xuân") == "bà Phạm Ngọc Xuân"
    assert viet_hoa_dau(ong_ba_ten("Nam", "Lê Quang Hùng")) == "Ông Lê Quang Hùng"


@pytest.mark.parametrize("genders, expected", [
    (["Nam", "Nam"], "các ông"), (["Nữ", "Nữ"], "các bà"), (["Nam", "Nữ"], "các ông, bà"),
    (["Nam", None], "các ông, bà"),
])
def test_cac_ong_ba(genders, expected):
    assert cac_ong_ba(genders) == expected


@pytest.mark.parametrize("items, expected", [
    (["An Lại"], "tổ hòa giải thôn An Lại"),
    (["An Lại", "Kim Sơn"], "các tổ hòa giải thôn An Lại và thôn Kim Sơn"),
])
def test_singular_and_plural_phrases(items, expected):
    phrase = ("tổ hòa giải " if len(items) == 1 else "các tổ hòa giải ") + lap_lai(items, "thôn")
    assert phrase == expected
    assert nhieu(items, "thôn {}", "các thôn {}") == ("thôn An Lại" if len(items) == 1
                                                      else "các thôn An Lại và Kim Sơn")


def test_registered_as_template_filters():
    for name in ("liet_ke", "dem", "ong_ba", "ong_ba_ten", "cac_ong_ba", "lap_lai"):
        assert name in FILTERS


@pytest.mark.parametrize("n, expected", [(0, "không có"), (1, "có 01"), (2, "có 02"), (12, "có 12")])
def test_co_dem(n, expected):
    from hoagiai.vn import co_dem

    assert co_dem(n) == expected
