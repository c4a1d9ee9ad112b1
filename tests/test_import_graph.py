"""The package's import graph has no cycle: what two modules both need lives below both."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "hoagiai"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(imported module, names imported from it) for every hoagiai import in the file."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: list[tuple[str, list[str]]] = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # imports for type annotations only (`if TYPE_CHECKING:`) never run: not part of the graph
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(block.test) for n in ast.walk(block)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("hoagiai"):
                continue
            names = [a.name for a in node.names]
            # `from . import x` imports the submodule x
            subs = [f"{target}.{n}" for n in names
                    if (PKG.parent / f"{target}.{n}".replace(".", "/")).with_suffix(".py").exists()
                    or (PKG.parent / f"{target}.{n}".replace(".", "/") / "__init__.py").exists()]
            for sub in subs:
                out.append((sub, []))
            plain = [n for n in names if f"{target}.{n}" not in subs]
            if plain:
                out.append((target, plain))
        elif isinstance(node, ast.Import):
            out.extend((a.name, []) for a in node.names if a.name.startswith("hoagiai"))
    return out


def _graph() -> dict[str, dict[str, list[str]]]:
    graph: dict[str, dict[str, list[str]]] = {}
    for path in sorted(PKG.rglob("*.py")):
        mod = _module_name(path)
        edges = graph.setdefault(mod, {})
        for target, names in _imports(path):
            if target != mod:
                edges.setdefault(target, []).extend(names)
    return graph


def test_no_import_cycle_between_modules():
    graph = _graph()
    # a package's __init__ re-exporting its submodules is not a cycle of meaning: drop the
    # edges from a submodule up to its own package
    edges = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(edges.get(m, ())):
            if state.get(t) == 1:
                cycles.append(stack[stack.index(t):] + [t])
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)
    assert cycles == []



def test_docs_module_table_is_generated_from_the_package():
    import subprocess
    import sys

    root = PKG.parent
    proc = subprocess.run([sys.executable, "-m", "tools.module_table", "--check"], cwd=root,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_readme_architecture_table_names_every_package_and_module_and_nothing_else():
    """The README's overview table is written by hand (in Vietnamese) but cannot drift: every path it
    names exists, and every sub-package and top-level module of hoagiai is in it."""
    import re

    root = PKG.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Cấu trúc (architecture)"):readme.index("## Tham khảo lệnh")]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    named = {m for line in rows for m in re.findall(r"`([\w./]+)`", line.split(" | ")[0])}
    assert named, "the table was not found"
    missing_paths = sorted(p for p in named if not (root / p).exists())
    assert missing_paths == []
    wanted = {f"hoagiai/{p.name}/" for p in PKG.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    wanted |= {f"hoagiai/{p.name}" for p in PKG.glob("*.py") if p.name != "__init__.py"}
    assert sorted(wanted - named) == []
