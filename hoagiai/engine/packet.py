"""The monthly packet: one PDF bundling the month's documents, in order, for the leader to read.

One bookmark per document (its title, at its first page), document metadata, and the diagonal
"DỰ THẢO" stamp on every page of each document not yet issued — only those.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import atomic_path
from ..errors import EnvironmentFailure

CREATOR = "hoagiai"


@dataclass(frozen=True)
class PacketItem:
    title: str       # shown as the bookmark
    pdf: Path
    issued: bool     # False → every page carries the DỰ THẢO stamp


def make_packet(items: list[PacketItem], target: Path, *, title: str, author: str, subject: str) -> Path:
    """Write the packet to `target` atomically and return `target`.

    Pages keep their own size (A4 from the templates); the stamp is drawn to fit each size, one
    form object per size shared by every stamped page (its font embedded once).
    Raises ValueError for an empty list, EnvironmentFailure for an unreadable PDF.

    pikepdf (qpdf) copies the pages: a city's packets take a quarter of pypdf's CPU."""
    import pikepdf

    from ..draft_watermark import stamp_pdf

    if not items:
        raise ValueError("make_packet needs at least one item")
    target = Path(target)
    out = pikepdf.new()
    sources: list[pikepdf.Pdf] = []          # open until the packet is saved
    stamps: dict[tuple[float, float], Any] = {}  # page size -> stamp form object in `out`
    marks: list[tuple[str, int]] = []
    try:
        for item in items:
            try:
                src = pikepdf.open(item.pdf)
            except (OSError, pikepdf.PdfError) as exc:
                raise EnvironmentFailure(
                    f"Không đọc được tệp PDF {item.pdf} ({item.title}) để gộp vào tập trình ký: {exc}"
                ) from exc
            sources.append(src)
            if not len(src.pages):
                raise EnvironmentFailure(f"Tệp PDF {item.pdf} ({item.title}) không có trang nào.")
            first = len(out.pages)
            out.pages.extend(src.pages)
            marks.append((item.title, first))
            if item.issued:
                continue
            for page in out.pages[first:]:
                box = pikepdf.Rectangle(page.mediabox)
                size = (round(box.width, 2), round(box.height, 2))
                if size not in stamps:
                    stamps[size] = _stamp_form(out, stamp_pdf(*size))
                page.add_overlay(stamps[size], box)
        with out.open_outline() as outline:
            outline.root.extend(pikepdf.OutlineItem(t, n) for t, n in marks)
        for key, value in (("/Title", title), ("/Author", author), ("/Subject", subject),
                           ("/Creator", CREATOR), ("/Producer", CREATOR)):
            out.docinfo[key] = value
        out.Root.PageMode = pikepdf.Name.UseOutlines
        with atomic_path(target) as tmp:
            out.save(tmp, fix_metadata_version=False)
    finally:
        for src in sources:
            src.close()
        out.close()
    return target


def _stamp_form(out, stamp: bytes):
    """The one-page stamp PDF as a form object of `out`."""
    import pikepdf

    with pikepdf.open(io.BytesIO(stamp)) as pdf:
        return out.copy_foreign(pdf.pages[0].as_form_xobject())
