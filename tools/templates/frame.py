"""The Nghị định 30/2020/NĐ-CP frame shared by every Word template in templates/.

A template module builds its document with these helpers, then `make.py` saves it with
`save(doc, path)`. The .docx files are what the pipeline renders (docxtpl, strict Jinja); this
package only regenerates them, byte for byte, when the layout changes.

Layout (docs/domain.md §6, Phụ lục I): A4 portrait, margins 20/20/30/15 mm, Times New Roman everywhere
(document defaults, every style, every run), body 14 pt justified with a 1.27 cm first-line
indent, 6 pt after each paragraph, single line spacing; page number (PAGE field) centred in the
page header, hidden on page 1 (titlePg + empty first-page header).

Rule for every helper: a Jinja tag always sits inside ONE run (docxtpl cannot reassemble a tag
split across runs). Each paragraph that carries a tag is therefore written as a single run;
`add_dieu` writes two runs, each holding whole tags. `tag_problems(doc)` checks this.

Containers: every `add_*` helper takes a `container` — the Document, a table cell, or a header
— anything with `add_paragraph()`.

Public API
----------
new_document(title) -> Document              page, styles, page-number header, core properties
add_header(doc, *, title=True)               two-column header, 6.0 / 10.5 cm (cơ quan, số | Quốc hiệu, ngày),
                                             then tên loại, trích yếu + short line, chủ thể
add_title(doc)                               only the tên loại / trích yếu / chủ thể block
add_body(container, text, *, bold=False, italic=False, size=14, align="both",
         indent=True, after=6, before=0, keep_next=False)
                                             one paragraph, one run (the body paragraph)
add_heading(container, text, *, center=False, before=6, after=6, size=14)
                                             bold paragraph kept with the next one
                                             ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "QUYẾT ĐỊNH:")
add_dieu(container, label, text)             "Điều 1." bold + body text (two runs)
add_can_cu(container, items="can_cu", var="cc")
                                             italic "Căn cứ …;" lines, last one ends "."
add_tag(container, tag)                      a control paragraph, e.g. "{%p set n = 1 %}"
for_each(container, "x in xs")               context manager: {%p for x in xs %} … {%p endfor %}
only_if(container, "cond")                   context manager: {%p if cond %} … {%p endif %}
add_line(container, width_cm, *, before=0, after=0)
                                             short centred solid line (paragraph bottom border)
add_page_break(container)                    next content starts on a new page
add_section_break(doc)                       new section on a new page, page numbers from 1
                                             (each appendix, Phụ lục I)
add_appendix_title(doc, label, title, note)  "Phụ lục …" / "DANH SÁCH …" / "(Kèm theo …)" + line
add_table(container, headers, row_cells, widths, *, loop="row in rows", size=13,
          align=None)                        bordered table, header row repeated on each page,
                                             one {%tr for %} row loop
add_closing(doc, *, widths=(6.5, 10.0), blank_lines=4)
                                             "Nơi nhận:" list + signing block
tag_problems(doc) -> list[str]               Jinja tags split across runs (should be empty)
save(doc, path)                              deterministic .docx (fixed dates, fixed zip times)

Common context used by the frame (all templates):
  don_vi.co_quan_chu_quan (str|None), don_vi.ten_dong_1, don_vi.ten_dong_2, don_vi.dia_danh
  van_ban.so (int|None), van_ban.ky_hieu, van_ban.ngay (date|None), van_ban.thang, van_ban.nam,
  van_ban.ten_loai, van_ban.trich_yeu, van_ban.chu_the (str|None)
  ky.dong (list of capitalised lines), ky.ho_ten; noi_nhan (list of str, without the "Lưu" line);
  luu (str, "Lưu: VT, VP" — printed last)
Filters used: so_hieu, dong_ngay.

Example — tools/templates/qd_cong_nhan.py::

    from . import frame as f

    KIND = "qd-cong-nhan"
    FILE = "qd-cong-nhan.docx"

    def build():
        doc = f.new_document("Mẫu quyết định công nhận hòa giải viên")
        f.add_header(doc)                      # tên loại "QUYẾT ĐỊNH", trích yếu, chủ thể
        f.add_can_cu(doc)                      # {% for cc in can_cu %} … ; / .
        f.add_heading(doc, "QUYẾT ĐỊNH:", center=True)
        f.add_dieu(doc, "Điều 1.", "{{ qd.dieu_1 }}")
        f.add_dieu(doc, "Điều 2.", "{{ qd.dieu_2 }}")
        f.add_dieu(doc, "Điều 3.", "{{ qd.dieu_3 }}")
        f.add_closing(doc)
        f.add_page_break(doc)
        f.add_appendix_title(doc, "Phụ lục", "DANH SÁCH HÒA GIẢI VIÊN",
                             "{{ phu_luc.kem_theo }}")   # "(Kèm theo Quyết định số …/QĐ-UBND …)"
        f.add_table(doc, ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Chức danh"],
                    ["{{ loop.index }}", "{{ row.ho_ten }}", "{{ row.nam_sinh }}",
                     "{{ row.gioi_tinh }}", "{{ row.thon }}", "{{ row.chuc_danh }}"],
                    [1.2, 4.8, 2.0, 2.0, 3.0, 3.5], loop="row in danh_sach",
                    align=["center", "left", "center", "center", "left", "left"])
        return doc

and list it in make.py's TEMPLATES.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import zipfile
from pathlib import Path
from typing import Iterator, Sequence

from docx import Document
from docx.document import Document as _Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from hoagiai import atomic

FONT = "Times New Roman"
BODY_PT = 14
FIXED_TIME = _dt.datetime(2026, 1, 1, 0, 0, 0)   # core properties and zip entry times

# Page (Phụ lục I mục I): A4 portrait, margins within 20–25 / 20–25 / 30–35 / 15–20 mm.
PAGE_W_MM, PAGE_H_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 20, 20, 30, 15
TEXT_WIDTH_CM = (PAGE_W_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 10   # 16.5 cm
FIRST_LINE_CM = 1.27

# Header table. The right column must hold the Quốc hiệu in bold 13 pt on one line
# (≈ 9.6 cm of text, measured), so it is 10.5 cm; together the columns fill the text width.
HEADER_WIDTHS_CM = (6.0, 10.5)
CLOSING_WIDTHS_CM = (6.5, 10.0)
CELL_MARGIN_CM = 0.19                 # Word's default left/right cell margin (108 twips)
AGENCY_LINE_CM = 2.0                  # ≈ 1/2 of "ỦY BAN NHÂN DÂN" in bold 13 pt (4.3 cm, measured)
MOTTO_LINE_CM = 6.0                   # length of "Độc lập - Tự do - Hạnh phúc" in bold 14 pt (6.04 cm)
SUMMARY_LINE_CM = 4.0                 # under the trích yếu

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b'<Application>hoagiai</Application><DocSecurity>0</DocSecurity></Properties>'
)
_ALIGN = {"left": "left", "center": "center", "right": "right", "both": "both", "justify": "both"}


def twips(cm: float) -> int:
    return round(cm * 1440 / 2.54)


# --------------------------------------------------------------------------- styles

def _rfonts() -> str:
    return f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def _styles_xml() -> str:
    size = BODY_PT * 2
    rpr = f'<w:rPr>{_rfonts()}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="vi-VN"/></w:rPr>'
    head_ppr = (
        '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4677"/><w:tab w:val="right" w:pos="9355"/></w:tabs>'
        '<w:spacing w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
    )
    return (
        f'<w:styles {nsdecls("w")}>'
        '<w:docDefaults>'
        f'<w:rPrDefault><w:rPr>{_rfonts()}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        '<w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        '</w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:spacing w:after="120" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="{twips(FIRST_LINE_CM)}"/>'
        f'<w:jc w:val="both"/></w:pPr>{rpr}</w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
        f'<w:rPr>{_rfonts()}</w:rPr></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>'
        f'<w:uiPriority w:val="99"/><w:unhideWhenUsed/>{head_ppr}{rpr}</w:style>'
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>'
        f'<w:uiPriority w:val="99"/><w:unhideWhenUsed/>{head_ppr}{rpr}</w:style>'
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        '<w:uiPriority w:val="59"/><w:tblPr><w:tblBorders>'
        + "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders></w:tblPr></w:style>'
        '</w:styles>'
    )


def new_document(title: str) -> _Document:
    """An empty A4 document in the NĐ 30 frame, with the page-number header already in place."""
    doc = Document()
    # Own, minimal styles part: every style names Times New Roman, no theme fonts anywhere.
    doc.part._styles_part._element = parse_xml(_styles_xml())
    # Parts the templates never use: Word 2010 style copy, numbering, bibliography, thumbnail.
    _drop_relationships(doc.part.rels, (_STYLES_WITH_EFFECTS, RT.NUMBERING, RT.CUSTOM_XML))
    _drop_relationships(doc.part.package.rels, (RT.THUMBNAIL,))
    doc.part.package.part_related_by(RT.EXTENDED_PROPERTIES)._blob = _APP_XML
    _clean_settings(doc)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
    section.orientation = WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.gutter = Mm(0)

    section.different_first_page_header_footer = True          # w:titlePg
    section.first_page_header.is_linked_to_previous = False    # empty header on page 1
    section.header.is_linked_to_previous = False
    _page_number(section.header.paragraphs[0])
    _mark_size(section.first_page_header.paragraphs[0], BODY_PT)

    cp = doc.core_properties
    cp.title = title
    cp.subject = "Nghị định 30/2020/NĐ-CP"
    cp.author = "hoagiai"
    cp.last_modified_by = "hoagiai"
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    return doc


def _drop_relationships(rels, reltypes) -> None:
    for rid, rel in list(rels.items()):
        if rel.reltype in reltypes:
            rels.pop(rid)


def _clean_settings(doc: _Document) -> None:
    settings = doc.settings.element
    for tag in ("w:savePreviewPicture", "w:rsids", "w:proofState"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    for el in settings.findall(qn("w:themeFontLang")):
        el.set(qn("w:val"), "vi-VN")


def _page_number(paragraph) -> None:
    """PAGE field, centred, 14 pt, upright (Phụ lục I: số trang 13–14, giữa, phần đầu trang)."""
    p = paragraph._p
    for child in list(p):
        p.remove(child)
    p.append(_ppr(align="center", indent=False, after=0, mark_size=BODY_PT))
    rpr = _rpr_xml(BODY_PT)
    for piece in (
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        '<w:t>2</w:t>',
        '<w:fldChar w:fldCharType="end"/>',
    ):
        p.append(parse_xml(f'<w:r {nsdecls("w")}>{rpr}{piece}</w:r>'))


# --------------------------------------------------------------------------- paragraphs

def _rpr_xml(size: float, bold: bool = False, italic: bool = False) -> str:
    half = round(size * 2)
    return (
        f'<w:rPr>{_rfonts()}'
        + ('<w:b/><w:bCs/>' if bold else '')
        + ('<w:i/><w:iCs/>' if italic else '')
        + f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'
    )


def _run(text: str, size: float = BODY_PT, bold: bool = False, italic: bool = False):
    r = parse_xml(f'<w:r {nsdecls("w")}>{_rpr_xml(size, bold, italic)}<w:t xml:space="preserve"/></w:r>')
    r.find(qn("w:t")).text = text
    return r


def _ppr(*, align: str = "both", indent: bool | float = True, left_cm: float = 0, right_cm: float = 0,
         before: float = 0, after: float = 6, line: int = 240, keep_next: bool = False,
         keep_lines: bool = False, page_break_before: bool = False, border_bottom: bool = False,
         mark_size: float | None = None):
    """Paragraph properties in schema order. `indent`: True = 1.27 cm first line, a float = that many cm."""
    first = FIRST_LINE_CM if indent is True else (0 if indent is False else float(indent))
    parts = []
    if keep_next:
        parts.append('<w:keepNext/>')
    if keep_lines:
        parts.append('<w:keepLines/>')
    if page_break_before:
        parts.append('<w:pageBreakBefore/>')
    if border_bottom:
        parts.append('<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>')
    parts.append(f'<w:spacing w:before="{round(before * 20)}" w:after="{round(after * 20)}" '
                 f'w:line="{line}" w:lineRule="auto"/>')
    parts.append(f'<w:ind w:left="{twips(left_cm)}" w:right="{twips(right_cm)}" w:firstLine="{twips(first)}"/>')
    parts.append(f'<w:jc w:val="{_ALIGN[align]}"/>')
    if mark_size is not None:
        half = round(mark_size * 2)
        parts.append(f'<w:rPr>{_rfonts()}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>')
    return parse_xml(f'<w:pPr {nsdecls("w")}>{"".join(parts)}</w:pPr>')


def _paragraph(container, runs: Sequence[tuple[str, dict]] = (), **ppr):
    """Add a paragraph with the given properties and runs [(text, {size, bold, italic})]."""
    p = container.add_paragraph()._p
    old = p.find(qn("w:pPr"))
    if old is not None:
        p.remove(old)
    size = runs[0][1].get("size", BODY_PT) if runs else ppr.get("mark_size") or BODY_PT
    ppr.setdefault("mark_size", size)
    p.insert(0, _ppr(**ppr))
    for text, fmt in runs:
        p.append(_run(text, **fmt))
    return p


def _mark_size(paragraph, size: float) -> None:
    p = paragraph._p
    old = p.find(qn("w:pPr"))
    if old is not None:
        p.remove(old)
    p.insert(0, _ppr(align="center", indent=False, after=0, mark_size=size))


def add_body(container, text: str, *, bold: bool = False, italic: bool = False, size: float = BODY_PT,
             align: str = "both", indent: bool | float = True, after: float = 6, before: float = 0,
             keep_next: bool = False):
    """One body paragraph written as ONE run (so any Jinja tags in `text` stay whole)."""
    return _paragraph(container, [(text, {"size": size, "bold": bold, "italic": italic})],
                      align=align, indent=indent, after=after, before=before, keep_next=keep_next)


def add_heading(container, text: str, *, center: bool = False, before: float = 6, after: float = 6,
                size: float = BODY_PT):
    """A bold heading kept with the paragraph that follows it."""
    return _paragraph(container, [(text, {"size": size, "bold": True})],
                      align="center" if center else "both", indent=not center,
                      before=before, after=after, keep_next=True)


def add_dieu(container, label: str, text: str):
    """'Điều 1.' in bold, then the article text (two runs; each holds whole tags)."""
    return _paragraph(container, [(label + " ", {"bold": True}), (text, {})], align="both", indent=True)


def add_tag(container, tag: str):
    """A paragraph that only carries a docxtpl paragraph tag ({%p … %}); docxtpl removes it."""
    if not tag.startswith("{%p ") or not tag.endswith("%}"):
        raise ValueError(f"not a paragraph tag: {tag!r}")
    return _paragraph(container, [(tag, {})], align="left", indent=False, after=0)


@contextlib.contextmanager
def for_each(container, loop: str) -> Iterator[None]:
    """{%p for <loop> %} … {%p endfor %} around the paragraphs added inside the block."""
    add_tag(container, f"{{%p for {loop} %}}")
    yield
    add_tag(container, "{%p endfor %}")


@contextlib.contextmanager
def only_if(container, condition: str) -> Iterator[None]:
    """{%p if <condition> %} … {%p endif %} around the paragraphs added inside the block."""
    add_tag(container, f"{{%p if {condition} %}}")
    yield
    add_tag(container, "{%p endif %}")


def add_line(container, width_cm: float, *, box_cm: float = TEXT_WIDTH_CM, before: float = 0,
             after: float = 0):
    """A short solid line, centred in a box `box_cm` wide: the bottom border of an empty, narrow paragraph."""
    side = max((box_cm - width_cm) / 2, 0)
    return _paragraph(container, [], align="center", indent=False, left_cm=side, right_cm=side,
                      before=before, after=after, border_bottom=True, mark_size=2)


def add_page_break(container):
    """The next paragraph starts on a new page (an empty paragraph holding a page break)."""
    p = _paragraph(container, [], align="left", indent=False, after=0)
    p.append(parse_xml(f'<w:r {nsdecls("w")}>{_rpr_xml(BODY_PT)}<w:br w:type="page"/></w:r>'))
    return p


def add_can_cu(container, items: str = "can_cu", var: str = "cc"):
    """Italic legal-basis lines, one per item; each ends ';', the last '.' (Phụ lục I: căn cứ ban hành)."""
    with for_each(container, f"{var} in {items}"):
        add_body(container, f'{{{{ {var} }}}}{{{{ "." if loop.last else ";" }}}}', italic=True)


# --------------------------------------------------------------------------- tables

def _table(container, widths_cm: Sequence[float], rows: int, *, borders: bool):
    """A fixed-layout table; widths in cm; borderless or single 0.5 pt borders."""
    if isinstance(container, _Document):
        table = container.add_table(rows=rows, cols=len(widths_cm))
    else:
        table = container.add_table(rows, len(widths_cm))
    tbl = table._tbl
    tblPr = tbl.tblPr
    for child in list(tblPr):
        tblPr.remove(child)
    total = sum(twips(w) for w in widths_cm)
    val = "single" if borders else "nil"
    extra = ' w:sz="4" w:space="0" w:color="000000"' if borders else ""
    edges = "".join(f'<w:{b} w:val="{val}"{extra}/>' for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    for xml in (
        f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>',
        f'<w:jc {nsdecls("w")} w:val="center"/>',
        f'<w:tblBorders {nsdecls("w")}>{edges}</w:tblBorders>',
        f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>',
        f'<w:tblLook {nsdecls("w")} w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
    ):
        tblPr.append(parse_xml(xml))
    grid = tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        gc.set(qn("w:w"), str(twips(w)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm):
            tcPr = cell._tc.get_or_add_tcPr()
            for child in list(tcPr):
                tcPr.remove(child)
            tcPr.append(parse_xml(f'<w:tcW {nsdecls("w")} w:w="{twips(w)}" w:type="dxa"/>'))
            for p in list(cell._tc.findall(qn("w:p"))):
                cell._tc.remove(p)
    return table


def _cell_paragraph(cell, text: str = "", *, size: float = BODY_PT, bold: bool = False,
                    italic: bool = False, align: str = "center", before: float = 0, after: float = 0):
    runs = [(text, {"size": size, "bold": bold, "italic": italic})] if text else []
    return _paragraph(cell, runs, align=align, indent=False, before=before, after=after, mark_size=size)


def add_header(doc: _Document, *, title: bool = True):
    """The NĐ 30 header block: a borderless two-column table, then (by default) `add_title`."""
    table = _table(doc, HEADER_WIDTHS_CM, 1, borders=False)
    left, right = table.rows[0].cells
    left_box = HEADER_WIDTHS_CM[0] - 2 * CELL_MARGIN_CM
    right_box = HEADER_WIDTHS_CM[1] - 2 * CELL_MARGIN_CM

    with only_if(left, "don_vi.co_quan_chu_quan"):
        _cell_paragraph(left, "{{ don_vi.co_quan_chu_quan }}", size=13)
    _cell_paragraph(left, "{{ don_vi.ten_dong_1 }}", size=13, bold=True)
    _cell_paragraph(left, "{{ don_vi.ten_dong_2 }}", size=13, bold=True)
    add_line(left, AGENCY_LINE_CM, box_cm=left_box)
    _cell_paragraph(left, "{{ van_ban.so | so_hieu(van_ban.ky_hieu) }}", size=13, before=6)

    _cell_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
    _cell_paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    add_line(right, MOTTO_LINE_CM, box_cm=right_box)
    _cell_paragraph(right, "{{ van_ban.ngay | dong_ngay(don_vi.dia_danh, van_ban.thang, van_ban.nam) }}",
                    size=14, italic=True, before=6)
    if title:
        add_title(doc)
    return table


def add_title(doc: _Document):
    """Tên loại (capitals, bold), trích yếu (bold) with a short line, then the optional chủ thể line."""
    _paragraph(doc, [("{{ van_ban.ten_loai }}", {"bold": True})], align="center", indent=False,
               before=18, after=0, keep_next=True)
    _paragraph(doc, [("{{ van_ban.trich_yeu }}", {"bold": True})], align="center", indent=False,
               after=0, keep_next=True)
    add_line(doc, SUMMARY_LINE_CM, after=12)
    with only_if(doc, "van_ban.chu_the"):
        _paragraph(doc, [("{{ van_ban.chu_the }}", {"bold": True})], align="center", indent=False,
                   after=12, keep_next=True)


def add_closing(doc: _Document, *, widths: Sequence[float] = CLOSING_WIDTHS_CM, blank_lines: int = 4):
    """Nơi nhận (left) and the signing block (right) in a borderless two-column table."""
    _paragraph(doc, [], align="left", indent=False, after=0, keep_next=True)   # breathing space
    table = _table(doc, widths, 1, borders=False)
    tr = table.rows[0]._tr
    tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    left, right = table.rows[0].cells
    _cell_paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left")
    with for_each(left, "r in noi_nhan"):
        _cell_paragraph(left, '- {{ r }};', size=11, align="left")
    # "Lưu: VT, <drafting unit>" — the unit from the profile (don_vi.yaml `don_vi_soan_thao`,
    # default "VP"), see hoagiai.documents.base.luu_line
    _cell_paragraph(left, "- {{ luu }}.", size=11, align="left")
    with for_each(right, "line in ky.dong"):
        _cell_paragraph(right, "{{ line }}", size=14, bold=True)
    for _ in range(blank_lines):
        _cell_paragraph(right)
    _cell_paragraph(right, "{{ ky.ho_ten }}", size=14, bold=True)
    # Word wants a paragraph after a table; keep it tiny so it never spills onto a new page.
    _paragraph(doc, [], align="left", indent=False, after=0, mark_size=1)
    return table


def add_section_break(doc: _Document):
    """End the current section here and start the next on a new page, page numbers restarting
    at 1 (Phụ lục I: "Số trang của Phụ lục được đánh số riêng theo từng Phụ lục"). The new
    section keeps the frame's page, margins and headers (no number on its first page); the
    document's final section restarts too, so the last appendix is numbered from 1 as well."""
    body_sect = doc.element.body.find(qn("w:sectPr"))
    _restart_numbering(body_sect)
    sect = parse_xml(body_sect.xml)   # a copy: same page, margins, header references, titlePg
    kind = sect.find(qn("w:type"))
    if kind is None:
        kind = parse_xml(f'<w:type {nsdecls("w")}/>')
        sect.insert(len(sect.findall(qn("w:headerReference"))) + len(sect.findall(qn("w:footerReference"))), kind)
    kind.set(qn("w:val"), "nextPage")
    p = _paragraph(doc, [], align="left", indent=False, after=0, mark_size=1)
    p.find(qn("w:pPr")).append(sect)
    return p


