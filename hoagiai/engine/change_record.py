"""The change record (`phien-ban/<id>.vN.thay-doi.txt`) and the list of changed input cells
a stale issued document reports: written for the clerk — places as the files name them
(file, sheet, row, column header, YAML key), dates as dd/mm/yyyy, never internal keys or JSON."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

from .. import docx_text

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T00:00:00)?$")


def show(v: Any) -> str:
    """One value as the clerk reads it."""
    if v is None or v == "":
        return "(trống)"
    if isinstance(v, bool):
        return "có" if v else "không"
    if isinstance(v, str):
        m = _ISO.match(v)
        s = f"{m[3]}/{m[2]}/{m[1]}" if m else v
        return s if len(s) <= 120 else s[:117] + "…"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, (list, tuple)):
        return ", ".join(show(x) for x in v) or "(trống)"
    return str(v)


def _leaves(value: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    if isinstance(value, dict):
        out: dict[tuple[str, ...], Any] = {}
        for k, x in value.items():
            out.update(_leaves(x, path + (str(k),)))
        return out or {path: None}
    if isinstance(value, (list, tuple)) and (len(value) > 3 or any(isinstance(x, (dict, list, tuple))
                                                                  for x in value)):
        out = {}
        for i, x in enumerate(value, 1):
            out.update(_leaves(x, path + (f"mục {i}",)))
        return out
    return {path: value}


def _where(key: str, rows: dict[str, int]) -> str:
    parts = key.split("|")
    if len(parts) == 4:
        file, sheet, _record, column = parts
        row = rows.get("|".join(parts[:3]))
        return (file + (f", trang {sheet}" if sheet else "") + (f", dòng {row}" if row else "")
                + (f", cột {column}" if column else ""))
    if parts[0] == "register":
        return f"sổ đăng ký, văn bản {parts[1]}"
    if parts[0] == "dinh-chinh" and len(parts) == 3:    # what a correcting document reads
        return {"van-ban": f"lời văn của {parts[1]} theo dữ liệu mới",
                "so-lieu": f"số liệu của {parts[1]} theo dữ liệu mới",
                "sua": "văn bản được đính chính"}.get(parts[2], f"văn bản {parts[1]}")
    return f"{parts[0]}, khóa {'.'.join(parts[1:])}" if len(parts) > 1 else key


def changed_cells(old: dict[str, Any], new: dict[str, Any], rows: dict[str, int]) -> list[str]:
    out = []
    for key in sorted(set(old) | set(new)):
        a, b = _leaves(old.get(key)), _leaves(new.get(key))
        for path in sorted(set(a) | set(b)):
            x, y = a.get(path), b.get(path)
            if _same(x, y):
                continue
            where = _where(key, rows) + ("".join(f" › {p}" for p in path) if path else "")
            out.append(f"{where}: {show(x)} → {show(y)}")
    return out


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def made_with_lines(old, new) -> list[str]:
    """Say so when a new hoagiai or rule set is (part of) why the document changed."""
    lines = []
    if old.hoagiai_version != new.get("hoagiai_version"):
        lines.append(f"Phần mềm hoagiai: {old.hoagiai_version or '(không rõ)'} → {new['hoagiai_version']}")
    if old.rules_version != new.get("rules_version"):
        lines.append(f"Bộ quy tắc: {old.rules_version or '(không rõ)'} → {new['rules_version']}")
    return lines


def change_record(title: str, doc_id: str, cells: dict[str, Any], rows: dict[str, int], latest,
                  new_docx: Path, made_with: dict[str, str]) -> str:
    lines = [f"Thay đổi của {title} ({doc_id}): phiên bản {latest.version} → {latest.version + 1}", ""]
    changed = changed_cells(latest.cells, cells, rows)
    lines.append("Ô dữ liệu đã thay đổi:" if changed else "Không có ô dữ liệu nào thay đổi "
                 "(thay đổi do mẫu văn bản, quy tắc hoặc phần mềm).")
    lines += [f"  - {c}" for c in changed]
    upgrade = made_with_lines(latest, made_with)
    if upgrade:
        lines += ["", "Dựng bằng phiên bản khác:"] + [f"  - {x}" for x in upgrade]
    lines.append("")
    try:
        old_text = docx_text.paragraphs(Path(latest.docx))
    except (OSError, KeyError, ValueError):
        old_text = []
    new_text = docx_text.paragraphs(new_docx)
    diff = list(difflib.unified_diff(old_text, new_text, f"phiên bản {latest.version}",
                                     f"phiên bản {latest.version + 1}", lineterm="", n=1))
    lines.append("Nội dung văn bản thay đổi:")
    lines += diff or ["  (không đổi)"]
    return "\n".join(lines) + "\n"
