"""Issue 11 for the reports, payments, inspection notice and demo: every draft signable as it
stands — no working notes, no claim about days not yet past, a consistent calendar, the
documents of the period from the register, the statistical forms as data."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import run_cli

from hoagiai import docx_text
from hoagiai.rulefiles import bieu_thong_ke, lich_bao_cao
from hoagiai.documents import bc_hoa_giai
from hoagiai.documents.base import Month
from hoagiai.errors import RuleFileError
from report_fixtures import RULES, env
from roster_doc_fixtures import render_lines

FORBIDDEN = ("minh họa", "minh hoạ", "gần đúng")


def test_no_document_of_a_whole_demo_build_carries_a_working_note(demo_workspace):
    code, out = run_cli(demo_workspace, "build", "--month", "2026-12", "--no-pdf", "--json")
    assert code == 0
    docs = [d for d in out["documents"] if d["docx"]]
    assert len(docs) >= 20 and {d["kind"] for d in docs} >= {
        "ke-hoach", "qd-kien-toan", "qd-cong-nhan", "qd-thoi", "qd-doan-kiem-tra", "tb-kiem-tra",
        "qd-thu-lao", "bc-hoa-giai", "bc-de-an"}
    for d in docs:
        text = docx_text.normalised(Path(d["docx"])).casefold()
        for word in FORBIDDEN:
            assert word not in text, (d["id"], word)
        assert not re.search(r"\d ×|× \d| = \d", text), d["id"]      # no arithmetic in official text
    # the illustrative settings are warnings naming the rule file and the key
    notes = [(f["file"], f["column"]) for f in out["findings"] if f["code"] == "rule-illustrative"]
    assert ("rules/lich_bao_cao.yaml", "bao_cao[1]") in notes


def _calendar(tmp_path, old: str, new: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    path = rules / "lich_bao_cao.yaml"
    text = path.read_text(encoding="utf-8")
    assert re.search(old, text)
    path.write_text(re.sub(old, new, text, count=1), encoding="utf-8")
    return rules


YEAR_ESTIMATE = r"    uoc_tinh:\n      thuc_te_den: \{ngay: 31, thang: 10\}\n      nguon: [^\n]*\n"


def test_a_deadline_before_its_period_end_needs_the_estimate_mark(tmp_path, demo_workspace):
    rules = _calendar(tmp_path, YEAR_ESTIMATE, "")
    with pytest.raises(RuleFileError) as e:
        lich_bao_cao.load(rules).reports("bc-hoa-giai", 2026)
    assert e.value.key == "bao_cao[1].han_gui" and "uoc_tinh" in str(e.value)
    code, _ = run_cli(demo_workspace, "--rules", str(rules), "build", "--month", "2026-12", "--no-pdf")
    assert code == 2


def test_an_actual_data_cut_off_after_the_deadline_is_a_configuration_error(tmp_path):
    rules = _calendar(tmp_path, r"thuc_te_den: \{ngay: 31, thang: 10\}", "thuc_te_den: {ngay: 30, thang: 11}")
    with pytest.raises(RuleFileError) as e:
        lich_bao_cao.load(rules).reports("bc-hoa-giai", 2026)
    assert "trước ngày chốt số liệu thực tế 30/11/2026" in str(e.value)


def test_a_report_never_counts_past_the_build_month(tmp_path):
    # without the estimate (deadline after the period), a year report built in November runs to 30/11
    rules = _calendar(tmp_path, r"    han_gui: \{ngay: 20, thang: 11\}\n    minh_hoa: true\n" + YEAR_ESTIMATE,
                      "    han_gui: null\n")
    job = {j.id: j for j in bc_hoa_giai.plan(env(Month(2026, 11), rules_dir=rules))}["bc-hoa-giai-2026-nam"]
    text = "\n".join(render_lines(job))
    assert ("Số liệu tính đến ngày 30/11/2026; số liệu từ ngày 01/12/2026 đến ngày 31/12/2026 sẽ được tổng hợp "
            "khi kết thúc kỳ báo cáo.") in text
    assert "Tính đến ngày 30/11/2026, toàn xã có" in text


def test_the_yearly_report_lists_the_documents_of_its_period_with_their_numbers():
    e = env(Month(2026, 12))
    drafts = "\n".join(render_lines({j.id: j for j in bc_hoa_giai.plan(e)}["bc-hoa-giai-2026-nam"]))
    assert "Các văn bản về công tác hòa giải ở cơ sở trong kỳ:" in drafts
    assert "(dự thảo tháng 5/2026, chưa ban hành)" in drafts
    e.registered = lambda doc_id: (5, "KH-UBND", "2026-05-12") if doc_id == "ke-hoach-2026" else None
    job = {j.id: j for j in bc_hoa_giai.plan(e)}["bc-hoa-giai-2026-nam"]
    assert any(x.startswith("- Kế hoạch số 05/KH-UBND ngày 12/5/2026 thực hiện Đề án") for x in render_lines(job))
    assert job.cells["register|ke-hoach-2026"] == [5, "KH-UBND", "2026-05-12"]   # part of the fingerprint


def test_zero_counts_read_as_an_official_writes_them():
    from hoagiai.documents import bc_noi_dung

    cau = env().kind_settings("bc-hoa-giai")["cau"]
    e = env(Month(2026, 12), cases=[])
    st = bc_hoa_giai.unit_stats(e, dt.date(2026, 1, 1), dt.date(2026, 10, 31),
                                bc_hoa_giai.targets(e, dt.date(2026, 10, 31)))
    assert bc_noi_dung.hoat_dong(cau, st) == [
        "Trong kỳ, các tổ hòa giải không tiếp nhận vụ, việc mới; không có vụ, việc hòa giải thành; "
        "không có vụ, việc hòa giải không thành; không còn vụ, việc đang giải quyết."]
    assert bc_noi_dung.kinh_phi(cau, st, cau["nhom_ket_qua"]) == [
        "Trong kỳ không có vụ, việc kết thúc hòa giải được chi thù lao."]
    assert bc_noi_dung.ty_le_thanh(cau, st, "") == (
        "Trong kỳ chưa có vụ, việc kết thúc hòa giải để tính tỷ lệ hòa giải thành.")


def test_out_of_scope_requests_are_shown_apart_in_the_report():
    from report_fixtures import CASES, _c

    cases = CASES + [_c("N-1", "An Lại", "2026-03-02", "Không thuộc phạm vi", None, "Khác")]
    job = {j.id: j for j in bc_hoa_giai.plan(env(cases=cases))}["bc-hoa-giai-2026-nam"]
    text = "\n".join(render_lines(job))
    assert ("Ngoài ra, các tổ hòa giải đã hướng dẫn 01 yêu cầu không thuộc phạm vi hòa giải ở cơ sở (Điều 3 Luật "
            "Hòa giải ở cơ sở) đến cơ quan có thẩm quyền giải quyết; các yêu cầu này không tính vào số vụ, việc "
            "hòa giải.") in text


def test_a_ministry_form_change_is_a_rule_file_edit(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    path = rules / bieu_thong_ke.FILE
    text = path.read_text(encoding="utf-8")
    text = text.replace('ten: Kết quả hòa giải theo lĩnh vực\n        ma: ""',
                        'ten: Kết quả hòa giải theo lĩnh vực\n        ma: "11a/TP/PBGDPL"')
    text = text.replace("Đơn vị nhận báo cáo: {cap_tren}", "Đơn vị nhận báo cáo: Sở Tư pháp thành phố")
    path.write_text(text.replace("tieu_de: Đang giải quyết", "tieu_de: \"Đang giải quyết, chuyển kỳ sau\""),
                    encoding="utf-8")
    job = {j.id: j for j in bc_hoa_giai.plan(env(rules_dir=rules))}["bc-hoa-giai-2026-nam"]
    lines = render_lines(job)
    assert "Biểu số: 11a/TP/PBGDPL" in lines and "Đang giải quyết, chuyển kỳ sau" in lines
    assert "Đơn vị nhận báo cáo: Sở Tư pháp thành phố" in lines
    i = lines.index("Người lập biểu")
    assert lines[i:i + 4] == ["Người lập biểu", "(Ký, ghi rõ họ tên)", "Thủ trưởng đơn vị",
                              "(Ký, ghi rõ họ tên, đóng dấu)"]
    path.write_text(text.replace("khoa: dang_giai_quyet", "khoa: dang_xu_ly", 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        bieu_thong_ke.load(rules, dt.date(2026, 12, 31))
    assert e.value.key == "bo_bieu[0].bieu[1].cot[4].khoa"
