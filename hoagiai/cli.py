"""Command line (docs/contract.md §1). Parses options, calls the library, turns its exceptions into
Vietnamese messages and exit codes — nothing else. Heavy libraries are imported inside the
commands so `--help` stays instant.

Exit codes: 0 done (warnings allowed) · 1 data problems · 2 usage or configuration error ·
3 environment or internal failure. No traceback unless --debug.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
import traceback
from typing import Any, Callable

import click

from .errors import ConfigError, HoagiaiError
from .oscompat import utf8_console

GLOBAL_KEYS = ("inputs", "outputs", "rules", "templates", "debug")

_CLICK_VI = [  # Click's own messages, in Vietnamese (it has no Vietnamese catalogue)
    (r"No such option: (.*)", r"Không có tùy chọn \1."),
    (r"No such option '([^']*)'\.?(?: \(Did you mean (?:one of: )?(.*)\?\))?",
     r"Không có tùy chọn \1. Gần giống: \2"),
    (r"No such command '(.*)'\.?", r"Không có lệnh `\1`."),
    (r"Missing option '(.*)'\.?", r"Thiếu tùy chọn \1."),
    (r"Missing argument '(.*)'\.?", r"Thiếu đối số \1."),
    (r"Option '(.*)' requires an argument\.?", r"Tùy chọn \1 cần một giá trị."),
    (r"Got unexpected extra arguments? \((.*)\)", r"Thừa đối số: \1."),
    (r"Invalid value for '(.*?)': (.*)", r"Giá trị không hợp lệ cho \1: \2"),
    (r"Missing command\.?", r"Thiếu tên lệnh (xem --help)."),
]


_CLICK_VALUE_VI = [  # what Click's parameter types say about a rejected value
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


def _vi(message: str) -> str:
    import re

    for pattern, repl in _CLICK_VI:
        if re.fullmatch(pattern, message, flags=re.S):
            message = re.sub(pattern, repl, message, flags=re.S).removesuffix(" Gần giống: ")
            break
    for pattern, repl in _CLICK_VALUE_VI:
        message = re.sub(pattern, repl, message, flags=re.S)
    return message


class _VNHelp:
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
        opts = [rv for p in self.get_params(ctx) if (rv := p.get_help_record(ctx)) is not None]
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


class VNCommand(_VNHelp, click.Command):
    pass


class VNGroup(_VNHelp, click.Group):
    command_class = VNCommand

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        utf8_console()   # Vietnamese output on a Windows console or pipe too
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            _err("Đã dừng theo yêu cầu.")
            sys.exit(3)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.format_message(), err=True)
            sys.exit(2)
        except click.ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            if ctx is not None:
                click.echo(ctx.get_usage().replace("Usage: ", "Cách dùng: "), err=True)
            _err(_vi(exc.format_message()))
            sys.exit(2)


def _global_options(f: Callable) -> Callable:
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


def _settings(ctx: click.Context, local: dict[str, Any]) -> dict[str, Any]:
    merged = dict(ctx.obj or {})
    for k in GLOBAL_KEYS:
        if local.get(k) is not None:
            merged[k] = local[k]
    return merged


def _workspace(s: dict[str, Any]):
    from .workspace import Workspace

    return Workspace.make(s.get("inputs"), s.get("outputs"), s.get("rules"), s.get("templates"))


def _err(message: str) -> None:
    from .errors import vietnamese

    click.echo(f"Lỗi: {vietnamese(message)}", err=True)


def command(name: str, **kw):
    """Register a subcommand with the global options and exception translation."""

    def deco(f: Callable) -> Callable:
        @main.command(name, **kw)
        @_global_options
        @click.pass_context
        @functools.wraps(f)
        def wrapper(ctx: click.Context, **options: Any) -> None:
            settings = _settings(ctx, {k: options.pop(k, None) for k in GLOBAL_KEYS})
            try:
                code = f(settings, **options)
            except HoagiaiError as exc:
                if settings.get("debug"):
                    traceback.print_exc()
                _err(exc.message)
                sys.exit(exc.exit_code)
            except KeyboardInterrupt:
                _err("Đã dừng theo yêu cầu. Chạy lại lệnh để hoàn tất; không tệp nào bị ghi dở.")
                sys.exit(3)
            except Exception as exc:  # the boundary: anything unexpected becomes exit 3
                if settings.get("debug"):
                    traceback.print_exc()
                _err(_unexpected(exc))
                sys.exit(3)
            sys.exit(code or 0)

        return wrapper

    return deco


def _unexpected(exc: Exception) -> str:
    """An exception the library did not translate, in words a clerk can act on (the
    exception's own English text only with --debug)."""
    from .errors import os_error_text, vietnamese

    if isinstance(exc, OSError):
        return f"không đọc hoặc ghi được tệp: {os_error_text(exc)}"
    if "database is locked" in str(exc):      # sqlite3.OperationalError from another process's write
        return vietnamese("database is locked") + "."
    if isinstance(exc, MemoryError):
        return "máy không đủ bộ nhớ để chạy lệnh; hãy đóng bớt chương trình rồi chạy lại."
    return ("lỗi nội bộ không lường trước. Chạy lại với --debug để xem chi tiết kỹ thuật "
            "và gửi cho người hỗ trợ.")


def _locked(ws, command: str):
    """The workspace's lock (one writer at a time in outputs/; see hoagiai.lock)."""
    from .lock import workspace_lock

    return workspace_lock(ws.outputs, command)


@click.group(cls=VNGroup, context_settings={"help_option_names": ["-h", "--help"],
                                            "max_content_width": 100})
@_global_options
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


def _emit_json(obj: dict[str, Any]) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _month(value: str | None):
    from .documents.base import Month

    return Month.parse(value) if value else Month.of(dt.date.today())


def _date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"{option} `{value}` không hợp lệ; dùng dạng YYYY-MM-DD.") from exc


