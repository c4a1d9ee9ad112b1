"""qd-kien-toan: yearly month from the kind file, on request, one appendix per team (a table
inside a paragraph loop), members on the decision's date, whole-decision blocking by the
Điều 12 team rules, and the demo decision's text (golden)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml
from pypdf import PdfReader
from roster_doc_fixtures import (CCCD, PHONE, RULES, TEMPLATES, by_id, make_env, person,
                                 render_lines, table, team)

from hoagiai import docx_text
from hoagiai.documents import qd_cong_nhan, qd_kien_toan
from hoagiai.convert import PdfConverter, find_soffice
from hoagiai.render import compiled, render_docxtpl

KIND = "qd-kien-toan"


def two_teams(*extra):
    return [table("hoa_giai_vien", [*team("An Lại", "Trần"), *team("Đông Phan", "Lê"), *extra])]


def thang_kien_toan() -> int:
    return yaml.safe_load((RULES / "van_ban" / "qd-kien-toan.yaml").read_text(encoding="utf-8"))["thang_kien_toan"]


def test_yearly_decision_in_the_configured_month(tmp_path):
    m = thang_kien_toan()
    job, = qd_kien_toan.plan(make_env(two_teams(), f"2026-{m:02d}"))
    assert (job.id, job.month, job.on_request) == ("qd-kien-toan-2026", m, False)
    # the month is a setting: moved to June, a May build has none and a July build has it
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    path = rules / "van_ban" / "qd-kien-toan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"thang_kien_toan: {m}", "thang_kien_toan: 6"),
                    encoding="utf-8")
    assert qd_kien_toan.plan(make_env(two_teams(), "2026-05", rules=rules)) == []
    job, = qd_kien_toan.plan(make_env(two_teams(), "2026-07", rules=rules))
    assert (job.id, job.month) == ("qd-kien-toan-2026", 6)


def test_on_request_adds_one_for_the_build_month():
    jobs = qd_kien_toan.plan(make_env(two_teams(), "2026-09", requested=frozenset({KIND})))
    assert [(j.id, j.month, j.on_request) for j in jobs] == [
        ("qd-kien-toan-2026", thang_kien_toan(), False), ("qd-kien-toan-2026-09", 9, True)]
    assert jobs[1].title == "Quyết định kiện toàn tổ hòa giải ở cơ sở tháng 9 năm 2026"
    m = thang_kien_toan()
    only = qd_kien_toan.plan(make_env(two_teams(), f"2026-{m:02d}", requested=frozenset({KIND})))
    assert [j.id for j in only] == ["qd-kien-toan-2026"]


def test_members_are_those_active_at_the_end_of_the_decisions_month():
    extra = [person("Ngô Văn Mới", "An Lại", ngay_cong_nhan="2026-09-10"),
             person("Phạm Văn Cũ", "An Lại", ngay_cong_nhan="2024-01-01", ngay_thoi="2026-05-04",
                    ly_do_thoi="Tự nguyện"),
             person("Vũ Văn Đề", "An Lại", ngay_cong_nhan=None)]
    jobs = by_id(qd_kien_toan.plan(make_env(two_teams(*extra), "2026-09", requested=frozenset({KIND}))))
    names = lambda j: [p["ho_ten"] for t in j.context["to"] for p in t["danh_sach"]]  # noqa: E731
    assert "Phạm Văn Cũ" in names(jobs["qd-kien-toan-2026"])
    assert "Ngô Văn Mới" not in names(jobs["qd-kien-toan-2026"])
    assert "Phạm Văn Cũ" not in names(jobs["qd-kien-toan-2026-09"])
    assert "Ngô Văn Mới" in names(jobs["qd-kien-toan-2026-09"])
    assert "Vũ Văn Đề" not in names(jobs["qd-kien-toan-2026-09"])


def test_one_appendix_per_team_rendered_from_one_loop():
    job, = qd_kien_toan.plan(make_env(two_teams(person("Đỗ Thị Ánh", "Kim Sơn", gioi_tinh="Nữ"),
                                                person("Hà Văn Bình", "Kim Sơn", chuc_danh="Tổ trưởng"),
                                                person("Vũ Văn Cường", "Kim Sơn")), "2026-12"))
    assert [(t["phu_luc"], t["tieu_de"]) for t in job.context["to"]] == [
        ("I", "DANH SÁCH TỔ HÒA GIẢI THÔN AN LẠI"), ("II", "DANH SÁCH TỔ HÒA GIẢI THÔN ĐÔNG PHAN"),
        ("III", "DANH SÁCH TỔ HÒA GIẢI THÔN KIM SƠN")]
    lines = render_lines(job)
    assert [ln for ln in lines if ln.startswith("Phụ lục ")] == ["Phụ lục I", "Phụ lục II", "Phụ lục III"]
    assert lines.count("STT") == 3          # three tables, one per appendix
    assert ("- Tổ hòa giải thôn Kim Sơn: 03 hòa giải viên, trong đó 01 nữ; tổ trưởng: ông Hà Văn Bình "
            "(danh sách tại Phụ lục III).") in lines
    assert "Danh sách hòa giải viên, tổ trưởng của từng tổ tại các Phụ lục kèm theo Quyết định này." in lines
    assert next(ln for ln in lines if ln.startswith("Điều 3.")).endswith("thi hành Quyết định này./.")
    assert "Điều 1. Kiện toàn 03 tổ hòa giải ở cơ sở của xã An Thành với tổng số 09 hòa giải viên, gồm:" in lines
    kim_son = lines[lines.index("DANH SÁCH TỔ HÒA GIẢI THÔN KIM SƠN"):]
    assert [kim_son[i] for i in (9, 15, 21)] == ["Đỗ Thị Ánh", "Hà Văn Bình", "Vũ Văn Cường"]
    # docxtpl itself (the reference renderer) renders the table-in-a-paragraph-loop the same way
    ref = [p for p in docx_text.paragraphs(render_docxtpl(TEMPLATES / job.template, job.context)) if p.strip()]
    assert ref == lines
    text = "\n".join(lines)
    assert CCCD not in text and PHONE not in text and "15/04/1970" not in text


@pytest.mark.parametrize("rows, code_text", [
    ([person("Lê Văn Trưởng", "Đông Phan", chuc_danh="Tổ trưởng"),
      person("Lê Thị Hoa", "Đông Phan", gioi_tinh="Nữ")], "chỉ có 2 hòa giải viên"),
    ([person("Lê Văn Trưởng", "Đông Phan", chuc_danh="Tổ trưởng"),
      person("Lê Văn Hoa", "Đông Phan"), person("Lê Văn Minh", "Đông Phan")], "chưa có hòa giải viên nữ"),
    ([person("Lê Văn Trưởng", "Đông Phan"), person("Lê Thị Hoa", "Đông Phan", gioi_tinh="Nữ"),
      person("Lê Văn Minh", "Đông Phan")], "tổ trưởng"),
])
def test_team_breaking_article_12_blocks_the_whole_decision(rows, code_text):
    t = [table("hoa_giai_vien", [*team("An Lại", "Trần"), *rows])]
    env = make_env(t, "2026-12", requested=frozenset({KIND}))
    jobs = qd_kien_toan.plan(env)
    assert jobs and all(j.blocked and j.context == {} for j in jobs)
    reason = jobs[0].reasons[0]
    # the message states the date the composition was checked at (issue 12 item 11)
    assert reason.startswith("Thành phần tổ hòa giải xét tại ngày 31/01/2026 — "
                             "hoa_giai_vien.xlsx, trang Sheet1, dòng ")
    assert "Đông Phan" in reason and code_text in reason
    assert all("An Lại" not in r for r in jobs[0].reasons)
    # another kind in the same build is not blocked by the team problem
    recognised = table("hoa_giai_vien", [*team("An Lại", "Trần"), *rows,
                                         person("Ngô Văn Mới", "An Lại", ngay_cong_nhan="2026-11-02")])
    assert not qd_cong_nhan.plan(make_env([recognised], "2026-12"))[-1].blocked


def test_team_rules_are_judged_on_the_decisions_own_date():
    # Đông Phan's woman stops in May: the January decision is lawful, a September one is not
    rows = [*team("An Lại", "Trần"), person("Lê Văn Trưởng", "Đông Phan", chuc_danh="Tổ trưởng"),
            person("Lê Văn Minh", "Đông Phan"), person("Lê Văn Nam", "Đông Phan"),
            person("Lê Thị Hoa", "Đông Phan", gioi_tinh="Nữ", ngay_thoi="2026-05-04", ly_do_thoi="Tự nguyện")]
    jobs = by_id(qd_kien_toan.plan(make_env([table("hoa_giai_vien", rows)], "2026-09",
                                            requested=frozenset({KIND}))))
    assert not jobs["qd-kien-toan-2026"].blocked
    assert jobs["qd-kien-toan-2026-09"].blocked
    assert "chưa có hòa giải viên nữ" in jobs["qd-kien-toan-2026-09"].reasons[0]


def test_legal_bases_and_rule_files():
    job, = qd_kien_toan.plan(make_env(two_teams(), "2026-12"))
    assert [c.split(" ngày")[0] for c in job.context["can_cu"]] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương", "Căn cứ Luật Hòa giải ở cơ sở",
        "Căn cứ Nghị định số 15/2014/NĐ-CP", "Căn cứ Nghị quyết liên tịch số 01/2014/NQLT/CP-UBTƯMTTQVN"]
    assert "kiem_tra/nhom.yaml" in job.rule_files


@pytest.mark.skipif(shutil.which("pdftotext") is None or find_soffice() is None,
                    reason="LibreOffice and pdftotext are needed to read the page numbers of the PDF")
def test_appendix_pages_are_numbered_from_1_in_each_appendix(tmp_path):
    """Item 4 (Nghị định 30/2020, Phụ lục I): "Số trang của Phụ lục được đánh số riêng theo từng
    Phụ lục" — a two-page Phụ lục I shows "2" on its second page (not 4), and every appendix
    starts on a new page; read from the PDF, page by page."""
    big = [person(f"Nguyễn Văn Số{i:02d}", "An Lại", chuc_danh="Tổ trưởng" if i == 0 else "Hòa giải viên",
                  gioi_tinh="Nữ" if i % 3 == 0 else "Nam") for i in range(40)]
    job, = qd_kien_toan.plan(make_env([table("hoa_giai_vien", [*big, *team("Đông Phan", "Lê")])], "2026-12"))
    assert not job.blocked
    docx = tmp_path / "kt.docx"
    docx.write_bytes(compiled(TEMPLATES / job.template).render(job.context))
    with PdfConverter(workers=1, profile_root=tmp_path / "profiles") as conv:
        result, = conv.convert([(docx, tmp_path / "kt.pdf")])
    assert result.ok and result.pdf is not None, result.error
    pages = []
    for i in range(1, len(PdfReader(result.pdf).pages) + 1):
        out = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(result.pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
        pages.append([ln.strip() for ln in out.splitlines() if ln.strip()])
    starts = {p[0]: i for i, p in enumerate(pages) if p[0].startswith("Phụ lục")}
    assert list(starts) == ["Phụ lục I", "Phụ lục II"]
    first, second = starts["Phụ lục I"], starts["Phụ lục II"]
    assert second - first == 2                       # Phụ lục I runs over two pages
    assert pages[first + 1][0] == "2"                 # … numbered 2, not first + 2
    assert pages[1][0] == "2"                         # the decision's own second page
    # no appendix page carries a number running on from the decision (3, 4, 5 …)
    assert [p[0] for p in pages[first:] if p[0].isdigit()] == ["2"]
