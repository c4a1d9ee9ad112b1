"""The warm converter: real LibreOffice over UNO where python3-uno is installed, and a fake
worker (the same JSON-lines protocol) for a document that hangs or crashes every time."""

from __future__ import annotations

import os
import signal
import stat
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import blank_pdf
from docx import Document
from docx.shared import Pt
from test_convert import VIETNAMESE, make_docx, pdf_text

from hoagiai.convert import (
    PdfConverter,
    find_soffice,
    looks_complete,
    pdfa_part,
    procs,
    soffice,
    warm,
)
from hoagiai.convert.shared import shared_converter, warm_converter

needs_uno = pytest.mark.skipif(
    find_soffice() is None or soffice.uno_python(find_soffice()) is None,
    reason="LibreOffice với cầu nối UNO (python3-uno) không có trên máy này: apt-get install python3-uno",
)


def big_docx(path: Path, rows: int = 500) -> Path:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(12)
    table = doc.add_table(rows=rows, cols=4)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{VIETNAMESE} {r}.{c}"
    doc.save(path)
    return path


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _when_busy(pid: int, then, busy: float = 0.3) -> threading.Thread:
    """Call `then(pid)` once LibreOffice `pid` has used `busy` s of CPU more than now."""
    start = _cpu(pid)

    def watch():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if _cpu(pid) - start >= busy:
                    break
            except OSError:
                return
            time.sleep(0.01)
        then(pid)
    t = threading.Thread(target=watch, daemon=True)
    t.start()
    return t


@needs_uno
def test_warm_engine_converts_and_leaves_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("HOAGIAI_LO_PROFILES", str(tmp_path / "lo"))
    docs = [make_docx(tmp_path / f"{i}.docx", f"{VIETNAMESE} số {i}") for i in range(5)]
    jobs = [(d, tmp_path / "out" / f"{d.stem}.pdf") for d in docs]
    with PdfConverter(workers=2) as conv:
        assert conv.engine == "warm" and conv.note is None
        results = conv.convert(jobs)
        conv.warm.wait_started()              # the second may still be starting
        pids = [w.soffice_pid for w in conv.warm.workers if w.soffice_pid]
        session = conv.warm.session.folder
        assert session.parent == tmp_path / "lo" and session.is_dir()
        assert all(procs.alive(p) for p in pids) and len(pids) == 2
        assert conv.warm.started == 2 and conv.warm.restarts == []
    assert [r.ok for r in results] == [True] * 5
    assert all(r.attempts == 1 and r.error is None for r in results)
    for i, r in enumerate(results):
        assert f"{VIETNAMESE} số {i}" in pdf_text(r.pdf)
    assert not session.exists()
    time.sleep(0.2)
    assert not any(procs.alive(p) for p in pids)
    assert (tmp_path / "lo" / "seed" / "user").is_dir()      # the next profile starts from it


@needs_uno
def test_warm_corrupt_document_fails_alone_and_pdfa(tmp_path):
    good = make_docx(tmp_path / "good.docx", VIETNAMESE)
    bad = tmp_path / "hỏng.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a zip archive" * 20)
    out = tmp_path / "out"
    with PdfConverter(workers=1, pdfa=True) as conv:
        assert conv.engine == "warm"
        results = conv.convert([(bad, out / "bad.pdf"), (good, out / "good.pdf")])
    assert [r.ok for r in results] == [False, True]
    assert results[0].attempts == 2 and "hỏng.docx" in results[0].error
    assert "không tạo được PDF" in results[0].error
    assert not (out / "bad.pdf").exists()
    assert pdfa_part(out / "good.pdf") == 2
    assert sorted(p.name for p in out.iterdir()) == ["good.pdf"]   # no temporary file left


@needs_uno
def test_warm_converter_for_a_long_running_process(tmp_path):
    src = make_docx(tmp_path / "một.docx", VIETNAMESE)
    with warm_converter(workers=1) as conv:
        assert conv.engine == "warm" and conv.warm.started == 1   # started before any document
        first = conv.convert_bytes(src.read_bytes())
        second = conv.convert_bytes(src.read_bytes())
        assert conv.warm.started == 1                             # no new LibreOffice per call
    assert first.startswith(b"%PDF-") and second.startswith(b"%PDF-")
    shared = shared_converter()
    assert shared is shared_converter() and not shared.closed
    out = tmp_path / "x.pdf"
    out.write_bytes(shared.convert_bytes(src.read_bytes()))
    assert VIETNAMESE in pdf_text(out)


