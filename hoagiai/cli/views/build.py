"""`build`: what the clerk sees on stderr while a build runs, and the closing summary (rich)."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress, TaskID

from rich.table import Table
from rich.text import Text

from ...errors import vietnamese
from .console import make_console

STATE_WORDS = {"built": "đã dựng", "unchanged": "không đổi", "blocked": "bị chặn",
               "stale": "đã ban hành, dữ liệu đã đổi", "failed": "lỗi"}


class Progress:
    """A progress bar on stderr, shown only for builds that take more than a moment."""

    def __init__(self, enabled: bool = True, delay: float = 0.8):
        self.enabled = enabled and sys.stderr.isatty()
        self.delay = delay
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None
        self._start = time.monotonic()
        self._total = 0
        self._done = 0

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()

    def event(self, name: str, data: dict[str, Any]) -> None:
        if not self.enabled:
            return
        if name == "start":
            self._total += data.get("total", 0)
        elif name == "document":
            self._done += 1
        if self._bar is None and time.monotonic() - self._start > self.delay and self._total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn

            self._bar = RichProgress(TextColumn("Đang dựng văn bản"), BarColumn(), MofNCompleteColumn(),
                                     console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("build", total=self._total)
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, total=self._total, completed=self._done)


def print_summary(results: list[dict[str, Any]]) -> None:
    """One table per unit of the build's results (their `to_dict()`), then the totals, the
    packet, the notes and where the data's findings are."""
    console = make_console()
    for d in results:
        title = f"Văn bản tháng {d['month']}" + (f" — {d['unit']}" if d.get("unit") else "")
        table = Table(title=title, show_lines=False)
        for col in ("Mã văn bản", "Trạng thái", "Phiên bản", "Tệp"):
            table.add_column(col)
        counts: dict[str, int] = {}
        for doc in d["documents"]:
            counts[doc["state"]] = counts.get(doc["state"], 0) + 1
            where = doc.get("pdf") or doc.get("docx") or ""
            table.add_row(doc["id"], STATE_WORDS.get(doc["state"], doc["state"]),
                          str(doc.get("version") or ""), where)
            for r in doc.get("reasons", [])[:5]:
                table.add_row("", Text(f"↳ {vietnamese(_reason_text(r))}", style="dim"), "", "")
        console.print(table)
        parts = [f"{n} {STATE_WORDS.get(k, k)}" for k, n in sorted(counts.items())]
        c = d.get("counts", {})
        console.print("Tổng kết: " + (", ".join(parts) or "không có văn bản nào")
                      + f"; dữ liệu: {c.get('error', 0)} lỗi, {c.get('warning', 0)} cảnh báo.")
        if d.get("packet"):
            console.print(f"Gói văn bản của tháng: {d['packet']}")
        for note in d.get("notes", []):
            console.print(f"[yellow]Lưu ý:[/yellow] {note}")
        if c.get("error") or c.get("warning"):
            what = "lỗi và cảnh báo" if c.get("error") and c.get("warning") else (
                "lỗi" if c.get("error") else "cảnh báo")
            console.print(f"Xem {what} dữ liệu: chạy `validate`, hoặc mở bản đánh dấu lỗi của từng tệp "
                          f"(ô tô màu, trang “Lỗi”): {_annotated_where(d)}")


def _reason_text(reason: Any) -> str:
    """Why a document is blocked, for people: the text, or a structured reason's `message`."""
    return reason.get("message", "") if isinstance(reason, dict) else str(reason)


def _annotated_where(d: dict[str, Any]) -> str:
    """The annotated copies the build wrote, or the folder they go to."""
    paths = sorted((d.get("annotated") or {}).values())
    if paths:
        return "; ".join(str(p) for p in paths) + "."
    unit = f"{d['unit']}/" if d.get("unit") else ""
    return f"thư mục outputs/{unit}kiem-tra-du-lieu/."
