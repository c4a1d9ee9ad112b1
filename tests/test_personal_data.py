"""Personal data (docs/domain.md, Decision 8): public documents show only Họ và tên, Năm sinh, Giới tính,
Thôn and Chức danh. Every document kind is built — DOCX, PDF, statistical workbooks, the
monthly packet — from a copy of the demo workspace whose roster carries distinctive CCCD
numbers, phone numbers, ethnicities and full birth dates, and none of them may appear in any
output (the annotated copies of the clerk's own workbooks excepted: they are not documents)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import sqlite3
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from hoagiai.cli import main
from hoagiai.documents import CORRECTING, kinds

ROOT = Path(__file__).resolve().parents[1]
MONTH = "2026-12"
ETHNIC = ["Ơ Đu", "Brâu", "Rơ Măm", "Pà Thẻn", "Si La"]    # rare names: never in any template text
ANNOTATED = "kiem-tra-du-lieu"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _headers(ws) -> tuple[int, dict[str, int]]:
    for row in ws.iter_rows(min_row=1, max_row=10):
        names = {c.value: c.column for c in row if isinstance(c.value, str)}
        if "Số CCCD" in names:
            return row[0].row, names
    raise AssertionError("roster header not found")


def _birth_texts(born: dt.date) -> list[str]:
    d, m, y = born.day, born.month, born.year
    return [f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}/{m}/{y}", born.isoformat(),
            f"ngày {d:02d} tháng {m:02d} năm {y}", f"ngày {d:02d} tháng {m} năm {y}",
            f"ngày {d} tháng {m} năm {y}"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The demo workspace with marked personal data, built with every kind and PDFs."""
    root = tmp_path_factory.mktemp("ca-nhan")
    shutil.copytree(ROOT / "inputs", root / "inputs")
    path = root / "inputs" / "hoa_giai_vien.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    head, col = _headers(ws)
    secrets: dict[str, list[str]] = {"CCCD": [], "điện thoại": [], "dân tộc": [], "ngày sinh": []}
    for i, row in enumerate(ws.iter_rows(min_row=head + 1), start=1):
        if not row[col["Họ và tên"] - 1].value:
            continue
        cccd = row[col["Số CCCD"] - 1]
        if isinstance(cccd.value, str) and len(cccd.value) == 12:
            # keep province, century/gender and year digits (checked by a rule); mark the rest
            cccd.value = cccd.value[:6] + f"97{i:04d}"
            secrets["CCCD"].append(cccd.value)
        phone = f"09{86420000 + i * 7:08d}"
        row[col["Điện thoại"] - 1].value = phone
        secrets["điện thoại"].append(phone)
        if i % 3 == 0:
            row[col["Dân tộc"] - 1].value = ETHNIC[i % len(ETHNIC)]
        born = row[col["Ngày sinh"] - 1].value
        if isinstance(born, dt.datetime):
            secrets["ngày sinh"] += _birth_texts(born.date())
    secrets["dân tộc"] = list(ETHNIC)
    wb.save(path)
    assert len(secrets["CCCD"]) >= 20 and len(secrets["ngày sinh"]) >= 20
    args = ["--inputs", str(root / "inputs"), "--outputs", str(root / "outputs"),
            "build", "--month", MONTH, "--json"]
    for kind in kinds():
        args += ["--doc", kind]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root, json.loads(result.stdout), result.stdout, secrets


def _docx_texts(path: Path) -> str:
    """Every XML part of the .docx (body, headers, footers, properties), as plain text."""
    out = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                xml = zf.read(name).decode("utf-8")
                out.append(html.unescape(re.sub(r"<[^>]+>", "", xml)))
                out.append(html.unescape(xml))   # attribute values too
    return _nfc("\n".join(out))


def _pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    parts = [page.extract_text() or "" for page in reader.pages]
    parts += [str(v) for v in (reader.metadata or {}).values()]
    return _nfc("\n".join(parts))


def _xlsx_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    return _nfc("\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows()
                          for c in row if c.value is not None) + "\n" + "\n".join(wb.sheetnames))


