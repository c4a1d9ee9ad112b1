"""Private LibreOffice profiles, and cleaning up after a converter that was killed.

Every converter works in a session folder `<root>/run-<pid>-<random>/` holding an `owner` file
(its pid and start time) and one profile folder per LibreOffice process, each with the pid of the
process using it (`soffice.pid`, `worker.pid`). Closing a converter kills its processes and
removes the folder. A converter killed outright (SIGKILL, power cut) cannot: its warm workers see
their pipe close and kill LibreOffice themselves, and the next converter to start calls `sweep()`,
which kills whatever a dead owner left running (found by its command line, which names the
session folder) and removes the folder.

`<root>` is `HOAGIAI_LO_PROFILES` when set, else `<temp>/hoagiai-lo-<user>`. A fresh profile
costs LibreOffice a second start, so the first profile that started well is kept as `seed/`
and copied into new ones.
"""

from __future__ import annotations

import getpass
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from . import procs

ENV_VAR = "HOAGIAI_LO_PROFILES"


# Settings every private profile gets (each added when the profile does not have it yet):
#
# - LibreOffice (7.x, desktop/source/app/app.cxx) runs its VCL "graphics render tests" at start-up
#   whenever the profile's last version is older than the running one
#   (utl::isProductVersionUpgraded) — and a headless start never records the version, so every
#   start of a private profile paid for them: ~1.3 s of a 1.5 s start (measured: UNO pipe up after
#   0.2 s with the item below, 1.4–1.6 s without; BENCHMARKS.md). The tests only choose a GUI
#   rendering back-end, which a headless converter never uses. "99.9" is newer than any release,
#   so the check says "not upgraded".
# - Word completion's word collection: while it lays a document out, Writer's idle job walks every
#   paragraph collecting words for autocompletion (SwTextFrame::CollectAutoCmplWrds), 7 % of a
#   warm LibreOffice's CPU on a city's bundles (perf; BENCHMARKS.md). A converter never types.
_ITEMS = {
    "ooSetupLastVersion": ('<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" '
                           'oor:op="fuse"><value>99.9</value></prop></item>'),
    "CollectWords": ('<item oor:path="/org.openoffice.Office.Writer/AutoFunction/Completion">'
                     '<prop oor:name="CollectWords" oor:op="fuse"><value>false</value></prop></item>'),
}
_EMPTY_XCU = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
              'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
              '</oor:items>\n')


def tune(profile: Path) -> None:
    """Give `profile` the settings of _ITEMS it lacks (start-up without the upgrade-time work, no
    word collection). Best effort: a profile left as it is only converts slower."""
    xcu = Path(profile) / "user" / "registrymodifications.xcu"
    try:
        text = xcu.read_text(encoding="utf-8") if xcu.is_file() else _EMPTY_XCU
        missing = [item for name, item in _ITEMS.items() if f'oor:name="{name}"' not in text]
        if not missing or "</oor:items>" not in text:
            return
        xcu.parent.mkdir(parents=True, exist_ok=True)
        tmp = xcu.with_name(f".{xcu.name}.{uuid.uuid4().hex[:8]}")
        tmp.write_text(text.replace("</oor:items>", "\n".join(missing) + "\n</oor:items>", 1), encoding="utf-8")
        os.replace(tmp, xcu)
    except OSError:
        pass


def root() -> Path:
    forced = os.environ.get(ENV_VAR, "").strip()
    if forced:
        return Path(forced)
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    return Path(tempfile.gettempdir()) / f"hoagiai-lo-{''.join(c for c in user if c.isalnum()) or 'user'}"


def _owner_text() -> str:
    return f"{os.getpid()} {procs.start_ticks(os.getpid()) or 0}"


def _owner_alive(folder: Path) -> bool | None:
    try:
        pid_s, ticks_s = (folder / "owner").read_text(encoding="ascii").split()
        pid, ticks = int(pid_s), int(ticks_s)
    except (OSError, ValueError):
        return False
    if pid == os.getpid():
        return True
    state = procs.alive(pid)
    if state and ticks and procs.start_ticks(pid) not in (None, ticks):
        return False   # the pid was reused by another process
    return state


def sweep(base: Path | None = None) -> list[Path]:
    """Kill the processes of sessions whose owner is gone and remove those folders."""
    base = root() if base is None else base
    removed: list[Path] = []
    if not base.is_dir():
        return removed
    for folder in base.glob("run-*"):
        if _owner_alive(folder) is not False:
            continue
        for text in {str(folder), folder.as_uri()}:
            for pid in procs.pids_mentioning(text):
                procs.kill_pid(pid)
        if procs.has_proc():  # pid files too: a process whose command line lost the folder name
            for pid_file in folder.glob("*/*.pid"):
                try:
                    pid = int(pid_file.read_text(encoding="ascii").strip())
                except (OSError, ValueError):
                    continue
                line = procs.cmdline(pid) or ""
                if procs.alive(pid) and ("soffice" in line or "uno_worker" in line):
                    procs.kill_pid(pid)
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder)
    return removed


class Session:
    """A converter's folder of private profiles; `close()` removes it."""

    def __init__(self, base: Path | None = None):
        self.base = root() if base is None else Path(base)
        self.base.mkdir(parents=True, exist_ok=True)
        sweep(self.base)
        self.folder = self.base / f"run-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.folder.mkdir()
        (self.folder / "owner").write_text(_owner_text(), encoding="ascii")

    def profile(self, name: str, seeded: bool = True) -> Path:
        """A new (or the existing) profile folder `name`, copied from the seed when there is one."""
        path = self.folder / name
        seed = self.base / "seed"
        if not path.exists():
            if seeded and (seed / "user").is_dir():
                try:
                    shutil.copytree(seed, path)
                except OSError:
                    shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True, exist_ok=True)
        tune(path)
        return path

    def keep_as_seed(self, profile: Path) -> None:
        """Copy a profile LibreOffice has started with to `seed/`, once (atomically)."""
        seed = self.base / "seed"
        if (seed / "user").is_dir() or not (profile / "user").is_dir():
            return
        tmp = self.base / f"seed-{uuid.uuid4().hex[:8]}.tmp"
        try:
            shutil.copytree(profile / "user", tmp / "user",
                            ignore=shutil.ignore_patterns("*.pid", "*.log", ".lock", "backup", "temp"))
            os.replace(tmp, seed)
        except OSError:
            pass
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
