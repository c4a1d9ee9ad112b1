"""hoagiai.xlsx_plain: the statistical tables written without openpyxl keep every guarantee of
hoagiai.xlsx_writer, and read back the same in openpyxl, calamine and LibreOffice."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from hoagiai import xlsx_plain
from hoagiai.xlsx_plain import Sheet, Style


def _book() -> list[Sheet]:
    ws = Sheet("Biểu 1 - Tổ chức", freeze=(5, 1))
    ws.put(1, 1, "Báo cáo kết quả", Style(bold=True))
    ws.put(3, 1, "Kỳ báo cáo", Style(italic=True))
    ws.put(5, 1, "Thôn, tổ dân phố", Style(bold=True, header=True))
    ws.put(5, 2, "Tỷ lệ", Style(bold=True, header=True))
    ws.widths.update({1: 28, 2: 14})
    ws.put(6, 1, "An Lại")
    ws.put(6, 2, 2 / 3, Style(percent=True))
    ws.put(7, 1, "Tổng cộng", Style(bold=True))
    ws.put(7, 2, 1.0, Style(bold=True, percent=True))
    ws.put(7, 3, 25, Style(bold=True))
    ws.put(8, 1, None)
    other = Sheet("Trang <2> & \"khác\"")
    for col, text in enumerate(['=HYPERLINK("http://example.invalid")', "@SUM(A1:A9)", "+84 912", "-1+1",
                                " cách đầu", "bình thường", "ký tự\x01lạ", True], start=1):
        other.put(1, col, text)
    return [ws, other]


def test_openpyxl_reads_values_and_formatting(tmp_path):
    xlsx_plain.save(_book(), tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "b.xlsx")
    ws, other = wb.worksheets
    assert wb.sheetnames == ["Biểu 1 - Tổ chức", 'Trang <2> & "khác"']
    assert ws.freeze_panes == "B6" and other.freeze_panes is None
    assert ws["A1"].font.b and ws["A3"].font.i and not ws["A6"].font.b
    assert ws["A5"].alignment.wrap_text and ws["A5"].alignment.horizontal == "center"
    assert ws.column_dimensions["A"].width == 28 and ws.column_dimensions["B"].width == 14
    assert (ws["B6"].value, ws["B6"].number_format) == (pytest.approx(2 / 3), "0.0%")
    assert (ws["B7"].value, ws["B7"].font.b, ws["C7"].value) == (1, True, 25)
    assert [(c.value, c.data_type, c.quotePrefix) for c in other[1]][:6] == [
        ('=HYPERLINK("http://example.invalid")', "s", True), ("@SUM(A1:A9)", "s", True), ("+84 912", "s", True),
        ("-1+1", "s", True), (" cách đầu", "s", False), ("bình thường", "s", False)]
    assert other["H1"].value is True
    assert not list(tmp_path.glob(".*.tmp"))


def test_calamine_reads_the_values(tmp_path):
    from python_calamine import CalamineWorkbook

    xlsx_plain.save(_book(), tmp_path / "b.xlsx")
    rows = CalamineWorkbook.from_path(str(tmp_path / "b.xlsx")).get_sheet_by_index(1).to_python()
    assert rows[0][:6] == ['=HYPERLINK("http://example.invalid")', "@SUM(A1:A9)", "+84 912", "-1+1",
                           " cách đầu", "bình thường"]


def test_the_bytes_depend_on_the_content_only():
    assert xlsx_plain.to_bytes(_book()) == xlsx_plain.to_bytes(_book())
    changed = _book()
    changed[0].put(6, 1, "An Lại 2")
    assert xlsx_plain.to_bytes(changed) != xlsx_plain.to_bytes(_book())


def test_numpy_numbers_are_numbers_and_a_non_finite_one_is_text(tmp_path):
    np = pytest.importorskip("numpy")
    ws = Sheet("Số")
    ws.put(1, 1, np.int64(7))
    ws.put(1, 2, np.float64(0.25))
    ws.put(1, 3, float("nan"))
    xlsx_plain.save([ws], tmp_path / "n.xlsx")
    row = openpyxl.load_workbook(tmp_path / "n.xlsx").active[1]
    assert [(c.value, c.data_type) for c in row] == [(7, "n"), (0.25, "n"), ("nan", "s")]


def test_column_letters():
    assert [xlsx_plain.column_letter(n) for n in (1, 26, 27, 52, 53, 702, 703)] == \
        ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) không có trên máy này")
def test_libreoffice_opens_it_and_keeps_text_as_text(tmp_path):
    xlsx_plain.save(_book(), tmp_path / "b.xlsx")
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(tmp_path / "o"), str(tmp_path / "b.xlsx")], check=True, capture_output=True,
                   timeout=300)
    first = (tmp_path / "o" / "b-Biểu 1 - Tổ chức.csv").read_text(encoding="utf-8").splitlines()
    other = (tmp_path / "o" / 'b-Trang <2> & "khác".csv').read_text(encoding="utf-8")
    assert first[0] == "Báo cáo kết quả,," and first[5].startswith("An Lại,")
    assert other.startswith('"=HYPERLINK(""http://example.invalid"")",@SUM(A1:A9),+84 912,-1+1')
