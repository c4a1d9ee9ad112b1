"""Settings in `rules/` that are not yet law: warnings, never text in a document.

A rule-file entry marked `minh_hoa: true` (a demo value, e.g. a submission deadline the city has
not set yet) or `chua_xac_minh: true` (a value still to be checked against the official text) is
reported by `validate` and `build` as a WARNING naming the file and the key path, so the clerk
replaces it before signing. Documents never print such a mark.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from . import schema as rules
from ..errors import RuleFileError
from ..findings import WARNING, Finding

CODE = "rule-illustrative"
FLAGS = {"minh_hoa": "là giá trị minh họa", "chua_xac_minh": "chưa được xác minh với văn bản gốc"}


def _walk(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for flag in FLAGS:
            if node.get(flag) is True:
                yield path, flag
        for k, v in node.items():
            yield from _walk(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}[{i}]")


_SCANNED: dict[tuple, list[Finding]] = {}


def scan(rules_dir: Path) -> list[Finding]:
    """One warning per flagged entry of every rule file under `rules_dir` (scanned once per
    process while the files are unchanged: every unit of a city build asks)."""
    rules_dir = Path(rules_dir)
    files = rules.rules_dir_files(rules_dir)
    key = rules.files_key(files)
    if key is None:
        return _scan(rules_dir, files)
    key = (str(rules_dir.resolve()), *key)     # the findings name files relative to rules_dir
    if key not in _SCANNED:
        _SCANNED[key] = _scan(rules_dir, files)
    return list(_SCANNED[key])      # Finding is frozen


def _scan(rules_dir: Path, files: list[Path]) -> list[Finding]:
    out: list[Finding] = []
    for path in files:
        try:
            data = rules.read_yaml(path)
        except RuleFileError:
            continue      # a broken file is reported by its own loader
        rel = f"rules/{path.relative_to(rules_dir).as_posix()}"
        for key, flag in _walk(data, ""):
            source = _source(data, key)
            out.append(Finding(
                code=CODE, severity=WARNING, file=rel, column=key, value=source,
                message=(f"Giá trị tại khóa `{key}` {FLAGS[flag]}; thay bằng giá trị của văn bản có thẩm quyền "
                         f"(không in vào văn bản)."),
                basis=source))
    return out


def _source(data: Any, key: str) -> str | None:
    """The `nguon` of the flagged entry, when it has one."""
    node = data
    for part in key.replace("]", "").replace("[", ".").split("."):
        if part == "":
            continue
        try:
            node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError, TypeError):
            return None
    return node.get("nguon") if isinstance(node, dict) else None
