"""Golden files (tests/golden/): the text extracted from rendered documents, and the whole demo
build (tests/golden/build/), compared line by line. Refresh them on purpose, then review the
diff in git:

    HOAGIAI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_docs.py tests/test_golden_build.py
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("HOAGIAI_UPDATE_GOLDEN") == "1"
HOW = "refresh with HOAGIAI_UPDATE_GOLDEN=1 and review `git diff tests/golden`"


def check(name: str, text: str | list[str], suffix: str = ".txt") -> None:
    """Assert that `text` equals tests/golden/<name><suffix> (or rewrite it when updating)."""
    if isinstance(text, list):
        text = "\n".join(text)
    text = text.rstrip("\n") + "\n"
    path = GOLDEN_DIR / f"{name}{suffix}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing golden file {path}; {HOW}"
    expected = path.read_text(encoding="utf-8").splitlines()
    if text.splitlines() != expected:
        diff = list(difflib.unified_diff(expected, text.splitlines(), "golden", "now", lineterm="", n=1))
        shown = "\n".join(diff[:60]) + ("\n…" if len(diff) > 60 else "")
        raise AssertionError(f"text differs from {path}; {HOW}\n{shown}")


def check_names(found: Iterable[Path], names: Iterable[str], suffix: str = ".txt") -> None:
    """Assert that the golden files `found` are exactly `names` (relative to GOLDEN_DIR, without
    `suffix`): a golden left for a document the demo no longer makes fails too. Updating deletes it."""
    have = {p.relative_to(GOLDEN_DIR).as_posix().removesuffix(suffix): p for p in found}
    stale = sorted(set(have) - set(names))
    if UPDATE:
        for name in stale:
            have[name].unlink()
        return
    assert not stale, f"golden files for documents the demo no longer makes: {stale}; {HOW}"
