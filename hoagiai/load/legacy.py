"""Legacy Vietnamese encodings found in commune files: TCVN3 (ABC) and VNI-Windows.

Text typed with a ".VnTime" (TCVN3) or "VNI-Times" font is stored by Excel as the font's
bytes read as Windows-1252/Latin-1, e.g. TCVN3 "Hßa gi¶i" or VNI "Xin chaøo caùc baïn".
We never convert silently (docs/domain.md, Decision 10): `detect` says which encoding a value is
probably in, and `suggest` gives the Unicode text to propose to the clerk.

Detection (docs/domain.md §9.2): only text with no Vietnamese-specific letters is examined; it is
converted under each hypothesis and the words that change are scored as Vietnamese
syllables. A hypothesis wins only if it yields strictly more valid syllables than the text
as written, so genuine Unicode text that happens to be all Latin-1 ("Hòa", "Thái Bình")
is left alone. Ties between the two go to VNI when a VNI mark follows a vowel.

Tables: TCVN 5712:1993 VN3 (ABC) lower-case set plus the seven base capitals (checked
against glibc's TCVN5712-1 on the VN3 positions); VNI-Windows tone/shape bytes after the
base letter.
"""

from __future__ import annotations

import re
import unicodedata

from ..vn.folding import TONE_MARKS

TCVN3 = "tcvn3"
VNI = "vni"
NAMES = {TCVN3: "TCVN3 (ABC, phông .VnTime)", VNI: "VNI-Windows (phông VNI-Times)"}

# --- TCVN3 (VN3): one byte per letter -------------------------------------------------
_TCVN3_BYTES = ("µ¸¶·¹" "¨»¾¼½Æ" "©ÇÊÈÉË" "®" "ÌÐÎÏÑ" "ªÒÕÓÔÖ" "×ÝØÜÞ" "ßãáâä" "«åèæçé"
                "¬êíëìî" "ïóñòô" "\u00adõøö÷ù" "úýûüþ" "¡¢§£¤¥¦")
_TCVN3_UNICODE = ("àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đ" "èéẻẽẹ" "êềếểễệ" "ìíỉĩị" "òóỏõọ" "ôồốổỗộ"
                  "ơờớởỡợ" "ùúủũụ" "ưừứửữự" "ỳýỷỹỵ" "ĂÂĐÊÔƠƯ")
assert len(_TCVN3_BYTES) == len(_TCVN3_UNICODE) == 74
_TCVN3_MAP = str.maketrans(dict(zip(_TCVN3_BYTES, _TCVN3_UNICODE)))

# --- VNI-Windows: base letter + mark byte(s) ---------------------------------------------
# tone marks after a plain vowel: sắc, huyền, hỏi, ngã, nặng
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
# circumflex (â ê ô) alone and with each tone
_VNI_CIRCUMFLEX = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
# breve (ă) alone and with each tone
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# single bytes standing for a whole letter
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _compose(*parts: str) -> str:
    return unicodedata.normalize("NFC", "".join(parts))


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for upper in (False, True):
        def case(s: str) -> str:
            return s.upper() if upper else s
        for base in "aeouy":
            for mark, tone in _VNI_TONES.items():
                table[case(base + mark)] = case(_compose(base, tone))
        for base in "aeo":
            for mark, tone in _VNI_CIRCUMFLEX.items():
                table[case(base + mark)] = case(_compose(base, "\u0302", tone))
        for mark, tone in _VNI_BREVE.items():
            table[case("a" + mark)] = case(_compose("a", "\u0306", tone))
        for horn_byte, horn_letter in (("ô", "o"), ("ö", "u")):
            for mark, tone in _VNI_TONES.items():
                table[case(horn_byte + mark)] = case(_compose(horn_letter, "\u031b", tone))
        for byte, letter in _VNI_SINGLE.items():
            table[case(byte)] = case(letter)
    return table


