"""Plain text of a DOCX (body, tables, headers), one line per paragraph — for change
records, golden-text tests and personal-data checks. lxml only, no Word needed."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARTS = re.compile(r"^word/(header\d*|document|footer\d*)\.xml$")


def paragraphs(source: bytes | str | Path) -> list[str]:
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else source
    out: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = [n for n in zf.namelist() if _PARTS.match(n)]
        # document first, then headers/footers in name order
        names.sort(key=lambda n: (not n.startswith("word/document"), n))
        for name in names:
            root = etree.fromstring(zf.read(name))
            for p in root.iter(f"{{{W}}}p"):
                buf: list[str] = []
                for el in p.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br"):
                    if el.tag == f"{{{W}}}t":
                        buf.append(el.text or "")
                    elif el.tag == f"{{{W}}}tab":
                        buf.append("\t")
                    else:
                        buf.append("\n")
                out.append("".join(buf))
    return out


def text(source: bytes | str | Path) -> str:
    return "\n".join(paragraphs(source))


def normalised(source: bytes | str | Path) -> str:
    """Whitespace-normalised text (all runs of whitespace → one space)."""
    return " ".join(text(source).split())
