"""Which part of LibreOffice a warm worker's per-document CPU goes to (Linux `perf`, call stacks).

    python -m bench.lo_perf [DOCX ...]      (default: the 50-row decision and 3 commune documents)

bench/uno_phases.py converts the documents in one warm LibreOffice as the worker does and writes
the time bounds of each load / export / close; `perf record -p` samples soffice meanwhile
(CLOCK_MONOTONIC, DWARF call stacks); each sample is put in its phase by time and in a part of
LibreOffice by the libraries and symbols on its stack (first rule that matches, in order). Prints
the table that BENCHMARKS.md quotes. Needs `perf` with perf_event_paranoid ≤ 2.
"""

from __future__ import annotations

import collections
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import phases

PARTS = [
    ("DOCX import filter (writerfilter, oox, XML, the Writer model built over UNO)",
     r"libwriterfilterlo|libooxlo|DomainMapper|OOXML|libxml2|libexpwrap|FastParser|FastSax"),
    ("PDF writer", r"PDFWriter|vcl::PDF|PDFExport|libpdffilterlo"),
    ("layout and text formatting (shaping, fonts)",
     r"SwLayAction|SwRootFrame|CalcLayout|SwText(Formatter|Frame|Fly|Painter|Paint|SizeInfo)|SwLayIdle|SwTabFrame|"
     r"SwFlowFrame|SwContentFrame|SwLayoutFrame|SwPageFrame|SwFrame::|SwLineLayout|MakeAll|SwFntObj|GenericSalLayout|"
     r"libharfbuzz|libfreetype|libfontconfig|OutputDevice::GetText|ImplLayout"),
    ("view and window creation", r"SfxViewFrame|SfxFrame|SwView::SwView|SwViewShell::SwViewShell|framework::LoadEnv|"
                                 r"Window::|SfxBaseModel::connectController|SwWrtShell"),
    ("document model set-up and tear-down", r"SdrModel|SwDoc::SwDoc|SwDoc::~SwDoc|SwDocShell|dispose|~Sw|"
                                            r"FmFormModel|SfxObjectShell"),
    ("loading libraries (osl_loadModule, dladdr)", r"_dl_addr|osl_loadModule|osl_getModuleURL|dlopen"),
]


def classify(script: str, marks: list[list[float]]) -> dict[str, collections.Counter]:
    rules = [(name, re.compile(rx)) for name, rx in PARTS]
    out: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for block in script.split("\n\n"):
        lines = block.strip().split("\n")
        head = re.match(r"\s*\d+\s+([\d.]+):", lines[0]) if lines else None
        if not head:
            continue
        t, stack = float(head.group(1)), "\n".join(lines[1:])
        phase = next((("load", "export", "close")[i] for a, *bounds in marks
                      for i, (lo, hi) in enumerate(zip([a, *bounds], bounds)) if lo <= t < hi), "between")
        out[phase][next((name for name, rx in rules if rx.search(stack)), "other")] += 1
    return out


def report(parts: dict[str, collections.Counter]) -> list[str]:
    total = sum(sum(c.values()) for c in parts.values()) or 1
    rows = ["| phase | share of soffice CPU | of which |", "|---|---|---|"]
    for phase in ("load", "export", "close", "between"):
        c = parts.get(phase)
        if not c:
            continue
        n = sum(c.values())
        rows.append(f"| {phase} | {100 * n / total:.0f} % | "
                    + "; ".join(f"{name} {100 * k / n:.0f} %" for name, k in c.most_common()) + " |")
    return rows + ["", f"{total} samples."]


def main(argv: list[str]) -> int:
    from hoagiai.convert import soffice

    from . import run
    from .warm import phase_docs

    office = soffice.find_soffice()
    python = soffice.uno_python(office)
    if office is None or python is None or shutil.which("perf") is None:
        print("needs LibreOffice with its Python bridge (uno) and perf", file=sys.stderr)
        return 2
    if argv:
        docs = [Path(a) for a in argv]
    else:
        run.sample_documents(1)
        docs = phase_docs(run.WORK)
    folder = Path(tempfile.mkdtemp(prefix="lo-perf-"))
    trace = folder / "marks.json"
    cfg = {"soffice": office, "work": str(folder / "lo"), "docs": [str(d) for d in docs], "rounds": 2,
           "trace": str(trace), "pause": 4}
    worker = subprocess.Popen([python, str(phases.SCRIPT), json.dumps(cfg)])
    pid_file = Path(str(trace) + ".pid")
    while not pid_file.exists():
        if worker.poll() is not None:
            return 3
        time.sleep(0.1)
    data = folder / "perf.data"
    rec = subprocess.Popen(["perf", "record", "-q", "-k", "CLOCK_MONOTONIC", "--call-graph", "dwarf,16384",
                            "-F", "301", "-o", str(data), "-p", pid_file.read_text()])
    worker.wait()
    rec.wait(timeout=600)   # perf ends with soffice, which the script kills when done
    script = subprocess.run(["perf", "script", "-i", str(data), "-F", "tid,time,ip,sym,dso"],
                            capture_output=True, text=True).stdout
    print("\n".join(report(classify(script, json.loads(trace.read_text())))))
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
