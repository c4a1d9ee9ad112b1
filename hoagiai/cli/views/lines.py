"""The commands whose result is a few plain lines: `issue`, `init`, `register --xlsx`, `user add`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


def print_issued(d: dict[str, Any]) -> None:
    """`operations.issue`'s object: the number, date and files; its notes on stderr."""
    click.echo(f"Đã ban hành {d['id']}: số {d['number']:02d}, ngày {d['date']}.")
    click.echo(f"  DOCX: {d['docx']}")
    if d["pdf"]:
        click.echo(f"  PDF:  {d['pdf']}")
    for n in d["notes"]:
        click.echo(f"  Lưu ý: {n}", err=True)


def print_created(made: list[Path]) -> None:
    """The files `operations.init` made, then what the clerk does next."""
    for p in made:
        click.echo(f"Đã tạo {p}")
    click.echo("Hãy điền don_vi.yaml, kế hoạch năm (ke_hoach_*.yaml, các chỗ “[Cần điền: …]”) và các bảng tính, "
               "rồi chạy `validate`.")


def print_register_written(path: str) -> None:
    click.echo(f"Đã ghi sổ đăng ký: {path}", err=True)


def print_user_saved(name: str, path: Path) -> None:
    click.echo(f"Đã lưu tài khoản {name} vào {path}.", err=True)
