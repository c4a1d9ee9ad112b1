"""What an issued document says, and what a correction changes in it, in the document's own
words: the text of a DOCX as units (a body paragraph, or a whole table row), and the
difference between two such texts as (where, old, new) items — "Tại Điều 1, đã viết là …"."""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from typing import Any

from lxml import etree

SEP = "\t"      # between the cells of a table row (cell text never holds a tab: _text drops them)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ANCHORS = [(re.compile(r"^(Điều \d+)\."), "{0}"),
            (re.compile(r"^(DANH SÁCH|Danh sách|PHỤ LỤC|Phụ lục|BẢNG|Biểu)\b"), "Danh sách kèm theo"),
            (re.compile(r"^([IVXL]+)\. "), "mục {0}")]


def _text(el) -> str:
    parts = []
    for p in el.iter(f"{W}p"):
        parts.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return " ".join(x for x in (" ".join(p.split()) for p in parts) if x)


def units(docx: bytes) -> list[str]:
    """The body of a DOCX: one unit per paragraph, one per table row (cells joined by SEP)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        body = etree.fromstring(zf.read("word/document.xml")).find(f"{W}body")
    out: list[str] = []
    for child in body:
        if child.tag == f"{W}p":
            text = _text(child)
            if text:
                out.append(text)
        elif child.tag == f"{W}tbl":
            for tr in child.iter(f"{W}tr"):
                cells = [_text(tc) for tc in tr.findall(f"{W}tc")]
                if any(cells):
                    out.append(SEP.join(cells))
    return out


def _anchor(lines: list[str], at: int) -> str:
    """Where line `at` sits: the nearest article, appendix or section heading (itself included)."""
    for line in reversed(lines[:at + 1]):
        for pattern, label in _ANCHORS:
            m = pattern.match(line)
            if m:
                return "Tại " + label.format(m.group(1))
    return "Tại phần mở đầu"


def _header(lines: list[str], upto: int) -> list[str] | None:
    for line in reversed(lines[:upto]):
        if SEP in line and line.split(SEP)[0].strip().upper() == "STT":
            return line.split(SEP)
    return None


def _row(text: str, header: list[str] | None) -> str:
    cells = text.split(SEP)
    if header and len(header) == len(cells):
        return ", ".join(f"{h}: {c}" for h, c in zip(header[1:], cells[1:]) if c)
    return "; ".join(c for c in cells if c)


def _item(old: list[str], new: list[str], i: int, j: int, cu: str | None, moi: str | None
          ) -> list[dict[str, Any]]:
    where = _anchor(old, i) if cu is not None else _anchor(new, j)
    if cu is not None and moi is not None and SEP in cu and SEP in moi:
        a, b = cu.split(SEP), moi.split(SEP)
        header = _header(old, i)
        if len(a) == len(b) and header and len(header) == len(a):
            return [{"tai": f"{where}, dòng số thứ tự {a[0]}, cột “{header[k]}”", "cu": a[k], "moi": b[k]}
                    for k in range(len(a)) if a[k] != b[k]]
    text = cu if moi is None else moi
    assert text is not None                 # a changed line has at least one side
    header = _header(old, i) if moi is None else _header(new, j)
    if header and SEP in text and len(text.split(SEP)) == len(header) and (cu is None or moi is None):
        where += f", dòng số thứ tự {text.split(SEP)[0]}"
    return [{"tai": where, "cu": _row(cu, _header(old, i)) if cu is not None else None,
             "moi": _row(moi, _header(new, j)) if moi is not None else None}]


def _unnumbered(unit: str) -> str:
    return re.sub(r"^\d+" + SEP, "", unit)


def changes(old: list[str], new: list[str]) -> list[dict[str, Any]]:
    """[{"tai": "Tại Điều 1", "cu": old text | None, "moi": new text | None}] in document order;
    a table row changed in place is stated cell by cell, with its column's header."""
    out: list[dict[str, Any]] = []
    # rows are matched without their STT: a row added or removed renumbers the ones after it,
    # which is a consequence, not a change to state
    sm = difflib.SequenceMatcher(a=[_unnumbered(x) for x in old], b=[_unnumbered(x) for x in new],
                                 autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        a, b = old[i1:i2], new[j1:j2]
        for k in range(max(len(a), len(b))):
            out += _item(old, new, i1 + k, j1 + k, a[k] if k < len(a) else None,
                         b[k] if k < len(b) else None)
    return out
