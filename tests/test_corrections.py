"""Corrections (issue 17 items 1–3): a data change to an issued document drafts the correcting
document rules/dinh_chinh.yaml calls for; it cites the issued number, date and issuer, states
the change in the document's own words, is issued like any document and linked in the register.
Scenarios on the demo commune's payment decision for May 2026 (issued as số 07)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from hoagiai import docx_text

ORIG = "qd-thu-lao-2026-05"
CV = f"cv-dinh-chinh-{ORIG}"
OLD_TEXT = "Tranh chấp tiền vay mượn giữa hai gia đình"
NEW_TEXT = "Tranh chấp tiền vay giữa hai gia đình"
BUILD = ("build", "--month", "2026-06", "--doc", "qd-thu-lao", "--no-pdf", "--json")


@pytest.fixture
def ws(demo_workspace):
    code, out = run_cli(demo_workspace, *BUILD)
    code, out = run_cli(demo_workspace, "issue", ORIG, "--number", "7", "--date", "2026-06-02",
                        "--no-pdf", "--json")
    assert code == 0, out
    return demo_workspace


def _edit(ws: Path, fn) -> None:
    from openpyxl import load_workbook

    path = ws / "inputs" / "vu_viec.xlsx"
    wb = load_workbook(path)
    fn(wb.active)
    wb.save(path)


def _set(ws: Path, cell: str, value) -> None:
    _edit(ws, lambda sh: sh.__setitem__(cell, value))


def _build(ws: Path) -> dict:
    code, out = run_cli(ws, *BUILD)
    assert code == 0, out
    return out


def _doc(out: dict, doc_id: str) -> Any:     # the document's JSON entry, or None
    return next((d for d in out["documents"] if d["id"] == doc_id), None)


def _text(doc: dict) -> list[str]:
    return docx_text.paragraphs(Path(doc["docx"]))


def _status(ws: Path, doc_id: str) -> Any:   # the document's JSON entry, or None
    code, out = run_cli(ws, "status", "--json")
    return next((d for d in out["documents"] if d["id"] == doc_id), None)


def _issued_copy(ws: Path) -> bytes:
    return (ws / "ho-so-ban-hanh" / "2026" / f"{ORIG}.docx").read_bytes()


def test_a_misspelt_case_summary_drafts_a_cong_van_dinh_chinh(ws):
    issued = _issued_copy(ws)
    _set(ws, "F27", NEW_TEXT)
    out = _build(ws)
    orig, cv = _doc(out, ORIG), _doc(out, CV)
    assert orig["state"] == "correction-drafted" and orig["issued"] is True
    assert any(CV in r for r in orig["reasons"])
    assert cv["corrects"] == ORIG and cv["state"] == "built" and cv["issued"] is False
    lines = _text(cv)
    assert "Số:      /UBND-VP" in lines
    assert "V/v đính chính Quyết định số 07/QĐ-UBND ngày 02/6/2026" in lines
    assert any("đã ban hành Quyết định số 07/QĐ-UBND ngày 02/6/2026 của Ủy ban nhân dân xã An Thành "
               "về việc chi thù lao" in x for x in lines)
    assert (f"- Tại Danh sách kèm theo, dòng số thứ tự 3, cột “Nội dung tóm tắt”, đã viết là: “{OLD_TEXT}”"
            in lines)
    assert f"Nay sửa lại là: “{NEW_TEXT}”" in lines
    assert any(x.endswith("./.") for x in lines)
    # the issued document is untouched
    assert Path(orig["docx"]).read_bytes() == issued == _issued_copy(ws)
    assert _status(ws, ORIG)["state"] == "correction-drafted"
    assert _status(ws, CV)["corrects"] == ORIG
    code, due = run_cli(ws, "due", "--today", "2026-06-01", "--json")
    row = next(d for d in due["deadlines"] if d["doc_id"] == ORIG)
    assert row["state"] == "correction-drafted" and "đính chính" in row["state_label"]


def test_issuing_the_correction_links_both_in_the_register(ws):
    _set(ws, "F27", NEW_TEXT)
    _build(ws)
    code, out = run_cli(ws, "issue", CV, "--number", "8", "--date", "2026-06-05", "--no-pdf", "--json")
    assert code == 0, out
    assert out["corrects"] == ORIG
    assert "Số: 08/UBND-VP" in docx_text.paragraphs(Path(out["docx"]))
    code, reg = run_cli(ws, "register", "--year", "2026", "--json")
    e7, e8 = reg["entries"]
    assert e8["dinh_chinh"] == ORIG and e8["so_ky_hieu"] == "08/UBND-VP"
    assert e8["ghi_chu"] == "Đính chính, sửa đổi văn bản số 07/QĐ-UBND ngày 02/6/2026"
    assert e7["ghi_chu"] == "Được đính chính, sửa đổi bởi văn bản số 08/UBND-VP ngày 05/6/2026"
    out = _build(ws)
    assert _doc(out, ORIG)["state"] == "corrected"
    assert _doc(out, CV) is None          # nothing left to draft
    assert _status(ws, ORIG)["state"] == "corrected"
    # records: both come back after outputs/ is deleted
    shutil.rmtree(ws / "outputs")
    out = _build(ws)
    assert _doc(out, ORIG)["state"] == "corrected"
    assert (ws / "outputs" / "2026" / f"{ORIG}.docx").read_bytes() == _issued_copy(ws)
    assert _status(ws, CV)["state"] == "issued"


def test_a_case_removed_drafts_a_quyet_dinh_sua_doi_bo_sung(ws):
    _edit(ws, lambda sh: sh.delete_rows(27))
    out = _build(ws)
    qd = _doc(out, f"qd-sua-doi-{ORIG}")
    assert qd["corrects"] == ORIG and _doc(out, ORIG)["state"] == "correction-drafted"
    lines = _text(qd)
    assert "Số:      /QĐ-UBND" in lines
    assert any("Sửa đổi, bổ sung Quyết định số 07/QĐ-UBND ngày 02/6/2026" in x for x in lines)
    assert "Căn cứ Quyết định số 07/QĐ-UBND ngày 02/6/2026 của Ủy ban nhân dân xã An Thành về việc chi " \
           "thù lao cho hòa giải viên ở cơ sở tháng 5 năm 2026;" in lines
    assert "4. Tại Điều 1, bãi bỏ: “- Tổ hòa giải thôn Kim Sơn: 01 vụ, việc, 400.000 đồng;”." in lines
    assert any(x.startswith("5. Tại Danh sách kèm theo, dòng số thứ tự 3, bãi bỏ: “Mã vụ việc: VV-2026-025,")
               for x in lines)
    # rates by outcome (TT 56/2023): 3 thành × 400.000 + 1 không thành × 300.000, less one thành
    assert "3. Tại Điều 1, sửa “Tổng số tiền: 1.500.000 đồng (Bằng chữ: Một triệu năm trăm nghìn đồng).” thành " \
           "“Tổng số tiền: 1.100.000 đồng (Bằng chữ: Một triệu một trăm nghìn đồng).”." in lines
    assert "6. Tại Danh sách kèm theo, sửa “Tổng cộng: 04 vụ, việc; 1.500.000 đồng.” thành “Tổng cộng: " \
           "03 vụ, việc; 1.100.000 đồng.”." in lines
    assert not any("VV-2026-024" in x for x in lines)   # renumbered rows are not changes
    assert "TM. ỦY BAN NHÂN DÂN" in lines     # same authority as the decision it amends


def test_a_case_entered_late_drafts_a_supplementary_payment_decision(ws):
    def add(sh):
        sh.append(["VV-2026-099", dt.datetime(2026, 5, 20), "Kim Sơn", None, "Tranh chấp dân sự",
                   "Tranh chấp ranh giới vườn", "Yêu cầu", "Ngô Thị Đào; Lê Minh Cúc",
                   dt.datetime(2026, 5, 20), dt.datetime(2026, 5, 21), "Thành", dt.datetime(2026, 5, 28), None])
    _edit(ws, add)
    out = _build(ws)
    qd = _doc(out, f"qd-chi-bo-sung-{ORIG}")
    assert qd["corrects"] == ORIG
    assert qd["figures"] == {"so_vu_viec": 1, "tong_tien": 400000}
    lines = _text(qd)
    assert any("Chi bổ sung thù lao cho hòa giải viên ở cơ sở đối với 01 vụ, việc" in x for x in lines)
    items = [x for x in lines if x[:3] in ("1. ", "2. ")]
    assert items == ["1. Mã vụ việc: VV-2026-099, Tổ hòa giải (thôn): Kim Sơn, Ngày tiếp nhận: 20/5/2026, "
                     "Ngày kết thúc: 28/5/2026, Nội dung tóm tắt: Tranh chấp ranh giới vườn, Kết quả: Thành, "
                     "Hòa giải viên: Ngô Thị Đào, Lê Minh Cúc, Mức chi (đồng): 400.000."]
    assert "Tổng số tiền chi bổ sung: 400.000 đồng (bằng chữ: Bốn trăm nghìn đồng)." in lines


def test_a_change_reverted_before_the_correction_is_issued_removes_the_draft(ws):
    _set(ws, "F27", NEW_TEXT)
    out = _build(ws)
    draft = Path(_doc(out, CV)["docx"])
    assert draft.exists()
    _set(ws, "F27", OLD_TEXT)
    out = _build(ws)
    assert _doc(out, CV) is None
    assert _doc(out, ORIG)["state"] == "unchanged" and _doc(out, ORIG)["issued"] is True
    assert any(f"Đã bỏ bản dự thảo {CV}" in n for n in out["notes"])
    assert not draft.exists()
    assert _status(ws, CV) is None and _status(ws, ORIG)["state"] == "issued"
    assert list((ws / "outputs" / "2026" / "phien-ban").glob(f"{CV}.v1.docx"))   # kept
    # the same change again drafts it again, without overwriting the kept version
    _set(ws, "F27", NEW_TEXT)
    out = _build(ws)
    assert _doc(out, CV)["version"] == 2


def test_a_correction_of_a_correction(ws):
    _set(ws, "F27", NEW_TEXT)
    _build(ws)
    assert run_cli(ws, "issue", CV, "--number", "8", "--date", "2026-06-05", "--no-pdf")[0] == 0
    _set(ws, "F27", "Tranh chấp khoản vay giữa hai gia đình")
    out = _build(ws)
    second = _doc(out, f"{CV}-2")
    assert second["corrects"] == CV
    assert _doc(out, ORIG)["state"] == "correction-drafted"
    lines = _text(second)
    assert "V/v đính chính Công văn số 08/UBND-VP ngày 05/6/2026" in lines
    assert any(f"đã viết là: “{NEW_TEXT}”" in x for x in lines)
    assert "Nay sửa lại là: “Tranh chấp khoản vay giữa hai gia đình”" in lines
    assert _status(ws, CV)["state"] == "correction-drafted"
    assert run_cli(ws, "issue", f"{CV}-2", "--number", "9", "--date", "2026-06-08", "--no-pdf")[0] == 0
    out = _build(ws)
    assert _doc(out, ORIG)["state"] == "corrected"
    assert _status(ws, ORIG)["state"] == "corrected" and _status(ws, CV)["state"] == "corrected"
    code, reg = run_cli(ws, "register", "--year", "2026", "--json")
    assert [e["dinh_chinh"] for e in reg["entries"]] == [None, ORIG, CV]


def test_change_groups_and_the_rule_file_choose_the_correcting_kind():
    from hoagiai.corrections import groups

    old = {"v.xlsx|S|A|Tên": "x", "v.xlsx|S|B|Tên": "y", "don_vi.yaml|ten_don_vi": "An Thành"}
    assert groups(old, {**old, "v.xlsx|S|A|Tên": "z"}, None, None) == ({"sua-noi-dung"}, 0)
    added = {**old, "v.xlsx|S|C|Tên": "w"}
    assert groups(old, added, {"tong_tien": 1}, {"tong_tien": 2}) == ({"them-ban-ghi", "doi-so-tien"}, 1)
    removed = {k: v for k, v in old.items() if "|B|" not in k}
    assert groups(old, removed, None, None) == ({"bot-ban-ghi"}, 0)
