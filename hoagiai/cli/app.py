"""The `hoagiai` command group and the boundary every command runs inside: the library's
exceptions become Vietnamese messages and exit codes, with no traceback unless `--debug`.

Exit codes: 0 done (warnings allowed) · 1 data problems · 2 usage or configuration error ·
3 environment or internal failure.
"""

from __future__ import annotations

import functools
import sys
import traceback
from typing import Any, Callable

import click

from ..errors import HoagiaiError
from .options import global_options, settings
from .vn_click import VNGroup, echo_error


@click.group(cls=VNGroup, context_settings={"help_option_names": ["-h", "--help"],
                                            "max_content_width": 100})
@global_options
@click.version_option(package_name="hoagiai", message="hoagiai %(version)s",
                      help="Hiện phiên bản rồi thoát.")
@click.pass_context
def main(ctx: click.Context, **options: Any) -> None:
    """hoagiai — hồ sơ hòa giải ở cơ sở cho UBND cấp xã.

    Kiểm tra các bảng tính (hòa giải viên, vụ việc, kiểm tra) theo quy định và soạn văn bản
    (kế hoạch, quyết định, thông báo, báo cáo) đúng thể thức Nghị định 30/2020/NĐ-CP,
    dạng DOCX và PDF.
    """
    ctx.obj = {k: v for k, v in options.items()}


def command(name: str, group: click.Group = main, **kw: Any) -> Callable:
    """Register a subcommand of `group` with the global options and the exception boundary.
    The function gets the merged global settings, then its own options; it returns the exit code."""

    def deco(f: Callable) -> Callable:
        @group.command(name, **kw)
        @global_options
        @click.pass_context
        @functools.wraps(f)
        def wrapper(ctx: click.Context, **options: Any) -> None:
            s = settings(ctx, options)
            sys.exit(run(f, s, options))

        return wrapper

    return deco


def run(f: Callable, s: dict[str, Any], options: dict[str, Any]) -> int:
    """`f(s, **options)`'s exit code; an exception becomes a message on stderr and its code."""
    try:
        return f(s, **options) or 0
    except HoagiaiError as exc:
        if s.get("debug"):
            traceback.print_exc()
        echo_error(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        echo_error("Đã dừng theo yêu cầu. Chạy lại lệnh để hoàn tất; không tệp nào bị ghi dở.")
        return 3
    except Exception as exc:  # the boundary: anything unexpected becomes exit 3
        if s.get("debug"):
            traceback.print_exc()
        echo_error(unexpected(exc))
        return 3


def unexpected(exc: Exception) -> str:
    """An exception the library did not translate, in words a clerk can act on (the
    exception's own English text only with --debug)."""
    from ..errors import os_error_text, vietnamese

    if isinstance(exc, OSError):
        return f"không đọc hoặc ghi được tệp: {os_error_text(exc)}"
    if "database is locked" in str(exc):      # sqlite3.OperationalError from another process's write
        return vietnamese("database is locked") + "."
    if isinstance(exc, MemoryError):
        return "máy không đủ bộ nhớ để chạy lệnh; hãy đóng bớt chương trình rồi chạy lại."
    return ("lỗi nội bộ không lường trước. Chạy lại với --debug để xem chi tiết kỹ thuật "
            "và gửi cho người hỗ trợ.")
