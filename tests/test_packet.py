"""The monthly packet and its DỰ THẢO stamp (no LibreOffice needed)."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from hoagiai.convert import fonts_in_pdf
from hoagiai.errors import EnvironmentFailure
from hoagiai.engine.packet import PacketItem, make_packet
from hoagiai.draft_watermark import STAMP_TEXT, stamp_pdf

A4 = (595.28, 841.89)


def text_of(page) -> str:
    return unicodedata.normalize("NFC", page.extract_text())


def make_pdf(path: Path, label: str, pages: int, size=A4) -> Path:
    """A PDF whose every page carries extractable text `label trang N`."""
    writer = PdfWriter()
    for n in range(1, pages + 1):
        writer.add_page(PdfReader(io.BytesIO(stamp_pdf(*size, text=f"{label} trang {n}"))).pages[0])
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


@pytest.fixture
def three(tmp_path):
    return [
        PacketItem("Quyết định chi thù lao tháng 6", make_pdf(tmp_path / "a.pdf", "Văn bản một", 2), issued=False),
        PacketItem("Kế hoạch năm 2026", make_pdf(tmp_path / "b.pdf", "Văn bản hai", 1), issued=True),
        PacketItem("Báo cáo 6 tháng đầu năm", make_pdf(tmp_path / "c.pdf", "Văn bản ba", 3), issued=False),
    ]


def test_packet_bundles_in_order_with_bookmarks_metadata_and_stamp(tmp_path, three):
    target = tmp_path / "out" / "Tập trình ký tháng 6.pdf"
    result = make_packet(three, target, title="Tập văn bản tháng 6/2026",
                         author="Ủy ban nhân dân xã An Thành", subject="Hòa giải ở cơ sở")
    assert result == target
    reader = PdfReader(target)

    assert len(reader.pages) == 2 + 1 + 3
    bookmarks = [(o.title, reader.get_destination_page_number(o)) for o in reader.outline]
    assert bookmarks == [("Quyết định chi thù lao tháng 6", 0), ("Kế hoạch năm 2026", 2),
                         ("Báo cáo 6 tháng đầu năm", 3)]

    meta = reader.metadata
    assert meta.title == "Tập văn bản tháng 6/2026"
    assert meta.author == "Ủy ban nhân dân xã An Thành"
    assert meta.subject == "Hòa giải ở cơ sở"
    assert meta.creator == "hoagiai"

    texts = [text_of(p) for p in reader.pages]
    labels = ["Văn bản một trang 1", "Văn bản một trang 2", "Văn bản hai trang 1",
              "Văn bản ba trang 1", "Văn bản ba trang 2", "Văn bản ba trang 3"]
    assert all(label in text for label, text in zip(labels, texts))
    assert [STAMP_TEXT in t for t in texts] == [True, True, False, True, True, True]

    for page in reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (595.3, 841.9)
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # written atomically


def test_stamp_font_is_embedded_once(tmp_path, three):
    target = make_packet(three, tmp_path / "p.pdf", title="t", author="a", subject="s")
    reader = PdfReader(target)
    stamp_fonts = set()
    stamped = 0

    def fonts(resources) -> None:     # the page's own fonts and those of the forms it draws
        for ref in resources.get("/Font", {}).values():
            to_unicode = ref.get_object().get("/ToUnicode")
            if to_unicode is not None and b"<1EF0>" in to_unicode.get_object().get_data():  # "Ự"
                stamp_fonts.add(ref.idnum)
        for form in resources.get("/XObject", {}).values():
            if "/Resources" in form.get_object():
                fonts(form.get_object()["/Resources"])

    for page in reader.pages:
        fonts(page["/Resources"])
        stamped += STAMP_TEXT in text_of(page)
    assert stamped == 5
    assert len(stamp_fonts) == 1  # one font object shared by the 5 stamped pages
    assert "LiberationSerif-Bold" in fonts_in_pdf(target)


def test_all_issued_packet_has_no_stamp(tmp_path, three):
    issued = [PacketItem(i.title, i.pdf, issued=True) for i in three]
    target = make_packet(issued, tmp_path / "p.pdf", title="t", author="a", subject="s")
    assert not any(STAMP_TEXT in text_of(p) for p in PdfReader(target).pages)


def test_stamp_text_and_landscape_page():
    landscape = PdfReader(io.BytesIO(stamp_pdf(841.89, 595.28))).pages[0]
    assert text_of(landscape) == STAMP_TEXT
    assert round(float(landscape.mediabox.width)) == 842


def test_unreadable_pdf_is_an_environment_failure(tmp_path, three):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    target = tmp_path / "p.pdf"
    with pytest.raises(EnvironmentFailure) as info:
        make_packet([three[0], PacketItem("Hỏng", broken, issued=False)], target,
                    title="t", author="a", subject="s")
    assert "broken.pdf" in info.value.message
    assert not target.exists()


def test_empty_packet_is_refused(tmp_path):
    with pytest.raises(ValueError):
        make_packet([], tmp_path / "p.pdf", title="t", author="a", subject="s")


@pytest.mark.skipif(__import__("hoagiai.convert", fromlist=["find_soffice"]).find_soffice() is None,
                    reason="LibreOffice (soffice) không có trên máy này: "
                           "apt-get install libreoffice-writer-nogui fonts-liberation2")
def test_packet_from_libreoffice_pdfs(tmp_path):
    from docx import Document
    from docx.shared import Mm

    from hoagiai.convert import PdfConverter

    jobs = []
    for name, text in (("qd", "Hòa giải viên Nguyễn Thị Ánh"), ("kh", "Kế hoạch đã ban hành")):
        doc = Document()
        doc.sections[0].page_width, doc.sections[0].page_height = Mm(210), Mm(297)
        doc.add_paragraph(text)
        doc.save(tmp_path / f"{name}.docx")
        jobs.append((tmp_path / f"{name}.docx", tmp_path / f"{name}.pdf"))
    with PdfConverter(workers=1) as conv:
        assert all(r.ok for r in conv.convert(jobs))
    target = make_packet([PacketItem("Quyết định", jobs[0][1], issued=False),
                          PacketItem("Kế hoạch", jobs[1][1], issued=True)],
                         tmp_path / "packet.pdf", title="t", author="a", subject="s")
    first, second = (text_of(p) for p in PdfReader(target).pages)
    assert "Hòa giải viên Nguyễn Thị Ánh" in first and STAMP_TEXT in first
    assert "Kế hoạch đã ban hành" in second and STAMP_TEXT not in second
