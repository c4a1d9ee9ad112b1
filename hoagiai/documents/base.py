"""What every document kind shares: the job record, kind settings from `rules/van_ban/`,
the Decree 30 frame context (issuer, number, date line, signer, recipients).

A kind module exposes `plan(env: DocEnv) -> list[DocJob]`: which documents of that kind exist
as of the build month, each with the context its template needs, the input cells it reads
(for fingerprints and change records) and, when its data has errors, why it is blocked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from ..definitions import month_end
from ..errors import ConfigError
from ..unit_profile import Profile, Signer
from .reasons import Reason

if TYPE_CHECKING:  # pandas-heavy; a no-op build never needs it
    from ..model import Inputs

T = TypeVar("T")


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @staticmethod
    def parse(text: str) -> "Month":
        try:
            y, m = text.split("-")
            month = Month(int(y), int(m))
        except ValueError as exc:
            raise ConfigError(f"Tháng `{text}` không hợp lệ; dùng dạng YYYY-MM, ví dụ 2026-05.") from exc
        if not 1 <= month.month <= 12 or not 1900 <= month.year <= 9999:
            raise ConfigError(f"Tháng `{text}` không hợp lệ; dùng dạng YYYY-MM, ví dụ 2026-05.")
        return month

    @staticmethod
    def of(d: dt.date) -> "Month":
        return Month(d.year, d.month)

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return month_end(self.year, self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def months_of_year(self) -> list["Month"]:
        return [Month(self.year, m) for m in range(1, self.month + 1)]


@dataclass
class DocJob:
    id: str                       # stable: "qd-thu-lao-2026-05"
    kind: str                     # docs/contract.md §4 kind
    title: str                    # Vietnamese title for lists and bookmarks
    template: str                 # file name in templates/
    year: int
    month: int                    # month of the draft's date line
    symbol: str                   # "KH-UBND", "QĐ-UBND" …
    context: dict[str, Any]       # the complete template context
    cells: dict[str, Any] = field(default_factory=dict)   # cell_key(...) -> value read (JSON-able)
    rows: dict[str, int] = field(default_factory=dict)    # record_key(...) -> Excel row, for messages
    rule_files: list[str] = field(default_factory=list)   # rules/ files the document applied
    blocking: list[Reason] = field(default_factory=list)  # non-empty = blocked
    period: dict[str, str] | None = None
    figures: dict[str, Any] | None = None
    attachments: list["Attachment"] = field(default_factory=list)
    on_request: bool = False      # built only with --doc

    def __post_init__(self) -> None:
        # The id becomes a file name under outputs/ (hoagiai.safe_paths): refuse one that could
        # leave the folder or misbehave on Windows, whatever a kind builds it from.
        from ..safe_paths import safe_name

        if not self.id or safe_name(self.id) != self.id or " " in self.id:
            raise ConfigError(f"Mã văn bản `{self.id}` không dùng làm tên tệp được (chỉ dùng chữ, số, "
                              f"dấu gạch nối; không dùng / \\ hay dấu chấm ở đầu).")

    @property
    def blocked(self) -> bool:
        return bool(self.blocking)

    @property
    def reasons(self) -> list[str]:
        """Why the document is blocked, in words for people (`blocking` holds the data)."""
        return [r.message for r in self.blocking]


@dataclass
class Attachment:
    """An extra output beside the DOCX (e.g. the statistical tables as .xlsx)."""
    suffix: str                                  # ".xlsx"
    write: Callable[[Path], None]                # writes the file at the given (temporary) path
    content_key: Any = None                      # JSON-able; part of the fingerprint


@dataclass
class DocEnv:
    """What a kind module may read."""
    inputs: Inputs
    month: Month
    rules_dir: Path
    templates_dir: Path
    requested: frozenset[str] = frozenset()   # kinds asked for with --doc
    today: dt.date = field(default_factory=dt.date.today)
    #: the register: doc_id -> (number, symbol, issue date ISO) once issued, else None. A
    #: document citing another by number records what it read here (see tb_kiem_tra).
    registered: Callable[[str], tuple[int, str, str] | None] = lambda doc_id: None
    #: what the planners made in this planning pass, shared with the environments derived from
    #: this one (`for_month`): a report lists the documents of its months by planning the kinds
    #: again (bc_van_ban), and most of those documents are the very ones the build planned.
    #: Not an init field: `dataclasses.replace` (other inputs, another register) starts afresh.
    memo: dict[Any, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def profile(self) -> Profile:
        return self.inputs.profile

    def for_month(self, month: Month) -> "DocEnv":
        """The same inputs, rules, register and date seen from another build month (no
        documents requested), sharing this pass's `memo`."""
        sub = DocEnv(inputs=self.inputs, month=month, rules_dir=self.rules_dir,
                     templates_dir=self.templates_dir, today=self.today, registered=self.registered)
        sub.memo = self.memo
        return sub

    def once(self, key: tuple, make: Callable[[], T]) -> T:
        """`make()`, made once per planning pass for `key`. The key must name everything the
        result depends on beyond inputs, rules, templates, register and date (which every
        environment sharing the memo has in common): never the build month or the request
        unless the key holds them. The result is shared: callers only read it."""
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    def kind_settings(self, kind: str) -> dict[str, Any]:
        """`rules/van_ban/<kind>.yaml`, checked against the kind's complete schema."""
        from ..rulefiles import van_ban

        return van_ban.load(self.rules_dir, kind)


