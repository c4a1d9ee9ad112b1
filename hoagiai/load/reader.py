"""Reading one input file into a grid of raw cells, and finding its header row.

`.xlsx`, `.xlsm`, `.xls` and `.ods` go through python-calamine (the engine of
`read_excel(engine="calamine")`; sheet choice and merged cells in `sheets`);
`.csv` is decoded (UTF-8, UTF-8 with BOM, UTF-16 with BOM, else Windows-1258 → NFC) and
split with the csv module, which knows each record's line number. Size and zip-bomb checks
run before any parsing. Nothing here raises on a bad file: problems come back as findings.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..findings import ERROR, WARNING, Finding
from . import legacy
from .headers import review as review_headers
from .spec import DatasetSpec
from .text import clean, match_key
from .where import FileRejected, Where

HEADER_SEARCH_ROWS = 20
MAX_RATIO = 100          # uncompressed / compressed size of an xlsx
MAX_EXPANSION = 20       # uncompressed total may be at most this many times max_bytes


@dataclass
class Grid:
    """Raw cells of one sheet: positional columns, `rows` = Excel row / CSV line numbers."""

    cells: pd.DataFrame
    rows: np.ndarray
    sheet: str | None = None
    encoding: str | None = None
    findings: list[Finding] = field(default_factory=list)
    #: merged ranges as (first row, first column, last row, last column), positions in `cells`
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


@dataclass
class Header:
    row_index: int                       # position in Grid.cells
    columns: dict[str, int]              # canonical key (or "extra:<header>") -> position
    headers: dict[str, str]              # canonical key -> header as written


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}".replace(".", ",") + " MB"


def check_size(path: Path, where: Where, max_bytes: int) -> None:
    """Refuse files over `max_bytes` and xlsx archives that would expand too much."""
    size = path.stat().st_size
    if size > max_bytes:
        raise FileRejected(where.finding(
            "file-too-large", ERROR,
            f"Tệp {path.name} quá lớn ({_mb(size)}; giới hạn {_mb(max_bytes)}). "
            "Hãy kiểm tra lại tệp hoặc tách bớt dữ liệu.", value=size))
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".ods"):
        return
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip at all: the reader says "unreadable"
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > MAX_EXPANSION * max_bytes or (total > 1_000_000 and total > MAX_RATIO * max(packed, 1)):
        raise FileRejected(where.finding(
            "suspicious-archive", ERROR,
            f"Tệp {path.name} có cấu trúc bất thường (giải nén ra {_mb(total)} từ {_mb(packed)}); "
            "không mở để tránh làm treo máy. Hãy lưu lại tệp bằng Excel rồi thử lại.", value=total))


def unreadable(path: Path, where: Where, detail: str) -> FileRejected:
    return FileRejected(where.finding(
        "unreadable-file", ERROR,
        f"Không đọc được tệp {path.name}: {detail} Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx "
        "rồi thử lại."))


# --- csv -------------------------------------------------------------------------------

def decode_csv(data: bytes) -> tuple[str, str] | None:
    """(text, encoding name) or None when the bytes are in no accepted encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1258"]
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return unicodedata.normalize("NFC", text), enc
    return None


def _delimiter(text: str) -> str:
    sample = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS + 5] if line.strip()]
    counts = {d: sum(line.count(d) for line in sample) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, where: Where) -> Grid:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable(path, where, f"lỗi đọc tệp ({exc.strerror or exc}).") from exc
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise unreadable(path, where, "đây không phải tệp văn bản CSV.")
    decoded = decode_csv(data)
    if decoded is None:
        raise unreadable(path, where, "không nhận ra bảng mã (cần UTF-8 hoặc Windows-1258).")
    text, encoding = decoded
    findings = []
    if encoding == "cp1258":
        findings.append(where.finding(
            "csv-legacy-encoding", WARNING,
            f"Tệp {path.name} dùng bảng mã Windows-1258; đã đọc được nhưng nên lưu lại dạng "
            "“CSV UTF-8” để tránh lỗi chữ.", value=encoding))
    records: list[list[str]] = []
    lines: list[int] = []
    # the file's size is already capped (max_bytes); a long field is a finding, not a refusal
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    previous = 0
    try:
        for record in reader:
            records.append(record)
            lines.append(previous + 1)   # the line the record starts on
            previous = reader.line_num
    except csv.Error as exc:
        raise unreadable(path, where, f"dòng {previous + 1} sai cấu trúc CSV ({exc}).") from exc
    width = max((len(r) for r in records), default=0)
    for r in records:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    cells = pd.DataFrame(records, dtype=object) if records else pd.DataFrame()
    cells.columns = range(cells.shape[1])
    return Grid(cells, np.asarray(lines, dtype=np.int64), sheet=None, encoding=encoding, findings=findings)


