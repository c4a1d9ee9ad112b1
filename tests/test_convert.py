"""PDF conversion: real LibreOffice where installed, a fake soffice for faults."""

from __future__ import annotations

import io
import os
import stat
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm, Pt
from pypdf import PdfReader, PdfWriter

from hoagiai.convert import (PdfConverter, available, find_soffice, font_note, font_report,
                             fonts_in_bytes, fonts_in_pdf,
                             looks_complete, missing_message, pdfa_part)
from hoagiai.convert import soffice as soffice_module
from hoagiai.errors import EnvironmentFailure

VIETNAMESE = "Hòa giải viên Nguyễn Thị Ánh"


needs_soffice = pytest.mark.skipif(
    find_soffice() is None,
    reason="LibreOffice (soffice) không có trên máy này: apt-get install libreoffice-writer-nogui fonts-liberation2",
)


def make_docx(path: Path, text: str) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    doc.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def pdf_text(pdf: Path) -> str:
    return unicodedata.normalize("NFC", "".join(p.extract_text() for p in PdfReader(pdf).pages))


# -- real LibreOffice --------------------------------------------------------------------------

@needs_soffice
def test_two_documents_in_parallel_slots(tmp_path):
    a = make_docx(tmp_path / "a.docx", VIETNAMESE)
    b = make_docx(tmp_path / "b.docx", "Quyết định chi thù lao")
    jobs = [(a, tmp_path / "out" / "a.pdf"), (b, tmp_path / "out" / "b.pdf")]
    with PdfConverter(workers=2, profile_root=tmp_path / "profiles", engine="batch") as conv:
        results = conv.convert(jobs)
        assert sorted(r.slot for r in conv.batches) == [0, 1]
        assert all(r.outcome == "ok" and r.documents == 1 for r in conv.batches)
    assert [r.ok for r in results] == [True, True]
    assert [r.pdf for r in results] == [t for _, t in jobs]
    assert all(r.error is None and r.attempts == 1 and r.seconds > 0 for r in results)
    assert results[0].pdf and results[1].pdf
    assert VIETNAMESE in pdf_text(results[0].pdf)
    assert "Quyết định chi thù lao" in pdf_text(results[1].pdf)
    # the caller's profile root is kept, one private profile per slot
    assert (tmp_path / "profiles" / "slot-0").is_dir() and (tmp_path / "profiles" / "slot-1").is_dir()


@needs_soffice
def test_corrupt_document_fails_alone(tmp_path):
    good1 = make_docx(tmp_path / "good1.docx", "Một")
    bad = tmp_path / "hỏng.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a zip archive" * 20)
    good2 = make_docx(tmp_path / "good2.docx", "Hai")
    out = tmp_path / "out"
    with PdfConverter(workers=1) as conv:
        results = conv.convert([(good1, out / "1.pdf"), (bad, out / "2.pdf"), (good2, out / "3.pdf")])
    assert [r.ok for r in results] == [True, False, True]
    failed = results[1]
    assert failed.pdf is None and failed.attempts == 2
    assert failed.error and "hỏng.docx" in failed.error and "không tạo được PDF" in failed.error
    assert not (out / "2.pdf").exists()
    assert "Hai" in pdf_text(out / "3.pdf")


@needs_soffice
def test_awkward_file_names(tmp_path):
    src = make_docx(tmp_path / "- Quyết định số 1 (bản nháp).docx", VIETNAMESE)
    target = tmp_path / "tập trình ký" / "Quyết định thù lao tháng 6.pdf"
    with PdfConverter(workers=1) as conv:
        (result,) = conv.convert([(src, target)])
    assert result.ok, result.error
    assert VIETNAMESE in pdf_text(target)
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left


@needs_soffice
def test_pdfa_declared_and_font_report(tmp_path):
    src = make_docx(tmp_path / "a.docx", VIETNAMESE)
    with PdfConverter(workers=1, pdfa=True) as conv:
        (result,) = conv.convert([(src, tmp_path / "a.pdf")])
    assert result.ok, result.error
    assert result.pdf
    assert pdfa_part(result.pdf) == 2
    fonts = fonts_in_pdf(result.pdf)
    assert fonts
    from hoagiai.convert.pdfcheck import fonts_by_pages
    assert fonts == fonts_by_pages(result.pdf)     # the fast scan finds what pypdf finds
    data = result.pdf.read_bytes()
    assert fonts_in_bytes(data) == fonts            # the bytes a build already holds, same scan
    assert fonts_by_pages(io.BytesIO(data)) == fonts
    note = font_report([result.pdf])
    assert font_note(fonts) == note                 # the note from fonts collected as PDFs come
    if any(f.replace(" ", "").lower().startswith("timesnewroman") for f in fonts):
        assert note is None
    else:  # the metric-compatible substitute was embedded, and the note names it
        assert note is not None and "Times New Roman" in note
        assert any(f in note for f in fonts)


