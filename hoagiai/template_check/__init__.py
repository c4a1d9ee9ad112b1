"""`check-templates`: find what would break a Word template before any document is built.

For each template (`templates/*.docx`, or the files given; kind = file stem):

| code | problem |
|---|---|
| `unreadable` | not a .docx that can be opened |
| `split-tag` | a Jinja tag split across Word runs (Word does that when a tag is edited) |
| `syntax` | tag syntax, after docxtpl's `patch_xml`: unbalanced `{% if %}`/`{% for %}`, misspelled tags |
| `unknown-filter` | a filter (or test) that does not exist |
| `unknown-variable` | data the kind's real context does not have (`van_ban.soo`, `row.ho_tenn`) |
| `layout-page` | not A4 portrait |
| `layout-margins` | margins outside Nghị định 30 (top/bottom 20–25, left 30–35, right 15–20 mm) |
| `layout-font` | not Times New Roman (default, a style, or a run that names a font) |
| `layout-header` | page number not hidden on page 1 (titlePg, empty first-page header) |
| `layout-page-number` | no PAGE field centred in the page header |

Variables are checked against real contexts: the kind is planned on the workspace
(`hoagiai.engine.catalogue.documents`, December of the latest year with data). Without one, only
top-level names are checked (against the frame's names) and a note says so.

    check_templates(templates_dir, files, *, inputs_dir, rules_dir) -> TemplateReport
"""

from __future__ import annotations

import difflib
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError

CODES = ("unreadable", "split-tag", "syntax", "unknown-filter", "unknown-variable", "layout-page",
         "layout-margins", "layout-font", "layout-header", "layout-page-number")
FRAME_KEYS = ("don_vi", "van_ban", "ky", "noi_nhan", "can_cu")


@dataclass(frozen=True)
class TemplateProblem:
    template: str      # file name, e.g. "qd-thu-lao.docx"
    where: str         # "đoạn 12", "bảng 2, dòng 1, ô 3", "đầu trang", "trang", "tệp"
    code: str          # one of CODES
    message: str       # Vietnamese

    def to_dict(self) -> dict[str, str]:
        return {"template": self.template, "where": self.where, "code": self.code,
                "message": self.message}


class TemplateReport(list):
    """The problems found (a list of TemplateProblem), plus which templates were checked and
    remarks that are not problems (e.g. no sample data for a kind)."""

    def __init__(self, problems=(), checked=(), notes=()):
        super().__init__(problems)
        self.checked: list[str] = list(checked)
        self.notes: list[str] = list(notes)


def check_templates(templates_dir: Path, files: list[Path] | None, *, inputs_dir: Path,
                    rules_dir: Path) -> TemplateReport:
    """Check every template of `templates_dir` (or the given files)."""
    from ..documents import kinds as known_kinds

    if files:
        paths = [Path(f) for f in files]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise ConfigError("Không tìm thấy tệp mẫu: " + ", ".join(missing) + ".")
    else:
        templates_dir = Path(templates_dir)
        if not templates_dir.is_dir():
            raise ConfigError(f"Không tìm thấy thư mục mẫu văn bản `{templates_dir}` (--templates).")
        paths = sorted(p for p in templates_dir.glob("*.docx") if not p.name.startswith("~$"))
    report = TemplateReport()
    if not paths:
        report.notes.append(f"Không có mẫu .docx nào trong {templates_dir}.")
        return report
    kinds = [p.stem for p in paths if p.stem in known_kinds()]
    from .samples import sample_contexts

    samples = sample_contexts(Path(inputs_dir), Path(rules_dir), Path(templates_dir or paths[0].parent),
                              sorted(set(kinds)))
    for path in paths:
        report.checked.append(path.name)
        problems, notes = check_one(path, samples.contexts.get(path.stem),
                                    why_no_sample=_why_no_sample(path.stem, samples, known_kinds()))
        report.extend(problems)
        report.notes.extend(notes)
    return report


