"""Hostile input: oversized files and zip bombs are refused before parsing (also by the
annotated copies), text that a spreadsheet would run as a formula stays text in every workbook
hoagiai writes, names from the data never lead a file outside outputs/, and huge cells or
thousands of formatted blank rows are handled."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.styles import Border, PatternFill, Side

from hoagiai.cli import main
from hoagiai.errors import ConfigError
from hoagiai.load import load_dataset, load_specs
from hoagiai.safe_paths import MAX_BYTES, inside, safe_name
from load_fixtures import HGV_HEADERS, VV_HEADERS, hgv, vv

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
SPECS = load_specs(RULES)
FORMULAS = ["=1+1", "+84912345678", "-Đông", "@SUM(A1:A2)", '=HYPERLINK("http://x","y")']
HOSTILE_NAMES = ["../x", "/etc/passwd", "CON", "a/b", "..", "=1+1", "-Tây", "@Bắc", "+Nam",
                 "nul.txt", " .ẩn", "x\x00y", "Đông\\Phan", "a" * 300]


def run(workspace: Path, *args: str):
    return CliRunner().invoke(main, ["--inputs", str(workspace / "inputs"), "--outputs",
                                     str(workspace / "outputs"), *args], catch_exceptions=False)


def profile(inputs: Path, thon: list[str]) -> None:
    data = yaml.safe_load((ROOT / "inputs" / "don_vi.yaml").read_text(encoding="utf-8"))
    data["thon"] = [{"ten": t} for t in thon]
    (inputs / "don_vi.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def write_rows(path: Path, headers: list[str], rows: list[dict]) -> None:
    """A workbook whose text cells stay text, even "=1+1" (as a clerk's typed text would)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(headers)
    for r, row in enumerate(rows, start=2):
        for c, h in enumerate(headers, start=1):
            value = row.get(h)
            cell = ws.cell(r, c, value)
            if isinstance(value, str) and value[:1] in "=+-@":
                cell.data_type = "s"
    wb.save(path)


def cells_of(path: Path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell


def assert_no_formula(path: Path, expected_texts: list[str]) -> None:
    found = set()
    for sheet, cell in cells_of(path):
        assert cell.data_type != "f", f"{path.name}!{sheet}!{cell.coordinate} is a formula: {cell.value!r}"
        if isinstance(cell.value, str):
            for text in expected_texts:
                if text in cell.value:
                    assert cell.data_type == "s"
                    found.add(text)
    assert found, f"none of {expected_texts} was written to {path.name}"


# --------------------------------------------------------------------------- size limits and zip bombs

@pytest.fixture
def parsers_must_not_run(monkeypatch):
    from hoagiai.load import dataset

    def refuse(*args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(dataset, "read_workbook", refuse)
    monkeypatch.setattr(dataset, "read_csv", refuse)


def _roster(path: Path, n: int = 3) -> None:
    write_rows(path, HGV_HEADERS, [hgv(ho_ten=f"Nguyễn Văn {chr(65 + i)}") for i in range(n)])


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path, suffix, parsers_must_not_run):
    if suffix == ".xlsx":
        _roster(tmp_path / "hoa_giai_vien.xlsx")
    else:
        (tmp_path / "hoa_giai_vien.csv").write_text(",".join(HGV_HEADERS) + "\n" + "x," * 4000, encoding="utf-8")
    table, findings = load_dataset(tmp_path, SPECS["hoa_giai_vien"], max_bytes=2000)
    assert [(f.code, f.severity, f.row) for f in findings] == [("file-too-large", "error", None)]
    assert len(table) == 0


def _bomb(path: Path, megabytes: int = 60) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            for _ in range(megabytes):
                fh.write(b"<row/>" * 174763)


def test_zip_bomb_is_refused_before_parsing(tmp_path, parsers_must_not_run):
    _bomb(tmp_path / "hoa_giai_vien.xlsx")
    assert (tmp_path / "hoa_giai_vien.xlsx").stat().st_size < 1_000_000
    table, findings = load_dataset(tmp_path, SPECS["hoa_giai_vien"])
    assert [f.code for f in findings] == ["suspicious-archive"]


def test_zip_lying_about_its_sizes_is_not_expanded(tmp_path):
    """A central directory that understates a part's size passes the ratio check; the reader
    then stops at the declared size and the file is reported unreadable."""
    path = tmp_path / "hoa_giai_vien.xlsx"
    write_rows(path, HGV_HEADERS, [hgv(ho_ten=f"Người {i}") for i in range(3000)])
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_len]) == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, at + 24, 1000)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, 1000)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    table, findings = load_dataset(tmp_path, SPECS["hoa_giai_vien"])
    assert [f.code for f in findings] == ["unreadable-file"] and len(table) == 0


