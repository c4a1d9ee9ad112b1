"""A minimal ODT whose first paragraph starts the page style, as a twin's rendering does
(tests of hoagiai.convert.bundle and of the warm pool's bundles)."""

from __future__ import annotations

import io
import zipfile

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')


def minimal_odt(body: str) -> bytes:
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               f'<office:document-content {NS} office:version="1.3">'
               '<office:automatic-styles><style:style style:name="P1" style:family="paragraph" '
               'style:master-page-name="Standard"><style:paragraph-properties style:page-number="auto"/>'
               '</style:style></office:automatic-styles><office:body><office:text>'
               f'<text:sequence-decls/>{body}</office:text></office:body></office:document-content>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content)
    return buf.getvalue()
