"""`due`: the deadlines of the coming months and whether each document is ready (docs/contract.md §1).

Deadlines come from the reporting calendar (`rules/lich_bao_cao.yaml`): each report's
submission date (local settings; demo values are flagged) and each month's payment decision
(05 working days after an assumed complete file — a reminder only). For each deadline the
document's state is read from the build state (`hoagiai.engine.state.State`):

- `not-built` — never built;
- `built`     — a draft exists and matches the current data;
- `stale`     — built (or issued) but the data it reads has changed since;
- `issued`    — issued and still matching its data;
- `correction-drafted`, `corrected` — issued, and a correcting document of it is drafted / issued
  (`hoagiai.corrections`);
- `blocked`   — its data has errors, it cannot be built until they are fixed.

Telling `built` from `stale` needs the current data: `due(..., inputs=...)` plans the
documents and compares fingerprints; without inputs only the state database is read (and
nothing is ever `stale`). Overdue deadlines of documents not yet issued stay on the list.

`ics()` writes the list as an iCalendar file (one all-day event per deadline, stable UID, an
alarm a few days before).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import atomic
from .definitions import month_end
from .rulefiles import lich_bao_cao
from .documents.base import DocEnv, DocJob, Month
from .vn import nhan_ky, thang_nam

REPORT_KINDS = ("bc-hoa-giai", "bc-de-an")
PAYMENT_KIND = "qd-thu-lao"
STATE_LABEL = {"not-built": "chưa dựng", "built": "đã dựng (dự thảo)", "stale": "cần dựng lại",
               "issued": "đã ban hành", "blocked": "bị chặn do lỗi dữ liệu"}
STALE_ISSUED = "đã ban hành, dữ liệu đã thay đổi"


@dataclass
class Deadline:
    doc_id: str
    kind: str
    title: str
    due: dt.date
    days_left: int
    state: str                      # not-built | built | stale | issued | blocked | correction-…
    issued: bool
    version: int | None
    period: dict[str, str] | None
    basis: str                      # legal source or local setting of the deadline
    note: str | None                # Vietnamese remark (demo value, estimate, reminder only …)
    severity: str                   # "deadline" | "warning" (payment: reminder only)

    @property
    def label(self) -> str:
        if self.state == "stale" and self.issued:
            return STALE_ISSUED
        from .corrections import LABELS

        return STATE_LABEL.get(self.state) or LABELS[self.state]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["due"] = self.due.isoformat()
        d["state_label"] = self.label
        return d


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return dt.date(y, m, min(d.day, month_end(y, m).day))


def _settings(rules_dir: Path, kind: str) -> dict:
    from .rulefiles import van_ban

    return van_ban.load(Path(rules_dir), kind)


def due(ws, today: dt.date, horizon_months: int = 3, inputs=None) -> list[Deadline]:
    """Every deadline from `today` to `today + horizon_months`, plus overdue deadlines of this
    year whose document is not issued; sorted by date. `ws` is a hoagiai.workspace.Workspace;
    `inputs` (validated, optional) lets stale drafts be told from current ones."""
    cal = lich_bao_cao.load(ws.rules)
    end = _add_months(today, horizon_months)
    jobs = _planned(ws, inputs, today, end) if inputs is not None else {}

    candidates: list[tuple[str, str, str, dt.date, dict | None, str, str | None, str]] = []
    for year in range(today.year - 1, end.year + 1):
        for kind in REPORT_KINDS:
            settings = _settings(ws.rules, kind)
            for rep in cal.reports(kind, year):
                if rep.deadline is None:
                    continue
                title = settings["tieu_de"].format(ky=nhan_ky(rep.ky, year), nam=year)
                note = ("Hạn gửi là giá trị minh họa; thay bằng hạn do cấp trên giao."
                        if rep.illustrative else None)
                candidates.append((rep.doc_id, kind, title, rep.deadline, rep.period.as_dict(),
                                   rep.nguon, note, "deadline"))
        pay = _settings(ws.rules, PAYMENT_KIND)
        for m in range(1, 13):
            d = cal.payment_deadline(year, m)
            rule = cal.payment_rule(Month(year, m).last)
            if d is None or rule is None:
                continue
            month = Month(year, m)
            note = (f"Ước tính: {rule.working_days:02d} ngày làm việc kể từ khi nhận đủ hồ sơ (giả định "
                    f"ngày cuối tháng); chỉ để nhắc.")
            candidates.append((f"{PAYMENT_KIND}-{month}", PAYMENT_KIND,
                               pay["tieu_de"].format(thang=thang_nam(m, year)), d,
                               {"from": month.first.isoformat(), "to": month.last.isoformat()},
                               rule.basis, note, "warning"))

    from .engine.state import State

    from .corrections import links_in_state

    out: list[Deadline] = []
    with State(ws.outputs) as state:
        links = links_in_state(state)
        for doc_id, kind, title, when, period, basis, note, severity in candidates:
            latest, issued = state.latest(doc_id), state.issued(doc_id)
            job = jobs.get(doc_id)
            st = document_state(ws, job, latest, issued, inputs is not None)
            if issued is not None and links.get(doc_id):
                st = links[doc_id]
            in_window = today <= when <= end
            overdue = when < today and when.year == today.year and issued is None
            if kind == PAYMENT_KIND and when < today and job is None and latest is None:
                overdue = False          # no case ended that month: no decision to make
            if not (in_window or overdue):
                continue
            if job is not None:
                title = job.title
            if kind == PAYMENT_KIND and inputs is not None and job is None and latest is None \
                    and period is not None and dt.date.fromisoformat(period["from"]) <= today:
                note = "Chưa có vụ việc kết thúc trong tháng; " + (note or "")
            out.append(Deadline(doc_id=doc_id, kind=kind, title=title, due=when,
                                days_left=(when - today).days, state=st, issued=issued is not None,
                                version=shown.version if (shown := issued or latest) else None,
                                period=period, basis=basis, note=note, severity=severity))
    out.sort(key=lambda d: (d.due, d.doc_id))
    return out


def _planned(ws, inputs, today: dt.date, end: dt.date) -> dict[str, DocJob]:
    from .documents import module

    env = DocEnv(inputs=inputs, month=Month.of(max(today, end)), rules_dir=ws.rules,
                 templates_dir=ws.templates, today=today)
    out: dict[str, DocJob] = {}
    for kind in (*REPORT_KINDS, PAYMENT_KIND):
        for job in module(kind).plan(env):
            out[job.id] = job
    return out


def document_state(ws, job: DocJob | None, latest, issued, know_data: bool) -> str:
    """A document's state for `due` and the overview (blocked, stale, issued, built …)."""
    if job is not None and job.blocked and issued is None:
        return "blocked"
    fp = data_fp = None
    if job is not None and not job.blocked:
        from .engine.fingerprint import fingerprints

        fp, data_fp = fingerprints(ws, job)
    if issued is not None:
        if know_data and data_fp is not None and data_fp != issued.data_fp:
            return "stale"
        return "issued"
    if latest is None:
        return "not-built"
    if know_data and (job is None or fp != latest.fingerprint):
        return "stale"
    return "built"


