"""Faults during a build: LibreOffice hanging or crashing on one document, an outputs folder
that cannot be written (read-only, disk full), and a build killed halfway. In every case the
other documents complete or the previous files stay intact, the message is Vietnamese, and a
rerun leaves a consistent workspace."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import blank_pdf, kill_when
from docx import Document

from hoagiai import atomic
from hoagiai.cli import main
from hoagiai.convert import converter

ROOT = Path(__file__).resolve().parents[1]
MONTH = "2026-12"
HANG_ON = "Kế hoạch thực hiện Đề án"     # the ke-hoach document's title (docProps/core.xml)

_ON_MARKER = '''\
mode, marker = os.environ.get("FAKE_SOFFICE_MODE", "ok"), os.environ.get("FAKE_SOFFICE_MARKER", "")


def on_marker(path):
    with zipfile.ZipFile(path) as z:
        hit = bool(marker) and marker in z.read("docProps/core.xml").decode("utf-8")
    with open({log!r}, "a") as fh:
        fh.write(f"{{os.getpid()}} {{'HIT' if hit else 'ok'}}\\n")
    if hit and mode == "hang":
        time.sleep(600)
    if hit and mode == "crash":
        os.kill(os.getpid(), 9)
'''

FAKE = '''\
#!{python}
"""Fake soffice: a tiny PDF per input; hangs or dies on the document whose title has MARKER."""
import os, shutil, sys, time, zipfile
''' + _ON_MARKER + '''
args = sys.argv[1:]
outdir = args[args.index("--outdir") + 1]
for f in args[args.index("--outdir") + 2:]:
    on_marker(f)
    shutil.copyfile({tiny!r}, os.path.join(outdir, os.path.splitext(os.path.basename(f))[0] + ".pdf"))
'''


def _run(workspace: Path, *args: str):
    return CliRunner().invoke(main, ["--inputs", str(workspace / "inputs"), "--outputs",
                                     str(workspace / "outputs"), *args], catch_exceptions=False)


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    tiny = blank_pdf(tmp_path / "tiny.pdf")
    log = tmp_path / "soffice.log"
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    script.write_text(FAKE.format(python=sys.executable, tiny=str(tiny), log=str(log)))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(script))
    monkeypatch.setenv("FAKE_SOFFICE_MARKER", HANG_ON)
    # a hung batch waits timeout_per_doc × (documents + 1): short in tests, but long enough for the fake
    # soffice (a Python start) on a loaded machine
    defaults = list(converter.PdfConverter.__init__.__defaults__)
    defaults[2] = 1.5
    monkeypatch.setattr(converter.PdfConverter.__init__, "__defaults__", tuple(defaults))
    return log


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is not alive
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.parametrize("mode,why", [("hang", "Quá thời gian chuyển sang PDF"),
                                      ("crash", "LibreOffice dừng bất thường")])
def test_libreoffice_failing_on_one_document_fails_only_that_pdf(demo_workspace, fake_soffice, monkeypatch,
                                                                  mode, why):
    monkeypatch.setenv("FAKE_SOFFICE_MODE", mode)
    result = _run(demo_workspace, "build", "--month", MONTH, "--json")
    out = json.loads(result.stdout)
    docs = {d["id"]: d for d in out["documents"]}
    bad = docs.pop("ke-hoach-2026")
    assert bad["pdf"] is None and bad["docx"] and Path(bad["docx"]).is_file()
    assert any(why in r and "ke-hoach-2026" in r for r in bad["reasons"]), bad["reasons"]
    assert docs and all(d["pdf"] and Path(d["pdf"]).is_file() for d in docs.values())
    assert result.exit_code == 3   # an environment failure (the PDF) is reported, the rest is built
    assert "ke-hoach-2026" in result.stderr or "ke-hoach-2026" in json.dumps(out)
    lines = fake_soffice.read_text().split()
    hits = [lines[i] for i in range(0, len(lines), 2) if lines[i + 1] == "HIT"]
    assert len(hits) == 2                     # the first attempt and exactly one retry
    time.sleep(0.2)
    assert not any(_alive(int(pid)) for pid in lines[::2])   # no LibreOffice left running


# --------------------------------------------------------------------------- outputs not writable

def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".hoagiai" not in p.parts}


def _touch_profile(workspace: Path) -> None:
    """Change the signer's name in the unit profile, so that every document must be rebuilt."""
    path = workspace / "inputs" / "don_vi.yaml"
    text = path.read_text(encoding="utf-8")
    assert "Nguyễn Đức Thắng" in text
    path.write_text(text.replace("Nguyễn Đức Thắng", "Nguyễn Đức Thắng Minh"), encoding="utf-8")


def _no_temp_files(folder: Path) -> None:
    left = [p for p in folder.rglob("*") if p.name.endswith(".tmp")]
    assert left == [], left


