"""Issued documents and the register are records kept in `ho-so-ban-hanh/` beside `inputs/`
(issue 17 items 4, 6): they survive a deleted `outputs/`, are restored byte for byte, and a
record that disagrees with its copy is an error naming both."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import run_cli, two_plan_units

BUILD = ("build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")


def _issue(ws: Path, doc: str = "ke-hoach-2026", number: str = "5", date: str = "2026-05-05"):
    return run_cli(ws, "issue", doc, "--number", number, "--date", date, "--no-pdf", "--json")


def _doc(out: dict, doc_id: str) -> dict:
    return next(d for d in out["documents"] if d["id"] == doc_id)


def test_the_issued_copy_and_the_register_live_in_the_records_folder(plan_workspace):
    run_cli(plan_workspace, *BUILD)
    code, out = _issue(plan_workspace)
    assert code == 0, out
    kept = plan_workspace / "ho-so-ban-hanh" / "2026" / "ke-hoach-2026.docx"
    assert kept.read_bytes() == (plan_workspace / "outputs" / "2026" / "ke-hoach-2026.docx").read_bytes()
    assert Path(out["records"]["docx"]).resolve() == kept.resolve()
    db = sqlite3.connect(plan_workspace / "ho-so-ban-hanh" / "so-dang-ky.sqlite")
    row = db.execute("SELECT doc_id, number, issue_date, symbol, data_fp FROM register").fetchone()
    assert row[:4] == ("ke-hoach-2026", 5, "2026-05-05", "KH-UBND") and len(row[4]) == 64


def test_rm_rf_outputs_then_build_brings_every_issued_document_back_byte_identical(plan_workspace):
    run_cli(plan_workspace, *BUILD)
    _issue(plan_workspace)
    issued = (plan_workspace / "outputs" / "2026" / "ke-hoach-2026.docx").read_bytes()
    shutil.rmtree(plan_workspace / "outputs")
    code, out = run_cli(plan_workspace, *BUILD)
    assert code == 0, out
    doc = _doc(out, "ke-hoach-2026")
    assert doc["issued"] is True and doc["state"] == "unchanged"
    assert Path(doc["docx"]).read_bytes() == issued
    assert any("khôi phục" in n for n in out["notes"])
    code, st = run_cli(plan_workspace, "status", "--json")
    (row,) = [d for d in st["documents"] if d["id"] == "ke-hoach-2026"]
    assert row["state"] == "issued" and row["number"] == 5
    # the register survived too: the same number is still refused
    code, _ = _issue(plan_workspace, "ke-hoach-2026", "6", "2026-05-06")
    assert code == 1


def test_a_restored_document_still_refuses_a_second_issue_and_goes_stale_on_change(plan_workspace):
    run_cli(plan_workspace, *BUILD)
    _issue(plan_workspace)
    shutil.rmtree(plan_workspace / "outputs")
    plan = plan_workspace / "inputs" / "ke_hoach_2026.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Lưu: VT, VP", "Lưu: VT"), encoding="utf-8")
    code, out = run_cli(plan_workspace, *BUILD)
    assert _doc(out, "ke-hoach-2026")["state"] in ("stale", "correction-drafted")


def test_a_record_that_disagrees_with_its_copy_is_an_error_naming_both(plan_workspace):
    run_cli(plan_workspace, *BUILD)
    _issue(plan_workspace)
    kept = plan_workspace / "ho-so-ban-hanh" / "2026" / "ke-hoach-2026.docx"
    original = kept.read_bytes()
    kept.write_bytes(original + b"tampered")
    code, out = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf")
    assert code == 1
    from click.testing import CliRunner

    from hoagiai.cli import main

    res = CliRunner().invoke(main, ["--inputs", str(plan_workspace / "inputs"), "--outputs",
                                    str(plan_workspace / "outputs"), *BUILD[:-1]])
    assert res.exit_code == 1
    assert "so-dang-ky.sqlite" in res.stderr and str(kept) in res.stderr
    assert "ke-hoach-2026" in res.stderr and "không tự sửa" in res.stderr
    assert kept.read_bytes() == original + b"tampered"   # never silently "fixed"
    kept.unlink()
    res = CliRunner().invoke(main, ["--inputs", str(plan_workspace / "inputs"), "--outputs",
                                    str(plan_workspace / "outputs"), *BUILD[:-1]])
    assert res.exit_code == 1 and "không còn" in res.stderr


def test_a_multi_unit_workspace_keeps_one_records_folder_per_unit(tmp_path):
    two_plan_units(tmp_path)
    from hoagiai import records
    from hoagiai.workspace import Workspace

    ws = Workspace.make(tmp_path / "inputs", tmp_path / "outputs")
    assert [records.records_dir(u) for u in ws.units()] == [
        tmp_path / "ho-so-ban-hanh" / "xa-a", tmp_path / "ho-so-ban-hanh" / "xa-b"]


def test_a_register_kept_by_version_0_is_moved_into_the_records_folder(plan_workspace):
    run_cli(plan_workspace, *BUILD)
    _issue(plan_workspace)
    # make the workspace look like hoagiai 0.1.0 left it: register inside the state database
    db = sqlite3.connect(plan_workspace / "outputs" / ".hoagiai" / "state.sqlite")
    db.execute("INSERT INTO legacy_register (year, series, number, doc_id, symbol, issue_date) "
               "VALUES (2026, 'chung', 5, 'ke-hoach-2026', 'KH-UBND', '2026-05-05')")
    db.commit()
    db.close()
    shutil.rmtree(plan_workspace / "ho-so-ban-hanh")
    code, out = run_cli(plan_workspace, *BUILD)
    assert code == 0, out
    assert any("hồ sơ ban hành" in n for n in out["notes"])
    assert (plan_workspace / "ho-so-ban-hanh" / "2026" / "ke-hoach-2026.docx").exists()
    assert _issue(plan_workspace, "ke-hoach-2026", "6", "2026-05-06")[0] == 1


@pytest.mark.slow
def test_the_issued_pdf_is_kept_and_restored_byte_identical(plan_workspace):
    from hoagiai import convert

    if not convert.available():
        pytest.skip("LibreOffice is not installed here")
    run_cli(plan_workspace, *BUILD)
    code, out = run_cli(plan_workspace, "issue", "ke-hoach-2026", "--number", "5", "--date", "2026-05-05",
                        "--json")
    assert code == 0, out
    kept = plan_workspace / "ho-so-ban-hanh" / "2026" / "ke-hoach-2026.pdf"
    assert kept.read_bytes() == Path(out["pdf"]).read_bytes()
    shutil.rmtree(plan_workspace / "outputs")
    code, out = run_cli(plan_workspace, *BUILD)      # --no-pdf: the kept PDF comes back anyway
    doc = _doc(out, "ke-hoach-2026")
    assert Path(doc["pdf"]).read_bytes() == kept.read_bytes()
