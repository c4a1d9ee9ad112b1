"""No module of hoagiai uses another module's private names (docs/architecture.md).

A name starting with one underscore belongs to its module: another module that needs it asks for
a public name instead. Both ways in are checked, with the parsed source: `from x import _y`
(relative or absolute) and `m._y` where `m` is a hoagiai module bound by an import. A module
whose own name is private (`vn/_kieu.py`) may be imported only inside its package. Aliases
(`import re as _re`) and dunders (`__version__`) are not private names of another module.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "hoagiai"


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    base = PKG.parent / dotted.replace(".", "/")
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _target(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _private_module_outside(target: str, importer: str) -> bool:
    """`target` has a private part and `importer` is not inside the package that holds it."""
    parts = target.split(".")
    for i, part in enumerate(parts):
        if _is_private(part):
            owner = ".".join(parts[:i])
            return not (importer == owner or importer.startswith(owner + "."))
    return False


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def violations(path: Path) -> list[str]:
    """Every use in `path` of another hoagiai module's private name, as `file:line: what`."""
    mod = _module_name(path)
    package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(PKG.parent).as_posix()
    found: list[str] = []
    bound: dict[str, str] = {}          # local name -> hoagiai module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = _target(node, package)
            if not target.startswith("hoagiai"):
                continue
            if _private_module_outside(target, mod):
                found.append(f"{where}:{node.lineno}: from {target} import …")
            for alias in node.names:
                full = f"{target}.{alias.name}"
                if _is_module(full):
                    bound[alias.asname or alias.name] = full
                    if _private_module_outside(full, mod):
                        found.append(f"{where}:{node.lineno}: from {target} import {alias.name}")
                elif _is_private(alias.name):
                    found.append(f"{where}:{node.lineno}: from {target} import {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if not alias.name.startswith("hoagiai"):
                    continue
                if _private_module_outside(alias.name, mod):
                    found.append(f"{where}:{node.lineno}: import {alias.name}")
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    bound["hoagiai"] = "hoagiai"
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and _is_private(node.attr)):
            continue
        dotted = _dotted(node.value)
        if dotted is None:
            continue
        head, _, rest = dotted.partition(".")
        if head not in bound:
            continue
        owner = ".".join(filter(None, (bound[head], rest)))
        if _is_module(owner) and owner != mod:
            found.append(f"{where}:{node.lineno}: {dotted}.{node.attr}")
    return found


#: Uses still allowed, as `file: what` (no line number). Empty: none is (an entry that no longer
#: matches fails the test, so the set never hides a stale exception).
PENDING: set[str] = set()


def _without_line(v: str) -> str:
    where, _, what = v.partition(": ")
    return f"{where.rsplit(':', 1)[0]}: {what}"


def test_no_module_uses_a_private_name_of_another():
    found = [v for path in sorted(PKG.rglob("*.py")) for v in violations(path)]
    assert [v for v in found if _without_line(v) not in PENDING] == []
    # an entry that no longer matches anything is fixed: delete it (the set must end empty)
    assert PENDING - {_without_line(v) for v in found} == set()


def test_the_check_sees_both_ways_in(monkeypatch):
    """The check itself finds what it must (a check that finds nothing proves nothing)."""
    sample = PKG / "zz_private_probe.py"
    sample_text = (
        "from .records import _sha\n"
        "from hoagiai.vn._kieu import as_int\n"
        "from . import due\n"
        "import hoagiai.records as b\n"
        "import re as _re\n"
        "x = due._state, b._rel, _re.compile, due.__name__\n"
    )
    # parse the probe as if it lived in the package, without writing into it
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: sample_text)
    got = [v.split(": ", 1)[1] for v in violations(sample)]
    assert got == ["from hoagiai.records import _sha", "from hoagiai.vn._kieu import …",
                   "due._state", "b._rel"]
