"""Render docxtpl templates (`templates/*.docx`) into DOCX bytes.

Jinja runs in our own environment (`hoagiai.jinja_env`: sandboxed, strict, autoescaping, with
the Vietnamese filters), never docxtpl's default — with docxtpl's default a name like
`Lê Thị <Hoa> & Co` silently cut a table short; escaped, it renders as written.

Two paths produce the same text:
- `render_docxtpl()` — plain docxtpl (`DocxTemplate(...).render(...)`), the reference;
- `CompiledTemplate` — parses the template's XML with docxtpl's own `patch_xml` and compiles
  it ONCE per process, then renders each document by rewriting the zip from memory. Same tag
  semantics (`{%p %}`, `{%tr %}`, escaping, listing characters). The zip is assembled by
  `_zipentry`: parts the template does not change are deflated once and copied as bytes, only
  the rendered parts are compressed per document (fast zlib level). See BENCHMARKS.md.

Output is deterministic: zip entries keep the template's order and carry a fixed timestamp,
so the same inputs give byte-identical files.
"""

from __future__ import annotations

import io
import os
import re
import threading
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError

from . import docx_zip, jinja_cache
from .errors import TemplateError
from .jinja_env import docxtpl_helper, environment, translate

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
RENDERED_LEVEL = 1   # zlib level of the rendered parts: ~3× faster than 6, files ~10 % larger
_RENDERED_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
# a <w:t> text holding a listing character (tab, newline, \a, \f) that docxtpl's
# resolve_listing turns into <w:tab/>, <w:br/>, new paragraphs or page breaks
_LISTING_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")
def _explain(name: str, exc: Exception, src: str | None = None) -> TemplateError:
    """Translate a Jinja failure into a Vietnamese message naming template and variable."""
    if isinstance(exc, jinja2.UndefinedError):
        m = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(exc))
        if m and m.group(2):
            attr = m.group(2)
            # name the path as written in the template (`van_ban.so`), not "dict object.so"
            used = re.search(rf"([A-Za-z_][\w.]*)\.{re.escape(attr)}\b", src or "")
            var = f"{used.group(1)}.{attr}" if used else attr
        elif m:
            var = m.group(1)
        else:
            var = str(exc)
        return TemplateError(f"Mẫu {name}: thiếu giá trị `{var}` trong dữ liệu của văn bản "
                             f"(mẫu dùng biến này nhưng dữ liệu không có).")
    if isinstance(exc, SecurityError):
        return TemplateError(f"Mẫu {name}: mẫu dùng thao tác không được phép ({exc}). "
                             f"Mẫu chỉ được dùng biến, bộ lọc và thẻ {{% %}} thông thường.")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        near = ""
        if src is not None and exc.lineno:
            lines = src.splitlines()[max(exc.lineno - 2, 0): exc.lineno + 1]
            text = " ".join(re.sub(r"<[^>]+>", "", ln) for ln in lines).strip()
            near = f" Gần đoạn: “{text[:160]}”."
        return TemplateError(f"Mẫu {name}: lỗi cú pháp thẻ mẫu — {translate(exc.message or str(exc))}{near}")
    if isinstance(exc, jinja2.TemplateError):
        return TemplateError(f"Mẫu {name}: lỗi khi điền mẫu — {exc}.")
    return TemplateError(f"Mẫu {name}: lỗi khi điền mẫu — {type(exc).__name__}: {exc}.")


