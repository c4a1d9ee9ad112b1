"""What `serve` was asked for: where, in which mode, with which limits."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from ..workspace import Workspace

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")
MAX_UPLOAD = 20 * 1024 * 1024


def is_loopback(host: str) -> bool:
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class ServeSettings:
    ws: Workspace
    host: str = "127.0.0.1"
    port: int = 8765
    users_file: Path | None = None       # given = hosted mode (accounts, login)
    allow_hosts: tuple[str, ...] = ()
    secure_cookies: bool = False          # behind an HTTPS proxy
    max_upload: int = MAX_UPLOAD
    debug: bool = False
    login_limit: int = 5                 # failures per user name or client within the window
    login_window: float = 300.0
    extra: dict = field(default_factory=dict)

    @property
    def hosted(self) -> bool:
        return self.users_file is not None

    def allowed_hosts(self, port: int) -> set[str]:
        """Host header values accepted (docs/contract.md §7: the defence against DNS rebinding)."""
        names = {"127.0.0.1", "localhost", "[::1]"}
        if self.hosted:
            names.add(f"[{self.host}]" if ":" in self.host else self.host)
            names.update(self.allow_hosts)
        out = set()
        for n in names:
            n = n.lower()
            out.add(n)
            out.add(f"{n}:{port}")
        return out
