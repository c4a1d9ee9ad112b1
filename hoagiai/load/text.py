"""Text normalisation and tolerant matching for the clerk's cells and headers.

Stored text is Unicode NFC with Ð/ð (Icelandic eth, often typed for Đ) folded to Đ/đ.
Matching (headers, sheet names, enumerated values) uses the project's one comparison key,
`match_key` = `hoagiai.vn.folding.fold_key` (case, spaces, commas, old/new tone placement).
"""

from __future__ import annotations

import re
import unicodedata

from ..vn.folding import TONE_MARKS, fold_key as match_key

__all__ = ["TONE_MARKS", "ascii_key", "clean", "clean_many", "match_key", "nfc"]

_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
_SPACES = re.compile(r"[^\S\n\r]+")          # any whitespace but line breaks
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_SEP = "\x00"                                 # joins many cells into one string (never in cell text)
_EDGES = re.compile(r" ?\n ?")
_OUTER_BREAKS = re.compile(r"\x00\n+|\n+\x00")


def nfc(s: str) -> str:
    """NFC with Ð→Đ folded; nothing else changes."""
    return unicodedata.normalize("NFC", s).translate(_ETH)


def clean(s: str) -> str:
    """A cell's text as stored: NFC, Ð→Đ, invisible characters dropped, runs of spaces
    collapsed (line breaks kept, each line stripped), surrounding whitespace stripped."""
    return clean_many([s])[0]


def clean_many(texts: list[str]) -> list[str]:
    """`clean` over many cells at once: the cells are joined into one string, processed
    with a few C-level passes, and split again (the separator is a starter that nothing
    composes with, so NFC does not cross it)."""
    if not texts:
        return []
    big = _SEP + _SEP.join(texts) + _SEP
    if big.count(_SEP) != len(texts) + 1:          # a cell holds the separator itself
        return [clean_many([t.replace(_SEP, "")])[0] for t in texts]
    if not big.isascii():
        big = unicodedata.normalize("NFC", big).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
        if _INVISIBLE.search(big):
            big = _INVISIBLE.sub("", big)
    if "\r" in big:
        big = big.replace("\r\n", "\n").replace("\r", "\n")
    big = _SPACES.sub(" ", big)
    big = big.replace(" " + _SEP, _SEP).replace(_SEP + " ", _SEP)
    if "\n" in big:
        big = _EDGES.sub("\n", big)
        while True:
            trimmed = _OUTER_BREAKS.sub(_SEP, big)
            if trimmed == big:
                break
            big = trimmed.replace(" " + _SEP, _SEP).replace(_SEP + " ", _SEP)
    return big.split(_SEP)[1:-1]


def ascii_key(s: str) -> str:
    """Key without any diacritics (for suggestions only: "Nu" → "Nữ"), never for matching."""
    s = unicodedata.normalize("NFD", match_key(s).replace("đ", "d"))
    return "".join(c for c in s if not unicodedata.combining(c))
