"""Helpers for the loader tests: small workbooks and CSV files written into tmp_path."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from hoagiai.findings import Finding
from hoagiai.load import load_dataset, load_specs
from hoagiai.load.text import TONE_MARKS
from hoagiai.model import Table

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
TODAY = dt.date(2026, 6, 1)

HGV_HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Thôn", "Tổ hòa giải", "Chức danh",
               "Ngày công nhận", "Số quyết định công nhận", "Chuyên môn luật", "Năm bồi dưỡng", "Số CCCD",
               "Điện thoại", "Ngày thôi", "Lý do thôi"]
VV_HEADERS = ["Mã vụ việc", "Ngày tiếp nhận", "Thôn", "Tổ hòa giải", "Lĩnh vực", "Nội dung tóm tắt",
              "Căn cứ hòa giải", "Hòa giải viên", "Ngày phân công", "Ngày bắt đầu", "Kết quả", "Ngày kết thúc",
              "Ghi chú"]
KQ_HEADERS = ["Thôn", "Ngày kiểm tra", "Sổ theo dõi", "Xếp loại", "Ưu điểm", "Tồn tại, hạn chế", "Kiến nghị",
              "Hạn khắc phục"]
DOAN_HEADERS = ["Họ và tên", "Chức vụ, đơn vị", "Nhiệm vụ trong đoàn"]

SPECS = load_specs(RULES)


def hgv(**values) -> dict:
    """A valid mediator row by header; keyword names are canonical keys."""
    row = {"STT": 1, "Họ và tên": "Nguyễn Thị Lan", "Ngày sinh": dt.datetime(1970, 5, 3), "Giới tính": "Nữ",
           "Dân tộc": None, "Thôn": "An Lại", "Tổ hòa giải": None, "Chức danh": "Hòa giải viên",
           "Ngày công nhận": dt.datetime(2024, 1, 5), "Số quyết định công nhận": "15/QĐ-UBND",
           "Chuyên môn luật": "Không", "Năm bồi dưỡng": 2025, "Số CCCD": "031170000123",
           "Điện thoại": "0912345678", "Ngày thôi": None, "Lý do thôi": None}
    spec = SPECS["hoa_giai_vien"]
    for key, value in values.items():
        row[spec.column(key).header] = value
    return row


def vv(**values) -> dict:
    row = {"Mã vụ việc": "VV-2026-001", "Ngày tiếp nhận": "05/03/2026", "Thôn": "An Lại", "Tổ hòa giải": None,
           "Lĩnh vực": "Đất đai", "Nội dung tóm tắt": "Tranh chấp lối đi chung", "Căn cứ hòa giải": "Yêu cầu",
           "Hòa giải viên": "Nguyễn Thị Lan; Trần Văn Bình", "Ngày phân công": "06/03/2026",
           "Ngày bắt đầu": "07/03/2026", "Kết quả": "Thành", "Ngày kết thúc": "10/03/2026", "Ghi chú": None}
    spec = SPECS["vu_viec"]
    for key, value in values.items():
        row[spec.column(key).header] = value
    return row


def grid(headers: list[str], rows: Sequence[dict | None]) -> list[list]:
    """Header line plus one list per row (None = blank row)."""
    return [list(headers)] + [[r.get(h) for h in headers] if r is not None else [] for r in rows]


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, lines in sheets.items():
        ws = wb.create_sheet(name)
        for line in lines:
            ws.append(line)
    wb.save(path)
    return path


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: letter shapes precomposed (â ơ ư …),
    tone marks as separate combining characters."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in TONE_MARKS or not out or not unicodedata.combining(ch):
            out.append(ch)
        else:   # a shape mark (circumflex, breve, horn): compose it into the base letter
            tones: list[str] = []
            while out and out[-1] in TONE_MARKS:
                tones.insert(0, out.pop())
            out[-1] = unicodedata.normalize("NFC", out[-1] + ch)
            out.extend(tones)
    return "".join(out).encode("cp1258")


def write_csv(path: Path, lines: list[list], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows([["" if v is None else v for v in line] for line in lines])
    text = buf.getvalue()
    path.write_bytes(to_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def load(inputs: Path, dataset: str, **kw) -> tuple[Table, list[Finding]]:
    return load_dataset(inputs, SPECS[dataset], today=kw.pop("today", TODAY), **kw)


def codes(findings) -> list[tuple]:
    """(code, row, column) of every finding, in a stable order."""
    return sorted((f.code, f.row, f.column) for f in findings)
