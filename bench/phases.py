"""Per-document time of a warm LibreOffice by phase and by option variant (bench/uno_phases.py,
run under LibreOffice's Python), for `python -m bench.warm --only phases`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("uno_phases.py")


def measure(work: Path, docs: list[Path], rounds: int = 3) -> dict[str, Any]:
    from hoagiai.convert import soffice

    office = soffice.find_soffice()
    python = soffice.uno_python(office)
    if office is None or python is None:
        return {"skipped": "LibreOffice with its Python bridge (uno) not found"}
    cfg = {"soffice": office, "work": str(work / "phases"), "docs": [str(d) for d in docs], "rounds": rounds}
    done = subprocess.run([python, str(SCRIPT), json.dumps(cfg)], capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        return {"skipped": f"uno_phases failed: {done.stderr[-500:]}"}
    return {"documents": [d.name for d in docs], "rounds": rounds,
            "variants": json.loads(done.stdout.strip().splitlines()[-1])}


def lines(p: dict[str, Any], when: list[str]) -> list[str]:
    """The BENCHMARKS.md subsection."""
    head = ["### Where a warm LibreOffice spends its time per document", "", *when]
    if "skipped" in p:
        return head + [f"Skipped: {p['skipped']}.", ""]
    v = p["variants"]
    out = head + [
        f"Documents {', '.join(p['documents'])}, each converted {p['rounds']} times by every variant, the variants "
        "interleaved document by document in two LibreOffice processes started side by side (a default profile and a "
        "quiet one), so that all see the same machine load. Medians; CPU is soffice's own user + system time "
        "(/proc, 10 ms ticks), which other work on the machine disturbs less than wall time.", "",
        "| variant | load (import + layout) | PDF export | close | CPU load / export / close | PDF size |",
        "|---|---|---|---|---|---|"]
    for name, x in v.items():
        out.append(f"| {name} | {x['load_ms']:.0f} ms | {x['export_ms']:.0f} ms | {x['close_ms']:.0f} ms | "
                   f"{x['load_cpu_ms']:.0f} / {x['export_cpu_ms']:.0f} / {x['close_cpu_ms']:.0f} ms | "
                   f"{x['pdf_bytes'] / 1024:.0f} KiB |")
    return out + [""]
