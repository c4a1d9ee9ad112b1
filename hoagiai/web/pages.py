"""The HTML pages (Vietnamese). Each renders the dict a view computes; Jinja autoescapes every value."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from . import access, chart, views
from .api import parse_day, parse_month

STATE_LABEL = {"not-built": "chưa dựng", "built": "đã dựng, đúng dữ liệu", "stale": "cần dựng lại",
               "issued": "đã ban hành", "blocked": "bị chặn (dữ liệu lỗi)",
               "issued-stale": "đã ban hành, dữ liệu đã đổi"}
_env = None


def env(request: Request):
    global _env
    if _env is None:
        import jinja2

        _env = jinja2.Environment(loader=jinja2.PackageLoader("hoagiai.web", "templates"),
                                  autoescape=True, trim_blocks=True, lstrip_blocks=True)
        _env.filters["nd"] = lambda iso: ("/".join(reversed(iso[:10].split("-"))) if iso else "")
        _env.filters["pct"] = lambda r: "—" if r is None else f"{r * 100:.0f} %".replace(".", ",")
    static = request.app.state.static
    _env.globals["static"] = lambda name: f"/static/{name}?v={static[name][1]}"
    return _env


def render(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    s = request.state.session
    ctx.setdefault("unit", None)
    ctx.update(session=s, hosted=request.app.state.settings.hosted, state_label=STATE_LABEL,
               csrf=s.csrf if s else "", path=request.url.path)
    if s is not None and (s.user is not None or not ctx["hosted"]):
        ctx.setdefault("units", [u.unit for u in access.reachable(request) if u.unit])
    ctx.setdefault("units", [])
    html = env(request).get_template(name).render(**ctx)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    try:
        return render(request, "error.html", status=status, message=message, code=status)
    except Exception:
        return HTMLResponse("Lỗi.", status_code=status)


class PickUnit(Exception):
    """A page of one unit was asked without a unit, and the user has several."""


def _unit(request: Request, write: bool = False):
    name = request.query_params.get("unit") or None
    if name is None and not access.single(request) and len(access.reachable(request)) > 1:
        raise PickUnit()
    return access.unit_ws(request, name, write=write)


def overview(request: Request) -> HTMLResponse:
    ws = _unit(request)
    month = parse_month(request.query_params.get("month"))
    from ..documents.base import Month

    data = views.overview(ws, Month.parse(month), dt.date.today())
    docs = data["overview"]["documents"]
    for d in docs:
        d["docx_rel"], d["pdf_rel"] = views.rel(ws, d["docx"]), views.rel(ws, d["pdf"])
        d["label"] = STATE_LABEL["issued-stale" if d["state"] == "stale" and d["issued"] else d["state"]]
    running = request.app.state.jobs.running(ws.unit)
    return render(request, "overview.html", unit=ws.unit, month=month, data=data, docs=docs,
                  chart=chart.bars(data["figures"]), due=data["due"][:5],
                  running=running.id if running else "")


def data_page(request: Request) -> HTMLResponse:
    ws = _unit(request)
    report = views.unit_report(views.validation(ws), ws.unit)
    files, n_kept = views.inputs_list(ws)
    month = parse_month(request.query_params.get("month"))
    from ..documents.base import Month

    docs = views.overview(ws, Month.parse(month), dt.date.today())["overview"]["documents"]
    blocked = [d for d in docs if d["state"] == "blocked"]
    for f in report.get("findings", []):   # a finding blocks the documents whose reasons are it
        place = (f.get("code"), f.get("file"), f.get("row"), f.get("column"))
        f["blocks"] = [d["id"] for d in blocked
                       if any((b["code"], b["file"], b["row"], b["column"]) == place for b in d["blocking"])]
    annotated = {k: views.rel(ws, v) for k, v in (report.get("annotated") or {}).items()}
    names = ["don_vi.yaml", "hoa_giai_vien.xlsx", "vu_viec.xlsx", "kiem_tra.xlsx",
             f"ke_hoach_{month[:4]}.yaml"]
    uploaded = request.query_params.get("da-tai")
    return render(request, "data.html", unit=ws.unit, month=month, report=report, files=files,
                  uploaded=uploaded if uploaded in {f["name"] for f in files} else None,
                  n_kept=n_kept, annotated=annotated, names=names, blocked=blocked)


def document_page(request: Request) -> HTMLResponse:
    ws = _unit(request)
    doc = views.document(ws, request.path_params["doc_id"])
    if doc is None:
        raise HTTPException(404, "Chưa có văn bản này; hãy dựng văn bản trước.")
    doc["docx_rel"], doc["pdf_rel"] = views.rel(ws, doc["docx"]), views.rel(ws, doc["pdf"])
    for v in doc["versions"]:
        v["docx_rel"], v["pdf_rel"] = views.rel(ws, v["docx"]), views.rel(ws, v["pdf"])
        v["change_rel"] = views.rel(ws, v.get("change"))
        v["change_text"] = _change_text(ws, v["change_rel"])
    return render(request, "document.html", unit=ws.unit, doc=doc, today=dt.date.today().isoformat())


def _change_text(ws, rel: str | None) -> str | None:
    """The version's change record (changed cells old → new, text diff), read from outputs/."""
    if not rel:
        return None
    from .files import safe_file

    try:
        return safe_file(ws.outputs, rel).read_text(encoding="utf-8")
    except (HTTPException, OSError, UnicodeDecodeError):
        return None


