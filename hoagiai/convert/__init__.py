"""PDF conversion with LibreOffice (the `convert` stage): .docx → PDF, and checks on the PDFs.

    from hoagiai.convert import PdfConverter, available
    if available():
        with PdfConverter(workers=2) as conv:        # warm over UNO when it can, else batches
            results = conv.convert([(docx, pdf), ...])
            conv.engine, conv.note                   # "warm"/"batch", and why (Vietnamese)

A long-running process keeps one warm: `shared_converter().convert_bytes(docx_bytes)` (see
hoagiai.convert.shared).
"""

from .converter import BatchRecord, ConversionResult, PdfConverter
from .pdfcheck import font_note, font_report, fonts_in_bytes, fonts_in_pdf, looks_complete, pdfa_part
from .soffice import available, find_soffice, missing_message
from .shared import shared_converter, warm_converter

__all__ = [
    "BatchRecord",
    "ConversionResult",
    "PdfConverter",
    "available",
    "find_soffice",
    "font_note",
    "font_report",
    "fonts_in_bytes",
    "fonts_in_pdf",
    "looks_complete",
    "missing_message",
    "pdfa_part",
    "shared_converter",
    "warm_converter",
]
