"""hoagiai.documents.table_rows.rows: a table's rows as plain dicts in file order, each with the
values `Table.row` gives (what pandas' iterrows gave, an empty whole-number cell as None)."""

from __future__ import annotations

import math

import pandas as pd

from hoagiai.documents import table_rows
from hoagiai.model import Table


def _table() -> Table:
    frame = pd.DataFrame({
        "ho_ten": ["Bình", "An", "Chi"],
        "nam_sinh": pd.array([1980, None, 1975], dtype="Int64"),
        "ngay_sinh": pd.to_datetime(["1980-02-03", None, "1975-06-07"]),
        "diem": [1.5, math.nan, 2.0],
        "_row": [5, 3, 4],
    }, index=[10, 11, 12])
    return Table("hoa_giai_vien", "hoa_giai_vien.xlsx", "Sheet1", frame)


def test_rows_come_in_file_order_named_by_their_index():
    rows = table_rows.rows(_table())
    assert [r["_row"] for r in rows] == [3, 4, 5]
    assert [r.name for r in rows] == [11, 12, 10]
    assert [r.get("ho_ten") for r in rows] == ["An", "Chi", "Bình"]


def test_row_values_are_the_iterrows_values_with_none_for_an_empty_whole_number():
    t = _table()
    by_name = {r.name: r for r in table_rows.rows(t)}
    for i, series in t.frame.iterrows():
        row = by_name[i]
        assert list(row) == list(series.index)
        for k, v in series.items():
            if v is pd.NA:
                assert row[k] is None
            elif isinstance(v, float) and math.isnan(v):
                assert math.isnan(row[k])
            elif v is pd.NaT:
                assert row[k] is pd.NaT
            else:
                assert row[k] == v and type(row[k]) is type(v)
    assert table_rows.birth_year(by_name[11]) is None
    assert table_rows.birth_year(by_name[10]) == 1980
    assert table_rows.person_record(by_name[12]) == "Chi|1975"


def test_each_caller_gets_its_own_list_of_the_same_rows():
    t = _table()
    a, b = table_rows.rows(t), table_rows.rows(t)
    assert a == b and a is not b
    a.pop()
    assert len(table_rows.rows(t)) == 3
    assert table_rows.rows(None) == []
