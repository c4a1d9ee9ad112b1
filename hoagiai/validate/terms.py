"""Terminology in the clerk's free text (rules/thuat_ngu.yaml): known wrong names of laws and
programmes, and two tone placements ("hòa" / "hoà") mixed inside one document's free text.

Both are WARNINGS naming the file and the YAML key or the cell; the text itself is never
changed — documents print what the clerk wrote. "One document's free text" is one plan file
(`ke_hoach_YYYY.yaml`), or one free-text column of one sheet (`cot_tu_do` of the rule file).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, Iterator

from ..rulefiles import thuat_ngu
from ..findings import WARNING, Finding
from . import codes

RULE_FILE = thuat_ngu.FILE
WRONG_NAME = codes.WRONG_LEGAL_NAME

# Tone on the second vowel of a final oa / oe / uy ("hoà", "khoẻ", "thuỷ") — "old" placement —
# or on the first ("hòa", "khỏe", "thủy"). Not after "q" ("quý" is the same in both), and only
# at the end of a syllable ("hoàn", "khoảng" are the same in both).
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ"}
_END = r"(?![^\W\d_])"
OLD = re.compile(rf"(?<![qQ])(?:[oO][{_TONED['a']}{_TONED['e']}]|[uU][{_TONED['y']}]){_END}", re.IGNORECASE)
NEW = re.compile(rf"(?<![qQ])(?:[{_TONED['o']}][aAeE]|[{_TONED['u']}][yY]){_END}", re.IGNORECASE)


def to_new_placement(text: str) -> str:
    """Tone moved to the first vowel of a final oa / oe / uy: "Hoà" -> "Hòa" (for matching)."""
    def move(m: re.Match) -> str:
        first, second = m.group(0)
        base = unicodedata.normalize("NFD", second)
        mark, plain = base[1:], base[0]
        return unicodedata.normalize("NFC", first + mark) + plain

    return OLD.sub(move, unicodedata.normalize("NFC", text))


def _key(text: str) -> str:
    return to_new_placement(" ".join(text.split())).casefold()


def strings(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(dotted key path, text) of every string leaf of a YAML value."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from strings(v, f"{path}[{i}]")


def wrong_names(spec: dict, text: str) -> list[tuple[dict, str]]:
    """(entry, words as written) for each `ten_sai` entry whose wrong name occurs in `text`."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    key = _key(text)          # same length as `text`: positions carry over
    out = []
    for e in spec["ten_sai"]:
        at = key.find(_key(e["sai"]))
        if at >= 0:
            out.append((e, text[at:at + len(_key(e["sai"]))]))
    return out


def _word(text: str, m: re.Match) -> str:
    """The whole word around a match ("hoà", not "oà")."""
    start, end = m.start(), m.end()
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


def mixed_placement(places: list[tuple[Any, str]]) -> tuple[Any, str, int, int] | None:
    """Given (where, text) of one document, the first place of the less used tone placement
    with both counts — (where, word, old count, new count) — or None when only one is used."""
    old, new = [], []
    for where, text in places:
        old += [(where, _word(text, m)) for m in OLD.finditer(text)]
        new += [(where, _word(text, m)) for m in NEW.finditer(text)]
    if not old or not new:
        return None
    where, syllable = (old if len(old) <= len(new) else new)[0]
    return where, syllable, len(old), len(new)


def check_terms(rules_dir: Path, tables: dict, plans: dict) -> list[Finding]:
    """Warnings for the plans' text and the free-text columns of the tables."""
    spec = thuat_ngu.load(rules_dir)
    if spec is None:
        return []
    out: list[Finding] = []
    for kh in plans.values():
        places = list(strings(kh.data))
        out += [_wrong(e, written, file=kh.file, column=key)
                for key, text in places for e, written in wrong_names(spec, text)]
        out += _mixed(spec, [((None, key), text) for key, text in places], file=kh.file)
    for dataset, columns in (spec.get("cot_tu_do") or {}).items():
        table = tables.get(dataset)
        if table is None or not len(table.frame):
            continue
        for col in columns:
            if col not in table.frame.columns:
                continue
            cells = [((int(row), table.header(col)), str(v))
                     for row, v in zip(table.frame["_row"], table.frame[col]) if isinstance(v, str)]
            for (row, header), text in cells:
                out += [_wrong(e, written, file=table.file, sheet=table.sheet, row=row, column=header,
                               dataset=dataset) for e, written in wrong_names(spec, text)]
            out += _mixed(spec, cells, file=table.file, sheet=table.sheet, dataset=dataset)
    return out


def _wrong(entry: dict, written: str, **where) -> Finding:
    return Finding(code=WRONG_NAME, severity=WARNING, value=written, basis=entry["nguon"],
                   message=f"Tên “{written}” chưa đúng; tên đúng là “{entry['dung']}” "
                           f"(văn bản vẫn in như đã nhập).", **where)


def _mixed(spec: dict, places: list, **where) -> list[Finding]:
    found = mixed_placement(places)
    if found is None:
        return []
    (row, column), syllable, n_old, n_new = found
    rule = spec["dau_thanh"]
    return [Finding(code=rule["ma"], severity=WARNING, value=syllable, basis=rule["nguon"], row=row,
                    column=column, **where,
                    message=f"Phần chữ tự do dùng lẫn hai cách đặt dấu thanh ({n_old} chỗ kiểu “hoà”, "
                            f"{n_new} chỗ kiểu “hòa”); chỗ đầu tiên của cách ít dùng hơn: “{syllable}”. "
                            f"Nên thống nhất một cách trong văn bản.")]
