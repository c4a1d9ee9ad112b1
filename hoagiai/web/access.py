"""Who may reach which unit: one check used by every route (401/403/404)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request

from ..workspace import Workspace


def session(request: Request):
    s = request.state.session
    if s is None or (request.app.state.settings.hosted and s.user is None):
        raise HTTPException(401, "Cần đăng nhập.")
    return s


def units(request: Request) -> list[Workspace]:
    """The workspace's units ([ws] for a single-unit workspace), read once per request."""
    cached = getattr(request.state, "units", None)
    if cached is None:
        cached = request.state.units = request.app.state.settings.ws.units()
    return cached


def single(request: Request) -> bool:
    us = units(request)
    return len(us) == 1 and us[0].unit is None


def reachable(request: Request) -> list[Workspace]:
    s = session(request)
    us = units(request)
    if single(request):
        return us if s.all_units else []
    return [u for u in us if s.can_reach(u.unit)]


def unit_ws(request: Request, name: str | None, *, write: bool = False,
            whole: bool = False) -> Workspace:
    """The workspace a request works on. `name` selects a unit; without it a single-unit
    workspace is itself, and a multi-unit one is the whole workspace when `whole` is allowed
    (the province) or the user's only unit."""
    s = session(request)
    if write and s.role != "clerk":
        request.app.state.audit.log(s.user, "refused", path=request.url.path, reason="viewer")
        raise HTTPException(403, "Tài khoản chỉ được xem, không được thay đổi.")
    ws = request.app.state.settings.ws
    if single(request):
        if not s.all_units:
            raise HTTPException(403, "Tài khoản không được truy cập đơn vị này.")
        return ws
    if not name:
        if whole and s.all_units:
            return ws
        mine = [u for u in units(request) if s.can_reach(u.unit)]
        if len(mine) == 1:
            return mine[0]
        raise HTTPException(400, "Hãy chọn đơn vị (tham số unit).")
    found = next((u for u in units(request) if u.unit == name), None)
    if not s.can_reach(name):
        request.app.state.audit.log(s.user, "refused", path=request.url.path, unit=name)
        raise HTTPException(403, "Tài khoản không được truy cập đơn vị này.")
    if found is None:
        raise HTTPException(404, f"Không có đơn vị `{name}`.")
    return found