@needs_uno
@pytest.mark.parametrize("victim", ["soffice", "worker"])
def test_worker_killed_mid_document_retries_it_on_a_fresh_libreoffice(tmp_path, victim):
    big = big_docx(tmp_path / "lớn.docx")
    small = make_docx(tmp_path / "nhỏ.docx", VIETNAMESE)
    with PdfConverter(workers=1) as conv:
        conv.start()
        worker = conv.warm.workers[0]
        soffice_pid, worker_pid = worker.soffice_pid, worker.proc.pid
        _when_busy(soffice_pid, lambda p: os.kill(soffice_pid if victim == "soffice" else worker_pid,
                                                   signal.SIGKILL))
        results = conv.convert([(big, tmp_path / "lớn.pdf"), (small, tmp_path / "nhỏ.pdf")])
        assert conv.warm.restarts[0] == (0, "crash")
        assert conv.warm.started == 2
    assert [r.ok for r in results] == [True, True]
    assert results[0].attempts == 2 and results[1].attempts == 1
    assert looks_complete(tmp_path / "lớn.pdf")
    time.sleep(0.2)
    assert not procs.alive(soffice_pid) and not procs.alive(worker_pid)


@needs_uno
def test_hung_libreoffice_times_out_and_the_document_is_retried(tmp_path):
    big = big_docx(tmp_path / "treo.docx")
    with PdfConverter(workers=1, timeout_per_doc=15) as conv:
        conv.start()
        hung = conv.warm.workers[0].soffice_pid
        _when_busy(hung, lambda p: os.kill(p, signal.SIGSTOP), busy=0.1)   # LibreOffice stops answering
        results = conv.convert([(big, tmp_path / "treo.pdf")])
        assert conv.warm.restarts == [(0, "timeout")]
    assert results[0].ok and results[0].attempts == 2
    assert looks_complete(tmp_path / "treo.pdf")
    time.sleep(0.2)
    assert not procs.alive(hung)      # the stopped process was killed with its group


@needs_uno
def test_worker_over_its_memory_cap_is_replaced_between_documents(tmp_path):
    docs = [make_docx(tmp_path / f"{i}.docx", f"{VIETNAMESE} {i}") for i in range(3)]
    with PdfConverter(workers=1, max_rss=1) as conv:   # every LibreOffice is over 1 byte
        results = conv.convert([(d, tmp_path / f"{d.stem}.pdf") for d in docs])
        assert conv.warm.restarts == [(0, "memory")] * 3
        assert conv.warm.started == 3
    assert all(r.ok and r.attempts == 1 for r in results)


@needs_uno
def test_worker_replaced_after_max_documents(tmp_path):
    docs = [make_docx(tmp_path / f"{i}.docx", f"{VIETNAMESE} {i}") for i in range(3)]
    with PdfConverter(workers=1, max_docs=2) as conv:
        results = conv.convert([(d, tmp_path / f"{d.stem}.pdf") for d in docs])
        assert conv.warm.restarts == [(0, "documents")]
    assert all(r.ok for r in results)


# -- a document that hangs or crashes LibreOffice every time (fake worker) ------------------------

FAKE_WORKER = '''\
#!{python}
"""Fake uno worker: the JSON-lines protocol of uno_worker.py; hangs or dies on MARKER."""
import json, os, shutil, sys, time
if sys.argv[1:2] == ["-c"]:
    sys.exit(0)          # "import uno" works
print(json.dumps({{"ready": True, "pid": os.getpid()}}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    with open({log!r}, "a") as fh:
        fh.write(f"{{os.getpid()}} {{os.path.basename(req['src'])}}\\n")
    content = open(req["src"], "rb").read()
    if req.get("marks") and os.path.exists({flag!r}):
        os.kill(os.getpid(), 9)      # every bundle crashes LibreOffice
    if req.get("marks") and os.path.exists({flag!r}.replace("crash", "hang")):
        open(req["dst"], "wb").write(b"%PDF-1.4 half written")
        time.sleep(600)              # every bundle hangs LibreOffice
    if b"HANG" in content:
        open(req["dst"], "wb").write(b"%PDF-1.4 half written")
        time.sleep(600)
    if b"CRASH" in content:
        os.kill(os.getpid(), 9)
    shutil.copyfile({tiny!r}, req["dst"])
    print(json.dumps({{"id": req["id"], "ok": True}}), flush=True)
'''


