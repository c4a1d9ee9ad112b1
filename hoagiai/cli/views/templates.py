"""`check-templates`: the problems found in the Word templates, then a one-line verdict."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table


def print_problems(problems) -> None:
    """The TemplateReport `operations.check_templates` returned (a list of TemplateProblem
    carrying `checked` and `notes`)."""
    console = Console()
    checked = getattr(problems, "checked", None)
    notes = getattr(problems, "notes", [])
    if problems:
        table = Table(title="Vấn đề trong mẫu văn bản", show_lines=True, expand=False)
        table.add_column("Mẫu", no_wrap=True)
        table.add_column("Vị trí")
        table.add_column("Mã", no_wrap=True, style="red")
        table.add_column("Vấn đề")
        for p in problems:
            table.add_row(p.template, p.where, p.code, p.message)
        console.print(table)
    for note in notes:
        console.print(f"[yellow]Lưu ý:[/yellow] {note}", highlight=False)
    n_templates = len(checked) if checked is not None else len({p.template for p in problems})
    if problems:
        bad = len({p.template for p in problems})
        console.print(f"[red]{len(problems)} vấn đề trong {bad}/{n_templates} mẫu.[/red] "
                      "Sửa mẫu rồi chạy lại `check-templates`.", highlight=False)
    else:
        console.print(f"[green]Không có vấn đề nào[/green] trong {n_templates} mẫu đã kiểm tra.",
                      highlight=False)
