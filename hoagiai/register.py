"""`register [--year YYYY] [--xlsx FILE] [--json]`: the Sổ đăng ký văn bản đi in the form of
Nghị định 30/2020/NĐ-CP, Phụ lục IV mục I — a cover (cơ quan chủ quản, cơ quan, năm, từ ngày …
đến ngày …, từ số … đến số …, quyển số) and ten columns, one row per issued document in number
order, a correction linked to what it corrects in the Ghi chú column. Read from the records
folder (`hoagiai.records`); Điều 16: a register kept in software is printed with every field of
the form and bound."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from . import records
from .vn.dates import ngay_so

TITLE = "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
COLUMNS = [("so_ky_hieu", "Số, ký hiệu văn bản"), ("ngay", "Ngày tháng văn bản"),
           ("trich_yeu", "Tên loại và trích yếu nội dung văn bản"), ("nguoi_ky", "Người ký"),
           ("noi_nhan", "Nơi nhận văn bản"), ("ban_luu", "Đơn vị, người nhận bản lưu"),
           ("so_ban", "Số lượng bản"), ("ngay_chuyen", "Ngày chuyển"), ("ky_nhan", "Ký nhận"),
           ("ghi_chu", "Ghi chú")]


def _recipients(lines: list[str]) -> tuple[str, str]:
    """(Nơi nhận without the file copy, the file copy's holders) from the "Nơi nhận" lines."""
    sent, kept = [], ""
    for line in lines:
        text = line.strip().lstrip("-").strip().rstrip(";.").strip()
        if text.startswith("Lưu"):
            kept = text.split(":", 1)[-1].strip()
        elif text:
            sent.append(text)
    return "; ".join(sent), kept


def _row(r: records.Record, by_id: dict[str, records.Record],
         corrected_by: dict[str, list[records.Record]]) -> dict[str, Any]:
    sent, kept = _recipients(r.recipients)
    notes = []
    if r.corrects and r.corrects in by_id:
        notes.append(f"Đính chính, sửa đổi văn bản {by_id[r.corrects].label}")
    notes += [f"Được đính chính, sửa đổi bởi văn bản {c.label}" for c in corrected_by.get(r.doc_id, [])]
    return {"so_ky_hieu": f"{r.number:02d}/{r.symbol}", "ngay": ngay_so(r.date), "trich_yeu": r.title,
            "nguoi_ky": r.signer or "", "noi_nhan": sent, "ban_luu": kept, "so_ban": None,
            "ngay_chuyen": "", "ky_nhan": "", "ghi_chu": "; ".join(notes),
            "id": r.doc_id, "so": r.number, "ngay_iso": r.issue_date, "so_dang_ky": r.series,
            "dinh_chinh": r.corrects}


def register(ws, year: int) -> dict[str, Any]:
    """The register of one unit for one year (JSON-able)."""
    from .unit_profile import load_profile

    all_rows = records.entries(ws)
    by_id = {r.doc_id: r for r in all_rows}
    corrected_by: dict[str, list[records.Record]] = {}
    for r in all_rows:
        if r.corrects:
            corrected_by.setdefault(r.corrects, []).append(r)
    rows = sorted((r for r in all_rows if r.year == year), key=lambda r: (r.series, r.number))
    p = load_profile(ws.inputs / "don_vi.yaml")
    dates = sorted(r.date for r in rows)
    cover = {"co_quan_chu_quan": p.co_quan_chu_quan or "", "co_quan": p.ten_don_vi, "ten_so": TITLE,
             "nam": year, "tu_ngay": ngay_so(dates[0]) if dates else "",
             "den_ngay": ngay_so(dates[-1]) if dates else "",
             "tu_so": min(r.number for r in rows) if rows else None,
             "den_so": max(r.number for r in rows) if rows else None, "quyen_so": 1}
    out = {"year": year, "cover": cover, "columns": [h for _, h in COLUMNS],
           "entries": [_row(r, by_id, corrected_by) for r in rows],
           "records": str(records.records_dir(ws))}
    if ws.unit:
        out["unit"] = ws.unit
    return out


def default_year(today: dt.date | None = None) -> int:
    return (today or dt.date.today()).year


def write_xlsx(path: Path, books: list[dict[str, Any]]) -> None:
    """One sheet per unit: the cover, then the ten columns (text cells never read as formulas);
    written atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from .xlsx_writer import put, save

    wb = Workbook()
    wb.remove(wb.active)
    for book in books:
        sh = wb.create_sheet((book.get("unit") or "So dang ky")[:31])
        c = book["cover"]
        lines = [c["co_quan_chu_quan"], c["co_quan"].upper(), "", c["ten_so"], f"Năm {c['nam']}",
                 f"Từ ngày {c['tu_ngay']} đến ngày {c['den_ngay']}",
                 f"Từ số {_n(c['tu_so'])} đến số {_n(c['den_so'])}", f"Quyển số: {c['quyen_so']:02d}"]
        for i, text in enumerate(lines, 1):
            put(sh.cell(i, 1), text)
            sh.cell(i, 1).font = Font(bold=i in (2, 4))
        head = len(lines) + 2
        for j, (_, label) in enumerate(COLUMNS, 1):
            put(sh.cell(head, j), label)
            put(sh.cell(head + 1, j), f"({j})")
            sh.cell(head, j).font = Font(bold=True)
            sh.cell(head, j).alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        for i, e in enumerate(book["entries"], head + 2):
            for j, (key, _) in enumerate(COLUMNS, 1):
                put(sh.cell(i, j), e[key])
                sh.cell(i, j).alignment = Alignment(wrap_text=True, vertical="top")
        for j, width in enumerate((16, 12, 48, 20, 36, 16, 8, 12, 12, 36), 1):
            sh.column_dimensions[sh.cell(head, j).column_letter].width = width
        sh.freeze_panes = sh.cell(head + 2, 1)
    save(wb, path)


def _n(x: int | None) -> str:
    return f"{x:02d}" if x is not None else "…"


def yearly_path(ws, year: int) -> Path:
    """The register the build keeps for the clerk: `outputs/<year>/so-dang-ky-van-ban-di-<year>.xlsx`."""
    return Path(ws.outputs) / str(year) / f"so-dang-ky-van-ban-di-{year}.xlsx"


def publish_yearly(ws) -> list[str]:
    """Write each year's register workbook beside that year's documents when the register has
    changed since it was last written (or the file is gone, e.g. a cleaned `outputs/`). The
    records folder stays the source; this copy is for printing and binding (NĐ 30 Điều 16)."""
    import hashlib
    import json

    from .atomic import write_text

    years = sorted({r.year for r in records.entries(ws)})
    written = []
    for year in years:
        book = register(ws, year)
        digest = hashlib.sha256(json.dumps(book, ensure_ascii=False, sort_keys=True,
                                           default=str).encode("utf-8")).hexdigest()
        path = yearly_path(ws, year)
        stamp = Path(ws.outputs) / ".hoagiai" / f"so-dang-ky-{year}.sha256"
        if path.exists() and stamp.exists() and stamp.read_text(encoding="utf-8").strip() == digest:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_xlsx(path, [book])
        stamp.parent.mkdir(parents=True, exist_ok=True)
        write_text(stamp, digest + "\n")
        written.append(str(path))
    return written
