"""Hand-built inputs and helpers for the roster and inspection document tests
(qd-cong-nhan, qd-thoi, qd-kien-toan, qd-doan-kiem-tra, tb-kiem-tra)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path

from validate_fixtures import person, table  # noqa: F401  (re-exported for the tests)

from hoagiai import docx_text
from hoagiai.documents.base import DocEnv, DocJob, Month
from hoagiai.findings import Finding, Report
from hoagiai.model import Inputs
from hoagiai.unit_profile import load_profile
from hoagiai.render import compiled

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
TEMPLATES = ROOT / "templates"
CCCD = "031080001234"
PHONE = "0912345678"


@functools.lru_cache(maxsize=1)
def demo_profile():
    return load_profile(ROOT / "inputs" / "don_vi.yaml")


def make_env(tables: dict, month: str = "2026-12", *, findings: Sequence[Finding] = (),
             requested: frozenset[str] = frozenset(), rules: Path = RULES) -> DocEnv:
    report = Report()
    report.extend(findings)
    inputs = Inputs(profile=demo_profile(), tables={t.dataset: t for t in tables}
                    if isinstance(tables, list) else tables, plans={}, report=report)
    return DocEnv(inputs=inputs, month=Month.parse(month), rules_dir=rules,
                  templates_dir=TEMPLATES, requested=requested, today=dt.date(2026, 12, 31))


def error(dataset: str, row: int, code: str = "bad-cell", column: str | None = "Ngày công nhận",
          message: str = "Giá trị không hợp lệ.", value=None) -> Finding:
    files = {"hoa_giai_vien": ("hoa_giai_vien.xlsx", "Sheet1"),
             "kiem_tra": ("kiem_tra.xlsx", "Kết quả"),
             "doan_kiem_tra": ("kiem_tra.xlsx", "Đoàn kiểm tra")}
    file, sheet = files[dataset]
    return Finding(code=code, severity="error", message=message, file=file, sheet=sheet, row=row,
                   column=column, value=value, dataset=dataset)


def team(thon: str, ho: str, recognised: str = "2024-03-01") -> list[dict]:
    """A lawful team (Luật Điều 12): a tổ trưởng, a woman, a third mediator."""
    return [person(f"{ho} Văn Trưởng", thon, chuc_danh="Tổ trưởng", ngay_cong_nhan=recognised,
                   so_cccd=CCCD, dien_thoai=PHONE, ngay_sinh="1970-04-15"),
            person(f"{ho} Thị Hoa", thon, gioi_tinh="Nữ", nam_sinh=1975, ngay_cong_nhan=recognised),
            person(f"{ho} Văn Minh", thon, nam_sinh=1980, ngay_cong_nhan=recognised)]


def render_lines(job: DocJob) -> list[str]:
    """The rendered document's paragraphs (empty ones dropped)."""
    data = compiled(TEMPLATES / job.template).render(job.context)
    return [p for p in docx_text.paragraphs(data) if p.strip()]


def by_id(jobs: list[DocJob]) -> dict[str, DocJob]:
    return {j.id: j for j in jobs}


def demo_inputs():
    """The demo workspace validated, or None while its workbooks are not there / not clean."""
    if not (ROOT / "inputs" / "hoa_giai_vien.xlsx").exists():
        return None
    from hoagiai.validate import validate_workspace

    inputs = validate_workspace(ROOT / "inputs", RULES, today=dt.date(2026, 12, 31))
    return inputs if inputs.report.valid else None


def demo_env(month: str = "2026-12", requested: frozenset[str] = frozenset()) -> DocEnv | None:
    inputs = demo_inputs()
    if inputs is None:
        return None
    return DocEnv(inputs=inputs, month=Month.parse(month), rules_dir=RULES, templates_dir=TEMPLATES,
                  requested=requested, today=dt.date(2026, 12, 31))


def private_values(inputs) -> set[str]:
    """Every CCCD, phone number and full birth date (as a document would write it) of the
    roster — none of them may appear in a public document (docs/domain.md, Decision 8)."""
    import pandas as pd

    from hoagiai.vn import ngay_nd30, ngay_so

    frame = inputs.table("hoa_giai_vien").frame
    out: set[str] = set()
    for key in ("so_cccd", "dien_thoai"):
        out |= {str(v).strip() for v in frame[key] if v is not None and not pd.isna(v) and str(v).strip()}
    for d in frame["ngay_sinh"].dropna():
        if (d.month, d.day) != (1, 1):    # a year alone is stored as 1 January
            out |= {ngay_so(d.date()), ngay_nd30(d.date()), d.strftime("%d/%m/%Y")}
    return out


def assert_public(lines: list[str], inputs) -> None:
    text = "\n".join(lines)
    leaked = sorted(v for v in private_values(inputs) if v in text)
    assert not leaked, f"private values in a public document: {leaked}"
