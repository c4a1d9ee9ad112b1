"""The "DỰ THẢO" (draft) stamp: a one-page PDF with large diagonal pale-red text.

Written directly as PDF objects with pypdf — no LibreOffice, no extra dependency. The text is
set in Liberation Serif Bold (metric-compatible with Times New Roman, full Vietnamese coverage),
embedded as a subset TrueType font (Type0 / Identity-H) with a ToUnicode map, so the stamp
renders with correct diacritics everywhere and is extractable as the text "DỰ THẢO".
"""

from __future__ import annotations

import io
import math
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import EnvironmentFailure

STAMP_TEXT = "DỰ THẢO"

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    "/usr/share/fonts/liberation/LiberationSerif-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
)

_COLOR = (0.80, 0.15, 0.15)  # red, made pale by the opacity below
_OPACITY = 0.22


# -- TrueType reading and subsetting ---------------------------------------------------------

@dataclass(frozen=True)
class _Font:
    name: str                    # PostScript name, e.g. "LiberationSerif-Bold"
    units_per_em: int
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    advances: tuple[int, ...]    # per glyph id
    cmap: dict[int, int]         # code point -> glyph id
    data: bytes
    tables: dict[str, tuple[int, int]]  # tag -> (offset, length)

    def table(self, tag: str) -> bytes:
        off, length = self.tables[tag]
        return self.data[off:off + length]

    def scale(self, units: float) -> float:
        return units * 1000.0 / self.units_per_em


def _read_font(path: Path) -> _Font:
    data = path.read_bytes()
    (num_tables,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for i in range(num_tables):
        tag, _check, off, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag.decode("latin-1")] = (off, length)

    def tbl(tag: str) -> int:
        return tables[tag][0]

    units_per_em = struct.unpack_from(">H", data, tbl("head") + 18)[0]
    bbox = struct.unpack_from(">hhhh", data, tbl("head") + 36)
    ascent, descent = struct.unpack_from(">hh", data, tbl("hhea") + 4)
    n_hmetrics = struct.unpack_from(">H", data, tbl("hhea") + 34)[0]
    n_glyphs = struct.unpack_from(">H", data, tbl("maxp") + 4)[0]
    hmtx = tbl("hmtx")
    advances = [struct.unpack_from(">H", data, hmtx + 4 * i)[0] for i in range(n_hmetrics)]
    advances += [advances[-1]] * (n_glyphs - n_hmetrics)
    cap_height = ascent
    if "OS/2" in tables:
        version = struct.unpack_from(">H", data, tbl("OS/2"))[0]
        if version >= 2:
            cap_height = struct.unpack_from(">h", data, tbl("OS/2") + 88)[0]
    return _Font(
        name=_postscript_name(data, tables) or path.stem,
        units_per_em=units_per_em, bbox=tuple(bbox), ascent=ascent, descent=descent,
        cap_height=cap_height, advances=tuple(advances), cmap=_read_cmap(data, tbl("cmap")),
        data=data, tables=tables,
    )


def _postscript_name(data: bytes, tables: dict) -> str | None:
    if "name" not in tables:
        return None
    base = tables["name"][0]
    count, strings = struct.unpack_from(">HH", data, base + 2)
    for i in range(count):
        platform, _enc, _lang, name_id, length, off = struct.unpack_from(">HHHHHH", data, base + 6 + 12 * i)
        if name_id == 6:
            raw = data[base + strings + off: base + strings + off + length]
            return raw.decode("utf-16-be" if platform == 3 else "latin-1", "replace")
    return None


def _read_cmap(data: bytes, base: int) -> dict[int, int]:
    """Unicode BMP map from the (3,1) or (0,x) format-4 subtable."""
    (count,) = struct.unpack_from(">H", data, base + 2)
    chosen = None
    for i in range(count):
        platform, encoding, off = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
        if struct.unpack_from(">H", data, base + off)[0] == 4 and (platform, encoding) in ((3, 1), (0, 3), (0, 4)):
            chosen = base + off
            if platform == 3:
                break
    if chosen is None:
        raise EnvironmentFailure("Phông chữ cho dấu DỰ THẢO không có bảng mã Unicode.")
    seg_x2 = struct.unpack_from(">H", data, chosen + 6)[0]
    seg = seg_x2 // 2
    ends = struct.unpack_from(f">{seg}H", data, chosen + 14)
    starts = struct.unpack_from(f">{seg}H", data, chosen + 16 + seg_x2)
    deltas = struct.unpack_from(f">{seg}h", data, chosen + 16 + 2 * seg_x2)
    range_base = chosen + 16 + 3 * seg_x2
    ranges = struct.unpack_from(f">{seg}H", data, range_base)
    cmap: dict[int, int] = {}
    for i in range(seg):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if ranges[i] == 0:
                gid = (code + deltas[i]) & 0xFFFF
            else:
                at = range_base + 2 * i + ranges[i] + 2 * (code - starts[i])
                gid = struct.unpack_from(">H", data, at)[0]
                if gid:
                    gid = (gid + deltas[i]) & 0xFFFF
            if gid:
                cmap[code] = gid
    return cmap


