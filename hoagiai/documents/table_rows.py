"""Input rows as plain values for every document kind that reads a table — the roster kinds
(qd-cong-nhan, qd-thoi, qd-kien-toan), the inspection kinds (qd-doan-kiem-tra, tb-kiem-tra) and
the case-based ones (qd-thu-lao, bc-hoa-giai, bc-van-ban, dinh-chinh): thôn in the profile's
order, people lists limited to the public fields, and the blocking reasons of the rows a
document reads.

Public people lists show only Họ và tên, Năm sinh, Giới tính, Thôn and Chức danh (docs/domain.md,
Decision 8): `person_entry` is the one place that picks those fields, so a CCCD, a phone
number, a full birth date or an ethnicity can never reach a list by accident.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Mapping

import pandas as pd

from ..findings import Finding
from ..model import HOA_GIAI_VIEN, Table
from ..unit_profile import Profile
from ..validate.text import fold
from ..vn import lap_lai, liet_ke, ngay_nd30, sort_key_nguoi
from .reasons import Reason, of_finding, unique

# roster columns a people list reads (fingerprint cells)
PERSON_KEYS = ["ho_ten", "ngay_sinh", "gioi_tinh", "thon", "chuc_danh"]


def as_date(value: Any) -> dt.date | None:
    """A table date (pandas Timestamp / NaT / None) as `datetime.date` or None."""
    from ..load.cells import as_date

    return as_date(value)


def text(value: Any) -> str | None:
    """A text cell stripped, or None when empty."""
    from ..load.cells import as_text

    return as_text(value)


def monthly(env, kind: str, date_key: str, make) -> list:
    """One document per month of the build year that has roster rows whose `date_key` falls
    in it: `make(table, month, rows_of_that_month)` for each such month. A month's document
    depends on that month's rows only, so it is made once per planning pass (`DocEnv.once`)
    whatever the build month it is planned from."""
    table = env.inputs.table(HOA_GIAI_VIEN)
    by_month = env.once(("monthly-rows", date_key), lambda: _rows_by_month(rows(table), date_key))
    jobs = []
    for month in env.month.months_of_year():
        picked = by_month.get((month.year, month.month))
        if picked:
            jobs.append(env.once((kind, date_key, month.year, month.month),
                                 lambda: make(table, month, list(picked))))
    return jobs


def _rows_by_month(all_rows: list[Row], date_key: str) -> dict[tuple[int, int], list[Row]]:
    out: dict[tuple[int, int], list[Row]] = {}
    for r in all_rows:
        d = as_date(r.get(date_key))
        if d is not None:
            out.setdefault((d.year, d.month), []).append(r)
    return out


class Row(dict):
    """One table row as {column: value}, with its frame index as `name` (like a pandas row):
    the values of `Table.row` — Python scalars, Timestamp, NaT, and None for an empty cell of a
    whole-number column (pandas' NA). A dict, not a Series: building a Series per row cost a
    tenth of a city build's planning, and the documents only read cells by name."""

    __slots__ = ("name",)

    def __init__(self, name: Any, cells: dict[str, Any]):
        super().__init__(cells)
        self.name = name


def rows(table: Table | None) -> list[Row]:
    """The table's rows in file order ([] when the table is missing). Made once per table (the
    kinds and the reports' own planning read the same tables many times; tables are not modified
    after loading); each caller gets its own list."""
    if table is None or not len(table.frame):
        return []
    made = table.__dict__.get("_rows_in_order")
    if made is None or len(made) != len(table.frame):
        order = table.frame.sort_values("_row", kind="stable").index
        made = [Row(i, table.row(i)) for i in order]
        table.__dict__["_rows_in_order"] = made
    return list(made)


class ThonOrder:
    """Thôn of the profile in report order; a row's thôn is matched as clerks type it."""

    def __init__(self, profile: Profile):
        self.names = profile.thon_names
        self._index = {fold(t): i for i, t in enumerate(self.names)}

    def index(self, value: Any) -> int:
        """Position in the profile (unknown thôn after every known one)."""
        return self._index.get(fold(value), len(self.names))

    def name(self, value: Any) -> str:
        """The profile's spelling of the thôn (the value as written when unknown)."""
        i = self._index.get(fold(value))
        return self.names[i] if i is not None else (text(value) or "")


def birth_year(row: Mapping[str, Any]) -> int | None:
    y = row.get("nam_sinh")
    if y is not None and not pd.isna(y):
        return int(y)
    d = as_date(row.get("ngay_sinh"))
    return d.year if d else None


def person_record(row: Mapping[str, Any]) -> str:
    """A mediator's identity by content: name and birth year (not the row number)."""
    y = birth_year(row)
    return f"{text(row.get('ho_ten')) or ''}|{y if y is not None else ''}"


def person_entry(row: Mapping[str, Any], order: ThonOrder) -> dict[str, Any]:
    """One line of a public list: ONLY the Decision 8 fields (plus private sort keys that the
    templates never print)."""
    return {
        "ho_ten": text(row.get("ho_ten")) or "",
        "nam_sinh": birth_year(row),
        "gioi_tinh": text(row.get("gioi_tinh")) or "",
        "thon": order.name(row.get("thon")),
        "chuc_danh": text(row.get("chuc_danh")) or "",
        "_sort": (order.index(row.get("thon")),
                  sort_key_nguoi(text(row.get("ho_ten")) or "", row.get("ngay_sinh"))),
    }


def public(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sorted by thôn order, then the Vietnamese name order; the sort key dropped."""
    out = sorted(entries, key=lambda e: e["_sort"])
    return [{k: v for k, v in e.items() if not k.startswith("_")} for e in out]


def join_vi(items: list[str], va: str = "và") -> str:
    """"A", "A và B", "A, B và C"."""
    return liet_ke(items, va)


def thon_in_order(entries: Iterable[dict[str, Any]], order: ThonOrder) -> list[str]:
    """The thôn of `entries` (profile spelling) in the profile's order, unknown ones last."""
    found = {e["thon"] for e in entries}
    return [t for t in order.names if t in found] + sorted(found - set(order.names))


def team_phrases(names: list[str], settings: dict[str, Any]) -> dict[str, str]:
    """Fill values naming the teams: `thon` = "thôn A" / "thôn A và thôn B"; `to_hoa_giai` =
    the kind file's `to_mot` / `to_nhieu` ("tổ hòa giải thôn A" / "các tổ hòa giải thôn A và
    thôn B") — singular for one team, plural for several."""
    thon = lap_lai(names, "thôn")
    key = "to_mot" if len(names) == 1 else "to_nhieu"
    return {"thon": thon, "to_hoa_giai": settings[key].format(thon=thon)}


def proposal_line(settings: dict[str, Any], people: list[tuple[str, Any, Any]]) -> str:
    """"Xét đề nghị của …." citing, per thôn, the proposal's document and date when the roster
    gives them (`people`: (thôn, văn bản, ngày) per person, thôn in order). Wording from the
    kind file: `de_nghi` (the whole line, {nguoi_de_nghi}), `de_nghi_thon`, `de_nghi_van_ban`."""
    cited: dict[str, list[str]] = {}
    for thon, van_ban, ngay in people:
        d = as_date(ngay)
        parts = [settings["de_nghi_van_ban"].format(van_ban=v) for v in [text(van_ban)] if v]
        if d is not None:
            parts.append(ngay_nd30(d))
        ref = " ".join(parts)
        cited.setdefault(thon, [])
        if ref and ref not in cited[thon]:
            cited[thon].append(ref)
    plain = [t for t, refs in cited.items() if not refs]
    pieces = [settings["de_nghi_thon"].format(thon=lap_lai(plain, "thôn"))] if plain else []
    pieces += [settings["de_nghi_thon"].format(thon=f"thôn {t}") + " " + liet_ke(refs)
               for t, refs in cited.items() if refs]
    return settings["de_nghi"].format(nguoi_de_nghi=liet_ke(pieces))


CLOSING_MARK = "./."


def articles(items: list[tuple[str, list[str]]]) -> list[dict[str, Any]]:
    """Numbered articles ("Điều 1." …) from (text, sub-items); the last paragraph of the last
    article ends with "./." (Nghị định 30/2020: the closing mark of a decision's text)."""
    out: list[dict[str, Any]] = [{"so": f"Điều {i}.", "noi_dung": body, "muc": list(muc)}
                                 for i, (body, muc) in enumerate(items, start=1)]
    if out:
        last = out[-1]
        if last["muc"]:
            last["muc"][-1] = close(last["muc"][-1])
        else:
            last["noi_dung"] = close(last["noi_dung"])
    return out


def close(sentence: str) -> str:
    """The sentence with the closing mark: "… Quyết định này./."."""
    return sentence.rstrip().rstrip(".;") + CLOSING_MARK


def thon_phrase(names: list[str], settings: dict[str, Any]) -> str:
    """"thôn An Lại" / "các thôn An Lại, Đông Phan và Kim Sơn" — wording from the kind file
    (`mot_thon`, `nhieu_thon`)."""
    if len(names) == 1:
        return settings["mot_thon"].format(ten=names[0])
    return settings["nhieu_thon"].format(ten=join_vi(names))


def row_errors(findings: Iterable[Finding], dataset: str, excel_rows: Iterable[int],
               ignore_codes: Iterable[str] = ()) -> list[Reason]:
    """Reasons from the ERROR findings on the given rows of `dataset` (codes in
    `ignore_codes` left out), in report order, without duplicates."""
    wanted = set(int(r) for r in excel_rows)
    skip = set(ignore_codes)
    return unique(of_finding(f) for f in findings
                  if f.is_error and f.dataset == dataset and f.row in wanted and f.code not in skip)


def dataset_errors(findings: Iterable[Finding], dataset: str) -> list[Reason]:
    """Reasons from ERROR findings about the whole file of `dataset` (no row), e.g. a missing
    required column."""
    return [of_finding(f) for f in findings if f.is_error and f.dataset == dataset and f.row is None]


def can_cu_lines(rules_dir, ids: list[str], on: dt.date) -> list[str]:
    """"Căn cứ …" lines for the legal bases `ids` in force on `on` (rules/can_cu.yaml holds
    the titles; Nghị định 30/2020 opens each line with "Căn cứ")."""
    from ..rulefiles.can_cu import cite

    return [f"Căn cứ {t}" for t in cite(rules_dir, ids, on)]
