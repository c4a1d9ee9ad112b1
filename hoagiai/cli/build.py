"""`build`: bring every document up to date with the data as of the chosen month."""

from __future__ import annotations

import sys
from typing import Any

import click

from .app import command
from .options import emit_json, json_option, workspace


@command("build")
@click.option("--month", metavar="YYYY-MM", help="Tháng dựng văn bản (mặc định: tháng hiện tại).")
@click.option("--doc", "docs", multiple=True, metavar="KIND",
              help="Chỉ dựng loại văn bản này (lặp lại được), ví dụ --doc qd-kien-toan.")
@click.option("--no-pdf", is_flag=True, help="Chỉ dựng DOCX, không chuyển sang PDF.")
@click.option("--pdfa", is_flag=True, help="PDF theo chuẩn lưu trữ PDF/A-2b.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Số tiến trình chạy song song (mặc định: số nhân CPU).")
@json_option
def build_cmd(s: dict[str, Any], month: str | None, docs: tuple[str, ...], no_pdf: bool,
              pdfa: bool, jobs: int | None, as_json: bool) -> int:
    """Đưa mọi văn bản về đúng dữ liệu tính đến tháng đã chọn."""
    from .. import operations
    from .views.build import Progress, print_summary

    opts = operations.build_options(month, docs, pdf=not no_pdf, pdfa=pdfa, jobs=jobs)
    ws = workspace(s)
    with Progress(enabled=not as_json or sys.stderr.isatty()) as progress:
        results = operations.build_results(ws, opts, progress.event)
    if as_json:
        emit_json(operations.build_json(ws, results))
    else:
        print_summary([r.to_dict() for r in results])
    return operations.exit_code(results)
