"""Whole-paragraph spans folded into paragraph styles (hoagiai.odt_spans): what is folded, what is
left as it is. tests/test_render_odt.py checks with LibreOffice that the demo's PDFs keep their
pages."""

from __future__ import annotations

import re

from hoagiai import odt_spans

STYLES = ('<office:automatic-styles>'
          '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard">'
          '<style:paragraph-properties fo:text-align="center"/></style:style>'
          '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Standard">'
          '<style:paragraph-properties fo:text-align="justify"/>'
          '<style:text-properties fo:font-size="12pt" fo:font-style="italic"/></style:style>'
          '<style:style style:name="T1" style:family="text">'
          '<style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>'
          '<style:style style:name="T2" style:family="text" style:parent-style-name="Emphasis">'
          '<style:text-properties fo:font-size="13pt"/></style:style>'
          '</office:automatic-styles>')


def _doc(body: str) -> str:
    return f"<office:document-content>{STYLES}<office:body><office:text>{body}</office:text></office:body>" \
           "</office:document-content>"


def _style(xml: str, name: str) -> str:
    m = re.search(r'<style:style style:name="%s".*?</style:style>' % name, xml)
    assert m, name
    return m.group(0)


def test_a_paragraph_that_is_one_span_takes_a_merged_style():
    xml, merged = odt_spans.plan(_doc('<text:p text:style-name="P1"><text:span text:style-name="T1">'
                                      '{{ ten }}</text:span></text:p>'))
    assert merged == {("P1", "T1"): "hgm1"}
    style = _style(xml, "hgm1")
    assert 'style:family="paragraph"' in style and 'style:parent-style-name="Standard"' in style
    assert '<style:paragraph-properties fo:text-align="center"/>' in style
    assert '<style:text-properties fo:font-size="13pt" fo:font-weight="bold"/>' in style
    rendered = xml.replace("{{ ten }}", "Nguyễn <text:s/>Văn<text:tab/>A<text:line-break/>B")
    assert '<text:p text:style-name="hgm1">Nguyễn <text:s/>Văn<text:tab/>A<text:line-break/>B</text:p>' \
        in odt_spans.fold(rendered, merged)


def test_the_spans_properties_win_over_the_paragraph_styles_own():
    xml, merged = odt_spans.plan(_doc('<text:h text:style-name="P2" text:outline-level="1">'
                                      '<text:span text:style-name="T1">a</text:span></text:h>'))
    style = _style(xml, merged[("P2", "T1")])
    assert style.count("<style:text-properties") == 1
    assert '<style:text-properties fo:font-size="13pt" fo:font-style="italic" fo:font-weight="bold"/>' in style
    assert f'<text:h text:style-name="{merged[("P2", "T1")]}" text:outline-level="1">a</text:h>' \
        in odt_spans.fold(xml, merged)


def test_a_named_paragraph_style_becomes_the_parent():
    xml, merged = odt_spans.plan(_doc('<text:p text:style-name="Table_20_Contents">'
                                      '<text:span text:style-name="T1">a</text:span></text:p>'))
    style = _style(xml, merged[("Table_20_Contents", "T1")])
    assert 'style:parent-style-name="Table_20_Contents"' in style and "fo:font-weight" in style


def test_an_empty_span_is_kept_as_libreoffice_ignores_it():
    """In an empty paragraph LibreOffice sets nothing for an empty span, but would size the empty
    line by a paragraph style's font: folding it would change the page."""
    xml, merged = odt_spans.plan(_doc('<text:p text:style-name="P1"><text:span text:style-name="T1">'
                                      '{{ x }}</text:span></text:p>'))
    rendered = xml.replace("{{ x }}", "")
    assert odt_spans.fold(rendered, merged) == rendered


def test_what_is_not_one_span_of_text_is_left_alone():
    bodies = [
        '<text:p text:style-name="P1"><text:span text:style-name="T1">a</text:span>b</text:p>',
        '<text:p text:style-name="P1"><text:span text:style-name="T1">a</text:span>'
        '<text:span text:style-name="T1">b</text:span></text:p>',
        '<text:p text:style-name="P1"><text:span text:style-name="T1">a<text:bookmark text:name="x"/></text:span>'
        '</text:p>',
        '<text:p text:style-name="P1"><text:span text:style-name="T1">a<text:span>b</text:span></text:span></text:p>',
    ]
    for body in bodies:
        xml, merged = odt_spans.plan(_doc(body))
        assert odt_spans.fold(xml, merged).endswith(body + "</office:text></office:body></office:document-content>")


def test_a_span_with_a_character_style_is_not_planned():
    xml, merged = odt_spans.plan(_doc('<text:p text:style-name="P1"><text:span text:style-name="T2">a</text:span>'
                                      '</text:p>'))
    assert merged == {} and xml == _doc('<text:p text:style-name="P1"><text:span text:style-name="T2">a</text:span>'
                                        '</text:p>')


def test_merged_names_never_clash_with_existing_ones():
    xml, merged = odt_spans.plan(_doc('<text:p text:style-name="hgm1"><text:span text:style-name="T1">a</text:span>'
                                      '</text:p><text:p text:style-name="P1"><text:span text:style-name="T1">b'
                                      '</text:span></text:p>'))
    names = list(merged.values())
    assert len(set(names)) == 2 and "hgm1" not in names


def test_a_long_span_followed_by_markup_it_does_not_allow_is_left_alone():
    """The span's content pattern is possessive: text followed by markup it does not allow fails
    at once (a backtracking pattern would try every way of splitting the text and never end)."""
    body = '<text:p text:style-name="P1"><text:span text:style-name="T1">' + "chữ " * 5000 + \
        '<text:note/></text:span></text:p>'
    xml, merged = odt_spans.plan(_doc(body))
    assert odt_spans.fold(xml, merged) == xml


def test_folding_a_templates_static_paragraphs_once_gives_what_folding_each_rendering_gives():
    import jinja2

    body = ('<text:p text:style-name="P1"><text:span text:style-name="T1">Điều 1.</text:span></text:p>'
            '{% for x in rows %}<text:p text:style-name="P1"><text:span text:style-name="T1">{{ x }}'
            '</text:span></text:p><text:p text:style-name="P2"><text:span text:style-name="T1">cố định'
            '</text:span></text:p>{% endfor %}'
            '<text:p text:style-name="P2"><text:span text:style-name="T1">{{ "" }}</text:span></text:p>')
    src, merged = odt_spans.plan(_doc(body))
    static = odt_spans.fold(src, merged, static=True)
    assert static.count("<text:span") == 2           # the two paragraphs with Jinja kept theirs
    env = jinja2.Environment()
    for rows in ([], ["a"], ["b", ""], ["Nguyễn <text:s/>Văn"]):
        once = odt_spans.fold(env.from_string(static).render(rows=rows), merged)
        each = odt_spans.fold(env.from_string(src).render(rows=rows), merged)
        assert once == each
