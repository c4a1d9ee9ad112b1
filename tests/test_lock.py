"""Two commands on one workspace at once (issue 12 item 9): the second stops at once with a
Vietnamese message and exit 3, never "database is locked"; the OS releases the lock when the
holder dies. Real processes throughout."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hoagiai.lock import WorkspaceBusy, lock_path, workspace_lock

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

HOLD = """
import sys, time
from pathlib import Path
from hoagiai.lock import workspace_lock
with workspace_lock(Path(sys.argv[1]), "build"):
    print("locked", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def holder(tmp_path):
    """A separate process holding the lock of tmp_path/outputs, killed at the end."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path / "outputs")], env=ENV,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    proc.stdout.close()


def _cli(workspace: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "--inputs", str(workspace / "inputs"),
                           "--outputs", str(workspace / "outputs"), *args],
                          env=ENV, capture_output=True, text=True, timeout=300)


def _refused(res: subprocess.CompletedProcess, what: str) -> None:
    assert res.returncode == 3, res.stderr
    assert "Một lệnh khác đang ghi vào thư mục kết quả" in res.stderr
    assert f"lệnh {what}" in res.stderr and "Hãy đợi lệnh đó chạy xong rồi chạy lại" in res.stderr
    for english in ("database is locked", "Traceback", "OperationalError", "lỗi nội bộ"):
        assert english not in res.stderr
    assert res.stdout.strip() == ""


def test_a_second_build_stops_with_exit_3_while_another_process_builds(demo_workspace, holder):
    started = time.monotonic()
    res = _cli(demo_workspace, "build", "--month", "2026-12", "--no-pdf", "--json")
    _refused(res, "dựng văn bản (build)")
    assert f"tiến trình {holder.pid}" in res.stderr
    assert not (demo_workspace / "outputs" / "2026").exists()        # nothing written
    assert time.monotonic() - started < 60                            # did not wait for the holder


def test_issue_and_validate_respect_the_lock(demo_workspace, holder):
    _refused(_cli(demo_workspace, "issue", "qd-kien-toan-2026", "--number", "3", "--date", "2026-05-05"),
             "dựng văn bản (build)")
    _refused(_cli(demo_workspace, "validate"), "dựng văn bản (build)")
    assert not (demo_workspace / "outputs" / "kiem-tra-du-lieu").exists()


def test_the_lock_is_released_when_its_holder_is_killed(tmp_path, holder):
    with pytest.raises(WorkspaceBusy):
        with workspace_lock(tmp_path / "outputs", "build", wait=0):
            pass
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with workspace_lock(tmp_path / "outputs", "build", wait=1) as path:   # no stale lock to clean
        assert path == lock_path(tmp_path / "outputs")
        assert path.read_text(encoding="utf-8").split("\n")[:2] == [str(os.getpid()), "build"]


def test_two_builds_started_together_never_fail_with_an_internal_error(demo_workspace):
    cmd = [sys.executable, str(ROOT / "pipeline.py"), "--inputs", str(demo_workspace / "inputs"),
           "--outputs", str(demo_workspace / "outputs"), "build", "--month", "2026-12", "--no-pdf",
           "--doc", "qd-kien-toan"]
    procs = [subprocess.Popen(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes in ([0, 0], [0, 3]), outs
    for (out, err), p in zip(outs, procs):
        assert "database is locked" not in err and "Traceback" not in err and "lỗi nội bộ" not in err
        if p.returncode == 3:
            assert "Một lệnh khác đang ghi vào thư mục kết quả" in err
