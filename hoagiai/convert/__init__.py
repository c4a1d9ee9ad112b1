"""PDF conversion with LibreOffice (the `convert` stage): .docx → PDF, and checks on the PDFs.

    from hoagiai.convert import PdfConverter, available
    if available():
        with PdfConverter(workers=2) as conv:
            results = conv.convert([(docx, pdf), ...])
"""

from .converter import BatchRecord, ConversionResult, PdfConverter
from .pdfcheck import font_report, fonts_in_pdf, looks_complete, pdfa_part
from .soffice import available, find_soffice, missing_message

__all__ = [
    "BatchRecord",
    "ConversionResult",
    "PdfConverter",
    "available",
    "find_soffice",
    "font_report",
    "fonts_in_pdf",
    "looks_complete",
    "missing_message",
    "pdfa_part",
]