@pytest.mark.parametrize("err,words", [(errno.EACCES, "không có quyền ghi"), (errno.ENOSPC, "ổ đĩa đã đầy"),
                                       (errno.EROFS, "không có quyền ghi")])
def test_unwritable_outputs_exit_3_and_keep_previous_files(demo_workspace, monkeypatch, err, words):
    code = _run(demo_workspace, "build", "--month", MONTH, "--no-pdf", "--json").exit_code
    assert code == 0
    outputs = demo_workspace / "outputs"
    before = _snapshot(outputs)
    _touch_profile(demo_workspace)

    def refuse(src, dst, *a, **k):
        raise OSError(err, os.strerror(err), str(dst))

    monkeypatch.setattr(atomic.os, "replace", refuse)
    outputs.chmod(0o555)   # what a read-only folder looks like (root ignores it, hence the patch)
    try:
        result = _run(demo_workspace, "build", "--month", MONTH, "--no-pdf", "--json")
    finally:
        outputs.chmod(0o755)
    assert result.exit_code == 3, result.output
    assert words in result.stderr and "Không có tệp nào bị ghi dở" in result.stderr
    assert "Traceback" not in result.output and result.stdout.strip() == ""
    assert _snapshot(outputs) == before      # every previous file intact, nothing added
    _no_temp_files(outputs)
    monkeypatch.undo()
    # once the disk is writable again, the build completes and records the change
    again = _run(demo_workspace, "build", "--month", MONTH, "--no-pdf", "--json")
    assert again.exit_code == 0
    states = {d["state"] for d in json.loads(again.stdout)["documents"]}
    assert "built" in states
    _consistent(demo_workspace)


def test_disk_full_while_writing_a_document(demo_workspace, monkeypatch):
    """The write itself fails (not the rename): the temporary file is removed. Every
    temporary file is written through the descriptor mkstemp opened (hoagiai.atomic):
    the disk fills up halfway through the first document."""
    original = open

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            self.fh.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "open", lambda fd, *a, **kw: Full(original(fd, *a, **kw)), raising=False)
    result = _run(demo_workspace, "build", "--month", MONTH, "--no-pdf", "--json")
    assert result.exit_code == 3 and "ổ đĩa đã đầy" in result.stderr
    _no_temp_files(demo_workspace / "outputs")


# --------------------------------------------------------------------------- killed halfway

def _consistent(workspace: Path) -> None:
    """Every DOCX opens, every recorded version points at an existing file with its hash,
    no temporary file is left."""
    import hashlib

    outputs = workspace / "outputs"
    for p in outputs.rglob("*.docx"):
        Document(str(p))
    db = sqlite3.connect(outputs / ".hoagiai" / "state.sqlite")
    rows = db.execute("SELECT doc_id, version, docx, docx_sha, pdf FROM versions").fetchall()
    db.close()
    assert rows
    for doc_id, version, docx, sha, pdf in rows:
        path = Path(docx)
        assert path.is_file(), (doc_id, version, docx)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
        assert pdf is None or Path(pdf).is_file()
    _no_temp_files(outputs)


SLOW_WRITES = '''\
# Loaded at interpreter start (PYTHONPATH): slow every atomic write down, so that a test can
# kill the build while it is writing its documents.
import time
import hoagiai.atomic as _atomic

_original = _atomic.write_bytes


def _slow(target, data):
    time.sleep(0.15)
    return _original(target, data)


_atomic.write_bytes = _slow
'''


