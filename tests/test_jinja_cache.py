"""Compiled template code kept on disk (hoagiai.jinja_cache): a second compile of the same
template loads the code instead of compiling, renders the same bytes, and any damage to the
cache only means compiling again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from docx import Document

from hoagiai import jinja_cache
from hoagiai.errors import TemplateError
from hoagiai.jinja_env import environment
from hoagiai.render import CompiledTemplate
from hoagiai.render_odt import CompiledOdtTemplate

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = {"nguoi_nhan": "Ủy ban nhân dân xã <An Thành> & Co", "so": 7,
           "ds": [{"ten": "Lê Thị Hoa"}, {"ten": "Trần Văn Bình"}]}


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv(jinja_cache.CACHE_VAR, str(root))
    return root / jinja_cache.FOLDER / jinja_cache.version()


def _template(tmp_path: Path, paragraphs: list[str]) -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = tmp_path / "mau.docx"
    doc.save(str(path))
    return path


def _no_compiling(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("compiled although the cache holds the code")

    monkeypatch.setattr(jinja_cache, "compile_source", refuse)


PARAGRAPHS = ["Kính gửi {{ nguoi_nhan }}", "Số {{ so }}",
              "{%p for x in ds %}", "{{ loop.index }}. {{ x.ten }}", "{%p endfor %}"]


def test_a_second_compile_loads_the_code_and_renders_the_same_bytes(tmp_path, cache, monkeypatch):
    path = _template(tmp_path, PARAGRAPHS)
    first = CompiledTemplate(path)
    entries = sorted(cache.glob("*.bin"))
    assert len(entries) == 1                       # word/document.xml: the one part with tags
    _no_compiling(monkeypatch)
    second = CompiledTemplate(path)
    assert second.variables == first.variables == {"nguoi_nhan", "so", "ds"}
    assert second._sources == first._sources       # kept for the error messages
    assert second.render(CONTEXT) == first.render(CONTEXT)
    assert "&lt;An Thành&gt; &amp; Co" in second.render_parts(CONTEXT)["word/document.xml"]  # escaping
    with pytest.raises(TemplateError) as exc:      # still strict, naming the variable
        second.render({"so": 1, "ds": []})
    assert "`nguoi_nhan`" in exc.value.message


def test_the_demo_templates_and_their_twins_compile_the_same_from_the_cache(tmp_path, monkeypatch):
    from hoagiai.convert import available, twins

    templates = sorted((ROOT / "templates").glob("*.docx"))
    with_twin = twins.ensure(templates)            # in the session's cache (conftest)
    twin_files = [twins.cache_dir() / f"{twins.key(t)}.odt" for t in with_twin]
    assert twin_files or not available()
    monkeypatch.setenv(jinja_cache.CACHE_VAR, str(tmp_path / "cache"))
    made = [(docx, CompiledTemplate(docx)) for docx in templates]
    fresh = [(t, CompiledOdtTemplate(t)) for t in twin_files]
    _no_compiling(monkeypatch)
    for docx, tpl in made:
        again = CompiledTemplate(docx)
        assert again.variables == tpl.variables and again._sources == tpl._sources, docx.name
        assert set(again._compiled) == set(tpl._compiled)
    for path, tpl in fresh:
        again = CompiledOdtTemplate(path)
        assert again._merged == tpl._merged and set(again._compiled) == set(tpl._compiled)
        assert again.renders_styles == tpl.renders_styles


def test_a_damaged_entry_means_compiling_again(tmp_path, cache):
    path = _template(tmp_path, PARAGRAPHS)
    expected = CompiledTemplate(path).render(CONTEXT)
    (entry,) = cache.glob("*.bin")
    for damage in (b"", b"not marshal at all", entry.read_bytes()[:40]):
        entry.write_bytes(damage)
        assert CompiledTemplate(path).render(CONTEXT) == expected
    assert jinja_cache.load("docx", b"{{ x }}") is None


def test_an_unwritable_cache_is_no_failure(tmp_path, monkeypatch):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x")
    monkeypatch.setenv(jinja_cache.CACHE_VAR, str(blocker))
    path = _template(tmp_path, PARAGRAPHS)
    assert "Trần Văn Bình" in CompiledTemplate(path).render_parts(CONTEXT)["word/document.xml"]


def test_a_template_with_a_syntax_error_is_reported_and_not_kept(tmp_path, cache):
    path = _template(tmp_path, ["{{ so + }}"])
    with pytest.raises(TemplateError) as exc:
        CompiledTemplate(path)
    assert "mau.docx" in exc.value.message and "cú pháp" in exc.value.message
    assert not list(cache.glob("*.bin"))


def test_another_environment_is_compiled_not_cached(tmp_path, cache):
    path = _template(tmp_path, PARAGRAPHS)
    env = environment().overlay()
    CompiledTemplate(path, env=env)
    assert not cache.exists() or not list(cache.glob("*.bin"))


def test_the_key_covers_the_code_and_old_versions_are_pruned(tmp_path, cache, monkeypatch):
    base = cache.parent
    old = base / "an-old-version"
    recent = base / "another-recent-version"
    for folder, age_days in ((old, jinja_cache.KEEP_OTHERS_DAYS + 1), (recent, 1)):
        folder.mkdir(parents=True)
        (folder / "x.bin").write_bytes(b"x")
        stamp = time.time() - age_days * 86400
        os.utime(folder, (stamp, stamp))
    CompiledTemplate(_template(tmp_path, PARAGRAPHS))
    assert list(cache.glob("*.bin")) and not old.exists() and recent.exists()
    # another code fingerprint is another folder
    monkeypatch.setattr(jinja_cache, "_VERSION", None)
    monkeypatch.setattr(jinja_cache, "code_fingerprint", lambda: "another code")
    assert jinja_cache.version() != cache.name
