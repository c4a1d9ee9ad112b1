"""Checks on finished PDFs: complete file, declared PDF/A part, fonts actually embedded."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import BinaryIO, Iterable

_TAIL = 2048
_PDFA_PART = re.compile(rb"pdfaid:part(?:>|=\s*[\"'])\s*(\d)")
_XMP_PACKET = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta>", re.S)


def looks_complete(pdf: Path) -> bool:
    """A PDF that was written to the end: starts with %PDF- and has %%EOF near its end.

    A file cut short by a killed converter fails this test.
    """
    try:
        size = pdf.stat().st_size
        if size < 64:
            return False
        with open(pdf, "rb") as fh:
            if not fh.read(5).startswith(b"%PDF-"):
                return False
            fh.seek(max(0, size - _TAIL))
            return b"%%EOF" in fh.read()
    except OSError:
        return False


def pdfa_part(pdf: Path) -> int | None:
    """The PDF/A part declared in the document's XMP metadata (`pdfaid:part`), or None.

    Fast path (~0.1 ms instead of ~20–70 ms with pypdf, measured for bench/lo_perf.py's issue-16
    investigation): PDF/A forbids filters on metadata streams (ISO 19005-2, 6.6.2.1), so a PDF/A
    file from LibreOffice holds its one XMP packet in clear; when the file holds exactly one and it
    declares a part, that is the answer. Anything else (no packet, several, no declaration) is
    decided by pypdf from the catalog's /Metadata stream, as before."""
    packets = _XMP_PACKET.findall(Path(pdf).read_bytes())
    if len(packets) == 1:
        match = _PDFA_PART.search(packets[0])
        if match:
            return int(match.group(1))
    return _pdfa_part_of_catalog(pdf)


def _pdfa_part_of_catalog(pdf: Path) -> int | None:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    meta = reader.root_object.get("/Metadata")
    if meta is None:
        return None
    match = _PDFA_PART.search(meta.get_object().get_data())
    return int(match.group(1)) if match else None


def _base_name(name: str) -> str:
    """'/BAAAAA+LiberationSerif-Bold' -> 'LiberationSerif-Bold' (drop the subset tag)."""
    name = name.lstrip("/")
    if len(name) > 7 and name[6] == "+" and name[:6].isupper():
        name = name[7:]
    return name


def _fonts_of_resources(resources, seen: set[int], out: set[str]) -> None:
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for font in fonts.get_object().values():
            font = font.get_object()
            if "/BaseFont" in font:
                out.add(_base_name(str(font["/BaseFont"])))
            for desc in font.get("/DescendantFonts", []) or []:
                desc = desc.get_object()
                if "/BaseFont" in desc:
                    out.add(_base_name(str(desc["/BaseFont"])))
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            key = getattr(ref, "idnum", None)
            if key is not None:
                if key in seen:
                    continue
                seen.add(key)
            xobj = ref.get_object()
            if xobj.get("/Subtype") == "/Form":
                _fonts_of_resources(xobj.get("/Resources"), seen, out)


_BASE_FONT = re.compile(rb"/BaseFont\s*/([^\s/<>\[\]()%]+)")


def fonts_in_pdf(pdf: Path) -> set[str]:
    """Base font names used on the pages (subset tag removed), e.g. {'LiberationSerif-Bold'}.

    Fast path (~0.3 ms instead of ~20–60 ms): a PDF without object streams or compressed object
    tables — LibreOffice writes its font dictionaries as plain text — is scanned for /BaseFont
    directly; any other PDF is read page by page with pypdf."""
    return fonts_in_bytes(Path(pdf).read_bytes(), pdf)


def fonts_in_bytes(data: bytes, pdf: Path | None = None) -> set[str]:
    """`fonts_in_pdf` for a PDF already read (`pdf`: its file, for the slow path)."""
    if b"/ObjStm" not in data and b"/XRefStm" not in data and b"/Type/XRef" not in data \
            and b"/Type /XRef" not in data:
        return {_base_name(m.decode("latin-1")) for m in _BASE_FONT.findall(data)}
    return fonts_by_pages(pdf if pdf is not None else io.BytesIO(data))


def fonts_by_pages(pdf: Path | BinaryIO) -> set[str]:
    """`fonts_in_pdf` the slow way, for any PDF (a file or its bytes in a stream): every page's
    resources read with pypdf."""
    from pypdf import PdfReader

    out: set[str] = set()
    seen: set[int] = set()
    for page in PdfReader(pdf).pages:
        _fonts_of_resources(page.get("/Resources"), seen, out)
    return out


def _is_times(name: str) -> bool:
    return re.sub(r"[\s_\-,]", "", name).lower().startswith("timesnewroman")


def font_report(pdfs: Iterable[Path]) -> str | None:
    """A Vietnamese note when Times New Roman is absent and other fonts were embedded instead.

    None when Times New Roman is used, or when no PDF uses any font.
    """
    fonts: set[str] = set()
    for pdf in pdfs:
        fonts |= fonts_in_pdf(Path(pdf))
    return font_note(fonts)


def font_note(fonts: set[str]) -> str | None:
    """`font_report` for the fonts already collected from the PDFs (`fonts_in_bytes`)."""
    if not fonts or any(_is_times(f) for f in fonts):
        return None
    names = ", ".join(sorted(fonts))
    note = (
        f"Máy này không có phông Times New Roman nên bản PDF được nhúng phông thay thế: {names}."
    )
    if any(f.lower().startswith("liberationserif") for f in fonts):
        note += (
            " Liberation Serif có cùng kích thước chữ với Times New Roman nên bố cục trang không đổi,"
            " nhưng nếu cần đúng phông Times New Roman, hãy cài phông này rồi tạo lại PDF."
        )
    else:
        note += " Hãy cài phông Times New Roman (hoặc fonts-liberation2) rồi tạo lại PDF."
    return note
