"""With HOAGIAI_NO_SKIP=1 (CI: scripts/test.sh) every kind of skip — skip, skipif, importorskip,
a skipped module, xfail — is a failure; without it they stay skips (a developer's laptop)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent

SAMPLE = '''
import pytest

pytest.importorskip("hoagiai_no_such_module")  # the whole module is skipped
'''

CASES = '''
import pytest


def test_skip():
    pytest.skip("no LibreOffice")


@pytest.mark.skipif(True, reason="no chromium")
def test_skipif():
    pass


def test_importorskip():
    pytest.importorskip("hoagiai_no_such_module")


@pytest.mark.xfail(reason="known bug")
def test_xfail():
    assert False


def test_runs():
    pass
'''


def _pytest(tmp_path: Path, no_skip: str | None, *files: str) -> subprocess.CompletedProcess:
    (tmp_path / "test_cases.py").write_text(CASES, encoding="utf-8")
    (tmp_path / "test_module.py").write_text(SAMPLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "HOAGIAI_NO_SKIP"}
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")])
    if no_skip is not None:
        env["HOAGIAI_NO_SKIP"] = no_skip
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no_skip", "-p", "no:cacheprovider",
                           "--rootdir", str(tmp_path), *files],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


def _summary(res: subprocess.CompletedProcess) -> str:
    return res.stdout.strip().splitlines()[-1]


MESSAGE = "HOAGIAI_NO_SKIP=1: every check must run here, but this one was skipped"


def test_every_skip_fails_when_no_skip_is_set(tmp_path):
    res = _pytest(tmp_path, "1", "test_cases.py")
    # a skip in the call fails the test; a skip marker acts in the setup: an error
    assert res.returncode == 1 and "3 failed, 1 passed, 1 error" in _summary(res), res.stdout
    for reason in ("(Skipped: no LibreOffice)", "(Skipped: no chromium)",
                   "(Skipped: could not import 'hoagiai_no_such_module'", "(xfail: known bug)"):
        assert f"{MESSAGE} {reason}" in res.stdout, reason


def test_a_skipped_module_is_a_collection_error_when_no_skip_is_set(tmp_path):
    res = _pytest(tmp_path, "1", "test_module.py")
    assert res.returncode == 2 and "1 error" in _summary(res), res.stdout
    assert f"{MESSAGE} (Skipped: could not import 'hoagiai_no_such_module'" in res.stdout


def test_skips_stay_skips_otherwise(tmp_path):
    res = _pytest(tmp_path, None, "test_cases.py", "test_module.py")
    assert res.returncode == 0, res.stdout
    assert "1 passed, 4 skipped, 1 xfailed" in _summary(res), res.stdout
