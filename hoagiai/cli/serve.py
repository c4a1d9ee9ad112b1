"""`serve` (the web app) and `user add` (its accounts)."""

from __future__ import annotations

import sys
from typing import Any

import click

from .app import command, main
from .options import workspace
from .vn_click import VNGroup


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
    from ..web.launch import serve

    return serve(workspace(s), host=host, port=port, users_file=users_file, allow_hosts=allow_hosts,
                 secure_cookies=secure_cookies, debug=bool(s.get("debug")), open_browser=not no_browser)


@main.group("user", cls=VNGroup)
def user_group() -> None:
    """Tài khoản của ứng dụng web (chế độ có đăng nhập)."""


@command("add", group=user_group)
@click.argument("name")
@click.option("--unit", default=None, help="Đơn vị (thư mục) tài khoản được làm việc.")
@click.option("--all", "all_units", is_flag=True, help="Mọi đơn vị (cấp tỉnh).")
@click.option("--role", type=click.Choice(["clerk", "viewer"]), required=True,
              help="clerk: làm việc; viewer: chỉ xem.")
@click.option("--users", "users_file", type=click.Path(dir_okay=False), default=None,
              help="Tệp tài khoản (mặc định outputs/.hoagiai/users).")
def user_add_cmd(s: dict[str, Any], name: str, unit: str | None, all_units: bool, role: str,
                 users_file: str | None) -> int:
    """Thêm hoặc đổi tài khoản; mật khẩu đọc từ stdin."""
    from ..web.launch import add_user
    from .views.lines import print_user_saved

    path = add_user(workspace(s), name, role=role, unit=unit, all_units=all_units, users_file=users_file,
                    password=lambda: sys.stdin.readline().rstrip("\r\n"))
    print_user_saved(name, path)
    return 0