def test_validate_with_a_bomb_and_a_broken_workbook_reports_and_never_reopens_them(tmp_path):
    """Regression: the annotated copy used to reopen refused files with openpyxl (a zip bomb
    expanded in memory; a broken file crashed `validate` with exit 3)."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name in ("don_vi.yaml", "ke_hoach_2026.yaml"):
        shutil.copy(ROOT / "inputs" / name, inputs / name)
    _bomb(inputs / "hoa_giai_vien.xlsx")
    (inputs / "vu_viec.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    result = run(tmp_path, "validate", "--json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    codes = {(f["file"], f["code"]) for f in report["findings"]}
    assert {("hoa_giai_vien.xlsx", "suspicious-archive"), ("vu_viec.xlsx", "unreadable-file")} <= codes
    assert not any(name in report.get("annotated", {}) for name in ("hoa_giai_vien.xlsx", "vu_viec.xlsx"))


# --------------------------------------------------------------------------- huge cells, formatted blank rows

def test_one_megabyte_cell_and_ten_thousand_formatted_blank_rows(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HGV_HEADERS)
    rows = [hgv(ho_ten="Nguyễn Văn An"), hgv(ho_ten="Trần Thị Bình")]
    rows[1]["Số quyết định công nhận"] = "Q" * 1_000_000
    for row in rows:
        ws.append([row.get(h) for h in HGV_HEADERS])
    fill, side = PatternFill("solid", fgColor="FFFF00"), Side(style="thin")
    border = Border(left=side, right=side, top=side, bottom=side)
    for r in range(4, 10_004):
        for c in range(1, len(HGV_HEADERS) + 1):
            cell = ws.cell(r, c)
            cell.fill, cell.border = fill, border
    wb.save(tmp_path / "hoa_giai_vien.xlsx")
    table, findings = load_dataset(tmp_path, SPECS["hoa_giai_vien"])
    assert list(table.frame["_row"]) == [2, 3]             # the formatted blank rows are not data
    assert all(f.row in (None, 2, 3) for f in findings)    # and give no finding
    assert 0 < len(table.frame["so_qd_cong_nhan"].iloc[1]) <= 1_000_000   # read (maybe cut at Excel's 32,767)


def test_one_megabyte_csv_field_is_a_finding_not_a_crash(tmp_path):
    line = ["1", "Nguyễn Văn An", "1970", "Nam", "", "An Lại", "", "Hòa giải viên"]
    text = ",".join(HGV_HEADERS[:8]) + "\n" + ",".join(line) + "\n"
    text += ",".join(line[:1] + ["B" * 1_000_000] + line[2:]) + "\n"
    (tmp_path / "hoa_giai_vien.csv").write_text(text, encoding="utf-8")
    table, findings = load_dataset(tmp_path, SPECS["hoa_giai_vien"])
    assert findings and all(f.severity in ("error", "warning") and f.file == "hoa_giai_vien.csv"
                            for f in findings)
    assert all(len(str(f.value or "")) < 1000 and len(f.message) < 1000 for f in findings)


# --------------------------------------------------------------------------- formulas stay text

def _hostile_workspace(tmp_path: Path) -> Path:
    """A workspace whose thôn, names and values start with = + - @ (and whose thôn names look
    like paths)."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(ROOT / "inputs" / "ke_hoach_2026.yaml", inputs)
    thon = ["=1+1", "-Đông", "@Bắc", "+Nam", "../x", "/etc/passwd", "CON", "a/b"]
    profile(inputs, thon)
    roster, cases = [], []
    for i, t in enumerate(thon):
        for j, role in enumerate(["Tổ trưởng", "Hòa giải viên", "Hòa giải viên"]):
            roster.append(hgv(ho_ten=f"Nguyễn Văn {chr(65 + i)}{chr(65 + j)}", thon=t, chuc_danh=role,
                              gioi_tinh="Nữ" if j == 1 else "Nam", ngay_cong_nhan=dt.datetime(2026, 2, 3),
                              so_cccd=f"03117000{i}{j:03d}"))   # one CCCD per person
        cases.append(vv(ma_vu_viec=f"VV-{i:02d}", thon=t, hoa_giai_vien=f"Nguyễn Văn {chr(65 + i)}A",
                        noi_dung="=cmd|' /C calc'!A0" if i == 0 else "Tranh chấp lối đi"))
    write_rows(inputs / "hoa_giai_vien.xlsx", HGV_HEADERS, roster)
    write_rows(inputs / "vu_viec.xlsx", VV_HEADERS, cases)
    return tmp_path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    ws = _hostile_workspace(tmp_path_factory.mktemp("hostile"))
    before = {p for p in ws.parent.rglob("*")}
    result = run(ws, "build", "--month", "2026-12", "--no-pdf", "--json")
    assert result.exit_code in (0, 1), result.output
    return ws, json.loads(result.stdout), before


