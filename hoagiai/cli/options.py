"""The command line's shared options, declared once: the global folders and `--debug` (accepted
before or after the command name), `--json`, the `--date`/`--today` reader and the `--json` printer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable

import click

from ..errors import ConfigError

GLOBAL_KEYS = ("inputs", "outputs", "rules", "templates", "debug")


def global_options(f: Callable) -> Callable:
    """The global options, accepted before or after the command name."""
    f = click.option("--debug", is_flag=True, default=None,
                     help="Hiện chi tiết lỗi kỹ thuật (traceback).")(f)
    f = click.option("--templates", type=click.Path(file_okay=False), default=None,
                     help="Thư mục mẫu văn bản (mặc định: templates/ của hoagiai).")(f)
    f = click.option("--rules", type=click.Path(file_okay=False), default=None,
                     help="Thư mục quy tắc (mặc định: rules/ của hoagiai).")(f)
    f = click.option("--outputs", type=click.Path(file_okay=False), default=None,
                     help="Thư mục kết quả (mặc định: outputs).")(f)
    f = click.option("--inputs", type=click.Path(file_okay=False), default=None,
                     help="Thư mục dữ liệu đầu vào (mặc định: inputs).")(f)
    return f


#: `--json` of every command but `validate` (whose help says it is one object)
json_option = click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON ra stdout.")


def settings(ctx: click.Context, options: dict[str, Any]) -> dict[str, Any]:
    """The global options given to the group, overridden by those given after the command;
    the global keys are taken out of `options`."""
    local = {k: options.pop(k, None) for k in GLOBAL_KEYS}
    merged = dict(ctx.obj or {})
    for k in GLOBAL_KEYS:
        if local.get(k) is not None:
            merged[k] = local[k]
    return merged


def workspace(s: dict[str, Any]):
    """The workspace the global options name."""
    from ..workspace import Workspace

    return Workspace.make(s.get("inputs"), s.get("outputs"), s.get("rules"), s.get("templates"))


def parse_date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"{option} `{value}` không hợp lệ; dùng dạng YYYY-MM-DD.") from exc


def emit_json(obj: dict[str, Any]) -> None:
    """The `--json` object on stdout."""
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))
