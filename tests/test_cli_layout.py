"""The command line's shape (issue 13 item 8): one module per command, each calling the library
through hoagiai.operations (or hoagiai.web.launch for the web app's own commands) — the calls
the web app makes too — and printing only through hoagiai.cli.views; nothing else prints with rich."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from hoagiai.cli import main

PKG = Path(__file__).resolve().parents[1] / "hoagiai"
CLI = PKG / "cli"
MACHINERY = {"__init__", "app", "options", "vn_click"}
# what a command module may import from the library: the operations, the shared machinery, its views
ALLOWED = {"hoagiai.operations", "hoagiai.web.launch", "hoagiai.cli.app", "hoagiai.cli.options",
           "hoagiai.cli.vn_click"}


def _imports(path: Path) -> set[str]:
    package = "hoagiai.cli"
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            names = [a.name for a in node.names]
            out |= {f"{target}.{n}" for n in names} if node.module is None else {target}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return {m for m in out if m.startswith("hoagiai")}


COMMAND_MODULES = sorted(p for p in CLI.glob("*.py") if p.stem not in MACHINERY)


def test_every_command_has_its_own_module():
    names = {p.stem.replace("_", "-") for p in COMMAND_MODULES}
    assert set(main.commands) - {"user"} <= names
    assert "user" in main.commands and (CLI / "serve.py").read_text(encoding="utf-8").count('"add"') == 1


@pytest.mark.parametrize("path", COMMAND_MODULES, ids=lambda p: p.stem)
def test_a_command_calls_the_library_only_through_operations(path):
    used = _imports(path)
    assert used & {"hoagiai.operations", "hoagiai.web.launch"}, path.name
    assert {m for m in used if not m.startswith("hoagiai.cli.views.")} <= ALLOWED, path.name


def test_only_the_views_print_tables():
    for path in PKG.rglob("*.py"):
        if CLI / "views" in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        assert "from rich" not in text and "import rich" not in text, path


def test_the_user_subcommand_help_is_vietnamese():
    for args in (["user", "--help"], ["user", "add", "--help"]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 0
        assert res.output.startswith("Cách dùng: ")
        assert "Hiện hướng dẫn này rồi thoát." in res.output and "Options:" not in res.output
    res = CliRunner().invoke(main, ["user", "add", "--help"])
    assert "--role [clerk|viewer]" in res.output and "Tệp tài khoản (mặc định outputs/.hoagiai/users)." in res.output


def test_the_three_front_commands_run_the_same_main():
    import subprocess
    import sys

    root = PKG.parent
    outs = []
    for cmd, prog in (([sys.executable, "-m", "hoagiai"], "hoagiai"), ([sys.executable, "pipeline.py"], "pipeline.py")):
        proc = subprocess.run([*cmd, "status", "--help"], cwd=root, capture_output=True, text=True,
                              encoding="utf-8")
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith(f"Cách dùng: {prog} status [OPTIONS]")
        outs.append(proc.stdout.split("\n", 1)[1])
    assert outs[0] == outs[1]
    import tomllib

    scripts = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"hoagiai": "hoagiai.cli:main"}
