"""Render a template's ODT twin: the same document as `render.CompiledTemplate` makes, in the form
LibreOffice reads fastest, used only as LibreOffice's input for the PDF.

Why: LibreOffice's DOCX import filter is about half of its CPU per document, and much more for
tables (a 50-row list: 170 ms to import as DOCX, 80 ms as ODT, same pages) — BENCHMARKS.md,
issue 16. The DOCX stays the document hoagiai issues and records; the twin is a throw-away input.

The twin of a template is LibreOffice's own ODT export of the DOCX template (hoagiai.convert
makes it once per template and keeps it in a cache). `CompiledOdtTemplate` treats its XML as
`render.CompiledTemplate` treats the DOCX's: docxtpl's tags with docxtpl's meaning, compiled once
in the same sandboxed Jinja environment:
- `{{ … }}` and inline `{% … %}`: the XML LibreOffice put inside a tag is removed;
- `{%p … %}`: the paragraph (`text:p`/`text:h`) holding it becomes the bare tag;
- `{%tr … %}`: the table row holding it becomes the bare tag.
Anything else docxtpl offers (`{%tc`, `{%r`, `{{r`, colspan, cellbg, vm, hm, `{#`) makes
`TwinUnsupported`: that template's PDFs simply keep coming from the DOCX.

After rendering, what docxtpl does to text, done the ODF way: a tab → `<text:tab/>`, a newline →
`<text:line-break/>` (a "\\a" or "\\f" → `TwinUnsupported` for that document), and spaces that
ODF would collapse (a run of spaces, a space opening a paragraph) → `<text:s/>`, since Word's
`xml:space="preserve"` keeps them. tests/test_render_odt.py checks the PDFs page by page against
the DOCX path's.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import jinja2

from . import docx_zip, jinja_cache, odt_spans
from .errors import TemplateError
from .jinja_env import environment
from .render import set_dc_title

_RENDERED = ("content.xml", "styles.xml")
_UNSUPPORTED = re.compile(r"\{%(?:tc|r) |\{\{[rp] |\{%-?\s*(?:colspan|cellbg|vm|hm)\b|\{#")
_TAG = re.compile(r"\{%(?:(?!%\}).)*%\}|\{\{(?:(?!\}\}).)*\}\}", re.S)


class TwinUnsupported(Exception):
    """This template (or this document) cannot go through its ODT twin; use the DOCX."""


def _clean_tag(m: re.Match) -> str:
    inner = re.sub(r"<[^>]*>", "", m.group(0))
    return (inner.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&").replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'"))


def _lift(xml: str, element: str, letter: str) -> str:
    """`<element …>…{%letter X %}…</element>` → `{% X %}` (docxtpl's rule for that letter)."""
    pat = (r"<%(e)s[ >](?:(?!<%(e)s[ >]).)*?\{%%%(y)s ((?:(?!%%\}).)*%%\}).*?</%(e)s>"
           % {"e": element, "y": letter})
    return re.sub(pat, r"{% \1", xml, flags=re.S)


def patch_xml(xml: str) -> str:
    """The twin's XML as a Jinja source (see the module's docstring)."""
    # first join tags LibreOffice split across spans: "{<span>{" → "{{"
    xml = re.sub(r"(?<=\{)(<[^>]*>)+(?=[{%#])|(?<=[%}#])(<[^>]*>)+(?=\})", "", xml, flags=re.S)
    xml = _TAG.sub(_clean_tag, xml)
    if _UNSUPPORTED.search(xml):
        raise TwinUnsupported("docxtpl tag not supported in the ODT twin")
    xml = _lift(xml, "table:table-row", "tr")
    for element in ("text:p", "text:h"):
        xml = _lift(xml, element, "p")
    return _TRAILING_EMPTY_SPAN.sub("", xml)


# LibreOffice's export of a Word template closes almost every paragraph with an empty span (the
# Word paragraph mark's run formatting): nothing to lay out or paint, but one more attribute for
# LibreOffice to import per paragraph. Dropped only after a span and before the paragraph's end,
# so a paragraph keeps the formatting of the text it has (tests/test_render_odt.py: same pages).
_TRAILING_EMPTY_SPAN = re.compile(r'(?<=</text:span>)<text:span(?: [\w:.-]+="[^"]*")*/>(?=</text:[ph]>)')


_SEGMENTS = re.compile(r"(<[^>]*>)|([^<]+)")
# what marks a text odf_text may change or refuse (and where in it): a tab, newline, \a or \f,
# two spaces, or a text opening with a space (at a paragraph's start, or after a text ending
# with a space)
_MARKS = (("  ", 0), ("\t", 0), ("\n", 0), ("\a", 0), ("\f", 0), ("> ", 1))
# tags inside a paragraph that neither start one nor hold text (what _walk passes over)
_INLINE_TAG = re.compile(r"</?text:(?:span|bookmark|bookmark-start|bookmark-end|soft-page-break)\b")
_PARA = re.compile(r"<(/?)text:[ph][ >/]")
_CONTENT_TAG = re.compile(r"<text:(?:s|tab|line-break)\b")


def _text(text: str, at_start: bool, prev_space: bool) -> tuple[str, bool]:
    if "\a" in text or "\f" in text:
        raise TwinUnsupported("a value holds \\a or \\f")
    chars = []
    for ch in text:
        if ch == "\t":
            chars.append("<text:tab/>")
        elif ch == "\n":
            chars.append("<text:line-break/>")
        elif ch == " " and (at_start or prev_space):
            chars.append("<text:s/>")
        else:
            chars.append(ch)
        prev_space, at_start = ch == " ", False
    return "".join(chars), prev_space


def odf_text(xml: str) -> str:
    """Text inside paragraphs as Word shows it: a tab → `<text:tab/>`, a newline →
    `<text:line-break/>` (docxtpl's `<w:tab/>`, `<w:br/>`), and the spaces ODF would drop (a run
    of spaces, a space opening a paragraph) → `<text:s/>`, since Word's `xml:space="preserve"`
    keeps them. A "\\a" or "\\f" (docxtpl: new paragraph, page break) → TwinUnsupported."""
    body = xml.find("<office:body")
    if body < 0:
        body = 0
    # Only the texts that may change are looked at (a draft's "Số:      /QĐ-UBND", a value's
    # newline), each with what precedes it; walking every tag cost ~1 ms a document.
    out: list[str] = []
    last = body
    for mark in _marks(xml, body):
        if mark < last:                # in the text just done
            continue
        start = xml.rfind(">", body, mark) + 1     # the text holding it
        end = xml.find("<", mark)
        if start <= 0 or start <= xml.rfind("<", body, mark) or end < 0:
            return xml[:body] + _walk(xml, body)          # inside a tag, or not well formed
        state = _state_before(xml, start, body)
        if state is None:              # not plainly inside a paragraph: walk the whole body
            return xml[:body] + _walk(xml, body)
        done, _ = _text(xml[start:end], *state)
        out += [xml[last:start], done]
        last = end
    if not out:
        return xml
    return xml[:body] + "".join(out) + xml[last:]


def _marks(xml: str, body: int) -> list[int]:
    """Positions after `body` of what may change a text: a tab, newline, \\a or \\f, two spaces,
    a text opening with a space (str.find: a regular expression took 0.3 ms a document)."""
    found = set()
    for needle, shift in _MARKS:
        i = xml.find(needle, body)
        while i >= 0:
            found.add(i + shift)
            i = xml.find(needle, i + 1)
    return sorted(found)


def _state_before(xml: str, start: int, body: int) -> tuple[bool, bool] | None:
    """(at the paragraph's start, after a space) for the text at `start`, from the tags and texts
    before it — as `_walk` would have them — or None when that needs the walk: the text is not
    plainly inside a paragraph (only texts, spans, bookmarks and content tags back to the
    paragraph's opening tag)."""
    state = None
    pos = start
    while pos > body:
        if xml[pos - 1] != ">":                           # a text
            text_start = xml.rfind(">", body, pos) + 1
            if text_start <= 0:
                return None
            if state is None:
                state = (False, xml[pos - 1] == " ")
            pos = text_start
            continue
        tag_start = xml.rfind("<", body, pos)
        if tag_start < 0:
            return None
        tag = xml[tag_start:pos]
        if ">" in tag[:-1]:                               # a ">" written plainly in a text
            return None
        m = _PARA.match(tag)
        if m:
            if m.group(1) or tag.endswith("/>"):
                return None
            return state or (True, False)
        if _CONTENT_TAG.match(tag):
            if state is None:
                state = (False, tag.startswith("<text:s"))
        elif not _INLINE_TAG.match(tag):
            return None
        pos = tag_start
    return None


def _walk(xml: str, body: int) -> str:
    """odf_text the long way: every tag and text of the body in turn (the reference; used when
    a text that may change is not plainly inside a paragraph)."""
    out: list[str] = []
    depth = 0
    at_start = prev_space = False
    for tag, text in _SEGMENTS.findall(xml, body):
        if tag:
            out.append(tag)
            m = _PARA.match(tag)
            if m:
                if m.group(1):
                    depth -= 1
                elif not tag.endswith("/>"):
                    depth += 1
                at_start, prev_space = True, False
            elif _CONTENT_TAG.match(tag):
                at_start, prev_space = False, tag.startswith("<text:s")
        elif depth <= 0 or not (" " in text or "\t" in text or "\n" in text or "\a" in text or "\f" in text):
            out.append(text)
            if depth > 0:
                at_start = prev_space = False
        elif not (text[0] == " " or "  " in text or "\t" in text or "\n" in text or "\a" in text or "\f" in text):
            out.append(text)            # single spaces between words: nothing to change
            at_start, prev_space = False, text[-1] == " "
        else:
            done, prev_space = _text(text, at_start, prev_space)
            out.append(done)
            at_start = False
    return "".join(out)


class CompiledOdtTemplate:
    """An ODT twin compiled once; `render(context)` returns ODT bytes."""

    def __init__(self, path: str | Path, env: jinja2.Environment | None = None):
        self.path = Path(path)
        self.env = env or environment()
        try:
            with zipfile.ZipFile(self.path) as zf:
                self._entries = [(info.filename, zf.read(info.filename)) for info in zf.infolist()]
        except (OSError, zipfile.BadZipFile) as exc:
            raise TwinUnsupported(f"unreadable twin {self.path}: {exc}") from exc
        if not self._entries or self._entries[0][0] != "mimetype":
            raise TwinUnsupported("an ODT's first entry must be its mimetype")
        self._compiled: dict[str, jinja2.Template] = {}
        self._merged: dict[tuple[str, str], str] = {}
        cached = env is None            # the shared environment's code is kept on disk
        for name, data in self._entries:
            if name not in _RENDERED or b"{" not in data:
                continue
            got = jinja_cache.load("odt", data) if cached else None
            if got is not None:
                _, code, merged = got
            else:
                src = patch_xml(data.decode("utf-8"))
                merged = {}
                if name == "content.xml":
                    src, merged = odt_spans.plan(src)
                    src = odt_spans.fold(src, merged, static=True)
                if "{" not in src:
                    self._merged.update(merged)
                    continue
                try:
                    code, _ = jinja_cache.compile_source(self.env, src)
                except jinja2.TemplateSyntaxError as exc:
                    raise TwinUnsupported(f"twin does not compile: {exc}") from exc
                if cached:
                    jinja_cache.store("odt", data, (src, code, merged))
            self._merged.update(merged)
            self._compiled[name] = jinja_cache.template(self.env, code)
        self._packed: dict[str, docx_zip.Packed] | None = None
        # page headers/footers that change with the data: its documents cannot share a bundle's
        # styles (hoagiai.convert.bundle takes them from the first document)
        self.renders_styles = "styles.xml" in self._compiled

    def render(self, context: dict[str, Any], *, core_title: str | None = None) -> bytes:
        if self._packed is None:
            self._packed = {n: docx_zip.pack(d) for n, d in self._entries if n not in self._compiled}
        entries: list[tuple[str, docx_zip.Packed]] = []
        for name, data in self._entries:
            if name in self._compiled:
                try:
                    xml = self._compiled[name].render(context)
                except Exception as exc:   # the DOCX render of the same context reports it
                    raise TemplateError(f"ODT twin: {exc}") from exc
                xml = odf_text(xml)
                if name == "content.xml":
                    xml = odt_spans.fold(xml, self._merged)
                # stored: a scratch file, read once (joined into a bundle, or by LibreOffice)
                entries.append((name, docx_zip.pack(xml.encode("utf-8"), level=0)))
            elif name == "mimetype":
                entries.append((name, docx_zip.pack(data, level=0)))
            elif name == "meta.xml" and core_title is not None:
                entries.append((name, docx_zip.pack(set_dc_title(data, core_title, after="<office:meta>"))))
            else:
                entries.append((name, self._packed[name]))
        return docx_zip.assemble(entries)
