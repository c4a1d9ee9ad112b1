"""Text normalisation and tolerant matching for the clerk's cells and headers.

Stored text is Unicode NFC with Ð/ð (Icelandic eth, often typed for Đ) folded to Đ/đ.
Matching (headers, sheet names, enumerated values) additionally ignores case, repeated or
surrounding spaces, spacing around commas and old/new tone placement ("Hoà" = "Hòa",
"Thuỷ" = "Thủy"): each word's tone mark is moved to the end of its key.
"""

from __future__ import annotations

import re
import unicodedata

# the five Vietnamese tone marks as combining characters (NFD)
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_COMMA = re.compile(r"\s*,\s*")


def nfc(s: str) -> str:
    """NFC with Ð→Đ folded; nothing else changes."""
    return unicodedata.normalize("NFC", s).translate(_ETH)


def clean(s: str) -> str:
    """A cell's text as stored: NFC, Ð→Đ, invisible characters dropped, runs of spaces
    collapsed (line breaks kept), surrounding whitespace stripped."""
    s = _INVISIBLE.sub("", unicodedata.normalize("NFC", s).translate(_ETH))
    if "\n" in s or "\r" in s:
        lines = s.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "\n".join(_SPACES.sub(" ", line).strip() for line in lines).strip()
    return _SPACES.sub(" ", s).strip()


def match_key(s: str) -> str:
    """Key under which two spellings of a header or value are considered equal."""
    s = _INVISIBLE.sub("", s).translate(_ETH)
    s = unicodedata.normalize("NFD", s).casefold()
    s = _COMMA.sub(", ", s)
    words = []
    for word in s.split():
        tones = "".join(sorted(c for c in word if c in TONE_MARKS))
        words.append("".join(c for c in word if c not in TONE_MARKS) + tones)
    return " ".join(words)


def ascii_key(s: str) -> str:
    """Key without any diacritics (for suggestions only: "Nu" → "Nữ"), never for matching."""
    s = unicodedata.normalize("NFD", match_key(s).replace("đ", "d"))
    return "".join(c for c in s if not unicodedata.combining(c))
