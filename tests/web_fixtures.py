"""Shared helpers for the web tests: a copy of the demo, an app client, the CLI's JSON."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
BASE = "http://127.0.0.1:8765"


def demo_copy(dest: Path) -> Path:
    shutil.copytree(REPO / "inputs", dest / "inputs")
    return dest


def cli_json(ws_dir: Path, *args: str) -> dict:
    from hoagiai.cli import main

    res = CliRunner().invoke(main, ["--inputs", str(ws_dir / "inputs"), "--outputs", str(ws_dir / "outputs"),
                                    *args, "--json"])
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.stdout)


def client(ws_dir: Path, **kw):
    from starlette.testclient import TestClient

    from hoagiai.web.app import create_app
    from hoagiai.web.settings import ServeSettings
    from hoagiai.workspace import Workspace

    cfg = ServeSettings(ws=Workspace.make(ws_dir / "inputs", ws_dir / "outputs"), **kw)
    return TestClient(create_app(cfg), base_url=BASE)


def wait_job(c, job_id: str, headers=None) -> dict:
    import time

    for _ in range(600):
        j = c.get(f"/api/jobs/{job_id}", headers=headers or {}).json()
        if j["state"] in ("done", "failed"):
            return j
        time.sleep(0.2)
    raise AssertionError("build did not finish")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(ws, *args: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, str(REPO / "pipeline.py"), "--inputs", str(ws / "inputs"),
                             "--outputs", str(ws / "outputs"), "serve", "--port", str(port), "--no-browser",
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if proc.poll() is not None:
            raise AssertionError(f"serve exited {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}")
        try:
            urllib.request.urlopen(url + "/api/session", timeout=2).read()
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("serve did not answer")
