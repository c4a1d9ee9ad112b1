"""TCVN3 (ABC) and VNI-Windows detection and conversion (docs/domain.md §9.2, Decision 10)."""

from __future__ import annotations

import pytest

from hoagiai.load import legacy

# every Vietnamese lower-case letter with a diacritic, for round trips
LETTERS = ("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")


@pytest.mark.parametrize("tcvn3, unicode", [
    ("Hßa gi¶i", "Hòa giải"),
    ("Tæ hßa gi¶i th«n §«ng Phan", "Tổ hòa giải thôn Đông Phan"),
    ("NguyÔn V¨n §øc", "Nguyễn Văn Đức"),
    ("ñy ban nh©n d©n", "ủy ban nhân dân"),
    ("Lª ThÞ H­êng", "Lê Thị Hường"),
])
def test_tcvn3_words(tcvn3, unicode):
    assert legacy.detect(tcvn3) == legacy.TCVN3
    assert legacy.suggest(tcvn3) == (legacy.TCVN3, unicode)


@pytest.mark.parametrize("vni, unicode", [
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("Nguyeãn Vaên Ñöùc", "Nguyễn Văn Đức"),
    ("Toå hoøa giaûi", "Tổ hòa giải"),
    ("Leâ Thò Hoa", "Lê Thị Hoa"),
    ("Tröôøng", "Trường"),
])
def test_vni_words(vni, unicode):
    assert legacy.detect(vni) == legacy.VNI
    assert legacy.suggest(vni) == (legacy.VNI, unicode)


@pytest.mark.parametrize("text", ["Hòa", "Thái Bình", "Hoàng", "Không", "Có", "Nam", "Nu", "Tổ trưởng", "Nữ",
                                  "José", "Müller", "§ 3", "Coca-Cola®", "15/QĐ-UBND", "Tồn tại, hạn chế",
                                  "Hoà giải viên", "Thuỷ", "Đông Phan", "ĐẤT ĐAI", "1.500.000 đ"])
def test_unicode_text_is_not_flagged(text):
    assert legacy.detect(text) is None


def test_tcvn3_table_round_trip():
    to_tcvn3 = {u: b for b, u in zip(legacy._TCVN3_BYTES, legacy._TCVN3_UNICODE)}
    encoded = "".join(to_tcvn3[c] for c in LETTERS)
    assert legacy.tcvn3_to_unicode(encoded) == LETTERS


def test_vni_table_round_trip():
    to_vni = {u: v for v, u in legacy._VNI_MAP.items()}
    for letter in LETTERS + LETTERS.upper():
        assert legacy.vni_to_unicode(to_vni[letter]) == letter


def test_tcvn3_capital_fonts_give_capitals():
    assert legacy.suggest("NGUYÔN V¡N") == (legacy.TCVN3, "NGUYỄN VĂN")


def test_syllable_check():
    assert all(legacy.is_syllable(w) for w in ["nghiêng", "quốc", "gì", "giữa", "khuya", "hoà", "hòa", "Trường"])
    assert not any(legacy.is_syllable(w) for w in ["chaứo", "Hßa", "xyz", "UBND", "hòá"])
