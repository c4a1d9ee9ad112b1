"""Where a city build's CPU goes, and the same build at another commit, back to back.

    python -m bench.city_cpu                         # 100 communes, this checkout, 1 run
    python -m bench.city_cpu --against 38a58f3 --rounds 2

One cold `pipeline.py build --jobs 2` with PDFs per run (fresh outputs, the synthetic city of
bench/synth.py). Wall time, and CPU (user + system, sampled from /proc every 50 ms) split three
ways: LibreOffice (every soffice process started during the run), the processes that render the
units (the build's other Python descendants), the parent (which drives the converter, records
the PDFs and binds the packets). With `--against`, that commit is checked out into a git
worktree under bench/work/ and the two are run alternately, each with LibreOffice profiles of
its own, `--rounds` times each, so that both
see the same machine (a shared host's speed drifts over minutes). Prints a Markdown table; the
"fourth look" section of BENCHMARKS.md quotes one such run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import synth
from .run import MONTH, ROOT, SEED, WORK

TICK = os.sysconf("SC_CLK_TCK")


def _procs() -> dict[tuple[int, int], tuple[str, int, float]]:
    """{(pid, start tick): (command name, parent pid, CPU seconds)} of every process now."""
    seen = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        f = stat.rsplit(")", 1)[1].split()
        seen[(int(d.name), int(f[19]))] = (name, int(f[1]), (int(f[11]) + int(f[12])) / TICK)
    return seen


def measure(tree: Path, inputs: Path, outputs: Path) -> dict[str, float]:
    """One cold build with PDFs of `inputs` by the code in `tree`: wall and CPU by part."""
    subprocess.run(["rm", "-rf", str(outputs)], check=True)
    since = float(Path("/proc/uptime").read_text().split()[0]) * TICK
    cmd = [sys.executable, str(tree / "pipeline.py"), "--inputs", str(inputs), "--outputs", str(outputs),
           "build", "--month", MONTH, "--jobs", "2", "--json"]
    t = time.perf_counter()
    # each tree its own LibreOffice profiles: a seed profile one side made (with its settings)
    # must not be copied by the other
    profiles = WORK / "lo-profiles-city-cpu" / tree.name
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tree,
                            env=dict(os.environ, PYTHONPATH=str(tree), HOAGIAI_LO_PROFILES=str(profiles)))
    last: dict[tuple[int, int], tuple[str, int, float]] = {}

    def sample() -> None:
        while proc.poll() is None:
            last.update(_procs())
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    sampler.join()
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 2):
        raise SystemExit(f"build failed ({proc.returncode}): {err.decode()[-2000:]}")
    tree_pids = {proc.pid}
    grew = True
    while grew:
        grew = False
        for (pid, _), (_, ppid, _) in last.items():
            if ppid in tree_pids and pid not in tree_pids:
                tree_pids.add(pid)
                grew = True
    cpu = {"libreoffice": 0.0, "renderers": 0.0, "parent": 0.0}
    for (pid, start), (name, _, seconds) in last.items():
        if name.startswith("soffice") and start >= since:
            cpu["libreoffice"] += seconds
        elif pid == proc.pid:
            cpu["parent"] += seconds
        elif pid in tree_pids and name.startswith("python"):
            cpu["renderers"] += seconds
    subprocess.run(["rm", "-rf", str(outputs)], check=True)
    return {"wall": wall, **cpu}


def worktree(ref: str) -> Path:
    sha = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    path = WORK / f"ref-{sha}"
    if not (path / "pipeline.py").exists():
        subprocess.run(["git", "worktree", "add", "--force", "--detach", str(path), sha], cwd=ROOT, check=True,
                       capture_output=True)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--communes", type=int, default=100)
    ap.add_argument("--against", help="a commit to run alternately with this checkout")
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args(argv)
    inputs = synth.city(WORK / f"city-{args.communes}", args.communes, SEED)
    sides = [("this checkout", ROOT)] + ([(args.against, worktree(args.against))] if args.against else [])
    rows = []
    for n in range(args.rounds):
        for label, tree in sides:
            load = os.getloadavg()[0]
            r = measure(tree, inputs, WORK / "city-cpu-out")
            rows.append((label, n + 1, load, r))
            print(f"[city_cpu] {label} round {n + 1}: {r['wall']:.1f} s", file=sys.stderr)
    print(f"| build ({args.communes} communes, --jobs 2, PDFs) | round | load at start | wall | "
          "CPU LibreOffice | CPU renderers | CPU parent |")
    print("|---|---|---|---|---|---|---|")
    for label, n, load, r in rows:
        print(f"| {label} | {n} | {load:.1f} | {r['wall']:.1f} s | {r['libreoffice']:.0f} s | "
              f"{r['renderers']:.0f} s | {r['parent']:.0f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