# ---------------------------------------------------------------------------------------
@command("validate")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (một đối tượng) ra stdout.")
def validate_cmd(s: dict[str, Any], as_json: bool) -> int:
    """Kiểm tra mọi tệp đầu vào theo các tệp quy tắc; ghi bản đánh dấu lỗi vào outputs/."""
    from .operations import validate_json, validate_units

    results = validate_units(_workspace(s))
    valid = all(r.valid for _, r in results)
    if as_json:
        _emit_json(validate_json(results))
    else:
        from .console import heading, make_console
        from .validate.view import print_report

        console = make_console()
        for unit, report in results:
            if unit.unit:
                heading(console, unit.unit)
            print_report(report, console)
    return 0 if valid else 1


@command("build")
@click.option("--month", metavar="YYYY-MM", help="Tháng dựng văn bản (mặc định: tháng hiện tại).")
@click.option("--doc", "docs", multiple=True, metavar="KIND",
              help="Chỉ dựng loại văn bản này (lặp lại được), ví dụ --doc qd-kien-toan.")
@click.option("--no-pdf", is_flag=True, help="Chỉ dựng DOCX, không chuyển sang PDF.")
@click.option("--pdfa", is_flag=True, help="PDF theo chuẩn lưu trữ PDF/A-2b.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Số tiến trình chạy song song (mặc định: số nhân CPU).")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON ra stdout.")
def build_cmd(s: dict[str, Any], month: str | None, docs: tuple[str, ...], no_pdf: bool,
              pdfa: bool, jobs: int | None, as_json: bool) -> int:
    """Đưa mọi văn bản về đúng dữ liệu tính đến tháng đã chọn."""
    from .engine import BuildOptions
    from .documents import kinds
    from .engine.multi import build_all
    from .progress import Progress, print_summary

    unknown = [d for d in docs if d not in kinds()]
    if unknown:
        raise ConfigError(f"Loại văn bản không có: {', '.join(unknown)}. Các loại: {', '.join(kinds())}.")
    opts = BuildOptions(month=_month(month), kinds=frozenset(docs), pdf=not no_pdf, pdfa=pdfa, jobs=jobs)
    ws = _workspace(s)
    with _locked(ws, "build"), Progress(enabled=not as_json or sys.stderr.isatty()) as progress:
        results = build_all(ws, opts, progress.event)
    if as_json:
        from .operations import build_json

        _emit_json(build_json(ws, results))
    else:
        print_summary(results)
    return max((r.exit_code for r in results), default=0)


@command("status")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON ra stdout.")
def status_cmd(s: dict[str, Any], as_json: bool) -> int:
    """Mọi văn bản đã biết: loại, phiên bản, trạng thái, đường dẫn."""
    from .operations import status
    from .engine.document_status import print_status

    obj = status(_workspace(s))
    if as_json:
        _emit_json(obj)
    else:
        print_status(obj["documents"])
    return 0


