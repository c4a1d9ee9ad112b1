"""The ODT twin path for PDFs (issue 16): a document rendered through its template's ODT twin,
and several of them converted in one LibreOffice load, give the same PDF pages as the DOCX."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from hoagiai.convert import bundle, twins
from hoagiai.render_odt import TwinUnsupported, _walk, odf_text, patch_xml
from odt_fixtures import minimal_odt

ROOT = Path(__file__).resolve().parents[1]
P = '<text:p text:style-name="P1">'


# -- the twin's XML as a Jinja source ---------------------------------------------------------

def test_paragraph_and_row_tags_become_bare_tags():
    xml = (f'{P}<text:span text:style-name="T1">{{%p for x in xs %}}</text:span></text:p>'
           f'{P}<text:span>{{{{ x }}}}</text:span></text:p>{P}{{%p endfor %}}</text:p>'
           '<table:table-row><table:table-cell><text:p>{%tr for r in rows %}</text:p></table:table-cell>'
           '</table:table-row><table:table-row><table:table-cell><text:p>{{ r }}</text:p></table:table-cell>'
           '</table:table-row><table:table-row><table:table-cell><text:p>{%tr endfor %}</text:p>'
           '</table:table-cell></table:table-row>')
    src = patch_xml(xml)
    assert src.startswith("{% for x in xs %}" + P)
    assert "{% endfor %}<table:table-row>" not in src and src.count("<table:table-row>") == 1
    assert "{% for r in rows %}<table:table-row>" in src and src.endswith("</table:table-row>{% endfor %}")


def test_tags_split_across_spans_are_joined_and_unescaped():
    xml = f'{P}{{<text:span>{{ a</text:span><text:span> | default(&quot;x&quot;) }}</text:span>}}</text:p>'
    assert patch_xml(xml) == f'{P}{{{{ a | default("x") }}}}</text:p>'


@pytest.mark.parametrize("tag", ["{%tc for c in cs %}", "{%r if a %}", "{{r rich }}", "{{p sub }}",
                                 "{% colspan 2 %}", "{% cellbg 'ff0000' %}", "{% vm %}", "{% hm %}",
                                 "{# note #}"])
def test_docxtpl_tags_the_twin_does_not_handle_refuse_the_twin(tag):
    with pytest.raises(TwinUnsupported):
        patch_xml(f"{P}{tag}</text:p>")


def test_a_plain_variable_named_r_or_p_is_not_a_docxtpl_tag():
    assert patch_xml(f"{P}{{{{ r }}}} {{{{ p }}}}</text:p>") == f"{P}{{{{ r }}}} {{{{ p }}}}</text:p>"


def test_a_paragraphs_trailing_empty_span_is_dropped_but_an_empty_paragraphs_is_kept():
    keep = '<text:p text:style-name="P2"><text:span text:style-name="T4"/></text:p>'
    xml = (f'{P}<text:span text:style-name="T1">{{{{ a }}}}</text:span><text:span text:style-name="T4"/></text:p>'
           f'{keep}<text:h text:style-name="H"><text:span text:style-name="T1">b</text:span>'
           '<text:span text:style-name="T4"/></text:h>')
    assert patch_xml(xml) == (f'{P}<text:span text:style-name="T1">{{{{ a }}}}</text:span></text:p>{keep}'
                              '<text:h text:style-name="H"><text:span text:style-name="T1">b</text:span></text:h>')


# -- text the way Word keeps it ---------------------------------------------------------------

BODY = "<office:body><office:text>{}</office:text></office:body>"


@pytest.mark.parametrize("text,expected", [
    ("Nguyễn Văn A", "Nguyễn Văn A"),
    ("Nguyễn  Văn   A", "Nguyễn <text:s/>Văn <text:s/><text:s/>A"),
    (" đầu dòng", "<text:s/>đầu dòng"),
    ("a\tb", "a<text:tab/>b"),
    ("dòng 1\ndòng 2", "dòng 1<text:line-break/>dòng 2"),
])
def test_spaces_tabs_and_newlines(text, expected):
    xml = BODY.format(f"{P}<text:span>{text}</text:span></text:p>")
    assert odf_text(xml) == BODY.format(f"{P}<text:span>{expected}</text:span></text:p>")


@pytest.mark.parametrize("first,second,expected_second", [
    ("Văn A ", " B", "<text:s/>B"),          # a run of spaces across a span boundary
    ("Văn A ", "B C", "B C"),
    ("Văn A", " B", " B"),
    ("Văn  A ", " B", "<text:s/>B"),
])
def test_a_run_of_spaces_is_followed_across_spans(first, second, expected_second):
    xml = BODY.format(f"{P}<text:span>{first}</text:span><text:span>{second}</text:span></text:p>")
    got = odf_text(xml)
    assert got.endswith(f"<text:span>{expected_second}</text:span></text:p></office:text></office:body>")


def test_a_space_after_a_span_boundary_is_kept_single_and_text_outside_paragraphs_untouched():
    xml = BODY.format(f"\n{P}<text:span>a</text:span><text:span> b</text:span></text:p>\n")
    assert odf_text(xml) == xml


@pytest.mark.parametrize("ch", ["\a", "\f"])
def test_paragraph_or_page_break_characters_send_the_document_to_the_docx_path(ch):
    with pytest.raises(TwinUnsupported):
        odf_text(BODY.format(f"{P}a{ch}b</text:p>"))


# odf_text looks only at the texts that may change, each with what precedes it; _walk goes over
# every tag and text. Any well-formed body of the kinds a twin holds must come out the same.
_TEXT = st.text(alphabet=st.sampled_from(list("ab ạ>") + [" ", " ", "\t", "\n"]), min_size=1,
                max_size=8).map(lambda t: t.replace(">", "&gt;"))
_INLINE = st.one_of(*[_TEXT] * 6, st.sampled_from(["a\ab", "\f"] + ["b"] * 8), st.sampled_from([
    "<text:s/>", '<text:s text:c="2"/>', "<text:tab/>", "<text:line-break/>", "<text:span/>",
    '<text:bookmark text:name="b"/>', "<text:soft-page-break/>", '<text:span text:style-name="T1"/>']))


_SPAN = st.lists(_INLINE, max_size=4).map(lambda xs: '<text:span text:style-name="T1">' + "".join(xs) + "</text:span>")


def _paragraphs(inner):
    span = _SPAN
    frame = inner.map(lambda x: '<draw:frame draw:name="f"><draw:text-box>' + x + "</draw:text-box></draw:frame>")
    note = inner.map(lambda x: "<text:note><text:note-body>" + x + "</text:note-body></text:note>")
    content = st.lists(st.one_of(_INLINE, span, span, frame, note), max_size=6).map("".join)
    para = st.tuples(st.sampled_from(["p", "h"]), content).map(lambda t: f"<text:{t[0]}>{t[1]}</text:{t[0]}>")
    cell = inner.map(lambda x: "<table:table-cell>" + x + "</table:table-cell>")
    return st.lists(st.one_of(para, para, para, cell, _TEXT, st.just("<text:p/>")), max_size=4).map("".join)


# paragraphs of texts and spans: a twin's usual body
_PLAIN = st.lists(st.lists(st.one_of(_INLINE, _SPAN), max_size=6).map(lambda xs: f"<text:p>{''.join(xs)}</text:p>"),
                  min_size=1, max_size=5).map("".join)
_BODIES = st.one_of(_PLAIN, st.recursive(st.just(""), _paragraphs, max_leaves=12))


@settings(max_examples=600, deadline=None)
@given(_BODIES)
def test_looking_only_at_texts_that_may_change_gives_the_full_walk(inner):
    xml = '<?xml version="1.0"?><office:document-content>' + BODY.format(inner) + "</office:document-content>"
    start = xml.find("<office:body")

    def outcome(f):
        try:
            return f()
        except TwinUnsupported:
            return "unsupported"

    assert outcome(lambda: odf_text(xml)) == outcome(lambda: xml[:start] + _walk(xml, start))


# -- with LibreOffice: twins, bundles and the same pages --------------------------------------

def _pages(pdf: Path, folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "50", "-gray", str(pdf), str(folder / "p")], check=True)
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("p*"))]


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    keep = ("Title", "Subject", "Author", "Pages")
    return {k: v.strip() for k, _, v in (line.partition(":") for line in out.splitlines()) if k in keep}


def _build(tmp: Path, name: str, monkeypatch, source: str | None) -> Path:
    from click.testing import CliRunner

    from hoagiai.cli import main
    from hoagiai.convert import warm

    if source:
        monkeypatch.setenv(twins.SOURCE_VAR, source)
    else:
        monkeypatch.delenv(twins.SOURCE_VAR, raising=False)
    seen: list[tuple[list[int], int]] = []
    close = warm.WarmPool.close
    monkeypatch.setattr(warm.WarmPool, "close", lambda self: (seen.append((list(self.bundles),
                                                                            self.bundles_undone)),
                                                               close(self)))
    ws = tmp / name
    shutil.copytree(ROOT / "inputs", ws / "inputs")
    r = CliRunner().invoke(main, ["--inputs", str(ws / "inputs"), "--outputs", str(ws / "out"),
                                  "build", "--month", "2026-12", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["documents"]
    (ws / "bundles.json").write_text(json.dumps(seen))
    assert not list((ws / "out" / ".hoagiai" / "lo-input").glob("*")), "LibreOffice inputs left behind"
    return ws


def test_demo_pdfs_through_twins_and_bundles_are_the_docx_pdfs(tmp_path, monkeypatch):
    """Every PDF of the demo (and its monthly packet): same page images, text, title, subject,
    author and page count whichever way LibreOffice was fed."""
    fast = _build(tmp_path, "twin", monkeypatch, None)
    plain = _build(tmp_path, "docx", monkeypatch, "docx")
    (bundles, undone), = json.loads((fast / "bundles.json").read_text())
    assert sum(bundles) >= 15 and undone == 0          # most documents went in bundles
    assert json.loads((plain / "bundles.json").read_text()) == [[[], 0]]
    pdfs = sorted((fast / "out" / "2026").glob("*.pdf"))
    assert len(pdfs) >= 20
    for pdf in pdfs:
        other = plain / "out" / "2026" / pdf.name
        assert _info(pdf) == _info(other), pdf.name
        assert _text(pdf) == _text(other), pdf.name
        img = tmp_path / "img"
        assert _pages(pdf, img / f"a-{pdf.stem}") == _pages(other, img / f"b-{pdf.stem}"), pdf.name


def test_a_template_with_an_unsupported_tag_keeps_the_docx_path(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("{%tc for c in cs %}")
    path = tmp_path / "la.docx"
    doc.save(str(path))
    assert twins.ensure([path]) == []
    assert twins.compiled_twin(path) is None
    k = twins.key(path)
    assert (twins.cache_dir() / f"{k}.none").exists()


def test_join_restarts_numbering_marks_each_document_and_declares_once(tmp_path):
    docs = [minimal_odt(f'<text:p text:style-name="P1">Văn bản {i}</text:p>') for i in range(3)]
    joined = zipfile.ZipFile(io.BytesIO(bundle.join(docs)))
    content = joined.read("content.xml").decode()
    assert joined.namelist()[0] == "mimetype"
    assert content.count("<text:sequence-decls/>") == 1
    assert content.count(f'text:style-name="{bundle.FIRST_STYLE}"') == 3
    assert f'style:name="{bundle.FIRST_STYLE}"' in content and 'style:page-number="1"' in content
    assert [content.index(f'"{bundle.MARK}{i}"') for i in range(3)] == sorted(
        content.index(f'"{bundle.MARK}{i}"') for i in range(3))


def test_join_reads_each_documents_title_from_its_metadata():
    from hoagiai.render import set_dc_title

    docs = [minimal_odt(f'<text:p text:style-name="P1">Văn bản {i}</text:p>') for i in range(3)]
    meta = b'<office:document-meta><office:meta></office:meta></office:document-meta>'
    titled = []
    for i, d in enumerate(docs):
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(d)) as src, zipfile.ZipFile(buf, "w") as out:
            for info in src.infolist():
                out.writestr(info, src.read(info.filename))
            if i != 1:       # the second has no meta.xml at all
                out.writestr("meta.xml", set_dc_title(meta, f"Quyết định số {i} & \"kèm\"", after="<office:meta>"))
        titled.append(buf.getvalue())
    joined, titles = bundle.join_titled(titled)
    assert titles == ['Quyết định số 0 & "kèm"', None, 'Quyết định số 2 & "kèm"']
    assert joined == bundle.join(titled)


def test_join_refuses_a_document_whose_first_element_starts_no_page_style(tmp_path):
    plain = minimal_odt('<text:p text:style-name="P9">không có kiểu trang</text:p>')
    with pytest.raises(bundle.BundleError):
        bundle.join([plain, plain])


def test_split_refuses_a_pdf_without_the_bookmarks(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    for _ in range(3):
        w.add_blank_page(595, 842)
    pdf = tmp_path / "b.pdf"
    with open(pdf, "wb") as fh:
        w.write(fh)
    targets = [tmp_path / "1.pdf", tmp_path / "2.pdf"]
    with pytest.raises(bundle.BundleError):
        bundle.split(pdf, 2, [None, None], targets)
    assert not any(t.exists() for t in targets)


def test_a_twin_whose_headers_change_with_the_data_is_never_bundled(tmp_path, monkeypatch):
    """The bundle takes styles (page headers) from its first document, so documents whose
    headers are rendered get a twin key of their own."""
    from hoagiai.engine import lo_input
    from hoagiai.render_odt import CompiledOdtTemplate

    def twin(styles: str) -> Path:
        path = tmp_path / f"t{len(list(tmp_path.glob('t*.odt')))}.odt"
        content = minimal_odt('<text:p text:style-name="P1">{{ a }}</text:p>')
        with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(path, "w") as out:
            for name in src.namelist():
                out.writestr(name, src.read(name))
            out.writestr("styles.xml", styles)
        return path

    assert not CompiledOdtTemplate(twin("<office:document-styles/>")).renders_styles
    header = twin("<office:document-styles><text:p>{{ a }}</text:p></office:document-styles>")
    tpl = CompiledOdtTemplate(header)
    assert tpl.renders_styles

    monkeypatch.setattr(twins, "compiled_twin", lambda template: (tpl, "k"))
    for i in range(2):
        lo_input.write(tmp_path / "out", tmp_path / f"{i}.docx", header, {"a": str(i)}, None)
    keys = {key for _, key in lo_input.find(tmp_path / "out").values()}
    assert len(keys) == 2 and all(k.startswith("k-") for k in keys)
