"""Where a workspace's rules and templates come from (docs/contract.md §6, installed use).

The editable source of the default rule set and templates is the repository's top-level
`rules/` and `templates/`; a built wheel carries a copy of both as package data under
`hoagiai/_data/` (setup.py copies them at build time). The folder used is, first match wins:

1. the one given with --rules / --templates;
2. the workspace's own `rules/` / `templates/`, beside its `inputs/` folder;
3. the repository's, when hoagiai runs from a checkout;
4. the copy packaged with hoagiai.

A folder only counts in steps 2–4 if it looks like what it claims to be (a rules folder has
`du_lieu/`, a templates folder at least one .docx), so an unrelated `templates/` folder beside
`inputs/` is not picked up by accident. `status --json` and `validate --json` name the rule set
used (hoagiai.rulefiles.rule_set.describe).
"""

from __future__ import annotations

from pathlib import Path

KINDS = ("rules", "templates")
PACKAGE_DIR = Path(__file__).resolve().parent
#: the packaged copy, relative to the package folder (setup.py writes it there)
DATA_DIR = "_data"


def checkout_root() -> Path | None:
    """The repository holding this package, when hoagiai runs from a checkout (not installed)."""
    root = PACKAGE_DIR.parent
    if (root / "pyproject.toml").is_file() and usable("rules", root / "rules"):
        return root
    return None


def packaged(kind: str) -> Path:
    """The copy of `kind` carried inside the installed package (may be absent in a checkout)."""
    _check_kind(kind)
    return PACKAGE_DIR / DATA_DIR / kind


def usable(kind: str, folder: Path) -> bool:
    """Does `folder` look like a `kind` folder (rules: has `du_lieu/`; templates: has a .docx)?"""
    _check_kind(kind)
    if not folder.is_dir():
        return False
    if kind == "rules":
        return (folder / "du_lieu").is_dir()
    return any(p.suffix.lower() == ".docx" for p in folder.iterdir())


def candidates(kind: str, inputs: str | Path) -> list[tuple[str, Path]]:
    """The implicit choices for `kind`, in order: (source, folder)."""
    _check_kind(kind)
    found = [("workspace", Path(inputs).absolute().parent / kind)]
    root = checkout_root()
    if root is not None:
        found.append(("repository", root / kind))
    found.append(("packaged", packaged(kind)))
    return found


def resolve(kind: str, explicit: str | Path | None, inputs: str | Path) -> Path:
    """The `kind` folder a workspace whose inputs are `inputs` uses (see the module docstring).

    When nothing usable is found the packaged location is returned, so that the workspace's
    own check reports a clear "not found" for it."""
    if explicit:
        return Path(explicit)
    options = candidates(kind, inputs)
    for _source, folder in options:
        if usable(kind, folder):
            return folder
    return options[-1][1]


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown resource kind {kind!r}")
