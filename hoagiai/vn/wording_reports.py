"""Counts in report sentences as an official writes them (pure, no I/O).

A count of zero is never printed as "00": the sentence takes its negative form instead
("không có người dân tộc thiểu số"), and a sentence made only of zeros collapses to one
negative clause. Patterns come from the rule files; `{so}` is the count in Decree 30 form
(two digits below 10).
"""

from __future__ import annotations

from .numbers import so_hai_chu_so


def dem(n: int, co: str, khong: str) -> str:
    """`co` with {so} filled when n > 0, else `khong`.

    >>> dem(3, "nữ {so} người", "không có hòa giải viên nữ")
    'nữ 03 người'
    >>> dem(0, "nữ {so} người", "không có hòa giải viên nữ")
    'không có hòa giải viên nữ'
    """
    return co.format(so=so_hai_chu_so(n)) if n else khong


def viet_hoa_dau(text: str) -> str:
    """First letter upper-case (a clause that opens a sentence)."""
    return text[:1].upper() + text[1:] if text else text


def noi(parts: list[str], sep: str = "; ") -> str:
    """Clauses joined, empty ones left out."""
    return sep.join(p for p in parts if p)