# --- header ----------------------------------------------------------------------------

def find_header(grid: Grid, spec: DatasetSpec, where: Where, file_name: str) -> tuple[Header | None, list[Finding]]:
    lookup: dict[str, str] = {}
    for col in spec.columns:
        for name in (col.header, *col.aliases):
            lookup.setdefault(match_key(name), col.key)
    n_required = sum(c.required for c in spec.columns)
    needed = max(2, math.ceil(n_required / 2)) if len(spec.columns) > 1 else 1
    for i in range(min(HEADER_SEARCH_ROWS, len(grid.cells))):
        texts = [_header_text(v) for v in grid.cells.iloc[i].tolist()]
        matched = {lookup[k] for k in (match_key(t) for t in texts if t) if k in lookup}
        if len(matched) >= needed:
            return _map_header(i, texts, lookup, spec, where, int(grid.rows[i]))
        # headers typed in TCVN3 / VNI: recognise them, and say so
        converted = {t: legacy.suggest(t) for t in texts if t}
        if any(converted.values()):
            plain = [c[1] if (c := converted.get(t)) else t for t in texts]
            if len({lookup[k] for k in (match_key(t) for t in plain if t) if k in lookup}) >= needed:
                header, findings = _map_header(i, plain, lookup, spec, where, int(grid.rows[i]))
                for t, found in converted.items():
                    if found:
                        findings.append(where.finding(
                            "legacy-encoding", ERROR,
                            f"Tiêu đề “{t}” được gõ bằng bảng mã {legacy.NAMES[found[0]]}, không phải Unicode; "
                            f"có lẽ là “{found[1]}”. Hãy chuyển mã cả tệp sang Unicode (ví dụ bằng Unikey).",
                            row=int(grid.rows[i]), column=t, value=t))
                header.headers.update({k: texts[pos] for k, pos in header.columns.items()})
                return header, findings
    wanted = ", ".join(c.header for c in spec.columns if c.required)
    return None, [where.finding(
        "header-not-found", ERROR,
        f"Không tìm thấy dòng tiêu đề trong {HEADER_SEARCH_ROWS} dòng đầu của {file_name}"
        + (f" (trang “{grid.sheet}”)" if grid.sheet else "")
        + f"; cần các cột: {wanted}.")]


def _header_text(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return clean(v if isinstance(v, str) else str(v))


def _map_header(i: int, texts: list[str], lookup: dict[str, str], spec: DatasetSpec,
                where: Where, excel_row: int) -> tuple[Header, list[Finding]]:
    findings: list[Finding] = []
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for pos, text in enumerate(texts):
        if not text:
            continue
        key = lookup.get(match_key(text), f"extra:{text}")
        if key in columns or (key.startswith("extra:") and
                              any(k.startswith("extra:") and match_key(k) == match_key(key) for k in columns)):
            findings.append(where.finding(
                "duplicate-header", ERROR,
                f"Tiêu đề “{text}” xuất hiện hai lần; chỉ dùng cột đầu tiên ({headers.get(key, text)}).",
                row=excel_row, column=text, value=text))
            continue
        columns[key] = pos
        headers[key] = text
    for col in spec.columns:
        if col.key in columns:
            continue
        headers[col.key] = col.header
        if col.year_key:
            headers[col.year_key] = col.header
        if col.required:
            findings.append(where.finding(
                "missing-column", col.required_severity,
                f"Thiếu cột bắt buộc “{col.header}”.", column=col.header,
                basis=col.citation.source))
    for col in spec.columns:
        if col.year_key and col.key in columns:
            headers[col.year_key] = headers[col.key]
    findings = review_headers(texts, columns, spec, where, excel_row, findings)   # no diacritics, typos
    return Header(i, columns, headers), findings
