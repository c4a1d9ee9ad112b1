"""Click in Vietnamese: its own messages rewritten, Vietnamese help headings, and the group that
turns Click's usage errors into `Lỗi: …` with exit 2 (docs/contract.md §1).

Click has no Vietnamese catalogue: its English messages are matched and rewritten here, so a
new Click wording shows up in tests/test_cli_messages.py rather than in English on screen.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

import click

from ..oscompat import utf8_console

CLICK_VI = [  # Click's own messages, in Vietnamese
    (r"No such option: (.*)", r"Không có tùy chọn \1."),
    (r"No such option '([^']*)'\.?(?: \(Did you mean (?:one of: )?(.*)\?\))?",
     r"Không có tùy chọn \1. Gần giống: \2"),
    (r"No such command '(.*)'\.?", r"Không có lệnh `\1`."),
    (r"Missing option '(.*)'\.?", r"Thiếu tùy chọn \1."),
    (r"Missing argument '(.*)'\.?", r"Thiếu đối số \1."),
    (r"Option '(.*)' requires an argument\.?", r"Tùy chọn \1 cần một giá trị."),
    (r"Option '(.*)' does not take a value\.?", r"Tùy chọn \1 không nhận giá trị."),
    (r"Got unexpected extra arguments? \((.*)\)", r"Thừa đối số: \1."),
    (r"Invalid value for '(.*?)': (.*)", r"Giá trị không hợp lệ cho \1: \2"),
    (r"Missing command\.?", r"Thiếu tên lệnh (xem --help)."),
]

CLICK_VALUE_VI = [  # what Click's parameter types say about a rejected value
    (r"'(.*?)' is not a valid integer range\.", r"“\1” không phải là số nguyên hợp lệ."),
    (r"'(.*?)' is not a valid integer\.", r"“\1” không phải là số nguyên."),
    (r"'(.*?)' is not a valid float\.", r"“\1” không phải là số."),
    (r"(.*?) is not in the range (.*?)\.", r"\1 nằm ngoài khoảng cho phép (\2)."),
    (r"'(.*?)' is not one of (.*?)\.", r"“\1” phải là một trong: \2."),
    (r"'(.*?)' is not a valid choice\.", r"“\1” không phải là lựa chọn hợp lệ."),
    (r"Directory '(.*?)' is a file\.", r"`\1` là một tệp, không phải thư mục."),
    (r"File '(.*?)' is a directory\.", r"`\1` là một thư mục, không phải tệp."),
    (r"(?:File|Directory|Path) '(.*?)' does not exist\.", r"Không tìm thấy `\1`."),
]


def vi(message: str) -> str:
    """One of Click's English messages, in Vietnamese (unknown messages pass unchanged)."""
    for pattern, repl in CLICK_VI:
        if re.fullmatch(pattern, message, flags=re.S):
            message = re.sub(pattern, repl, message, flags=re.S).removesuffix(" Gần giống: ")
            break
    for pattern, repl in CLICK_VALUE_VI:
        message = re.sub(pattern, repl, message, flags=re.S)
    return message


def echo_error(message: str) -> None:
    """`Lỗi: …` on stderr, the library's message made fully Vietnamese."""
    from ..errors import vietnamese

    click.echo(f"Lỗi: {vietnamese(message)}", err=True)


if TYPE_CHECKING:
    _Base = click.Group       # what the mixin is mixed into, for the type checker
else:
    _Base = object


class VNHelp(_Base):
    """Vietnamese headings and help-option text for Click's help pages."""

    def get_help_option(self, ctx: click.Context):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = "Hiện hướng dẫn này rồi thoát."
        return opt

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix="Cách dùng: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        opts = [rv for p in self.get_params(ctx)
                if (rv := p.get_help_record(ctx)) is not None]
        if opts:
            with formatter.section("Tùy chọn"):
                formatter.write_dl(opts)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Lệnh"):
                formatter.write_dl(rows)


class VNCommand(VNHelp, click.Command):
    pass


class VNGroup(VNHelp, click.Group):
    """A command group whose usage errors are Vietnamese and exit 2; Ctrl+C exits 3."""

    command_class = VNCommand

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        utf8_console()   # Vietnamese output on a Windows console or pipe too
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            echo_error("Đã dừng theo yêu cầu.")
            sys.exit(3)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.format_message(), err=True)
            sys.exit(2)
        except click.ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            if ctx is not None:
                click.echo(ctx.get_usage().replace("Usage: ", "Cách dùng: "), err=True)
            echo_error(vi(exc.format_message()))
            sys.exit(2)
