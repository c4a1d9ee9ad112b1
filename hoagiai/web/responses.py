"""What the routes answer with, below the app and the routes so neither imports the other: JSON
exactly as the CLI prints it, and the session cookie."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

COOKIE = "hoagiai_phien"


class JSONText(Response):
    """JSON exactly as the CLI prints it (non-ASCII kept, dates as text)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=str).encode("utf-8")


def set_session_cookie(request: Request, response: Response, sid: str) -> None:
    """The session cookie: HttpOnly, SameSite=Strict, Secure behind HTTPS (--secure-cookies)."""
    response.set_cookie(COOKIE, sid, httponly=True, samesite="strict", path="/",
                        secure=request.app.state.settings.secure_cookies)
