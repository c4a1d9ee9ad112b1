"""Private LibreOffice profiles skip LibreOffice's upgrade-time start-up work (the graphics render
tests that made every start of a headless LibreOffice ~1.3 s slower; BENCHMARKS.md, issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoagiai.convert import PdfConverter, soffice
from hoagiai.convert.lo_profiles import Session, skip_upgrade_checks

ITEM = "ooSetupLastVersion"


def test_a_new_profile_records_a_last_version_once(tmp_path):
    session = Session(tmp_path / "lo")
    try:
        profile = session.profile("w0-1", seeded=False)
        xcu = profile / "user" / "registrymodifications.xcu"
        text = xcu.read_text(encoding="utf-8")
        assert text.count(ITEM) == 1 and text.rstrip().endswith("</oor:items>")
        skip_upgrade_checks(profile)
        assert xcu.read_text(encoding="utf-8") == text          # idempotent
    finally:
        session.close()


def test_an_existing_registry_keeps_its_settings(tmp_path):
    xcu = tmp_path / "p" / "user" / "registrymodifications.xcu"
    xcu.parent.mkdir(parents=True)
    xcu.write_text('<?xml version="1.0"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry">\n'
                   '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">'
                   '<value>vi-VN</value></prop></item>\n</oor:items>\n', encoding="utf-8")
    skip_upgrade_checks(tmp_path / "p")
    text = xcu.read_text(encoding="utf-8")
    assert "vi-VN" in text and text.count(ITEM) == 1
    assert not [p for p in xcu.parent.iterdir() if p.name != xcu.name]   # no temporary file left


@pytest.mark.skipif(soffice.find_soffice() is None or soffice.uno_python(soffice.find_soffice()) is None,
                    reason="LibreOffice với cầu nối UNO (python3-uno) không có trên máy này: "
                           "apt-get install python3-uno")
def test_libreoffice_started_in_such_a_profile_runs_no_render_tests(tmp_path, monkeypatch):
    import subprocess

    monkeypatch.setenv("HOAGIAI_LO_PROFILES", str(tmp_path / "lo"))
    with PdfConverter(workers=1) as conv:
        conv.start()
        profile = conv.warm.workers[0].profile
        assert profile is not None and (profile / "user").is_dir()
        assert not (profile / "user" / "GraphicsRenderTests.log").exists()
    # the control: LibreOffice in a profile without the item runs them (and logs it there)
    bare = tmp_path / "bare"
    subprocess.run([soffice.find_soffice() or "soffice", "--headless", "--norestore",
                    f"-env:UserInstallation={bare.as_uri()}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "o"), str(_tiny_docx(tmp_path))], timeout=300, capture_output=True)
    assert (tmp_path / "o" / "t.pdf").is_file()
    assert (bare / "user" / "GraphicsRenderTests.log").exists()


def _tiny_docx(tmp: Path) -> Path:
    from docx import Document

    d = Document()
    d.add_paragraph("Xã An Thành")
    path = tmp / "t.docx"
    d.save(str(path))
    return path
