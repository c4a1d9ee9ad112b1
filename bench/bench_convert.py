"""Measure PDF conversion per document: N one-page .docx, workers=1 and 2, cold and warm profiles.

    PYTHONPATH=. python bench/bench_convert.py [--docs 20] [--batch-size 20]

Prints one line per run: wall time, wall time per document, and the per-document times the
converter recorded (median / max). Work files go to bench/work/ (ignored by git).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

from docx import Document
from docx.shared import Mm, Pt

from hoagiai.convert import PdfConverter

WORK = Path(__file__).resolve().parent / "work" / "convert"


def make_docs(n: int) -> list[Path]:
    src = WORK / "docx"
    src.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(1, n + 1):
        doc = Document()
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        doc.styles["Normal"].font.name = "Times New Roman"
        doc.styles["Normal"].font.size = Pt(13)
        doc.add_paragraph("ỦY BAN NHÂN DÂN XÃ AN THÀNH").runs[0].bold = True
        doc.add_paragraph(f"QUYẾT ĐỊNH số {i:02d} về việc công nhận hòa giải viên")
        for k in range(12):
            doc.add_paragraph(f"Điều {k + 1}. Công nhận bà Nguyễn Thị Ánh, thôn Đông Phan, là hòa giải viên "
                              "của Tổ hòa giải thôn Đông Phan kể từ ngày ký.")
        table = doc.add_table(rows=4, cols=4)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"Ô {r}.{c}"
        path = src / f"văn bản {i:02d}.docx"
        doc.save(path)
        paths.append(path)
    return paths


def run(docs: list[Path], workers: int, batch_size: int, profiles: Path, label: str) -> None:
    out = WORK / "pdf"
    shutil.rmtree(out, ignore_errors=True)
    jobs = [(d, out / (d.stem + ".pdf")) for d in docs]
    with PdfConverter(workers=workers, batch_size=batch_size, profile_root=profiles) as conv:
        started = time.perf_counter()
        results = conv.convert(jobs)
        wall = time.perf_counter() - started
        batches = ", ".join(f"slot {b.slot}: {b.documents} docs {b.seconds:.2f}s" for b in conv.batches)
    per_doc = [r.seconds for r in results]
    failed = sum(not r.ok for r in results)
    print(f"{label:<22} workers={workers} docs={len(docs)} wall={wall:6.2f}s "
          f"wall/doc={1000 * wall / len(docs):6.0f}ms  recorded median={1000 * statistics.median(per_doc):5.0f}ms "
          f"max={1000 * max(per_doc):5.0f}ms failed={failed}  [{batches}]")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=20)
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    docs = make_docs(args.docs)
    for workers in (1, 2):
        profiles = WORK / f"profiles-{workers}"
        run(docs, workers, args.batch_size, profiles, "cold (new profiles)")
        for n in range(2):
            run(docs, workers, args.batch_size, profiles, f"warm run {n + 1}")


if __name__ == "__main__":
    main()
