"""What LibreOffice is given, measured (issue 16): the same documents as DOCX, as ODT twin
renderings (hoagiai.render_odt) and as bundles of one template's renderings (hoagiai.convert.bundle),
in one warm LibreOffice (bench/uno_formats.py), ways interleaved round by round.

    python -m bench.formats [--rounds 3]

Documents: the demo commune's 22 (rendered from inputs/, contexts captured during a --no-pdf
build) and fifteen 50-row decisions (the peer benchmark's). Prints a Markdown table: LibreOffice's
own CPU (load / export / close, 10 ms ticks, median over rounds) and wall time per set.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCX_FILTER, ODT_FILTER = "MS Word 2007 XML", "writer8"


def _demo_renders(folder: Path) -> list[tuple[Path, dict[str, Any], str | None]]:
    """(template, context, title) of every document a demo build renders."""
    from click.testing import CliRunner

    from hoagiai import render
    from hoagiai.cli import main

    captured: list[tuple[Path, dict[str, Any], str | None]] = []
    original = render.compiled

    class Capture:
        def __init__(self, path):
            self.path, self.tpl = Path(path), original(path)

        def render(self, ctx, core_title=None):
            captured.append((self.path, ctx, core_title))
            return self.tpl.render(ctx, core_title=core_title)

    render.compiled = Capture   # type: ignore[assignment]
    try:
        shutil.copytree(ROOT / "inputs", folder / "inputs")
        r = CliRunner().invoke(main, ["--inputs", str(folder / "inputs"), "--outputs", str(folder / "out"),
                                      "build", "--month", "2026-12", "--no-pdf"])
        if r.exit_code != 0:
            raise SystemExit(f"demo build failed: {r.output[-500:]}")
    finally:
        render.compiled = original   # type: ignore[assignment]
    return captured


def prepare(folder: Path) -> dict[str, list[list]]:
    from hoagiai.convert import bundle, twins
    from hoagiai.render import compiled

    from . import templates as bench_templates
    from .run import people

    renders = _demo_renders(folder / "demo")
    one_table = bench_templates.write_all(folder / "templates")["one-table"]
    renders += [(one_table, bench_templates.context(people(50, random.Random(i))), None) for i in range(15)]
    twins.ensure(sorted({t for t, _, _ in renders}))
    sets: dict[str, list[list]] = {}
    groups: dict[tuple[str, str], list[bytes]] = {}
    for i, (template, ctx, title) in enumerate(renders):
        label = "50-row decision ×15" if template == one_table else "demo commune (22 documents)"
        twin = twins.compiled_twin(template)
        if twin is None:
            raise SystemExit(f"no ODT twin for {template.name}")
        docx = folder / "files" / f"{i:03d}.docx"
        docx.parent.mkdir(parents=True, exist_ok=True)
        docx.write_bytes(compiled(template).render(ctx, core_title=title))
        odt = docx.with_suffix(".odt")
        odt.write_bytes(twin[0].render(ctx, core_title=title))
        sets.setdefault(f"{label}: each DOCX alone", []).append([str(docx), DOCX_FILTER, False])
        sets.setdefault(f"{label}: each ODT twin rendering alone", []).append([str(odt), ODT_FILTER, False])
        groups.setdefault((label, twin[1]), []).append(odt.read_bytes())
    for n, ((label, _), members) in enumerate(groups.items()):
        path = folder / "files" / f"bundle-{n:02d}.odt"
        path.write_bytes(bundle.join(members))
        sets.setdefault(f"{label}: ODT twin renderings, one bundle per template", []).append(
            [str(path), ODT_FILTER, True])
    return sets


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.formats")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    from hoagiai.convert import soffice

    office = soffice.find_soffice()
    python = soffice.uno_python(office)
    if office is None or python is None:
        print("needs LibreOffice with its Python bridge (uno)")
        return 1
    folder = Path(tempfile.mkdtemp(prefix="bench-formats-"))
    try:
        sets = prepare(folder)
        cfg = {"soffice": office, "work": str(folder / "lo"), "sets": sets, "rounds": args.rounds}
        done = subprocess.run([python, str(Path(__file__).with_name("uno_formats.py")), json.dumps(cfg)],
                              capture_output=True, text=True, timeout=3600)
        if done.returncode != 0:
            print(done.stderr[-2000:])
            return 1
        res = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    med = statistics.median
    print("| what LibreOffice is given | files | CPU load | CPU export | CPU close | CPU total | wall |")
    print("|---|---|---|---|---|---|---|")
    for name, r in res.items():
        total = med([a + b + c for a, b, c in zip(r["load_cpu_ms"], r["export_cpu_ms"], r["close_cpu_ms"])])
        print(f"| {name} | {len(sets[name])} | {med(r['load_cpu_ms']):.0f} ms | {med(r['export_cpu_ms']):.0f} ms | "
              f"{med(r['close_cpu_ms']):.0f} ms | **{total:.0f} ms** | {med(r['wall_ms']):.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
