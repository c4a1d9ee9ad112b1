"""The monthly build: rebuild exactly what changed, keep every version, never touch an
issued document (issue: the monthly build)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import run_cli

from hoagiai import docx_text


def _doc(out: dict, doc_id: str) -> dict:
    return next(d for d in out["documents"] if d["id"] == doc_id)


def _files(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file() and ".hoagiai" not in p.parts}


def test_second_build_changes_no_file(plan_workspace):
    code, first = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    assert code == 0, first
    assert _doc(first, "ke-hoach-2026")["state"] == "built"
    before = _files(plan_workspace / "outputs")
    code, second = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    assert code == 0
    assert _doc(second, "ke-hoach-2026")["state"] == "unchanged"
    assert _files(plan_workspace / "outputs") == before


def test_two_builds_of_the_same_inputs_give_identical_docx_bytes(plan_workspace, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(plan_workspace / "inputs", other / "inputs")
    for ws in (plan_workspace, other):
        code, _ = run_cli(ws, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
        assert code == 0
    a = (plan_workspace / "outputs" / "2026" / "ke-hoach-2026.docx").read_bytes()
    b = (other / "outputs" / "2026" / "ke-hoach-2026.docx").read_bytes()
    assert a == b


def _edit_plan(ws: Path, old: str, new: str) -> None:
    p = ws / "inputs" / "ke_hoach_2026.yaml"
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_change_makes_a_new_version_and_keeps_the_previous_one(plan_workspace):
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    v1 = (plan_workspace / "outputs" / "2026" / "ke-hoach-2026.docx").read_bytes()
    _edit_plan(plan_workspace, "Lưu: VT, VP", "Lưu: VT, VP, TP")
    code, out = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    assert code == 0
    doc = _doc(out, "ke-hoach-2026")
    assert doc["state"] == "built" and doc["version"] == 2
    previous = Path(doc["previous"])
    assert previous.name == "ke-hoach-2026.v1.docx" and previous.read_bytes() == v1
    assert "- Lưu: VT, VP, TP." in docx_text.paragraphs(Path(doc["docx"]))
    record = Path(doc["change"]).read_text(encoding="utf-8")
    assert "ke_hoach_2026.yaml" in record and "Lưu: VT, VP, TP" in record


def test_issue_renders_the_final_form_and_the_register_refuses_reuse(plan_workspace):
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    code, out = run_cli(plan_workspace, "issue", "ke-hoach-2026", "--number", "5",
                        "--date", "2026-05-05", "--no-pdf", "--json")
    assert code == 0, out
    lines = docx_text.paragraphs(Path(out["docx"]))
    assert "Số: 05/KH-UBND" in lines
    assert "An Thành, ngày 05 tháng 5 năm 2026" in lines
    # issuing twice is refused
    code, _ = run_cli(plan_workspace, "issue", "ke-hoach-2026", "--number", "6", "--date", "2026-05-06",
                      "--no-pdf")
    assert code == 1


def test_issue_date_outside_the_document_year_is_refused(plan_workspace):
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    code, _ = run_cli(plan_workspace, "issue", "ke-hoach-2026", "--number", "1", "--date", "2027-01-03",
                      "--no-pdf")
    assert code == 1


def test_numbers_restart_each_year(plan_workspace):
    src = plan_workspace / "inputs" / "ke_hoach_2026.yaml"
    (plan_workspace / "inputs" / "ke_hoach_2025.yaml").write_text(
        src.read_text(encoding="utf-8").replace("nam: 2026", "nam: 2025"), encoding="utf-8")
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    assert run_cli(plan_workspace, "issue", "ke-hoach-2025", "--number", "1", "--date", "2025-05-02",
                   "--no-pdf")[0] == 0
    assert run_cli(plan_workspace, "issue", "ke-hoach-2026", "--number", "1", "--date", "2026-05-04",
                   "--no-pdf")[0] == 0


def test_an_issued_document_survives_a_data_change_and_is_reported_stale(plan_workspace):
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    run_cli(plan_workspace, "issue", "ke-hoach-2026", "--number", "5", "--date", "2026-05-05", "--no-pdf")
    current = plan_workspace / "outputs" / "2026" / "ke-hoach-2026.docx"
    issued_bytes, issued_mtime = current.read_bytes(), current.stat().st_mtime_ns
    _edit_plan(plan_workspace, "Lưu: VT, VP", "Lưu: VT")
    code, out = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    doc = _doc(out, "ke-hoach-2026")
    # a changed "Nơi nhận" line is wording only: a công văn đính chính is drafted (rules/dinh_chinh.yaml)
    assert doc["state"] == "correction-drafted" and doc["issued"] is True
    assert any("đính chính" in r for r in doc["reasons"])
    assert _doc(out, "cv-dinh-chinh-ke-hoach-2026")["corrects"] == "ke-hoach-2026"
    assert any("ke_hoach_2026.yaml" in r for r in doc["reasons"])
    assert current.read_bytes() == issued_bytes and current.stat().st_mtime_ns == issued_mtime
    assert code == 0


def test_a_copy_edited_by_hand_is_set_aside_not_lost(plan_workspace):
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    current = plan_workspace / "outputs" / "2026" / "ke-hoach-2026.docx"
    current.write_bytes(current.read_bytes() + b"clerk")   # the clerk saved over it
    _edit_plan(plan_workspace, "Lưu: VT, VP", "Lưu: VT")
    code, out = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    assert code == 0
    aside = list((plan_workspace / "outputs" / "2026" / "phien-ban").glob("ke-hoach-2026.sua-tay-*.docx"))
    assert len(aside) == 1 and aside[0].read_bytes().endswith(b"clerk")
    assert any("sửa tay" in n for n in out["notes"])


def test_status_lists_versions(plan_workspace):
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    _edit_plan(plan_workspace, "Lưu: VT, VP", "Lưu: VT")
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    code, out = run_cli(plan_workspace, "status", "--json")
    assert code == 0
    (doc,) = [d for d in out["documents"] if d["id"] == "ke-hoach-2026"]
    assert [v["version"] for v in doc["versions"]] == [1, 2]


def test_no_temporary_files_are_left(plan_workspace):
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    assert not [p for p in (plan_workspace / "outputs").rglob("*.tmp")]
    assert os.path.exists(plan_workspace / "outputs" / ".hoagiai" / "state.sqlite")


def test_without_libreoffice_docx_are_built_and_the_pdf_gap_is_explained(plan_workspace, monkeypatch):
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(plan_workspace / "khong-co-soffice"))
    code, out = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--json")
    assert code == 3
    doc = _doc(out, "ke-hoach-2026")
    assert doc["state"] == "built" and doc["pdf"] is None and Path(doc["docx"]).exists()
    assert any("LibreOffice" in n for n in out["notes"])


def test_an_up_to_date_workspace_is_reported_unchanged_with_its_findings(plan_workspace):
    code, first = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    code, second = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    assert code == 0
    assert [d["state"] for d in second["documents"]] == ["unchanged"]
    assert second["findings"] == first["findings"] and second["counts"] == first["counts"]


def test_after_issuing_the_next_build_reports_the_document_issued(plan_workspace):
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    run_cli(plan_workspace, "issue", "ke-hoach-2026", "--number", "5", "--date", "2026-05-05", "--no-pdf")
    code, out = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    assert code == 0
    doc = _doc(out, "ke-hoach-2026")
    assert doc["issued"] is True and doc["state"] == "unchanged"


def test_a_deleted_output_is_rebuilt(plan_workspace):
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    current = plan_workspace / "outputs" / "2026" / "ke-hoach-2026.docx"
    data = current.read_bytes()
    current.unlink()
    code, out = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    assert code == 0 and current.read_bytes() == data


def test_a_temporary_file_left_by_a_killed_build_is_swept(plan_workspace):
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    year = plan_workspace / "outputs" / "2026"
    dead = year / ".ke-hoach-2026.docx.999999999.abc123.tmp"   # no such process
    dead.write_bytes(b"half")
    run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    assert not dead.exists()
