"""A minimal, deterministic zip writer for DOCX output (used by `hoagiai.render`).

`zipfile` re-deflates every entry of every document; a rendered DOCX changes only its
document/header/footer parts, so the others are deflated once per template (`pack`) and their
compressed bytes are copied into each output (`assemble`). Entries carry a fixed timestamp
(1980-01-01) and permissions 0644, in the order given: the same inputs give the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

_DOS_DATE = (0 << 9) | (1 << 5) | 1      # 1980-01-01
_DOS_TIME = 0
_VERSION = 20                             # 2.0: deflate
_MADE_BY = (3 << 8) | _VERSION            # unix, so the external attributes carry 0644
_EXTERNAL = 0o100644 << 16


@dataclass(frozen=True)
class Packed:
    crc: int
    size: int
    method: int        # 8 deflate, 0 stored
    data: bytes        # compressed bytes


def pack(data: bytes, level: int = 6) -> Packed:
    """Deflate `data` (raw deflate, as in zip); tiny entries are stored when smaller, and every
    entry at level 0 (a scratch file read once: not worth deflating and inflating again)."""
    if level == 0:
        return Packed(zlib.crc32(data), len(data), 0, data)
    comp = zlib.compressobj(level, zlib.DEFLATED, -15)
    packed = comp.compress(data) + comp.flush()
    if len(packed) >= len(data):
        return Packed(zlib.crc32(data), len(data), 0, data)
    return Packed(zlib.crc32(data), len(data), 8, packed)


def assemble(entries: list[tuple[str, Packed]]) -> bytes:
    """The zip archive holding `entries` (name, packed data) in this order."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, p in entries:
        raw_name = name.encode("utf-8")
        flags = 0 if raw_name.isascii() else 0x800
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, _VERSION, flags, p.method, _DOS_TIME,
                            _DOS_DATE, p.crc, len(p.data), p.size, len(raw_name), 0) + raw_name
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, _MADE_BY, _VERSION, flags,
                                   p.method, _DOS_TIME, _DOS_DATE, p.crc, len(p.data), p.size,
                                   len(raw_name), 0, 0, 0, 0, _EXTERNAL, offset) + raw_name)
        out.append(local)
        out.append(p.data)
        offset += len(local) + len(p.data)
    cd = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd), offset, 0)
    return b"".join(out) + cd + end
