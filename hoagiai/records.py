"""Records: the register of outgoing documents and a copy of every issued document.

Issued documents are records, not outputs (issue 17): the clerk may delete `outputs/`, which is
generated, but what was signed and numbered must survive it. They live in the workspace's
records folder, beside `inputs/` — `ho-so-ban-hanh/` (one sub-folder per unit in a multi-unit
workspace, `ho-so-ban-hanh/<unit>/`), which the clerk backs up with `inputs/`:

    ho-so-ban-hanh/so-dang-ky.sqlite        the register (table `register`, one row per issued
                                            document: number, date, what it was issued from)
    ho-so-ban-hanh/<year>/<doc id>.docx     the issued copy, byte for byte
    ho-so-ban-hanh/<year>/<doc id>.pdf      its PDF, once converted

A copy is written (atomically) before the row that names it is committed. Every build checks
each row against its copies (SHA-256): a copy that is missing or differs is an error naming
both, never repaired silently; then the issued versions are restored into `outputs/`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Iterator

from . import atomic
from .digests import file_sha, sha
from .errors import DataProblem, EnvironmentFailure

DIR_NAME = "ho-so-ban-hanh"
DB_NAME = "so-dang-ky.sqlite"
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS register (
  year INTEGER NOT NULL, series TEXT NOT NULL, number INTEGER NOT NULL,
  doc_id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, title TEXT NOT NULL, symbol TEXT NOT NULL,
  issue_date TEXT NOT NULL, month INTEGER NOT NULL, version INTEGER NOT NULL,
  fingerprint TEXT NOT NULL, data_fp TEXT NOT NULL, cells TEXT NOT NULL, rows TEXT NOT NULL,
  docx_sha TEXT NOT NULL, pdf_sha TEXT, signer TEXT, recipients TEXT NOT NULL,
  hoagiai_version TEXT, rules_version TEXT, corrects TEXT, recorded_at TEXT NOT NULL,
  figures TEXT NOT NULL,
  PRIMARY KEY (year, series, number)
)
"""


class RecordsError(DataProblem):
    """The register refused an entry, or a record disagrees with its issued copy (exit 1)."""


@dataclass
class Record:
    year: int
    series: str
    number: int
    doc_id: str
    kind: str
    title: str
    symbol: str
    issue_date: str
    month: int
    version: int
    fingerprint: str
    data_fp: str
    cells: dict[str, Any]
    rows: dict[str, int]
    docx_sha: str
    pdf_sha: str | None
    signer: str | None
    recipients: list[str]
    hoagiai_version: str | None
    rules_version: str | None
    corrects: str | None
    recorded_at: str
    figures: dict[str, Any] | None = None   # what the document states (docs/contract.md §4), if any

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.issue_date)

    @property
    def label(self) -> str:
        """"số 05/QĐ-UBND ngày 05/5/2026" — how the register and messages name an entry."""
        from .vn.dates import ngay_so

        return f"số {self.number:02d}/{self.symbol} ngày {ngay_so(self.date)}"


COLUMNS = [f.name for f in fields(Record)]
_JSON = {"cells", "rows", "recipients", "figures"}


def records_dir(ws) -> Path:
    """`ho-so-ban-hanh/` beside `inputs/`; `ho-so-ban-hanh/<unit>/` for a unit."""
    if ws.unit:
        return ws.inputs.parent.parent / DIR_NAME / ws.unit
    return ws.inputs.parent / DIR_NAME


def copy_path(ws, year: int, doc_id: str, suffix: str) -> Path:
    return records_dir(ws) / str(year) / f"{doc_id}{suffix}"


@contextlib.contextmanager
def _writing(ws) -> Iterator[sqlite3.Connection]:
    """The register, created when missing."""
    with _open(ws, create=True) as db:
        assert db is not None   # create=True always opens it
        yield db


@contextlib.contextmanager
def _open(ws, *, create: bool) -> Iterator[sqlite3.Connection | None]:
    path = records_dir(ws) / DB_NAME
    if not create and not path.exists():
        yield None
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
        db.execute("PRAGMA synchronous=FULL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise EnvironmentFailure(f"Sổ đăng ký {path} được tạo bởi phiên bản hoagiai mới hơn; "
                                     f"hãy cập nhật hoagiai.")
        if version < SCHEMA_VERSION:
            db.execute(SCHEMA)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except (OSError, sqlite3.Error) as exc:
        raise EnvironmentFailure(f"Không mở được sổ đăng ký văn bản {path}: {exc}. Kiểm tra quyền "
                                 f"ghi và dung lượng ổ đĩa.") from exc
    try:
        yield db
    finally:
        db.close()


