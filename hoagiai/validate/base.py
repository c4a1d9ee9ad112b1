"""What every rule kind shares: the Rule record, the Kind record, and the check Context.

A *kind* (`kieu` in the rule files) is one generic check written once in Python — "these
dates are in order", "each group has at least N rows where …". A *rule* is a kind plus its
parameters, severity, message and legal basis, all read from `rules/kiem_tra/*.yaml`.
Kinds work on whole columns (pandas/numpy), never row by row; only the findings — the rare
rows that break a rule — are built one by one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import numpy as np
import pandas as pd

from ..definitions import in_office
from ..findings import Finding
from ..model import Table
from ..unit_profile import Profile
from .text import fold, fold_codes

DATASETS = ("hoa_giai_vien", "vu_viec", "kiem_tra", "doan_kiem_tra")


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str                 # "error" | "warning"
    kind: str                     # `kieu`
    dataset: str                  # `bang`: the table the findings are about
    params: dict[str, Any]        # `tham_so`
    message: str                  # `thong_bao`: Vietnamese template with {named} fields
    basis: str                    # `can_cu`
    source: str                   # `nguon`
    valid_from: dt.date           # `hieu_luc_tu`
    valid_to: dt.date | None      # `hieu_luc_den`
    date_column: str | None       # `ngay_ap_dung`: the row's date that picks the rules in force
    origin: str = ""              # "rules/kiem_tra/hang.yaml, quy_tac[3]" (for messages)
    columns: frozenset = frozenset()  # (dataset, column key) pairs the rule reads

    @property
    def datasets(self) -> set[str]:
        return {self.dataset} | {d for d, _ in self.columns}

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class Kind:
    name: str
    params: dict                  # hoagiai.rulefiles.schema schema of `tham_so`
    placeholders: frozenset[str]  # fields the message template may use
    run: Callable[["Context", Rule], list[Finding]]
    # True when the kind reports *empty* cells: a cell the loader already rejected (and
    # emptied) must not be reported a second time.
    fires_on_empty: bool = False
    # fields that depend on the parameters (e.g. the key columns of a duplicate check)
    extra_placeholders: Callable[[dict], Iterable[str]] | None = None

    def allowed_placeholders(self, params: dict) -> set[str]:
        names = set(self.placeholders)
        if self.extra_placeholders:
            names.update(self.extra_placeholders(params))
        return names


# --- parameter schemas shared by several kinds -------------------------------------------

def col(**extra) -> dict:
    """Schema of a parameter naming a column of the rule's table."""
    return {"type": "str", "column": True, **extra}


def col_list(min_items: int = 1) -> dict:
    return {"type": "list", "items": col(), "min": min_items}


CONDITION = {"type": "map", "required": ["cot"], "keys": {
    "cot": col(),
    "la": {"type": "list", "items": {"type": "any"}, "min": 1},        # value is one of
    "khong_la": {"type": "list", "items": {"type": "any"}, "min": 1},  # value is set and none of
}}
CONDITIONS = {"type": "list", "items": CONDITION, "min": 1}
# a row is active on day d when tu <= d and (den is empty or d < den)
WINDOW = {"type": "map", "required": ["tu", "den"], "keys": {"tu": col(), "den": col()}}


# --- formatting of values inside messages ------------------------------------------------

def is_missing(v: Any) -> bool:
    from ..load.cells import is_missing

    return is_missing(v)


def display(v: Any) -> Any:
    """A cell value as the clerk would write it: dates dd/mm/yyyy, whole numbers as int."""
    from ..load.cells import shown

    return shown(v)


def text(v: Any) -> str:
    """A value inside a message; an empty value reads "trống"."""
    d = display(v)
    return "trống" if d is None or d == "" else str(d)


# --- the check context --------------------------------------------------------------------

