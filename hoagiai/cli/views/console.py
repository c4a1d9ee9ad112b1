"""Consoles that fit where the output goes (rich).

On a terminal, tables fit the window. Anywhere else (a file, a pipe, a log, a test's
CliRunner) nothing is cut to 80 columns: the console is as wide as the longest line needs,
so full paths and messages come through whole.
"""

from __future__ import annotations

import sys

#: width of a console that is not a terminal: wide enough never to cut a path or a message
WIDE = 10_000


def make_console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    if _is_tty(stream):
        return Console(stderr=stderr)
    return Console(stderr=stderr, width=WIDE, no_color=True, highlight=False)


def heading(console, text: str) -> None:
    """A section heading: a rule on a terminal, a plain line elsewhere."""
    if console.is_terminal:
        console.rule(text)
    else:
        console.print(f"== {text} ==")


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