def _decode(row: tuple) -> Record:
    d = dict(zip(COLUMNS, row))
    for k in _JSON:
        d[k] = json.loads(d[k])
    return Record(**d)


def _select(db: sqlite3.Connection, where: str = "", params: tuple = ()) -> list[Record]:
    cur = db.execute(f"SELECT {', '.join(COLUMNS)} FROM register {where} "
                     f"ORDER BY year, series, number", params)
    return [_decode(r) for r in cur.fetchall()]


def entries(ws, year: int | None = None) -> list[Record]:
    """Every issued document, in number order (of one year when given)."""
    with _open(ws, create=False) as db:
        if db is None:
            return []
        return _select(db, "WHERE year=?", (year,)) if year else _select(db)


def lookup(ws) -> dict[str, Record]:
    return {r.doc_id: r for r in entries(ws)}


def add(ws, record: Record, docx: bytes) -> None:
    """Register `record` (its issued copy `docx` is written first), refusing what Decree 30
    Điều 15 forbids; nothing is changed when it refuses."""
    with _writing(ws) as db:
        db.execute("BEGIN IMMEDIATE")
        try:
            _refuse(db, record)
            atomic.write_bytes(copy_path(ws, record.year, record.doc_id, ".docx"), docx)
            _insert(db, record)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _insert(db: sqlite3.Connection, r: Record) -> None:
    values = [json.dumps(v, ensure_ascii=False, sort_keys=True) if k in _JSON else v
              for k, v in asdict(r).items()]
    db.execute(f"INSERT INTO register ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
               values)


def _refuse(db: sqlite3.Connection, new: Record) -> None:
    from .register_rules import refusal

    same = _select(db, "WHERE year=? AND series=?", (new.year, new.series))
    issued = _select(db, "WHERE doc_id=?", (new.doc_id,))
    message = refusal(new, same, issued[0] if issued else None)
    if message:
        raise RecordsError(message)


def set_pdf(ws, doc_id: str, pdf: bytes) -> None:
    """Keep the PDF of an issued document (converted at issue or by a later build)."""
    with _writing(ws) as db:
        rows = _select(db, "WHERE doc_id=?", (doc_id,))
        if not rows:
            return
        r = rows[0]
        if r.pdf_sha == sha(pdf):
            return
        if r.pdf_sha is not None:
            raise RecordsError(_disagree(ws, r, copy_path(ws, r.year, doc_id, ".pdf"), "PDF"))
        atomic.write_bytes(copy_path(ws, r.year, doc_id, ".pdf"), pdf)
        db.execute("UPDATE register SET pdf_sha=? WHERE doc_id=?", (sha(pdf), doc_id))


def _disagree(ws, r: Record, path: Path, what: str) -> str:
    where = records_dir(ws) / DB_NAME
    got = file_sha(path)
    copy = f"bản lưu {path} có mã băm {got[:12]}" if got else f"bản lưu {path} không còn"
    return (f"Hồ sơ ban hành không khớp: sổ đăng ký {where} ghi văn bản {r.doc_id} ({r.label}) "
            f"với tệp {what} có mã băm {((r.docx_sha if what == 'DOCX' else r.pdf_sha) or '')[:12]}, nhưng "
            f"{copy}. hoagiai không tự sửa hồ sơ: hãy khôi phục bản lưu từ bản sao dự phòng của "
            f"thư mục {records_dir(ws)}.")


def check(ws) -> list[Record]:
    """Every record, each checked against its issued copies; raises on the first mismatch."""
    out = entries(ws)
    for r in out:
        docx = copy_path(ws, r.year, r.doc_id, ".docx")
        if file_sha(docx) != r.docx_sha:
            raise RecordsError(_disagree(ws, r, docx, "DOCX"))
        pdf = copy_path(ws, r.year, r.doc_id, ".pdf")
        if r.pdf_sha is not None and file_sha(pdf) != r.pdf_sha:
            raise RecordsError(_disagree(ws, r, pdf, "PDF"))
    return out


def adopt(ws, record: Record, docx: bytes, pdf: bytes | None) -> None:
    """Move an entry of an older register in as it was (no refusal: it is already issued)."""
    with _writing(ws) as db:
        if _select(db, "WHERE doc_id=?", (record.doc_id,)):
            return
        atomic.write_bytes(copy_path(ws, record.year, record.doc_id, ".docx"), docx)
        if pdf is not None:
            atomic.write_bytes(copy_path(ws, record.year, record.doc_id, ".pdf"), pdf)
            record.pdf_sha = sha(pdf)
        _insert(db, record)