def _outputs(root: Path) -> list[Path]:
    return [p for p in sorted((root / "outputs").rglob("*"))
            if p.is_file() and ANNOTATED not in p.parts and ".hoagiai" not in p.parts]


def _leaks(text: str, secrets: dict[str, list[str]]) -> list[str]:
    flat = text.replace(" ", "").replace(".", "")
    found = []
    for what, values in secrets.items():
        for v in values:
            if what in ("CCCD", "điện thoại"):
                hit = v in flat          # also "0986 420 007", "0986.420.007"
            elif what == "dân tộc":
                hit = re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text) is not None
            else:
                hit = v in text
            if hit:
                found.append(f"{what} {v}")
    return found


def test_every_kind_was_built_with_pdfs(built):
    root, out, _, _ = built
    # every kind a month's data plans (a correcting document needs an issued one: test_corrections)
    assert {d["kind"] for d in out["documents"]} == set(kinds()) - set(CORRECTING)
    assert all(d["state"] == "built" for d in out["documents"]), [
        (d["id"], d["state"], d["reasons"]) for d in out["documents"] if d["state"] != "built"]
    assert all(d["pdf"] for d in out["documents"]), out.get("notes")
    assert out["packet"] and Path(out["packet"]).is_file()
    assert any(p.suffix == ".xlsx" for p in _outputs(root))


@pytest.mark.slow
def test_no_personal_data_in_any_output(built):
    root, _, stdout, secrets = built
    readers = {".docx": _docx_texts, ".pdf": _pdf_text, ".xlsx": _xlsx_text,
               ".txt": lambda p: _nfc(p.read_text(encoding="utf-8"))}
    checked = {suffix: 0 for suffix in readers}
    leaks = {}
    for path in _outputs(root):
        reader = readers.get(path.suffix)
        assert reader is not None, f"unexpected output type {path}"
        checked[path.suffix] += 1
        found = _leaks(reader(path), secrets)
        if found:
            leaks[str(path.relative_to(root))] = found[:5]
    assert leaks == {}
    planned = len(set(kinds()) - set(CORRECTING))
    assert checked[".docx"] >= planned and checked[".pdf"] >= planned and checked[".xlsx"] >= 1
    assert _leaks(stdout, secrets) == []                  # the build's JSON (figures, reasons)


def test_documents_never_read_cccd_or_phone(built):
    """The cells each document read (kept for change records) hold no CCCD or phone number:
    what a document never reads, it cannot print. (Ethnicity and birth dates are read — for
    counts, team rules and sorting — and must not be printed: the test above.)"""
    root, _, _, secrets = built
    db = sqlite3.connect(root / "outputs" / ".hoagiai" / "state.sqlite")
    rows = db.execute("SELECT doc_id, cells FROM versions").fetchall()
    db.close()
    assert rows
    for doc_id, cells in rows:
        read = json.loads(cells)
        columns = {k.rsplit("|", 1)[-1] for k in read}
        assert not columns & {"Số CCCD", "Điện thoại"}, (doc_id, columns)
        assert _leaks(_nfc(cells), {k: secrets[k] for k in ("CCCD", "điện thoại")}) == [], doc_id


def test_ethnicity_appears_only_as_counts(built):
    root, out, _, _ = built
    report = next(d for d in out["documents"] if d["id"] == "bc-hoa-giai-2026-nam")
    assert report["figures"]["dan_toc_thieu_so"] >= sum(1 for _ in ETHNIC)  # counted …
    text = _docx_texts(Path(report["docx"]))
    assert not any(name in text for name in ETHNIC)                         # … never named


def test_the_detector_finds_the_marked_values_in_the_roster_itself(built):
    """Positive control: read with the same readers, the clerk's roster shows every kind of
    marked value (so an empty result above means absent, not unreadable)."""
    root, _, _, secrets = built
    found = _leaks(_xlsx_text(root / "inputs" / "hoa_giai_vien.xlsx"), secrets)
    assert {f.split(" ", 1)[0] for f in found} >= {"CCCD", "điện", "dân"}
    assert sum(f.startswith("CCCD") for f in found) == len(secrets["CCCD"])
