"""`register`: the outgoing-documents register (Nghị định 30/2020, Phụ lục IV), one table a unit."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from ...register import COLUMNS


def print_register(books: list[dict[str, Any]]) -> None:
    """The books `operations.register` returned."""
    console = Console()
    for book in books:
        c = book["cover"]
        table = Table(title=f"{c['ten_so']} — {c['co_quan']} — năm {c['nam']}")
        for key in ("so_ky_hieu", "ngay", "trich_yeu", "nguoi_ky", "ghi_chu"):
            table.add_column(dict(COLUMNS)[key])
        for e in book["entries"]:
            table.add_row(e["so_ky_hieu"], e["ngay"], e["trich_yeu"], e["nguoi_ky"], e["ghi_chu"])
        console.print(table)
        if not book["entries"]:
            console.print(f"Chưa có văn bản nào ban hành trong năm {c['nam']}.")
