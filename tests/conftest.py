"""Shared fixtures: small throw-away workspaces copied from the demo commune."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from no_skip import pytest_make_collect_report, pytest_runtest_makereport  # noqa: F401  (hooks: a skip fails in CI)

ROOT = Path(__file__).resolve().parents[1]
# templates' ODT twins (hoagiai.convert.twins): made once for the session, never in ~/.cache
os.environ.setdefault("HOAGIAI_CACHE", tempfile.mkdtemp(prefix="hoagiai-test-cache-"))


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


def run_cli(workspace: Path, *args: str) -> tuple[int, Any]:
    """Run `pipeline.py --inputs … --outputs … ARGS`; parse JSON output when --json is given
    (the parsed JSON, else stdout's text: typed Any so that tests index the JSON freely)."""
    from hoagiai.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["--inputs", str(workspace / "inputs"),
                                  "--outputs", str(workspace / "outputs"), *args],
                           prog_name="pipeline.py", catch_exceptions=False)
    out: Any = result.stdout
    if "--json" in args and result.stdout.strip():
        out = json.loads(result.stdout)
    return result.exit_code, out


def blank_pdf(path: Path) -> Path:
    """A one-page blank A4 PDF (what the fake converters copy as their output)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595.28, height=841.89)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def two_plan_units(root: Path) -> None:
    """`root/inputs/xa-a` and `xa-b`, each with the demo's profile and plan (no workbooks)."""
    repo = Path(__file__).resolve().parents[1]
    for unit in ("xa-a", "xa-b"):
        (root / "inputs" / unit).mkdir(parents=True)
        for name in ("don_vi.yaml", "ke_hoach_2026.yaml"):
            shutil.copy(repo / "inputs" / name, root / "inputs" / unit / name)


def kill_when(proc, ready, seconds: float, poll: float = 0.05) -> None:
    """SIGKILL `proc` as soon as `ready()` holds (the test fails if it ended first), and reap it."""
    import signal
    import time

    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if ready():
                break
            time.sleep(poll)
        assert proc.poll() is None, "the build finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "slow: end-to-end tests (PDF conversion, a killed build); they run "
                                       "in CI too — deselect locally with -m 'not slow'")
