"""What `issue` refuses (docs/contract.md §5, issue 11 item 12; Nghị định 30/2020/NĐ-CP Điều 15):
each refusal exits 1, names the conflicting or neighbouring entry, and leaves the register
(and the records folder) exactly as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def ws(demo_workspace, monkeypatch):
    from conftest import run_cli

    import hoagiai.engine.issuing

    monkeypatch.setattr(hoagiai.engine.issuing, "_today", lambda: TODAY)
    code, out = run_cli(demo_workspace, "build", "--month", "2026-06", "--doc", "qd-thu-lao",
                        "--no-pdf", "--json")
    assert {"qd-thu-lao-2026-03", "qd-thu-lao-2026-04", "qd-thu-lao-2026-05"} <= \
        {d["id"] for d in out["documents"]}
    return demo_workspace


def _issue(ws: Path, doc: str, number: int, date: str) -> tuple[int, str]:
    from hoagiai.cli import main

    res = CliRunner().invoke(main, ["--inputs", str(ws / "inputs"), "--outputs", str(ws / "outputs"),
                                    "issue", doc, "--number", str(number), "--date", date, "--no-pdf"])
    return res.exit_code, res.stderr


def _snapshot(ws: Path) -> dict[str, bytes]:
    root = ws / "ho-so-ban-hanh"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _refused(ws: Path, doc: str, number: int, date: str, *phrases: str) -> None:
    before = _snapshot(ws)
    code, err = _issue(ws, doc, number, date)
    assert code == 1, err
    for p in phrases:
        assert p in err, err
    assert "Traceback" not in err
    assert _snapshot(ws) == before


def test_a_number_already_used_in_the_year_is_refused_naming_its_holder(ws):
    assert _issue(ws, "qd-thu-lao-2026-04", 10, "2026-05-04")[0] == 0
    _refused(ws, "qd-thu-lao-2026-05", 10, "2026-06-02",
             "Số 10 năm 2026 đã cấp cho văn bản qd-thu-lao-2026-04", "số 10/QĐ-UBND ngày 04/5/2026")


def test_a_lower_number_with_a_later_date_is_refused(ws):
    assert _issue(ws, "qd-thu-lao-2026-04", 10, "2026-05-04")[0] == 0
    _refused(ws, "qd-thu-lao-2026-05", 9, "2026-06-02",
             "sai thứ tự", "qd-thu-lao-2026-04", "số 10/QĐ-UBND ngày 04/5/2026", "Điều 15")


def test_a_higher_number_with_an_earlier_date_is_refused(ws):
    assert _issue(ws, "qd-thu-lao-2026-05", 10, "2026-06-02")[0] == 0
    _refused(ws, "qd-thu-lao-2026-04", 11, "2026-05-04",
             "sai thứ tự", "qd-thu-lao-2026-05", "số 10/QĐ-UBND ngày 02/6/2026")


def test_numbers_in_order_with_their_dates_are_accepted(ws):
    assert _issue(ws, "qd-thu-lao-2026-03", 4, "2026-04-02")[0] == 0
    assert _issue(ws, "qd-thu-lao-2026-05", 9, "2026-06-02")[0] == 0
    assert _issue(ws, "qd-thu-lao-2026-04", 6, "2026-05-04")[0] == 0   # a gap filled in order
    assert _issue(ws, "qd-thu-lao-2026-02", 4, "2026-04-02")[0] == 1   # number taken


def test_a_date_before_the_first_day_of_the_documents_month_is_refused(ws):
    # a payment decision for May's cases is dated in June (its cases end up to 31/5)
    _refused(ws, "qd-thu-lao-2026-05", 3, "2026-05-31", "trước ngày 01/6/2026", "qd-thu-lao-2026-05")


def test_a_date_after_today_is_refused(ws):
    _refused(ws, "qd-thu-lao-2026-05", 3, "2026-06-16", "sau ngày hôm nay (15/6/2026)")


def test_a_date_outside_the_documents_year_is_refused(ws):
    _refused(ws, "qd-thu-lao-2026-05", 3, "2025-12-30", "không thuộc năm 2026")


def test_a_document_already_issued_is_refused(ws):
    assert _issue(ws, "qd-thu-lao-2026-05", 3, "2026-06-02")[0] == 0
    _refused(ws, "qd-thu-lao-2026-05", 4, "2026-06-03", "qd-thu-lao-2026-05 đã ban hành",
             "số 03/QĐ-UBND ngày 02/6/2026")