@command("issue")
@click.argument("doc_id")
@click.option("--number", type=int, required=True, help="Số văn bản được cấp (ví dụ 5 → Số: 05/…).")
@click.option("--date", "date_", required=True, metavar="YYYY-MM-DD", help="Ngày ban hành.")
@click.option("--no-pdf", is_flag=True, help="Không chuyển bản ban hành sang PDF.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON ra stdout.")
def issue_cmd(s: dict[str, Any], doc_id: str, number: int, date_: str, no_pdf: bool, as_json: bool) -> int:
    """Ghi văn bản đã ban hành vào sổ và dựng bản chính thức (có số và ngày)."""
    from .engine import issue

    ws = _workspace(s)
    with _locked(ws, "issue"):
        res = issue(ws, doc_id, number, _date(date_, "--date"), pdf=not no_pdf)
    if as_json:
        _emit_json(res.to_dict())
    else:
        click.echo(f"Đã ban hành {res.id}: số {res.number:02d}, ngày {res.date}.")
        click.echo(f"  DOCX: {res.docx}")
        if res.pdf:
            click.echo(f"  PDF:  {res.pdf}")
        for n in res.notes:
            click.echo(f"  Lưu ý: {n}", err=True)
    return 0


@command("register")
@click.option("--year", type=click.IntRange(1900, 9999), default=None, metavar="YYYY",
              help="Năm của sổ (mặc định: năm nay).")
@click.option("--xlsx", "xlsx_file", type=click.Path(dir_okay=False), default=None,
              help="Ghi sổ ra tệp Excel (bìa và mười cột theo Phụ lục IV Nghị định 30/2020).")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON ra stdout.")
def register_cmd(s: dict[str, Any], year: int | None, xlsx_file: str | None, as_json: bool) -> int:
    """Sổ đăng ký văn bản đi (Nghị định 30/2020, Phụ lục IV)."""
    from pathlib import Path

    from .register import default_year, print_register, register, write_xlsx

    ws = _workspace(s)
    ws.check()
    year = year or default_year()
    books = [register(u, year) for u in ws.units()]
    if xlsx_file:
        write_xlsx(Path(xlsx_file), books)
    if as_json:
        _emit_json(books[0] if len(books) == 1 and not books[0].get("unit")
                   else {"year": year, "units": books})
    else:
        print_register(books)
        if xlsx_file:
            click.echo(f"Đã ghi sổ đăng ký: {xlsx_file}", err=True)
    return 0


@command("init")
@click.argument("directory", type=click.Path(file_okay=False))
def init_cmd(s: dict[str, Any], directory: str) -> int:
    """Tạo không gian làm việc mới: bảng tính trống có tiêu đề và danh sách chọn, hồ sơ đơn vị."""
    from pathlib import Path

    from .init_workspace import init_workspace

    ws = _workspace(s)
    made = init_workspace(Path(directory), ws.rules)
    for p in made:
        click.echo(f"Đã tạo {p}")
    click.echo("Hãy điền don_vi.yaml, kế hoạch năm (ke_hoach_*.yaml, các chỗ “[Cần điền: …]”) và các bảng tính, "
               "rồi chạy `validate`.")
    return 0


@command("check-templates")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON ra stdout.")
def check_templates_cmd(s: dict[str, Any], files: tuple[str, ...], as_json: bool) -> int:
    """Kiểm tra các mẫu văn bản: biến, thẻ, bộ lọc, thẻ bị tách, thể thức Nghị định 30."""
    from pathlib import Path

    from .template_check import check_templates, print_problems

    ws = _workspace(s)
    problems = check_templates(ws.templates, [Path(f) for f in files] or None,
                               inputs_dir=ws.inputs, rules_dir=ws.rules)
    if as_json:
        _emit_json({"valid": not problems, "problems": [p.to_dict() for p in problems]})
    else:
        print_problems(problems)
    return 1 if problems else 0


@command("due")
@click.option("--today", metavar="YYYY-MM-DD", help="Ngày tính hạn (mặc định: hôm nay).")
@click.option("--ics", "ics_file", type=click.Path(dir_okay=False), default=None,
              help="Ghi các hạn ra tệp lịch iCalendar (.ics).")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON ra stdout.")
