"""Run the app: bind (port 0 allowed), print the URL on stderr, stop cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
from collections.abc import Iterator

from ..errors import ConfigError
from .settings import ServeSettings


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise ConfigError(f"Không mở được cổng {port} trên {host} ({exc.strerror}); cổng đang bận? "
                          f"Dùng --port để chọn cổng khác.") from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def run(cfg: ServeSettings, open_browser: bool = True) -> int:
    import uvicorn

    from .app import create_app

    sock = _bind(cfg.host, cfg.port)
    port = sock.getsockname()[1]
    app = create_app(cfg, port)

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:   # keep our handlers for the whole run
            yield

    server = Server(uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=5))

    def stop(signum, frame):   # our own handlers: uvicorn would re-raise SIGTERM (exit 143)
        server.should_exit = True

    for sig in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
        if sig is not None:
            signal.signal(sig, stop)
    shown = f"[{cfg.host}]" if ":" in cfg.host else cfg.host
    url = f"http://{shown}:{port}/"
    mode = "có tài khoản" if cfg.hosted else "máy cá nhân, không cần đăng nhập"
    print(f"hoagiai đang chạy ({mode}): {url}\nBấm Ctrl+C để dừng.", file=sys.stderr, flush=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    server.run(sockets=[sock])
    print("Đã dừng máy chủ.", file=sys.stderr)
    return 0

