"""Build state: SQLite in `outputs/.hoagiai/state.sqlite`.

- `versions`: every version of every document, with its fingerprint, file hashes, the cells
  it read (for change records), whether it is the issued final form, and the hoagiai and
  rule-set versions that built it;
- `runs`, `packets`: the workspace-level up-to-date check and the monthly packets.

The state is a cache of the build: everything in it can be rebuilt, except what was issued,
which lives in the records folder (`hoagiai.records`) and is restored from there.

The schema is versioned (`PRAGMA user_version`): a database of any earlier version is brought
up to date by `MIGRATIONS`, in order, in one transaction. Version 0 is the unversioned schema
of hoagiai 0.1.0 (`SCHEMA_V0`), which also held the register (now `legacy_register`, read once
by `hoagiai.records` to move it into the records folder).

Versioned files under `outputs/<year>/phien-ban/` are immutable and written before the row
that records them is committed, so a build killed at any moment leaves either the old state
or the new one, never a row pointing at a half-written file.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import EnvironmentFailure

SCHEMA_V0 = """
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

#: MIGRATIONS[n] brings a database of version n-1 to version n.
MIGRATIONS: dict[int, list[str]] = {
    1: ["ALTER TABLE versions ADD COLUMN hoagiai_version TEXT",
        "ALTER TABLE versions ADD COLUMN rules_version TEXT",
        "ALTER TABLE versions ADD COLUMN corrects TEXT",
        "ALTER TABLE register RENAME TO legacy_register",
        "DELETE FROM runs"],
}
SCHEMA_VERSION = max(MIGRATIONS)


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
    hoagiai_version: str | None = None   # the program that built it
    rules_version: str | None = None     # the rule set: "<declared version>+<digest>"
    corrects: str | None = None          # id of the issued document this one corrects


COLUMNS = [f.name for f in fields(Version)]
_JSON = {"cells", "rows"}


def migrate(db: sqlite3.Connection) -> None:
    """Bring `db` to SCHEMA_VERSION (idempotent; safe when two processes open it at once)."""
    if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        current = db.execute("PRAGMA user_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise EnvironmentFailure(
                f"Sổ theo dõi văn bản được tạo bởi phiên bản hoagiai mới hơn (lược đồ {current}, "
                f"phiên bản này đọc được đến {SCHEMA_VERSION}). Hãy cập nhật hoagiai.")
        if current == 0:
            for stmt in filter(str.strip, SCHEMA_V0.split(";")):
                db.execute(stmt)
        for n in range(current + 1, SCHEMA_VERSION + 1):
            for stmt in MIGRATIONS[n]:
                db.execute(stmt)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


class State:
    def __init__(self, outputs: Path):
        self.dir = Path(outputs) / ".hoagiai"
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.dir / "state.sqlite", timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            migrate(self.db)
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
    def _select(self, where: str = "", params: tuple = (), order: str = "version", *,
                cells: bool = True) -> list[Version]:
        names = COLUMNS if cells else [c for c in COLUMNS if c not in _JSON]
        cur = self.db.execute(f"SELECT {', '.join(names)} FROM versions {where} ORDER BY {order}",
                              params)
        out = []
        for r in cur.fetchall():
            d = dict(zip(names, r))
            for k in _JSON:
                d[k] = json.loads(d[k]) if cells else {}
            d["issued"] = bool(d["issued"])
            out.append(Version(**d))
        return out

    def latest(self, doc_id: str, *, cells: bool = True) -> Version | None:
        """The newest version of `doc_id`. `cells=False`: its `cells` and `rows` are left empty,
        not read — for the PDF stage, which needs only the files and dates (a report's cells
        are thousands of values, decoded for nothing once per document)."""
        rows = self._select("WHERE doc_id=?", (doc_id,), "version DESC LIMIT 1", cells=cells)
        return rows[0] if rows else None

    def issued(self, doc_id: str, *, cells: bool = True) -> Version | None:
        """The newest issued version of `doc_id` (`cells` as for `latest`)."""
        rows = self._select("WHERE doc_id=? AND issued=1", (doc_id,), "version DESC LIMIT 1", cells=cells)
        return rows[0] if rows else None

    def versions(self, doc_id: str | None = None) -> list[Version]:
        if doc_id is None:
            return self._select(order="year, doc_id, version")
        return self._select("WHERE doc_id=?", (doc_id,))

    def add_version(self, v: Version) -> None:
        values = []
        for name in COLUMNS:
            x = getattr(v, name)
            if name in _JSON:
                x = json.dumps(x, ensure_ascii=False, sort_keys=True)
            elif name == "issued":
                x = int(x)
            values.append(x)
        self.db.execute(f"INSERT OR REPLACE INTO versions ({', '.join(COLUMNS)}) "
                        f"VALUES ({', '.join('?' * len(COLUMNS))})", values)

    def forget_drafts(self, doc_id: str) -> None:
        """Forget the draft versions of `doc_id` (a correction whose data change was reverted
        before it was issued); their files stay under phien-ban/."""
        self.db.execute("DELETE FROM versions WHERE doc_id=? AND issued=0", (doc_id,))

    def set_pdf(self, doc_id: str, version: int, pdf: str, pdf_sha: str) -> None:
        self.db.execute("UPDATE versions SET pdf=?, pdf_sha=? WHERE doc_id=? AND version=?",
                        (pdf, pdf_sha, doc_id, version))

    def legacy_register(self) -> list[dict[str, Any]]:
        """The register as hoagiai 0.1.0 kept it here (schema 0); moved to the records folder."""
        cur = self.db.execute("SELECT year, series, number, doc_id, symbol, issue_date "
                              "FROM legacy_register ORDER BY year, series, number")
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    # --- whole runs (workspace-level up-to-date check) ------------------------------
    def run(self, key: str) -> tuple[str, str] | None:
        r = self.db.execute("SELECT result, files FROM runs WHERE key=?", (key,)).fetchone()
        return (r[0], r[1]) if r else None

    def set_run(self, key: str, result: str, files: str) -> None:
        self.db.execute("DELETE FROM runs")   # only the latest run can be current
        self.db.execute("INSERT INTO runs (key, result, files) VALUES (?,?,?)", (key, result, files))

    def forget_runs(self) -> None:
        self.db.execute("DELETE FROM runs")

    # --- packets --------------------------------------------------------------------
    def packet(self, month: str) -> tuple[str, str] | None:
        r = self.db.execute("SELECT path, fingerprint FROM packets WHERE month=?", (month,)).fetchone()
        return (r[0], r[1]) if r else None

    def set_packet(self, month: str, path: str, fingerprint: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO packets (month, path, fingerprint) VALUES (?,?,?)",
                        (month, path, fingerprint))
