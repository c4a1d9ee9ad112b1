"""`register`: the outgoing-documents register (Nghị định 30/2020, Phụ lục IV)."""

from __future__ import annotations

from typing import Any

import click

from .app import command
from .options import emit_json, json_option, workspace


@command("register")
@click.option("--year", type=click.IntRange(1900, 9999), default=None, metavar="YYYY",
              help="Năm của sổ (mặc định: năm nay).")
@click.option("--xlsx", "xlsx_file", type=click.Path(dir_okay=False), default=None,
              help="Ghi sổ ra tệp Excel (bìa và mười cột theo Phụ lục IV Nghị định 30/2020).")
@json_option
def register_cmd(s: dict[str, Any], year: int | None, xlsx_file: str | None, as_json: bool) -> int:
    """Sổ đăng ký văn bản đi (Nghị định 30/2020, Phụ lục IV)."""
    from .. import operations

    year, books = operations.register(workspace(s), year, xlsx_file)
    if as_json:
        emit_json(operations.register_json(year, books))
    else:
        from .views.lines import print_register_written
        from .views.register import print_register

        print_register(books)
        if xlsx_file:
            print_register_written(xlsx_file)
    return 0