def due_page(request: Request) -> HTMLResponse:
    ws = _unit(request)
    today = parse_day(request.query_params.get("today"))
    from .. import operations

    rows = views.due_rows(views.cached("due", ws, lambda: operations.due(ws, today), today), ws.unit)
    return render(request, "due.html", unit=ws.unit, rows=rows, today=today.isoformat())


def due_ics(request: Request) -> Response:
    ws = _unit(request)
    today = parse_day(request.query_params.get("today"))
    from .. import operations

    with tempfile.TemporaryDirectory() as tmp:
        operations.due(ws, today, str(Path(tmp) / "han.ics"))
        found = sorted(Path(tmp).glob("*.ics"))
        data = found[0].read_bytes() if found else b""
    return Response(data, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="han-bao-cao.ics"'})


def units_page(request: Request) -> HTMLResponse:
    s = access.session(request)
    month = parse_month(request.query_params.get("month"))
    rows = []
    for u in access.reachable(request):
        from .. import operations

        docs = operations.status(u)["documents"]
        rows.append({"unit": u.unit, "documents": len(docs), "issued": sum(d["issued"] for d in docs)})
    rollup = None
    ws = request.app.state.settings.ws
    path = ws.outputs / f"tong-hop-{month}.xlsx"
    if s.all_units and not access.single(request) and path.exists():
        from ..rollup import HEADERS, read_rollup

        rollup = {"rows": read_rollup(path), "headers": HEADERS, "file": path.name}
    return render(request, "units.html", month=month, rows=rows, rollup=rollup,
                  province=s.all_units and not access.single(request))


def login_page(request: Request) -> HTMLResponse:
    if not request.app.state.settings.hosted:
        raise HTTPException(404, "Chế độ máy cá nhân không cần đăng nhập.")
    from .responses import set_session_cookie

    s = request.state.session
    new = None
    if s is None:
        s = new = request.app.state.sessions.new(None, "", [])
        request.state.session = s
    nxt = request.query_params.get("next", "/")
    if not nxt.startswith("/") or nxt.startswith("//"):
        nxt = "/"
    resp = render(request, "login.html", next=nxt)
    if new is not None:
        set_session_cookie(request, resp, new.id)
    return resp


def static(request: Request) -> Response:
    name = request.path_params["name"]
    item = request.app.state.static.get(name)
    if item is None:
        raise HTTPException(404, "Không có tệp này.")
    data, digest = item
    types = {"css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
             "svg": "image/svg+xml"}
    cache = ("public, max-age=31536000, immutable" if request.query_params.get("v") == digest
             else "no-cache")
    return Response(data, media_type=types.get(name.rsplit(".", 1)[-1], "application/octet-stream"),
                    headers={"Cache-Control": cache})


ROUTES = [
    Route("/", overview),
    Route("/du-lieu", data_page),
    Route("/van-ban/{doc_id}", document_page),
    Route("/han", due_page),
    Route("/han.ics", due_ics),
    Route("/don-vi", units_page),
    Route("/dang-nhap", login_page),
    Route("/static/{name}", static),
]
