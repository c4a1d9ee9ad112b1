"""Finding a dataset's file in `inputs/` as people name files (docs/contract.md §2).

A file *is* the dataset's file when its name equals `<base>.<ext>` ignoring case and Unicode
form (NFC/NFD), `<ext>` one of WORKBOOK_SUFFIXES (or `.csv` with the CSV base name). A
*near miss* is a spreadsheet whose name, once accents, case, spaces, punctuation and copy
marks ("(1)", "- Copy", a year) are set aside, still names the dataset: `vu_viec (1).xlsx`,
`vu viec.xlsx`, `Vụ việc.xlsx`, `hoa_giai_vien_2026.xlsx`.

Decision: a near miss is never read, even when it is the only candidate. It is named in an
ERROR saying which file to rename to what, and the documents reading the dataset are
blocked — a guess could read last year's copy, and a missing file must never become empty
data. Renaming the file fixes it in one step.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

#: spreadsheet formats read natively (python-calamine), in order of preference
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
#: formats openpyxl can write back (annotated copies keep the clerk's formatting)
WRITABLE_SUFFIXES = (".xlsx", ".xlsm")
ALL_SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv")
_COPY_MARKS = re.compile(r"\(\d+\)|\bcopy\b|\bban sao\b|\bcopy of\b")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """Exact-match key of a file name: NFC, case folded."""
    return unicodedata.normalize("NFC", name).casefold()


def loose_key(stem: str) -> str:
    """Near-miss key of a file's base name: no accents, lower case, copy marks dropped,
    every run of other characters one underscore."""
    s = unicodedata.normalize("NFD", stem.replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = _COPY_MARKS.sub(" ", s)
    return _NOT_WORD.sub("_", s).strip("_")


@dataclass
class Found:
    """What `find_input` saw: the file(s) to read, and near misses."""
    exact: list[Path] = field(default_factory=list)     # in order of preference
    near: list[Path] = field(default_factory=list)


def candidates(folder: Path) -> list[Path]:
    """Spreadsheets and CSV files in `folder` (Excel's `~$` lock files and hidden files left out)."""
    out = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith(("~$", ".")) or p.suffix.lower() not in ALL_SUFFIXES:
            continue
        if p.is_file():
            out.append(p)
    return out


def find_input(folder: Path, base: str, csv_base: str, taken: set[str]) -> Found:
    """The files of one dataset. `taken` holds the name keys of files that are exactly
    another dataset's (kiem_tra_doan.csv is not a near miss of kiem_tra)."""
    wanted = {name_key(base + s): i for i, s in enumerate(WORKBOOK_SUFFIXES)}
    wanted[name_key(csv_base + ".csv")] = len(WORKBOOK_SUFFIXES)
    found = Found()
    exact: list[tuple[int, Path]] = []
    bases = {loose_key(base), loose_key(csv_base)}
    for p in candidates(folder):
        key = name_key(p.name)
        if key in wanted:
            exact.append((wanted[key], p))
        elif key not in taken and _near(loose_key(p.stem), bases):
            found.near.append(p)
    found.exact = [p for _, p in sorted(exact, key=lambda t: (t[0], t[1].name))]
    return found


def _near(key: str, bases: set[str]) -> bool:
    """The dataset's name is a whole run of words of `key` ("vu_viec_2026", "ban_vu_viec")."""
    return any(re.search(rf"(^|_){re.escape(b)}(_|$)", key) for b in bases if b)


def exact_names(specs) -> set[str]:
    """Name keys of every exact file name of every dataset (see `find_input`'s `taken`)."""
    out = set()
    for spec in specs:
        out |= {name_key(spec.file_base + s) for s in WORKBOOK_SUFFIXES}
        out.add(name_key(spec.csv_name))
    return out