def test_missing_input_is_reported_without_running(tmp_path, monkeypatch, fake_soffice):
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(fake_soffice))
    with PdfConverter(workers=1) as conv:
        (result,) = conv.convert([(tmp_path / "không có.docx", tmp_path / "x.pdf")])
        assert conv.batches == []
    assert not result.ok and result.attempts == 0 and "Không tìm thấy tệp Word" in str(result.error)


# -- no LibreOffice ----------------------------------------------------------------------------

def test_missing_soffice_raises_environment_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(tmp_path / "không-có-soffice"))
    assert find_soffice() is None
    assert available() is False
    with pytest.raises(EnvironmentFailure) as info:
        PdfConverter()
    assert info.value.exit_code == 3
    assert "apt-get install libreoffice-writer-nogui fonts-liberation2" in info.value.message
    assert "bỏ qua" in info.value.message and "HOAGIAI_SOFFICE" in info.value.message
    assert missing_message() == info.value.message


def test_find_soffice_lookup_order(tmp_path, monkeypatch):
    monkeypatch.delenv("HOAGIAI_SOFFICE", raising=False)
    monkeypatch.setattr(soffice_module, "_FIXED_PLACES", ())
    monkeypatch.setattr(soffice_module.glob, "glob", lambda pattern: [])
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_soffice() is None
    fake = tmp_path / "bin" / "libreoffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    assert find_soffice() == str(fake)
    forced = tmp_path / "other" / "soffice"
    forced.parent.mkdir()
    forced.write_text("#!/bin/sh\n")
    forced.chmod(0o755)
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(forced))
    assert find_soffice() == str(forced)


# -- faults, with a fake soffice ---------------------------------------------------------------

FAKE = '''\
#!{python}
"""Fake soffice: copies a tiny PDF per input; HANG sleeps (with a child), CRASH dies."""
import os, shutil, subprocess, sys, time
args = sys.argv[1:]
outdir = args[args.index("--outdir") + 1]
files = [a for a in args[args.index("--outdir") + 2:]]
for f in files:
    content = open(f, "rb").read()
    name = os.path.splitext(os.path.basename(f))[0] + ".pdf"
    target = os.path.join(outdir, name)
    if b"HANG" in content:
        with open(target, "wb") as fh:
            fh.write(b"%PDF-1.4\\n% half written, no end marker" + b"x" * 200)
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        with open(os.path.join({pids!r}, str(os.getpid())), "w") as fh:
            fh.write(str(child.pid))
        time.sleep(600)
    if b"CRASH" in content:
        os.kill(os.getpid(), 9)
    shutil.copyfile({tiny!r}, target)
'''


@pytest.fixture
def fake_soffice(tmp_path):
    tiny = tmp_path / "tiny.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595.28, height=841.89)
    with open(tiny, "wb") as fh:
        writer.write(fh)
    pids = tmp_path / "pids"
    pids.mkdir()
    script = tmp_path / "fake-bin" / "soffice"
    script.parent.mkdir()
    script.write_text(FAKE.format(python=sys.executable, tiny=str(tiny), pids=str(pids)))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a killed child may linger as a zombie until reaped by init
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_hanging_document_times_out_is_retried_once_and_fails_alone(tmp_path, monkeypatch, fake_soffice):
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(fake_soffice))
    docs = {}
    for name, content in (("một.docx", b"ok"), ("treo.docx", b"HANG"), ("ba.docx", b"ok")):
        docs[name] = tmp_path / "in" / name
        docs[name].parent.mkdir(exist_ok=True)
        docs[name].write_bytes(content)
    out = tmp_path / "out"
    jobs = [(docs[n], out / (Path(n).stem + ".pdf")) for n in ("một.docx", "treo.docx", "ba.docx")]
    with PdfConverter(workers=1, timeout_per_doc=1.5) as conv:
        results = conv.convert(jobs)
        outcomes = [(b.documents, b.outcome) for b in conv.batches]
    # the batch, then each document without a PDF alone: the hanging one, then the one after it
    assert outcomes == [(3, "timeout"), (1, "timeout"), (1, "ok")]
    assert [r.ok for r in results] == [True, False, True]
    assert [r.attempts for r in results] == [1, 2, 2]
    assert "Quá thời gian" in str(results[1].error) and "treo.docx" in str(results[1].error)
    assert not (out / "treo.pdf").exists()  # the half-written PDF never reaches its target
    assert looks_complete(out / "một.pdf") and looks_complete(out / "ba.pdf")
    # the whole process group was killed, children included
    pid_files = list((tmp_path / "pids").iterdir())
    assert len(pid_files) == 2
    deadline = time.monotonic() + 5
    pids = [int(p.name) for p in pid_files] + [int(p.read_text()) for p in pid_files]
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in pids)


