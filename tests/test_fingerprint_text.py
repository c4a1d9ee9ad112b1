"""The data fingerprint is the hash of one canonical JSON text of a document's data; it is kept
in every version, so it must never change for the same data. `document_fingerprints` builds
that text from its parts (to reuse the cells' text); it must be exactly canonical() of the dict."""

from __future__ import annotations

import datetime as dt
import hashlib
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from hoagiai.digests import sha
from hoagiai.engine import fingerprint

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(),
                    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(st.text(max_size=5), inner, max_size=4)),
                      max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(cells=st.dictionaries(st.text(max_size=12), values, max_size=5), context=values,
       period=st.one_of(st.none(), st.dictionaries(st.text(max_size=4), st.text(max_size=8), max_size=3)),
       figures=values, keys=st.lists(st.text(max_size=8), max_size=3))
def test_the_data_fingerprint_is_the_hash_of_canonical_of_the_whole_data(tmp_path_factory, cells, context,
                                                                           period, figures, keys):
    ws = SimpleNamespace(templates=tmp_path_factory.getbasetemp(), rules=tmp_path_factory.getbasetemp())
    job = SimpleNamespace(kind="qd-thu-lao", context=context, cells=cells, period=period, figures=figures,
                          attachments=[SimpleNamespace(content_key=k) for k in keys], template="x.docx",
                          rule_files=[])
    got = fingerprint.document_fingerprints(ws, job)
    whole = fingerprint.canonical({"kind": job.kind, "context": context, "cells": cells, "period": period,
                                   "figures": figures, "attachments": keys})
    assert got.data_fp == sha(whole.encode())
    assert got.cells == fingerprint.canonical(cells)
    assert fingerprint.fingerprints(ws, job) == (got.fingerprint, got.data_fp)
    assert len(got.fingerprint) == len(hashlib.sha256().hexdigest())