@pytest.fixture
def fake_worker(tmp_path, monkeypatch):
    tiny = blank_pdf(tmp_path / "tiny.pdf")
    log = tmp_path / "worker.log"
    script = tmp_path / "bin" / "python-uno"
    script.parent.mkdir()
    script.write_text(FAKE_WORKER.format(python=sys.executable, tiny=str(tiny), log=str(log),
                                         flag=str(tmp_path / "crash-bundles")))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    fake_soffice = tmp_path / "bin" / "soffice"
    fake_soffice.write_text("#!/bin/sh\nexit 1\n")
    fake_soffice.chmod(0o755)
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(fake_soffice))
    monkeypatch.setenv("HOAGIAI_UNO_PYTHON", str(script))
    monkeypatch.setenv("HOAGIAI_LO_PROFILES", str(tmp_path / "lo"))
    return log


@pytest.mark.parametrize("mode,why,outcome", [("HANG", "Quá thời gian", "timeout"),
                                              ("CRASH", "dừng bất thường", "crash")])
def test_document_failing_every_time_fails_alone_after_one_retry(tmp_path, fake_worker, mode, why, outcome):
    jobs = []
    for i, content in enumerate((b"ok", mode.encode(), b"ok", b"ok")):
        src = tmp_path / f"{i}.docx"
        src.write_bytes(content)
        jobs.append((src, tmp_path / "out" / f"{i}.pdf"))
    with PdfConverter(workers=2, timeout_per_doc=1) as conv:
        assert conv.engine == "warm"
        results = conv.convert(jobs)
        assert sorted(conv.warm.restarts) == [(0, outcome), (1, outcome)] or \
            [r for _, r in conv.warm.restarts] == [outcome, outcome]
    assert [r.ok for r in results] == [True, False, True, True]
    assert results[1].attempts == 2 and why in results[1].error and "1.docx" in results[1].error
    assert not (tmp_path / "out" / "1.pdf").exists()      # the half-written PDF never got there
    lines = fake_worker.read_text().split("\n")
    tried = [line.split()[0] for line in lines if line.endswith(" 1.docx")]
    assert len(tried) == 2 and tried[0] != tried[1]       # retried on another worker process
    time.sleep(0.2)
    assert not any(procs.alive(int(p)) for p in tried)
    assert not list((tmp_path / "lo").glob("run-*"))      # the session folder is gone


def test_fallback_to_batch_is_chosen_and_reported(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(fake))       # not a LibreOffice installation
    monkeypatch.setenv("HOAGIAI_LO_PROFILES", str(tmp_path / "lo"))
    monkeypatch.delenv("HOAGIAI_UNO_PYTHON", raising=False)
    with PdfConverter(workers=1) as conv:
        assert conv.engine == "batch" and conv.warm is None
        assert "python3-uno" in conv.note and "theo lô" in conv.note
    monkeypatch.setenv("HOAGIAI_UNO_PYTHON", str(tmp_path / "không-có-python"))
    with PdfConverter(workers=1) as conv:
        assert conv.engine == "batch"
    with PdfConverter(workers=1, engine="batch") as conv:
        assert conv.engine == "batch" and conv.note is None


def test_warm_pool_that_cannot_start_falls_back_to_batch(tmp_path, monkeypatch):
    broken = tmp_path / "python-uno"
    broken.write_text(f"#!{sys.executable}\nimport json, sys\nif sys.argv[1:2] == ['-c']: sys.exit(0)\n"
                      "print(json.dumps({'ready': False, 'error': 'no office'}), flush=True)\n")
    broken.chmod(0o755)
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(fake))
    monkeypatch.setenv("HOAGIAI_UNO_PYTHON", str(broken))
    monkeypatch.setenv("HOAGIAI_LO_PROFILES", str(tmp_path / "lo"))
    src = tmp_path / "a.docx"
    src.write_bytes(b"ok")
    with PdfConverter(workers=1, timeout_per_doc=1) as conv:
        assert conv.engine == "warm"
        (result,) = conv.convert([(src, tmp_path / "a.pdf")])
        assert conv.engine == "batch" and "theo lô" in conv.note
    assert not result.ok and "dừng bất thường" in result.error