@pytest.mark.slow
def test_build_killed_halfway_then_rerun_is_consistent(demo_workspace, tmp_path):
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SLOW_WRITES)
    env = dict(os.environ, PYTHONPATH=f"{hook}{os.pathsep}{ROOT}")
    cmd = [sys.executable, str(ROOT / "pipeline.py"), "--inputs", str(demo_workspace / "inputs"),
           "--outputs", str(demo_workspace / "outputs"), "build", "--month", MONTH, "--no-pdf", "--json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    versions = demo_workspace / "outputs" / "2026" / "phien-ban"
    kill_when(proc, lambda: versions.is_dir() and len(list(versions.glob("*.v1.docx"))) >= 3, 120, poll=0.02)
    written = len(list(versions.glob("*.v1.docx")))

    first = _run(demo_workspace, "build", "--month", MONTH, "--no-pdf", "--json")
    assert first.exit_code == 0, first.output
    docs = json.loads(first.stdout)["documents"]
    assert len(docs) > written   # the killed run had not finished
    assert all(d["state"] in ("built", "unchanged") and d["version"] == 1 for d in docs), [
        (d["id"], d["state"], d["version"], d["reasons"]) for d in docs]
    _consistent(demo_workspace)

    second = _run(demo_workspace, "build", "--month", MONTH, "--no-pdf", "--json")
    assert second.exit_code == 0
    assert {d["state"] for d in json.loads(second.stdout)["documents"]} == {"unchanged"}
    _consistent(demo_workspace)


# --------------------------------------------------------------------------- the warm engine

FAKE_UNO_WORKER = '''\
#!{python}
"""Fake uno worker (the protocol of hoagiai/convert/uno_worker.py): hangs or dies on MARKER."""
import json, os, shutil, sys, time, zipfile
''' + _ON_MARKER + '''
if sys.argv[1:2] == ["-c"]:
    sys.exit(0)          # "import uno" works
print(json.dumps({{"ready": True, "pid": os.getpid()}}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    on_marker(req["src"])
    shutil.copyfile({tiny!r}, req["dst"])
    print(json.dumps({{"id": req["id"], "ok": True}}), flush=True)
'''


@pytest.mark.slow
@pytest.mark.parametrize("mode,why", [("hang", "Quá thời gian chuyển sang PDF"),
                                      ("crash", "LibreOffice dừng bất thường")])
def test_warm_worker_failing_on_one_document_fails_only_that_pdf(demo_workspace, fake_soffice, monkeypatch,
                                                                 tmp_path, mode, why):
    log = tmp_path / "worker.log"
    script = tmp_path / "bin" / "python-uno"
    script.write_text(FAKE_UNO_WORKER.format(python=sys.executable, tiny=str(tmp_path / "tiny.pdf"), log=str(log)))
    script.chmod(0o755)
    monkeypatch.setenv("HOAGIAI_UNO_PYTHON", str(script))
    monkeypatch.setenv("HOAGIAI_LO_PROFILES", str(tmp_path / "lo"))
    monkeypatch.setenv("FAKE_SOFFICE_MODE", mode)
    monkeypatch.setenv("HOAGIAI_PDF_SOURCE", "docx")   # no ODT twins: making them would run soffice
    result = _run(demo_workspace, "build", "--month", MONTH, "--json")
    out = json.loads(result.stdout)
    docs = {d["id"]: d for d in out["documents"]}
    bad = docs.pop("ke-hoach-2026")
    assert bad["pdf"] is None and Path(bad["docx"]).is_file()
    assert any(why in r and "ke-hoach-2026" in r for r in bad["reasons"]), bad["reasons"]
    assert docs and all(d["pdf"] and Path(d["pdf"]).is_file() for d in docs.values())
    assert result.exit_code == 3
    assert not fake_soffice.exists()          # the batch engine never ran
    lines = log.read_text().split()
    hits = [lines[i] for i in range(0, len(lines), 2) if lines[i + 1] == "HIT"]
    assert len(hits) == 2 and hits[0] != hits[1]   # one retry, on another worker process
    time.sleep(0.2)
    assert not any(_alive(int(pid)) for pid in lines[::2])
    assert not list((tmp_path / "lo").glob("run-*"))


def _lo_processes(root: Path) -> list[int]:
    """Live processes (LibreOffice, warm workers) whose command line names a folder under root."""
    from hoagiai.convert import procs

    return procs.pids_mentioning(str(root))


def _tree_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


@pytest.mark.slow
def test_build_killed_during_pdfs_leaves_no_libreoffice_and_next_run_cleans_up(demo_workspace, tmp_path):
    from hoagiai.convert import find_soffice, soffice

    if find_soffice() is None or soffice.uno_python(find_soffice()) is None:
        pytest.skip("LibreOffice với python3-uno không có trên máy này: apt-get install python3-uno")
    root = tmp_path / "lo"
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOAGIAI_LO_PROFILES=str(root))
    cmd = [sys.executable, str(ROOT / "pipeline.py"), "--inputs", str(demo_workspace / "inputs"),
           "--outputs", str(demo_workspace / "outputs"), "build", "--month", MONTH, "--json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    outputs = demo_workspace / "outputs"
    # killed while LibreOffice is making PDFs
    kill_when(proc, lambda: bool(_lo_processes(root)) and any(outputs.rglob("*.pdf")), 300)
    sessions = list(root.glob("run-*"))
    assert len(sessions) == 1
    deadline = time.monotonic() + 20      # the workers see their pipe close and kill LibreOffice
    while _lo_processes(root) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _lo_processes(root) == []
    size = _tree_size(root)
    time.sleep(1)
    assert _tree_size(root) == size       # nothing left writing there

    rerun = subprocess.run(cmd, env=env, capture_output=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr.decode()[-2000:]
    docs = json.loads(rerun.stdout)["documents"]
    assert docs and all(d["pdf"] for d in docs)
    assert not sessions[0].exists()       # the killed run's profiles were swept
    assert list(root.glob("run-*")) == [] and _lo_processes(root) == []