def _glyph_ranges(font: _Font) -> list[tuple[int, int]]:
    head = font.table("head")
    long_loca = struct.unpack_from(">h", head, 50)[0] == 1
    loca = font.table("loca")
    n = len(font.advances) + 1
    offsets: Sequence[int]
    if long_loca:
        offsets = struct.unpack_from(f">{n}I", loca)
    else:
        offsets = [o * 2 for o in struct.unpack_from(f">{n}H", loca)]
    return [(offsets[i], offsets[i + 1]) for i in range(n - 1)]


def _components(glyph: bytes) -> list[int]:
    """Glyph ids a composite glyph is built from (accents are often separate glyphs)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    out, pos = [], 10
    while True:
        flags, gid = struct.unpack_from(">HH", glyph, pos)
        out.append(gid)
        pos += 4 + (4 if flags & 0x0001 else 2)
        if flags & 0x0008:
            pos += 2
        elif flags & 0x0040:
            pos += 4
        elif flags & 0x0080:
            pos += 8
        if not flags & 0x0020:
            return out


def _subset(font: _Font, keep: set[int]) -> bytes:
    """The font with every glyph outside `keep` (plus their components) emptied; ids unchanged."""
    glyf = font.table("glyf")
    ranges = _glyph_ranges(font)
    keep = set(keep) | {0}
    todo = list(keep)
    while todo:
        gid = todo.pop()
        start, end = ranges[gid]
        for comp in _components(glyf[start:end]):
            if comp not in keep:
                keep.add(comp)
                todo.append(comp)
    long_loca = struct.unpack_from(">h", font.table("head"), 50)[0] == 1
    new_glyf = bytearray()
    offsets = []
    for gid, (start, end) in enumerate(ranges):
        offsets.append(len(new_glyf))
        if gid in keep and end > start:
            new_glyf += glyf[start:end]
            new_glyf += b"\0" * (-len(new_glyf) % 4)
    offsets.append(len(new_glyf))
    loca = struct.pack(f">{len(offsets)}I", *offsets) if long_loca else \
        struct.pack(f">{len(offsets)}H", *(o // 2 for o in offsets))
    tables: dict[str, bytes] = {tag: font.table(tag) for tag in ("head", "hhea", "maxp", "hmtx", "cvt ", "fpgm",
                                                                 "prep", "cmap") if tag in font.tables}
    tables["glyf"] = bytes(new_glyf)
    tables["loca"] = loca
    return _write_sfnt(tables)


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def _write_sfnt(tables: dict[str, bytes]) -> bytes:
    tags = sorted(tables)
    n = len(tags)
    power = 1 << (n.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, n, power * 16, power.bit_length() - 1, n * 16 - power * 16)
    offset = 12 + 16 * n
    directory, body = b"", b""
    for tag in tags:
        data = tables[tag]
        if tag == "head":  # checkSumAdjustment is recomputed by nobody who reads PDFs; zero it
            data = data[:8] + b"\0\0\0\0" + data[12:]
        directory += struct.pack(">4sIII", tag.encode("latin-1"), _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return header + directory + body


@lru_cache(maxsize=4)
def _load_font(path: str) -> _Font:
    return _read_font(Path(path))


def find_font() -> Path:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    raise EnvironmentFailure(
        "Không tìm thấy phông Liberation Serif để in dấu DỰ THẢO. "
        "Cài bằng quyền quản trị (root): apt-get install fonts-liberation2"
    )


# -- the stamp page --------------------------------------------------------------------------

def stamp_pdf(width: float, height: float, *, text: str = STAMP_TEXT, font_path: Path | None = None) -> bytes:
    """A one-page PDF of `width` × `height` points with `text` across its diagonal."""
    from pypdf import PdfWriter
    from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject,
                               NameObject, NumberObject, TextStringObject)

    font = _load_font(str(font_path or find_font()))
    text = unicodedata.normalize("NFC", text)
    missing = [ch for ch in text if ord(ch) not in font.cmap and not ch.isspace()]
    if missing:
        raise EnvironmentFailure(f"Phông {font.name} thiếu chữ {''.join(missing)} cho dấu DỰ THẢO.")
    gids = [font.cmap.get(ord(ch), font.cmap.get(32, 0)) for ch in text]
    widths = [font.scale(font.advances[g]) for g in gids]

    # size: the text spans ~70 % of the diagonal
    diagonal = math.hypot(width, height)
    size = 0.70 * diagonal / (sum(widths) / 1000.0)
    angle = math.atan2(height, width)
    c, s = math.cos(angle), math.sin(angle)
    run = sum(widths) * size / 1000.0
    rise = font.scale(font.cap_height) * size / 1000.0
    tx = width / 2 - c * run / 2 + s * rise / 2
    ty = height / 2 - s * run / 2 - c * rise / 2

    writer = PdfWriter()
    page = writer.add_blank_page(width=width, height=height)

    def stream(data: bytes, **extra) -> object:
        obj = DecodedStreamObject()
        obj.set_data(data)
        for key, value in extra.items():
            obj[NameObject("/" + key)] = value
        return writer._add_object(obj.flate_encode())

    font_file = _subset(font, set(gids))
    subset_name = "HGDRAF+" + font.name
    descriptor = DictionaryObject({
        NameObject("/Type"): NameObject("/FontDescriptor"),
        NameObject("/FontName"): NameObject("/" + subset_name),
        NameObject("/Flags"): NumberObject(6),  # serif, symbolic (glyph ids, not a standard encoding)
        NameObject("/FontBBox"): ArrayObject([FloatObject(round(font.scale(v), 2)) for v in font.bbox]),
        NameObject("/ItalicAngle"): NumberObject(0),
        NameObject("/Ascent"): FloatObject(round(font.scale(font.ascent), 2)),
        NameObject("/Descent"): FloatObject(round(font.scale(font.descent), 2)),
        NameObject("/CapHeight"): FloatObject(round(font.scale(font.cap_height), 2)),
        NameObject("/StemV"): NumberObject(140),
        NameObject("/FontFile2"): stream(font_file, Length1=NumberObject(len(font_file))),
    })
    unique = sorted(set(gids))
    w_array = ArrayObject()
    for g in unique:
        w_array += [NumberObject(g), ArrayObject([FloatObject(round(font.scale(font.advances[g]), 2))])]
    cid_font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/CIDFontType2"),
        NameObject("/BaseFont"): NameObject("/" + subset_name),
        NameObject("/CIDSystemInfo"): DictionaryObject({
            NameObject("/Registry"): TextStringObject("Adobe"),
            NameObject("/Ordering"): TextStringObject("Identity"),
            NameObject("/Supplement"): NumberObject(0),
        }),
        NameObject("/FontDescriptor"): writer._add_object(descriptor),
        NameObject("/W"): w_array,
        NameObject("/CIDToGIDMap"): NameObject("/Identity"),
    })
    type0 = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type0"),
        NameObject("/BaseFont"): NameObject("/" + subset_name),
        NameObject("/Encoding"): NameObject("/Identity-H"),
        NameObject("/DescendantFonts"): ArrayObject([writer._add_object(cid_font)]),
        NameObject("/ToUnicode"): stream(_to_unicode(dict(zip(gids, text)))),
    })
    gstate = DictionaryObject({
        NameObject("/Type"): NameObject("/ExtGState"),
        NameObject("/ca"): FloatObject(_OPACITY),
        NameObject("/CA"): FloatObject(_OPACITY),
    })
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/FDraft"): writer._add_object(type0)}),
        NameObject("/ExtGState"): DictionaryObject({NameObject("/GSDraft"): writer._add_object(gstate)}),
    })
    hex_text = "".join(f"{g:04X}" for g in gids)
    r, g_, b = _COLOR
    content = (
        f"q /GSDraft gs {r:.3f} {g_:.3f} {b:.3f} rg BT /FDraft {size:.2f} Tf "
        f"{c:.5f} {s:.5f} {-s:.5f} {c:.5f} {tx:.2f} {ty:.2f} Tm <{hex_text}> Tj ET Q\n"
    ).encode("ascii")
    page[NameObject("/Contents")] = stream(content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _to_unicode(mapping: dict[int, str]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
        f"{len(mapping)} beginbfchar",
    ]
    for gid, ch in sorted(mapping.items()):
        lines.append(f"<{gid:04X}> <{ch.encode('utf-16-be').hex().upper()}>")
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")
