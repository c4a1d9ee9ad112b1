"""Loading one dataset (file → typed Table + findings) and all of them."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ConfigError, RuleFileError
from ..findings import ERROR, Finding
from ..model import DOAN_KIEM_TRA, HOA_GIAI_VIEN, KIEM_TRA, VU_VIEC, Table
from . import DEFAULT_MAX_BYTES, UNAVAILABLE, codes, files, footer, formulas, sheets  # noqa: F401 — UNAVAILABLE re-exported
from .cells import display, is_blank
from .column_typer import ColumnTyper, Factorised, factorise
from .reader import Grid, check_size, find_header, read_csv
from .sheets import read_workbook
from .where import FileRejected
from .spec import ColumnSpec, DatasetSpec, load_specs
from .where import Where

DATASETS = (HOA_GIAI_VIEN, VU_VIEC, KIEM_TRA, DOAN_KIEM_TRA)
_COLUMN_NUMBER = re.compile(r"\(?(\d{1,2}|[A-Za-z])\)?")


def load_all(inputs_dir: Path, rules_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
             today: dt.date | None = None) -> tuple[dict[str, Table], list[Finding]]:
    """Every dataset of docs/contract.md §2, keyed by dataset name, and all loading findings."""
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
            from ..oscompat import process_pool

            self._pool = process_pool(2)
            taken = files.exact_names(specs.values())
            self._futures = [self._pool.submit(_load_one, inputs_dir, specs[n], max_bytes, today, taken)
                             for n in specs]

    def result(self) -> tuple[dict[str, Table], list[Finding]]:
        inputs_dir, specs, max_bytes, today = self._args
        try:
            if self._futures is not None:
                results = [f.result() for f in self._futures]
            else:
                taken = files.exact_names(specs.values())
                results = [_load_one(inputs_dir, specs[n], max_bytes, today, taken) for n in specs]
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
        if p.suffix.lower() in files.ALL_SUFFIXES and p.is_file():
            total += p.stat().st_size
    return total


def _load_one(inputs_dir: Path, spec: DatasetSpec, max_bytes: int, today: dt.date | None, taken: set[str]):
    return load_dataset(inputs_dir, spec, max_bytes=max_bytes, today=today, taken=taken)


def load_dataset(inputs_dir: Path, spec: DatasetSpec, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 today: dt.date | None = None, taken: set[str] | None = None) -> tuple[Table, list[Finding]]:
    """Read `spec`'s file from `inputs/` (see `files`: .xlsx, .xlsm, .xls, .ods, else .csv)
    into a typed Table.

    Never raises on a bad file. A file that is missing, misnamed, unreadable or ambiguous
    gives an ERROR finding (`UNAVAILABLE` codes) and an empty Table: the documents reading
    the dataset are blocked, never built from empty data. A workbook with its header row and
    no rows (as `init` writes it) is a valid, empty dataset. `taken`: name keys of every
    dataset's exact file names (default: this dataset's only). `today` picks the dated
    checks in force (default: today)."""
    inputs_dir = Path(inputs_dir)
    if not inputs_dir.is_dir():
        raise ConfigError(f"Không tìm thấy thư mục dữ liệu đầu vào {inputs_dir}.")
    today = today or dt.date.today()
    sheet_label = spec.sheet if isinstance(spec.sheet, str) else None
    found = files.find_input(inputs_dir, spec.file_base, spec.csv_base or spec.file_base,
                             taken if taken is not None else files.exact_names([spec]))
    if not found.exact:
        where = Where(spec.name, spec.xlsx_name, sheet_label)
        return _empty(spec, where, today), [_not_found(spec, where, found.near)]
    path = found.exact[0]
    findings: list[Finding] = []
    if len(found.exact) > 1:
        others = ", ".join(p.name for p in found.exact[1:])
        findings.append(Where(spec.name, path.name, None).finding(
            codes.DUPLICATE_INPUT_FILE, ERROR,
            f"Có nhiều tệp cho cùng một dữ liệu: {path.name}, {others}. Chương trình không đoán tệp nào "
            "đúng (chỉ kiểm tra tệp đầu); các văn bản dùng dữ liệu này chưa được lập. "
            "Hãy xóa hoặc đổi tên các tệp thừa.", value=", ".join(p.name for p in found.exact)))
    is_csv = path.suffix.lower() == ".csv"
    where = Where(spec.name, path.name, None if is_csv else sheet_label)
    try:
        check_size(path, where, max_bytes)
        grid = read_csv(path, where) if is_csv else read_workbook(path, spec, where)
    except FileRejected as rejected:
        findings.append(rejected.finding)
        return _empty(spec, where, today), findings
    where = Where(spec.name, path.name, grid.sheet)
    findings.extend(grid.findings)
    table, found_here = _build(grid, spec, where, path, today)
    findings.extend(found_here)
    return table, findings


def _not_found(spec: DatasetSpec, where: Where, near: list[Path]) -> Finding:
    formats = ", ".join(files.WORKBOOK_SUFFIXES[1:]) + f" hoặc {spec.csv_name}"
    if near:
        names = ", ".join(f"“{p.name}”" for p in near)
        if len(near) == 1:
            fix = f"Nếu đúng là tệp này, hãy đổi tên thành “{spec.file_base}{near[0].suffix.lower()}”."
        else:
            fix = f"Hãy giữ đúng một tệp và đổi tên thành “{spec.xlsx_name}”; chương trình không tự đoán."
        return where.finding(
            codes.MISNAMED_FILE, ERROR,
            f"Không có tệp {spec.xlsx_name} nhưng có {names} — tên gần giống nên không được đọc. {fix} "
            "Các văn bản dùng dữ liệu này chưa được lập.", value=", ".join(p.name for p in near))
    return where.finding(
        codes.MISSING_FILE, ERROR,
        f"Không có tệp {spec.xlsx_name} (hoặc {formats}) trong thư mục dữ liệu; các văn bản dùng dữ liệu "
        "này chưa được lập. Nếu chưa có dữ liệu nào, hãy để tệp chỉ có dòng tiêu đề (lệnh init tạo sẵn).")


def _build(grid: Grid, spec: DatasetSpec, where: Where, path: Path, today: dt.date) -> tuple[Table, list[Finding]]:
    formulas.mark_uncached(path, grid)   # a formula saved without its result is not an empty cell
    columns = {pos: factorise(grid.cells[pos]) for pos in grid.cells.columns}
    if not columns or all(fz.row_blank.all() for fz in columns.values()):
        what = f"Trang tính “{grid.sheet}” của tệp {path.name}" if grid.sheet else f"Tệp {path.name}"
        return _empty(spec, where, today), [where.finding(codes.EMPTY_FILE, ERROR, f"{what} không có dữ liệu.")]
    header, findings = find_header(grid, spec, where, path.name)
    if header is None:
        return _empty(spec, where, today), findings
    start = header.row_index + 1
    if grid.merged:
        start, found, changed = sheets.spread_merged(grid, header, start, where)
        findings.extend(found)
        columns.update({pos: factorise(grid.cells[pos]) for pos in changed})
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
    table = Table(spec.name, path.name, grid.sheet, pd.DataFrame(data), dict(header.headers), grid.encoding,
                  source=_identity(spec, path))
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
                    codes.REQUIRED_MISSING, col.required_severity, f"Thiếu “{header}” (thông tin bắt buộc).",
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
    assert rule is not None                 # called only for the columns that have one
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
        out.append(where.finding(codes.REQUIRED_IF, ERROR, because, row=int(rows[i]), column=header,
                                 basis=rule.citation.source))
    return out


def _apply_default(col: ColumnSpec, data: dict[str, pd.Series]) -> pd.Series:
    assert col.default is not None          # called only for the columns that have one
    series = data[col.key].copy()
    missing = np.flatnonzero(series.isna().to_numpy())
    if not len(missing):
        return series
    assert col.default is not None
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
    texts = [display(c) for c in cells if not is_blank(c)]
    return len(texts) >= 3 and all(_COLUMN_NUMBER.fullmatch(t) for t in texts)


def _empty(spec: DatasetSpec, where: Where, today: dt.date) -> Table:
    headers = {c.key: c.header for c in spec.columns}
    headers.update({c.year_key: c.header for c in spec.columns if c.year_key})

    def rows_of(pos):
        return Factorised(np.empty(0, dtype=np.intp), [], np.array([True]))

    data, _, _ = _type_columns(spec, {}, headers, rows_of, np.empty(0, dtype=np.int64), where, today)
    data["_row"] = pd.Series(np.empty(0, dtype=np.int64))
    return Table(spec.name, where.file, where.sheet, pd.DataFrame(data), headers, source=spec.xlsx_name)


def _identity(spec: DatasetSpec, path: Path) -> str:
    """The name records of this file are keyed by (see `Table.source`)."""
    return spec.csv_name if path.suffix.lower() == ".csv" else spec.xlsx_name
