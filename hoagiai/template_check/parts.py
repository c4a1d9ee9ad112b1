"""The text parts of a .docx template, paragraph by paragraph, with a place a clerk can find.

A `Spot` is one paragraph: where it is ("đoạn 12", "bảng 2, dòng 1, ô 3", "đầu trang"), its
text and the text of each of its runs. `Part.source` is the part's XML prepared exactly as
docxtpl prepares it (`patch_xml`), with every paragraph on its own line and tagged with its
index, so a Jinja line number points back to a Spot.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P, R, T, TBL, TR, TC = (f"{{{W}}}{x}" for x in ("p", "r", "t", "tbl", "tr", "tc"))
TEXT_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_MARK = re.compile(r'hgp="(\d+)"')
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@dataclass
class Spot:
    index: int            # paragraph index in the part, document order
    where: str            # Vietnamese place: "đoạn 12", "bảng 2, dòng 1, ô 3", "đầu trang"
    runs: list[str]       # text of each of the paragraph's own runs

    @property
    def text(self) -> str:
        return "".join(self.runs)


@dataclass
class Part:
    name: str             # "word/document.xml"
    label: str            # "" (body), "đầu trang", "chân trang"
    xml: bytes
    spots: list[Spot] = field(default_factory=list)
    _source: str | None = None

    @property
    def source(self) -> str:
        """The Jinja source docxtpl would compile, one paragraph per line, marked."""
        if self._source is None:
            from ..jinja_env import docxtpl_helper

            counter = iter(range(1 << 30))
            marked = re.sub(r"<w:p([ >/])",
                            lambda m: f'\n<w:p hgp="{next(counter)}"{m.group(1)}',
                            self.xml.decode("utf-8"))
            self._source = docxtpl_helper().patch_xml(marked)
        return self._source

    def spot_at_line(self, lineno: int | None) -> Spot | None:
        """The paragraph a Jinja line number belongs to."""
        if not lineno:
            return None
        lines = self.source.split("\n")
        if not 1 <= lineno <= len(lines):
            return None
        line = lines[lineno - 1]
        m = _MARK.search(line)
        if m and int(m.group(1)) < len(self.spots):
            return self.spots[int(m.group(1))]
        # a {%p %}/{%tr %} tag replaced its whole paragraph or row: find it by its text
        for tag in TAG.findall(re.sub(r"<[^>]+>", "", line)):
            key = tag_key(tag)
            for spot in self.spots:
                if key in {tag_key(t) for t in TAG.findall(spot.text)}:
                    return spot
        return None

    def where(self, spot: Spot | None) -> str:
        if spot is not None:
            return spot.where
        return self.label or "thân văn bản"


def tag_key(tag: str) -> str:
    """A tag without delimiters, docxtpl prefix ({%p, {%tr …) and spaces: `{%p if x %}` → `ifx`."""
    inner = re.sub(r"^\{[{%#](?:(?:p|tr|tc|r)(?=\s))?[-+]?|[-+]?[}%#]\}$", "", tag)
    return re.sub(r"\s+", "", inner)


def read_parts(path: Path) -> list[Part]:
    """The body, header and footer parts of a .docx (raises zipfile.BadZipFile, KeyError,
    etree.XMLSyntaxError on a broken file)."""
    parts: list[Part] = []
    with zipfile.ZipFile(path) as zf:
        names = sorted((n for n in zf.namelist() if TEXT_PART.match(n)),
                       key=lambda n: (not n.startswith("word/document"), _natural(n)))
        kinds = _header_kinds(zf)
        for name in names:
            label = ""
            for word, vi in (("header", "đầu trang"), ("footer", "chân trang")):
                if word in name:
                    label = vi + {"first": " (trang đầu)", "even": " (trang chẵn)"}.get(
                        kinds.get(_short(name), "default"), "")
            xml = zf.read(name)
            part = Part(name=name, label=label, xml=xml)
            part.spots = _spots(etree.fromstring(xml), label)
            parts.append(part)
    if not any(p.name == "word/document.xml" for p in parts):
        raise KeyError("word/document.xml")
    return parts


def _header_kinds(zf: zipfile.ZipFile) -> dict[str, str]:
    """header/footer file name -> "default" | "first" | "even", from the section properties."""
    try:
        rels = etree.fromstring(zf.read("word/_rels/document.xml.rels"))
        body = etree.fromstring(zf.read("word/document.xml"))
    except (KeyError, etree.XMLSyntaxError):
        return {}
    targets = {r.get("Id"): _short(r.get("Target") or "") for r in rels}
    rel_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    out: dict[str, str] = {}
    for ref in body.iter(f"{{{W}}}headerReference", f"{{{W}}}footerReference"):
        target = targets.get(ref.get(rel_id))
        if target:
            out.setdefault(target, ref.get(f"{{{W}}}type") or "default")
    return out


def _natural(name: str) -> tuple:
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", name))


def _short(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def own_runs(p: etree._Element) -> list[etree._Element]:
    """The runs of paragraph `p` itself (not of paragraphs nested in text boxes)."""
    return [r for r in p.iter(R) if next(r.iterancestors(P), None) is p]


def run_text(r: etree._Element) -> str:
    return "".join(t.text or "" for t in r.iter(T) if next(t.iterancestors(R), None) is r)


def _spots(root: etree._Element, label: str) -> list[Spot]:
    outer_tables: dict[etree._Element, int] = {}
    for tbl in root.iter(TBL):
        if next(tbl.iterancestors(TBL), None) is None:
            outer_tables[tbl] = len(outer_tables) + 1
    paragraphs = list(root.iter(P))
    loose = [p for p in paragraphs if next(p.iterancestors(TBL), None) is None]
    loose_no = {p: i for i, p in enumerate(loose, 1)}
    spots = []
    for i, p in enumerate(paragraphs):
        tables = [a for a in p.iterancestors(TBL)]
        if tables:
            tbl = tables[-1]
            rows = [a for a in tbl.iter(TR) if next(a.iterancestors(TBL)) is tbl]
            tr = next((a for a in p.iterancestors(TR) if a in rows), None)
            tc = next((a for a in p.iterancestors(TC) if tr is not None
                       and next(a.iterancestors(TR)) is tr), None)
            where = f"bảng {outer_tables[tbl]}"
            if tr is not None and tc is not None:
                cells = [c for c in tr.iter(TC) if next(c.iterancestors(TR)) is tr]
                where += f", dòng {rows.index(tr) + 1}, ô {cells.index(tc) + 1}"
                in_cell = list(tc.iter(P))
                if len(in_cell) > 1:
                    where += f", đoạn {in_cell.index(p) + 1}"
        else:
            where = f"đoạn {loose_no[p]}"
        if label:
            where = label if len(paragraphs) == 1 else f"{label}, {where}"
        spots.append(Spot(index=i, where=where, runs=[run_text(r) for r in own_runs(p)]))
    return spots
