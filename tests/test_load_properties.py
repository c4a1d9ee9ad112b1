"""Property: whatever the clerk puts in the cells, loading yields a typed Table and
findings — never an exception."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoagiai.findings import SEVERITIES
from load_fixtures import DOAN_HEADERS, HGV_HEADERS, KQ_HEADERS, SPECS, VV_HEADERS, load, write_csv, write_xlsx

CODES = {"text-too-long", "missing-file", "duplicate-input-file", "file-too-large", "suspicious-archive",
         "unreadable-file", "empty-file", "missing-sheet", "header-not-found", "duplicate-header", "missing-column",
         "csv-legacy-encoding", "required-missing", "required-if", "invalid-date", "ambiguous-date",
         "invalid-number", "invalid-enum", "pattern-mismatch", "cccd-old-cmnd", "leading-zero-lost",
         "legacy-encoding", "formula-no-value", "merged-cells", "misnamed-file", "split-sheets",
         "header-without-diacritics", "header-near-miss"}
SAMPLES = ["31/02/2026", "5/3/65", "03/05", "2026-05-03", "1965", "Nu", "Nữ", "Hßa gi¶i", "Xin chaøo", "0912345678",
           "031170000123", "012345678", "Có", "không", "Thành", "Đang giải quyết", "a; b;;c", ";", " ", "\n",
           "Tự nguyện", "hoà giải viên", "Ðông", "(1)", "=1+1", "#N/A", "TRUE", "NaN", "None", "1e400", "-0",
           "29/02/2024", "29/02/2025", "00/00/0000", "1/1/1899", "1/1/2101", "12345678901234567890"]
# text openpyxl can store (no C0 control characters except tab/newline, no surrogates)
SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
TEXT = st.text(st.characters(blacklist_categories=SURROGATES, blacklist_characters=[
    chr(c) for c in range(32) if chr(c) not in "\t\n\r"] + ["\x7f"]), max_size=40)
CELL = st.one_of(
    st.none(), TEXT, st.sampled_from(SAMPLES), st.integers(-10 ** 16, 10 ** 16),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.dates(min_value=dt.date(1900, 3, 1)), st.booleans(), st.just("Nguyễn " * 5000),
)
HEADERS = {"hoa_giai_vien": HGV_HEADERS, "vu_viec": VV_HEADERS, "kiem_tra": KQ_HEADERS,
           "doan_kiem_tra": DOAN_HEADERS}
SHEETS = {"kiem_tra": "Kết quả", "doan_kiem_tra": "Đoàn kiểm tra"}
FILES = {"kiem_tra": "kiem_tra", "doan_kiem_tra": "kiem_tra"}


def check(table, findings, dataset):
    spec = SPECS[dataset]
    assert table.dataset == dataset
    assert set(spec.keys) | {"_row"} <= set(table.frame.columns)
    for f in findings:
        assert f.code in CODES and f.severity in SEVERITIES and f.dataset == dataset and f.file
        assert isinstance(f.message, str) and f.message
        assert f.row is None or isinstance(f.row, int)
    for col in spec.columns:
        series = table.frame[col.key]
        if col.type == "date" or col.type == "date_or_year":
            assert str(series.dtype) == "datetime64[ns]"
        elif col.type in ("int", "year"):
            assert str(series.dtype) == "Int64"
        elif col.type == "yesno":
            assert str(series.dtype) == "boolean"
        elif col.type == "enum":
            assert all(v is None or v in col.values for v in series)
        elif col.type == "name_list":
            assert all(isinstance(v, list) and all(isinstance(n, str) and n for n in v) for v in series)
        else:
            assert all(v is None or (isinstance(v, str) and v == v.strip()) for v in series)
    assert pd.api.types.is_integer_dtype(table.frame["_row"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dataset=st.sampled_from(sorted(HEADERS)), rows=st.lists(st.lists(CELL, min_size=1, max_size=17), max_size=5),
       title=st.booleans())
def test_any_xlsx_cells_give_findings_not_exceptions(tmp_path_factory, dataset, rows, title):
    folder = tmp_path_factory.mktemp("x")
    headers = HEADERS[dataset]
    lines = ([["Tiêu đề"]] if title else []) + [headers] + [r[: len(headers)] for r in rows]
    write_xlsx(folder / f"{FILES.get(dataset, dataset)}.xlsx", {SHEETS.get(dataset, "Sheet1"): lines})
    check(*load(folder, dataset), dataset)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dataset=st.sampled_from(["hoa_giai_vien", "vu_viec"]),
       rows=st.lists(st.lists(st.one_of(st.text(max_size=30), st.sampled_from(SAMPLES)), max_size=20), max_size=6),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1258"]))
def test_any_csv_text_gives_findings_not_exceptions(tmp_path_factory, dataset, rows, encoding):
    folder = tmp_path_factory.mktemp("c")
    path = folder / f"{dataset}.csv"
    try:
        write_csv(path, [HEADERS[dataset]] + rows, encoding=encoding)
    except UnicodeEncodeError:
        write_csv(path, [HEADERS[dataset]] + rows, encoding="utf-8")
    check(*load(folder, dataset), dataset)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".xlsx", ".csv"]))
def test_any_bytes_give_findings_not_exceptions(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("b")
    (folder / f"vu_viec{suffix}").write_bytes(data)
    check(*load(folder, "vu_viec"), "vu_viec")
