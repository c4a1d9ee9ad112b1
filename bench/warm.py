"""Benchmarks of the warm PDF converter (issue 16), each a ratio against a naive or peer way
measured in the same run:

- marginal PDF cost in a multi-unit build: (cold build with PDFs − cold build without) ÷ documents,
  for the warm engine (ODT twins and bundles, as shipped), the warm engine fed the DOCX and the
  batch engine, against per-file `soffice --convert-to pdf` (as installed, and in a profile that
  skips LibreOffice's start-up render tests as ours do);
- the 2-page, 50-row decision ×60: render + convert with our converter (its start-up included)
  against Carbone with 2 LibreOffice factories, 60 requests at once (its start-up excluded) —
  Carbone lives outside the repository (`npm install carbone` in CARBONE_DIR, default
  /work/carbone-bench); skipped with a message when absent;
- warm single-document latency (1–3-page documents, converter already started);
- city builds with PDFs at growing sizes: time per document, peak memory;
- where a warm LibreOffice spends its time per document (load / export / close, option variants
  side by side): bench/phases.py.

Run through `python -m bench.run --only warm` (see bench/run.py); results go to BENCHMARKS.md.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from . import phases as bench_phases
from . import synth
from . import templates as bench_templates

CARBONE_DIR = Path(os.environ.get("CARBONE_DIR", "/work/carbone-bench"))
CARBONE_JS = Path(__file__).with_name("carbone_bench.js")


def _docs(outputs: Path) -> list[Path]:
    return sorted(p for p in outputs.rglob("*.docx") if "phien-ban" not in p.parts)


def _ensure_twins(inputs: Path) -> float:
    """Make the templates' ODT twins (hoagiai.convert.twins) once, before the timed builds — like
    compiling: once per template and LibreOffice, kept in the cache; the time is reported."""
    from hoagiai.convert import twins
    from hoagiai.resources import resolve

    t = time.perf_counter()
    twins.ensure(sorted(resolve("templates", None, inputs).glob("*.docx")))
    return time.perf_counter() - t


def marginal(run_build, soffice_per_file, work: Path, seed: int, communes: int = 4,
             per_file_n: int = 8) -> dict[str, Any]:
    """Same inputs, each build cold: without PDFs, with PDFs (warm), with PDFs (batch engine)."""
    inputs = synth.city(work / f"city-{communes}", communes, seed)
    out = work / f"marginal-{communes}"
    res0 = {"twins_s": _ensure_twins(inputs)}
    runs: dict[str, list[dict]] = {"docx": [], "warm": [], "warm-docx": [], "batch": []}
    envs = {"docx": {}, "warm": {"HOAGIAI_PDF_ENGINE": "warm"}, "batch": {"HOAGIAI_PDF_ENGINE": "batch"},
            "warm-docx": {"HOAGIAI_PDF_ENGINE": "warm", "HOAGIAI_PDF_SOURCE": "docx"}}
    for _ in range(2):   # alternate, so that a change in the machine's load hits all of them
        for kind in runs:
            shutil.rmtree(out, ignore_errors=True)
            runs[kind].append(run_build(inputs, out, pdf=kind != "docx", env=envs[kind]))
    docs = _docs(out)
    sample = work / "marginal-sample"
    shutil.rmtree(sample, ignore_errors=True)
    sample.mkdir(parents=True)
    picked = []
    for i, d in enumerate(docs[:: max(1, len(docs) // per_file_n)][:per_file_n]):
        picked.append(sample / f"{i:02d}.docx")
        shutil.copyfile(d, picked[-1])
    profile = work / "lo-profiles" / "per-file"
    soffice_per_file(picked[:1], sample / "warm", profile)
    cpu0 = _children_cpu()
    per_file = soffice_per_file(picked, sample / "pdf", profile) / len(picked)
    per_file_cpu = (_children_cpu() - cpu0) / len(picked)
    # the same, in a profile tuned as ours are (no upgrade-time start-up tests, no word collection)
    # (hoagiai/convert/lo_profiles.py): what per-file soffice costs once that is known
    from hoagiai.convert.lo_profiles import tune

    tuned = work / "lo-profiles" / "per-file-tuned"
    soffice_per_file(picked[:1], sample / "warm-tuned", tuned)
    tune(tuned)
    per_file_tuned = soffice_per_file(picked, sample / "pdf-tuned", tuned) / len(picked)
    best = {k: min(v, key=lambda r: r["seconds"]) for k, v in runs.items()}
    n = best["warm"]["pdfs"]
    res = {**res0, "communes": communes, "documents": best["docx"]["documents"], "pdfs": n,
           "per_file_s": per_file, "per_file_n": len(picked), "per_file_cpu_s": per_file_cpu,
           "per_file_tuned_s": per_file_tuned,
           "cpu": {k: [r["cpu_s"] for r in v] for k, v in runs.items()},
           "builds": {k: [r["seconds"] for r in v] for k, v in runs.items()},
           "states": {k: v["states"] for k, v in best.items()}}
    for kind in ("warm", "warm-docx", "batch"):
        m = (best[kind]["seconds"] - best["docx"]["seconds"]) / max(best[kind]["pdfs"], 1)
        res[f"{kind}_marginal_s"] = m
        res[f"{kind}_ratio"] = per_file / m if m > 0 else float("inf")
        res[f"{kind}_tuned_ratio"] = per_file_tuned / m if m > 0 else float("inf")
        cpu = (min(res["cpu"][kind]) - min(res["cpu"]["docx"])) / max(best[kind]["pdfs"], 1)
        res[f"{kind}_marginal_cpu_s"] = cpu
        res[f"{kind}_cpu_ratio"] = per_file_cpu / cpu if cpu > 0 else float("inf")
    return res


def _children_cpu() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _decision_docs(folder: Path, n: int) -> tuple[Path, list[dict], Any]:
    from hoagiai.render import CompiledTemplate

    from .run import people

    paths = bench_templates.write_all(folder / "templates")
    tpl = CompiledTemplate(paths["one-table"])
    ctxs = [bench_templates.context(people(50, random.Random(i))) for i in range(n)]
    return paths["one-table"], ctxs, tpl


def peer(work: Path, n: int = 60) -> dict[str, Any]:
    """Our render + convert (start-up included) vs Carbone (2 factories, start-up excluded)."""

    folder = work / "peer"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    template, ctxs, tpl = _decision_docs(folder, n)
    sample = folder / "sample.docx"
    sample.write_bytes(tpl.render(ctxs[0]))
    res: dict[str, Any] = {"documents": n, "rows": 50}
    pages = _pages_of(sample, folder)
    res["pages"] = pages
    from hoagiai.convert import PdfConverter

    from hoagiai.convert import twins

    t = time.perf_counter()
    twins.ensure([template])            # once per template (cached), like compiling: not timed
    res["twin_s"] = time.perf_counter() - t
    twin = twins.compiled_twin(template) if os.environ.get("BENCH_PEER_SOURCE") != "docx" else None
    res["source"] = "odt-twin" if twin else "docx"
    t = time.perf_counter()
    with PdfConverter(workers=2) as conv:
        conv.start(wait=False)          # LibreOffice starts while the documents render
        res["engine"] = conv.engine
        jobs: list[tuple] = []
        for i, ctx in enumerate(ctxs):
            p = folder / "docx" / f"{i:03d}.docx"
            p.parent.mkdir(exist_ok=True)
            p.write_bytes(tpl.render(ctx))            # the document itself, as a build makes it
            if twin is None:
                jobs.append((p, folder / "pdf" / f"{i:03d}.pdf"))
                continue
            o = p.with_suffix(".odt")                 # LibreOffice's input, as a build makes it
            o.write_bytes(twin[0].render(ctx))
            jobs.append((p, folder / "pdf" / f"{i:03d}.pdf", o, twin[1]))
        results = conv.convert(jobs)
        res["bundles"] = list(conv.warm.bundles) if conv.warm is not None else []
        res["bundle_errors"] = list(conv.warm.bundle_errors) if conv.warm is not None else []
    ours = time.perf_counter() - t
    if not all(r.ok for r in results):
        raise SystemExit(f"peer benchmark: a PDF failed: {[r.error for r in results if not r.ok][:1]}")
    res["ours_s"] = ours
    res["carbone"] = carbone(sample, n, folder)
    c = res["carbone"]
    if "seconds" in c:
        res["ratio"] = c["seconds"] / ours
    return res


def _pages_of(docx: Path, folder: Path) -> int | None:
    from pypdf import PdfReader

    from hoagiai.convert import PdfConverter

    with PdfConverter(workers=1) as conv:
        (r,) = conv.convert([(docx, folder / "sample.pdf")])
    return len(PdfReader(r.pdf).pages) if r.ok and r.pdf else None


def carbone(template: Path, n: int, folder: Path) -> dict[str, Any]:
    if not (CARBONE_DIR / "node_modules" / "carbone").is_dir() or shutil.which("node") is None:
        return {"skipped": f"Carbone not installed (cd {CARBONE_DIR} && npm install carbone)"}
    from hoagiai.convert import find_soffice

    # Carbone looks for soffice.bin and a python3 with uno on PATH (Debian: program/ and /usr/bin)
    program = Path(os.path.realpath(find_soffice() or "soffice")).parent
    env = dict(os.environ, NODE_PATH=str(CARBONE_DIR / "node_modules"),
               PATH=f"{program}{os.pathsep}/usr/bin{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run(["node", str(CARBONE_JS), str(template), str(n), str(folder / "carbone-out")],
                          capture_output=True, text=True, timeout=1800, env=env, cwd=CARBONE_DIR)
    if done.returncode != 0:
        return {"skipped": f"Carbone failed: {done.stderr[-500:]}"}
    out = json.loads(done.stdout.strip().splitlines()[-1])
    version = json.loads((CARBONE_DIR / "node_modules" / "carbone" / "package.json").read_text())["version"]
    return {"seconds": out["seconds"], "startup_s": out["startup_s"], "version": version}


def latency(work: Path, n: int = 40) -> dict[str, Any]:
    """One document at a time through a converter already started (what the web app does).

    The target is for 1–3-page documents: every document of the synthetic commune is converted
    once first (which also warms the converter) and its pages counted; the timed conversions
    cycle through the 1–3-page ones. Longer documents (a report, a whole-commune decision) are
    timed too and reported apart, never mixed into the target."""
    import io

    from pypdf import PdfReader

    from hoagiai.convert.shared import warm_converter

    folder = work / "latency"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    ws = work / "pdf-sample"
    docs = [d for d in _docs(ws / "outputs") if d.stat().st_size > 0]
    with warm_converter(workers=1) as conv:
        pages = {d.name: len(PdfReader(io.BytesIO(conv.convert_bytes(d.read_bytes()))).pages) for d in docs}
        short = [d.read_bytes() for d in docs if pages[d.name] <= 3][:10]
        long_docs = [d for d in docs if pages[d.name] > 3][:5]
        times = []
        for i in range(n):
            t = time.perf_counter()
            pdf = conv.convert_bytes(short[i % len(short)])
            times.append(time.perf_counter() - t)
            assert pdf.startswith(b"%PDF-")
        longer = []
        for d in long_docs:
            data = d.read_bytes()
            t = time.perf_counter()
            conv.convert_bytes(data)
            longer.append({"document": d.name, "pages": pages[d.name], "s": time.perf_counter() - t})
        engine = conv.engine
    times.sort()
    return {"documents": n, "distinct": len(short), "engine": engine,
            "median_s": statistics.median(times), "p95_s": times[int(0.95 * (len(times) - 1))],
            "max_s": times[-1], "longer": longer}


def phase_docs(work: Path) -> list[Path]:
    """The 50-row decision and three documents of the synthetic commune."""
    folder = work / "phase-docs"
    folder.mkdir(parents=True, exist_ok=True)
    _, ctxs, tpl = _decision_docs(folder, 1)
    decision = folder / "decision-50-rows.docx"
    decision.write_bytes(tpl.render(ctxs[0]))
    return [decision, *[d for d in _docs(work / "pdf-sample" / "outputs") if d.stat().st_size > 0][:3]]


def city_pdf(run_build, work: Path, seed: int, sizes: list[int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for n in sizes:
        inputs = synth.city(work / f"city-{n}", n, seed)
        dest = work / f"city-{n}" / "outputs-warm"
        shutil.rmtree(dest, ignore_errors=True)
        r = run_build(inputs, dest, pdf=True)
        shutil.rmtree(dest, ignore_errors=True)
        out[str(n)] = {"seconds": r["seconds"], "documents": r["documents"], "pdfs": r["pdfs"],
                       "peak_tree_bytes": r["peak_tree_bytes"], "states": r["states"],
                       "per_doc_s": r["seconds"] / max(r["documents"], 1)}
    return out


# ------------------------------------------------------------------ report
BEGIN, END = "<!-- warm-begin: python -m bench.warm -->", "<!-- warm-end -->"


def _ms(s: float) -> str:
    return f"{s * 1000:.0f} ms"


def section(r: dict[str, Any]) -> list[str]:
    L = [BEGIN, "## Warm PDF converters (issue 16)", "",
         f"Generated by `{r['command']}` on {r['started']} (took {r['took_s']:.0f} s). Load average "
         f"(1/5/15 min) at start {r['load_before']}, at end {r['load_after']} on {r['nproc']} cores"
         + (" — **a loaded machine** (other work shared the cores), so absolute times are pessimistic; "
            "the ratios compare runs made side by side in this run." if r["load_before"][0] > 1.5 else ".")
         + f" LibreOffice: {r['libreoffice']}.", ""]
    t = []

    def when(x: dict) -> list[str]:
        w = x.get("_measured")
        return [f"Measured {w['when']}, 1-minute load average {w['load'][0]} at start, {w['load'][1]} at end.", ""] \
            if w else []
    m = r.get("marginal")
    if m:
        b = m["builds"]
        L += [f"### Marginal PDF cost in a multi-unit build ({m['communes']} communes, {m['documents']} documents, "
              f"{m['pdfs']} PDFs)", "", *when(m),
              "Each build cold (fresh outputs), same inputs, run twice in turn (fastest kept): "
              f"without PDFs {', '.join(f'{x:.1f} s' for x in b['docx'])}; with PDFs, warm engine "
              f"{', '.join(f'{x:.1f} s' for x in b['warm'])}"
              + (f"; warm engine fed the DOCX (`HOAGIAI_PDF_SOURCE=docx`, no twins or bundles) "
                 f"{', '.join(f'{x:.1f} s' for x in b['warm-docx'])}" if "warm-docx" in b else "")
              + f"; with PDFs, batch engine "
              f"(`HOAGIAI_PDF_ENGINE=batch`) {', '.join(f'{x:.1f} s' for x in b['batch'])}."
              + (f" The templates' ODT twins were made once before the builds ({m['twins_s']:.1f} s; cached "
                 "like compiled templates, hoagiai/convert/twins.py)." if "twins_s" in m else ""), "",
              "| way | per PDF | vs per-file soffice |", "|---|---|---|",
              f"| per-file `soffice --convert-to pdf` ({m['per_file_n']} of the build's documents, warm profile) "
              f"| {_ms(m['per_file_s'])} | 1× |",
              f"| batch engine, marginal in the build | {_ms(m['batch_marginal_s'])} | {m['batch_ratio']:.1f}× |",
              *([f"| warm engine fed the DOCX, marginal in the build | {_ms(m['warm-docx_marginal_s'])} | "
                 f"{m['warm-docx_ratio']:.1f}× |"] if "warm-docx_marginal_s" in m else []),
              f"| warm engine (ODT twins, bundles), marginal in the build | {_ms(m['warm_marginal_s'])} | "
              f"**{m['warm_ratio']:.1f}×** |", ""]
        if "per_file_tuned_s" in m:
            L += ["Per-file soffice above is LibreOffice as installed, in a private profile that has converted "
                  "before (a headless server's case): each start also runs LibreOffice's graphics render "
                  "tests, which hoagiai's profiles skip (hoagiai/convert/lo_profiles.py). Given a profile "
                  f"that skips them too, per-file soffice takes {_ms(m['per_file_tuned_s'])} per document; "
                  f"against that, the warm engine's marginal cost is {m['warm_tuned_ratio']:.1f}× cheaper "
                  f"(batch engine {m['batch_tuned_ratio']:.1f}×).", ""]
        if "per_file_cpu_s" in m:
            L += ["The same in CPU time (user + system of the build's whole process tree, LibreOffice included, "
                  "sampled from /proc; robust to other work on the machine, which wall time is not): per-file "
                  f"soffice {_ms(m['per_file_cpu_s'])} per document; marginal per PDF, batch engine "
                  f"{_ms(m['batch_marginal_cpu_s'])} ({m['batch_cpu_ratio']:.1f}×), warm engine "
                  f"{_ms(m['warm_marginal_cpu_s'])} (**{m['warm_cpu_ratio']:.1f}×**). Builds' CPU: "
                  + "; ".join(f"{k} {', '.join(f'{x:.1f} s' for x in v)}" for k, v in m["cpu"].items()) + ".", ""]
        t.append(("marginal PDF cost vs per-file soffice", f"{m['warm_ratio']:.1f}× ({_ms(m['warm_marginal_s'])})",
                  "≥ 30×", m["warm_ratio"] >= 30))
    p = r.get("peer")
    if p:
        c = p["carbone"]
        L += [f"### The 2-page, 50-row decision ×{p['documents']} against Carbone", "", *when(p),
              f"Ours: `PdfConverter(workers=2)` ({p['engine']}) started, then the compiled render of the "
              f"{p['documents']} documents (while LibreOffice starts) — the DOCX"
              + (", and LibreOffice's input through the template's ODT twin"
                 if p.get("source") == "odt-twin" else "")
              + " — and their conversion"
              + (f" (bundles of {', '.join(str(x) for x in p.get('bundles', []))} documents)"
                 if p.get("bundles") else "")
              + f", LibreOffice's start-up included: **{p['ours_s']:.2f} s** "
              f"({_ms(p['ours_s'] / p['documents'])} per document; the PDF has {p['pages']} pages)."
              + (f" The twin was made once before, in {p['twin_s']:.1f} s (cached)." if "twin_s" in p else "")]
        if "seconds" in c:
            L += [f"Carbone {c['version']} (2 factories, the {p['documents']} renders with `convertTo: 'pdf'` started "
                  f"at once, its start-up of {c['startup_s']:.1f} s excluded, given the already rendered DOCX as its "
                  f"template): **{c['seconds']:.2f} s**.", "",
                  f"Throughput ratio ours ÷ Carbone: **{p['ratio']:.2f}×**.", ""]
            t.append(("throughput vs Carbone (2 factories), 60 × 50-row decision", f"{p['ratio']:.2f}×", "≥ 1.5×",
                      p["ratio"] >= 1.5))
        else:
            L += ["", f"Carbone: skipped — {c['skipped']}.", ""]
    lat = r.get("latency")
    if lat:
        L += ["### Warm single-document latency", "", *when(lat),
              f"{lat['documents']} conversions one at a time ({lat['distinct']} different 1–3-page documents of a "
              f"synthetic commune) through a converter already started ({lat['engine']}), `convert_bytes`: "
              f"median **{_ms(lat['median_s'])}**, p95 **{_ms(lat['p95_s'])}**, max {_ms(lat['max_s'])}.", ""]
        if lat.get("longer"):
            L += ["Longer documents of the same commune, once each (outside the 1–3-page target): "
                  + "; ".join(f"{x['document']} ({x['pages']} pages) {_ms(x['s'])}" for x in lat["longer"]) + ".",
                  ""]
        t.append(("warm single-document latency, median", _ms(lat["median_s"]), "≤ 150 ms", lat["median_s"] <= 0.150))
        t.append(("warm single-document latency, p95", _ms(lat["p95_s"]), "≤ 300 ms", lat["p95_s"] <= 0.300))
    city = {k: v for k, v in (r.get("city") or {}).items() if not k.startswith("_")}
    if city:
        L += ["### City builds with PDFs (`--jobs 2`, warm engine, cold)", "",
              *when(r["city"]),
              "| communes | documents | PDFs | wall | per document | peak tree RSS |", "|---|---|---|---|---|---|"]
        for n, x in sorted(city.items(), key=lambda kv: int(kv[0])):
            L.append(f"| {n} | {x['documents']} | {x['pdfs']} | {x['seconds']:.1f} s | {_ms(x['per_doc_s'])} | "
                     f"{x['peak_tree_bytes'] / 2**20:.0f} MiB |")
        L.append("")
        sizes = sorted(city, key=int)
        big = city[sizes[-1]]
        if int(sizes[-1]) >= 100:
            t.append((f"city build with PDFs ({sizes[-1]} communes), per document", _ms(big["per_doc_s"]),
                      "≤ 40 ms", big["per_doc_s"] <= 0.040))
        t.append((f"city peak memory ({sizes[-1]} communes)", f"{big['peak_tree_bytes'] / 2**20:.0f} MiB", "≤ 2 GiB",
                  big["peak_tree_bytes"] <= 2 * 2**30))
        if len(sizes) > 1:
            growth = big["per_doc_s"] / city[sizes[0]]["per_doc_s"]
            t.append((f"cost per document flat ({sizes[-1]} ÷ {sizes[0]} communes)", f"{growth:.2f}×", "≤ ~1.3×",
                      growth <= 1.3))
    if r.get("phases"):
        L += bench_phases.lines(r["phases"], when(r["phases"]))
    L += ["### Targets of issue 16", "", "| target | measured | goal | |", "|---|---|---|---|"]
    L += [f"| {a} | {b_} | {c_} | {'**met**' if ok else '**not met**'} |" for a, b_, c_, ok in t]
    return L + ["", END]


def write(r: dict[str, Any], path: Path) -> None:
    text = path.read_text("utf-8") if path.exists() else "# Benchmarks\n"
    block = "\n".join(section(r))
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, "utf-8")


def main(argv: list[str] | None = None) -> int:
    import argparse
    import datetime as dt
    import sys

    from . import run

    ap = argparse.ArgumentParser(prog="python -m bench.warm")
    ap.add_argument("--only", default="marginal,peer,latency,phases,city")
    ap.add_argument("--communes", type=int, default=4, help="size of the multi-unit build for the marginal cost")
    ap.add_argument("--city", default="10,100", help="comma list of city sizes built with PDFs")
    ap.add_argument("--out", type=Path, default=run.ROOT / "BENCHMARKS.md")
    ap.add_argument("--merge", action="store_true", help="keep the parts of the last run not measured now")
    args = ap.parse_args(argv)
    parts = set(args.only.split(","))
    work = run.WORK
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    machine = run.machine()
    r: dict[str, Any] = {"command": "python -m bench.warm " + " ".join(sys.argv[1:] if argv is None else argv),
                         "started": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                         "load_before": list(os.getloadavg()), "nproc": machine["nproc"],
                         "libreoffice": machine["libreoffice"]}
    run.snapshot()

    def step(name, fn):
        print(f"[bench.warm] {name} …", file=sys.stderr, flush=True)
        t = time.perf_counter()
        load, when = os.getloadavg()[0], dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        res = fn()
        res["_measured"] = {"when": when, "load": [round(load, 2), round(os.getloadavg()[0], 2)]}
        print(f"[bench.warm] {name} done in {time.perf_counter() - t:.0f} s: "
              f"{json.dumps(res, ensure_ascii=False, default=str)[:300]}", file=sys.stderr, flush=True)
        return res

    if "marginal" in parts:
        r["marginal"] = step("marginal", lambda: marginal(run.run_build, run.soffice_per_file, work, run.SEED,
                                                          args.communes))
    if "peer" in parts:
        r["peer"] = step("peer", lambda: peer(work))
    if "latency" in parts:
        run.sample_documents(1)      # builds the synthetic commune's DOCX once
        r["latency"] = step("latency", lambda: latency(work))
    if "phases" in parts:
        run.sample_documents(1)
        r["phases"] = step("phases", lambda: bench_phases.measure(work, phase_docs(work)))
    if "city" in parts:
        r["city"] = step("city", lambda: city_pdf(run.run_build, work, run.SEED,
                                                  [int(x) for x in args.city.split(",")]))
    r["took_s"] = time.perf_counter() - started
    r["load_after"] = list(os.getloadavg())
    if args.merge and (work / "warm.json").exists():   # keep the parts not measured now
        old = json.loads((work / "warm.json").read_text("utf-8"))
        old.update({k: v for k, v in r.items() if k not in ("command", "started", "took_s")})
        old["command"] = f"{old['command']}` on {old['started']}; then `{r['command']}"
        old["started"], old["took_s"] = r["started"], old.get("took_s", 0) + r["took_s"]
        r = old
    (work / "warm.json").write_text(json.dumps(r, ensure_ascii=False, indent=1, default=str), "utf-8")
    write(r, args.out)
    print(f"[bench.warm] wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