# ----------------------------------------------------------------------------- outputs

def to_json(rows: list[Deadline], today: dt.date) -> dict[str, Any]:
    return {"today": today.isoformat(), "deadlines": [r.to_dict() for r in rows]}


def ics(rows: list[Deadline], path: str | Path, *, today: dt.date, remind_days: int = 3,
        unit: str | None = None) -> None:
    """Write the deadlines as an iCalendar file: one all-day VEVENT per deadline (UID stable
    per document), each with a display alarm `remind_days` before."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//hoagiai//Lịch báo cáo hòa giải ở cơ sở//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Hạn văn bản hòa giải ở cơ sở" + (f" — {unit}" if unit else ""))
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    for r in rows:
        ev = Event()
        ev.add("uid", f"{r.doc_id}@hoagiai")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", r.due)
        ev.add("dtend", r.due + dt.timedelta(days=1))
        ev.add("summary", f"Hạn: {r.title}")
        desc = [f"Mã văn bản: {r.doc_id}", f"Trạng thái: {r.label}", f"Căn cứ: {r.basis}"]
        if r.note:
            desc.append(r.note)
        ev.add("description", "\n".join(desc))
        ev.add("categories", ["Nhắc việc" if r.severity == "warning" else "Hạn báo cáo"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Sắp đến hạn: {r.title}")
        alarm.add("trigger", dt.timedelta(days=-remind_days))
        ev.add_component(alarm)
        cal.add_component(ev)
    atomic.write_bytes(path, cal.to_ical())


def collect(ws, today: dt.date, ics_path: str | None = None,
            horizon_months: int = 3) -> list[tuple[Any, list[Deadline]]]:
    """The `due` command's data: (unit workspace, its deadlines) for every unit, and the
    iCalendar file(s) written when `ics_path` is given (one per unit in a multi-unit
    workspace: `<name>-<unit>.ics`)."""
    from .engine.catalogue import load_inputs

    ws.check()
    results = []
    for unit in ws.units():
        rows = due(unit, today, horizon_months, inputs=load_inputs(unit, today))
        results.append((unit, rows))
        if ics_path:
            target = Path(ics_path)
            if unit.unit:
                target = target.with_name(f"{target.stem}-{unit.unit}{target.suffix}")
            ics(rows, target, today=today, remind_days=lich_bao_cao.load(unit.rules).remind_days,
                unit=unit.unit)
    return results


def results_json(results: list[tuple[Any, list[Deadline]]], today: dt.date) -> dict[str, Any]:
    if len(results) == 1 and results[0][0].unit is None:
        return to_json(results[0][1], today)
    return {"today": today.isoformat(), "units": {u.unit: to_json(r, today)["deadlines"] for u, r in results}}
