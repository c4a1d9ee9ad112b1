"""`pipeline.py serve` as a real process: URL on stderr, answers, SIGTERM → exit 0; `user add`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

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


@pytest.mark.skipif(os.name != "posix", reason="process groups are POSIX")
def test_sigterm_stops_a_running_build(tmp_path):
    ws = demo_copy(tmp_path)
    proc, url = start(ws)
    try:
        tok = json.loads(urllib.request.urlopen(url + "/api/session").read())["csrf"]
        req = urllib.request.Request(url + "/api/build", data=json.dumps({"month": "2026-12"}).encode(),
                                     headers={"X-CSRF-Token": tok, "Content-Type": "application/json"},
                                     method="POST")
        job = json.loads(urllib.request.urlopen(req).read())["job"]
        for _ in range(100):
            state = json.loads(urllib.request.urlopen(f"{url}/api/jobs/{job}").read())["state"]
            if state == "running":
                break
            time.sleep(0.1)
        ps = subprocess.run(["ps", "-eo", "pid,ppid,pgid,args"], capture_output=True, text=True).stdout
        worker = next(line.split() for line in ps.splitlines()[1:]
                      if line.split()[1] == str(proc.pid) and "hoagiai.web.worker" in line)
        pgid = worker[2]
        assert pgid == worker[0]            # the build leads its own process group
        time.sleep(3)                       # let it start converting (LibreOffice joins the group)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    record = json.loads((ws / "outputs" / ".hoagiai" / "jobs" / f"{job}.json").read_text(encoding="utf-8"))
    assert record["state"] == "failed" and "máy chủ đang tắt" in record["error"]
    # nothing of the build's process group is left (the worker, LibreOffice)
    groups = subprocess.run(["ps", "-eo", "pgid"], capture_output=True, text=True).stdout.split()
    assert pgid not in groups


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
