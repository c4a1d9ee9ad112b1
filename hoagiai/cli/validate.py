"""`validate`: check every input file against the rule files; write the annotated copies."""

from __future__ import annotations

from typing import Any

import click

from .app import command
from .options import emit_json, workspace


@command("validate")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (một đối tượng) ra stdout.")
def validate_cmd(s: dict[str, Any], as_json: bool) -> int:
    """Kiểm tra mọi tệp đầu vào theo các tệp quy tắc; ghi bản đánh dấu lỗi vào outputs/."""
    from .. import operations

    results = operations.validate_units(workspace(s))
    if as_json:
        emit_json(operations.validate_json(results))
    else:
        from .views.validate import print_units

        print_units(results)
    return 0 if all(r.valid for _, r in results) else 1