def test_crash_mid_batch_retries_the_rest_one_by_one(tmp_path, monkeypatch, fake_soffice):
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(fake_soffice))
    jobs = []
    for i, content in enumerate((b"ok", b"CRASH", b"ok", b"ok")):
        src = tmp_path / f"{i}.docx"
        src.write_bytes(content)
        jobs.append((src, tmp_path / "out" / f"{i}.pdf"))
    with PdfConverter(workers=1) as conv:
        results = conv.convert(jobs)
        outcomes = [b.outcome for b in conv.batches]
    assert outcomes == ["crash", "crash", "ok", "ok"]
    assert [r.ok for r in results] == [True, False, True, True]
    assert [r.attempts for r in results] == [1, 2, 2, 2]
    assert "dừng bất thường" in str(results[1].error)


def test_batches_are_spread_over_slots(tmp_path, monkeypatch, fake_soffice):
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(fake_soffice))
    jobs = []
    for i in range(7):
        src = tmp_path / f"{i}.docx"
        src.write_bytes(b"ok")
        jobs.append((src, tmp_path / "out" / f"{i}.pdf"))
    with PdfConverter(workers=2, batch_size=3) as conv:
        results = conv.convert(jobs)
        sizes = sorted(b.documents for b in conv.batches)
        slots = {b.slot for b in conv.batches}
        root = conv.profile_dir(0).parent
    assert all(r.ok for r in results)
    assert sizes == [1, 3, 3] and slots <= {0, 1}
    assert not root.exists()  # the default profile root is temporary


def _pdf_with_metadata(path: Path, xmp: bytes, compressed: bool, extra_packet: bytes = b"") -> Path:
    """A one-page PDF whose catalog has /Metadata `xmp` (Flate-compressed or in clear); an
    `extra_packet` goes in clear into another stream (what an embedded image's XMP would be)."""
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    writer.add_blank_page(width=595.28, height=841.89)
    clear = DecodedStreamObject()
    clear.set_data(xmp)
    clear[NameObject("/Type")], clear[NameObject("/Subtype")] = NameObject("/Metadata"), NameObject("/XML")
    meta = clear.flate_encode() if compressed else clear
    writer.root_object[NameObject("/Metadata")] = writer._add_object(meta)
    if extra_packet:
        other = DecodedStreamObject()
        other.set_data(extra_packet)
        writer._add_object(other)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def _xmp(part: str) -> bytes:
    return (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            b'<rdf:Description xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">' + part.encode()
            + b'</rdf:Description></rdf:RDF></x:xmpmeta>')


def test_pdfa_part_read_in_clear_or_through_the_catalog(tmp_path):
    two = _xmp("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>")
    assert pdfa_part(_pdf_with_metadata(tmp_path / "clear.pdf", two, compressed=False)) == 2
    assert pdfa_part(_pdf_with_metadata(tmp_path / "flate.pdf", two, compressed=True)) == 2   # pypdf
    # two packets in clear: the catalog's decides (the other says part 1)
    both = _pdf_with_metadata(tmp_path / "both.pdf", two, compressed=False, extra_packet=_xmp('pdfaid:part="1"'))
    assert pdfa_part(both) == 2
    assert pdfa_part(_pdf_with_metadata(tmp_path / "none.pdf", _xmp(""), compressed=False)) is None
    blank = PdfWriter()
    blank.add_blank_page(width=595.28, height=841.89)
    with open(tmp_path / "blank.pdf", "wb") as fh:
        blank.write(fh)
    assert pdfa_part(tmp_path / "blank.pdf") is None


def test_looks_complete_rejects_truncated_pdf(tmp_path, fake_soffice):
    tiny = fake_soffice.parent.parent / "tiny.pdf"
    assert looks_complete(tiny)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(tiny.read_bytes()[:-40])
    assert not looks_complete(cut)
    assert not looks_complete(tmp_path / "missing.pdf")


# -- LibreOffice where Windows and macOS install it (file system and platform faked) -------------