class CompiledTemplate:
    """A template compiled once; `render(context)` returns DOCX bytes."""

    def __init__(self, path: str | Path, env: jinja2.Environment | None = None):
        self.path = Path(path)
        self.name = self.path.name
        self.env = env or environment()
        try:
            with zipfile.ZipFile(self.path) as zf:
                self._entries: list[tuple[zipfile.ZipInfo, bytes]] = [
                    (info, zf.read(info.filename)) for info in zf.infolist()]
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise TemplateError(f"Mẫu {self.name}: không mở được tệp .docx ({exc}).") from exc
        cached = env is None            # the shared environment's code is kept on disk
        self._packed: dict[str, Any] | None = None
        self._compiled: dict[str, jinja2.Template] = {}
        self._sources: dict[str, str] = {}
        self.variables: set[str] = set()
        for info, data in self._entries:
            if not _RENDERED_PART.match(info.filename) or b"{" not in data:
                continue
            got = jinja_cache.load("docx", data) if cached else None
            if got is not None:
                src, code, variables = got
            else:
                src = docxtpl_helper().patch_xml(data.decode("utf-8"))
                src = re.sub(r"<w:p([ >])", r"\n<w:p\1", src)
                try:
                    code, found = jinja_cache.compile_source(self.env, src)
                except jinja2.TemplateSyntaxError as exc:
                    raise _explain(self.name, exc, src) from exc
                variables = sorted(found)
                if cached:
                    jinja_cache.store("docx", data, (src, code, variables))
            self._sources[info.filename] = src
            self.variables.update(variables)
            self._compiled[info.filename] = jinja_cache.template(self.env, code)

    def check_context(self, context: dict[str, Any]) -> None:
        """Raise TemplateError if the template uses a top-level name the context lacks."""
        missing = sorted(self.variables - set(context))
        if missing:
            raise TemplateError(f"Mẫu {self.name}: dữ liệu của văn bản thiếu "
                                + ", ".join(f"`{m}`" for m in missing) + ".")

    def render_parts(self, context: dict[str, Any]) -> dict[str, str]:
        self.check_context(context)
        helper = docxtpl_helper()
        out: dict[str, str] = {}
        for part, template in self._compiled.items():
            try:
                xml = template.render(context)
            except Exception as exc:  # translated: the clerk sees template + variable
                raise _explain(self.name, exc, self._sources.get(part)) from exc
            # docxtpl's post-processing, same result with fewer passes over the text
            xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
            if "{_" in xml or "_}" in xml:
                xml = (xml.replace("{_{", "{{").replace("}_}", "}}")
                       .replace("{_%", "{%").replace("%_}", "%}"))
            if _has_listing(xml):   # else resolve_listing is the identity (and costly)
                xml = helper.resolve_listing(xml)
            out[part] = xml
        return out

    def render(self, context: dict[str, Any], *, core_title: str | None = None) -> bytes:
        parts = self.render_parts(context)
        if self._packed is None:   # unchanged parts: deflated once, copied as bytes
            self._packed = {info.filename: docx_zip.pack(data) for info, data in self._entries
                            if info.filename not in self._compiled}
        entries = []
        for info, data in self._entries:
            name = info.filename
            if name in parts:
                entries.append((name, docx_zip.pack(parts[name].encode("utf-8"), level=RENDERED_LEVEL)))
            elif core_title is not None and name == "docProps/core.xml":
                entries.append((name, docx_zip.pack(set_dc_title(data, core_title, before="</cp:coreProperties>"))))
            else:
                entries.append((name, self._packed[name]))
        return docx_zip.assemble(entries)


def _has_listing(xml: str) -> bool:
    """Whether some <w:t> text holds a tab, newline, \\a or \\f (cheap scans first)."""
    start = 0
    if xml.startswith("<?xml"):
        start = xml.find("?>") + 2
        while xml[start:start + 1] in ("\r", "\n"):
            start += 1
    if xml.find("\n", start) < 0 and "\t" not in xml and "\a" not in xml and "\f" not in xml:
        return False
    return _LISTING_TEXT.search(xml) is not None


def _fixed_info(name: str) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.external_attr = 0o644 << 16
    return zi


def set_dc_title(data: bytes, title: str, *, before: str | None = None, after: str | None = None) -> bytes:
    """Metadata XML (DOCX core.xml, ODT meta.xml) with its `dc:title` set to `title`; when it has
    none, the element goes just before `before` or just after `after`."""
    from xml.sax.saxutils import escape

    text = data.decode("utf-8")
    new = f"<dc:title>{escape(title)}</dc:title>"
    if "<dc:title" in text:
        text = re.sub(r"<dc:title\s*/>|<dc:title>.*?</dc:title>", new, text, flags=re.S)
    elif before:
        text = text.replace(before, new + before, 1)
    elif after:
        text = text.replace(after, after + new, 1)
    return text.encode("utf-8")


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a DOCX with fixed timestamps (deterministic bytes), keeping entry order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            zf.writestr(_fixed_info(info.filename), src.read(info.filename))
    return buf.getvalue()


def render_docxtpl(path: str | Path, context: dict[str, Any]) -> bytes:
    """Reference path: plain docxtpl with our environment (used by tests and the benchmark)."""
    from docxtpl import DocxTemplate

    name = Path(path).name
    tpl = DocxTemplate(str(path))
    env = environment()
    missing = tpl.get_undeclared_template_variables(env, context)
    if missing:
        raise TemplateError(f"Mẫu {name}: dữ liệu của văn bản thiếu "
                            + ", ".join(f"`{m}`" for m in sorted(missing)) + ".")
    try:
        tpl.render(context, env, autoescape=True)
    except Exception as exc:
        raise _explain(name, exc) from exc
    buf = io.BytesIO()
    tpl.save(buf)
    return normalise_zip(buf.getvalue())


_CACHE: dict[tuple[str, int, int], CompiledTemplate] = {}
_CACHE_LOCK = threading.Lock()


def compiled(path: str | Path) -> CompiledTemplate:
    """Compiled template, cached per process by path, size and mtime."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise TemplateError(f"Không tìm thấy mẫu {p.name} trong thư mục mẫu ({p.parent}).") from exc
    key = (os.path.abspath(p), st.st_size, st.st_mtime_ns)   # not resolve(): a system call per folder
    with _CACHE_LOCK:
        tpl = _CACHE.get(key)
    if tpl is None:
        tpl = CompiledTemplate(p)
        with _CACHE_LOCK:
            _CACHE[key] = tpl
    return tpl