@dataclass
class Context:
    tables: dict[str, Table]
    profile: Profile
    today: dt.date                 # reference date: group rules, "future", ages
    _cache: dict = field(default_factory=dict)

    @property
    def ref(self) -> pd.Timestamp:
        return pd.Timestamp(self.today)

    def table(self, dataset: str) -> Table | None:
        t = self.tables.get(dataset)
        return t if t is not None else None

    # columns ---------------------------------------------------------------------------
    def column(self, table: Table, key: str) -> pd.Series:
        f = table.frame
        if key in f.columns:
            return f[key]
        return pd.Series([None] * len(f), index=f.index, dtype=object)

    def dates(self, table: Table, key: str) -> pd.Series:
        """Column `key` as datetime64 (NaT for empty), whatever the frame holds."""
        ck = ("dates", id(table), key)
        if ck not in self._cache:
            s = self.column(table, key)
            if not pd.api.types.is_datetime64_any_dtype(s.dtype):
                s = pd.to_datetime(s, errors="coerce")
            if getattr(s.dt, "tz", None) is not None:
                s = s.dt.tz_localize(None)
            self._cache[ck] = s
        return self._cache[ck]

    def numbers(self, table: Table, key: str) -> pd.Series:
        s = self.column(table, key)
        return pd.to_numeric(s, errors="coerce").astype("Float64")

    def rows(self, table: Table) -> np.ndarray:
        if "_row" in table.frame.columns:
            return table.frame["_row"].to_numpy()
        return np.arange(len(table.frame)) + 2

    # which rows a rule applies to ---------------------------------------------------------
    def rows_in_force(self, rule: Rule, table: Table) -> np.ndarray:
        n = len(table.frame)
        if rule.date_column:
            d = self.dates(table, rule.date_column).fillna(self.ref)
            ok = d >= pd.Timestamp(rule.valid_from)
            if rule.valid_to is not None:
                ok &= d <= pd.Timestamp(rule.valid_to)
            return ok.to_numpy(dtype=bool)
        return np.full(n, rule.in_force(self.today), dtype=bool)

    # thôn of the profile -----------------------------------------------------------------
    def thon_index(self) -> dict[str, int]:
        """Folded thôn name -> position in the profile (built once, only when needed)."""
        if "thon_folded" not in self._cache:
            self._cache["thon_folded"] = {fold(t.ten): i for i, t in enumerate(self.profile.thon)}
        return self._cache["thon_folded"]

    def thon_exact(self) -> pd.Index:
        if "thon_exact" not in self._cache:
            self._cache["thon_exact"] = pd.Index(self.thon_names, dtype=object)
        return self._cache["thon_exact"]

    @property
    def thon_names(self) -> list[str]:
        if "thon_names" not in self._cache:
            self._cache["thon_names"] = self.profile.thon_names
        return self._cache["thon_names"]

    def thon_flags(self, dtts_only: bool) -> np.ndarray:
        """Which profile thôn a group rule applies to (all, or those flagged `dtts`)."""
        ck = ("thon_flags", dtts_only)
        if ck not in self._cache:
            self._cache[ck] = np.array([t.dtts or not dtts_only for t in self.profile.thon], dtype=bool)
        return self._cache[ck]

    def thon_codes(self, table: Table, key: str) -> np.ndarray:
        """Index of each row's thôn in the profile (-1: empty or not in the profile)."""
        ck = ("thon", id(table), key)
        if ck not in self._cache:
            codes, uniques = self.factorized(table, key)
            self._cache[ck] = fold_codes(codes, uniques, self.thon_exact(), self.thon_index)
        return self._cache[ck]

    # masks -------------------------------------------------------------------------------
    def active(self, table: Table, window: dict, on: pd.Timestamp | pd.Series) -> np.ndarray:
        """Rows in office on `on` (hoagiai.definitions.in_office: tu <= on < den)."""
        if isinstance(on, pd.Timestamp):
            ck = ("active", id(table), window["tu"], window["den"], on)
            if ck not in self._cache:
                self._cache[ck] = self._active(table, window, on)
            return self._cache[ck]
        return self._active(table, window, on)

    def _active(self, table: Table, window: dict, on) -> np.ndarray:
        if isinstance(on, pd.Series):
            on = on.to_numpy()
        return in_office(self.dates(table, window["tu"]).to_numpy(), self.dates(table, window["den"]).to_numpy(), on)

    def notna(self, table: Table, key: str) -> np.ndarray:
        """Filled cells of a column."""
        ck = ("notna", id(table), key)
        if ck not in self._cache:
            done = self._cache.get(("factorize", id(table), key))
            self._cache[ck] = done[0] >= 0 if done is not None else self.column(table, key).notna().to_numpy()
        return self._cache[ck]

    def hashed(self, table: Table, key: str) -> np.ndarray:
        """64-bit hash of each cell's text (0 for an empty cell), computed once per check.
        Equal text, equal hash; callers confirm matches on the text itself."""
        ck = ("hash", id(table), key)
        if ck not in self._cache:
            col = self.column(table, key)
            filled = col.notna().to_numpy()
            h = np.zeros(len(col), dtype=np.uint64)
            numeric = pd.api.types.is_numeric_dtype(col.dtype) and not pd.api.types.is_bool_dtype(col.dtype)
            values = col[filled].to_numpy(dtype=np.float64 if numeric else object)
            if numeric:
                h[filled] = pd.util.hash_array(values)
            elif len(values):
                try:
                    h[filled] = pd.util.hash_array(values, categorize=False)
                except TypeError:  # not all text (numbers typed in a name column)
                    h[filled] = pd.util.hash_array(np.array([str(v) for v in values], dtype=object),
                                                   categorize=False)
            self._cache[ck] = h
        return self._cache[ck]

    def factorized(self, table: Table, key: str) -> tuple[np.ndarray, np.ndarray]:
        """pd.factorize of a column (codes, distinct values), computed once per check."""
        ck = ("factorize", id(table), key)
        if ck not in self._cache:
            self._cache[ck] = pd.factorize(self.column(table, key), use_na_sentinel=True)
        return self._cache[ck]

    def condition(self, table: Table, conditions: list[dict] | None) -> np.ndarray:
        """All conditions hold (values compared as folded text; empty matches nothing)."""
        ck = ("condition", id(table), repr(conditions))
        if ck not in self._cache:
            self._cache[ck] = self._condition(table, conditions)
        return self._cache[ck]

    def _condition(self, table: Table, conditions: list[dict] | None) -> np.ndarray:
        ok = np.ones(len(table.frame), dtype=bool)
        for c in conditions or []:
            codes, uniques = self.factorized(table, c["cot"])
            keys = [fold(u) if isinstance(u, str) else u for u in uniques]
            if "la" in c:
                wanted = {fold(v) if isinstance(v, str) else v for v in c["la"]}
                hit = np.array([k in wanted for k in keys] + [False], dtype=bool)
            else:
                hit = np.ones(len(keys) + 1, dtype=bool)
                hit[-1] = False
            if "khong_la" in c:
                unwanted = {fold(v) if isinstance(v, str) else v for v in c["khong_la"]}
                hit &= np.array([k not in unwanted for k in keys] + [False], dtype=bool)
            ok &= hit[codes]
        return ok

    # findings ----------------------------------------------------------------------------
    def findings(self, rule: Rule, table: Table, positions: Iterable[int], column: str | None,
                 values: Any = None, fields: dict[str, Any] | None = None,
                 rows: Any = None) -> list[Finding]:
        """One finding per position (0-based row position in the frame).

        `values` and each entry of `fields` are either a scalar or a sequence aligned with
        `positions`; `rows` overrides the Excel row numbers (None entries: whole group)."""
        positions = np.asarray(list(positions) if not isinstance(positions, np.ndarray) else positions)
        n = len(positions)
        if not n:
            return []
        header = table.header(column) if column else None
        shown = _displays(values, n)
        data = {k: _texts(v, n) for k, v in (fields or {}).items()}
        data.setdefault("cot", [header or ""] * n)
        data.setdefault("gia_tri", ["trống" if v is None or v == "" else str(v) for v in shown])
        if rows is None:
            rows = self.rows(table)[positions.astype(np.int64)].tolist()
        names = list(data)
        columns = [data[k] for k in names]
        out = []
        for i in range(n):
            row = rows[i]
            out.append(Finding(
                code=rule.code, severity=rule.severity,
                message=rule.message.format_map({k: c[i] for k, c in zip(names, columns)}),
                file=table.file, sheet=table.sheet, row=None if row is None else int(row),
                column=header, value=shown[i], basis=rule.basis, dataset=table.dataset))
        return out


def _is_seq(v: Any) -> bool:
    return isinstance(v, (list, tuple, np.ndarray, pd.Series, pd.Index))


def _displays(v: Any, n: int) -> list:
    if not _is_seq(v):
        return [display(v)] * n
    arr = v.to_numpy() if isinstance(v, (pd.Series, pd.Index)) else v
    if isinstance(arr, np.ndarray) and np.issubdtype(arr.dtype, np.datetime64):
        idx = pd.DatetimeIndex(arr)
        return [None if m else t for m, t in zip(idx.isna(), idx.strftime("%d/%m/%Y"))]
    return [display(x) for x in arr]


def _texts(v: Any, n: int) -> list[str]:
    return ["trống" if d is None or d == "" else str(d) for d in _displays(v, n)]
