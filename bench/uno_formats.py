"""LibreOffice's CPU for the same documents given three ways — each DOCX alone, each ODT twin
rendering alone, the ODT renderings of one template as bundles — in one warm LibreOffice, the
three ways interleaved round by round so that every way sees the same machine.

Runs under the Python that has LibreOffice's `uno` (like hoagiai/convert/uno_worker.py, whose
`Office` it reuses); bench/formats.py prepares the files and runs it.

    <uno python> bench/uno_formats.py '{"soffice": ..., "work": dir, "rounds": 3,
                                        "sets": {"name": [[path, filter, marks], ...]}}'

Prints one JSON line: {set name: {"load_cpu_ms": [...per round], "export_cpu_ms": [...],
"close_cpu_ms": [...], "wall_ms": [...]}} — totals over the set's files, one per round.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hoagiai", "convert"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import uno  # noqa: E402 - only importable under LibreOffice's Python
from uno_phases import _props, cpu_ms, start  # noqa: E402


def convert(office, path: str, filt: str, marks: bool, out: str) -> tuple[float, float, float]:
    pid = office.proc.pid
    with open(path, "rb") as fh:
        data = fh.read()
    stream = office.smgr.createInstanceWithArgumentsAndContext(
        "com.sun.star.io.SequenceInputStream", (uno.ByteSequence(data),), office.ctx)
    c0 = cpu_ms(pid)
    doc = office.desktop.loadComponentFromURL("private:stream", "_blank", 0, _props(
        InputStream=stream, FilterName=filt, Hidden=True, ReadOnly=True, UpdateDocMode=0, MacroExecutionMode=0,
        Preview=True))
    c1 = cpu_ms(pid)
    store = {"FilterName": "writer_pdf_Export", "Overwrite": True}
    if marks:
        store["FilterData"] = uno.Any("[]com.sun.star.beans.PropertyValue",
                                      _props(ExportBookmarksToPDFDestination=True))
    doc.storeToURL(uno.systemPathToFileUrl(out), _props(**store))
    c2 = cpu_ms(pid)
    doc.close(True)
    return c1 - c0, c2 - c1, cpu_ms(pid) - c2


def main() -> int:
    cfg = json.loads(sys.argv[1])
    work = cfg["work"]
    shutil.rmtree(work, ignore_errors=True)
    office = start(cfg["soffice"], work, False)
    out = os.path.join(work, "out.pdf")
    result: dict = {name: {"load_cpu_ms": [], "export_cpu_ms": [], "close_cpu_ms": [], "wall_ms": []}
                    for name in cfg["sets"]}
    try:
        for files in cfg["sets"].values():          # warm-up: code loading is not any way's cost
            convert(office, *files[0], out)
        for _ in range(int(cfg.get("rounds", 3))):
            for name, files in cfg["sets"].items():
                t = time.perf_counter()
                tot = [0.0, 0.0, 0.0]
                for path, filt, marks in files:
                    for i, v in enumerate(convert(office, path, filt, marks, out)):
                        tot[i] += v
                r = result[name]
                r["load_cpu_ms"].append(tot[0])
                r["export_cpu_ms"].append(tot[1])
                r["close_cpu_ms"].append(tot[2])
                r["wall_ms"].append((time.perf_counter() - t) * 1000)
    finally:
        office.kill()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
