"""Loading one dataset (file → typed Table + findings) and all of them."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ConfigError, RuleFileError
from ..findings import ERROR, WARNING, Finding
from ..model import DOAN_KIEM_TRA, HOA_GIAI_VIEN, KIEM_TRA, VU_VIEC, Table
from . import DEFAULT_MAX_BYTES
from . import footer, formulas
from .cells import ColumnTyper, Factorised, display, factorise
from .reader import FileRejected, Grid, check_size, find_header, read_csv, read_xlsx
from .spec import ColumnSpec, DatasetSpec, load_specs
from .where import Where

DATASETS = (HOA_GIAI_VIEN, VU_VIEC, KIEM_TRA, DOAN_KIEM_TRA)
_COLUMN_NUMBER = re.compile(r"\(?(\d{1,2}|[A-Za-z])\)?")


def load_all(inputs_dir: Path, rules_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
             today: dt.date | None = None) -> tuple[dict[str, Table], list[Finding]]:
    """Every dataset of CONTRACT §2, keyed by dataset name, and all loading findings."""
    return start(inputs_dir, rules_dir, max_bytes=max_bytes, today=today).result()


def start(inputs_dir: Path, rules_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
          today: dt.date | None = None) -> "Loading":
    """Start reading every dataset; `.result()` gives what `load_all` gives."""
    inputs_dir = Path(inputs_dir)
    if not inputs_dir.is_dir():
        raise ConfigError(f"Không tìm thấy thư mục dữ liệu đầu vào {inputs_dir}.")
    specs = load_specs(Path(rules_dir))
    for name in DATASETS:
        if name not in specs:
            raise RuleFileError(str(Path(rules_dir) / "du_lieu"), None, f"thiếu mô tả bộ dữ liệu `{name}`.")
    return Loading(inputs_dir, specs, max_bytes, today)


class Loading:
    """Datasets being read. Big workbooks (a city's, or a benchmark's hundreds of thousands of
    rows) are read in two worker processes — parsing xlsx holds the GIL, so threads would not
    help — while the caller does other work (the unit profile, the rules); small ones are read
    when `result()` is called."""

    def __init__(self, inputs_dir: Path, specs: dict[str, DatasetSpec], max_bytes: int,
                 today: dt.date | None):
        self._args = (inputs_dir, specs, max_bytes, today)
        self._pool = None
        self._futures = None
        if _input_bytes(inputs_dir) >= PARALLEL_FROM_BYTES and (os.cpu_count() or 1) > 1:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=2)
            self._futures = [self._pool.submit(_load_one, inputs_dir, specs[n], max_bytes, today)
                             for n in specs]

    def result(self) -> tuple[dict[str, Table], list[Finding]]:
        inputs_dir, specs, max_bytes, today = self._args
        try:
            if self._futures is not None:
                results = [f.result() for f in self._futures]
            else:
                results = [_load_one(inputs_dir, specs[n], max_bytes, today) for n in specs]
        finally:
            self.cancel()
        tables: dict[str, Table] = {}
        findings: list[Finding] = []
        for name, (table, found) in zip(specs, results):
            tables[name] = table
            findings.extend(found)
        return tables, findings

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


#: from this many bytes of input workbooks on, the datasets are read in parallel processes
PARALLEL_FROM_BYTES = 8_000_000


def _input_bytes(inputs_dir: Path) -> int:
    total = 0
    for p in inputs_dir.iterdir():
        if p.suffix.lower() in (".xlsx", ".csv") and p.is_file():
            total += p.stat().st_size
    return total


def _load_one(inputs_dir: Path, spec: DatasetSpec, max_bytes: int, today: dt.date | None):
    return load_dataset(inputs_dir, spec, max_bytes=max_bytes, today=today)


def load_dataset(inputs_dir: Path, spec: DatasetSpec, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 today: dt.date | None = None) -> tuple[Table, list[Finding]]:
    """Read `spec`'s file from `inputs_dir` (xlsx, else csv) into a typed Table.

    Never raises on a bad file: a missing file gives a `missing-file` warning and an empty
    Table; an unusable one an error finding and an empty Table. `today` picks the dated
    checks in force (default: today)."""
    inputs_dir = Path(inputs_dir)
    if not inputs_dir.is_dir():
        raise ConfigError(f"Không tìm thấy thư mục dữ liệu đầu vào {inputs_dir}.")
    today = today or dt.date.today()
    sheet_label = spec.sheet if isinstance(spec.sheet, str) else None
    xlsx, csv = _find(inputs_dir, spec.xlsx_name), _find(inputs_dir, spec.csv_name)
    findings: list[Finding] = []
    if xlsx is None and csv is None:
        where = Where(spec.name, spec.xlsx_name, sheet_label)
        also = f" hoặc {spec.csv_name}"
        findings.append(where.finding(
            "missing-file", WARNING,
            f"Không có tệp {spec.xlsx_name}{also} trong thư mục dữ liệu; phần này được coi là trống."))
        return _empty(spec, where, today), findings
    if xlsx is not None and csv is not None:
        findings.append(Where(spec.name, csv.name, None).finding(
            "duplicate-input-file", ERROR,
            f"Có cả {xlsx.name} và {csv.name}; chỉ đọc {xlsx.name}. Hãy xóa hoặc đổi tên một trong hai tệp."))
    path = xlsx or csv
    where = Where(spec.name, path.name, sheet_label if path is xlsx else None)
    try:
        check_size(path, where, max_bytes)
        grid = read_xlsx(path, spec, where) if path is xlsx else read_csv(path, where)
    except FileRejected as rejected:
        findings.append(rejected.finding)
        return _empty(spec, where, today), findings
    where = Where(spec.name, path.name, grid.sheet)
    findings.extend(grid.findings)
    table, found = _build(grid, spec, where, path, today)
    findings.extend(found)
    return table, findings


def _find(folder: Path, name: str) -> Path | None:
    exact = folder / name
    if exact.is_file():
        return exact
    lowered = name.lower()
    for p in folder.iterdir():
        if p.name.lower() == lowered and p.is_file():
            return p
    return None


def _build(grid: Grid, spec: DatasetSpec, where: Where, path: Path, today: dt.date) -> tuple[Table, list[Finding]]:
    formulas.mark_uncached(path, grid)   # a formula saved without its result is not an empty cell
    columns = {pos: factorise(grid.cells[pos]) for pos in grid.cells.columns}
    if not columns or all(fz.row_blank.all() for fz in columns.values()):
        what = f"Trang tính “{grid.sheet}” của tệp {path.name}" if grid.sheet else f"Tệp {path.name}"
        return _empty(spec, where, today), [where.finding("empty-file", ERROR, f"{what} không có dữ liệu.")]
    header, findings = find_header(grid, spec, where, path.name)
    if header is None:
        return _empty(spec, where, today), findings
    start = header.row_index + 1
    if start < len(grid.cells) and _is_column_numbers(grid.cells.iloc[start].tolist()):
        start += 1  # the "(1) (2) (3) …" row many official forms put under the header
    used = list(header.columns.values())
    blank = np.ones(len(grid.cells) - start, dtype=bool)
    for pos in used:
        blank &= columns[pos].row_blank[start:]
    keep = np.flatnonzero(~blank) + start
    keep = keep[:footer.data_end(grid.cells, keep)]   # "Tổng cộng", "Người lập biểu", signatures
    rows = grid.rows[keep]

    def rows_of(pos: int | None) -> Factorised:
        if pos is None:
            return Factorised(np.full(len(keep), -1, dtype=np.intp), [], np.array([True]))
        fz = columns[pos]
        return Factorised(fz.codes[keep], fz.uniques, fz.blank, fz.texts)

    data, found, present = _type_columns(spec, header.columns, header.headers, rows_of, rows, where, today)
    findings.extend(found)
    for key, pos in header.columns.items():
        if key.startswith("extra:"):
            fz = rows_of(pos)
            texts = np.empty(len(fz.uniques) + 1, dtype=object)
            for i, (u, b) in enumerate(zip(fz.uniques, fz.blank)):
                texts[i] = None if b else display(u)
            data[key] = pd.Series(texts[fz.codes], dtype=object)
    data["_row"] = pd.Series(rows.astype(np.int64))
    table = Table(spec.name, path.name, grid.sheet, pd.DataFrame(data), dict(header.headers), grid.encoding)
    return table, findings


def _type_columns(spec: DatasetSpec, positions: dict[str, int], headers: dict[str, str], rows_of,
                  rows: np.ndarray, where: Where, today: dt.date):
    data: dict[str, pd.Series] = {}
    present: dict[str, np.ndarray] = {}
    findings: list[Finding] = []
    for col in spec.columns:
        header = headers.get(col.key, col.header)
        typed = ColumnTyper(col, header, where, today).run(rows_of(positions.get(col.key)), rows)
        data.update(typed.columns)
        present[col.key] = typed.present
        findings.extend(typed.findings)
        if col.required and col.key in positions:
            for i in np.flatnonzero(~typed.present):
                findings.append(where.finding(
                    "required-missing", col.required_severity, f"Thiếu “{header}” (thông tin bắt buộc).",
                    row=int(rows[i]), column=header, basis=col.citation.source))
    for col in spec.columns:
        if col.required_if and col.required_if.citation.in_force(today):
            findings.extend(_required_if(col, data, present, headers, rows, where))
    for col in spec.columns:
        if col.default is not None:
            data[col.key] = _apply_default(col, data)
    return data, findings, present


def _required_if(col: ColumnSpec, data, present, headers, rows, where: Where) -> list[Finding]:
    rule = col.required_if
    cond_header = headers.get(rule.column, rule.column)
    if rule.values is None:
        condition = present[rule.column]
        because = f"Đã ghi “{cond_header}” thì phải ghi “{headers.get(col.key, col.header)}”."
    else:
        condition = data[rule.column].isin(rule.values).to_numpy()
    out = []
    header = headers.get(col.key, col.header)
    for i in np.flatnonzero(condition & ~present[col.key]):
        if rule.values is not None:
            because = f"“{cond_header}” là “{data[rule.column].iat[i]}” thì phải ghi “{header}”."
        out.append(where.finding("required-if", ERROR, because, row=int(rows[i]), column=header,
                                 basis=rule.citation.source))
    return out


def _apply_default(col: ColumnSpec, data: dict[str, pd.Series]) -> pd.Series:
    series = data[col.key].copy()
    missing = np.flatnonzero(series.isna().to_numpy())
    if not len(missing):
        return series
    parts = re.split(r"{(\w+)}", col.default)
    if len(parts) == 1:
        series.iloc[missing] = col.default
        return series
    # one text per distinct combination of the referenced values, spread back over the rows
    refs = pd.DataFrame({i: data[name].iloc[missing].to_numpy(dtype=object)
                         for i, name in enumerate(parts[1::2])})
    codes, combos = pd.factorize(pd.MultiIndex.from_frame(refs)) if refs.shape[1] > 1 else \
        pd.factorize(refs[0].to_numpy(dtype=object), use_na_sentinel=True)
    texts = np.empty(len(combos) + 1, dtype=object)
    for j, combo in enumerate(combos):
        values = combo if isinstance(combo, tuple) else (combo,)
        if any(pd.isna(v) for v in values):
            continue
        texts[j] = parts[0] + "".join(str(v) + lit for v, lit in zip(values, parts[2::2]))
    series.iloc[missing] = texts[codes]
    return series


def _is_column_numbers(cells: list) -> bool:
    texts = [display(c) for c in cells if not (c is None or c == "" or (isinstance(c, float) and c != c))]
    return len(texts) >= 3 and all(_COLUMN_NUMBER.fullmatch(t) for t in texts)


def _empty(spec: DatasetSpec, where: Where, today: dt.date) -> Table:
    headers = {c.key: c.header for c in spec.columns}
    headers.update({c.year_key: c.header for c in spec.columns if c.year_key})

    def rows_of(pos):
        return Factorised(np.empty(0, dtype=np.intp), [], np.array([True]))

    data, _, _ = _type_columns(spec, {}, headers, rows_of, np.empty(0, dtype=np.int64), where, today)
    data["_row"] = pd.Series(np.empty(0, dtype=np.int64))
    return Table(spec.name, where.file, where.sheet, pd.DataFrame(data), headers)
