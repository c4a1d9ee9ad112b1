"""Up-to-date checks: a document's fingerprint (exactly what it reads), a whole run's key
(everything a build reads, by content) and the stamps of the files a run left, so that an
unchanged workspace is answered from the last run without re-validating."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import __version__
from ..digests import code_fingerprint, file_sha, sha
from ..documents import base
from ..workspace import Workspace
from .options import BuildOptions

if TYPE_CHECKING:
    from .results import BuildResult

def canonical(obj: Any) -> str:
    """One JSON text per value (sorted keys, no spaces): what fingerprints and the state store."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))


class Fingerprints(NamedTuple):
    fingerprint: str     # data, template, rule files and code
    data_fp: str         # the data alone
    cells: str           # canonical(job.cells): what a new version records of the cells read


def fingerprints(ws: Workspace, job: base.DocJob) -> tuple[str, str]:
    """(fingerprint, data fingerprint) of a document: its data, template, rule files and code."""
    return document_fingerprints(ws, job)[:2]


def document_fingerprints(ws: Workspace, job: base.DocJob) -> Fingerprints:
    """`fingerprints` and the canonical text of the job's cells, made once for both."""
    cells = canonical(job.cells)
    # canonical() of {"attachments", "cells", "context", "figures", "kind", "period"}, its keys
    # in sorted order, with the cells' text made above
    data = "".join(('{"attachments":', canonical([a.content_key for a in job.attachments]),
                    ',"cells":', cells, ',"context":', canonical(job.context),
                    ',"figures":', canonical(job.figures), ',"kind":', canonical(job.kind),
                    ',"period":', canonical(job.period), "}"))
    data_fp = sha(data.encode())
    h = hashlib.sha256(data_fp.encode())
    h.update((file_sha(ws.templates / job.template) or "-").encode())
    for rf in sorted(job.rule_files):
        h.update(rf.encode())
        h.update((file_sha(ws.rules / rf) or "-").encode())
    h.update(code_fingerprint().encode())
    return Fingerprints(h.hexdigest(), data_fp, cells)


def made_with(ws: Workspace) -> dict[str, str]:
    """The program and rule-set versions a new version records (issue 15 item 3)."""
    from ..rulefiles.rule_set import describe

    rs = describe(ws.rules)
    return {"hoagiai_version": __version__, "rules_version": f"{rs['version'] or '-'}+{rs['digest']}"}


def _tree_digest(h: "hashlib._Hash", root: Path, label: str) -> None:
    if not root.exists():
        h.update(f"{label}:-".encode())
        return
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.name.startswith((".", "~$")):
            h.update(f"{label}:{p.relative_to(root).as_posix()}".encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())


def run_key(ws: Workspace, opts: BuildOptions) -> str:
    """Everything a build reads, by content: inputs, rules, templates, code, options, date."""
    h = hashlib.sha256()
    _tree_digest(h, ws.inputs, "inputs")
    _tree_digest(h, ws.rules, "rules")
    _tree_digest(h, ws.templates, "templates")
    from ..records import records_dir

    _tree_digest(h, records_dir(ws), "records")   # checked against their copies on every build
    h.update(code_fingerprint().encode())
    h.update(canonical([str(opts.month), sorted(opts.kinds), opts.pdf, opts.pdfa,
                        opts.today.isoformat(), str(ws.outputs.resolve())]).encode())
    return h.hexdigest()


def file_stamps(result: BuildResult) -> dict[str, list[int]]:
    """Size and modification time of every file a run reports (documents, packet, annotated)."""
    paths: list[str] = []
    d = result.to_dict()
    for doc in d["documents"]:
        paths += [p for p in (doc.get("docx"), doc.get("pdf")) if p] + doc.get("attachments", [])
    if d.get("packet"):
        paths.append(d["packet"])
    paths += list((d.get("annotated") or {}).values())
    out = {}
    for p in paths:
        st = os.stat(p)
        out[os.path.abspath(p)] = [st.st_size, st.st_mtime_ns]   # `intact` stats the same files
    return out


def intact(stamps_json: str) -> bool:
    """Every file a run left is still as it left it (same size and modification time)."""
    for path, (size, mtime) in json.loads(stamps_json).items():
        try:
            st = os.stat(path)
        except OSError:
            return False
        if st.st_size != size or st.st_mtime_ns != mtime:
            return False
    return True
