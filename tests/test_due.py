"""`due`: deadlines from the calendar, document state from the build state, working days, the
iCalendar file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from hoagiai import due
from hoagiai.rulefiles import lich_bao_cao
from hoagiai.engine.state import State, Version
from hoagiai.workspace import Workspace
from report_fixtures import RULES, inputs

TODAY = dt.date(2026, 6, 10)


@pytest.fixture
def ws(tmp_path) -> Workspace:
    return Workspace.make(Path(__file__).resolve().parents[1] / "inputs", tmp_path / "outputs")


def rows_by_id(rows):
    return {r.doc_id: r for r in rows}


def _record(ws: Workspace, job, *, issued: bool = False, fingerprint: str | None = None) -> None:
    from hoagiai.engine.fingerprint import fingerprints

    fp, data_fp = fingerprints(ws, job)
    with State(ws.outputs) as s:
        s.add_version(Version(doc_id=job.id, version=1, kind=job.kind, title=job.title, year=job.year,
                              month=job.month, fingerprint=fingerprint or fp, data_fp=data_fp, docx="x.docx",
                              docx_sha="", pdf=None, pdf_sha=None, cells={}, rows={}, issued=issued,
                              number=5 if issued else None, issue_date=None, built_at="2026-06-01T00:00:00",
                              change=None))


def test_six_month_report_is_listed_with_deadline_and_state(ws):
    rows = due.due(ws, TODAY, inputs=inputs())
    six = rows_by_id(rows)["bc-hoa-giai-2026-6t"]
    assert six.due == dt.date(2026, 6, 20) and six.days_left == 10
    assert six.state == "not-built" and six.label == "chưa dựng"
    assert six.period == {"from": "2026-01-01", "to": "2026-06-30"}
    assert "giá trị minh họa" in six.note
    assert rows == sorted(rows, key=lambda r: (r.due, r.doc_id))


def test_payment_deadlines_count_working_days_and_holidays(ws):
    ids = rows_by_id(due.due(ws, TODAY, horizon_months=3, inputs=inputs()))
    # 30/6 (Tue) + 5 working days = 07/7; 31/8 (Mon) + 5 working days, 02/9 a holiday = 08/9
    assert ids["qd-thu-lao-2026-06"].due == dt.date(2026, 7, 7)
    assert ids["qd-thu-lao-2026-08"].due == dt.date(2026, 9, 8)
    assert ids["qd-thu-lao-2026-06"].severity == "warning"
    assert "qd-thu-lao-2026-09" not in ids                 # 07/10: beyond three months
    # May's decision (deadline 05/6, cases ended in May? none) is not listed; April's was due
    # 07/5 and is overdue while not issued
    assert "qd-thu-lao-2026-05" not in ids
    assert ids["qd-thu-lao-2026-04"].days_left < 0 and ids["qd-thu-lao-2026-04"].state == "not-built"


def test_states_follow_the_build_state(ws):
    from hoagiai.documents import bc_hoa_giai
    from hoagiai.documents.base import DocEnv, Month

    inp = inputs()
    env = DocEnv(inputs=inp, month=Month(2026, 6), rules_dir=ws.rules, templates_dir=ws.templates)
    job, = bc_hoa_giai.plan(env)
    _record(ws, job)
    assert rows_by_id(due.due(ws, TODAY, inputs=inp))["bc-hoa-giai-2026-6t"].state == "built"
    assert rows_by_id(due.due(ws, TODAY))["bc-hoa-giai-2026-6t"].state == "built"   # state only
    # the data changed since: stale
    changed = inputs(cases=[])
    assert rows_by_id(due.due(ws, TODAY, inputs=changed))["bc-hoa-giai-2026-6t"].state == "stale"


def test_issued_and_issued_then_changed(ws):
    from hoagiai.documents import bc_hoa_giai
    from hoagiai.documents.base import DocEnv, Month

    inp = inputs()
    job, = bc_hoa_giai.plan(DocEnv(inputs=inp, month=Month(2026, 6), rules_dir=ws.rules, templates_dir=ws.templates))
    _record(ws, job, issued=True)
    row = rows_by_id(due.due(ws, TODAY, inputs=inp))["bc-hoa-giai-2026-6t"]
    assert (row.state, row.issued, row.version) == ("issued", True, 1)
    row = rows_by_id(due.due(ws, TODAY, inputs=inputs(cases=[])))["bc-hoa-giai-2026-6t"]
    assert row.state == "stale" and row.issued and row.label == "đã ban hành, dữ liệu đã thay đổi"


def test_ics_has_one_event_per_deadline(ws, tmp_path):
    rows = due.due(ws, TODAY, horizon_months=6, inputs=inputs())
    path = tmp_path / "han.ics"
    due.ics(rows, path, today=TODAY, remind_days=lich_bao_cao.load(RULES).remind_days)
    cal = Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == len(rows) >= 5
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) and "bc-hoa-giai-2026-6t@hoagiai" in uids
    six = events[uids.index("bc-hoa-giai-2026-6t@hoagiai")]
    assert six.decoded("DTSTART") == dt.date(2026, 6, 20)           # all-day DATE
    assert str(six["SUMMARY"]) == "Hạn: Báo cáo kết quả công tác hòa giải ở cơ sở 6 tháng đầu năm 2026"
    alarm, = six.walk("VALARM")
    assert alarm.decoded("TRIGGER") == dt.timedelta(days=-3)
    # stable: the same list gives the same bytes
    again = tmp_path / "again.ics"
    due.ics(rows, again, today=TODAY, remind_days=3)
    assert again.read_bytes() == path.read_bytes()


def test_json_and_table(ws, capsys):
    rows = due.due(ws, TODAY, inputs=inputs())
    obj = due.to_json(rows, TODAY)
    json.dumps(obj, ensure_ascii=False)
    first = obj["deadlines"][0]
    assert first["doc_id"] == "bc-hoa-giai-2026-6t" or first["days_left"] < 0
    assert {"doc_id", "kind", "title", "due", "days_left", "state", "state_label", "issued", "period",
            "note"} <= set(first)
    from rich.console import Console

    console = Console(width=200, record=True)
    from hoagiai.cli.views.due import print_due

    print_due(rows, console)
    assert "bc-hoa-giai-2026-6t" in console.export_text()


def test_calendar_periods_both_regimes():
    cal = lich_bao_cao.load(RULES)
    assert cal.period("thong-ke", "6-thang-dau", 2026).as_dict() == {"from": "2026-01-01", "to": "2026-06-30"}
    assert cal.period("nd-09", "6-thang-dau", 2026).as_dict() == {"from": "2025-12-15", "to": "2026-06-14"}
    assert cal.period("nd-09", "nam", 2026).as_dict() == {"from": "2025-12-15", "to": "2026-12-14"}
    reps = {r.doc_id: r for r in cal.reports("bc-hoa-giai", 2026)}
    assert reps["bc-hoa-giai-2026-nam"].first_build == dt.date(2026, 11, 1)
    assert cal.add_working_days(dt.date(2026, 4, 29), 2) == dt.date(2026, 5, 5)   # 30/4, 1/5 holidays, weekend


def test_the_command_prints_json_and_writes_ics(tmp_path):
    from click.testing import CliRunner

    from hoagiai.cli import main

    demo = Path(__file__).resolve().parents[1] / "inputs"
    res = CliRunner().invoke(main, ["--inputs", str(demo), "--outputs", str(tmp_path / "out"), "due",
                                    "--today", TODAY.isoformat(), "--ics", str(tmp_path / "h.ics"), "--json"])
    code = res.exit_code
    assert code == 0, res.output
    obj = json.loads(res.stdout)
    assert obj["today"] == "2026-06-10"
    assert any(d["doc_id"] == "bc-hoa-giai-2026-6t" for d in obj["deadlines"])
    assert len(Calendar.from_ical((tmp_path / "h.ics").read_bytes()).walk("VEVENT")) == len(obj["deadlines"])
