"""Shared fixtures: small throw-away workspaces copied from the demo commune."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def plan_workspace(tmp_path: Path) -> Path:
    """A workspace holding only the unit profile and the 2026 plan (no workbooks)."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name in ("don_vi.yaml", "ke_hoach_2026.yaml"):
        shutil.copy(ROOT / "inputs" / name, inputs / name)
    return tmp_path


@pytest.fixture
def demo_workspace(tmp_path: Path) -> Path:
    """A full copy of the demo commune's inputs."""
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    return tmp_path


def run_cli(workspace: Path, *args: str) -> tuple[int, dict | str]:
    """Run `pipeline.py --inputs … --outputs … ARGS`; parse JSON output when --json is given."""
    from hoagiai.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["--inputs", str(workspace / "inputs"),
                                  "--outputs", str(workspace / "outputs"), *args],
                           prog_name="pipeline.py", catch_exceptions=False)
    out: dict | str = result.stdout
    if "--json" in args and result.stdout.strip():
        out = json.loads(result.stdout)
    return result.exit_code, out


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "slow: end-to-end tests (PDF conversion, a killed build); they run "
                                       "in CI too — deselect locally with -m 'not slow'")