def _fake_platform(monkeypatch, tmp_path, platform: str, present: set[str], environ: dict[str, str]):
    import types

    monkeypatch.delenv("HOAGIAI_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(soffice_module, "sys", types.SimpleNamespace(platform=platform))
    monkeypatch.setattr(soffice_module, "_isfile", lambda p: str(p) in present)
    monkeypatch.setattr(soffice_module, "_access", lambda p, mode: str(p) in present)
    for key, value in environ.items():
        monkeypatch.setenv(key, value)


@pytest.mark.parametrize("present,expected", [
    ({r"C:\Program Files\LibreOffice\program\soffice.exe"}, r"C:\Program Files\LibreOffice\program\soffice.exe"),
    ({r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"},
     r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"),
    (set(), None),
])
def test_find_soffice_on_windows(tmp_path, monkeypatch, present, expected):
    _fake_platform(monkeypatch, tmp_path, "win32", present,
                   {"ProgramFiles": r"C:\Program Files", "ProgramFiles(x86)": r"C:\Program Files (x86)",
                    "ProgramW6432": r"C:\Program Files"})
    assert find_soffice() == expected


def test_find_soffice_on_windows_without_environment_variables(tmp_path, monkeypatch):
    for key in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
        monkeypatch.delenv(key, raising=False)
    _fake_platform(monkeypatch, tmp_path, "win32", {r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"}, {})
    assert find_soffice() == r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"


@pytest.mark.parametrize("present,expected", [
    ({"/Applications/LibreOffice.app/Contents/MacOS/soffice"}, "/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    ({"/Users/an/Applications/LibreOffice.app/Contents/MacOS/soffice"},
     "/Users/an/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    (set(), None),
])
def test_find_soffice_on_macos(tmp_path, monkeypatch, present, expected):
    _fake_platform(monkeypatch, tmp_path, "darwin", present, {"HOME": "/Users/an"})
    assert find_soffice() == expected


def _script(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!{sys.executable}\n{body}\n")
    path.chmod(0o755)
    return path


@pytest.mark.parametrize("layout", ["windows", "macos", "linux-tdf"])
def test_uno_python_is_the_one_shipped_with_libreoffice(tmp_path, monkeypatch, layout):
    monkeypatch.delenv("HOAGIAI_UNO_PYTHON", raising=False)
    has_uno = "import sys; sys.exit(0)"
    if layout == "macos":
        soffice = _script(tmp_path / "LibreOffice.app/Contents/MacOS/soffice", "")
        (tmp_path / "LibreOffice.app/Contents/Resources").mkdir(parents=True)
        (tmp_path / "LibreOffice.app/Contents/Resources/bootstraprc").write_text("[Bootstrap]\n")
        python = _script(tmp_path / "LibreOffice.app/Contents/Resources/python", has_uno)
    else:
        program = tmp_path / "LibreOffice" / "program"
        soffice = _script(program / ("soffice.exe" if layout == "windows" else "soffice"), "")
        (program / ("bootstrap.ini" if layout == "windows" else "bootstraprc")).write_text("[Bootstrap]\n")
        python = _script(program / ("python.exe" if layout == "windows" else "python"), has_uno)
    assert soffice_module.uno_python(str(soffice)) == str(python)


def test_uno_python_none_for_something_that_is_not_libreoffice(tmp_path, monkeypatch):
    monkeypatch.delenv("HOAGIAI_UNO_PYTHON", raising=False)
    fake = _script(tmp_path / "bin" / "soffice", "")
    assert soffice_module.uno_python(str(fake)) is None
    monkeypatch.setenv("HOAGIAI_UNO_PYTHON", str(_script(tmp_path / "py", "import sys; sys.exit(1)")))
    assert soffice_module.uno_python(str(fake)) is None     # it cannot import uno


# -- LibreOffice found but not runnable: "not found", never "stopped unexpectedly" --------------

@pytest.mark.parametrize("launcher", ["#!/không/có/sh\n", "#!/bin/sh\nexec /không/có/soffice.bin \"$@\"\n"])
def test_libreoffice_that_cannot_start_is_reported_as_not_found(tmp_path, monkeypatch, launcher):
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    script.write_text(launcher)
    script.chmod(0o755)
    monkeypatch.setenv("HOAGIAI_SOFFICE", str(script))
    src = make_docx(tmp_path / "a.docx", VIETNAMESE)
    with PdfConverter(workers=1) as conv:
        (result,) = conv.convert([(src, tmp_path / "a.pdf")])
        assert [b.outcome for b in conv.batches] in ([], ["missing"])   # no retry: it cannot be found
    assert not result.ok and result.attempts == 1
    error = str(result.error)
    assert "Không tìm thấy hoặc không chạy được LibreOffice" in error and "a.docx" in error
    assert "dừng bất thường" not in error and "apt-get install" in error


def test_process_group_and_signal_calls_are_only_in_procs():
    """Every POSIX-only process call of the converters goes through procs.py, which has the
    Windows fallback (CREATE_NEW_PROCESS_GROUP, taskkill, terminate())."""
    import re

    folder = Path(soffice_module.__file__).parent
    posix_only = re.compile(r"killpg|setsid|start_new_session|preexec_fn|signal\.SIG|os\.fork|fcntl")
    offenders = [f"{p.name}:{n}" for p in sorted(folder.glob("*.py")) if p.name != "procs.py"
                 for n, line in enumerate(p.read_text("utf-8").splitlines(), 1) if posix_only.search(line)]
    assert offenders == []
    text = (folder / "procs.py").read_text("utf-8")
    assert "CREATE_NEW_PROCESS_GROUP" in text and "taskkill" in text and "terminate()" in text
