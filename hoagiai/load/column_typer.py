"""Typing one column of raw cells according to its ColumnSpec, vectorised (what a single cell
means — blank, display, number — is hoagiai.load.cells).

Each column is factorised once (`pd.factorize`): every distinct raw value is converted and
checked a single time, and the results are spread back over the rows with a NumPy take.
Findings come out per row, with the Excel row number and the header as written.

Types (see hoagiai.model): text → str (NFC) or None; date → datetime64[ns] (NaT);
date_or_year → a date column plus an Int64 year column; year / int → Int64; yesno →
boolean; enum → canonical value or None; name_list → list[str].
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..findings import ERROR, WARNING, Finding
from ..vn.numbers import so
from . import codes, legacy
from .cells import as_number, display, is_blank
from .formulas import Formula
from .spec import ColumnSpec, PatternSpec
from .text import ascii_key, clean_many, match_key
from .where import Where

MIN_YEAR, MAX_YEAR = 1900, 2100
_DMY = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{2,4})")
_YEAR = re.compile(r"\d{4}")
#: year first (ISO 8601 `2026-03-05`, also `2026/03/05`): unambiguous, accepted; a midnight time
#: part (a date that went through text: `2026-03-05 00:00:00`) is allowed
_YMD = re.compile(r"(\d{4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_NAT = np.datetime64("NaT", "ns")


@dataclass(frozen=True)
class Problem:
    code: str
    severity: str
    message: str
    basis: str | None = None


#: Excel's own limit for one cell; longer text is a paste accident, not data
MAX_CELL_CHARS = 32_767


@dataclass
class Factorised:
    """A raw column as distinct values: `codes[i]` indexes `uniques` (-1 = empty cell).

    `texts[j]` is the cleaned text of `uniques[j]` when it is a string (else None);
    `blank` has one entry per unique plus a trailing True for the -1 code."""

    codes: np.ndarray
    uniques: list[Any]
    blank: np.ndarray
    texts: list[str | None] = field(default_factory=list)

    @property
    def row_blank(self) -> np.ndarray:
        return self.blank[self.codes]


def factorise(raw: pd.Series) -> Factorised:
    codes, uniques = pd.factorize(raw.to_numpy(dtype=object), use_na_sentinel=True)
    uniq = list(uniques)
    str_pos = [i for i, u in enumerate(uniq) if type(u) is str]
    texts: list[str | None] = [None] * len(uniq)
    for i, t in zip(str_pos, clean_many([uniq[i] for i in str_pos])):
        texts[i] = t
    blank = np.fromiter((t == "" if t is not None else is_blank(u) for u, t in zip(uniq, texts)),
                        dtype=bool, count=len(uniq))
    return Factorised(codes, uniq, np.append(blank, True), texts)


@dataclass
class Typed:
    """The result of typing one column."""

    columns: dict[str, pd.Series]   # canonical key -> typed column (two for date_or_year)
    present: np.ndarray             # per row: the cell holds something
    findings: list[Finding]


class ColumnTyper:
    """Types one column; `today` decides which dated checks are in force."""

    def __init__(self, col: ColumnSpec, header: str, where: Where, today: dt.date):
        self.col = col
        self.header = header
        self.where = where
        self.today = today
        self._enum: dict[str, str] = {}
        if col.type in ("enum", "yesno"):
            self._enum = {match_key(v): v for v in col.values}
            for alias, target in col.value_aliases.items():
                self._enum.setdefault(match_key(alias), target)
            self._suggest = {ascii_key(v): v for v in col.values}

    # -- driver ------------------------------------------------------------------------
    def run(self, fz: Factorised, rows: np.ndarray) -> Typed:
        t = self.col.type
        if t == "text":
            values, problems = self._text_column(fz)
        elif t in ("int", "year") and all(type(u) is int or (type(u) is float and u.is_integer())
                                          for u in fz.uniques):
            values, problems = self._int_column(fz)
        else:
            values, problems = self._per_value(fz)
        values.append(None)       # the -1 code: empty cell
        problems.append(None)
        columns = self._assemble(values, fz.codes)
        findings = self._findings(problems, fz, rows)
        return Typed(columns, ~fz.row_blank, findings)

    def _per_value(self, fz: Factorised) -> tuple[list[Any], list[Problem | None]]:
        convert: Callable[[Any, str | None], tuple[Any, Problem | None]] = {
            "text": self._text, "name_list": self._name_list, "enum": self._enum_value,
            "yesno": self._yesno, "date": self._date, "date_or_year": self._date_or_year,
            "year": self._year, "int": self._int,
        }[self.col.type]
        values: list[Any] = []
        problems: list[Problem | None] = []
        for u, text, blank in zip(fz.uniques, fz.texts, fz.blank):
            if blank:
                values.append(None)
                problems.append(None)
                continue
            value, problem = (None, self._formula(u)) if type(u) is Formula else convert(u, text)
            values.append(value)
            problems.append(problem)
        return values, problems

    def _text_column(self, fz: Factorised) -> tuple[list[Any], list[Problem | None]]:
        """Text cells in bulk: strings are already clean; only non-ASCII text without any
        Vietnamese-specific letter can be legacy-encoded, and only patterned columns are
        matched."""
        values: list[Any] = [None if b else t for t, b in zip(fz.texts, fz.blank)]
        problems: list[Problem | None] = [None] * len(values)
        for i in [i for i, t in enumerate(values) if t is None and not fz.blank[i]]:
            values[i], problems[i] = self._text(fz.uniques[i], None)   # a number, date, … in a text column
        for i in [i for i, t in enumerate(values) if t is not None and len(t) > MAX_CELL_CHARS]:
            problems[i] = self._problem(
                codes.TEXT_TOO_LONG, f"Ô dài {so(len(values[i]))} ký tự, vượt giới hạn {so(MAX_CELL_CHARS)} ký tự "
                f"của một ô Excel; có lẽ dữ liệu bị dán nhầm.", ERROR)
            values[i] = None
        for i in [i for i, t in enumerate(values) if t is not None and legacy.maybe_legacy(t)]:
            problems[i] = self._legacy(values[i])
        col = self.col
        if col.pattern is not None or col.pattern_exceptions:
            main = col.pattern if col.pattern is not None and col.pattern.citation.in_force(self.today) else None
            if main is not None or col.pattern_exceptions:
                main_ok = main.regex.fullmatch if main else (lambda _t: True)
                exceptions = [p.regex.fullmatch for p in col.pattern_exceptions]
                for i, t in enumerate(values):
                    if (t is not None and problems[i] is None and fz.texts[i] is not None
                            and (not main_ok(t) or any(m(t) for m in exceptions))):
                        problems[i] = self._pattern(t)
        return values, problems

    def _int_column(self, fz: Factorised) -> tuple[list[Any], list[Problem | None]]:
        lo, hi = (MIN_YEAR, MAX_YEAR) if self.col.type == "year" else (-(2 ** 53) + 1, 2 ** 53 - 1)
        values: list[Any] = [int(u) for u in fz.uniques]
        problems: list[Problem | None] = [None] * len(values)
        for i, u in enumerate(values):
            if not lo <= u <= hi:
                values[i], problems[i] = (self._year if self.col.type == "year" else self._int)(u, None)
        return values, problems

    def _assemble(self, values: list[Any], codes: np.ndarray) -> dict[str, pd.Series]:
        col, t = self.col, self.col.type
        if t == "date":
            return {col.key: _dates(values, codes)}
        if t == "date_or_year":
            dates = [v[0] if v else None for v in values]
            years = [v[1] if v else None for v in values]
            out = {col.key: _dates(dates, codes)}
            if col.year_key:
                out[col.year_key] = _ints(years, codes)
            return out
        if t in ("year", "int"):
            return {col.key: _ints(values, codes)}
        if t == "yesno":
            data = np.array([bool(v) for v in values], dtype=bool)[codes]
            mask = np.array([v is None for v in values], dtype=bool)[codes]
            return {col.key: pd.Series(pd.arrays.BooleanArray(data, mask))}
        arr = np.empty(len(values), dtype=object)
        for i, v in enumerate(values):   # element-wise: lists must not broadcast
            arr[i] = v
        taken = arr[codes]
        if t == "name_list":  # a fresh list per row, so that no two rows share one
            return {col.key: pd.Series([list(v) if v else [] for v in taken], dtype=object)}
        return {col.key: pd.Series(taken, dtype=object)}

    def _findings(self, problems: list[Problem | None], fz: Factorised, rows: np.ndarray) -> list[Finding]:
        bad = np.array([p is not None for p in problems], dtype=bool)
        if not bad.any():
            return []
        out = []
        for i in np.flatnonzero(bad[fz.codes]):
            code = fz.codes[i]
            p = problems[code]
            value = display(fz.uniques[code])
            if len(value) > 200:   # a finding names the cell, it does not carry a megabyte
                value = value[:200] + "…"
            out.append(self.where.finding(p.code, p.severity, p.message, row=int(rows[i]), column=self.header,
                                          value=value, basis=p.basis))
        return out

    # -- helpers ----------------------------------------------------------------------
    def _problem(self, code: str, message: str, severity: str | None = None, basis: str | None = None) -> Problem:
        return Problem(code, severity or self.col.type_severity, message, basis)

    def _legacy(self, text: str) -> Problem | None:
        found = legacy.suggest(text)
        if not found:
            return None
        enc, converted = found
        return Problem(codes.LEGACY_ENCODING, ERROR,
                       f"“{text}” được gõ bằng bảng mã {legacy.NAMES[enc]}, không phải Unicode; có lẽ là "
                       f"“{converted}”. Hãy chuyển mã sang Unicode (ví dụ bằng Unikey) rồi nhập lại.")

    def _formula(self, u: Formula) -> Problem:
        return Problem(codes.FORMULA_NO_VALUE, ERROR,
                       f"Ô “{self.header}” có công thức “{u}” nhưng tệp không lưu kết quả của công thức "
                       "(tệp do một chương trình khác tạo ra), nên không biết giá trị. Hãy mở tệp bằng Excel "
                       "hoặc LibreOffice Calc, lưu lại (Ctrl+S) rồi chạy lại.")

    # -- text -------------------------------------------------------------------------
    def _text(self, u: Any, text: str | None) -> tuple[Any, Problem | None]:
        col = self.col
        if type(u) is Formula:
            return None, self._formula(u)
        if col.keep_leading_zero and isinstance(u, (int, float)) and not isinstance(u, bool):
            return self._lost_zero(u)
        problem = self._legacy(text) if text is not None else None
        text = text if text is not None else display(u)
        if problem is None:
            problem = self._pattern(text)
        return text, problem

    def _lost_zero(self, u: float | int) -> tuple[Any, Problem | None]:
        if isinstance(u, float) and not u.is_integer():
            return display(u), self._pattern(display(u))
        digits = str(int(u))
        padded = "0" + digits
        patterns = [p for p in (self.col.pattern, *self.col.pattern_exceptions) if p is not None]
        if any(p.regex.fullmatch(digits) for p in patterns):
            return digits, self._pattern(digits)          # e.g. a 9-digit CMND: nothing was lost
        advice = (f"Ô “{self.header}” đang ở dạng số nên Excel đã bỏ số 0 ở đầu; "
                  "hãy định dạng cột là Văn bản (Text) và gõ lại đủ số 0.")
        if not patterns or any(p.regex.fullmatch(padded) for p in patterns):
            return padded, Problem(codes.LEADING_ZERO_LOST, WARNING, f"{advice} Đã hiểu là “{padded}”.")
        problem = self._pattern(digits)
        return digits, problem or Problem(codes.LEADING_ZERO_LOST, WARNING, advice)

    def _pattern(self, text: str) -> Problem | None:
        col = self.col
        for exc in col.pattern_exceptions:
            if exc.regex.fullmatch(text):  # a known other form: accepted, flagged while its rule is in force
                return self._pattern_problem(exc, text) if exc.citation.in_force(self.today) else None
        p = col.pattern
        if p is not None and p.citation.in_force(self.today) and not p.regex.fullmatch(text):
            return self._pattern_problem(p, text, mismatch=True)
        return None

    def _pattern_problem(self, p: PatternSpec, text: str, mismatch: bool = False) -> Problem:
        if mismatch:
            message = f"“{self.header}” ghi “{text}” không đúng: cần {p.description}."
        else:
            message = f"“{self.header}” ghi “{text}”: {p.description}."
        return Problem(p.code, p.severity, message, p.citation.source)

    def _name_list(self, u: Any, text: str | None) -> tuple[Any, Problem | None]:
        problem = self._legacy(text) if text is not None else None
        text = text if text is not None else display(u)
        return [n for n in clean_many(text.split(";")) if n], problem

    # -- enumerations -----------------------------------------------------------------
    def _enum_value(self, u: Any, text: str | None) -> tuple[Any, Problem | None]:
        text = text if text is not None else display(u)
        found = self._enum.get(match_key(text))
        if found is not None:
            return found, None
        return None, self._legacy(text) or self._invalid_enum(text)

    def _yesno(self, u: Any, text: str | None) -> tuple[Any, Problem | None]:
        if isinstance(u, bool):
            return u, None
        value, problem = self._enum_value(u, text)
        if value is None:
            return None, problem
        return value == self.col.values[0], None

    def _invalid_enum(self, text: str) -> Problem:
        allowed = " / ".join(f"“{v}”" for v in self.col.values)
        message = f"“{self.header}” ghi “{text}” không hợp lệ; chỉ nhận: {allowed}."
        guess = self._suggest.get(ascii_key(text))
        if guess:
            message += f" Có phải là “{guess}”?"
        return Problem(codes.INVALID_ENUM, ERROR, message, self.col.citation.source)

    # -- dates ------------------------------------------------------------------------
    def _date(self, u: Any, text: str | None) -> tuple[Any, Problem | None]:
        d, year, problem = self._parse_date(u, text, allow_year=False)
        return d, problem

    def _date_or_year(self, u: Any, text: str | None) -> tuple[Any, Problem | None]:
        d, year, problem = self._parse_date(u, text, allow_year=True)
        if problem is not None:
            return None, problem
        return (d, year), None

    def _parse_date(self, u: Any, text: str | None, allow_year: bool
                    ) -> tuple[dt.date | None, int | None, Problem | None]:
        h = self.header
        if isinstance(u, dt.datetime) or isinstance(u, dt.date):
            d = u.date() if isinstance(u, dt.datetime) else u
            if not MIN_YEAR <= d.year <= MAX_YEAR:
                return None, None, self._problem(codes.INVALID_DATE,
                                                 f"“{h}” ghi ngày {display(u)} có năm không hợp lý.")
            return d, d.year, None
        if isinstance(u, (int, float)) and not isinstance(u, bool):
            if allow_year and float(u).is_integer() and MIN_YEAR <= u <= MAX_YEAR:
                return None, int(u), None
            return None, None, self._problem(
                codes.INVALID_DATE, f"“{h}” ghi “{display(u)}” là một số, không phải ngày; hãy ghi "
                "ngày/tháng/năm (ví dụ 05/03/2026) hoặc định dạng ô là ngày.")
        if text is None:
            return None, None, self._problem(codes.INVALID_DATE, f"“{h}” ghi “{display(u)}” không phải là ngày.")
        if allow_year and _YEAR.fullmatch(text):
            year = int(text)
            if MIN_YEAR <= year <= MAX_YEAR:
                return None, year, None
        m = _YMD.fullmatch(text)
        if m:
            year_text, _, month, day = m.groups()
            return self._checked_date(text, int(year_text), int(month), int(day))
        m = _DMY.fullmatch(text)
        if m:
            day, _, month, year_text = m.groups()
            if len(year_text) == 2:
                return None, None, self._problem(
                    codes.AMBIGUOUS_DATE, f"“{h}” ghi “{text}” có năm chỉ 2 chữ số nên không rõ là năm nào; "
                    "hãy ghi đủ 4 chữ số (ví dụ 05/03/2026).")
            if len(year_text) == 4:
                return self._checked_date(text, int(year_text), int(month), int(day))
        expected = "ngày/tháng/năm (ví dụ 05/03/2026)" + (" hoặc chỉ năm sinh (ví dụ 1965)" if allow_year else "")
        return None, None, self._problem(
            codes.INVALID_DATE, f"“{h}” ghi “{text}” không đúng dạng; hãy ghi {expected} hoặc định dạng ô là ngày.")

    def _checked_date(self, text: str, year: int, month: int, day: int
                      ) -> tuple[dt.date | None, int | None, Problem | None]:
        h = self.header
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None, None, self._problem(codes.INVALID_DATE, f"“{h}” ghi “{text}”: không có ngày này.")
        if not MIN_YEAR <= d.year <= MAX_YEAR:
            return None, None, self._problem(codes.INVALID_DATE, f"“{h}” ghi “{text}” có năm không hợp lý.")
        return d, d.year, None

    # -- numbers ----------------------------------------------------------------------
    def _year(self, u: Any, text: str | None = None) -> tuple[Any, Problem | None]:
        n = as_number(u)
        if n is None or not MIN_YEAR <= n <= MAX_YEAR:
            return None, self._problem(codes.INVALID_NUMBER, f"“{self.header}” phải là một năm (4 chữ số), "
                                                         f"không phải “{display(u)}”.")
        return n, None

    def _int(self, u: Any, text: str | None = None) -> tuple[Any, Problem | None]:
        n = as_number(u)
        if n is None or abs(n) >= 2 ** 53:
            return None, self._problem(codes.INVALID_NUMBER, f"“{self.header}” phải là số nguyên, "
                                                         f"không phải “{display(u)}”.")
        return n, None


def _dates(values: list[Any], codes: np.ndarray) -> pd.Series:
    arr = np.array([np.datetime64(v, "ns") if v is not None else _NAT for v in values], dtype="datetime64[ns]")
    return pd.Series(arr[codes])


def _ints(values: list[Any], codes: np.ndarray) -> pd.Series:
    data = np.array([v if v is not None else 0 for v in values], dtype=np.int64)[codes]
    mask = np.array([v is None for v in values], dtype=bool)[codes]
    return pd.Series(pd.arrays.IntegerArray(data, mask))
