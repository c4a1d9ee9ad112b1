"""Which rules and templates a workspace uses (hoagiai.resources, docs/contract.md §6): --rules /
--templates, then the workspace's own folders beside inputs/, then the repository's (from a
checkout), then the copy packaged in the wheel — and `status` / `validate --json` say which
rule set (path and version) was used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hoagiai import resources
from hoagiai.errors import ConfigError
from hoagiai.rulefiles.rule_set import describe
from hoagiai.workspace import Workspace

from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]


def _own_rules(ws_dir: Path, version: str) -> Path:
    rules = ws_dir / "rules"
    shutil.copytree(ROOT / "rules", rules)
    marker = rules / "bo_quy_tac.yaml"
    text = marker.read_text(encoding="utf-8")
    lines = [f"phien_ban: '{version}'" if ln.startswith("phien_ban:") else ln for ln in text.splitlines()]
    marker.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rules


def test_from_a_checkout_the_repository_folders_are_used(tmp_path):
    assert resources.checkout_root() == ROOT
    ws = Workspace.make(tmp_path / "inputs", tmp_path / "outputs")
    assert (ws.rules, ws.templates) == (ROOT / "rules", ROOT / "templates")


def test_explicit_folders_win(tmp_path):
    _own_rules(tmp_path, "cua-xa")
    ws = Workspace.make(tmp_path / "inputs", None, "khac/rules", "khac/templates")
    assert (ws.rules, ws.templates) == (Path("khac/rules"), Path("khac/templates"))


def test_the_workspace_own_folders_beside_inputs_come_next(tmp_path):
    rules = _own_rules(tmp_path, "cua-xa")
    (tmp_path / "templates").mkdir()
    shutil.copy(ROOT / "templates" / "qd-thu-lao.docx", tmp_path / "templates")
    ws = Workspace.make(tmp_path / "inputs", tmp_path / "outputs")
    assert (ws.rules, ws.templates) == (rules, tmp_path / "templates")


def test_folders_that_are_not_a_rule_set_or_templates_are_passed_over(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "ghi-chu.yaml").write_text("a: 1\n", encoding="utf-8")   # no du_lieu/
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "ghi-chu.txt").write_text("x", encoding="utf-8")      # no .docx
    ws = Workspace.make(tmp_path / "inputs", tmp_path / "outputs")
    assert (ws.rules, ws.templates) == (ROOT / "rules", ROOT / "templates")


def test_installed_the_packaged_copy_is_used(tmp_path, monkeypatch):
    package = tmp_path / "site-packages" / "hoagiai"
    shutil.copytree(ROOT / "rules", package / "_data" / "rules")
    shutil.copytree(ROOT / "templates", package / "_data" / "templates")
    monkeypatch.setattr(resources, "PACKAGE_DIR", package)
    assert resources.checkout_root() is None
    ws = Workspace.make(tmp_path / "xa-moi" / "inputs", tmp_path / "xa-moi" / "outputs")
    assert (ws.rules, ws.templates) == (package / "_data" / "rules", package / "_data" / "templates")


def test_with_nothing_usable_the_check_names_the_missing_rules(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "PACKAGE_DIR", tmp_path / "hong" / "hoagiai")
    (tmp_path / "inputs").mkdir()
    ws = Workspace.make(tmp_path / "inputs", tmp_path / "outputs")
    with pytest.raises(ConfigError, match=r"Không tìm thấy thư mục quy tắc `.*hong/hoagiai/_data/rules`"):
        ws.check()


def test_status_and_validate_json_name_the_rule_set_used(demo_workspace):
    _own_rules(demo_workspace, "2099.1")
    expected = describe(demo_workspace / "rules")
    assert expected["version"] == "2099.1"
    code, out = run_cli(demo_workspace, "validate", "--json")
    assert code == 0 and out["rules"] == expected
    code, out = run_cli(demo_workspace, "status", "--json")
    assert code == 0 and out["rules"] == expected
    assert out["rules"]["path"] == str((demo_workspace / "rules").resolve())


def test_json_names_the_repository_rule_set_by_default(demo_workspace):
    code, out = run_cli(demo_workspace, "status", "--json")
    assert code == 0 and out["rules"] == describe(ROOT / "rules")
    assert out["rules"]["version"]
