"""Web app benchmark: `python -m bench.bench_web [--runs N]` → the "Web app" section of BENCHMARKS.md.

Server time of the overview page (in-process ASGI client, so no network or browser), for the demo
workspace and for a 100-unit workspace (the demo copied into 100 unit folders): the first request
(cold: the unit's workbooks are read and validated) and repeated requests (warm: the page's data is
cached until an input or the register changes), p50/p95; then p95 of the same page and of the job
poll while a build with PDFs runs in its worker process."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work" / "web"
BEGIN, END = "<!-- web:begin -->", "<!-- web:end -->"


def _client(ws_dir: Path):
    import warnings

    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

    from hoagiai.web.app import create_app
    from hoagiai.web.settings import ServeSettings
    from hoagiai.workspace import Workspace

    cfg = ServeSettings(ws=Workspace.make(ws_dir / "inputs", ws_dir / "outputs"))
    return TestClient(create_app(cfg), base_url="http://127.0.0.1:8765")


def _timed(c, path: str) -> float:
    t = time.perf_counter()
    r = c.get(path)
    assert r.status_code == 200, (path, r.status_code)
    return (time.perf_counter() - t) * 1000


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def _workspace(name: str, units: int) -> Path:
    ws = WORK / name
    if ws.exists():
        shutil.rmtree(ws)
    if units == 0:
        shutil.copytree(ROOT / "inputs", ws / "inputs")
    else:
        for i in range(1, units + 1):
            shutil.copytree(ROOT / "inputs", ws / "inputs" / f"xa-{i:03d}")
    return ws


def page_times(ws: Path, path: str, runs: int) -> dict:
    with _client(ws) as c:
        cold = _timed(c, path)
        warm = [_timed(c, path) for _ in range(runs)]
    return {"cold": cold, "p50": statistics.median(warm), "p95": _pct(warm, 95), "n": runs}


def during_build(ws: Path, path: str, unit: str | None) -> dict:
    with _client(ws) as c:
        _timed(c, path)   # warm the page's cache first
        tok = c.get("/api/session").json()["csrf"]
        body = {"month": "2026-12", "pdf": True, **({"unit": unit} if unit else {})}
        job = c.post("/api/build", json=body, headers={"X-CSRF-Token": tok}).json()["job"]
        page, poll = [], []
        t0 = time.perf_counter()
        while True:
            page.append(_timed(c, path))
            t = time.perf_counter()
            state = c.get(f"/api/jobs/{job}").json()["state"]
            poll.append((time.perf_counter() - t) * 1000)
            if state in ("done", "failed"):
                break
            time.sleep(0.2)
        build_s = time.perf_counter() - t0
    return {"page_p50": statistics.median(page), "page_p95": _pct(page, 95), "poll_p95": _pct(poll, 95),
            "n": len(page), "build_s": build_s, "state": state}


def report(runs: int) -> str:
    demo = _workspace("demo", 0)
    many = _workspace("units100", 100)
    rows = [("demo (1 unit), `/`", page_times(demo, "/?month=2026-12", runs)),
            ("100 units, one unit's `/?unit=xa-050`", page_times(many, "/?unit=xa-050&month=2026-12", runs)),
            ("100 units, unit picker `/don-vi`", page_times(many, "/don-vi?month=2026-12", runs))]
    busy = during_build(demo, "/?month=2026-12", None)
    load = os.getloadavg()
    out = [BEGIN, "## Web app (`serve`): server time per page", "",
           f"`python -m bench.bench_web --runs {runs}`; in-process ASGI client (server time, no network), "
           f"load average at end {load[0]:.2f}/{load[1]:.2f}/{load[2]:.2f} on 2 shared cores.", "",
           "| page | first request (cold) | warm p50 | warm p95 | requests |", "|---|---|---|---|---|"]
    for name, r in rows:
        out.append(f"| {name} | {r['cold']:.0f} ms | {r['p50']:.1f} ms | {r['p95']:.1f} ms | {r['n']} |")
    out += ["", f"While a build of the demo with PDFs ran in its worker process ({busy['build_s']:.0f} s, "
                f"{busy['state']}): overview page p50 {busy['page_p50']:.1f} ms, p95 {busy['page_p95']:.1f} ms; "
                f"job poll p95 {busy['poll_p95']:.1f} ms ({busy['n']} requests each).", "",
            "Cold requests read and validate the unit's workbooks (the same work as `validate`); the page's "
            "data is then cached until an input file or the register changes, so an upload, build or issue "
            "makes the next request cold again.", END]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    text = report(args.runs)
    print(text)
    if not args.no_write:
        path = ROOT / "BENCHMARKS.md"
        md = path.read_text(encoding="utf-8")
        if BEGIN in md:
            md = md[:md.index(BEGIN)] + text + md[md.index(END) + len(END):]
        else:
            md = md.rstrip("\n") + "\n\n" + text + "\n"
        path.write_text(md, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
