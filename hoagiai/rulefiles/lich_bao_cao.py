"""The reporting calendar as data: `rules/lich_bao_cao.yaml` (docs/domain.md, Decision 2).

Two ways of cutting a reporting period are supported — the statistical window of Thông tư
03/2019/TT-BTP (`thong-ke`) and the data cut-off of Nghị định 09/2019/NĐ-CP (`nd-09`) — and the
rule file says which one each report uses, from which month it may first be built and when it is
due. Payment decisions are monthly; their deadline counts working days from an assumed
complete-file date. Nothing here knows a date or a law: it only reads the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import schema as rules
from ..definitions import month_end
from ..errors import RuleFileError

FILE = "lich_bao_cao.yaml"

_DAY = {"type": "map", "required": ["ngay", "thang"], "keys": {
    "ngay": {"type": "int"}, "thang": {"type": "int"}, "nam_truoc": {"type": "bool"}}}
_WINDOW = {"type": "map", "required": ["tu", "den"], "keys": {"tu": _DAY, "den": _DAY}}
SCHEMA = {"type": "map", "required": ["ky_bao_cao", "bao_cao", "thu_lao"], "keys": {
    "ky_bao_cao": {"type": "map", "values": {"type": "list", "min": 1, "items": {
        "type": "map", "required": ["ten", "van_ban", "ky", "nguon", "hieu_luc_tu"], "keys": {
            "ten": {"type": "str"}, "van_ban": {"type": "str"},
            "ky": {"type": "map", "values": _WINDOW}, **rules.DATED}}}},
    "bao_cao": {"type": "list", "items": {
        "type": "map", "required": ["loai", "ma", "ky", "che_do", "dung_tu_thang", "nguon", "hieu_luc_tu"],
        "keys": {"loai": {"type": "str"}, "ma": {"type": "str"}, "ky": {"type": "str"},
                 "che_do": {"type": "str"}, "dung_tu_thang": {"type": "int"},
                 "han_gui": {**_DAY, "nullable": True}, "minh_hoa": {"type": "bool"},
                 "uoc_tinh": {"type": "map", "required": ["thuc_te_den", "nguon"], "keys": {
                     "thuc_te_den": _DAY, "nguon": {"type": "str"}}},
                 **rules.DATED}}},
    "thu_lao": {"type": "list", "min": 1, "items": {
        "type": "map", "required": ["loai", "chu_ky", "ngay_lam_viec", "tinh_tu", "nguon", "hieu_luc_tu"],
        "keys": {"loai": {"type": "str"}, "chu_ky": {"type": "enum", "values": ["thang"]},
                 "ngay_lam_viec": {"type": "int"},
                 "tinh_tu": {"type": "enum", "values": ["cuoi-thang"]},
                 "muc_do": {"type": "enum", "values": ["warning"]}, **rules.DATED}}},
    "nhac_truoc_ngay": {"type": "int"},
    "ngay_nghi_co_dinh": {"type": "list", "items": {"type": "map", "required": ["ngay"], "keys": {
        "ngay": {"type": "str"}, "ten": {"type": "str"}}}},
    "ngay_nghi_nguon": {"type": "str"},
    "ngay_nghi": {"type": "list", "items": {"type": "date"}},
}}


@dataclass(frozen=True)
class Period:
    """One reporting period: [start, end], the regime it follows and that regime's source."""
    start: dt.date
    end: dt.date
    che_do: str              # "thong-ke" | "nd-09"
    ten_che_do: str          # "kỳ báo cáo thống kê"
    van_ban: str             # "Thông tư số 03/2019/TT-BTP ngày 20/3/2019 của Bộ trưởng Bộ Tư pháp"

    def as_dict(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


@dataclass(frozen=True)
class Report:
    """One report of one year, as the calendar defines it."""
    kind: str
    ma: str                  # id suffix: "6t", "nam", "" (bc-de-an)
    year: int
    ky: str                  # hoagiai.vn.periods kind: "6-thang-dau" | "nam"
    period: Period
    first_build: dt.date     # the report exists from this day (build month ≥ its month)
    deadline: dt.date | None
    illustrative: bool       # the deadline is a demo value (a warning, never printed)
    nguon: str
    actual_to: dt.date | None = None   # early report: actual figures to this day, the rest estimated
    estimate_basis: str | None = None  # the statistics rule that allows the estimate

    def figures_to(self, build_month_last: dt.date) -> dt.date:
        """The day the report's figures run to: the period end, or earlier — the calendar's
        actual-data cut-off of an early (estimated) report, and never after the build month."""
        return min(self.actual_to or self.period.end, self.period.end, build_month_last)

    @property
    def doc_id(self) -> str:
        return f"{self.kind}-{self.year}" + (f"-{self.ma}" if self.ma else "")


@dataclass(frozen=True)
class PaymentRule:
    working_days: int
    basis: str
    severity: str


class Calendar:
    def __init__(self, data: dict, path: str):
        self.data = data
        self.path = path

    # --- periods --------------------------------------------------------------------
    def period(self, che_do: str, ky: str, year: int) -> Period:
        versions = self.data["ky_bao_cao"].get(che_do)
        if not versions:
            raise RuleFileError(self.path, f"ky_bao_cao.{che_do}", "chế độ kỳ báo cáo này không có trong tệp.")
        # the version in force on the period's nominal end (31/12 or 30/6 of the year)
        probe = dt.date(year, 12, 31) if ky == "nam" else dt.date(year, 6, 30)
        entries = rules.pick_in_force(versions, probe)
        if not entries:
            raise RuleFileError(self.path, f"ky_bao_cao.{che_do}",
                                f"không có định nghĩa kỳ báo cáo có hiệu lực năm {year}.")
        entry = entries[-1]
        window = entry["ky"].get(ky)
        if window is None:
            raise RuleFileError(self.path, f"ky_bao_cao.{che_do}.ky.{ky}", "thiếu định nghĩa kỳ này.")
        start = self._day(window["tu"], year, f"ky_bao_cao.{che_do}.ky.{ky}.tu")
        end = self._day(window["den"], year, f"ky_bao_cao.{che_do}.ky.{ky}.den")
        if end < start:
            raise RuleFileError(self.path, f"ky_bao_cao.{che_do}.ky.{ky}", "ngày cuối kỳ trước ngày đầu kỳ.")
        return Period(start, end, che_do, entry["ten"], entry["van_ban"])

    def _day(self, d: dict, year: int, key: str) -> dt.date:
        try:
            return dt.date(year - 1 if d.get("nam_truoc") else year, d["thang"], d["ngay"])
        except ValueError as exc:
            raise RuleFileError(self.path, key, f"ngày không hợp lệ ({exc}).") from exc

    # --- reports --------------------------------------------------------------------
    def reports(self, kind: str, year: int) -> list[Report]:
        """The reports of `kind` for `year`, each with its period, first-build day and deadline."""
        out: list[Report] = []
        for i, e in enumerate(self.data["bao_cao"]):
            if e["loai"] != kind:
                continue
            key = f"bao_cao[{i}]"
            if not 1 <= e["dung_tu_thang"] <= 12:
                raise RuleFileError(self.path, f"{key}.dung_tu_thang", "phải từ 1 đến 12.")
            first = dt.date(year, e["dung_tu_thang"], 1)
            if not rules.in_force(e, first):
                continue
            period = self.period(e["che_do"], e["ky"], year)
            deadline = None
            if e.get("han_gui"):
                deadline = self._day(e["han_gui"], year, f"{key}.han_gui")
            actual_to = self._actual_to(e, key, year, period, deadline)
            out.append(Report(kind=kind, ma=e["ma"], year=year, ky=e["ky"], period=period,
                              first_build=first, deadline=deadline,
                              illustrative=bool(e.get("minh_hoa")), nguon=e["nguon"], actual_to=actual_to,
                              estimate_basis=(e.get("uoc_tinh") or {}).get("nguon")))
        return out

    def _actual_to(self, e: dict, key: str, year: int, period: Period, deadline: dt.date | None) -> dt.date | None:
        """The actual-data cut-off of an estimated report; a deadline before the period's end
        is allowed only for such a report, and never before its actual-data cut-off."""
        est = e.get("uoc_tinh")
        if est is None:
            if deadline is not None and deadline < period.end:
                raise RuleFileError(self.path, f"{key}.han_gui",
                                    f"hạn gửi {deadline:%d/%m/%Y} trước ngày cuối kỳ {period.end:%d/%m/%Y} mà báo "
                                    f"cáo không được đánh dấu là có số liệu ước tính (`uoc_tinh`).")
            return None
        actual_to = self._day(est["thuc_te_den"], year, f"{key}.uoc_tinh.thuc_te_den")
        if not period.start <= actual_to < period.end:
            raise RuleFileError(self.path, f"{key}.uoc_tinh.thuc_te_den",
                                f"ngày {actual_to:%d/%m/%Y} phải trong kỳ báo cáo và trước ngày cuối kỳ.")
        if deadline is not None and deadline < actual_to:
            raise RuleFileError(self.path, f"{key}.han_gui",
                                f"hạn gửi {deadline:%d/%m/%Y} trước ngày chốt số liệu thực tế {actual_to:%d/%m/%Y}.")
        return actual_to

    # --- payment decisions ----------------------------------------------------------
    def payment_rule(self, on: dt.date) -> PaymentRule | None:
        entries = rules.pick_in_force(self.data["thu_lao"], on)
        if not entries:
            return None
        e = entries[-1]
        return PaymentRule(e["ngay_lam_viec"], e["nguon"], e.get("muc_do", "warning"))

    def payment_deadline(self, year: int, month: int) -> dt.date | None:
        """Deadline of the payment decision for cases ended in (year, month), assuming the
        complete file arrives on the month's last day."""
        last = month_end(year, month)
        rule = self.payment_rule(last)
        if rule is None:
            return None
        return self.add_working_days(last, rule.working_days)

    # --- working days ---------------------------------------------------------------
    def holidays(self, year: int) -> set[dt.date]:
        out = {d for d in self.data.get("ngay_nghi", []) if d.year == year}
        for i, h in enumerate(self.data.get("ngay_nghi_co_dinh", [])):
            try:
                m, d = (int(x) for x in h["ngay"].split("-"))
                out.add(dt.date(year, m, d))
            except ValueError as exc:
                raise RuleFileError(self.path, f"ngay_nghi_co_dinh[{i}].ngay",
                                    "phải có dạng MM-DD, ví dụ 09-02.") from exc
        return out

    def is_working_day(self, d: dt.date) -> bool:
        return d.weekday() < 5 and d not in self.holidays(d.year)

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after `start` (the day itself not counted)."""
        d = start
        left = n
        while left > 0:
            d += dt.timedelta(days=1)
            if self.is_working_day(d):
                left -= 1
        return d

    def check(self, year: int) -> "Calendar":
        """Everything the calendar defines, worked out once for `year` (RuleFileError on the
        first period, deadline or holiday that does not make sense)."""
        for kind in dict.fromkeys(e["loai"] for e in self.data["bao_cao"]):
            self.reports(kind, year)
        self.holidays(year)
        return self

    @property
    def remind_days(self) -> int:
        return int(self.data.get("nhac_truoc_ngay", 3))


def load(rules_dir: Path) -> Calendar:
    path = Path(rules_dir) / FILE
    return Calendar(rules.load(path, SCHEMA), str(path))
