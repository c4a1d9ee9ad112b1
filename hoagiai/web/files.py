"""`GET /files/<path>` (a unit's outputs, nothing else) and `PUT /api/inputs/<name>`."""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from io import BytesIO
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

from . import access
from .responses import JSONText

BACKUP_DIR = ".ban-cu"      # inside inputs/: a dot folder the loader never reads
WORKBOOKS = ("hoa_giai_vien", "vu_viec", "kiem_tra")
INPUT_NAME = re.compile(r"^(?:don_vi\.yaml|ke_hoach_\d{4}\.yaml|(?:%s)\.(?:xlsx|xlsm|xls|ods|csv))$"
                        % "|".join(WORKBOOKS))
INLINE = {".pdf": "application/pdf"}
TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".ics": "text/calendar", ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8",
         ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12", ".ods":
         "application/vnd.oasis.opendocument.spreadsheet", ".xls": "application/vnd.ms-excel"}


def safe_file(base: Path, rel: str) -> Path:
    """`base/rel` when it is a regular file inside `base` with no part starting with a dot,
    no absolute or backslash path and no symlink on the way; 404 otherwise."""
    parts = rel.split("/")
    if (not rel or rel.startswith("/") or "\\" in rel or "\x00" in rel or ":" in parts[0]
            or any(not p or p.startswith(".") for p in parts)):
        raise HTTPException(404, "Không có tệp này.")
    path = base
    for p in parts:
        path = path / p
        if path.is_symlink():
            raise HTTPException(404, "Không có tệp này.")
    try:
        real, root = path.resolve(strict=True), base.resolve(strict=True)
    except (OSError, RuntimeError):
        raise HTTPException(404, "Không có tệp này.") from None
    if root not in real.parents or not real.is_file():
        raise HTTPException(404, "Không có tệp này.")
    return real


def serve_file(request: Request) -> FileResponse:
    rel = request.path_params["path"]
    unit = request.query_params.get("unit")
    first, _, rest = rel.partition("/")
    if not unit and not access.single(request) and first in {u.unit for u in access.units(request)}:
        path = safe_file(access.unit_ws(request, first).outputs, rest)   # outputs/<unit>/…
    else:
        path = safe_file(access.unit_ws(request, unit, whole=True).outputs, rel)
    suffix = path.suffix.lower()
    if suffix in INLINE:
        return FileResponse(path, media_type=INLINE[suffix], content_disposition_type="inline",
                            filename=path.name)
    if suffix not in TYPES:
        raise HTTPException(404, "Không có tệp này.")
    return FileResponse(path, media_type=TYPES[suffix], filename=path.name)


def content_ok(name: str, data: bytes) -> bool:
    """The content is what the name says (magic bytes, parse), not just the extension."""
    suffix = name.rsplit(".", 1)[-1].lower()
    if suffix in ("xlsx", "xlsm", "ods"):
        if not data.startswith(b"PK\x03\x04"):
            return False
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return False
        return ("[Content_Types].xml" in names) if suffix != "ods" else ("mimetype" in names)
    if suffix == "xls":
        return data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if suffix != "csv":
            return False
        text = data.decode("cp1258", errors="strict")
    if suffix == "yaml":
        import yaml

        try:
            return isinstance(yaml.safe_load(text), dict)
        except yaml.YAMLError:
            return False
    return True


async def read_limited(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise HTTPException(413, f"Tệp quá lớn (tối đa {limit // (1024 * 1024)} MB).")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"Tệp quá lớn (tối đa {limit // (1024 * 1024)} MB).")
        chunks.append(chunk)
    return b"".join(chunks)


def replace_input(folder: Path, name: str, data: bytes) -> Path | None:
    """Write the new file atomically; the previous one moves to inputs/.ban-cu/ (never lost)."""
    target = folder / name
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    backups = folder / BACKUP_DIR
    kept = None
    if target.exists():
        kept = backups / f"{stamp}-{name}"
        backups.mkdir(exist_ok=True)
        kept.write_bytes(target.read_bytes())
    tmp = folder / f".{name}.{os.getpid()}.tai-len"
    tmp.write_bytes(data)
    os.replace(tmp, target)
    stem = name.rsplit(".", 1)[0].lower()
    if stem in WORKBOOKS:   # the same workbook in another format would be read instead: keep it aside
        for other in folder.iterdir():
            if other.is_file() and other.name != name and other.stem.lower() == stem \
                    and other.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods", ".csv"):
                backups.mkdir(exist_ok=True)
                os.replace(other, backups / f"{stamp}-{other.name}")
    return kept


async def put_input(request: Request) -> JSONText:
    name = request.path_params["name"]
    ws = access.unit_ws(request, request.query_params.get("unit"), write=True)
    if not INPUT_NAME.match(name):
        raise HTTPException(404, f"`{name}` không phải tên một tệp đầu vào.")
    data = await read_limited(request, request.app.state.settings.max_upload)
    if not content_ok(name, data):
        raise HTTPException(415, f"Nội dung tệp không đúng loại của `{name}`.")
    if request.app.state.jobs.running(ws.unit):
        raise HTTPException(409, "Đơn vị đang dựng văn bản; hãy đợi bản dựng xong rồi tải tệp lên.")
    import hashlib

    kept = await run_in_threadpool(replace_input, ws.inputs, name, data)
    request.app.state.audit.log(request.state.session.user, "upload", unit=ws.unit, file=name,
                                size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                                kept=kept.name if kept else None)
    from . import views

    return JSONText(await run_in_threadpool(views.validation, ws))


ROUTES = [
    Route("/files/{path:path}", serve_file),
    Route("/api/inputs/{name}", put_input, methods=["PUT"]),
]