def due_cmd(s: dict[str, Any], today: str | None, ics_file: str | None, as_json: bool) -> int:
    """Hạn báo cáo, quyết định chi thù lao và trạng thái từng văn bản."""
    from .due import collect, print_due, results_json

    day = _date(today, "--today") if today else dt.date.today()
    results = collect(_workspace(s), day, ics_file)
    if as_json:
        _emit_json(results_json(results, day))
    else:
        from .console import heading, make_console

        console = make_console()
        for unit, rows in results:
            if unit.unit:
                heading(console, unit.unit)
            print_due(rows, console)
        if ics_file:
            console.print(f"Đã ghi lịch: {ics_file}")
    return 0


@command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Địa chỉ lắng nghe.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Cổng (0: chọn cổng trống).")
@click.option("--users", "users_file", type=click.Path(dir_okay=False), default=None,
              help="Tệp tài khoản (chế độ có đăng nhập); bắt buộc khi --host không phải máy này.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Tên máy chủ được chấp nhận thêm trong tiêu đề Host (lặp lại được).")
@click.option("--secure-cookies", is_flag=True, help="Cookie chỉ gửi qua HTTPS (khi chạy sau proxy HTTPS).")
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")
def serve_cmd(s: dict[str, Any], host: str, port: int, users_file: str | None,
              allow_hosts: tuple[str, ...], secure_cookies: bool, no_browser: bool) -> int:
    """Mở ứng dụng web: công việc hằng tháng của cán bộ tư pháp trên trình duyệt."""
    from pathlib import Path

    from .web.settings import ServeSettings, is_loopback

    ws = _workspace(s)
    ws.check()
    if not is_loopback(host) and not users_file:
        raise ConfigError(f"--host {host} cho máy khác truy cập: cần tệp tài khoản (--users). "
                          f"Tạo tài khoản bằng `user add`.")
    if users_file and not Path(users_file).is_file():
        raise ConfigError(f"Không tìm thấy tệp tài khoản `{users_file}`; tạo bằng `user add`.")
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        from .errors import EnvironmentFailure

        raise EnvironmentFailure("Thiếu thư viện cho ứng dụng web (starlette, uvicorn); chạy "
                                 "`pip install 'hoagiai[web]'` hoặc `bash scripts/setup.sh`.") from exc
    from .web.server import run

    cfg = ServeSettings(ws=ws, host=host, port=port, users_file=Path(users_file) if users_file else None,
                        allow_hosts=tuple(h.lower() for h in allow_hosts), secure_cookies=secure_cookies,
                        debug=bool(s.get("debug")))
    return run(cfg, open_browser=not no_browser)


@main.group("user", cls=VNGroup)
def user_group() -> None:
    """Tài khoản của ứng dụng web (chế độ có đăng nhập)."""


def _user_add(s: dict[str, Any], name: str, unit: str | None, all_units: bool, role: str,
              users_file: str | None) -> int:
    from pathlib import Path

    from .web.auth import ALL, add_user

    if bool(unit) == all_units:
        raise ConfigError("Dùng đúng một trong --unit ĐƠN_VỊ hoặc --all.")
    ws = _workspace(s)
    path = Path(users_file) if users_file else ws.outputs / ".hoagiai" / "users"
    password = sys.stdin.readline().rstrip("\r\n")
    add_user(path, name, password, role, [ALL] if all_units else [unit])
    click.echo(f"Đã lưu tài khoản {name} vào {path}.", err=True)
    return 0


def _register_user_add() -> None:
    @user_group.command("add")
    @_global_options
    @click.argument("name")
    @click.option("--unit", default=None, help="Đơn vị (thư mục) tài khoản được làm việc.")
    @click.option("--all", "all_units", is_flag=True, help="Mọi đơn vị (cấp tỉnh).")
    @click.option("--role", type=click.Choice(["clerk", "viewer"]), required=True,
                  help="clerk: làm việc; viewer: chỉ xem.")
    @click.option("--users", "users_file", type=click.Path(dir_okay=False), default=None,
                  help="Tệp tài khoản (mặc định outputs/.hoagiai/users).")
    @click.pass_context
    def user_add_cmd(ctx: click.Context, **options: Any) -> None:
        """Thêm hoặc đổi tài khoản; mật khẩu đọc từ stdin."""
        settings = _settings(ctx, {k: options.pop(k, None) for k in GLOBAL_KEYS})
        try:
            sys.exit(_user_add(settings, **options))
        except HoagiaiError as exc:
            _err(exc.message)
            sys.exit(exc.exit_code)


_register_user_add()
