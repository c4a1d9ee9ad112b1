"""The "Số: 05/KH-UBND" line."""

import unicodedata

import pytest

from hoagiai.vn.docnumber import so_hieu


@pytest.mark.parametrize(("so", "ky_hieu", "expected"), [
    (5, "KH-UBND", "Số: 05/KH-UBND"),
    (1, "QĐ-UBND", "Số: 01/QĐ-UBND"),
    (9, "BC-UBND", "Số: 09/BC-UBND"),
    (10, "TTr-UBND", "Số: 10/TTr-UBND"),
    (123, "QĐ-UBND", "Số: 123/QĐ-UBND"),
    (45, "UBND-VP", "Số: 45/UBND-VP"),
    (None, "KH-UBND", "Số:      /KH-UBND"),
    (7, " KH-UBND ", "Số: 07/KH-UBND"),
])
def test_so_hieu(so, ky_hieu, expected):
    assert so_hieu(so, ky_hieu) == expected


def test_so_hieu_normalises_the_symbol_to_nfc():
    out = so_hieu(3, unicodedata.normalize("NFD", "QĐ-UBND"))
    assert out == "Số: 03/QĐ-UBND" and unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize(("so", "ky_hieu"), [(0, "KH-UBND"), (-1, "KH-UBND"), (5, ""),
                                             (5, "  "), (5, "KH - UBND")])
def test_so_hieu_rejects_bad_input(so, ky_hieu):
    with pytest.raises(ValueError):
        so_hieu(so, ky_hieu)