_VNI_MAP = _vni_table()
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(_VNI_MAP, key=len, reverse=True)))
_VNI_MARKS = set(_VNI_TONES) | set(_VNI_CIRCUMFLEX) | set(_VNI_BREVE)
_VNI_BIGRAM = re.compile("[aeiouyôöAEIOUYÔÖ][" + "".join(sorted(_VNI_MARKS | {m.upper() for m in _VNI_MARKS})) + "]")


def tcvn3_to_unicode(s: str) -> str:
    out = s.translate(_TCVN3_MAP)
    letters = [c for c in s if c.isascii() and c.isalpha()]
    if all(c.isupper() for c in letters) and re.search(r"[A-Z]{2}", s):
        out = out.upper()  # ".VnTimeH" capital fonts reuse the lower-case bytes
    return out


def vni_to_unicode(s: str) -> str:
    return _VNI_RE.sub(lambda m: _VNI_MAP[m.group(0)], s)


# --- plausibility: is a word a Vietnamese syllable? -------------------------------------
_TONES = TONE_MARKS
_ONSETS = frozenset("", ).union({"b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n",
                                 "ng", "ngh", "nh", "p", "ph", "q", "r", "s", "t", "th", "tr", "v", "x"})
_CODAS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
_NUCLEI = frozenset("""a ai ao au ay ă â âu ây e eo ê êu i ia iê iêu iu o oa oai oao oay oă oe oeo oi
    oo ô ôi ơ ơi u ua uai uao uay uă uâ uây ue ueo uê ui uô uôi uơ uơi uy uya uyê uyu ư ưa ưi ưu ươ ươi
    ươu y yê yêu""".split())
_SYLLABLE = re.compile(r"([bcdđghklmnpqrstvx]*)([aăâeêioôơuưy]+)([cghmnpt]*)")
_WORD = re.compile(r"[^\s,.;:()\"'/\-–]+")


def is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    if sum(c in _TONES for c in decomposed) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    m = _SYLLABLE.fullmatch(bare)
    if not m:
        return False
    onset, nucleus, coda = m.groups()
    if onset == "g" and nucleus.startswith("i") and len(nucleus) > 1:
        onset, nucleus = "gi", nucleus[1:]
    if onset == "q":
        if not nucleus.startswith("u") or len(nucleus) < 2:
            return False
    return onset in _ONSETS and nucleus in _NUCLEI and coda in _CODAS


def _score(original_words: list[str], converted: str) -> tuple[int, int]:
    """(valid syllables among changed words as written, … after conversion)."""
    new_words = _WORD.findall(converted)
    if len(new_words) != len(original_words):
        return 0, 0
    before = after = 0
    for old, new in zip(original_words, new_words):
        if old != new:
            before += is_syllable(old)
            after += is_syllable(new)
    return before, after


_SPECIFIC = re.compile("[\u0100-\u01b0\u0300-\u036f\u1ea0-\u1ef9]")


def maybe_legacy(s: str) -> bool:
    """Cheap pre-check: only non-ASCII text with no Vietnamese-specific letter can be legacy."""
    return not s.isascii() and _SPECIFIC.search(s) is None


def detect(s: str) -> str | None:
    """TCVN3, VNI or None (plain Unicode / undecidable)."""
    if not maybe_legacy(s):
        return None
    words = _WORD.findall(s)
    best: tuple[int, int, str] | None = None
    has_bigram = bool(_VNI_BIGRAM.search(s))
    for name, convert in ((VNI, vni_to_unicode), (TCVN3, tcvn3_to_unicode)):
        converted = convert(s)
        if converted == s:
            continue
        before, after = _score(words, converted)
        if after <= before:
            continue
        tie_break = 1 if (name == VNI) == has_bigram else 0
        cand = (after - before, tie_break, name)
        if best is None or cand > best:
            best = cand
    return best[2] if best else None


def suggest(s: str) -> tuple[str, str] | None:
    """(encoding name, Unicode text) when `s` looks like TCVN3 or VNI text, else None."""
    enc = detect(s)
    if enc is None:
        return None
    converted = tcvn3_to_unicode(s) if enc == TCVN3 else vni_to_unicode(s)
    return enc, unicodedata.normalize("NFC", converted)
