"""Several documents through one LibreOffice load: join ODT twins of ONE template into a bundle,
convert the bundle once, cut its PDF back into one PDF per document.

Why: besides importing a document's content, LibreOffice pays a fixed cost per document —
building the model and its view, setting up the PDF writer, embedding fonts, closing — about as
much again as a short decision's content. A bundle pays it once (BENCHMARKS.md, issue 16).

Only twins of the same template are bundled: their styles, page styles and automatic styles are
the same, so the bundle is their bodies one after another. Each body starts with its template's
first element, whose style names the first page style; the bundle gives that element a copy of
the style that also restarts page numbers at 1 (a template may say "auto", which would go on
counting from the document before). So every document starts on a new page, with its own
first-page header, numbered from 1, exactly as when converted alone. A template whose page
headers change with the data is never bundled (hoagiai.engine.lo_input gives each of its
documents a key of its own), since the bundle's styles are its first document's.

A bookmark at each document's first paragraph becomes a named destination in the PDF
(`ExportBookmarksToPDFDestination`); its page is where the document starts. `split` checks that
there is one per document, in order, and otherwise refuses — the caller then converts those
documents one by one.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from .. import docx_zip

MARK = "hoagiaidoc"           # bookmark names: hoagiaidoc0, hoagiaidoc1, … (no "_": PDF names escape it)
_BODY_OPEN = re.compile(r"<office:text(?: [^>]*)?>")
_PROLOGUE = re.compile(r"^(?:<text:(?:sequence|variable|user-field)-decls\s*/>|<text:sequence-decls>.*?"
                       r"</text:sequence-decls>|<text:variable-decls>.*?</text:variable-decls>|"
                       r"<text:user-field-decls>.*?</text:user-field-decls>|"
                       r"<office:forms[^>]*?(?:/>|>.*?</office:forms>))+", re.S)
_FIRST_PARA = re.compile(r"<text:[ph](?: [^>]*)?>")
_TABLE_NAME = re.compile(r'(<table:table [^>]*?table:name=")([^"]*)(")')


class BundleError(Exception):
    """The bundle or its PDF is not as expected; convert its documents one by one."""


def _parts(odt: bytes) -> tuple[list[tuple[str, bytes]], str]:
    """Every entry of an ODT, and its content.xml as text."""
    try:
        with zipfile.ZipFile(io.BytesIO(odt)) as zf:
            entries = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
        content = dict(entries).get("content.xml")
        if content is None:
            raise BundleError("no content.xml")
        return entries, content.decode("utf-8")
    except (zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise BundleError(f"not an ODT: {exc}") from exc


def _content(odt: bytes) -> tuple[str, bytes | None]:
    """An ODT's content.xml as text and its meta.xml (None when it has none): all `join` needs
    of the documents after the first."""
    try:
        with zipfile.ZipFile(io.BytesIO(odt)) as zf:
            content = zf.read("content.xml").decode("utf-8")
            try:
                meta: bytes | None = zf.read("meta.xml")
            except KeyError:
                meta = None
            return content, meta
    except KeyError as exc:
        raise BundleError("no content.xml") from exc
    except (zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise BundleError(f"not an ODT: {exc}") from exc


def _body(content: str) -> tuple[int, int]:
    m = _BODY_OPEN.search(content)
    end = content.rfind("</office:text>")
    if m is None or end < m.end():
        raise BundleError("no office:text")
    return m.end(), end


_FIRST_ELEMENT = re.compile(r'<(?:table:table|text:p|text:h) [^>]*?(?:table|text):style-name="([^"]+)"')
FIRST_STYLE = "hoagiaiFirst"


def _first_style(content: str, name: str) -> str:
    """A copy of the automatic style `name` (the first element's, which names the first page
    style) called FIRST_STYLE that also restarts page numbers at 1: a template whose numbering
    runs on from the document before ("auto") would otherwise continue it in a bundle."""
    m = re.search(r'<style:style style:name="%s"[^>]*>.*?</style:style>' % re.escape(name), content, re.S)
    if m is None or "style:master-page-name=" not in m.group(0):
        raise BundleError("the first element does not start a page style")
    style = m.group(0).replace(f'style:name="{name}"', f'style:name="{FIRST_STYLE}"', 1)
    if "style:page-number=" in style:
        return re.sub(r'style:page-number="[^"]*"', 'style:page-number="1"', style)
    props = re.search(r"<style:(?:table|paragraph)-properties", style)
    if props is None:
        raise BundleError("the first element's style has no properties to restart numbering")
    return style[:props.end()] + ' style:page-number="1"' + style[props.end():]


def join(odts: list[bytes]) -> bytes:
    """One ODT holding the documents `odts` (twins of one template) one after another, each
    with the bookmark `hoagiaidoc<i>` at its first paragraph."""
    return join_titled(odts)[0]


def join_titled(odts: list[bytes]) -> tuple[bytes, list[str | None]]:
    """`join`, and each document's title (its meta.xml's dc:title: what its own conversion
    would put in its PDF) read in the same pass."""
    if not odts:
        raise BundleError("nothing to join")
    entries, first = _parts(odts[0])
    start, end = _body(first)
    bodies = []
    titles: list[str | None] = []
    first_style: str | None = None
    first_name = ""
    for i, odt in enumerate(odts):
        if i == 0:
            content, meta = first, dict(entries).get("meta.xml")
        else:
            content, meta = _content(odt)
        titles.append(_title(meta))
        b0, b1 = _body(content)
        body = content[b0:b1]
        if i:
            body = _PROLOGUE.sub("", body, count=1)     # declared once, by the first document
            body = _TABLE_NAME.sub(rf"\g<1>\g<2>_{i}\g<3>", body)
        lead = _FIRST_ELEMENT.match(_PROLOGUE.sub("", body, count=1))
        if lead is None:
            raise BundleError("a document that does not start with a table or paragraph")
        if first_style is None:
            first_style = _first_style(first, lead.group(1))
        elif lead.group(1) != first_name:
            raise BundleError("documents of one twin key start differently")
        first_name = lead.group(1)
        at = body.index(lead.group(0))
        body = body[:at] + lead.group(0).replace(f'style-name="{first_name}"', f'style-name="{FIRST_STYLE}"') \
            + body[at + len(lead.group(0)):]
        p = _FIRST_PARA.search(body)
        if p is None or p.group(0).endswith("/>"):
            raise BundleError("a document without a first paragraph")
        body = body[:p.end()] + f'<text:bookmark text:name="{MARK}{i}"/>' + body[p.end():]
        bodies.append(body)
    content = first[:start] + "".join(bodies) + first[end:]
    styles_end = content.find("</office:automatic-styles>")
    if styles_end < 0 or first_style is None:
        raise BundleError("no automatic styles")
    content = content[:styles_end] + first_style + content[styles_end:]
    packed = []
    for name, data in entries:
        if name == "content.xml":
            # stored, not deflated: LibreOffice reads it once, right away, from a local file
            packed.append((name, docx_zip.pack(content.encode("utf-8"), level=0)))
        else:
            packed.append((name, docx_zip.pack(data, level=0 if name == "mimetype" else 1)))
    return docx_zip.assemble(packed), titles


def _title(meta: bytes | None) -> str | None:
    """The dc:title of an ODT's meta.xml (None without one)."""
    try:
        text = meta.decode("utf-8") if meta is not None else ""
    except UnicodeDecodeError:
        return None
    m = re.search(r"<dc:title>(.*?)</dc:title>", text, re.S)
    if m is None:
        return None
    from xml.sax.saxutils import unescape

    return unescape(m.group(1), {"&quot;": '"', "&apos;": "'"})


