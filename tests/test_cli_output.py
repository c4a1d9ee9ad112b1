"""What the clerk reads (issue 12 items 11, 12): no English, output that is not cut when it
goes to a file or a pipe, where warnings can be read, issued documents whose data changed."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from hoagiai.cli import main
from hoagiai.errors import os_error_text, vietnamese


def _invoke(ws, *args):
    return CliRunner().invoke(main, ["--inputs", str(ws / "inputs"), "--outputs", str(ws / "outputs"), *args])


def _long_cccd(ws) -> str:
    """A roster cell whose finding message is long (a bad CCCD), in a deep outputs folder."""
    path = ws / "inputs" / "hoa_giai_vien.xlsx"
    wb = openpyxl.load_workbook(path)
    wb.worksheets[0]["M3"] = "03108299924X"
    wb.save(path)
    return "03108299924X"


def test_validate_table_is_not_cut_to_80_columns_when_not_a_terminal(demo_workspace):
    deep = demo_workspace / ("thu-muc-ket-qua-co-ten-rat-dai-" * 3)
    value = _long_cccd(demo_workspace)
    res = CliRunner().invoke(main, ["--inputs", str(demo_workspace / "inputs"), "--outputs", str(deep),
                                    "validate"])
    assert res.exit_code == 1
    data = CliRunner().invoke(main, ["--inputs", str(demo_workspace / "inputs"), "--outputs", str(deep),
                                     "validate", "--json"])
    findings = json.loads(data.stdout)["findings"]
    message = next(f["message"] for f in findings if f["value"] == value)
    assert len(message) > 60
    assert any(message in line for line in res.stdout.splitlines())          # whole, on one line
    annotated = str(deep / "kiem-tra-du-lieu" / "hoa_giai_vien.loi.xlsx")
    assert any(annotated in line for line in res.stdout.splitlines())
    assert "…" not in res.stdout


def test_build_summary_says_where_warnings_are_read(demo_workspace):
    res = _invoke(demo_workspace, "build", "--month", "2026-12", "--no-pdf", "--doc", "qd-kien-toan")
    assert res.exit_code == 0, res.output
    line = next(x for x in res.stdout.splitlines() if x.startswith("Xem cảnh báo dữ liệu"))
    assert "`validate`" in line and str(demo_workspace / "outputs" / "kiem-tra-du-lieu" / "vu_viec.loi.xlsx") in line
    path = str(demo_workspace / "outputs" / "2026" / "qd-kien-toan-2026.docx")
    assert any(path in x for x in res.stdout.splitlines())                   # the full path, not cut


def test_status_shows_an_issued_document_whose_data_changed(demo_workspace):
    assert _invoke(demo_workspace, "build", "--month", "2026-12", "--no-pdf", "--doc", "qd-kien-toan").exit_code == 0
    res = _invoke(demo_workspace, "issue", "qd-kien-toan-2026", "--number", "3", "--date", "2026-11-20", "--no-pdf")
    assert res.exit_code == 0, res.output
    before = json.loads(_invoke(demo_workspace, "status", "--json").stdout)["documents"]
    assert not next(d for d in before if d["id"] == "qd-kien-toan-2026")["data_changed"]
    path = demo_workspace / "inputs" / "hoa_giai_vien.xlsx"
    wb = openpyxl.load_workbook(path)
    wb.worksheets[0]["B3"] = "Âu Ngọc Ướt"
    wb.save(path)
    _invoke(demo_workspace, "build", "--month", "2026-12", "--no-pdf", "--doc", "qd-kien-toan")
    after = json.loads(_invoke(demo_workspace, "status", "--json").stdout)["documents"]
    assert next(d for d in after if d["id"] == "qd-kien-toan-2026")["data_changed"]
    text = _invoke(demo_workspace, "status").stdout
    line = next(x for x in text.splitlines() if x.lstrip("│ ").startswith("qd-kien-toan-2026 "))
    # the build drafted the correcting document (hoagiai.corrections): status says so
    assert "đã ban hành, đã soạn văn bản đính chính (chờ ban hành)" in line


def test_errno_texts_become_vietnamese():
    assert os_error_text(PermissionError(errno.EACCES, "Permission denied", "/x/a.docx")) == (
        "không có quyền truy cập (tệp có đang mở trong Excel/Word không, hoặc thư mục có bị khóa chỉ đọc "
        "không?) (tệp: /x/a.docx).")
    for err, words in ((errno.ENOENT, "không tìm thấy tệp hoặc thư mục"), (errno.ENOSPC, "ổ đĩa đã hết chỗ"),
                       (errno.EROFS, "ổ đĩa chỉ cho phép đọc"), (errno.EISDIR, "đây là một thư mục")):
        assert os_error_text(OSError(err, "x")).startswith(words)
    msg = vietnamese("Không ghi được tệp: [Errno 13] Permission denied: '/o/a.docx'.")
    assert msg == ("Không ghi được tệp: không có quyền truy cập (tệp có đang mở trong Excel/Word không, "
                   "hoặc thư mục có bị khóa chỉ đọc không?) (tệp: /o/a.docx).")
    assert vietnamese("lỗi đọc tệp (Read-only file system)") == \
        "lỗi đọc tệp (ổ đĩa chỉ cho phép đọc (ví dụ USB bị khóa ghi); hãy chọn thư mục khác)"


def test_an_unexpected_os_error_is_told_in_vietnamese_without_english(demo_workspace, monkeypatch):
    import hoagiai.engine.document_status as status

    def boom(ws):
        raise PermissionError(errno.EACCES, "Permission denied", str(ws.outputs / "x"))

    monkeypatch.setattr(status, "status", boom)
    res = _invoke(demo_workspace, "status")
    assert res.exit_code == 3
    assert "không có quyền truy cập" in res.stderr and "Permission denied" not in res.stderr
    assert "PermissionError" not in res.stderr and "Errno" not in res.stderr


def test_an_unexpected_exception_shows_no_class_name_without_debug(demo_workspace, monkeypatch):
    import hoagiai.engine.document_status as status

    def boom(ws):
        raise KeyError("internal_key")

    monkeypatch.setattr(status, "status", boom)
    res = _invoke(demo_workspace, "status")
    assert res.exit_code == 3
    assert "lỗi nội bộ không lường trước" in res.stderr and "--debug" in res.stderr
    assert "KeyError" not in res.stderr and "internal_key" not in res.stderr
    debug = _invoke(demo_workspace, "status", "--debug")
    assert "KeyError" in debug.stderr


def test_yaml_parser_wording_never_reaches_the_clerk(demo_workspace, tmp_path):
    plan = demo_workspace / "inputs" / "ke_hoach_2026.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "nguoi_ky: Nguyễn Đức Thắng", "nguoi_ky: Người ký: Nguyễn Đức Thắng"), encoding="utf-8")
    res = _invoke(demo_workspace, "validate")
    assert "có dấu hai chấm “:” không đúng chỗ" in res.stdout
    assert "mapping values" not in res.stdout
    rules = tmp_path / "rules"
    import shutil

    shutil.copytree(Path(__file__).resolve().parents[1] / "rules", rules)
    (rules / "kiem_tra" / "hang.yaml").write_text("version: 1\nquy_tac:\n\t- a\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["--inputs", str(demo_workspace / "inputs"), "--rules", str(rules),
                                    "--outputs", str(demo_workspace / "outputs"), "validate"])
    assert res.exit_code == 2
    assert "dòng 3, cột 1: có ký tự không được phép ở đầu giá trị — thường là phím Tab" in res.stderr
    assert "cannot start any token" not in res.stderr and "while scanning" not in res.stderr


def test_a_locked_state_database_is_told_as_a_busy_workspace(demo_workspace, monkeypatch):
    import sqlite3

    import hoagiai.engine.document_status as status

    def locked(ws):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(status, "status", locked)
    res = _invoke(demo_workspace, "status")
    assert res.exit_code == 3
    assert "sổ theo dõi văn bản đang bị một lệnh khác dùng" in res.stderr
    assert "database is locked" not in res.stderr and "lỗi nội bộ" not in res.stderr


def test_broken_plan_yaml_is_explained_in_vietnamese_in_the_json_too(tmp_path):
    """The plan file's parser error reaches `validate --json` in Vietnamese, with its line."""
    import shutil

    root = Path(__file__).resolve().parents[1]
    inputs = tmp_path / "inputs"
    shutil.copytree(root / "inputs", inputs)
    (inputs / "ke_hoach_2026.yaml").write_text("nam: 2026\ntrich_yeu: a: b\n", encoding="utf-8")
    res = _invoke(tmp_path, "validate", "--json")
    found = [f for f in json.loads(res.stdout)["findings"] if f["file"] == "ke_hoach_2026.yaml"]
    assert found and found[0]["row"] == 2
    assert "YAML không hợp lệ ở dòng 2" in found[0]["message"]
    assert "mapping values" not in found[0]["message"]
