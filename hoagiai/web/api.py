"""The JSON routes of docs/contract.md §7: each answers with the object the CLI prints for `--json`."""

from __future__ import annotations

import datetime as dt
import json

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .. import operations
from ..errors import ConfigError, RegisterError
from . import access
from .responses import JSONText, set_session_cookie
from .jobs import Busy


def session_info(request: Request) -> JSONResponse:
    app = request.app
    s = request.state.session
    new = None
    if s is None:                       # hosted, not logged in: a session carrying only a CSRF token
        s = new = app.state.sessions.new(None, "", [])
    logged_in = s.user is not None or not app.state.settings.hosted
    names = [u.unit for u in access.reachable(request) if u.unit] if logged_in else []
    body = {"user": s.user, "role": s.role or None, "units": names, "csrf": s.csrf}
    resp = JSONResponse(body)
    if new is not None:
        set_session_cookie(request, resp, new.id)
    return resp


async def login(request: Request) -> JSONResponse:
    app = request.app
    cfg = app.state.settings
    if not cfg.hosted:
        raise HTTPException(404, "Chế độ máy cá nhân không có đăng nhập.")
    body = await _json(request)
    name, password = str(body.get("username", "")), str(body.get("password", ""))
    client = request.client.host if request.client else "?"
    keys = (f"user:{name}", f"ip:{client}")
    if app.state.ratelimit.blocked(*keys):
        app.state.audit.log(name, "login-limited", client=client)
        return JSONResponse({"error": "Đăng nhập sai quá nhiều lần; hãy đợi vài phút rồi thử lại."},
                            status_code=429)
    from .auth import account_stamp, check_password

    user = app.state.accounts.get(name)
    ok = await run_in_threadpool(check_password, password, user["hash"] if user else _DUMMY)
    if not (user and ok):
        app.state.ratelimit.fail(*keys)
        app.state.audit.log(name, "login-failed", client=client)
        return JSONResponse({"error": "Sai tên đăng nhập hoặc mật khẩu."}, status_code=401)
    app.state.ratelimit.clear(f"user:{name}")
    old = request.cookies.get("hoagiai_phien")
    if old:
        app.state.sessions.drop(old)
    s = app.state.sessions.new(name, user["role"], list(user["units"]), account_stamp(user))
    app.state.audit.log(name, "login", client=client)
    resp = JSONResponse({"user": name, "role": s.role, "csrf": s.csrf})
    set_session_cookie(request, resp, s.id)
    return resp


_DUMMY = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


async def logout(request: Request) -> JSONResponse:
    s = request.state.session
    if request.app.state.settings.hosted and s is not None:
        request.app.state.sessions.drop(s.id)
        request.app.state.audit.log(s.user, "logout")
    resp = JSONResponse({"user": None})
    resp.delete_cookie("hoagiai_phien", path="/")
    return resp


def status(request: Request) -> JSONText:
    ws = access.unit_ws(request, request.query_params.get("unit"), whole=True)
    return JSONText(operations.status(ws))


def validate(request: Request) -> JSONText:
    ws = access.unit_ws(request, request.query_params.get("unit"), whole=True)
    return JSONText(operations.validate(ws))


def due(request: Request) -> JSONText:
    ws = access.unit_ws(request, request.query_params.get("unit"), whole=True)
    return JSONText(operations.due(ws, parse_day(request.query_params.get("today"))))


def parse_day(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"Ngày `{value}` không hợp lệ; dùng dạng YYYY-MM-DD.") from None


def parse_month(value: str | None) -> str:
    from ..documents.base import Month

    try:
        return str(Month.parse(value) if value else Month.of(dt.date.today()))
    except ConfigError as exc:
        raise HTTPException(400, exc.message) from None


async def build(request: Request) -> JSONResponse:
    body = await _json(request)
    ws = access.unit_ws(request, body.get("unit") or request.query_params.get("unit"),
                        write=True, whole=True)
    from ..documents import kinds

    docs = body.get("docs") or []
    if not isinstance(docs, list) or any(d not in kinds() for d in docs):
        raise HTTPException(400, f"Loại văn bản không có. Các loại: {', '.join(kinds())}.")
    spec = {"ws": {"inputs": str(ws.inputs), "outputs": str(ws.outputs), "rules": str(ws.rules),
                   "templates": str(ws.templates), "unit": ws.unit},
            "month": parse_month(body.get("month")), "pdf": bool(body.get("pdf", True)), "docs": docs}
    who = request.state.session.user
    try:
        job, joined = request.app.state.jobs.start(ws.unit, spec, who)
    except RuntimeError:
        raise HTTPException(503, "Máy chủ đang tắt.") from None
    except Busy as exc:
        raise HTTPException(409, f"Đơn vị {exc} đang dựng văn bản; hãy đợi xong rồi dựng cho mọi đơn vị.") from None
    if not joined:
        request.app.state.audit.log(who, "build", unit=ws.unit, month=spec["month"], job=job.id)
    return JSONResponse({"job": job.id, "joined": joined}, status_code=202)


def job(request: Request) -> JSONText:
    j = request.app.state.jobs.get(request.path_params["job_id"])
    s = access.session(request)
    if j is None or not (s.all_units or s.can_reach(j.unit)):
        raise HTTPException(404, "Không có bản dựng này.")
    return JSONText(j.to_dict())


async def issue(request: Request) -> JSONText:
    body = await _json(request)
    ws = access.unit_ws(request, body.get("unit"), write=True)
    try:
        number = int(body.get("number", ""))
    except (TypeError, ValueError):
        raise HTTPException(400, "Số văn bản phải là số nguyên dương.") from None
    day = parse_day(str(body.get("date") or "")) if body.get("date") else None
    if day is None:
        raise HTTPException(400, "Thiếu ngày ban hành (YYYY-MM-DD).")
    if request.app.state.jobs.running(ws.unit):
        raise HTTPException(409, "Đơn vị đang dựng văn bản; hãy đợi bản dựng xong rồi ban hành.")
    who = request.state.session.user
    try:
        obj = await run_in_threadpool(operations.issue, ws, str(body.get("doc_id", "")), number, day,
                                      pdf=bool(body.get("pdf", True)))
    except RegisterError as exc:
        request.app.state.audit.log(who, "issue-refused", unit=ws.unit, doc=body.get("doc_id"))
        return JSONText({"error": exc.message}, status_code=409)
    request.app.state.audit.log(who, "issue", unit=ws.unit, doc=obj["id"], number=number,
                                date=day.isoformat())
    return JSONText(obj)


async def _json(request: Request) -> dict:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        raise HTTPException(400, "Nội dung yêu cầu không phải JSON hợp lệ.") from None
    if not isinstance(body, dict):
        raise HTTPException(400, "Nội dung yêu cầu phải là một đối tượng JSON.")
    return body


ROUTES = [
    Route("/api/session", session_info),
    Route("/api/login", login, methods=["POST"]),
    Route("/api/logout", logout, methods=["POST"]),
    Route("/api/status", status),
    Route("/api/validate", validate),
    Route("/api/due", due),
    Route("/api/build", build, methods=["POST"]),
    Route("/api/jobs/{job_id}", job),
    Route("/api/issue", issue, methods=["POST"]),
]
