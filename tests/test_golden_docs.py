"""Every kind of document the demo makes, against its golden text (tests/golden/<id>.txt): one
test, parametrised over the kinds, so a change in any template, rule file or computation shows
as a readable diff. The demo must validate and make at least one unblocked document of every
kind — otherwise the test fails, it never skips. Kind-specific checks stay in test_doc_<kind>.py.

Refresh on purpose: HOAGIAI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_docs.py
"""

from __future__ import annotations

import pytest
from roster_doc_fixtures import assert_public, demo_env, render_lines

import golden
from hoagiai.documents import CORRECTING, kinds, module

KINDS = [k for k in kinds() if k not in CORRECTING]


@pytest.fixture(scope="module")
def env():
    return demo_env("2026-12")


def _kind_of(name: str) -> str | None:
    """The kind whose document ids start `name` (the longest kind name wins)."""
    owners = [k for k in kinds() if name.startswith(f"{k}-")]
    return max(owners, key=len) if owners else None


@pytest.mark.parametrize("kind", KINDS)
def test_demo_documents_match_their_golden_text(env, kind):
    jobs = module(kind).plan(env)
    assert jobs, f"the demo makes no {kind} document for 2026-12: its golden text would check nothing"
    assert {j.id: j.reasons for j in jobs if j.blocked} == {}
    for job in jobs:
        assert job.kind == kind
        lines = render_lines(job)
        assert_public(lines, env.inputs)
        golden.check(job.id, lines)
    found = [p for p in golden.GOLDEN_DIR.glob("*.txt") if _kind_of(p.stem) == kind]
    golden.check_names(found, [j.id for j in jobs])


def test_every_golden_text_belongs_to_a_kind():
    assert [p.name for p in golden.GOLDEN_DIR.glob("*.txt") if _kind_of(p.stem) not in KINDS] == []
