"""Golden-text files (tests/golden/<name>.txt): the text extracted from a rendered document,
compared line by line. Refresh them on purpose, then review the diff in git:

    HOAGIAI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_doc_<kind>.py
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("HOAGIAI_UPDATE_GOLDEN") == "1"


def check(name: str, text: str | list[str]) -> None:
    """Assert that `text` equals tests/golden/<name>.txt (or rewrite it when updating)."""
    if isinstance(text, list):
        text = "\n".join(text)
    text = text.rstrip("\n") + "\n"
    path = GOLDEN_DIR / f"{name}.txt"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing golden file {path}; create it with HOAGIAI_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert text.splitlines() == expected.splitlines(), f"text differs from {path}"
