"""The number-and-symbol line of a document: "Số: 05/KH-UBND" (Nghị định 30/2020, Phụ lục I).

Numbers below 10 take a leading zero; a draft, not yet numbered, leaves a blank for the number
so the clerk can write it after signature: "Số:      /KH-UBND".
"""

from __future__ import annotations

import unicodedata

from ._kieu import as_int
from .dates import KHOANG_TRONG
from .numbers import so_hai_chu_so


def so_hieu(so: int | None, ky_hieu: str) -> str:
    """"Số: 05/KH-UBND", "Số: 123/QĐ-UBND"; draft (``so`` is None) -> "Số:      /KH-UBND".

    The number comes first so this works as a Jinja filter:
    ``{{ van_ban.so | so_hieu(van_ban.ky_hieu) }}``."""
    ky_hieu = unicodedata.normalize("NFC", ky_hieu or "").strip()
    if not ky_hieu:
        raise ValueError("thiếu ký hiệu văn bản (ví dụ KH-UBND)")
    if any(c.isspace() for c in ky_hieu):
        raise ValueError(f"ký hiệu văn bản không được có khoảng trắng: {ky_hieu!r}")
    if so is None:
        return f"Số:{KHOANG_TRONG}/{ky_hieu}"
    so = as_int(so, "số văn bản")
    if so < 1:
        raise ValueError(f"số văn bản phải từ 1 trở lên: {so}")
    return f"Số: {so_hai_chu_so(so)}/{ky_hieu}"
