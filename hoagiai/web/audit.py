"""Append-only audit log: who, when, what (upload, build, issue, login, refusals).

One JSON object per line in `outputs/.hoagiai/audit.log`, UTC times. Never a password,
token or cell value."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import Any

_lock = threading.Lock()


class Audit:
    def __init__(self, outputs: Path):
        self.path = outputs / ".hoagiai" / "audit.log"

    def log(self, who: str | None, what: str, **details: Any) -> None:
        entry = {"at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                 "who": who, "what": what, **details}
        line = json.dumps(entry, ensure_ascii=False, default=str) + "\n"
        with _lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(line)

    def entries(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        return [json.loads(x) for x in self.path.read_text(encoding="utf-8").splitlines() if x]
