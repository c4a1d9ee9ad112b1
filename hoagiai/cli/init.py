"""`init`: a new workspace — blank workbooks with headers and drop-down lists, the unit profile."""

from __future__ import annotations

from typing import Any

import click

from .app import command
from .options import workspace


@command("init")
@click.argument("directory", type=click.Path(file_okay=False))
def init_cmd(s: dict[str, Any], directory: str) -> int:
    """Tạo không gian làm việc mới: bảng tính trống có tiêu đề và danh sách chọn, hồ sơ đơn vị."""
    from .. import operations
    from .views.lines import print_created

    print_created(operations.init(workspace(s), directory))
    return 0
