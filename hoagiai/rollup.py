"""The roll-up workbook of a multi-unit workspace: `outputs/tong-hop-YYYY-MM.xlsx`.

One row per unit with the figures its documents state (docs/contract.md §4): the latest `bc-hoa-giai`
report's `figures` and the month's `qd-thu-lao` `figures`; then a totals row. Totals are the
column sums; the success rate of the totals is recomputed from the summed thành / không thành
(docs/domain.md, Decision 7), never averaged. A unit whose document is blocked or failed shows no
figures for it (its data has errors) and says why in the last column; the totals then cover
the units that have figures, and the sheet says how many.

Text that Excel would take for a formula (a unit name starting with "=") is written as text;
the file is written atomically, with fixed timestamps (hoagiai.xlsx_writer).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import xlsx_writer
from .definitions import success_rate

REPORT_KEYS = ["to_hoa_giai", "hoa_giai_vien", "nu", "dan_toc_thieu_so", "chuyen_mon_luat",
               "duoc_boi_duong", "vu_viec_tiep_nhan", "hoa_giai_thanh", "hoa_giai_khong_thanh",
               "dang_giai_quyet"]
PAYMENT_KEYS = ["so_vu_viec", "tong_tien"]
COUNT_KEYS = REPORT_KEYS + PAYMENT_KEYS

HEADERS = {
    "stt": "STT", "thu_muc": "Thư mục đơn vị", "don_vi": "Đơn vị", "ky_bao_cao": "Kỳ báo cáo",
    "to_hoa_giai": "Số tổ hòa giải", "hoa_giai_vien": "Số hòa giải viên", "nu": "Hòa giải viên nữ",
    "dan_toc_thieu_so": "Hòa giải viên dân tộc thiểu số", "chuyen_mon_luat": "Có chuyên môn luật",
    "duoc_boi_duong": "Được bồi dưỡng chuyên môn, nghiệp vụ", "vu_viec_tiep_nhan": "Vụ việc tiếp nhận",
    "hoa_giai_thanh": "Hòa giải thành", "hoa_giai_khong_thanh": "Hòa giải không thành",
    "dang_giai_quyet": "Đang giải quyết", "ty_le_thanh": "Tỷ lệ hòa giải thành",
    "so_vu_viec": "Số vụ việc chi thù lao trong tháng", "tong_tien": "Tiền thù lao trong tháng (đồng)",
    "ghi_chu": "Ghi chú",
}
COLUMNS = ["stt", "thu_muc", "don_vi", "ky_bao_cao", *REPORT_KEYS, "ty_le_thanh", *PAYMENT_KEYS, "ghi_chu"]
SHEET = "Tổng hợp"


@dataclass
class UnitFigures:
    unit: str                               # folder name
    name: str                               # ten_don_vi
    report: dict[str, Any] | None = None    # bc-hoa-giai figures
    period: dict[str, str] | None = None    # its reporting period
    payment: dict[str, Any] | None = None   # qd-thu-lao figures of the month (summed)
    notes: list[str] = field(default_factory=list)


def _in_month(period: dict[str, str] | None, month: str) -> bool:
    return period is not None and str(period.get("from", ""))[:7] == month


def unit_figures(unit: str, name: str, data: dict[str, Any]) -> UnitFigures:
    """Pick a unit's figures from its build JSON (`documents`, `month`, optional `error`)."""
    uf = UnitFigures(unit=unit, name=name)
    month = data.get("month", "")
    if data.get("error"):
        uf.notes.append(f"Không dựng được văn bản: {data['error']}")
    reports = [d for d in data.get("documents", []) if d.get("kind") == "bc-hoa-giai"]
    ok = [d for d in reports if d.get("figures") and d.get("state") not in ("blocked", "failed")]
    if ok:
        best = max(ok, key=_latest_longest)
        uf.report = {k: best["figures"].get(k) for k in REPORT_KEYS}
        uf.period = best.get("period")
    bad = [d for d in reports if d.get("state") in ("blocked", "failed")]
    if bad and not ok:
        uf.notes.append("Báo cáo kết quả hòa giải bị chặn do lỗi dữ liệu")
    elif not reports and not data.get("error"):
        uf.notes.append("Chưa có báo cáo kết quả hòa giải")
    payments = [d for d in data.get("documents", [])
                if d.get("kind") == "qd-thu-lao" and _in_month(d.get("period"), month)]
    if any(d.get("state") in ("blocked", "failed") for d in payments):
        uf.notes.append("Quyết định chi thù lao của tháng bị chặn do lỗi dữ liệu")
    else:
        uf.payment = {k: 0 for k in PAYMENT_KEYS}   # no decision in the month = nothing paid
        for d in payments:
            for k in PAYMENT_KEYS:
                uf.payment[k] += int((d.get("figures") or {}).get(k) or 0)
    return uf