def test_annotated_copies_keep_formula_text_as_text(tmp_path):
    ws = _hostile_workspace(tmp_path)
    roster = openpyxl.load_workbook(ws / "inputs" / "hoa_giai_vien.xlsx")
    bad = hgv(ho_ten="=Sai Giới Tính", thon="=1+1", gioi_tinh="=Nam")   # an invalid value to annotate
    roster.active.append([bad.get(h) for h in HGV_HEADERS])
    for cell in roster.active[roster.active.max_row]:
        if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
            cell.data_type = "s"
    roster.save(ws / "inputs" / "hoa_giai_vien.xlsx")
    result = run(ws, "validate", "--json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert any(f["value"] == "=Nam" and f["code"] == "invalid-enum" for f in report["findings"])
    copy = ws / "outputs" / "kiem-tra-du-lieu" / "hoa_giai_vien.loi.xlsx"
    assert report["annotated"]["hoa_giai_vien.xlsx"] == str(copy)
    assert_no_formula(copy, ["=Sai Giới Tính", "=Nam", "=1+1", "-Đông"])
    assert "Lỗi" in openpyxl.load_workbook(copy).sheetnames


def test_statistical_tables_keep_thon_names_as_text(hostile):
    ws, out, _ = hostile
    books = sorted((ws / "outputs").rglob("bc-hoa-giai-*.xlsx"))
    books = [b for b in books if "phien-ban" not in b.parts]
    assert books, [d["id"] for d in out["documents"]]
    for book in books:
        assert_no_formula(book, ["=1+1", "-Đông", "@Bắc", "+Nam"])


def test_every_workbook_written_has_no_formula(hostile):
    ws, _, _ = hostile
    books = list((ws / "outputs").rglob("*.xlsx"))
    assert books
    for book in books:
        for _, cell in cells_of(book):
            assert cell.data_type != "f", f"{book.name}!{cell.coordinate}: {cell.value!r}"


def test_names_from_data_never_lead_outside_outputs(hostile):
    ws, out, before = hostile
    outputs = (ws / "outputs").resolve()
    created = {p for p in ws.parent.rglob("*")} - before
    assert created
    for p in created:
        assert p.resolve() == outputs or outputs in p.resolve().parents, p
    for d in out["documents"]:
        for key in ("docx", "pdf", "previous"):
            if d.get(key):
                assert outputs in Path(d[key]).resolve().parents
    assert not any(p.name in ("passwd", "x", "b") for p in created)
    assert not Path("/etc/passwd.docx").exists()


# --------------------------------------------------------------------------- safe names

@pytest.mark.parametrize("text,expected", [
    ("../x", "-x"), ("/etc/passwd", "-etc-passwd"), ("CON", "_CON"), ("con.txt", "_con.txt"),
    ("a/b", "a-b"), ("..", "_"), ("", "_"), ("x\x00y", "x y"), ("Đông\\Phan", "Đông-Phan"),
    ("  Thôn   Đông  ", "Thôn Đông"), ("LPT1", "_LPT1"), ('a:b*c?"<>|', "a-b-c-----"),
    ("Hòa giải", "Hòa giải"), (".hidden", "hidden"), ("=1+1", "=1+1"),
])
def test_safe_name_examples(text, expected):
    assert safe_name(text) == expected


def test_safe_name_keeps_utf8_length_and_nfc():
    name = safe_name("Nguyễn " * 100)
    assert len(name.encode("utf-8")) <= MAX_BYTES and name == safe_name(name)
    assert safe_name("Hoa\u0300") == "Hoà"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_safe_name_is_always_one_harmless_component(text):
    name = safe_name(text)
    assert name and name not in (".", "..") and not name.startswith((".", " "))
    assert not any(c in name for c in '/\\:*?"<>|\x00') and len(name.encode("utf-8")) <= MAX_BYTES
    assert safe_name(name) == name
    base = Path("/tmp/hoagiai-safe-name-base")
    assert (base / name).resolve().parent == base.resolve()


def test_inside(tmp_path):
    out = tmp_path / "outputs"
    (out / "2026").mkdir(parents=True)
    assert inside(out, out / "2026" / "a.docx") == out / "2026" / "a.docx"
    assert inside(out, out) == out
    for bad in (out / ".." / "x.docx", Path("/etc/passwd"), out / "2026" / ".." / ".." / "y"):
        with pytest.raises(ConfigError):
            inside(out, bad)
    os.symlink("/etc", out / "lien-ket")
    with pytest.raises(ConfigError):
        inside(out, out / "lien-ket" / "passwd")


def test_a_document_id_that_is_not_a_safe_file_name_is_refused():
    from hoagiai.documents.base import DocJob

    for bad in ("../x", "qd/thu-lao", "", ".an", "CON"):
        with pytest.raises(ConfigError):
            DocJob(id=bad, kind="qd-thu-lao", title="t", template="qd-thu-lao.docx", year=2026, month=1,
                   symbol="QĐ-UBND", context={})
    DocJob(id="qd-thu-lao-2026-05", kind="qd-thu-lao", title="t", template="qd-thu-lao.docx", year=2026,
           month=5, symbol="QĐ-UBND", context={})


@pytest.mark.parametrize("unit", ["CON", "-x", "=1+1", "Xã Đông"])
def test_multi_unit_folder_names_stay_inside_outputs(tmp_path, unit):
    inputs = tmp_path / "inputs" / unit
    inputs.mkdir(parents=True)
    for name in ("don_vi.yaml", "ke_hoach_2026.yaml"):
        shutil.copy(ROOT / "inputs" / name, inputs / name)
    before = set(tmp_path.rglob("*"))
    result = run(tmp_path, "build", "--month", "2026-12", "--no-pdf", "--json", "--jobs", "1")
    assert result.exit_code in (0, 1), result.output   # 1: documents needing a roster are blocked
    outputs = (tmp_path / "outputs").resolve()
    created = set(tmp_path.rglob("*")) - before
    assert any(p.suffix == ".docx" for p in created)
    assert all(p.resolve() == outputs or outputs in p.resolve().parents for p in created)


@pytest.mark.parametrize("unit", [".an", " x"])
def test_multi_unit_hidden_or_padded_folder_is_refused(tmp_path, unit):
    for name in (unit, "xa-thuong"):
        inputs = tmp_path / "inputs" / name
        inputs.mkdir(parents=True)
        shutil.copy(ROOT / "inputs" / "don_vi.yaml", inputs / "don_vi.yaml")
    result = run(tmp_path, "build", "--month", "2026-12", "--no-pdf", "--jobs", "1")
    assert result.exit_code == 2
    assert not (tmp_path / "outputs").exists() or not any((tmp_path / "outputs").rglob("*.docx"))


def test_unit_output_folder_symlinked_outside_is_refused(tmp_path):
    for name in ("xa-a", "xa-b"):
        inputs = tmp_path / "inputs" / name
        inputs.mkdir(parents=True)
        shutil.copy(ROOT / "inputs" / "don_vi.yaml", inputs / "don_vi.yaml")
    elsewhere = tmp_path / "ngoai"
    elsewhere.mkdir()
    (tmp_path / "outputs").mkdir()
    os.symlink(elsewhere, tmp_path / "outputs" / "xa-a")
    result = run(tmp_path, "build", "--month", "2026-12", "--no-pdf", "--jobs", "1")
    assert result.exit_code == 2
    assert list(elsewhere.iterdir()) == []
