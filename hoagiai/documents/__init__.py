"""Document kinds (CONTRACT §4). Each module: `KIND` and `plan(env) -> list[DocJob]`.

The order here is the order of the monthly packet and of `status`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KIND_MODULES: dict[str, str] = {
    "ke-hoach": "ke_hoach",
}


def kinds() -> list[str]:
    return list(KIND_MODULES)


def module(kind: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{KIND_MODULES[kind]}")
