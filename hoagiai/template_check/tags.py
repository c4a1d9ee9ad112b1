"""Tag checks of one template part: tags split across runs, tag syntax, unknown filters.

Syntax is what the renderer sees: the part's XML after docxtpl's `patch_xml`, parsed by
`hoagiai.jinja_env.environment()`. When Jinja refuses it, a small scanner of the block tags in
paragraph order says which tag is wrong and where (Jinja only knows a line of XML).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import jinja2
from jinja2 import nodes

from ..jinja_env import translate
from .parts import TAG, Part, Spot

BLOCKS = {"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "raw", "trans"}
MIDDLE = {"elif": {"if"}, "else": {"if", "for"}, "pluralize": {"trans"}}
SIMPLE = {"set", "include", "import", "from", "extends", "vm", "hm", "colspan", "cellbg"}
KNOWN = BLOCKS | {f"end{b}" for b in BLOCKS} | set(MIDDLE) | SIMPLE | {"endset"}
_BLOCK_TAG = re.compile(r"^\{%(?:(?:p|tr|tc|r)(?=\s))?[-+]?\s*([A-Za-z_]\w*)(.*?)[-+]?%\}$", re.S)


@dataclass
class Issue:
    code: str
    spot: Spot | None
    message: str


def shorten(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- split tags ------------------------------------------------------------------------

def split_tags(part: Part) -> list[Issue]:
    """Tags whose characters lie in more than one run of a paragraph."""
    out = []
    for spot in part.spots:
        if len(spot.runs) < 2 or "{" not in spot.text:
            continue
        owner: list[int] = []
        for i, run in enumerate(spot.runs):
            owner += [i] * len(run)
        text = spot.text
        bad = [m.group(0) for m in TAG.finditer(text) if owner[m.start()] != owner[m.end() - 1]]
        if bad:
            tags = ", ".join(f"“{shorten(t, 60)}”" for t in bad)
            out.append(Issue("split-tag", spot,
                             f"Thẻ {tags} bị Word tách thành nhiều đoạn định dạng (run), trong "
                             f"đoạn văn: “{shorten(text)}”. Hãy xóa thẻ rồi gõ lại liền một lần "
                             f"(hoặc dán dạng văn bản thuần) để cả thẻ có cùng một định dạng."))
    return out


# --- syntax ----------------------------------------------------------------------------

def parse(part: Part, env: jinja2.Environment) -> tuple[nodes.Template | None, list[Issue]]:
    """The part's Jinja syntax tree, or the syntax problems that prevent it."""
    try:
        return env.parse(part.source), []
    except jinja2.TemplateSyntaxError as exc:
        found = scan_blocks(part)
        if found:
            return None, found
        spot = part.spot_at_line(exc.lineno)
        return None, [Issue("syntax", spot,
                            f"Lỗi cú pháp thẻ mẫu: {translate(exc.message or str(exc))}"
                            + (f" Đoạn văn: “{shorten(spot.text)}”." if spot else ""))]


def scan_blocks(part: Part) -> list[Issue]:
    """Unknown tag names and unbalanced block tags, in paragraph order."""
    out: list[Issue] = []
    stack: list[tuple[str, str, Spot]] = []
    raw = False
    for spot in part.spots:
        for m in re.finditer(r"\{%.*?%\}", spot.text, re.S):
            tag = m.group(0)
            hit = _BLOCK_TAG.match(tag)
            if not hit:
                continue
            name, rest = hit.group(1), hit.group(2)
            if raw:
                if name == "endraw":
                    raw = False
                    stack.pop()
                continue
            if name not in KNOWN:
                guess = difflib.get_close_matches(name, sorted(KNOWN), n=1, cutoff=0.6)
                out.append(Issue("syntax", spot,
                                 f"Thẻ “{shorten(tag, 60)}” không tồn tại (không có lệnh `{name}`)"
                                 + (f"; có phải là `{guess[0]}`?" if guess else ".")
                                 + f" Đoạn văn: “{shorten(spot.text)}”."))
                continue
            if name in BLOCKS or (name == "set" and "=" not in rest):
                stack.append((name, tag, spot))
                raw = name == "raw"
            elif name.startswith("end"):
                want = name[3:]
                if not stack:
                    out.append(Issue("syntax", spot,
                                     f"Thẻ đóng “{shorten(tag, 60)}” không có thẻ mở {{% {want} … %}} "
                                     f"tương ứng. Đoạn văn: “{shorten(spot.text)}”."))
                    return out
                top, top_tag, top_spot = stack[-1]
                if top != want:
                    out.append(Issue("syntax", spot,
                                     f"Thẻ đóng “{shorten(tag, 60)}” không khớp thẻ mở "
                                     f"“{shorten(top_tag, 60)}” ({top_spot.where}); cần "
                                     f"{{% end{top} %}}. Đoạn văn: “{shorten(spot.text)}”."))
                    return out
                stack.pop()
            elif name in MIDDLE and (not stack or stack[-1][0] not in MIDDLE[name]):
                out.append(Issue("syntax", spot,
                                 f"Thẻ “{shorten(tag, 60)}” nằm ngoài khối "
                                 + " / ".join(f"{{% {b} %}}" for b in sorted(MIDDLE[name]))
                                 + f". Đoạn văn: “{shorten(spot.text)}”."))
                return out
    if out:   # unknown tag names: the blocks they were meant to close are not reported again
        return out
    for name, tag, spot in stack:
        out.append(Issue("syntax", spot,
                         f"Thẻ “{shorten(tag, 60)}” mở một khối nhưng không có thẻ đóng "
                         f"{{% end{name} %}}. Đoạn văn: “{shorten(spot.text)}”."))
    return out


# --- filters ---------------------------------------------------------------------------

def unknown_filters(part: Part, tree: nodes.Template, env: jinja2.Environment) -> list[Issue]:
    out: list[Issue] = []
    seen: set[str] = set()
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        is_filter = isinstance(node, nodes.Filter)
        known = env.filters if is_filter else env.tests
        if node.name in known or node.name in seen:
            continue
        seen.add(node.name)
        spot = part.spot_at_line(node.lineno)
        guess = difflib.get_close_matches(node.name, sorted(known), n=1, cutoff=0.6)
        what = "Bộ lọc" if is_filter else "Phép thử"
        out.append(Issue("unknown-filter", spot,
                         f"{what} `{node.name}` không tồn tại"
                         + (f"; có phải là `{guess[0]}`?" if guess else ".")
                         + (f" Đoạn văn: “{shorten(spot.text)}”." if spot else "")))
    return out


def compile_problems(part: Part, tree: nodes.Template, env: jinja2.Environment) -> list[Issue]:
    """Anything else Jinja refuses when it compiles the tree (after filters were checked)."""
    try:
        env.compile(tree, filename=part.name)
    except jinja2.TemplateSyntaxError as exc:
        spot = part.spot_at_line(exc.lineno)
        code = "unknown-filter" if re.match(r"No (filter|test) named", exc.message or "") else "syntax"
        return [Issue(code, spot, f"Lỗi khi dịch mẫu: {translate(exc.message or str(exc))}")]
    return []
