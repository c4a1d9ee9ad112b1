"""Vietnamese sort order for names and lists (docs/domain.md §9.1, Decision 5).

Letters decide first, across the whole string — a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư,
with f j w z in their Latin places — so "Hà" < "Hải" < "Hạnh". Tones only break ties, ordered
ngang < huyền < hỏi < ngã < sắc < nặng ("Ha" < "Hà" < "Hả" < "Hã" < "Há" < "Hạ"); case is the
last difference (lower before upper, as ICU does).

`vi_key` uses ICU's "vi" collator (PyICU) when it can be imported, and otherwise `vi_key_pure`,
a small Python key with the same three levels: letter (base + breve / circumflex / horn, and
đ) as the primary weight, tone as the secondary, case as the tertiary. PyICU is imported on
first use, not when this module is imported; `HAVE_ICU` (read from this module) says which
one is in use. Both keys end with the NFC text itself, so two different strings never get
equal keys and sorting is fully deterministic.

Input is normalised first: NFC, and the look-alike Ð (U+00D0, Icelandic eth) folded to Đ.

`sort_key_nguoi` sorts people the way Vietnamese lists do: by tên (the last word), then by họ
and tên đệm, then by birth date (missing last).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

# Primary order of base letters: the 29 Vietnamese letters with f j w z in their Latin places.
BANG_CHU = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_THU_TU_CHU = {c: i for i, c in enumerate(BANG_CHU)}

# Combining marks that make a different letter (primary) ...
_DAU_CHU = {"\u0306", "\u0302", "\u031b"}  # breve ă, circumflex â ê ô, horn ơ ư
# ... and the five tones (secondary), ngang = 0 < huyền < hỏi < ngã < sắc < nặng.
_DAU_THANH = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_ICU_STATE: dict[str, Any] = {}


def chuan_hoa(text: str) -> str:
    """NFC, with Ð (U+00D0) folded to Đ (U+0110) and ð to đ."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


def _collator():
    """The ICU "vi" collator, or None when PyICU is unavailable. Loaded once."""
    if "collator" not in _ICU_STATE:
        try:
            import icu  # PyICU
        except ImportError:
            _ICU_STATE["collator"] = None
        else:
            collator = icu.Collator.createInstance(icu.Locale("vi"))
            collator.setAttribute(icu.UCollAttribute.NORMALIZATION_MODE, icu.UCollAttributeValue.ON)
            _ICU_STATE["collator"] = collator
    return _ICU_STATE["collator"]


def __getattr__(name: str) -> Any:
    # HAVE_ICU is computed on first access so that importing this module stays cheap.
    if name == "HAVE_ICU":
        return _collator() is not None
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def vi_key_icu(text: str) -> tuple[bytes, str]:
    """ICU "vi" sort key; raises RuntimeError when PyICU is not installed."""
    collator = _collator()
    if collator is None:
        raise RuntimeError("PyICU is not installed")
    text = chuan_hoa(text)
    return (collator.getSortKey(text), text)


def _trong_so(ch: str) -> tuple[tuple[int, int], tuple[int, tuple[int, ...]], int] | None:
    """(primary, secondary, tertiary) weights of one NFC character; None if ignorable."""
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf") and not ch.isspace():
        return None  # controls and format characters are ignorable, as in ICU
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    letter = base.lower() + "".join(m for m in marks if m in _DAU_CHU)
    letter = unicodedata.normalize("NFC", letter)
    tertiary = 1 if ch != ch.lower() else 0
    other = tuple(ord(m) for m in marks if m not in _DAU_CHU and m not in _DAU_THANH)
    tone = next((_DAU_THANH[m] for m in marks if m in _DAU_THANH), 0)
    if letter in _THU_TU_CHU:
        return (4, _THU_TU_CHU[letter]), (tone, other), tertiary
    if ch.isspace():
        return (0, 0), (0, ()), 0
    if ch.isdigit():
        return (2, unicodedata.digit(ch, 0)), (0, ()), 0
    if category[0] in "PS":  # punctuation and symbols sort before digits, as in ICU
        return (1, ord(ch)), (0, ()), 0
    return (5, ord(base.lower())), (tone, other), tertiary  # other letters and scripts


def vi_key_pure(text: str) -> tuple:
    """Pure-Python Vietnamese sort key (primary letters, then tones, then case, then text)."""
    text = chuan_hoa(text)
    primary, secondary, tertiary = [], [], []
    for ch in text:
        weights = _trong_so(ch)
        if weights is None:
            continue
        primary.append(weights[0])
        secondary.append(weights[1])
        tertiary.append(weights[2])
    return (tuple(primary), tuple(secondary), tuple(tertiary), text)


def vi_key(text: str) -> tuple:
    """Vietnamese sort key: ICU's when PyICU is available, else `vi_key_pure`."""
    return vi_key_icu(text) if _collator() is not None else vi_key_pure(text)


def tach_ho_ten(ho_ten: str) -> tuple[str, str]:
    """("họ tên đệm", "tên") from a full name, ignoring extra spaces; NFC."""
    words = chuan_hoa(ho_ten or "").split()
    if not words:
        return "", ""
    return " ".join(words[:-1]), words[-1]


def _khoa_ngay_sinh(ngay_sinh: Any) -> tuple[int, int, int, int]:
    """Birth date or year as a sort key; missing (None, NaN, NaT, "") last. A year alone
    sorts before the full dates of that year."""
    if ngay_sinh is None or (isinstance(ngay_sinh, str) and not ngay_sinh.strip()):
        return (1, 0, 0, 0)
    try:
        if ngay_sinh != ngay_sinh:  # NaN, pandas NaT
            return (1, 0, 0, 0)
    except (TypeError, ValueError):
        pass
    if isinstance(ngay_sinh, date) or all(hasattr(ngay_sinh, a) for a in ("year", "month", "day")):
        return (0, int(ngay_sinh.year), int(ngay_sinh.month), int(ngay_sinh.day))
    if isinstance(ngay_sinh, str) and ngay_sinh.strip().isdigit():
        return (0, int(ngay_sinh.strip()), 0, 0)
    from ._kieu import as_int

    return (0, as_int(ngay_sinh, "năm sinh"), 0, 0)


def sort_key_nguoi(ho_ten: str, ngay_sinh: Any = None, *,
                   key: Callable[[str], Any] | None = None) -> tuple:
    """Sort key for a person: tên (last word), then họ + tên đệm, then birth date.

    `ngay_sinh` may be a date/datetime, a pandas Timestamp, a year (int), or None/NaN/NaT
    (sorted last). `key` replaces the text key (default `vi_key`; tests pass `vi_key_pure`)."""
    key = key or vi_key
    ho_dem, ten = tach_ho_ten(ho_ten)
    return (key(ten), key(ho_dem), _khoa_ngay_sinh(ngay_sinh))


def sap_xep_nguoi(items: Iterable[Any],
                  ten: Callable[[Any], str] = lambda x: x["ho_ten"],
                  ngay_sinh: Callable[[Any], Any] = lambda x: x.get("ngay_sinh"),
                  *, key: Callable[[str], Any] | None = None) -> list[Any]:
    """A new list of `items` sorted as Vietnamese lists of people are (`sort_key_nguoi`).
    The sort is stable: people with the same name and birth date keep their order."""
    return sorted(items, key=lambda x: sort_key_nguoi(ten(x), ngay_sinh(x), key=key))
