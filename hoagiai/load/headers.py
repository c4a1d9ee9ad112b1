"""Headers as clerks type them: without diacritics, or with a typo.

The rule (docs/contract.md §2, README):
- A header equal to the expected one (or an alias) once every diacritic is removed
  ("Ho va ten", "HO VA TEN") is accepted — `spec` adds these forms to each column's aliases —
  with a `header-without-diacritics` warning naming the column letter.
- A header that matches nothing but is within `MAX_DISTANCE` edits of an expected header
  ("Họ và tênn", "Ngay sinhh") is *not* used (a guess could read the wrong column); it gets a
  "did you mean" naming its column letter: inside the `missing-column` error when the
  expected column is required, else a `header-near-miss` warning.
"""

from __future__ import annotations

from ..findings import WARNING, Finding
from . import codes
from .spec import ColumnSpec, DatasetSpec
from .text import ascii_key, match_key
from .where import Where

MAX_DISTANCE = 2
MIN_LENGTH = 4        # shorter headers ("STT", "TT") are too close to everything


def letter(pos: int) -> str:
    """Excel column letters of a 0-based column position."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(pos + 1)


def distance(a: str, b: str, limit: int = MAX_DISTANCE) -> int:
    """Levenshtein distance, or limit + 1 as soon as it is certain to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _names(col: ColumnSpec) -> list[str]:
    return [col.header, *col.explicit_aliases]


def _closeness(text: str, col: ColumnSpec) -> int:
    return min(min(distance(match_key(text), match_key(n)), distance(ascii_key(text), ascii_key(n)))
               for n in _names(col))


def review(texts: list[str], columns: dict[str, int], spec: DatasetSpec, where: Where, excel_row: int,
           findings: list[Finding]) -> list[Finding]:
    """`findings` of the header row with diacritic-free matches and near misses told.

    `texts`: the header row's cells (cleaned); `columns`: canonical key (or "extra:<text>")
    -> position, as the reader mapped them."""
    out = list(findings)
    for col in spec.columns:
        pos = columns.get(col.key)
        if pos is None:
            continue
        text = texts[pos]
        if match_key(text) not in {match_key(n) for n in _names(col)}:
            out.append(where.finding(
                codes.HEADER_WITHOUT_DIACRITICS, WARNING,
                f"Tiêu đề cột {letter(pos)} “{text}” được hiểu là “{col.header}” (gõ không dấu); "
                f"nên sửa lại cho đủ dấu.", row=excel_row, column=text, value=text))
    extras = {pos: texts[pos] for key, pos in columns.items() if key.startswith("extra:")}
    missing = [c for c in spec.columns if c.key not in columns]
    guesses: dict[str, tuple[int, str]] = {}
    for pos, text in extras.items():
        if len(match_key(text)) < MIN_LENGTH:
            continue
        scored = sorted((_closeness(text, c), i) for i, c in enumerate(missing)
                        if len(match_key(c.header)) >= MIN_LENGTH)
        if scored and scored[0][0] <= MAX_DISTANCE and (len(scored) == 1 or scored[1][0] > scored[0][0]):
            col = missing[scored[0][1]]
            if col.key not in guesses or guesses[col.key][0] > pos:
                guesses[col.key] = (pos, text)
    for key, (pos, text) in guesses.items():
        col = spec.column(key)
        hint = (f"Cột {letter(pos)} có tiêu đề “{text}” — có phải là “{col.header}”? "
                f"Hãy sửa tiêu đề cho đúng; cột này chưa được đọc.")
        replaced = False
        for i, f in enumerate(out):
            if f.code == codes.MISSING_COLUMN and f.column == col.header:
                out[i] = where.finding(f.code, f.severity, f"{f.message} {hint}", row=excel_row,
                                       column=f.column, value=text, basis=f.basis)
                replaced = True
        if not replaced:
            out.append(where.finding(codes.HEADER_NEAR_MISS, WARNING, hint, row=excel_row, column=text, value=text))
    return out
