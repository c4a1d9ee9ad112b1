"""Document kinds (docs/contract.md §4). Each module: `KIND` and `plan(env) -> list[DocJob]`.

The order here is the order of the monthly packet and of `status`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KIND_MODULES: dict[str, str] = {
    "ke-hoach": "ke_hoach",
    "qd-cong-nhan": "qd_cong_nhan",
    "qd-thoi": "qd_thoi",
    "qd-kien-toan": "qd_kien_toan",
    "qd-doan-kiem-tra": "qd_doan_kiem_tra",
    "tb-kiem-tra": "tb_kiem_tra",
    "qd-thu-lao": "qd_thu_lao",
    "bc-hoa-giai": "bc_hoa_giai",
    "bc-de-an": "bc_de_an",
    # correcting documents: planned from the register by hoagiai.corrections
    "cv-dinh-chinh": "dinh_chinh",
    "qd-sua-doi": "dinh_chinh",
    "qd-chi-bo-sung": "dinh_chinh",
}


#: the correcting documents: never planned from a month's rows, only from the register
CORRECTING = ("cv-dinh-chinh", "qd-sua-doi", "qd-chi-bo-sung")


def kinds() -> list[str]:
    return list(KIND_MODULES)


def module(kind: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{KIND_MODULES[kind]}")
