"""`pipeline.py serve` as a real process: URL on stderr, answers, SIGTERM → exit 0; `user add`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from web_fixtures import REPO, demo_copy, start


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM is POSIX")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_answers_and_stops_cleanly(tmp_path, sig):
    ws = demo_copy(tmp_path)
    proc, url = start(ws)
    try:
        body = json.loads(urllib.request.urlopen(url + "/api/session").read())
        assert body["user"] is None and body["csrf"]
    finally:
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert f"{url}/" in err and "Đã dừng máy chủ." in err


HANGING_SOFFICE = '''\
#!{python}
"""Fake soffice for the SIGTERM test: says it started, then converts nothing, forever."""
import os, time
with open({started!r} + ".tmp", "w") as fh:
    fh.write(str(os.getpid()))
os.replace({started!r} + ".tmp", {started!r})
while True:
    time.sleep(60)
'''


def _hanging_soffice(tmp_path: Path, monkeypatch) -> Path:
    """A fake soffice that hangs forever, used by every build of a server started afterwards:
    the build is then still converting when the test stops the server, however fast the machine."""
    started = tmp_path / "soffice.started"
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    script.write_text(HANGING_SOFFICE.format(python=sys.executable, started=str(started)))
    script.chmod(0o755)
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(script))
    monkeypatch.setenv("HOAGIAI_PDF_ENGINE", "batch")         # the fake has no UNO bridge
    monkeypatch.setenv("HOAGIAI_LO_PROFILES", str(tmp_path / "lo"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))      # the converter's work folders
    (tmp_path / "tmp").mkdir()
    return started


def _wait_for(path: Path, proc: subprocess.Popen) -> None:
    """Wait until `path` exists (no time limit of ours: pytest's own timeout, if any, applies)."""
    while not path.exists():
        assert proc.poll() is None, proc.communicate()[1]
        time.sleep(0.05)


def _groups() -> dict[str, str]:
    """pid → pgid of every live process now. A zombie (killed, not yet reaped by its parent —
    for an orphan, by whatever runs as pid 1 in a container) runs nothing and holds nothing."""
    rows = subprocess.run(["ps", "-eo", "pid,pgid,stat"], capture_output=True, text=True).stdout.split("\n")[1:]
    return {f[0]: f[1] for f in (row.split() for row in rows if row.strip()) if not f[2].startswith("Z")}


@pytest.mark.skipif(os.name != "posix", reason="process groups are POSIX")
def test_sigterm_stops_a_running_build(tmp_path, monkeypatch):
    ws = demo_copy(tmp_path)
    started = _hanging_soffice(tmp_path, monkeypatch)
    proc, url = start(ws)
    try:
        tok = json.loads(urllib.request.urlopen(url + "/api/session").read())["csrf"]
        req = urllib.request.Request(url + "/api/build", data=json.dumps({"month": "2026-12"}).encode(),
                                     headers={"X-CSRF-Token": tok, "Content-Type": "application/json"},
                                     method="POST")
        job = json.loads(urllib.request.urlopen(req).read())["job"]
        _wait_for(started, proc)            # the build is converting, and cannot finish by itself
        soffice = started.read_text()
        assert _groups()[soffice] == soffice    # the fake soffice leads its own group (procs.group_kwargs) …
        state = json.loads(urllib.request.urlopen(f"{url}/api/jobs/{job}").read())["state"]
        assert state == "running"
        # -ww: never cut at $COLUMNS (a long venv path hid "hoagiai.web.worker" past column 80)
        ps = subprocess.run(["ps", "-ww", "-eo", "pid,ppid,pgid,args"], capture_output=True, text=True).stdout
        builds = [line.split() for line in ps.splitlines()[1:]
                  if line.split()[1] == str(proc.pid) and "hoagiai.web.worker" in line]
        assert len(builds) == 1 and builds[0][0] == builds[0][2]   # … and the build leads its own
        worker = builds[0][0]
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    record = json.loads((ws / "outputs" / ".hoagiai" / "jobs" / f"{job}.json").read_text(encoding="utf-8"))
    assert record["state"] == "failed" and "máy chủ đang tắt" in record["error"]
    groups = _groups()
    # nothing of the build is left: the worker, its group, the (fake) LibreOffice and its group
    assert not {worker, soffice} & (set(groups) | set(groups.values()))
    # nothing half-written: no temporary file, no PDF (none was converted), every DOCX complete;
    # the converter's work folders and LibreOffice profiles are removed
    outputs = [p for p in (ws / "outputs").rglob("*") if p.is_file() and ".hoagiai" not in p.parts]
    assert not [p for p in outputs if p.name.endswith(".tmp") or p.suffix == ".pdf"]
    for docx in (p for p in outputs if p.suffix == ".docx"):
        with zipfile.ZipFile(docx) as z:
            assert z.testzip() is None
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not (tmp_path / "lo").exists() or not [p for p in (tmp_path / "lo").iterdir() if p.name != "seed"]


def test_non_loopback_host_needs_users(tmp_path):
    ws = demo_copy(tmp_path)
    res = subprocess.run([sys.executable, str(REPO / "pipeline.py"), "--inputs", str(ws / "inputs"),
                          "--outputs", str(ws / "outputs"), "serve", "--host", "0.0.0.0", "--no-browser"],
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60)
    assert res.returncode == 2 and "--users" in res.stderr and "Traceback" not in res.stderr


def test_user_add_writes_hashed_account(tmp_path):
    from click.testing import CliRunner

    from hoagiai.cli import main

    ws = demo_copy(tmp_path)
    args = ["--inputs", str(ws / "inputs"), "--outputs", str(ws / "outputs"), "user", "add", "an"]
    res = CliRunner().invoke(main, [*args, "--unit", "xa-a", "--role", "clerk"], input="mot-mat-khau\n")
    assert res.exit_code == 0, res.output
    users = json.loads((ws / "outputs" / ".hoagiai" / "users").read_text(encoding="utf-8"))["users"]
    assert users["an"]["role"] == "clerk" and users["an"]["units"] == ["xa-a"]
    assert users["an"]["hash"].startswith("scrypt$")
    short = CliRunner().invoke(main, [*args, "--all", "--role", "viewer"], input="ngan\n")
    assert short.exit_code == 2 and "ít nhất 8 ký tự" in short.output
    both = CliRunner().invoke(main, [*args, "--all", "--unit", "x", "--role", "viewer"], input="mot-mat-khau\n")
    assert both.exit_code == 2


@pytest.mark.skipif(os.name != "posix", reason="process groups are POSIX")
def test_stopping_sweeps_libreoffice_a_killed_build_left(tmp_path, monkeypatch):
    """A build killed outright cannot close its converter: the server, stopping, kills the
    LibreOffice of sessions whose owner is gone and removes their folders (lo_profiles.sweep)."""
    from hoagiai.convert import procs
    from hoagiai.web.jobs import Job, JobManager, _Running

    monkeypatch.setenv("HOAGIAI_LO_PROFILES", str(tmp_path / "lo"))
    session = tmp_path / "lo" / "run-4242-dead"
    session.mkdir(parents=True)
    (session / "owner").write_text("999999999 1", encoding="ascii")      # no such process
    left = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)",
                             f"-env:UserInstallation={session.as_uri()}/w0"], start_new_session=True)
    build = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"], start_new_session=True)
    try:
        jobs = JobManager(tmp_path / "outputs")
        job = Job(id="j1", unit=None, who=None, spec={}, state="running")
        jobs._running[None] = _Running(job=job, proc=build)
        jobs.stop_all(timeout=5)
        assert build.poll() is not None
        assert left.wait(timeout=10) is not None and not procs.alive(left.pid)
        assert not session.exists()
    finally:
        for p in (left, build):
            if p.poll() is None:
                p.kill()
                p.wait()
