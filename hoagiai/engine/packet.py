"""The monthly packet: one PDF bundling the month's documents, in order, for the leader to read.

One bookmark per document (its title, at its first page), document metadata, and the diagonal
"DỰ THẢO" stamp on every page of each document not yet issued — only those.
"""

from __future__ import annotations

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

    Pages keep their own size (A4 from the templates); the stamp is drawn to fit each size.
    Raises ValueError for an empty list, EnvironmentFailure for an unreadable PDF.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    from ..draft_watermark import stamp_pdf

    if not items:
        raise ValueError("make_packet needs at least one item")
    target = Path(target)
    writer = PdfWriter()
    stamps: dict[tuple[float, float], Any] = {}  # page size -> stamp page (shared font object)

    for item in items:
        try:
            reader = PdfReader(item.pdf)
            pages = list(reader.pages)
        except (OSError, PyPdfError) as exc:
            raise EnvironmentFailure(
                f"Không đọc được tệp PDF {item.pdf} ({item.title}) để gộp vào tập trình ký: {exc}"
            ) from exc
        if not pages:
            raise EnvironmentFailure(f"Tệp PDF {item.pdf} ({item.title}) không có trang nào.")
        first = len(writer.pages)
        for page in pages:
            added = writer.add_page(page)
            if not item.issued:
                box = added.mediabox
                size = (round(float(box.width), 2), round(float(box.height), 2))
                if size not in stamps:
                    stamps[size] = PdfReader(_bytes_io(stamp_pdf(*size))).pages[0]
                added.merge_translated_page(stamps[size], float(box.left), float(box.bottom), over=True)
        writer.add_outline_item(title=item.title, page_number=first)

    writer.add_metadata({
        "/Title": title,
        "/Author": author,
        "/Subject": subject,
        "/Creator": CREATOR,
        "/Producer": CREATOR,
    })
    writer.page_mode = "/UseOutlines"
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as fh:
            writer.write(fh)
    return target


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)
