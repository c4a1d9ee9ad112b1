"""Where a warm LibreOffice spends its time per document: load (DOCX import + layout), PDF export,
close — wall time and soffice's own CPU time — for variants of the load/export options and of the
profile, interleaved document by document so that every variant sees the same machine load.

Runs under the Python that has LibreOffice's `uno` (like hoagiai/convert/uno_worker.py, whose
`Office` it reuses); bench/warm.py runs it (`python -m bench.warm --only phases`).

    <uno python> bench/uno_phases.py '{"soffice": ..., "work": dir, "docs": [...], "rounds": 3}'

Prints one JSON line: {variant: {"load_ms": .., "export_ms": .., "close_ms": .., "load_cpu_ms": ..,
"export_cpu_ms": .., "close_cpu_ms": .., "pdf_bytes": ..}} (medians over documents × rounds).

With `"trace": path` in the config (bench/lo_perf.py): only the shipped variant, in one LibreOffice;
its pid goes to `<path>.pid` and, after a pause (`perf record -p` attaches), the CLOCK_MONOTONIC
bounds of each document's load, export and close go to `path` as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hoagiai", "convert"))

import uno  # noqa: E402 - only importable under LibreOffice's Python
from com.sun.star.beans import PropertyValue  # noqa: E402
from uno_worker import Office  # noqa: E402

# the profile settings a "quiet" worker would use: no online spelling/grammar, no word completion,
# no autosave/recovery, no OpenCL, no thumbnails, no update check
QUIET_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
{}
</oor:items>
"""
QUIET = [("/org.openoffice.Office.Linguistic/SpellChecking", "IsSpellAuto"),
         ("/org.openoffice.Office.Linguistic/SpellChecking", "IsSpellSpecial"),
         ("/org.openoffice.Office.Linguistic/GrammarChecking", "IsAutoCheck"),
         ("/org.openoffice.Office.Writer/AutoFunction/Completion", "Enable"),
         ("/org.openoffice.Office.Recovery/AutoSave", "Enabled"),
         ("/org.openoffice.Office.Recovery/RecoveryInfo", "Enabled"),
         ("/org.openoffice.Office.Common/Misc", "UseOpenCL"),
         ("/org.openoffice.Office.Common/Save/Document", "GenerateThumbnail")]

WORKER_LOAD = dict(FilterName="MS Word 2007 XML", Hidden=True, ReadOnly=True, UpdateDocMode=0, MacroExecutionMode=0,
                   Preview=True)   # as hoagiai/convert/uno_worker.py loads
LEAN_EXPORT = dict(ExportBookmarks=False, ExportNotes=False, ExportFormFields=False, UseTaggedPDF=False,
                   IsAddStream=False)
# variant: (office, load from, extra load properties, PDF FilterData)
VARIANTS = {
    "worker (stream + Preview, as shipped)": ("plain", "stream", {}, {}),
    "file URL, type detection": ("plain", "url", {}, {}),
    "stream without Preview": ("plain", "stream", {"Preview": False}, {}),
    "stream + lean export options": ("plain", "stream", {}, LEAN_EXPORT),
    "stream + PDF/A-2b": ("plain", "stream", {}, {"SelectPdfVersion": 2}),
    "stream, quiet profile": ("quiet", "stream", {}, {}),
}


def _props(**values) -> tuple:
    return tuple(PropertyValue(Name=k, Value=v) for k, v in values.items())


