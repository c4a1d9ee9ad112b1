"""A workbook of plain tables written directly as SpreadsheetML: the statistical tables of the
reports, with hoagiai.xlsx_writer's guarantees, in a twentieth of openpyxl's time.

openpyxl builds an object per cell and per style and took ~40 ms per statistical workbook — a
unit's largest single piece of CPU after validation in a city build (BENCHMARKS.md, issue 16).
These workbooks are a few small tables of text and numbers with five kinds of formatting, so
they are written here as XML strings.

The same guarantees as every other workbook (hoagiai.xlsx_writer):
- no text becomes a formula: every string is an inline string (never a formula), and text
  beginning with = + - @ also carries Excel's quote prefix, as `xlsx_writer.guard` gives it, so
  that editing the cell keeps it text;
- the same content gives the same bytes (fixed document times, fixed zip entry times);
- an atomic write (hoagiai.atomic).
Characters XML 1.0 cannot hold are written as Excel's `_xHHHH_` escapes.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import os
import re
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from . import docx_zip
from .atomic import write_bytes
from .xlsx_writer import FORMULA_START, STAMP


@dataclass(frozen=True)
class Style:
    bold: bool = False
    italic: bool = False
    header: bool = False        # wrapped, centred both ways
    percent: bool = False       # number format 0.0%


PLAIN = Style()


@dataclass
class Sheet:
    name: str
    widths: dict[int, float] = field(default_factory=dict)     # column (1-based) → width
    freeze: tuple[int, int] = (0, 0)                            # rows above, columns left kept in view
    cells: dict[tuple[int, int], tuple[Any, Style]] = field(default_factory=dict)

    def put(self, row: int, col: int, value: Any, style: Style = PLAIN) -> None:
        self.cells[(row, col)] = (value, style)


def column_letter(col: int) -> str:
    out = ""
    while col:
        col, r = divmod(col - 1, 26)
        out = chr(65 + r) + out
    return out


_BAD_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    value = _BAD_XML.sub(lambda m: f"_x{ord(m.group(0)):04X}_", value)
    return escape(value)


class _Styles:
    """cellXfs made on demand: (Style, quote prefix) → index; 0 is the default."""

    def __init__(self) -> None:
        self.index: dict[tuple[Style, bool], int] = {(PLAIN, False): 0}

    def of(self, style: Style, quote: bool) -> int:
        return self.index.setdefault((style, quote), len(self.index))

    def xml(self) -> str:
        xfs = []
        for (s, quote), _ in sorted(self.index.items(), key=lambda kv: kv[1]):
            font = 1 if s.bold and not s.italic else 2 if s.italic and not s.bold else 3 if s.bold else 0
            attrs = f' numFmtId="{164 if s.percent else 0}" fontId="{font}" fillId="0" borderId="0" xfId="0"'
            attrs += ' applyFont="1"' if font else ""
            attrs += ' applyNumberFormat="1"' if s.percent else ""
            attrs += ' quotePrefix="1"' if quote else ""
            if s.header:
                xfs.append(f'<xf{attrs} applyAlignment="1"><alignment horizontal="center" vertical="center" '
                           'wrapText="1"/></xf>')
            else:
                xfs.append(f"<xf{attrs}/>")
        face = '<font><name val="Calibri"/><family val="2"/><sz val="11"/>{}</font>'
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
                f'<fonts count="4">{face.format("")}{face.format("<b/>")}{face.format("<i/>")}'
                f'{face.format("<b/><i/>")}</fonts>'
                '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                '</styleSheet>')


def _cell(ref: str, value: Any, style: Style, styles: _Styles) -> str:
    if isinstance(value, str):
        s = styles.of(style, value.startswith(FORMULA_START))
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'<c r="{ref}" s="{s}" t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>'
    s = styles.of(style, False)
    sa = f' s="{s}"' if s else ""
    if value is None:
        return f'<c r="{ref}"{sa}/>' if s else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{sa} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, numbers.Integral):           # numpy's integers too
        return f'<c r="{ref}"{sa}><v>{int(value)}</v></c>'
    if isinstance(value, numbers.Real) and math.isfinite(value):
        # as openpyxl writes it (16 significant digits; 1.0 → 1)
        return f'<c r="{ref}"{sa}><v>{"%.16g" % float(value)}</v></c>'
    return _cell(ref, str(value), style, styles)


def _sheet_xml(sheet: Sheet, styles: _Styles) -> str:
    rows: dict[int, list[tuple[int, Any, Style]]] = {}
    for (r, c), (value, style) in sheet.cells.items():
        rows.setdefault(r, []).append((c, value, style))
    body = []
    for r in sorted(rows):
        cells = "".join(_cell(f"{column_letter(c)}{r}", v, s, styles)
                        for c, v, s in sorted(rows[r], key=lambda x: x[0]))
        if cells:
            body.append(f'<row r="{r}">{cells}</row>')
    view = '<sheetView workbookViewId="0"'
    row, col = sheet.freeze
    if row or col:
        split = (f' xSplit="{col}"' if col else "") + (f' ySplit="{row}"' if row else "")
        pane = "bottomRight" if col and row else "bottomLeft" if row else "topRight"
        view += (f'><pane{split} topLeftCell="{column_letter(col + 1)}{row + 1}" activePane="{pane}" '
                 f'state="frozen"/><selection pane="{pane}"/></sheetView>')
    else:
        view += "/>"
    cols = "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"/>' for c, w in sorted(sheet.widths.items()))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetViews>{view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + f'<sheetData>{"".join(body)}</sheetData></worksheet>')


def to_bytes(sheets: list[Sheet], *, creator: str = "hoagiai", stamp: dt.datetime = STAMP) -> bytes:
    """The workbook as .xlsx bytes."""
    styles = _Styles()
    parts = [(f"xl/worksheets/sheet{i}.xml", _sheet_xml(s, styles)) for i, s in enumerate(sheets, start=1)]
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    n = len(sheets)
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, n + 1))
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    files = [
        ("[Content_Types].xml", head + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'spreadsheetml.sheet.main+xml"/>' + overrides +
         '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'spreadsheetml.styles+xml"/>'
         '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
         'core-properties+xml"/>'
         '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'extended-properties+xml"/></Types>'),
        ("_rels/.rels", head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="xl/workbook.xml"/>'
         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
         'core-properties" Target="docProps/core.xml"/>'
         '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'extended-properties" Target="docProps/app.xml"/></Relationships>'),
        ("docProps/app.xml", head + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
         'extended-properties"><Application>hoagiai</Application></Properties>'),
        ("docProps/core.xml", head + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
         'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/'
         'dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
         f"<dc:creator>{_text(creator)}</dc:creator>"
         f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
         f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>'),
        ("xl/workbook.xml", head + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews>'
         '<workbookView/></bookViews><sheets>'
         + "".join(f'<sheet name={quoteattr(s.name)} sheetId="{i}" r:id="rId{i}"/>'
                   for i, s in enumerate(sheets, start=1)) + "</sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships">'
         + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1))
         + f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/styles" Target="styles.xml"/></Relationships>'),
        ("xl/styles.xml", styles.xml()),
        *parts,
    ]
    return docx_zip.assemble([(name, docx_zip.pack(text.encode("utf-8"))) for name, text in files])


def save(sheets: list[Sheet], path: str | os.PathLike, *, creator: str = "hoagiai") -> None:
    """Write the workbook to `path` atomically."""
    write_bytes(path, to_bytes(sheets, creator=creator))
