"""LibreOffice runs with jemalloc preloaded when the machine has it (hoagiai.convert.lo_malloc):
the choice, the environment given to soffice, and a real warm LibreOffice's mapped libraries."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_convert import VIETNAMESE, make_docx
from test_convert_warm import needs_uno

from hoagiai.convert import PdfConverter, lo_malloc


def test_off_keeps_libreoffices_own_allocator():
    for value in ("off", "OFF", "0", "glibc"):
        assert lo_malloc.allocator({lo_malloc.ENV_VAR: value}) is None


def test_a_named_library_is_used_only_when_it_exists(tmp_path):
    lib = tmp_path / "libother.so"
    lib.write_bytes(b"")
    assert lo_malloc.allocator({lo_malloc.ENV_VAR: str(lib)}) == str(lib)
    assert lo_malloc.allocator({lo_malloc.ENV_VAR: str(tmp_path / "missing.so")}) is None


def test_jemalloc_is_found_in_the_library_folders(tmp_path, monkeypatch):
    monkeypatch.setattr(lo_malloc.sys, "platform", "linux")
    monkeypatch.setattr(lo_malloc, "_folders", lambda: [str(tmp_path / "a"), str(tmp_path / "b")])
    assert lo_malloc.allocator({}) is None
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "libjemalloc.so.2").write_bytes(b"")
    assert lo_malloc.allocator({}) == str(tmp_path / "b" / "libjemalloc.so.2")
    monkeypatch.setattr(lo_malloc.sys, "platform", "win32")
    assert lo_malloc.allocator({}) is None


def test_the_preload_goes_first_and_keeps_what_was_there():
    assert lo_malloc.with_preload({"A": "1"}, None) == {"A": "1"}
    assert lo_malloc.with_preload({}, "/x/libj.so")["LD_PRELOAD"] == "/x/libj.so"
    assert lo_malloc.with_preload({"LD_PRELOAD": "/y/liby.so"}, "/x/libj.so")["LD_PRELOAD"] == "/x/libj.so:/y/liby.so"


def _mapped(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


@needs_uno
@pytest.mark.skipif(lo_malloc.allocator({}) is None,
                    reason="jemalloc không có trên máy này: apt-get install libjemalloc2")
@pytest.mark.parametrize("setting", ["", "off"])
def test_a_warm_libreoffice_runs_on_jemalloc_unless_told_not_to(tmp_path, monkeypatch, setting):
    monkeypatch.setenv("HOAGIAI_LO_PROFILES", str(tmp_path / "lo"))
    monkeypatch.setenv(lo_malloc.ENV_VAR, setting)
    doc = make_docx(tmp_path / "a.docx", VIETNAMESE)
    with PdfConverter(workers=1) as conv:
        assert conv.engine == "warm"
        [res] = conv.convert([(doc, tmp_path / "a.pdf")])
        assert res.ok, res.error
        pid = conv.warm.workers[0].soffice_pid
        maps = _mapped(pid)
    assert ("libjemalloc" in maps) == (setting != "off")


@pytest.mark.skipif(lo_malloc.allocator({}) is None,
                    reason="jemalloc không có trên máy này: apt-get install libjemalloc2")
def test_the_batch_engine_preloads_it_too(tmp_path, monkeypatch):
    from hoagiai.convert import converter, find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice không có trên máy này")
    monkeypatch.delenv(lo_malloc.ENV_VAR, raising=False)
    seen: list[str] = []
    real = converter.subprocess.Popen

    def spy(cmd, *a, **kw):
        seen.append((kw.get("env") or {}).get("LD_PRELOAD", ""))
        return real(cmd, *a, **kw)

    monkeypatch.setattr(converter.subprocess, "Popen", spy)
    doc = make_docx(tmp_path / "a.docx", VIETNAMESE)
    with PdfConverter(workers=1, engine="batch", profile_root=tmp_path / "p") as conv:
        [res] = conv.convert([(doc, tmp_path / "a.pdf")])
    assert res.ok, res.error
    assert seen and all(lo_malloc.allocator({}) in s for s in seen)
