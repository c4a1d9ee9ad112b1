"""Build state and the document register: SQLite in `outputs/.hoagiai/state.sqlite`.

- `versions`: every version of every document, with its fingerprint, file hashes, the cells
  it read (for change records) and whether it is the issued final form;
- `register`: issued numbers, unique per (year, series) — Nghị định 30/2020 Điều 15: numbers
  restart at 01 on 1 January; one series for all types or one per type (profile setting).

Versioned files under `outputs/<year>/phien-ban/` are immutable and written before the row
that records them is committed, so a build killed at any moment leaves either the old state
or the new one, never a row pointing at a half-written file.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import EnvironmentFailure, RegisterError

SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
  doc_id TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,
  year INTEGER NOT NULL, month INTEGER NOT NULL, fingerprint TEXT NOT NULL, data_fp TEXT NOT NULL,
  docx TEXT NOT NULL, docx_sha TEXT NOT NULL, pdf TEXT, pdf_sha TEXT,
  cells TEXT NOT NULL, rows TEXT NOT NULL, issued INTEGER NOT NULL DEFAULT 0,
  number INTEGER, issue_date TEXT, built_at TEXT NOT NULL, change TEXT,
  PRIMARY KEY (doc_id, version)
);
CREATE TABLE IF NOT EXISTS register (
  year INTEGER NOT NULL, series TEXT NOT NULL, number INTEGER NOT NULL,
  doc_id TEXT NOT NULL UNIQUE, symbol TEXT NOT NULL, issue_date TEXT NOT NULL,
  PRIMARY KEY (year, series, number)
);
CREATE TABLE IF NOT EXISTS runs (
  key TEXT PRIMARY KEY, result TEXT NOT NULL, files TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS packets (
  month TEXT PRIMARY KEY, path TEXT NOT NULL, fingerprint TEXT NOT NULL
);
"""


@dataclass
class Version:
    doc_id: str
    version: int
    kind: str
    title: str
    year: int
    month: int
    fingerprint: str       # everything the file depends on (data, template, rules, code)
    data_fp: str           # the data alone: an issued document is stale when this changes
    docx: str
    docx_sha: str
    pdf: str | None
    pdf_sha: str | None
    cells: dict[str, Any]
    rows: dict[str, int]
    issued: bool
    number: int | None
    issue_date: str | None
    built_at: str
    change: str | None


