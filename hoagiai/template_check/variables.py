"""Which data a template reads, and whether a kind's real context has it.

`uses(tree)` walks the Jinja syntax tree with scopes: top-level names and attribute chains
(`van_ban.so`, `row.ho_ten`) are collected; names bound by `for`, `set`, `with`, macros are
local. A loop variable over a context list stands for that list's elements, so `row.ho_ten`
inside `{% for row in danh_sach %}` is checked as "an element of danh_sach has ho_ten".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import nodes

ITEM = object()   # path step: "an element of this list"
FILTERS_KEEPING_ITEMS = {"sort", "reverse", "list", "unique", "selectattr", "rejectattr"}


@dataclass(frozen=True)
class Use:
    path: tuple            # (top-level name, step, …); steps are str, int or ITEM
    written: str           # as written in the template, e.g. "row.ho_ten"
    lineno: int


def uses(tree: nodes.Template, global_names: set[str]) -> list[Use]:
    out: list[Use] = []
    _walk(tree, {}, out, global_names)
    return out


# scope: local name -> path of the data it stands for (or None: unknown local value)
Scope = dict[str, "tuple | None"]


def _chain(node: nodes.Node) -> tuple[nodes.Name, list, list[nodes.Node]] | None:
    """(root Name, steps, dynamic subscripts to visit) of a pure attribute/item chain."""
    steps: list = []
    dynamic: list[nodes.Node] = []
    while True:
        if isinstance(node, nodes.Getattr):
            steps.insert(0, node.attr)
            node = node.node
        elif isinstance(node, nodes.Getitem):
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, (str, int)):
                steps.insert(0, node.arg.value)
            else:
                steps.insert(0, ITEM)
                dynamic.append(node.arg)
            node = node.node
        elif isinstance(node, nodes.Name) and node.ctx == "load":
            return node, steps, dynamic
        else:
            return None


def _written(root: str, steps: list) -> str:
    text = root
    for s in steps:
        text += "[…]" if s is ITEM else (f"[{s}]" if isinstance(s, int) else f".{s}")
    return text


def _data_path(expr: nodes.Node, scope: Scope, global_names: set[str]) -> tuple | None:
    """The data path an expression stands for (to follow loop variables), or None."""
    if isinstance(expr, nodes.Filter) and expr.name in FILTERS_KEEPING_ITEMS and expr.node is not None:
        return _data_path(expr.node, scope, global_names)
    found = _chain(expr)
    if found is None:
        return None
    root, steps, _ = found
    if root.name in scope:
        base = scope[root.name]
        return None if base is None else base + tuple(steps)
    if root.name in global_names:
        return None
    return (root.name, *steps)


def _bind(target: nodes.Node, scope: Scope, value: tuple | None) -> None:
    if isinstance(target, nodes.Name):
        scope[target.name] = value
    elif isinstance(target, nodes.Tuple):
        for item in target.items:
            _bind(item, scope, None)
    elif isinstance(target, nodes.NSRef):
        pass


def _walk(node: nodes.Node, scope: Scope, out: list[Use], global_names: set[str]) -> None:
    if isinstance(node, nodes.For):
        _walk(node.iter, scope, out, global_names)
        source = _data_path(node.iter, scope, global_names)
        inner = dict(scope)
        _bind(node.target, inner, None if source is None else source + (ITEM,))
        inner["loop"] = None
        if node.test is not None:
            _walk(node.test, inner, out, global_names)
        for child in node.body:
            _walk(child, inner, out, global_names)
        for child in node.else_:
            _walk(child, scope, out, global_names)
        return
    if isinstance(node, nodes.Assign):
        _walk(node.node, scope, out, global_names)
        _bind(node.target, scope, _data_path(node.node, scope, global_names))
        return
    if isinstance(node, nodes.AssignBlock):
        for child in node.body:
            _walk(child, scope, out, global_names)
        _bind(node.target, scope, None)
        return
    if isinstance(node, nodes.With):
        inner = dict(scope)
        for target, value in zip(node.targets, node.values):
            _walk(value, scope, out, global_names)
            _bind(target, inner, _data_path(value, scope, global_names))
        for child in node.body:
            _walk(child, inner, out, global_names)
        return
    if isinstance(node, (nodes.Macro, nodes.CallBlock)):
        inner = dict(scope)
        for arg in node.args:
            _bind(arg, inner, None)
        for name in ("caller", "varargs", "kwargs"):
            inner[name] = None
        if isinstance(node, nodes.Macro):
            scope[node.name] = None
        else:
            _walk(node.call, scope, out, global_names)
        for default in node.defaults:
            _walk(default, scope, out, global_names)
        for child in node.body:
            _walk(child, inner, out, global_names)
        return
    if isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Name)):
        found = _chain(node)
        if found is not None:
            root, steps, dynamic = found
            for d in dynamic:
                _walk(d, scope, out, global_names)
            if root.name in scope:
                base = scope[root.name]
                if base is not None:
                    out.append(Use(base + tuple(steps), _written(root.name, steps), root.lineno))
            elif root.name not in global_names:
                out.append(Use((root.name, *steps), _written(root.name, steps), root.lineno))
            return
    for child in node.iter_child_nodes():
        _walk(child, scope, out, global_names)


# --- checking a path against sample contexts --------------------------------------------

def resolve(value: Any, path: tuple) -> bool | None:
    """True: the data has this path; False: it certainly has not; None: cannot tell
    (a None value, an empty list, a value computed at render time)."""
    if not path:
        return True
    step, rest = path[0], path[1:]
    if value is None:
        return None
    if step is ITEM:
        if isinstance(value, dict):
            elements = list(value.values())
        elif isinstance(value, (list, tuple)):
            elements = list(value)
        else:
            return None
        if not elements:
            return None
        results = [resolve(e, rest) for e in elements]
        if any(r is True for r in results):
            return True
        return False if all(r is False for r in results) else None
    if isinstance(step, int):
        if isinstance(value, (list, tuple)):
            return resolve(value[step], rest) if -len(value) <= step < len(value) else None
        return None
    if isinstance(step, str) and step.startswith("_"):
        return False    # the sandbox refuses internal attributes
    if isinstance(value, dict):
        if step in value:
            return resolve(value[step], rest)
        return True if hasattr(value, step) and not rest else False
    if hasattr(value, step):
        try:
            return resolve(getattr(value, step), rest)
        except Exception:  # noqa: BLE001 — a property failing on sample data: cannot tell
            return None
    try:
        return resolve(value[step], rest)
    except (KeyError, IndexError, TypeError):
        return False


def missing_at(value: Any, path: tuple) -> tuple[int, list[str]]:
    """How many leading steps of `path` resolve, and the keys available at the first that
    does not (for the message)."""
    for n, step in enumerate(path):
        if step is ITEM:
            if isinstance(value, (list, tuple)) and value:
                value = value[0]
                continue
            return n, []
        if isinstance(value, dict) and step in value:
            value = value[step]
            continue
        if isinstance(step, str) and not step.startswith("_") and not isinstance(value, dict) \
                and hasattr(value, step):
            value = getattr(value, step)
            continue
        keys = sorted(k for k in value if isinstance(k, str)) if isinstance(value, dict) else []
        return n, keys
    return len(path), []