def test_warm_module_docstring_documents_the_long_running_api():
    assert "shared_converter()" in warm.__doc__ and "warm_converter(" in warm.__doc__


def _bundle_jobs(tmp_path: Path, n: int) -> list[tuple]:
    """n jobs of one twin key, each with a minimal twin rendering (odt_fixtures)."""
    from odt_fixtures import minimal_odt

    jobs = []
    for i in range(n):
        src = tmp_path / f"{i}.docx"
        src.write_bytes(b"ok")
        odt = tmp_path / f"{i}.odt"
        odt.write_bytes(minimal_odt(f'<text:p text:style-name="P1">VB {i}</text:p>'))
        jobs.append((src, tmp_path / "out" / f"{i}.pdf", odt, "k"))
    return jobs


def test_a_bundle_that_crashes_libreoffice_is_converted_document_by_document(tmp_path, fake_worker):
    (tmp_path / "crash-bundles").touch()
    jobs = _bundle_jobs(tmp_path, 8)
    with PdfConverter(workers=2, timeout_per_doc=5) as conv:
        results = conv.convert(jobs)
        assert conv.warm.bundles == [] and conv.warm.bundles_undone == 8
        assert [r for _, r in conv.warm.restarts] == ["crash", "crash"]     # a bundle of 4 per worker
    assert all(r.ok and r.attempts == 1 for r in results)
    assert all((tmp_path / "out" / f"{i}.pdf").is_file() for i in range(8))
    tried = [line.split()[1] for line in fake_worker.read_text().splitlines()]
    assert sorted(t for t in tried if len(t) == 5) == [f"{i}.odt" for i in range(8)]   # alone, as ODT