def _latest_longest(doc: dict[str, Any]) -> tuple[int, int]:
    """The report whose period ends last; of those, the longest (the year, not the 6 months)."""
    p = doc.get("period") or {}
    end = dt.date.fromisoformat(p["to"][:10]).toordinal() if p.get("to") else 0
    start = dt.date.fromisoformat(p["from"][:10]).toordinal() if p.get("from") else 0
    return end, -start


def totals(units: list[UnitFigures]) -> dict[str, Any]:
    """Column sums over the units that have the figure; success rate from the sums."""
    out: dict[str, Any] = {}
    for k in COUNT_KEYS:
        vals = [(u.report if k in REPORT_KEYS else u.payment) or {} for u in units]
        present = [v[k] for v in vals if v.get(k) is not None]
        out[k] = sum(int(x) for x in present) if present else None
    out["ty_le_thanh"] = success_rate(out["hoa_giai_thanh"], out["hoa_giai_khong_thanh"])
    out["don_vi_co_bao_cao"] = sum(1 for u in units if u.report)
    out["don_vi"] = len(units)
    return out


def _row(i: int, u: UnitFigures) -> dict[str, Any]:
    rep, pay = u.report or {}, u.payment or {}
    row: dict[str, Any] = {"stt": i, "thu_muc": u.unit, "don_vi": u.name,
                           "ky_bao_cao": (f"{_vn_date(u.period['from'])} – {_vn_date(u.period['to'])}"
                                          if u.period else None),
                           "ghi_chu": "; ".join(u.notes) or None}
    for k in REPORT_KEYS:
        row[k] = rep.get(k)
    row["ty_le_thanh"] = success_rate(rep.get("hoa_giai_thanh"), rep.get("hoa_giai_khong_thanh")) if u.report else None
    for k in PAYMENT_KEYS:
        row[k] = pay.get(k)
    return row


def _vn_date(iso: str) -> str:
    y, m, d = iso[:10].split("-")
    return f"{d}/{m}/{y}"


def write_rollup(path: Path, month: str, units: list[UnitFigures]) -> dict[str, Any]:
    """Write the workbook at `path` (atomically); return the totals."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    tot = totals(units)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    y, m = month.split("-")
    xlsx_writer.put(ws.cell(1, 1), f"TỔNG HỢP KẾT QUẢ CÔNG TÁC HÒA GIẢI Ở CƠ SỞ — THÁNG {int(m)} NĂM {y}")
    ws.cell(1, 1).font = Font(bold=True)
    xlsx_writer.put(ws.cell(2, 1), f"{tot['don_vi']} đơn vị; {tot['don_vi_co_bao_cao']} đơn vị có số liệu báo cáo. "
                         "Tỷ lệ hòa giải thành = thành ÷ (thành + không thành).")
    header_row = 4
    for c, key in enumerate(COLUMNS, 1):
        cell = ws.cell(header_row, c)
        xlsx_writer.put(cell, HEADERS[key])
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    r = header_row
    for i, u in enumerate(units, 1):
        r += 1
        _write_row(ws, r, _row(i, u))
    r += 1
    total_row = {k: tot.get(k) for k in COUNT_KEYS} | {
        "don_vi": "Tổng cộng", "ty_le_thanh": tot["ty_le_thanh"], "stt": None, "thu_muc": None,
        "ky_bao_cao": None, "ghi_chu": None}
    _write_row(ws, r, total_row)
    for c in range(1, len(COLUMNS) + 1):
        ws.cell(r, c).font = Font(bold=True)
    ws.freeze_panes = ws.cell(header_row + 1, 4)
    widths = {"stt": 6, "thu_muc": 14, "don_vi": 34, "ky_bao_cao": 24, "ghi_chu": 40}
    for c, key in enumerate(COLUMNS, 1):
        ws.column_dimensions[ws.cell(header_row, c).column_letter].width = widths.get(key, 13)
    xlsx_writer.save(wb, path)
    return tot


def _write_row(ws, r: int, row: dict[str, Any]) -> None:
    for c, key in enumerate(COLUMNS, 1):
        value = row.get(key)
        cell = ws.cell(r, c)
        if isinstance(value, str):
            xlsx_writer.put(cell, value)
        else:
            cell.value = value
        if key == "ty_le_thanh":
            cell.number_format = "0.0%"
        elif key == "tong_tien":
            cell.number_format = "#,##0"


def read_rollup(path: Path) -> list[dict[str, Any]]:
    """The unit rows and the totals row back as dicts keyed like COLUMNS (for tests and checks)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    ws = wb[SHEET]
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    wb.close()
    return [dict(zip(COLUMNS, r)) for r in rows]
