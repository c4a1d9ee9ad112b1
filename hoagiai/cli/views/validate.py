"""`validate`: the clerk's view of a validation report — one table per file, then a summary line."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from ...errors import vietnamese
from ...findings import Report
from .console import heading, make_console

SEVERITY = {"error": ("Lỗi", "bold red"), "warning": ("Cảnh báo", "yellow")}


def summary(report: Report) -> str:
    """"3 lỗi, 1 cảnh báo" — or a sentence saying there is nothing to fix."""
    n = report.counts
    if not report.findings:
        return "Không có lỗi, không có cảnh báo."
    return f"{n['error']} lỗi, {n['warning']} cảnh báo"


def print_units(results: list[tuple[Any, Report]]) -> None:
    """`operations.validate_units`' (unit, report) pairs; a heading per named unit."""
    console = make_console()
    for unit, report in results:
        if unit.unit:
            heading(console, unit.unit)
        print_report(report, console)


def print_report(report: Report, console: Console) -> None:
    """One report: a table per file and sheet, the summary, where the annotated copies are."""
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for f in report.sorted():
        groups[(f.file or "", f.sheet or "")].append(f)
    for (file, sheet), findings in groups.items():
        title = file or "Hồ sơ chung"
        if sheet:
            title += f" — trang {sheet}"
        table = RichTable(title=title, title_justify="left", show_lines=False, expand=False)
        table.add_column("Dòng", justify="right", no_wrap=True)
        table.add_column("Cột", no_wrap=True)
        table.add_column("Mức độ", no_wrap=True)
        table.add_column("Mã", no_wrap=True, style="dim")
        table.add_column("Nội dung", overflow="fold")
        for f in findings:
            label, style = SEVERITY.get(f.severity, (f.severity, ""))
            table.add_row("" if f.row is None else str(f.row), Text(f.column or ""),
                          Text(label, style=style), f.code, Text(vietnamese(f.message)))
        console.print(table)
    style = "bold red" if not report.valid else ("yellow" if report.findings else "green")
    console.print(Text(summary(report), style=style))
    for name, path in sorted(report.annotated.items()):
        console.print(f"Bản đánh dấu lỗi của {name}: {path}")
