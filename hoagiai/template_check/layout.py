"""Decree 30 layout of a template (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4 portrait, margins
top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New Roman as the default font and on
every style and run that names a font; the page number (PAGE field) centred in the page header
and hidden on the first page (titlePg with an empty first-page header)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .parts import P, Part, Spot, own_runs

TNR = "Times New Roman"
FONT_ATTRS = ("ascii", "hAnsi", "cs", "eastAsia")
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme")
EMU_PER_MM = 36000
TOLERANCE_MM = 0.1
MARGINS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
MARGIN_VI = {"top": "lề trên", "bottom": "lề dưới", "left": "lề trái", "right": "lề phải"}


@dataclass
class LayoutIssue:
    code: str
    where: str
    message: str


def _w(name: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{name}")


def _mm(value) -> float:
    return (value or 0) / EMU_PER_MM


def _fmt(mm: float) -> str:
    return f"{mm:.1f}".replace(".", ",").replace(",0", "") + " mm"


def font_problem(rfonts) -> str | None:
    """Why an rFonts element is not Times New Roman, or None."""
    for attr in THEME_ATTRS:
        if rfonts.get(_w(attr)) is not None:
            return f"phông theo chủ đề (theme) “{rfonts.get(_w(attr))}”"
    for attr in FONT_ATTRS:
        value = rfonts.get(_w(attr))
        if value is not None and value != TNR:
            return f"phông “{value}”"
    return None


def check(path: Path, parts: list[Part]) -> list[LayoutIssue]:
    from docx import Document

    doc = Document(str(path))
    out: list[LayoutIssue] = []
    out += _page(doc)
    out += _styles(doc)
    out += _runs(parts)
    out += _header(doc)
    return out


def _page(doc) -> list[LayoutIssue]:
    out = []
    for n, section in enumerate(doc.sections, 1):
        where = "trang" if len(doc.sections) == 1 else f"trang (phần {n})"
        w, h = _mm(section.page_width), _mm(section.page_height)
        landscape = section.orientation != 0
        if abs(w - 210) > 0.5 or abs(h - 297) > 0.5 or landscape:
            out.append(LayoutIssue("layout-page", where,
                                   f"Khổ giấy phải là A4 đứng (210 × 297 mm); mẫu đang là "
                                   f"{_fmt(w)} × {_fmt(h)}" + (" nằm ngang" if landscape else "") + "."))
        for side, (lo, hi) in MARGINS_MM.items():
            mm = _mm(getattr(section, f"{side}_margin"))
            if not lo - TOLERANCE_MM <= mm <= hi + TOLERANCE_MM:
                out.append(LayoutIssue("layout-margins", where,
                                       f"{MARGIN_VI[side].capitalize()} là {_fmt(mm)}; Nghị định 30 "
                                       f"quy định từ {lo} đến {hi} mm."))
    return out


def _styles(doc) -> list[LayoutIssue]:
    out = []
    styles = doc.styles.element
    default = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}/{_w('rFonts')}")
    if default is None or any(default.get(_w(a)) != TNR for a in FONT_ATTRS) or font_problem(default):
        why = font_problem(default) if default is not None else None
        out.append(LayoutIssue("layout-font", "kiểu chữ mặc định",
                               "Phông mặc định của văn bản phải là Times New Roman"
                               + (f" (đang là {why})." if why else " cho mọi loại chữ.")))
    for rfonts in styles.iter(_w("rFonts")):
        why = font_problem(rfonts)
        if why is None:
            continue
        style = next((a for a in rfonts.iterancestors(_w("style"))), None)
        if style is None:
            continue   # docDefaults, reported above
        name = style.get(_w("styleId"))
        out.append(LayoutIssue("layout-font", f"kiểu “{name}”",
                               f"Kiểu chữ “{name}” dùng {why}; phải là Times New Roman."))
    return out


def _runs(parts: list[Part]) -> list[LayoutIssue]:
    from lxml import etree

    out = []
    for part in parts:
        root = etree.fromstring(part.xml)
        for spot, p in zip(part.spots, root.iter(P)):
            whys = []
            for r in own_runs(p):
                rfonts = r.find(f"{_w('rPr')}/{_w('rFonts')}")
                why = font_problem(rfonts) if rfonts is not None else None
                if why and why not in whys:
                    whys.append(why)
            if whys:
                out.append(LayoutIssue("layout-font", spot.where,
                                       f"Chữ dùng {', '.join(whys)} thay vì Times New Roman, ở đoạn "
                                       f"văn: “{_short(spot)}”."))
    return out


def _short(spot: Spot) -> str:
    text = " ".join(spot.text.split())
    return text if len(text) <= 100 else text[:99] + "…"


def _page_field(element) -> bool:
    instr = "".join(t.text or "" for t in element.iter(_w("instrText")))
    simple = [f.get(_w("instr")) or "" for f in element.iter(_w("fldSimple"))]
    return "PAGE" in instr.split() or any("PAGE" in s.split() for s in simple)


def _header(doc) -> list[LayoutIssue]:
    out = []
    section = doc.sections[0]
    header = section.header
    if header.is_linked_to_previous or not _page_field(header.part.element):
        out.append(LayoutIssue("layout-page-number", "đầu trang",
                               "Đầu trang phải có số trang (trường PAGE), căn giữa."))
    else:
        paragraph = next(p for p in header.part.element.iter(_w("p")) if _page_field(p))
        jc = paragraph.find(f"{_w('pPr')}/{_w('jc')}")
        if jc is None or jc.get(_w("val")) != "center":
            out.append(LayoutIssue("layout-page-number", "đầu trang",
                                   "Số trang ở đầu trang phải được căn giữa."))
    if not section.different_first_page_header_footer:
        out.append(LayoutIssue("layout-header", "đầu trang",
                               "Trang đầu không được hiện số trang: bật “Trang đầu khác” "
                               "(Different First Page) với đầu trang của trang đầu để trống."))
    else:
        first = section.first_page_header
        if not first.is_linked_to_previous:
            el = first.part.element
            text = "".join(t.text or "" for t in el.iter(_w("t"))).strip()
            if text or _page_field(el) or list(el.iter(_w("fldSimple"))) or list(el.iter(_w("instrText"))):
                out.append(LayoutIssue("layout-header", "đầu trang (trang đầu)",
                                       "Đầu trang của trang đầu phải để trống (không số trang, "
                                       "không chữ)."))
    return out
