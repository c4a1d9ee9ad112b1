"""Issue 11, items 3–4, across the four decision kinds of the demo: the text before "Nơi nhận:"
ends with the closing mark "./.", no machine phrasing, the drafting unit from the profile."""

from __future__ import annotations

import dataclasses

import pytest
from roster_doc_fixtures import demo_env, render_lines

from hoagiai.documents import qd_cong_nhan, qd_doan_kiem_tra, qd_kien_toan, qd_thoi

KINDS = [qd_cong_nhan, qd_thoi, qd_kien_toan, qd_doan_kiem_tra]
MACHINE = ["Ông, bà có", "01 ông, bà", "Công nhận 01", " 00 ", "có 0 ", "Người có chức danh",
           "tổ hòa giải các thôn", "chưa có hoặc chưa ghi chép"]


@pytest.fixture(scope="module")
def demo_jobs():
    env = demo_env("2026-12")
    return env, [j for kind in KINDS for j in kind.plan(env)]


def test_every_decision_ends_its_last_article_with_the_closing_mark(demo_jobs):
    _, jobs = demo_jobs
    assert {j.kind for j in jobs} == {"qd-cong-nhan", "qd-thoi", "qd-kien-toan", "qd-doan-kiem-tra"}
    for job in jobs:
        lines = render_lines(job)
        body = lines[:lines.index("Nơi nhận:")]
        assert body[-1].endswith("./."), (job.id, body[-1])
        assert sum(ln.endswith("./.") for ln in lines) == 1, job.id


def test_no_machine_phrasing(demo_jobs):
    _, jobs = demo_jobs
    for job in jobs:
        text = "\n".join(render_lines(job))
        for phrase in MACHINE:
            assert phrase not in text, (job.id, phrase)


def test_drafting_unit_comes_from_the_profile(demo_jobs):
    env, jobs = demo_jobs
    for job in jobs:
        lines = render_lines(job)
        assert "- Lưu: VT, VP." in lines and "- Lưu: VT, TP." not in lines, job.id
        assert job.cells["don_vi.yaml|don_vi_soan_thao"] == "VP"
    profile = dataclasses.replace(env.inputs.profile, don_vi_soan_thao="TP")
    other = dataclasses.replace(env, inputs=dataclasses.replace(env.inputs, profile=profile))
    job = qd_thoi.plan(other)[0]
    assert "- Lưu: VT, TP." in render_lines(job)


def test_luu_line_from_the_profile_unless_the_list_names_one():
    from hoagiai.documents.base import luu_line

    assert luu_line(["Như Điều 3", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã"], "VP") == "Lưu: VT, VP"
    # a plan the clerk wrote, or a payment drafted by the accountant, keeps its own line
    assert luu_line(["Sở Tư pháp", "Lưu: VT, KT"], "VP") == "Lưu: VT, KT"
