"""`issue`: record an issued document in the register and build its official copy."""

from __future__ import annotations

from typing import Any

import click

from .app import command
from .options import emit_json, json_option, parse_date, workspace


@command("issue")
@click.argument("doc_id")
@click.option("--number", type=int, required=True, help="Số văn bản được cấp (ví dụ 5 → Số: 05/…).")
@click.option("--date", "date_", required=True, metavar="YYYY-MM-DD", help="Ngày ban hành.")
@click.option("--no-pdf", is_flag=True, help="Không chuyển bản ban hành sang PDF.")
@json_option
def issue_cmd(s: dict[str, Any], doc_id: str, number: int, date_: str, no_pdf: bool, as_json: bool) -> int:
    """Ghi văn bản đã ban hành vào sổ và dựng bản chính thức (có số và ngày)."""
    from .. import operations

    obj = operations.issue(workspace(s), doc_id, number, parse_date(date_, "--date"), pdf=not no_pdf)
    if as_json:
        emit_json(obj)
    else:
        from .views.lines import print_issued

        print_issued(obj)
    return 0
