"""`check-templates`: find what would break a Word template before any document is built."""

from __future__ import annotations

from typing import Any

import click

from .app import command
from .options import emit_json, json_option, workspace


@command("check-templates")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@json_option
def check_templates_cmd(s: dict[str, Any], files: tuple[str, ...], as_json: bool) -> int:
    """Kiểm tra các mẫu văn bản: biến, thẻ, bộ lọc, thẻ bị tách, thể thức Nghị định 30."""
    from .. import operations

    problems = operations.check_templates(workspace(s), files)
    if as_json:
        emit_json(operations.check_templates_json(problems))
    else:
        from .views.templates import print_problems

        print_problems(problems)
    return 1 if problems else 0
