"""`due`: report deadlines, payment decisions and the state of each document."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from .app import command
from .options import emit_json, json_option, parse_date, workspace


@command("due")
@click.option("--today", metavar="YYYY-MM-DD", help="Ngày tính hạn (mặc định: hôm nay).")
@click.option("--ics", "ics_file", type=click.Path(dir_okay=False), default=None,
              help="Ghi các hạn ra tệp lịch iCalendar (.ics).")
@json_option
def due_cmd(s: dict[str, Any], today: str | None, ics_file: str | None, as_json: bool) -> int:
    """Hạn báo cáo, quyết định chi thù lao và trạng thái từng văn bản."""
    from .. import operations

    day = parse_date(today, "--today") if today else dt.date.today()
    results = operations.due_rows(workspace(s), day, ics_file)
    if as_json:
        emit_json(operations.due_json(results, day))
    else:
        from .views.due import print_units

        print_units(results, ics_file)
    return 0
