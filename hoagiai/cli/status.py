"""`status`: every known document — kind, version, state, number, file."""

from __future__ import annotations

from typing import Any

from .app import command
from .options import emit_json, json_option, workspace


@command("status")
@json_option
def status_cmd(s: dict[str, Any], as_json: bool) -> int:
    """Mọi văn bản đã biết: loại, phiên bản, trạng thái, đường dẫn."""
    from .. import operations

    obj = operations.status(workspace(s))
    if as_json:
        emit_json(obj)
    else:
        from .views.status import print_status

        print_status(obj["documents"])
    return 0
