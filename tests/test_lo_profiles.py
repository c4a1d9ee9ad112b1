"""Private LibreOffice profiles skip LibreOffice's upgrade-time start-up work (the graphics render
tests that made every start of a headless LibreOffice ~1.3 s slower) and Writer's word collection
for autocompletion (7 % of a warm LibreOffice's CPU); BENCHMARKS.md, issue 16."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoagiai.convert import PdfConverter, soffice
from hoagiai.convert.lo_profiles import Session, tune

ITEMS = ('oor:name="ooSetupLastVersion"', 'oor:name="CollectWords"')


def test_a_new_profile_gets_each_setting_once(tmp_path):
    session = Session(tmp_path / "lo")
    try:
        profile = session.profile("w0-1", seeded=False)
        xcu = profile / "user" / "registrymodifications.xcu"
        text = xcu.read_text(encoding="utf-8")
        assert [text.count(item) for item in ITEMS] == [1, 1] and text.rstrip().endswith("</oor:items>")
        tune(profile)
        assert xcu.read_text(encoding="utf-8") == text          # idempotent
    finally:
        session.close()


def _registry(profile: Path, item: str) -> Path:
    """A profile's registry holding `item`."""
    xcu = profile / "user" / "registrymodifications.xcu"
    xcu.parent.mkdir(parents=True)
    xcu.write_text('<?xml version="1.0"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry">\n'
                   f"{item}\n</oor:items>\n", encoding="utf-8")
    return xcu


def test_an_existing_registry_keeps_its_settings(tmp_path):
    xcu = _registry(tmp_path / "p", '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" '
                                    'oor:op="fuse"><value>vi-VN</value></prop></item>')
    tune(tmp_path / "p")
    text = xcu.read_text(encoding="utf-8")
    assert "vi-VN" in text and [text.count(item) for item in ITEMS] == [1, 1]
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


def test_a_profile_with_only_the_old_setting_gets_the_new_one(tmp_path):
    """A seed profile kept by an earlier version has the last version but not the word collection."""
    xcu = _registry(tmp_path / "p", '<item oor:path="/org.openoffice.Setup/Product"><prop '
                                    'oor:name="ooSetupLastVersion" oor:op="fuse"><value>99.9</value></prop></item>')
    tune(tmp_path / "p")
    assert [xcu.read_text(encoding="utf-8").count(item) for item in ITEMS] == [1, 1]


_READ_SETTING = """
import sys, uno
sys.path.insert(0, sys.argv[1])
from uno_worker import Office
from com.sun.star.beans import PropertyValue
office = Office({"soffice": sys.argv[2], "profile": sys.argv[3], "pipe": "hoagiai-test-" + sys.argv[4],
                 "start_timeout": 300})
office.start()
try:
    provider = office.smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", office.ctx)
    arg = PropertyValue()
    arg.Name, arg.Value = "nodepath", "/org.openoffice.Office.Writer/AutoFunction/Completion"
    node = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", (arg,))
    print(node.getByName("CollectWords"))
finally:
    office.proc.kill()
"""


@pytest.mark.skipif(soffice.find_soffice() is None or soffice.uno_python(soffice.find_soffice()) is None,
                    reason="LibreOffice với cầu nối UNO (python3-uno) không có trên máy này: "
                           "apt-get install python3-uno")
def test_libreoffice_in_such_a_profile_reads_word_collection_off(tmp_path):
    """The setting's path and name are the ones LibreOffice reads (its default is on)."""
    import os
    import subprocess

    import hoagiai.convert

    office = soffice.find_soffice() or "soffice"
    py = soffice.uno_python(office) or "python3"
    folder = str(Path(hoagiai.convert.__file__).parent)
    results = []
    for name, tuned in (("tuned", True), ("bare", False)):
        profile = tmp_path / name
        (profile / "user").mkdir(parents=True)
        if tuned:
            tune(profile)
        r = subprocess.run([py, "-c", _READ_SETTING, folder, office, str(profile), f"{name}{os.getpid()}"],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        results.append(r.stdout.strip())
    assert results == ["False", "True"]


def _tiny_docx(tmp: Path) -> Path:
    from docx import Document

    d = Document()
    d.add_paragraph("Xã An Thành")
    path = tmp / "t.docx"
    d.save(str(path))
    return path
