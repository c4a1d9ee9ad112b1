"""`status`: every known document, with its version, state, number and file."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from ...corrections import LABELS
from .console import make_console


def state_words(row: dict[str, Any]) -> str:
    """A document's state in the clerk's words."""
    if LABELS.get(row["state"]):
        return LABELS[row["state"]]
    if row.get("data_changed"):
        return "đã ban hành — dữ liệu đã đổi, cần văn bản đính chính hoặc thay thế"
    return "đã ban hành" if row["issued"] else "dự thảo"


def _made_with(r: dict[str, Any]) -> str:
    if not r.get("hoagiai_version"):
        return "(không rõ)"
    return f"{r['hoagiai_version']} / {(r['rules_version'] or '').split('+')[0]}"


def print_status(rows: list[dict[str, Any]]) -> None:
    """The `status` table of `operations.status(ws)["documents"]`."""
    console = make_console()
    table = Table(title="Văn bản")
    for col in ("Mã văn bản", "Loại", "Phiên bản", "Trạng thái", "Số", "hoagiai / quy tắc", "Tệp"):
        table.add_column(col, no_wrap=col.startswith("hoagiai"))
    for r in rows:
        table.add_row(r["id"], r["kind"], str(r["version"]), state_words(r),
                      f"{r['number']:02d}" if r.get("number") else "", _made_with(r), r["docx"])
    console.print(table)
    if not rows:
        console.print("Chưa có văn bản nào. Chạy `build` để dựng.")
    elif any(r.get("data_changed") for r in rows):
        console.print("Văn bản đã ban hành không bao giờ bị sửa lại; chạy `build` để xem dữ liệu nào đã đổi "
                      "và dự thảo văn bản đính chính.")

