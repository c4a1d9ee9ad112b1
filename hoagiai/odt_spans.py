"""Whole-paragraph spans folded into paragraph styles, in an ODT twin's content.xml.

LibreOffice's export of a Word template wraps nearly every paragraph's text in one span carrying
the run's formatting (`<text:p P9><text:span T5>text</text:span></text:p>`). Importing a span
costs LibreOffice a cursor move and a property set per paragraph — and then, since the span
covers the whole paragraph, it stores those character attributes on the paragraph anyway
(SwTextNode::SetAttr). Giving the paragraph an automatic style that is its own style plus the
span's text properties (`<text:p hgm1>text</text:p>`) makes the same model for less work: a
tenth of LibreOffice's CPU for a city's bundles, same page images (BENCHMARKS.md, issue 16).

Two steps:
- `plan(xml)`, once per twin: every (paragraph style, span style) pair the template opens a
  paragraph with gets a merged automatic style, added to the automatic styles, so that every
  document of a template has the same styles (a bundle takes its styles from its first document);
- `fold(xml, merged)`, per rendered document: a paragraph whose whole content is one span of a
  planned pair gets the merged style and loses the span — only when the span holds text. An
  empty span sets nothing in LibreOffice, while a paragraph style's font would still size the
  empty line. The template's paragraphs without Jinja are folded once, in its source
  (`fold(src, merged, static=True)`).

Only simple cases are folded: a span style without a parent (a named character style stays a
span) and text properties without child elements, on both sides.
"""

from __future__ import annotations

import re

_ATTRS = r'(?: [\w:.-]+="[^"]*")*'
# a paragraph or heading opening with a span: (paragraph style, span style)
_PAIR = re.compile(r'<text:[ph]' + r'(?: [\w:.-]+="[^"]*")*? text:style-name="([^"]+)"' + _ATTRS
                   + r'><text:span text:style-name="([^"]+)">')
# a paragraph whose whole content is one span of text (spaces, tabs and line breaks included)
_WHOLE = re.compile(r'<text:([ph])(' + _ATTRS + r')><text:span text:style-name="([^"]+)">'
                    r'((?:[^<]++|<text:(?:s|tab|line-break)' + _ATTRS + r'/>)++)</text:span></text:\1>')
_STYLE_NAME = re.compile(r' text:style-name="([^"]+)"')
_TEXT_PROPS = re.compile(r'<style:text-properties(' + _ATTRS + r')/>')
_ATTR = re.compile(r' ([\w:.-]+)="([^"]*)"')
PREFIX = "hgm"


def _style(auto: str, name: str, family: str) -> str | None:
    """The automatic style `name` of `family`, as written."""
    m = re.search(r'<style:style style:name="%s"%s(?:/>|>.*?</style:style>)' % (re.escape(name), _ATTRS), auto, re.S)
    if m is None or f'style:family="{family}"' not in m.group(0)[:m.group(0).index(">")]:
        return None
    return m.group(0)


def _span_props(auto: str, name: str) -> dict[str, str] | None:
    """The text properties of automatic text style `name` when it is only that: no parent style,
    no other element, no child element."""
    el = _style(auto, name, "text")
    if el is None or "style:parent-style-name=" in el[:el.index(">")]:
        return None
    body = el[el.index(">") + 1:-len("</style:style>")] if not el.endswith("/>") else ""
    m = _TEXT_PROPS.fullmatch(body)
    return dict(_ATTR.findall(m.group(1))) if m else None


def _merged(auto: str, para: str, props: dict[str, str], name: str) -> str | None:
    """Paragraph style `para` (automatic, or a named one as the parent) with `props` added to its
    text properties, called `name`."""
    el = _style(auto, para, "paragraph")
    if el is None:
        if f'style:name="{para}"' in auto:
            return None                   # an automatic style of another family: leave it
        el = (f'<style:style style:name="{para}" style:family="paragraph" '
              f'style:parent-style-name="{para}"/>')
    head_end = el.index(">")
    head = el[:head_end].rstrip("/")
    head = head.replace(f'style:name="{para}"', f'style:name="{name}"', 1)
    body = el[head_end + 1:-len("</style:style>")] if not el.endswith("/>") else ""
    if "<style:text-properties" in body:
        m = _TEXT_PROPS.search(body)
        if m is None:
            return None                   # text properties with child elements
        merged = {**dict(_ATTR.findall(m.group(1))), **props}
        body = body[:m.start()] + body[m.end():]
    else:
        merged = dict(props)
    text = "<style:text-properties" + "".join(f' {k}="{v}"' for k, v in merged.items()) + "/>"
    return f"{head}>{body}{text}</style:style>"


def plan(xml: str) -> tuple[str, dict[tuple[str, str], str]]:
    """The twin's content.xml with a merged style for each pair that can be folded, and the
    pairs' merged style names."""
    end = xml.find("</office:automatic-styles>")
    if end < 0:
        return xml, {}
    auto = xml[xml.find("<office:automatic-styles"):end]
    merged: dict[tuple[str, str], str] = {}
    added: list[str] = []
    for pair in dict.fromkeys(_PAIR.findall(xml)):
        para, span = pair
        props = _span_props(auto, span)
        if props is None:
            continue
        name = f"{PREFIX}{len(merged) + 1}"
        while f'"{name}"' in xml:
            name += "x"
        el = _merged(auto, para, props, name)
        if el is not None:
            merged[pair] = name
            added.append(el)
    return xml[:end] + "".join(added) + xml[end:], merged


def fold(xml: str, merged: dict[tuple[str, str], str], *, static: bool = False) -> str:
    """Each paragraph that is one span of text of a planned pair, with the merged style and
    without the span. `static`: folding a template's source once (CompiledOdtTemplate), only
    the paragraphs without any Jinja are folded — they come out of every rendering as they
    are, so folding them once gives what folding each rendering gives, and each rendering
    leaves only the paragraphs made from data to `fold`."""
    if not merged:
        return xml

    def one(m: re.Match) -> str:
        if static and "{" in m.group(0):
            return m.group(0)
        kind, attrs, span, inner = m.groups()
        p = _STYLE_NAME.search(attrs)
        name = merged.get((p.group(1), span)) if p is not None else None
        if p is None or name is None:
            return m.group(0)
        attrs = attrs[:p.start()] + f' text:style-name="{name}"' + attrs[p.end():]
        return f"<text:{kind}{attrs}>{inner}</text:{kind}>"

    return _WHOLE.sub(one, xml)
