"""One planning pass makes each document once (hoagiai.documents.base.DocEnv.once): the reports
list the documents of their months by planning the kinds again, and get the build's own jobs."""

from __future__ import annotations

import dataclasses

from roster_doc_fixtures import demo_env

from hoagiai.documents import bc_hoa_giai, module, qd_cong_nhan, qd_kien_toan
from hoagiai.documents.base import Month


def _count(monkeypatch, mod) -> list[str]:
    made: list[str] = []
    real = mod.make_job

    def counting(*args, **kw):
        job = real(*args, **kw)
        made.append(job.id)
        return job

    monkeypatch.setattr(mod, "make_job", counting)
    return made


def test_a_report_reuses_the_decisions_the_build_planned(monkeypatch):
    env = demo_env("2026-11")
    kien_toan = _count(monkeypatch, qd_kien_toan)
    cong_nhan = _count(monkeypatch, qd_cong_nhan)
    own = {kind: module(kind).plan(env) for kind in ("qd-kien-toan", "qd-cong-nhan")}
    assert kien_toan == ["qd-kien-toan-2026"]
    before = len(cong_nhan)
    assert before == len(own["qd-cong-nhan"]) > 0

    reports = bc_hoa_giai.plan(env)      # the 6-month and the yearly report list documents
    assert len(reports) >= 2
    assert kien_toan == ["qd-kien-toan-2026"]          # not made again for either report
    assert len(cong_nhan) == before                     # each month's decision made once
    # the very jobs the build planned, not copies
    again = module("qd-kien-toan").plan(env.for_month(Month(2026, 6)))
    assert again[0] is own["qd-kien-toan"][0]


def test_another_month_plans_only_its_own_months(monkeypatch):
    env = demo_env("2026-11")
    early = env.for_month(Month(2026, 3))
    jobs = module("qd-cong-nhan").plan(early)
    assert jobs and all(j.month <= 3 for j in jobs)
    late = module("qd-cong-nhan").plan(env)
    assert {j.id for j in jobs} <= {j.id for j in late}


def test_an_environment_with_other_inputs_starts_afresh():
    env = demo_env("2026-12")
    first = module("qd-kien-toan").plan(env)[0]
    profile = dataclasses.replace(env.inputs.profile, don_vi_soan_thao="TP")
    other = dataclasses.replace(env, inputs=dataclasses.replace(env.inputs, profile=profile))
    assert other.memo == {} and other.memo is not env.memo
    second = module("qd-kien-toan").plan(other)[0]
    assert second is not first and second.context["luu"] == "Lưu: VT, TP"
