"""The one comparison key of Vietnamese text: two spellings a person reads as the same fold equal.

Used wherever the clerk's text is compared — headers, sheet names, enumerated values, thôn,
names, codes, team composition. It ignores Unicode form (NFC/NFD), letter case, repeated or
surrounding spaces, spacing around commas, invisible characters, the look-alike Ð/ð (U+00D0/F0)
for Đ/đ, and old/new tone placement ("Hoà" = "Hòa", "Thuỷ" = "Thủy": each word's tone mark is
moved to the end of its key). Different tones stay apart ("Hòa" ≠ "Hoa" ≠ "Họa"). The key is
for comparison only, never shown.

File and folder names are not compared with it: file systems tell "Hoà" from "Hòa".
"""

from __future__ import annotations

import math
import re
import unicodedata

# the five Vietnamese tone marks as combining characters (NFD)
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_COMMA = re.compile(r"\s*,\s*")


_TONE = re.compile("[" + "".join(sorted(TONE_MARKS)) + "]")


def fold_key(text: str) -> str:
    """The comparison key of a string ("" for a blank one)."""
    if text.isascii():   # codes, numbers, unaccented words: the same key without the Unicode steps
        s = text.lower()
        return " ".join((_COMMA.sub(", ", s) if "," in s else s).split())
    s = _INVISIBLE.sub("", text).translate(_ETH)
    s = unicodedata.normalize("NFD", s).casefold()
    s = _COMMA.sub(", ", s)
    if not _TONE.search(s):
        return " ".join(s.split())
    words = []
    for word in s.split():
        tones = "".join(sorted(c for c in word if c in TONE_MARKS))
        words.append("".join(c for c in word if c not in TONE_MARKS) + tones)
    return " ".join(words)


def fold(value: object) -> str | None:
    """The comparison key of a cell value, or None for an empty one (None, NaN, NA, blank)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):   # pandas' missing values, without pandas
        return None
    return fold_key(str(value)) or None