def _restart_numbering(sect) -> None:
    num = sect.find(qn("w:pgNumType"))
    if num is None:
        num = parse_xml(f'<w:pgNumType {nsdecls("w")}/>')
        # schema order: … pgMar, paperSrc, pgBorders, lnNumType, pgNumType, cols …
        cols = sect.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(num)
        else:
            sect.find(qn("w:pgMar")).addnext(num)
    num.set(qn("w:start"), "1")


def add_appendix_title(doc: _Document, label: str, title: str, note: str | None = None):
    """Appendix heading: label (bold, 'Phụ lục …'), title (capitals, bold), note (italic '(Kèm theo …)')."""
    _paragraph(doc, [(label, {"bold": True})], align="center", indent=False, after=0, keep_next=True)
    _paragraph(doc, [(title, {"bold": True})], align="center", indent=False, after=0, keep_next=True)
    if note:
        _paragraph(doc, [(note, {"italic": True})], align="center", indent=False, after=0, keep_next=True)
    add_line(doc, SUMMARY_LINE_CM, after=12)


def add_table(container, headers: Sequence[str], row_cells: Sequence[str], widths: Sequence[float], *,
              loop: str = "row in rows", size: float = 13, align: Sequence[str] | None = None):
    """A bordered table: a bold header row (repeated on each page) and one docxtpl row loop.

    `row_cells` are the cell texts of the repeated row (tags such as "{{ row.ho_ten }}",
    "{{ loop.index }}"); `widths` in cm; `align` per column (default centred).
    """
    if not (len(headers) == len(row_cells) == len(widths)):
        raise ValueError("headers, row_cells and widths must have the same length")
    align = list(align) if align else ["center"] * len(headers)
    table = _table(container, widths, 4, borders=True)
    head, loop_open, body, loop_close = table.rows
    head._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    for tr in (head._tr, body._tr):
        tr.get_or_add_trPr().insert(0, parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    for cell, text in zip(head.cells, headers):
        _cell_paragraph(cell, text, size=size, bold=True, before=3, after=3)
    for cell, text, al in zip(body.cells, row_cells, align):
        _cell_paragraph(cell, text, size=size, align=al, before=3, after=3)
    for row, tag in ((loop_open, f"{{%tr for {loop} %}}"), (loop_close, "{%tr endfor %}")):
        for i, cell in enumerate(row.cells):
            _cell_paragraph(cell, tag if i == 0 else "", size=size, align="left")
    return table


# --------------------------------------------------------------------------- checks and saving

_OPEN_CLOSE = (("{{", "}}"), ("{%", "%}"), ("{#", "#}"))


def tag_problems(doc: _Document) -> list[str]:
    """Paragraphs where a Jinja tag is split across runs (docxtpl would break on them)."""
    problems = []
    parts = [doc.element] + [
        s_part.part.element
        for s in doc.sections
        for s_part in (s.header, s.first_page_header, s.even_page_header, s.footer)
        if not s_part.is_linked_to_previous
    ]
    for root in parts:
        for p in root.iter(qn("w:p")):
            for r in p.findall(qn("w:r")):
                text = "".join(t.text or "" for t in r.iter(qn("w:t")))
                for o, c in _OPEN_CLOSE:
                    if text.count(o) != text.count(c):
                        problems.append(f"tag split across runs: {text!r}")
    return problems


def to_bytes(doc: _Document) -> bytes:
    """The .docx bytes, made reproducible: fixed zip entry times, stable order and compression."""
    problems = tag_problems(doc)
    if problems:
        raise ValueError("; ".join(problems))
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


def save(doc: _Document, path: str | Path) -> None:
    atomic.write_bytes(path, to_bytes(doc))