def _why_no_sample(kind: str, samples, kinds: list[str]) -> str:
    if samples.why_none:
        return f"không đọc được dữ liệu mẫu: {samples.why_none}"
    if kind not in kinds:
        return f"“{kind}” không phải tên một loại văn bản"
    if kind in samples.why_kind:
        return samples.why_kind[kind]
    return "dữ liệu mẫu không sinh ra văn bản nào của loại này"


def check_one(path: Path, contexts: list[dict[str, Any]] | None, *,
              why_no_sample: str = "") -> tuple[list[TemplateProblem], list[str]]:
    """Problems of one template; `contexts` are real contexts of its kind (None: unknown)."""
    from lxml import etree

    from ..jinja_env import environment
    from . import layout, tags
    from .parts import read_parts
    from .variables import uses

    name = path.name
    try:
        parts = read_parts(path)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        return [TemplateProblem(name, "tệp", "unreadable",
                                f"Không mở được tệp mẫu {name}: không phải tệp Word .docx hợp lệ "
                                f"({type(exc).__name__}). Hãy lưu lại bằng Word dạng .docx.")], []
    env = environment()
    problems: list[TemplateProblem] = []
    found_uses = []
    for part in parts:
        issues = tags.split_tags(part)
        tree, syntax = tags.parse(part, env)
        issues += syntax
        if tree is not None:
            filters = tags.unknown_filters(part, tree, env)
            issues += filters or tags.compile_problems(part, tree, env)
            found_uses += [(part, u) for u in uses(tree, set(env.globals))]
        problems += [TemplateProblem(name, part.where(i.spot), i.code, i.message) for i in issues]
    notes: list[str] = []
    problems += _variables(name, path.stem, found_uses, contexts, why_no_sample, notes)
    try:
        problems += [TemplateProblem(name, i.where, i.code, i.message)
                     for i in layout.check(path, parts)]
    except (ValueError, KeyError) as exc:
        problems.append(TemplateProblem(name, "tệp", "unreadable",
                                        f"Không đọc được bố cục trang của {name} ({type(exc).__name__})."))
    return problems, notes


def _variables(name: str, kind: str, found_uses, contexts, why_no_sample: str,
               notes: list[str]) -> list[TemplateProblem]:
    from .variables import missing_at, resolve

    problems: list[TemplateProblem] = []
    seen: set[str] = set()
    if not contexts:
        notes.append(f"{name}: không có dữ liệu mẫu cho loại văn bản “{kind}” ({why_no_sample}); "
                     f"chỉ kiểm tra tên biến cấp cao nhất.")
    for part, use in found_uses:
        if use.written in seen:
            continue
        where = part.where(part.spot_at_line(use.lineno))
        if contexts:
            if not all(resolve(ctx, use.path) is False for ctx in contexts):
                continue
            n, keys = missing_at(contexts[0], use.path)
            step = use.path[n] if n < len(use.path) else use.path[-1]
            hint = ""
            if isinstance(step, str):
                if step.startswith("_"):
                    hint = " Thuộc tính bắt đầu bằng “_” là nội bộ, mẫu không được dùng."
                guess = difflib.get_close_matches(step, keys, n=1, cutoff=0.6)
                if guess:
                    hint += f" Có phải là `{guess[0]}`?"
                elif keys:
                    hint += " Có: " + ", ".join(f"`{k}`" for k in keys[:15]) + "."
            seen.add(use.written)
            problems.append(TemplateProblem(
                name, where, "unknown-variable",
                f"Biến `{use.written}` không có trong dữ liệu của loại văn bản “{kind}” "
                f"(không có `{step}`).{hint}"))
        else:
            top = use.path[0]
            if top in FRAME_KEYS:
                continue
            guess = difflib.get_close_matches(top, FRAME_KEYS, n=1, cutoff=0.75)
            if top.startswith("_") or guess:
                seen.add(use.written)
                problems.append(TemplateProblem(
                    name, where, "unknown-variable",
                    f"Biến `{top}` không có trong khung văn bản"
                    + (f"; có phải là `{guess[0]}`?" if guess else
                       "; tên bắt đầu bằng “_” là nội bộ, mẫu không được dùng.")))
    return problems
