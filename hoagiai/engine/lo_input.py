"""LibreOffice's input for a new version's PDF: the document rendered a second time through its
template's ODT twin (hoagiai.render_odt, hoagiai.convert.twins), kept only until its PDF is made.

The builder writes `outputs/.hoagiai/lo-input/<hash of the version DOCX's path>--<twin key>.odt`
beside nothing the clerk sees; the PDF stage finds it for that DOCX, hands it to the converter
(which joins documents of the same twin key into one LibreOffice load) and removes it. A version
without one — its template has no twin, `--pdfa`, or a PDF made later for an older version —
is converted from its DOCX, as always.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from .. import atomic

FOLDER = ".hoagiai/lo-input"


def _name(docx: Path) -> str:
    return hashlib.sha1(str(Path(docx).absolute()).encode("utf-8")).hexdigest()[:24]


def write(outputs: Path, docx: Path, template: Path, context: dict[str, Any], title: str | None) -> None:
    """Render `docx`'s twin when its template has one; any failure just means no twin."""
    from ..convert import twins
    from ..errors import TemplateError
    from ..render_odt import TwinUnsupported

    found = twins.compiled_twin(template)
    if found is None:
        return
    tpl, key = found
    if tpl.renders_styles:       # headers change with the data: a key of its own, never bundled
        key = f"{key}-{_name(docx)}"
    try:
        data = tpl.render(context, core_title=title)
    except (TemplateError, TwinUnsupported):
        return
    try:
        # scratch, removed after the PDF stage (and before any build): no fsync
        atomic.write_bytes(Path(outputs) / FOLDER / f"{_name(docx)}--{key}.odt", data, durable=False)
    except OSError:
        return          # LibreOffice then reads the DOCX


def find(outputs: Path) -> dict[str, tuple[Path, str]]:
    """{hash of a DOCX path: (its twin's rendering, twin key)} under `outputs`."""
    folder = Path(outputs) / FOLDER
    found: dict[str, tuple[Path, str]] = {}
    if folder.is_dir():
        for p in folder.glob("*--*.odt"):
            name, key = p.stem.split("--", 1)
            found[name] = (p, key)
    return found


def lookup(found: dict[str, tuple[Path, str]], docx: Path) -> tuple[Path, str] | None:
    return found.get(_name(docx))


def clear(outputs: Path) -> None:
    folder = Path(outputs) / FOLDER
    if folder.is_dir():
        for p in folder.iterdir():
            p.unlink(missing_ok=True)
        try:
            folder.rmdir()
        except OSError:
            pass


def prepare(*workspaces: Any) -> None:
    """Before a build that makes PDFs: the twins of the workspaces' templates exist (made once,
    cached; checked once for all units), and no rendering an interrupted build left behind is
    taken for this one's."""
    from ..convert import twins

    templates: set[Path] = set()
    for ws in workspaces:
        clear(ws.outputs)
        if ws.templates.is_dir():
            templates.update(ws.templates.glob("*.docx"))
    if templates:
        twins.ensure(sorted(templates))
