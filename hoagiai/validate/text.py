"""Comparison keys for names and thôn as clerks type them.

Two spellings that a person reads as the same must compare equal: NFC/NFD, letter case,
repeated spaces, the look-alike Ð (U+00D0) for Đ, and old/new tone placement
("Hoà"/"Hòa", "Thuỷ"/"Thủy"). The key is for comparison only, never shown.
"""

from __future__ import annotations

import unicodedata
from typing import Callable

import numpy as np
import pandas as pd

# combining tone marks: grave, acute, tilde, hook above, dot below
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _word_key(word: str) -> str:
    # move the tone mark to the end of the syllable, so placement does not matter
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    if not tones:
        return decomposed
    return "".join(c for c in decomposed if c not in _TONES) + "".join(sorted(tones))


def fold(text: object) -> str | None:
    """Comparison key of a text value, or None for an empty value."""
    if text is None or (isinstance(text, float) and np.isnan(text)) or text is pd.NA:
        return None
    s = str(text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    s = unicodedata.normalize("NFC", s).casefold()
    words = s.split()
    if not words:
        return None
    return " ".join(_word_key(w) for w in words)


def fold_codes(codes: np.ndarray, uniques, exact: pd.Index,
               folded: Callable[[], dict[str, int]]) -> np.ndarray:
    """Given a factorized column (codes, distinct values), map each row to the index of
    its value in a known list, or -1 (empty or unknown).

    Distinct values are looked up as written first (`exact`, an Index of the known list);
    only the ones not found are folded and looked up in `folded()` (built on first need),
    so long columns stay cheap."""
    hit = exact.get_indexer(pd.Index(uniques, dtype=object)) if len(uniques) else np.zeros(0, np.int64)
    miss = np.flatnonzero(hit < 0)
    if len(miss):
        table = folded()
        for m in miss:
            hit[m] = table.get(fold(uniques[m]), -1)
    return np.append(hit, -1).astype(np.int64)[codes]  # code -1 (missing) picks the last


def fold_series(values: pd.Series) -> pd.Series:
    """fold() applied through the distinct values (object Series, None for empty)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    keys = np.array([fold(u) for u in uniques] + [None], dtype=object)
    return pd.Series(keys[codes], index=values.index, dtype=object)
