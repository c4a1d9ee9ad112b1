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

import functools
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


#: docxtpl releases whose `patch_xml` / `resolve_listing` the renderer was proven against
#: (tests/test_render_paths.py compares every template with plain docxtpl); keep in step with
#: the bound in pyproject.toml
DOCXTPL_TESTED = ((0, 18), (0, 21))   # from, up to (excluded)
_DOCXTPL_INTERNALS = ("patch_xml", "resolve_listing")


def check_docxtpl(version: str, cls: type) -> None:
    """Refuse loudly a docxtpl the renderer was not proven against: its internals may differ."""
    from .errors import EnvironmentFailure

    try:
        key = tuple(int(p) for p in version.split(".")[:2])
    except ValueError:
        key = (-1, -1)
    missing = [m for m in _DOCXTPL_INTERNALS if not callable(getattr(cls, m, None))]
    low, high = DOCXTPL_TESTED
    if missing or not low <= key < high:
        raise EnvironmentFailure(
            f"Thư viện docxtpl phiên bản {version} chưa được kiểm chứng với hoagiai (cần từ "
            f"{low[0]}.{low[1]} đến trước {high[0]}.{high[1]}"
            + (f"; thiếu {', '.join(missing)}" if missing else "")
            + "). Cài lại đúng phiên bản bằng `bash scripts/setup.sh`.")


@functools.lru_cache(maxsize=1)
def docxtpl_helper() -> Any:
    """A bare docxtpl instance: its `patch_xml` / `resolve_listing` are pure string transforms.

    Made (and docxtpl's version checked) once per process: reading the installed version from
    the package metadata costs more than rendering a small document."""
    from importlib.metadata import version

    from docxtpl import DocxTemplate

    check_docxtpl(version("docxtpl"), DocxTemplate)
    return DocxTemplate.__new__(DocxTemplate)


def translate(message: str) -> str:
    """Jinja's English syntax message, in Vietnamese."""
    first = message.strip().splitlines()[0] if message.strip() else message
    for pattern, repl in _JINJA_VI:
        if re.fullmatch(pattern, first, flags=re.S | re.I):
            return re.sub(pattern, repl, first, flags=re.S | re.I)
    return f"Jinja báo: {first}."
