"""Accounts and sessions for hosted mode.

Users file: JSON `{"users": {name: {"hash", "role", "units"}}}`, written atomically, mode 0600.
Passwords are stored as `hashlib.scrypt` hashes (memory-hard; no extra dependency).
Sessions live on the server only: a new random id at login, deleted at logout, each with
its own CSRF token. Login failures are counted per user name and per client (→ 429)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError

ROLES = ("clerk", "viewer")
ALL = "*"
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
MIN_PASSWORD = 8


def hash_password(password: str, params: dict | None = None) -> str:
    p = params or SCRYPT
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **p)
    b64 = base64.b64encode
    return f"scrypt${p['n']}${p['r']}${p['p']}${b64(salt).decode()}${b64(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, digest = stored.split("$")
        if algo != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                             p=int(p), dklen=32, maxmem=64 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return secrets.compare_digest(got, base64.b64decode(digest))


def read_users(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        users = data["users"]
        assert isinstance(users, dict)
    except (ValueError, KeyError, AssertionError) as exc:
        raise ConfigError(f"Tệp tài khoản `{path}` hỏng hoặc không đúng dạng.") from exc
    return users


def add_user(path: Path, name: str, password: str, role: str, units: list[str]) -> None:
    """Create or replace an account (its open sessions end: the users file changed)."""
    if not name or any(c.isspace() for c in name) or len(name) > 64:
        raise ConfigError("Tên đăng nhập không được trống, không có dấu cách, tối đa 64 ký tự.")
    if role not in ROLES:
        raise ConfigError(f"Vai trò `{role}` không có; dùng clerk hoặc viewer.")
    if len(password) < MIN_PASSWORD:
        raise ConfigError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.")
    users = read_users(path)
    users[name] = {"hash": hash_password(password), "role": role, "units": units}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"users": users}, f, ensure_ascii=False, indent=1)
    os.replace(tmp, path)


@dataclass
class Session:
    id: str
    user: str | None
    role: str
    units: list[str]
    stamp: str = ""            # the account as it was at login: a changed account ends the session
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    created: float = field(default_factory=time.monotonic)

    def can_reach(self, unit: str | None) -> bool:
        return ALL in self.units or (unit is not None and unit in self.units)

    @property
    def all_units(self) -> bool:
        return ALL in self.units


class Sessions:
    """In-memory server-side sessions (a restart logs everyone out)."""

    MAX_AGE = 12 * 3600

    def __init__(self) -> None:
        self._by_id: dict[str, Session] = {}
        self._lock = threading.Lock()

    def new(self, user: str | None, role: str, units: list[str], stamp: str = "") -> Session:
        s = Session(secrets.token_urlsafe(32), user, role, units, stamp)
        with self._lock:
            self._by_id[s.id] = s
            if len(self._by_id) > 10000:   # anonymous sessions from scanners: drop the oldest
                for k in list(self._by_id)[:1000]:
                    del self._by_id[k]
        return s

    def get(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        with self._lock:
            s = self._by_id.get(sid)
            if s and time.monotonic() - s.created > self.MAX_AGE:
                del self._by_id[sid]
                return None
            return s

    def drop(self, sid: str) -> None:
        with self._lock:
            self._by_id.pop(sid, None)


def account_stamp(user: dict) -> str:
    return hashlib.sha256(json.dumps(user, sort_keys=True).encode("utf-8")).hexdigest()


class Accounts:
    """The users file, re-read when it changes (so `user add` takes effect without a restart)."""

    def __init__(self, path: Path):
        self.path = path
        self._seen: tuple | None = None
        self._users: dict[str, dict] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> dict | None:
        try:
            st = self.path.stat()
            key = (st.st_mtime_ns, st.st_size)
        except OSError:
            key = None
        with self._lock:
            if key != self._seen:
                self._users = read_users(self.path) if key else {}
                self._seen = key
            return self._users.get(name)


class RateLimit:
    """Login failures per key in a sliding window; time-boxed, never a permanent lock."""

    def __init__(self, limit: int, window: float):
        self.limit, self.window = limit, window
        self._fails: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            for k in keys:
                times = [t for t in self._fails.get(k, []) if now - t < self.window]
                self._fails[k] = times
                if len(times) >= self.limit:
                    return True
        return False

    def fail(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._fails.setdefault(k, []).append(time.monotonic())

    def clear(self, key: str) -> None:
        with self._lock:
            self._fails.pop(key, None)
