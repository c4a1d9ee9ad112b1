"""Properties of the loader beyond "never raises" (that one is tests/test_load_properties.py;
the sort key's total order is tests/test_vn_collation.py): whatever the cells hold,

- every finding points at a place the clerk can find — a row that exists in the file, under
  the header, and a column header as written (or none);
- row numbers are the clerk's: blank rows above the table shift every finding and every row
  number by exactly that many, nothing else changes;
- a workbook and the same text saved as CSV load to the same rows and the same findings;
- the values read are NFC text, trimmed, with the canonical enumerations.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from load_fixtures import DOAN_HEADERS, HGV_HEADERS, KQ_HEADERS, SPECS, VV_HEADERS, load, write_csv, write_xlsx

HEADERS = {"hoa_giai_vien": HGV_HEADERS, "vu_viec": VV_HEADERS, "kiem_tra": KQ_HEADERS,
           "doan_kiem_tra": DOAN_HEADERS}
SHEETS = {"kiem_tra": "Kết quả", "doan_kiem_tra": "Đoàn kiểm tra"}
FILES = {"kiem_tra": "kiem_tra", "doan_kiem_tra": "kiem_tra"}
SAMPLES = ["Nguyễn Thị Lan", "Trần Văn Bình", "Nữ", "nam", "An Lại", "Đông Phan", "Hoà giải viên", "Tổ trưởng",
           "05/03/2026", "31/02/2026", "1970", "5/3/65", "Thành", "Không thành", "Đang giải quyết", "Đất đai",
           "Có", "Không", "031170000123", "0912345678", "VV-01", "Nguyễn Thị Lan; Trần Văn Bình", "Tự nguyện",
           "Tốt", "Khá", "Trưởng đoàn", "Thành viên", "Hoa\u0300", " ", "=1+1", "-", "(1)"]
# text any spreadsheet can hold (no control characters, no surrogates)
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=25)
CELL_TEXT = st.one_of(st.none(), st.sampled_from(SAMPLES), TEXT)
CELL = st.one_of(CELL_TEXT, st.integers(-10 ** 6, 10 ** 6), st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)))
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def rows_of(cells, width: int) -> list[list]:
    return [list(r[:width]) + [None] * (width - len(r[:width])) for r in cells]


def _xlsx(folder, dataset, lines):
    write_xlsx(folder / f"{FILES.get(dataset, dataset)}.xlsx", {SHEETS.get(dataset, "Sheet1"): lines})
    return load(folder, dataset)


def _positions(findings) -> list[tuple]:
    return [(f.code, f.row, f.column, f.severity) for f in findings]


def _blank(line) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in line)


@SETTINGS
@given(dataset=st.sampled_from(sorted(HEADERS)), cells=st.lists(st.lists(CELL, max_size=17), max_size=6),
       titles=st.integers(0, 3))
def test_findings_point_at_rows_and_headers_that_exist(tmp_path_factory, dataset, cells, titles):
    headers = HEADERS[dataset]
    lines = [["DANH SÁCH"]] * titles + [headers] + rows_of(cells, len(headers))
    table, findings = _xlsx(tmp_path_factory.mktemp("p"), dataset, lines)
    header_row, last_row = titles + 1, len(lines)
    data_rows = {header_row + i for i, line in enumerate(lines[titles + 1:], start=1) if not _blank(line)}
    rows = list(table.frame["_row"])
    assert rows == sorted(set(rows)) and set(rows) <= data_rows
    for f in findings:
        assert f.row is None or header_row < f.row <= last_row, (f.code, f.row)
        assert f.column is None or f.column in headers, (f.code, f.column)


@SETTINGS
@given(dataset=st.sampled_from(sorted(HEADERS)), cells=st.lists(st.lists(CELL, max_size=17), min_size=1,
                                                                   max_size=5), shift=st.integers(1, 4))
def test_blank_rows_above_shift_every_row_number_by_exactly_that_many(tmp_path_factory, dataset, cells, shift):
    headers = HEADERS[dataset]
    body = [headers] + rows_of(cells, len(headers))
    t1, f1 = _xlsx(tmp_path_factory.mktemp("a"), dataset, body)
    t2, f2 = _xlsx(tmp_path_factory.mktemp("b"), dataset, [[None]] * shift + body)
    moved = [(c, None if r is None else r + shift, col, sev) for c, r, col, sev in _positions(f1)]
    assert sorted(map(repr, _positions(f2))) == sorted(map(repr, moved))
    assert list(t2.frame["_row"]) == [r + shift for r in t1.frame["_row"]]
    a, b = t1.frame.drop(columns="_row"), t2.frame.drop(columns="_row")
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


@SETTINGS
@given(dataset=st.sampled_from(["hoa_giai_vien", "vu_viec"]),
       cells=st.lists(st.lists(st.one_of(st.sampled_from(SAMPLES), TEXT).filter(
           lambda t: "\r" not in t and not t.startswith("=")),   # openpyxl would store "=…" as a formula
           max_size=17), max_size=5))
def test_xlsx_and_csv_of_the_same_text_load_the_same(tmp_path_factory, dataset, cells):
    headers = HEADERS[dataset]
    lines = [headers] + [[(v if isinstance(v, str) and v.strip() else None) for v in line]
                         for line in rows_of(cells, len(headers))]
    tx, fx = _xlsx(tmp_path_factory.mktemp("x"), dataset, lines)
    folder = tmp_path_factory.mktemp("c")
    write_csv(folder / f"{dataset}.csv", lines)
    tc, fc = load(folder, dataset)
    strip = lambda fs: sorted((f.code, f.row, f.column, f.severity, str(f.value)) for f in fs)  # noqa: E731
    assert strip(fx) == strip(fc)
    assert list(tx.frame["_row"]) == list(tc.frame["_row"])
    pd.testing.assert_frame_equal(tx.frame.reset_index(drop=True), tc.frame.reset_index(drop=True))


@SETTINGS
@given(dataset=st.sampled_from(sorted(HEADERS)), cells=st.lists(st.lists(CELL, max_size=17), max_size=6))
def test_values_are_nfc_trimmed_and_canonical(tmp_path_factory, dataset, cells):
    headers = HEADERS[dataset]
    table, _ = _xlsx(tmp_path_factory.mktemp("v"), dataset, [headers] + rows_of(cells, len(headers)))
    for col in SPECS[dataset].columns:
        for v in table.frame[col.key]:
            if isinstance(v, str):
                assert v == unicodedata.normalize("NFC", v) and v == v.strip() and v
                if col.type == "enum":
                    assert v in col.values
            elif isinstance(v, list):
                assert all(n == unicodedata.normalize("NFC", n) and n == n.strip() and n for n in v)
