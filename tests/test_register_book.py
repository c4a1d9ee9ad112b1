"""`register`: the Sổ đăng ký văn bản đi (Nghị định 30/2020, Phụ lục IV mục I): cover and ten
columns, one row per issued document in number order, survives a deleted outputs/."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import run_cli, two_plan_units

from hoagiai.register import COLUMNS


def _issued(ws: Path) -> None:
    run_cli(ws, "build", "--month", "2026-06", "--doc", "qd-thu-lao", "--no-pdf", "--json")
    for doc, number, date in (("qd-thu-lao-2026-05", "7", "2026-06-02"),
                              ("qd-thu-lao-2026-03", "3", "2026-04-01")):
        code, out = run_cli(ws, "issue", doc, "--number", number, "--date", date, "--no-pdf", "--json")
        assert code == 0, out


def test_register_json_has_the_cover_the_ten_columns_and_rows_in_number_order(demo_workspace):
    _issued(demo_workspace)
    shutil.rmtree(demo_workspace / "outputs")         # the register is a record, not an output
    code, out = run_cli(demo_workspace, "register", "--year", "2026", "--json")
    assert code == 0, out
    assert out["columns"] == ["Số, ký hiệu văn bản", "Ngày tháng văn bản",
                              "Tên loại và trích yếu nội dung văn bản", "Người ký", "Nơi nhận văn bản",
                              "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận",
                              "Ghi chú"]
    c = out["cover"]
    assert (c["ten_so"], c["nam"], c["tu_ngay"], c["den_ngay"], c["tu_so"], c["den_so"]) == \
        ("SỔ ĐĂNG KÝ VĂN BẢN ĐI", 2026, "01/4/2026", "02/6/2026", 3, 7)
    assert c["co_quan"] == "Ủy ban nhân dân xã An Thành"
    e3, e7 = out["entries"]
    assert (e3["so_ky_hieu"], e3["ngay"], e3["id"]) == ("03/QĐ-UBND", "01/4/2026", "qd-thu-lao-2026-03")
    assert e7["so_ky_hieu"] == "07/QĐ-UBND" and e7["trich_yeu"].startswith("Quyết định")
    assert e7["nguoi_ky"] and e7["ban_luu"].startswith("VT")
    assert "Lưu" not in e7["noi_nhan"]
    code, other = run_cli(demo_workspace, "register", "--year", "2025", "--json")
    assert code == 0 and other["entries"] == []


def test_register_xlsx_is_written_atomically_with_text_cells(demo_workspace, tmp_path):
    from openpyxl import load_workbook

    _issued(demo_workspace)
    target = tmp_path / "so-dang-ky.xlsx"
    code, out = run_cli(demo_workspace, "register", "--year", "2026", "--xlsx", str(target), "--json")
    assert code == 0
    sh = load_workbook(target).active
    values = [[c.value for c in row] for row in sh.iter_rows()]
    assert ["SỔ ĐĂNG KÝ VĂN BẢN ĐI"] == [v[0] for v in values if v[0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐI"]
    head = next(i for i, v in enumerate(values) if v[0] == "Số, ký hiệu văn bản")
    assert values[head] == [label for _, label in COLUMNS]
    assert values[head + 1] == [f"({j})" for j in range(1, 11)]
    assert [v[0] for v in values[head + 2:]] == ["03/QĐ-UBND", "07/QĐ-UBND"]
    assert all(c.data_type == "s" for row in sh.iter_rows(min_row=head + 3) for c in row if c.value)
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_formula_like_text_stays_text(tmp_path):
    from openpyxl import load_workbook

    from hoagiai.register import write_xlsx

    entry = {k: "" for k, _ in COLUMNS} | {"trich_yeu": "=HYPERLINK(\"x\")", "so_ban": None}
    book = {"cover": {"co_quan_chu_quan": "", "co_quan": "UBND xã A", "ten_so": "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
                      "nam": 2026, "tu_ngay": "", "den_ngay": "", "tu_so": None, "den_so": None,
                      "quyen_so": 1}, "entries": [entry]}
    write_xlsx(tmp_path / "s.xlsx", [book])
    sh = load_workbook(tmp_path / "s.xlsx").active
    cell = next(c for row in sh.iter_rows() for c in row if c.value == "=HYPERLINK(\"x\")")
    assert cell.data_type == "s"


def test_register_text_output_lists_the_entries(demo_workspace):
    _issued(demo_workspace)
    code, text = run_cli(demo_workspace, "register", "--year", "2026")
    assert code == 0 and "03/QĐ-UBND" in text and "07/QĐ-UBND" in text


def test_a_multi_unit_workspace_has_one_register_per_unit(tmp_path):
    two_plan_units(tmp_path)
    code, out = run_cli(tmp_path, "register", "--year", "2026", "--json")
    assert code == 0, out
    assert [(u["unit"], u["entries"], Path(u["records"]).name) for u in out["units"]] == [
        ("xa-a", [], "xa-a"), ("xa-b", [], "xa-b")]
    assert not (tmp_path / "ho-so-ban-hanh").exists()     # reading never creates the records folder


def test_the_build_keeps_the_years_register_beside_its_documents(demo_workspace):
    """Each year's register is also written as a workbook next to that year's documents, after
    every issue, and comes back after a cleaned outputs/ (the records folder is its source)."""
    from openpyxl import load_workbook

    _issued(demo_workspace)
    path = demo_workspace / "outputs" / "2026" / "so-dang-ky-van-ban-di-2026.xlsx"

    def numbers() -> list[str]:
        sheet = load_workbook(path).active
        return [str(c.value) for c in sheet["A"] if c.value and "/QĐ-UBND" in str(c.value)]

    assert numbers() == ["03/QĐ-UBND", "07/QĐ-UBND"]
    shutil.rmtree(demo_workspace / "outputs")
    code, out = run_cli(demo_workspace, "build", "--month", "2026-06", "--doc", "qd-thu-lao", "--no-pdf", "--json")
    assert code == 0, out
    assert numbers() == ["03/QĐ-UBND", "07/QĐ-UBND"]
