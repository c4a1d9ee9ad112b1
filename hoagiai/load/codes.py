"""The finding codes of the load layer, in one place (stable: the clerk, the JSON and the tests
read them; docs/contract.md §2). The loader's modules use these names, never the strings.

A pattern of a rule file may name its own code (`ma`, e.g. `cccd-old-cmnd`); such codes belong
to the rule files, and `PATTERN_MISMATCH` is the default.
"""

from __future__ import annotations

# --- files (all but CSV_LEGACY_ENCODING leave the dataset unreadable: findings.UNAVAILABLE)
MISSING_FILE = "missing-file"
MISNAMED_FILE = "misnamed-file"
DUPLICATE_INPUT_FILE = "duplicate-input-file"
FILE_TOO_LARGE = "file-too-large"
SUSPICIOUS_ARCHIVE = "suspicious-archive"
UNREADABLE_FILE = "unreadable-file"
EMPTY_FILE = "empty-file"
MISSING_SHEET = "missing-sheet"
SPLIT_SHEETS = "split-sheets"
CSV_LEGACY_ENCODING = "csv-legacy-encoding"

# --- sheets and headers
MERGED_CELLS = "merged-cells"
HEADER_NOT_FOUND = "header-not-found"
DUPLICATE_HEADER = "duplicate-header"
MISSING_COLUMN = "missing-column"
HEADER_WITHOUT_DIACRITICS = "header-without-diacritics"
HEADER_NEAR_MISS = "header-near-miss"

# --- cells
LEGACY_ENCODING = "legacy-encoding"
REQUIRED_MISSING = "required-missing"
REQUIRED_IF = "required-if"
INVALID_DATE = "invalid-date"
AMBIGUOUS_DATE = "ambiguous-date"
TEXT_TOO_LONG = "text-too-long"
INVALID_NUMBER = "invalid-number"
INVALID_ENUM = "invalid-enum"
PATTERN_MISMATCH = "pattern-mismatch"
LEADING_ZERO_LOST = "leading-zero-lost"
FORMULA_NO_VALUE = "formula-no-value"

#: every code the loader itself emits
ALL = frozenset(v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str))

#: the loader refused to read the file (too large, a zip bomb, broken): never reopen it
REFUSED = frozenset({FILE_TOO_LARGE, SUSPICIOUS_ARCHIVE, UNREADABLE_FILE})
