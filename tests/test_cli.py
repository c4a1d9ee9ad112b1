"""The command line (docs/contract.md §1): options anywhere, JSON only on stdout, exit codes, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from conftest import ROOT, run_cli

from hoagiai.cli import main

COMMANDS = {"validate", "build", "status", "due", "issue", "init", "check-templates", "register"}


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="pipeline.py")


def test_help_lists_every_contract_command_in_vietnamese():
    res = _invoke("--help")
    assert res.exit_code == 0
    assert "Cách dùng:" in res.output and "Lệnh:" in res.output and "Tùy chọn:" in res.output
    for cmd in COMMANDS:
        assert cmd in res.output


def test_readme_command_reference_is_generated_from_the_code():
    proc = subprocess.run([sys.executable, "-m", "tools.readme_help", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_unknown_option_is_a_usage_error():
    res = _invoke("build", "--bogus")
    assert res.exit_code == 2
    assert "Không có tùy chọn --bogus" in res.output
    assert "Traceback" not in res.output


def test_missing_inputs_folder_is_exit_2_without_traceback(tmp_path):
    res = _invoke("--inputs", str(tmp_path / "khong-co"), "--outputs", str(tmp_path / "out"), "validate")
    assert res.exit_code == 2
    assert "Không tìm thấy thư mục dữ liệu" in res.output
    assert "Traceback" not in res.output


def test_global_options_also_work_after_the_command_name(plan_workspace):
    res = _invoke("build", "--inputs", str(plan_workspace / "inputs"), "--outputs",
                  str(plan_workspace / "outputs"), "--doc", "ke-hoach", "--month", "2026-05",
                  "--no-pdf", "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["month"] == "2026-05"


def test_json_output_is_one_object_on_stdout(plan_workspace):
    code, out = run_cli(plan_workspace, "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf", "--json")
    assert code == 0 and isinstance(out, dict)
    assert set(out) >= {"month", "documents", "packet", "counts"}


def test_bad_profile_is_a_configuration_error(plan_workspace):
    (plan_workspace / "inputs" / "don_vi.yaml").write_text("ten_don_vi: [\n", encoding="utf-8")
    code, out = run_cli(plan_workspace, "validate")
    assert code == 2


def test_malformed_rule_file_names_the_file_and_key(plan_workspace, tmp_path):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    p = rules / "van_ban" / "ke-hoach.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("tham_quyen: chu-tich", "tham_quyen: ai-do"),
                 encoding="utf-8")
    res = _invoke("--inputs", str(plan_workspace / "inputs"), "--outputs", str(plan_workspace / "outputs"),
                  "--rules", str(rules), "build", "--doc", "ke-hoach", "--month", "2026-05", "--no-pdf")
    assert res.exit_code == 2
    assert "ke-hoach.yaml" in res.output and "tham_quyen" in res.output
    assert "Traceback" not in res.output


def test_debug_shows_the_traceback(tmp_path):
    res = _invoke("--debug", "--inputs", str(tmp_path / "khong-co"), "validate")
    assert res.exit_code == 2
    assert "Traceback" in res.output


def test_unknown_document_kind_is_a_usage_error(plan_workspace):
    code, _ = run_cli(plan_workspace, "build", "--doc", "qd-khong-co")
    assert code == 2


def test_bad_month_is_a_usage_error(plan_workspace):
    code, _ = run_cli(plan_workspace, "build", "--month", "2026-13")
    assert code == 2


def test_help_is_instant_without_heavy_imports():
    code = ("import sys, hoagiai.cli; heavy = [m for m in ('pandas', 'docxtpl', 'pypdf', 'openpyxl') "
            "if m in sys.modules]; print(heavy)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr


def test_validate_json_equals_the_library_report(demo_workspace):
    import openpyxl

    from hoagiai.annotate import write_annotated
    from hoagiai.validate import validate_workspace

    # one bad cell so the report has errors, positions and an annotated copy
    path = demo_workspace / "inputs" / "hoa_giai_vien.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for r in range(1, 8):
        values = [c.value for c in ws[r]]
        if "Giới tính" in values:
            ws.cell(r + 1, values.index("Giới tính") + 1).value = "Nu"
            break
    wb.save(path)
    code, out = run_cli(demo_workspace, "validate", "--json")
    assert code == 1
    inputs = validate_workspace(demo_workspace / "inputs", ROOT / "rules")
    inputs.report.annotated = write_annotated(demo_workspace / "inputs", inputs,
                                              demo_workspace / "outputs" / "kiem-tra-du-lieu")
    assert out.pop("rules")["path"] == str((ROOT / "rules").resolve())   # the rule set used
    assert out == json.loads(json.dumps(inputs.report.to_dict(), ensure_ascii=False, default=str))
    assert any(f["code"] == "invalid-enum" and f["column"] == "Giới tính" for f in out["findings"])
    assert out["annotated"]["hoa_giai_vien.xlsx"].endswith("hoa_giai_vien.loi.xlsx")
