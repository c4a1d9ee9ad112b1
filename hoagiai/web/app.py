"""The ASGI app: route table, the guard every request passes, static files, errors."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

from ..errors import HoagiaiError
from .audit import Audit
from .auth import ALL, Accounts, RateLimit, Sessions
from .jobs import JobManager
from .responses import COOKIE
from .settings import ServeSettings

HERE = Path(__file__).parent
STATIC = HERE / "static"
UNSAFE = {"POST", "PUT", "DELETE", "PATCH"}
PUBLIC = {("GET", "/api/session"), ("POST", "/api/login"), ("GET", "/dang-nhap")}
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "frame-src 'self'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'")


def static_files() -> dict[str, tuple[bytes, str]]:
    """name -> (bytes, content hash): every shipped static file, read once."""
    out = {}
    for p in sorted(STATIC.iterdir()):
        if p.is_file() and not p.name.startswith("."):
            data = p.read_bytes()
            out[p.name] = (data, hashlib.sha256(data).hexdigest()[:12])
    return out


class Guard(BaseHTTPMiddleware):
    """Host allowlist first, then the session, then CSRF, then hosted-mode login."""

    async def dispatch(self, request: Request, call_next):
        app = request.app
        cfg: ServeSettings = app.state.settings
        host = request.headers.get("host", "").lower()
        if host not in app.state.allowed_hosts:
            return PlainTextResponse("Tên máy chủ (Host) không được phép.", status_code=403)
        session = _session(request)
        request.state.session = session
        path, method = request.url.path, request.method
        if method in UNSAFE:
            refusal = _csrf_refusal(request, session)
            if refusal:
                app.state.audit.log(session.user if session else None, "csrf-refused", path=path)
                return JSONResponse({"error": refusal}, status_code=403)
        if cfg.hosted and (session is None or session.user is None) \
                and (method, path) not in PUBLIC and not _login_static(path):
            if method == "GET" and not path.startswith(("/api/", "/files/")):
                from urllib.parse import quote

                target = path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(f"/dang-nhap?next={quote(target, safe='')}", status_code=303)
            return JSONResponse({"error": "Cần đăng nhập."}, status_code=401)
        response = await call_next(request)
        _headers(response, path)
        return response


def _login_static(path: str) -> bool:
    return path.startswith("/static/")


def _headers(response: Response, path: str) -> None:
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if not path.startswith("/files/"):
        response.headers["Content-Security-Policy"] = CSP
        response.headers.setdefault("Cache-Control", "no-store")
    elif response.headers.get("content-type", "").startswith("application/pdf"):
        # the browser's PDF viewer refuses to run in a sandboxed document
        response.headers["Content-Security-Policy"] = "frame-ancestors 'self'"
    else:
        response.headers["Content-Security-Policy"] = "sandbox; frame-ancestors 'self'"
    response.headers["X-Frame-Options"] = "SAMEORIGIN"


def _session(request: Request):
    app = request.app
    if not app.state.settings.hosted:
        return app.state.local_session
    s = app.state.sessions.get(request.cookies.get(COOKIE))
    if s is not None and s.user is not None:
        from .auth import account_stamp

        user = app.state.accounts.get(s.user)
        if user is None or account_stamp(user) != s.stamp:   # account removed or changed
            app.state.sessions.drop(s.id)
            return None
    return s


def _csrf_refusal(request: Request, session) -> str | None:
    import secrets

    origin = request.headers.get("origin")
    if origin is not None:
        own = f"{request.url.scheme}://{request.headers.get('host', '')}".lower()
        if origin.lower() != own:
            return "Yêu cầu từ trang khác bị từ chối."
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return "Yêu cầu từ trang khác bị từ chối."
    token = request.headers.get("x-csrf-token", "")
    if session is None or not token or not secrets.compare_digest(token, session.csrf):
        return "Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token); hãy tải lại trang."
    return None


async def _error(request: Request, exc: Exception) -> Response:
    from .pages import error_page

    from .pages import PickUnit

    if isinstance(exc, PickUnit):
        return RedirectResponse("/don-vi", status_code=303)
    if isinstance(exc, HTTPException):
        status, message = exc.status_code, exc.detail
    elif isinstance(exc, HoagiaiError):
        status, message = (409 if exc.exit_code == 1 else 400 if exc.exit_code == 2 else 500), exc.message
    else:
        status, message = 500, "Lỗi nội bộ; xem nhật ký của máy chủ."
        if request.app.state.settings.debug:
            import traceback

            traceback.print_exception(exc)
    if request.url.path.startswith(("/api/", "/files/")):
        return JSONResponse({"error": message}, status_code=status)
    return error_page(request, status, message)


def create_app(cfg: ServeSettings, port: int | None = None) -> Starlette:
    from . import api, files, pages

    routes = [*api.ROUTES, *files.ROUTES, *pages.ROUTES]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        app.state.jobs.stop_all()

    app = Starlette(routes=routes, middleware=[Middleware(Guard)], lifespan=lifespan,
                    exception_handlers={HTTPException: _error, HoagiaiError: _error, Exception: _error,
                                        pages.PickUnit: _error})
    app.state.settings = cfg
    app.state.allowed_hosts = cfg.allowed_hosts(port or cfg.port)
    app.state.sessions = Sessions()
    app.state.local_session = None if cfg.hosted else app.state.sessions.new(None, "clerk", [ALL])
    app.state.ratelimit = RateLimit(cfg.login_limit, cfg.login_window)
    app.state.accounts = Accounts(cfg.users_file) if cfg.users_file is not None else None   # hosted
    app.state.audit = Audit(cfg.ws.outputs)
    app.state.static = static_files()

    def finished(job):
        app.state.audit.log(job.who, "build-end", unit=job.unit, job=job.id, state=job.state)

    app.state.jobs = JobManager(cfg.ws.outputs, on_finish=finished)
    return app