def record_key(file: str, sheet: str | None, record: str | None) -> str:
    """A record's identity by content (case code, person name + birth year …), not its row,
    so inserting a row above it does not make every document stale. `file` is the table's
    `identity` (its canonical name), never the name the file happens to have."""
    return f"{file}|{sheet or ''}|{record or ''}"


def cell_key(file: str, sheet: str | None, record: str | None, column: str | None) -> str:
    return f"{record_key(file, sheet, record)}|{column or ''}"


def add_row_cells(job: "DocJob", table, row, record: str, keys: list[str]) -> None:
    """Record that `job` reads columns `keys` of one table row (a pandas row / Series)."""
    if hasattr(row, "to_dict"):   # a pandas Series: one conversion beats a .get per cell
        row = row.to_dict()
    rk = record_key(table.identity, table.sheet, record)
    job.rows[rk] = int(row["_row"])
    for k in keys:
        job.cells[f"{rk}|{table.header(k)}"] = jsonable(row.get(k))


def jsonable(value: Any) -> Any:
    """A JSON-able, stable form of a cell value (dates as ISO text, NaN/NaT as None)."""
    import math

    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        try:
            import pandas as pd
            if value is pd.NaT:
                return None
        except ImportError:  # pragma: no cover
            pass
        midnight = hasattr(value, "hour") and not (value.hour or value.minute)
        return value.isoformat()[:10] if midnight else value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (str, int, bool, float)):
        return value
    try:
        import pandas as pd
        if pd.isna(value):
            return None
    except (TypeError, ValueError, ImportError):
        pass
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def signer_lines(signer: Signer, tham_quyen: str) -> list[str]:
    """Signing block lines (Nghị định 30/2020, Phụ lục I): "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" …"""
    role = " ".join(signer.chuc_vu.split()).lower()
    lines: list[str] = []
    if tham_quyen == "tap-the":
        lines.append("TM. ỦY BAN NHÂN DÂN")
    if role == "chủ tịch":
        lines.append("CHỦ TỊCH")
    elif role.startswith("phó chủ tịch"):
        lines += ["KT. CHỦ TỊCH", signer.chuc_vu.upper()]
    else:
        lines.append(signer.chuc_vu.upper())
    return lines


def frame_context(env: DocEnv, settings: dict[str, Any], *, year: int, month: int,
                  trich_yeu: str, noi_nhan: list[str], signer_name: str | None = None
                  ) -> dict[str, Any]:
    """The Decree 30 frame every template shares (number and day left blank: a draft)."""
    p = env.profile
    dong_1, dong_2 = p.header_lines
    signer = p.signer(signer_name)
    chu_the = None
    if settings.get("chu_the"):
        chu_the = f"CHỦ TỊCH {dong_1} {dong_2}".strip()
    return {
        "don_vi": {"co_quan_chu_quan": p.co_quan_chu_quan, "ten_dong_1": dong_1,
                   "ten_dong_2": dong_2, "dia_danh": p.dia_danh, "ten_don_vi": p.ten_don_vi},
        "van_ban": {"so": None, "ky_hieu": f"{settings['ky_hieu_loai']}-{p.ky_hieu_co_quan}",
                    "ngay": None, "thang": month, "nam": year, "ban_hanh": False,
                    "ten_loai": settings["ten_loai"], "trich_yeu": trich_yeu, "chu_the": chu_the},
        "ky": {"dong": signer_lines(signer, settings["tham_quyen"]), "ho_ten": signer.ho_ten},
        "noi_nhan": [n for n in noi_nhan if not _is_luu(n)],
        "luu": luu_line(noi_nhan, p.don_vi_soan_thao),
    }


def _is_luu(line: str) -> bool:
    return line.lstrip().startswith("Lưu:")


def luu_line(noi_nhan: list[str], don_vi_soan_thao: str) -> str:
    """The last recipient line, which the frame prints after the others: "Lưu: VT, VP" with
    the drafting unit of the profile (don_vi.yaml `don_vi_soan_thao`), unless the list itself
    holds a "Lưu: …" line — a plan the clerk wrote, or a kind whose drafting unit differs
    (a payment drafted by the accountant) — which is then printed as written."""
    given = [n.strip() for n in noi_nhan if _is_luu(n)]
    return given[-1] if given else f"Lưu: VT, {don_vi_soan_thao}"


def profile_cells(env: DocEnv) -> dict[str, Any]:
    """The unit-profile fields the frame reads (part of every fingerprint)."""
    p = env.profile
    return {"don_vi.yaml|ten_don_vi": p.ten_don_vi, "don_vi.yaml|dia_danh": p.dia_danh,
            "don_vi.yaml|co_quan_chu_quan": p.co_quan_chu_quan,
            "don_vi.yaml|ky_hieu_co_quan": p.ky_hieu_co_quan,
            "don_vi.yaml|don_vi_soan_thao": p.don_vi_soan_thao,
            "don_vi.yaml|nguoi_ky": [(s.ho_ten, s.chuc_vu) for s in p.nguoi_ky]}
