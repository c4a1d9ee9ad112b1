"""The one Jinja environment every template is parsed and rendered in, and what the renderer
and the template checker both need from Jinja and docxtpl. It sits below `hoagiai.render` and
`hoagiai.template_check` so neither imports the other.

- sandboxed (`ImmutableSandboxedEnvironment`): a template edited by someone cannot reach
  `__class__`, `mro` or call arbitrary objects;
- `StrictUndefined`: a missing value is an error naming the variable, never a silent blank;
- `autoescape=True`: names like `Lê Thị <Hoa> & Co` render as written;
- the Vietnamese formatting filters of `hoagiai.vn`.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import jinja2
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

_ENV: jinja2.Environment | None = None
_ENV_LOCK = threading.Lock()

# Jinja's English syntax messages, in Vietnamese (first line of the message only)
_JINJA_VI = [
    (r"unexpected end of template.*", "mẫu kết thúc khi còn khối thẻ chưa đóng."),
    (r"Encountered unknown tag '(\w+)'.*", r"thẻ `\1` không tồn tại hoặc đặt sai chỗ."),
    (r"unexpected '(.*?)'", r"ký tự “\1” đặt sai chỗ trong thẻ."),
    (r"unexpected char '(.*?)' at \d+", r"ký tự “\1” không được dùng trong thẻ."),
    (r"expected token '(.*?)', got '(.*?)'", r"thiếu “\1” (gặp “\2”)."),
    (r"Missing end of comment tag", "thiếu dấu đóng ghi chú #}."),
    (r"tag name expected", "thiếu tên lệnh sau {%."),
]


def environment() -> jinja2.Environment:
    """The one Jinja environment every template renders in (built once per process)."""
    global _ENV
    with _ENV_LOCK:
        if _ENV is None:
            from .vn import FILTERS

            env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=True,
                                                keep_trailing_newline=False)
            env.filters.update(FILTERS)
            _ENV = env
        return _ENV


def docxtpl_helper() -> Any:
    """A bare docxtpl instance: its `patch_xml` / `resolve_listing` are pure string transforms."""
    from docxtpl import DocxTemplate

    return DocxTemplate.__new__(DocxTemplate)


def translate(message: str) -> str:
    """Jinja's English syntax message, in Vietnamese."""
    first = message.strip().splitlines()[0] if message.strip() else message
    for pattern, repl in _JINJA_VI:
        if re.fullmatch(pattern, first, flags=re.S | re.I):
            return re.sub(pattern, repl, first, flags=re.S | re.I)
    return f"Jinja báo: {first}."
