"""`due`: the coming deadlines of every unit, one table each, long notes numbered below."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from .console import heading, make_console


def print_units(results: list[tuple[Any, list[Any]]], ics_file: str | None) -> None:
    """`operations.due_rows`' (unit, deadlines) pairs; a heading per named unit."""
    console = make_console()
    for unit, rows in results:
        if unit.unit:
            heading(console, unit.unit)
        print_due(rows, console)
    if ics_file:
        console.print(f"Đã ghi lịch: {ics_file}")


def print_due(rows: list[Any], console=None) -> None:
    """One unit's deadlines (hoagiai.due.Deadline) as a table."""
    console = console or Console()
    table = Table(title="Hạn văn bản")
    table.add_column("Hạn", no_wrap=True)
    table.add_column("Còn (ngày)", justify="right")
    table.add_column("Mã văn bản", no_wrap=True)
    table.add_column("Trạng thái")
    table.add_column("Ghi chú")
    notes: list[str] = []
    for r in rows:
        left = str(r.days_left) if r.days_left >= 0 else f"quá hạn {-r.days_left}"
        style = "red" if r.days_left < 0 else ("yellow" if r.days_left <= 7 else None)
        mark = ""
        if r.note:   # long notes repeat (one per payment month): print each once, below
            if r.note not in notes:
                notes.append(r.note)
            mark = f"({notes.index(r.note) + 1})"
        table.add_row(r.due.strftime("%d/%m/%Y"), left, r.doc_id, r.label, mark, style=style)
    console.print(table)
    for i, note in enumerate(notes, start=1):
        console.print(f"({i}) {note}")
    if not rows:
        console.print("Không có hạn nào trong thời gian đã chọn.")