def split(pdf: Path, count: int, titles: list[str | None], targets: list[Path]) -> None:
    """Cut the bundle's PDF into `count` PDFs at the documents' bookmarks; each gets the
    bundle's metadata with its own title. Raises BundleError when a bookmark is missing or out
    of order (nothing is written then).

    pikepdf (qpdf) rather than pypdf: copying pages between files is qpdf's own C++ work, 3.5×
    less CPU than pypdf's object cloning — CPU that LibreOffice needs on a 2-core machine."""
    import pikepdf

    try:
        src = pikepdf.open(pdf)
    except Exception as exc:  # pikepdf raises PdfError, OSError, … on a damaged file
        raise BundleError(f"unreadable bundle PDF: {exc}") from exc
    with src:
        try:
            starts = _starts(src)
            npages = len(src.pages)
            info = {str(k): str(v) for k, v in src.docinfo.items()
                    if isinstance(v, pikepdf.String)}
            lang = src.Root.get("/Lang")
        except Exception as exc:  # noqa: BLE001 - a malformed catalogue or name tree
            raise BundleError(f"unreadable bundle PDF: {exc}") from exc
        if sorted(starts) != list(range(count)):
            raise BundleError(f"bookmarks {sorted(starts)} do not name {count} documents")
        order = [starts[i] for i in range(count)]
        if order[0] != 0 or any(a >= b for a, b in zip(order, order[1:])) or order[-1] >= npages:
            raise BundleError(f"bookmarks at pages {order} do not cut {npages} pages into {count} documents")
        bounds = [*order, npages]
        for i, target in enumerate(targets):
            with pikepdf.new() as piece:
                piece.pages.extend(src.pages[bounds[i]:bounds[i + 1]])
                for key, value in info.items():
                    piece.docinfo[key] = value
                if titles[i]:
                    piece.docinfo["/Title"] = titles[i]
                if lang is not None:
                    piece.Root.Lang = pikepdf.String(str(lang))
                buf = io.BytesIO()
                piece.save(buf)
            target.write_bytes(buf.getvalue())


def _starts(src) -> dict[int, int]:
    """{document number: index of its first page} from the hoagiaidocN named destinations
    (LibreOffice writes them in the catalogue's /Dests; a /Names tree is read too)."""
    import pikepdf

    page_of = {page.objgen: i for i, page in enumerate(src.pages)}
    dests: dict[str, object] = {}
    if "/Dests" in src.Root:
        dests.update((str(k).lstrip("/"), v) for k, v in src.Root.Dests.items())
    names = src.Root.get("/Names")
    if names is not None and "/Dests" in names:
        dests.update((str(k), v) for k, v in pikepdf.NameTree(names.Dests).items())
    starts: dict[int, int] = {}
    for key, dest in dests.items():
        if not (key.startswith(MARK) and key[len(MARK):].isdigit()):
            continue
        if isinstance(dest, pikepdf.Dictionary):
            dest = dest.get("/D")
        if isinstance(dest, pikepdf.Array) and len(dest) and dest[0].objgen in page_of:
            starts[int(key[len(MARK):])] = page_of[dest[0].objgen]
    return starts