class State:
    def __init__(self, outputs: Path):
        self.dir = Path(outputs) / ".hoagiai"
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.dir / "state.sqlite", timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise EnvironmentFailure(f"Không mở được sổ theo dõi văn bản trong {self.dir}: {exc}. "
                                     f"Kiểm tra quyền ghi và dung lượng ổ đĩa.") from exc

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def batch(self):
        """One transaction for a whole build's records (one disk sync instead of one per
        document). Files are always written before the rows that name them, so a build
        killed inside the batch leaves the previous state, and a rerun redoes the work."""
        self.db.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def __enter__(self) -> "State":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- versions -------------------------------------------------------------------
    def _row(self, r: sqlite3.Row | tuple | None) -> Version | None:
        if r is None:
            return None
        (doc_id, version, kind, title, year, month, fp, dfp, docx, docx_sha, pdf, pdf_sha, cells,
         rows, issued, number, issue_date, built_at, change) = r
        return Version(doc_id, version, kind, title, year, month, fp, dfp, docx, docx_sha, pdf,
                       pdf_sha, json.loads(cells), json.loads(rows), bool(issued), number,
                       issue_date, built_at, change)

    def latest(self, doc_id: str) -> Version | None:
        return self._row(self.db.execute(
            "SELECT * FROM versions WHERE doc_id=? ORDER BY version DESC LIMIT 1", (doc_id,)).fetchone())

    def issued(self, doc_id: str) -> Version | None:
        return self._row(self.db.execute(
            "SELECT * FROM versions WHERE doc_id=? AND issued=1 ORDER BY version DESC LIMIT 1",
            (doc_id,)).fetchone())

    def versions(self, doc_id: str | None = None) -> list[Version]:
        if doc_id is None:
            cur = self.db.execute("SELECT * FROM versions ORDER BY year, doc_id, version")
        else:
            cur = self.db.execute("SELECT * FROM versions WHERE doc_id=? ORDER BY version", (doc_id,))
        return [self._row(r) for r in cur.fetchall()]

    def add_version(self, v: Version) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO versions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (v.doc_id, v.version, v.kind, v.title, v.year, v.month, v.fingerprint, v.data_fp, v.docx,
             v.docx_sha, v.pdf, v.pdf_sha, json.dumps(v.cells, ensure_ascii=False, sort_keys=True),
             json.dumps(v.rows, ensure_ascii=False, sort_keys=True), int(v.issued), v.number,
             v.issue_date, v.built_at, v.change))

    def set_pdf(self, doc_id: str, version: int, pdf: str, pdf_sha: str) -> None:
        self.db.execute("UPDATE versions SET pdf=?, pdf_sha=? WHERE doc_id=? AND version=?",
                        (pdf, pdf_sha, doc_id, version))

    # --- register -------------------------------------------------------------------
    def register_issue(self, *, year: int, series: str, number: int, doc_id: str, symbol: str,
                       issue_date: str, version: Version) -> None:
        """Record an issued number and its version in one transaction."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            row = self.db.execute("SELECT doc_id FROM register WHERE year=? AND series=? AND number=?",
                                  (year, series, number)).fetchone()
            if row is not None:
                raise RegisterError(f"Số {number:02d} năm {year} đã cấp cho văn bản {row[0]}; "
                                    f"hãy dùng số khác.")
            row = self.db.execute("SELECT year, number, symbol FROM register WHERE doc_id=?",
                                  (doc_id,)).fetchone()
            if row is not None:
                raise RegisterError(f"Văn bản {doc_id} đã ban hành (số {row[1]:02d}/{row[2]}, năm "
                                    f"{row[0]}); không ban hành lần thứ hai. Muốn sửa, hãy ban hành "
                                    f"văn bản đính chính hoặc thay thế.")
            self.db.execute("INSERT INTO register VALUES (?,?,?,?,?,?)",
                            (year, series, number, doc_id, symbol, issue_date))
            self.add_version(version)
            self.db.execute("DELETE FROM runs")   # the next build must look again
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def register_rows(self) -> list[tuple]:
        return self.db.execute("SELECT year, series, number, doc_id, symbol, issue_date FROM register "
                               "ORDER BY year, series, number").fetchall()

    def registered(self, doc_id: str) -> tuple[int, str, str] | None:
        """(number, symbol, issue date ISO) of an issued document, or None."""
        r = self.db.execute("SELECT number, symbol, issue_date FROM register WHERE doc_id=?",
                            (doc_id,)).fetchone()
        return (r[0], r[1], r[2]) if r else None

    def used_numbers(self, year: int, series: str) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT number FROM register WHERE year=? AND series=? ORDER BY number", (year, series))]

    # --- whole runs (workspace-level up-to-date check) ------------------------------
    def run(self, key: str) -> tuple[str, str] | None:
        r = self.db.execute("SELECT result, files FROM runs WHERE key=?", (key,)).fetchone()
        return (r[0], r[1]) if r else None

    def set_run(self, key: str, result: str, files: str) -> None:
        self.db.execute("DELETE FROM runs")   # only the latest run can be current
        self.db.execute("INSERT INTO runs VALUES (?,?,?)", (key, result, files))

    def forget_runs(self) -> None:
        self.db.execute("DELETE FROM runs")

    # --- packets --------------------------------------------------------------------
    def packet(self, month: str) -> tuple[str, str] | None:
        r = self.db.execute("SELECT path, fingerprint FROM packets WHERE month=?", (month,)).fetchone()
        return (r[0], r[1]) if r else None

    def set_packet(self, month: str, path: str, fingerprint: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO packets VALUES (?,?,?)", (month, path, fingerprint))
