"""The foundation's proof: the seed plan, written by a clerk by hand, is reproduced from
`inputs/ke_hoach_2026.yaml` — every line of it, in the DOCX and (intact diacritics) in the PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from hoagiai import docx_text
from hoagiai.documents import ke_hoach
from hoagiai.documents.base import DocEnv, Month
from hoagiai.findings import Report
from hoagiai.model import Inputs
from hoagiai.yearly_plan import load_plans
from hoagiai.unit_profile import load_profile
from hoagiai.render import compiled

ROOT = Path(__file__).resolve().parents[1]
# The real plan the project started from (shared/seed/000_4c777988243805bc.txt), kept with the
# tests so this proof never skips in a fresh clone.
SEED = ROOT / "tests" / "fixtures" / "seed" / "ke-hoach-2026-an-thanh.txt"


def _seed_lines() -> list[str]:
    text = SEED.read_text(encoding="utf-8").replace("**", "")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory) -> Path:
    plans, findings = load_plans(ROOT / "inputs")
    assert findings == []
    inputs = Inputs(load_profile(ROOT / "inputs" / "don_vi.yaml"), {}, plans, Report())
    env = DocEnv(inputs, Month(2026, 5), ROOT / "rules", ROOT / "templates")
    (job,) = ke_hoach.plan(env)
    assert job.id == "ke-hoach-2026" and not job.blocked
    out = tmp_path_factory.mktemp("kh") / "ke-hoach-2026.docx"
    out.write_bytes(compiled(ROOT / "templates" / job.template).render(job.context))
    return out


def test_every_seed_line_is_in_the_generated_plan(plan_docx):
    text = docx_text.normalised(plan_docx)
    missing = [line for line in _seed_lines() if line not in text]
    assert missing == []


def test_draft_number_and_date_are_blank_as_in_the_seed(plan_docx):
    lines = docx_text.paragraphs(plan_docx)
    assert "Số:      /KH-UBND" in lines
    assert "An Thành, ngày      tháng 5 năm 2026" in lines


def test_the_plan_is_not_built_before_its_month():
    plans, _ = load_plans(ROOT / "inputs")
    inputs = Inputs(load_profile(ROOT / "inputs" / "don_vi.yaml"), {}, plans, Report())
    assert ke_hoach.plan(DocEnv(inputs, Month(2026, 4), ROOT / "rules", ROOT / "templates")) == []


def test_pdf_text_has_intact_diacritics(plan_docx, tmp_path):
    from hoagiai import convert

    if not convert.available():
        pytest.fail("LibreOffice is required for this test (scripts/setup.sh installs it)")
    pdf = tmp_path / "ke-hoach-2026.pdf"
    with convert.PdfConverter(workers=1) as conv:
        (res,) = conv.convert([(plan_docx, pdf)])
    assert res.ok, res.error
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
    else:
        from pypdf import PdfReader

        text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    flat = " ".join(text.split())
    for phrase in ("KẾ HOẠCH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   "Nâng cao năng lực đội ngũ hòa giải viên", "Văn phòng HĐND-UBND xã",
                   "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Đức Thắng", "Lưu: VT, VP."):
        assert phrase in flat, phrase