def test_bundles_are_even_and_largest_first():
    from hoagiai.convert.jobs import Job
    from hoagiai.convert.warm import BUNDLE_MAX, plan

    def job(i, group):
        j = Job(i, Path(f"{i}.docx"), Path(f"{i}.pdf"))
        if group:
            j.source, j.group = Path(f"{i}.odt"), group
        return j

    n = 2 * BUNDLE_MAX + 8       # three bundles' worth: 3 even ones, none above the maximum
    jobs = [job(i, "a") for i in range(n)] + [job(n + i, "b") for i in range(3)] + [job(n + 10, None)]
    work = plan(jobs, workers=2)
    sizes = [len(w) for w in work]
    size = -(-n // 3)
    assert sizes == [size, size, n - 2 * size, 3, 1] and max(sizes) <= BUNDLE_MAX
    assert work[-1][0].index == n + 10
    assert sorted(j.index for w in work for j in w) == sorted(j.index for j in jobs)
    assert [len(w) for w in plan([job(i, "a") for i in range(8)], workers=2)] == [4, 4]


def test_a_bundle_that_cannot_be_joined_is_converted_document_by_document(tmp_path, fake_worker):
    jobs = _bundle_jobs(tmp_path, 4)
    jobs[2][2].write_bytes(b"not a zip")      # a damaged rendering: the bundle cannot be made
    with PdfConverter(workers=1, timeout_per_doc=5) as conv:
        results = conv.convert(jobs)
        assert conv.warm.bundles == [] and conv.warm.bundles_undone == 4
        assert conv.warm.bundle_errors and conv.warm.bundle_errors[0].startswith("BundleError")
        assert conv.warm.restarts == []                   # LibreOffice was never given the bundle
    assert all(r.ok for r in results)


def test_a_hung_bundle_is_killed_and_its_documents_converted_alone(tmp_path, fake_worker):
    (tmp_path / "hang-bundles").touch()
    jobs = _bundle_jobs(tmp_path, 4)
    with PdfConverter(workers=1, timeout_per_doc=1) as conv:
        results = conv.convert(jobs)
        assert conv.warm.restarts == [(0, "timeout")]          # the hung LibreOffice was killed
        assert conv.warm.bundles == [] and conv.warm.bundles_undone == 4
    assert all(r.ok and r.attempts == 1 for r in results)
    assert all((tmp_path / "out" / f"{i}.pdf").read_bytes() != b"%PDF-1.4 half written" for i in range(4))


def test_a_stream_starts_full_bundles_at_once_and_the_rest_when_waited_for(tmp_path, fake_worker):
    """conv.stream(): a twin key's documents go as soon as BUNDLE_MAX are there, before the caller
    asks for results; what is left is planned at results(); results come in the order added."""
    import time

    from hoagiai.convert.warm import BUNDLE_MAX

    def bundle_requests() -> list[str]:       # a bundle's source is <uuid hex>.odt
        if not fake_worker.exists():
            return []
        names = [line.split()[1] for line in fake_worker.read_text().splitlines()]
        return [n for n in names if len(n) == 36 and n.endswith(".odt")]

    jobs = _bundle_jobs(tmp_path, BUNDLE_MAX + 3)
    plain = tmp_path / "plain.docx"
    plain.write_bytes(b"ok")
    with PdfConverter(workers=1, timeout_per_doc=5) as conv:
        stream = conv.stream()
        stream.add(jobs[:5])
        time.sleep(0.5)
        assert bundle_requests() == []              # 5 of 16: still waiting for more
        stream.add(jobs[5:BUNDLE_MAX])
        deadline = time.monotonic() + 20
        while not bundle_requests() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(bundle_requests()) == 1           # the full bundle went before results()
        stream.add([*jobs[BUNDLE_MAX:], (plain, tmp_path / "out" / "plain.pdf")])
        results = stream.results()
        with pytest.raises(RuntimeError):
            stream.add(jobs[:1])
    assert len(bundle_requests()) == 2               # the 3 left: one more bundle, at results()
    assert [r.docx for r in results] == [Path(j[0]) for j in jobs] + [plain]
    assert all(r.ok for r in results)                # (the fake's bundles cannot be cut: alone)


def test_an_idle_libreoffice_gets_a_smaller_bundle_at_once(tmp_path, fake_worker):
    """While the caller is still adding, a LibreOffice with nothing to do takes a key's documents
    as soon as BUNDLE_MIN are there; fewer still wait for more (or for results())."""
    import time

    from hoagiai.convert.warm import BUNDLE_MAX, BUNDLE_MIN

    def bundle_requests_made() -> list[str]:           # a bundle's source is <uuid hex>.odt
        if not fake_worker.exists():
            return []
        names = [line.split()[1] for line in fake_worker.read_text().splitlines()]
        return [n for n in names if len(n) == 36 and n.endswith(".odt")]

    assert BUNDLE_MIN < BUNDLE_MAX
    jobs = _bundle_jobs(tmp_path, BUNDLE_MIN + 4)
    with PdfConverter(workers=1, timeout_per_doc=5) as conv:
        stream = conv.stream()
        assert conv.warm_ready()
        deadline = time.monotonic() + 10
        while not conv.warm.idle() and time.monotonic() < deadline:
            time.sleep(0.01)
        stream.add(jobs[:BUNDLE_MIN - 1])
        time.sleep(0.5)
        assert bundle_requests_made() == []                  # one short of BUNDLE_MIN: waits
        stream.add(jobs[BUNDLE_MIN - 1:BUNDLE_MIN])
        deadline = time.monotonic() + 20
        while not bundle_requests_made() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(bundle_requests_made()) == 1              # went before results(), LibreOffice being idle
        stream.add(jobs[BUNDLE_MIN:])
        results = stream.results()
    assert len(bundle_requests_made()) == 2
    assert all(r.ok for r in results)


def test_a_stream_on_the_batch_engine_converts_at_results(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho ran >> \"$0.log\"\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(fake))
    src = tmp_path / "a.docx"
    src.write_bytes(b"ok")
    with PdfConverter(workers=1, engine="batch", timeout_per_doc=5) as conv:
        stream = conv.stream()
        stream.add([(src, tmp_path / "a.pdf")])
        assert not (tmp_path / "soffice.log").exists()     # nothing runs before results()
        (result,) = stream.results()
    assert (tmp_path / "soffice.log").exists() and not result.ok and result.attempts == 2
