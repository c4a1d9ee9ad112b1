"""Every rule file of a rule set, checked up front (docs/rule-files.md).

`check_all(rules_dir)` reads each `.yaml` under `rules/` through its own reader — which checks
it against its complete schema, including the `{placeholders}` of every text — and refuses a
file the rule set does not know. It runs when a command opens a workspace (validate, build,
issue, status, due), so a broken rule file stops the command with exit 2, naming the file and
the key, before anything is written.

A rule set that passed is remembered — in the process, and in `stamp_dir` (the workspace's
`outputs/.hoagiai/`) by the size and modification time of every rule file and of the code that
checks them — so a build with nothing to do parses no YAML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from pathlib import Path
from typing import Callable

from ..errors import RuleFileError
from . import schema

DATASET_SUBDIR = "du_lieu"
STAMP_FILE = "rules-checked.txt"

_CHECKED: set[str] = set()
_LOCK = threading.Lock()


def check_all(rules_dir: Path, stamp_dir: Path | None = None) -> None:
    """Raise RuleFileError for the first rule file under `rules_dir` that is unknown or does
    not match its schema. A rule set already checked (see the module docstring) is not read."""
    rules_dir = Path(rules_dir)
    files = schema.rules_dir_files(rules_dir)
    stamp = _stamp(rules_dir, files)
    with _LOCK:
        if stamp in _CHECKED:
            return
    if stamp and stamp_dir is not None and _read(stamp_dir / STAMP_FILE) == stamp:
        with _LOCK:
            _CHECKED.add(stamp)
        return
    for path in files:
        _check_one(rules_dir, path)
    _check_citations(rules_dir)
    _check_team_codes(rules_dir)
    if not stamp:
        return
    with _LOCK:
        _CHECKED.add(stamp)
    if stamp_dir is not None and stamp_dir.is_dir():
        from ..atomic import write_text
        try:
            write_text(stamp_dir / STAMP_FILE, stamp)
        except OSError:
            pass      # only a shortcut: the next command checks again


def _stamp(rules_dir: Path, files: list[Path]) -> str:
    """A digest of what the check depends on: the folder, each rule file's name, size and
    modification time, and the same of the checking code ("" when a file cannot be read)."""
    code = Path(__file__).parent
    watched = [*files, *sorted(code.glob("*.py")), code.parent / "load" / "spec.py"]
    digest = hashlib.sha256(str(rules_dir.resolve()).encode("utf-8"))
    for f in watched:
        try:
            st = f.stat()
        except OSError:
            return ""
        digest.update(f"\0{f}\0{st.st_mtime_ns}\0{st.st_size}".encode("utf-8"))
    return digest.hexdigest()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _top() -> dict[str, Callable[[Path], object]]:
    """The files at the top of `rules/`, each with its reader."""
    from . import bieu_thong_ke, bo_quy_tac, can_cu, de_an, dinh_chinh, lich_bao_cao, thu_lao, thuat_ngu

    return {
        bieu_thong_ke.FILE: bieu_thong_ke.check,
        bo_quy_tac.SET_FILE: bo_quy_tac.load,
        can_cu.FILE: can_cu.load,
        de_an.FILE: de_an.load,
        dinh_chinh.FILE: dinh_chinh.load,
        lich_bao_cao.FILE: lambda d: lich_bao_cao.load(d).check(dt.date.today().year),
        thu_lao.FILE: thu_lao.load,
        thuat_ngu.FILE: thuat_ngu.load,
    }


def _check_one(rules_dir: Path, path: Path) -> None:
    from . import kiem_tra, van_ban

    top = _top()
    rel = path.relative_to(rules_dir).parts
    if len(rel) == 1 and rel[0] in top:
        top[rel[0]](rules_dir)
    elif len(rel) == 2 and rel[0] == van_ban.SUBDIR:
        van_ban.load(rules_dir, path.stem)
    elif len(rel) == 2 and rel[0] == DATASET_SUBDIR:
        from ..load.spec import load_spec_file
        load_spec_file(path)
    elif len(rel) == 2 and rel[0] == kiem_tra.SUBDIR and rel[1] in kiem_tra.FILES:
        kiem_tra.load(path)
    else:
        known = [*top, f"{van_ban.SUBDIR}/<loại văn bản>.yaml", f"{DATASET_SUBDIR}/<bộ dữ liệu>.yaml",
                 *(f"{kiem_tra.SUBDIR}/{n}" for n in kiem_tra.FILES)]
        raise RuleFileError(str(path), None, f"tệp này không thuộc bộ quy tắc (sai tên hoặc sai thư mục?); "
                                             f"các tệp có: {', '.join(known)}.")


def _check_citations(rules_dir: Path) -> None:
    """Every "Căn cứ" id a kind or a payment rate cites is in `can_cu.yaml`."""
    from . import can_cu, thu_lao, van_ban

    if not (rules_dir / can_cu.FILE).exists():
        return
    table = can_cu.load(rules_dir)
    uses: list[tuple[Path, str, str]] = []
    for kind in van_ban.KINDS:
        path = van_ban.path_of(rules_dir, kind)
        if path.exists():
            uses += [(path, f"can_cu[{i}]", c) for i, c in enumerate(van_ban.load(rules_dir, kind).get("can_cu", []))]
    if (rules_dir / thu_lao.FILE).exists():
        data = schema.load(rules_dir / thu_lao.FILE, thu_lao.SCHEMA)
        uses += [(rules_dir / thu_lao.FILE, f"muc_chi[{i}].can_cu", e["can_cu"]) for i, e in enumerate(data["muc_chi"])]
    for path, key, ident in uses:
        if ident not in table:
            raise RuleFileError(str(path), key, f"căn cứ `{ident}` không có trong tệp {can_cu.FILE} "
                                                f"(các căn cứ có: {', '.join(table)}).")


#: where other files name the team rules of `kiem_tra/nhom.yaml` (Luật Điều 12) by code
TEAM_FILE = "nhom.yaml"


def _check_team_codes(rules_dir: Path) -> None:
    """Each team-rule code that blocks a decision (`loi_to`), defines a Đề án target
    (`muc_tieu[].quy_tac`) or has a report's own wording (`cau.to_khong_dat`) is a rule of
    `kiem_tra/nhom.yaml` — a misspelt code would silently block nothing or count nothing."""
    from . import de_an, kiem_tra, van_ban

    team_file = rules_dir / kiem_tra.SUBDIR / TEAM_FILE
    if not team_file.exists():
        return
    codes = {e["code"] for e in kiem_tra.load(team_file)["quy_tac"]}
    uses: list[tuple[Path, str, str]] = []
    if (rules_dir / de_an.FILE).exists():
        for i, t in enumerate(de_an.load(rules_dir)["muc_tieu"]):
            uses += [(rules_dir / de_an.FILE, f"muc_tieu[{i}].quy_tac[{j}]", c)
                     for j, c in enumerate(t.get("quy_tac", []))]
    for kind in van_ban.KINDS:
        path = van_ban.path_of(rules_dir, kind)
        if not path.exists():
            continue
        data = van_ban.load(rules_dir, kind)
        uses += [(path, f"loi_to[{j}]", c) for j, c in enumerate(data.get("loi_to", []))]
        wording = (data.get("cau") or {}).get("to_khong_dat") or {}
        uses += [(path, f"cau.to_khong_dat.{c}", c) for c in wording if c != "dong"]
    for path, key, code in uses:
        if code not in codes:
            raise RuleFileError(str(path), key, f"mã quy tắc `{code}` không có trong tệp {kiem_tra.SUBDIR}/{TEAM_FILE} "
                                                f"(các mã có: {', '.join(sorted(codes))}).")
