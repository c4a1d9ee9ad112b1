"""The web app's own commands as library calls: `serve` (run it) and `user add` (its accounts).

They live here, not in hoagiai.operations, because the web app is built on operations; the
command line calls them as it calls operations. Nothing here prints or exits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import ConfigError, EnvironmentFailure
from ..workspace import Workspace


def serve(ws: Workspace, *, host: str, port: int, users_file: str | None, allow_hosts: tuple[str, ...] = (),
          secure_cookies: bool = False, debug: bool = False, open_browser: bool = True) -> int:
    """`serve`: run the web app until stopped; another machine may reach it only with accounts."""
    from .settings import ServeSettings, is_loopback

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
        raise EnvironmentFailure("Thiếu thư viện cho ứng dụng web (starlette, uvicorn); chạy "
                                 "`pip install 'hoagiai[web]'` hoặc `bash scripts/setup.sh`.") from exc
    from .server import run

    cfg = ServeSettings(ws=ws, host=host, port=port, users_file=Path(users_file) if users_file else None,
                        allow_hosts=tuple(h.lower() for h in allow_hosts), secure_cookies=secure_cookies,
                        debug=debug)
    return run(cfg, open_browser=open_browser)


def add_user(ws: Workspace, name: str, *, role: str, unit: str | None, all_units: bool,
             users_file: str | None, password: Callable[[], str]) -> Path:
    """`user add`: save an account of the web app (one unit, or all); the password is asked
    for (`password()`) only once the options are known to be right. Returns the accounts file."""
    from .auth import ALL, add_user as save

    if bool(unit) == all_units:
        raise ConfigError("Dùng đúng một trong --unit ĐƠN_VỊ hoặc --all.")
    path = Path(users_file) if users_file else ws.outputs / ".hoagiai" / "users"
    save(path, name, password(), role, [unit] if unit else [ALL])
    return path