def cpu_ms(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as fh:
        f = fh.read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def start(soffice: str, folder: str, quiet: bool) -> Office:
    os.makedirs(os.path.join(folder, "user"))
    if quiet:
        items = "\n".join(f'<item oor:path="{p}"><prop oor:name="{n}" oor:op="fuse"><value>false</value></prop></item>'
                          for p, n in QUIET)
        with open(os.path.join(folder, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as fh:
            fh.write(QUIET_XCU.format(items))
    office = Office({"soffice": soffice, "profile": folder, "pipe": "bench-" + uuid.uuid4().hex[:10],
                     "start_timeout": 300})
    office.start()
    return office


def one(office: Office, data: bytes, variant: tuple, folder: str) -> dict:
    _, source, extra, filter_data = variant
    pid = office.proc.pid
    t0, c0 = time.perf_counter(), cpu_ms(pid)
    if source == "url":
        path = os.path.join(folder, "in.docx")
        with open(path, "wb") as fh:
            fh.write(data)
        props = {"Hidden": True, "ReadOnly": True, "Preview": True, **extra}
        doc = office.desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, _props(**props))
    else:
        stream = office.smgr.createInstanceWithArgumentsAndContext(
            "com.sun.star.io.SequenceInputStream", (uno.ByteSequence(data),), office.ctx)
        doc = office.desktop.loadComponentFromURL("private:stream", "_blank", 0,
                                                  _props(InputStream=stream, **{**WORKER_LOAD, **extra}))
    t1, c1 = time.perf_counter(), cpu_ms(pid)
    store = {"FilterName": "writer_pdf_Export", "Overwrite": True}
    if filter_data:
        store["FilterData"] = uno.Any("[]com.sun.star.beans.PropertyValue", _props(**filter_data))
    out = os.path.join(folder, "out.pdf")
    doc.storeToURL(uno.systemPathToFileUrl(out), _props(**store))
    t2, c2 = time.perf_counter(), cpu_ms(pid)
    doc.close(True)
    t3, c3 = time.perf_counter(), cpu_ms(pid)
    return {"load_ms": (t1 - t0) * 1000, "export_ms": (t2 - t1) * 1000, "close_ms": (t3 - t2) * 1000,
            "load_cpu_ms": c1 - c0, "export_cpu_ms": c2 - c1, "close_cpu_ms": c3 - c2,
            "pdf_bytes": os.path.getsize(out)}


def trace(cfg: dict) -> int:
    work, shipped = cfg["work"], VARIANTS["worker (stream + Preview, as shipped)"]
    shutil.rmtree(work, ignore_errors=True)
    office = start(cfg["soffice"], work, False)
    try:
        datas = []
        for path in cfg["docs"]:
            with open(path, "rb") as fh:
                datas.append(fh.read())
        for data in datas:
            one(office, data, shipped, work)
        with open(cfg["trace"] + ".pid", "w", encoding="ascii") as fh:
            fh.write(str(office.proc.pid))
        time.sleep(float(cfg.get("pause", 4)))
        marks = []
        for _ in range(int(cfg.get("rounds", 2))):
            for data in datas:
                t0 = time.monotonic()
                r = one(office, data, shipped, work)
                t1 = t0 + r["load_ms"] / 1000
                t2 = t1 + r["export_ms"] / 1000
                marks.append([t0, t1, t2, t2 + r["close_ms"] / 1000])
    finally:
        office.kill()
        shutil.rmtree(work, ignore_errors=True)
    with open(cfg["trace"], "w", encoding="ascii") as fh:
        json.dump(marks, fh)
    return 0


def main() -> int:
    cfg = json.loads(sys.argv[1])
    if cfg.get("trace"):
        return trace(cfg)
    work = cfg["work"]
    shutil.rmtree(work, ignore_errors=True)
    offices = {}
    try:
        for name in ("plain", "quiet"):
            offices[name] = start(cfg["soffice"], os.path.join(work, name), name == "quiet")
        datas = []
        for path in cfg["docs"]:
            with open(path, "rb") as fh:
                datas.append(fh.read())
        samples: dict = {v: [] for v in VARIANTS}
        for data in datas:                 # warm-up: each office's first document loads code
            for name, office in offices.items():
                one(office, data, VARIANTS["worker (stream + Preview, as shipped)"], os.path.join(work, name))
        for _ in range(int(cfg.get("rounds", 3))):
            for data in datas:
                for v, spec in VARIANTS.items():
                    samples[v].append(one(offices[spec[0]], data, spec, os.path.join(work, spec[0])))
    finally:
        for office in offices.values():
            office.kill()
        shutil.rmtree(work, ignore_errors=True)
    out = {v: {k: statistics.median(s[k] for s in rows) for k in rows[0]} for v, rows in samples.items()}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
