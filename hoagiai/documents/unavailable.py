"""Documents whose inputs cannot be read: blocked, never built from empty data (issue 12).

A dataset whose file is unavailable (missing, misnamed, unreadable …: hoagiai.load.UNAVAILABLE)
blocks every document of the kinds reading it (`KIND_READS`), and a broken plan file — or one
a document read before and that is gone now — blocks that year's documents made from it.
Documents earlier builds made that are not planned now because their data cannot be read are
reported blocked too, their current versions untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .base import DocJob, Month
from .reasons import PLAN_GONE, Reason, of_finding, unique

if TYPE_CHECKING:
    from ..model import Inputs

PLAN = "ke_hoach"   # hoagiai.yearly_plan.DATASET
#: the inputs each kind reads (datasets of rules/du_lieu/, PLAN = that year's plan file). A
#: dataset whose file is unavailable (missing, misnamed, unreadable …: hoagiai.load.UNAVAILABLE)
#: blocks every document of the kinds reading it, and a broken plan file blocks its year's.
KIND_READS: dict[str, tuple[str, ...]] = {
    "ke-hoach": (PLAN,),
    "qd-cong-nhan": ("hoa_giai_vien",),
    "qd-thoi": ("hoa_giai_vien",),
    "qd-kien-toan": ("hoa_giai_vien",),
    "qd-doan-kiem-tra": ("doan_kiem_tra", "kiem_tra", PLAN),   # cites the year's plan
    "tb-kiem-tra": ("kiem_tra",),
    "qd-thu-lao": ("vu_viec",),
    "bc-hoa-giai": ("hoa_giai_vien", "vu_viec", PLAN),
    "bc-de-an": ("hoa_giai_vien", "vu_viec", PLAN),
}


@dataclass(frozen=True)
class Known:
    """A document an earlier build made (from the build state)."""
    id: str
    kind: str
    title: str
    year: int
    month: int
    read: frozenset[str] = frozenset()   # the input files its last version read ("ke_hoach_2026.yaml", …)


def unavailable_reasons(inputs: "Inputs", kind: str, year: int, read: frozenset[str] = frozenset()
                        ) -> list[Reason]:
    """Why documents of `kind` for `year` cannot be made from the inputs as they are now.
    `read`: the files the document's last version read — a plan file it read that is gone
    now blocks it too (a report would otherwise lose its narrative to placeholder text)."""
    from ..yearly_plan import plan_year

    out: list[Reason] = []
    for dataset in KIND_READS.get(kind, ()):
        if dataset != PLAN:
            out += [of_finding(f, placed=False) for f in inputs.unavailable(dataset)]
            continue
        broken = [of_finding(f, placed=False) for f in inputs.report.findings
                  if f.is_error and f.dataset == PLAN and plan_year(f.file or "") == year]
        out += broken
        name = f"ke_hoach_{year}.yaml"
        if not broken and year not in inputs.plans and name in read:
            out.append(Reason(PLAN_GONE, f"Không có tệp {name} trong thư mục dữ liệu; lần lập trước văn bản "
                              f"này đã dùng nội dung từ tệp đó. Hãy đặt lại tệp {name} (không lập văn bản "
                              f"thiếu nội dung).", file=name, placed=False))
    return unique(out)


def block_unavailable(jobs: list[DocJob], inputs: "Inputs", month: Month, known: list[Known],
                      kinds: frozenset[str] = frozenset()) -> list[DocJob]:
    """Block every planned job that reads an unavailable input; and report, as blocked, the
    documents earlier builds made (up to `month`, of the `kinds` asked for) that are not
    planned now because their data cannot be read — they are not gone, their data is.
    Their current versions are left as they are."""
    before = {k.id: k.read for k in known}
    for job in jobs:
        for r in unavailable_reasons(inputs, job.kind, job.year, before.get(job.id, frozenset())):
            if r.message not in job.reasons:
                job.blocking.append(r)
    planned = {j.id for j in jobs}
    for k in known:
        if k.id in planned or (kinds and k.kind not in kinds) or (k.year, k.month) > (month.year, month.month):
            continue
        reasons = unavailable_reasons(inputs, k.kind, k.year, k.read)
        if reasons:
            jobs.append(DocJob(id=k.id, kind=k.kind, title=k.title, template="", year=k.year,
                               month=k.month, symbol="", context={}, blocking=reasons))
            planned.add(k.id)
    order = list(KIND_READS)
    jobs.sort(key=lambda j: order.index(j.kind) if j.kind in order else len(order))   # stable
    return jobs


def none_planned(kinds: frozenset[str], jobs: list[DocJob], month: Month) -> list[str]:
    """A note for each kind asked for with --doc that has no document as of `month`, so the
    clerk learns why nothing was built."""
    made = {j.kind for j in jobs}
    return [f"Không có văn bản loại {kind} nào cần lập tính đến tháng {month.month}/{month.year} "
            f"(chưa có dữ liệu cho văn bản này, hoặc chưa đến tháng lập theo lịch báo cáo)."
            for kind in sorted(kinds - made)]
