"""Cost that grows linearly with the number of sections (issue: ``study`` on a document of thousands of sections).

Not wall time: each test counts the work a superlinear step used to repeat — the phrase table walked once per
section (``keyterms._phrase_sizes``), every keyword's first use looked up by its own scan of the document
(``_keyterm_input.first_places``), python-docx scanning the whole body for its end and the styles for the
default at every paragraph — on a synthetic document of N and of 4N sections, and checks it grows about 4
times, not 16. Equivalence tests pin that the faster steps give what the old ones gave.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis import _keyterm_input, keyterms
from policytext.analysis.keyterms import keywords
from policytext.text.headings import int_to_cn

#: Words the synthetic sections combine (two per section, so phrases differ from section to section).
_VOCAB = ("机构", "编制", "资源", "职能", "体系", "基层", "治理", "服务", "监管", "人才", "科技", "产业",
          "乡村", "生态", "法治", "财政", "金融", "教育", "医疗", "交通")


def _text(n: int) -> str:
    """A document of ``n`` top-level sections, each with its own phrases (used twice) and shared words."""
    lines = ["关于推进重点工作的意见"]
    for i in range(n):
        a, b = _VOCAB[i % len(_VOCAB)], _VOCAB[(i * 7 + 3) % len(_VOCAB)]
        lines.append(f"{int_to_cn(i + 1)}、加强{a}{b}工作")
        lines.append(f"要推进{a}{b}协同建设。{a}{b}协同建设要向基层倾斜。完善{b}{a}联动机制，优化{a}配置。"
                     f"第{i + 1}批{b}{a}联动机制要落实到位。")
    return "\n".join(lines)


def _section_keywords(n: int) -> pt.Document:
    """Rank every top-level section with the whole document as context, as ``summarize`` does."""
    doc = pt.parse(_text(n))
    assert len(doc.sections) == n
    for sec in doc.sections:
        keywords(sec, context=doc, top=10)
    return doc


def _counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, measure: Callable[..., int]) -> list[int]:
    """Replace ``owner.name`` by a wrapper that adds ``measure(*args)`` to the returned tally per call."""
    tally = [0, 0]  # calls, measured work
    real = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        tally[0] += 1
        tally[1] += measure(*args, **kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return tally


def _grows_linearly(small: int, large: int, factor: int = 4) -> None:
    assert small > 0
    assert large <= (factor + 1) * small, (small, large)  # linear: ~4x; once per section: ~16x


def test_phrase_table_walked_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """The words of the phrase table's phrases are looked up once per document, not once per section."""
    tally = _counting(monkeypatch, keyterms, "_words_of", lambda term: 1)
    seen = []
    for n in (10, 40):
        tally[0] = tally[1] = 0
        _section_keywords(n)
        seen.append(tally[1])
    _grows_linearly(*seen)


def test_phrase_sizes_cached_beside_the_phrase_table() -> None:
    doc = _section_keywords(6)
    caches = [v for k, v in doc._cache.items() if isinstance(k, tuple) and k and k[0] == "keyterms.context"]
    assert caches and all("phrase_sizes" in c for c in caches if "phrases" in c)
    cache = next(c for c in caches if "phrases" in c)
    assert set(cache["phrase_sizes"]) == {"".join(g) for g in cache["phrases"]}


def _alias_pairs(n: int) -> list[tuple[str, str]]:
    """``n`` (alias, term) pairs of the shipped lexicon that the default tokenizer reads as one token."""
    from policytext._resources import data_file
    from policytext.tokens.tokenizer import default_tokenizer

    tk, pairs = default_tokenizer(), []
    for line in data_file("lexicons", "political_terms.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 3 or not cols[2] or cols[0] == "term":
            continue
        alias = cols[2].split("|")[0]
        toks = tk.tokenize(f"要坚持{alias}。")
        if any(t.text == alias and t.norm == cols[0] for t in toks):
            pairs.append((alias, cols[0]))
        if len(pairs) == n:
            break
    return pairs


def test_first_uses_found_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keywords' surface forms look up the first uses of all their terms with one scan of the units, whatever
    the number of terms (the cooccurrence graph asks for every candidate of the document): here every section
    writes a lexicon term both ways, so the terms to look up grow with the sections."""
    pairs = _alias_pairs(40)
    if len(pairs) < 40:
        pytest.skip("the lexicon has fewer than 40 aliases read as one token")
    tally = _counting(monkeypatch, _keyterm_input, "first_places",
                      lambda merged, terms, skip: len(merged) if terms else 0)
    seen = []
    for n in (10, 40):
        tally[0] = tally[1] = 0
        body = [f"{int_to_cn(i + 1)}、第{i + 1}项\n要坚持{a}。要坚持{t}。" for i, (a, t) in enumerate(pairs[:n])]
        keywords(pt.parse("\n".join(["意见", *body])), top=10_000, diversity=False)
        assert tally[0] == 1  # one call (one scan) for all the terms
        seen.append(tally[1])
    _grows_linearly(*seen)


_slot = st.builds(lambda w, ok: (w, None, ok, True, None, None), st.sampled_from("甲乙丙丁戊"), st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), _slot), max_size=6), max_size=8),
       st.sets(st.sampled_from("甲乙丙丁戊己")), st.sets(st.integers(0, 8)))
def test_first_places_is_the_first_candidate_slot(merged: list[list[Any]], terms: set[str], skip: set[int]) -> None:
    def naive(term: str) -> tuple[int, int]:
        for k, slots in enumerate(merged):
            if k not in skip:
                for i, s in enumerate(slots):
                    if s is not None and s[2] and s[0] == term:
                        return k, i
        return len(merged), 0

    assert _keyterm_input.first_places(merged, terms, skip) == {t: naive(t) for t in terms}


# -- Word -----------------------------------------------------------------------------------------------

def _docx_work(monkeypatch: pytest.MonkeyPatch, n: int) -> tuple[int, int, int]:
    """Children python-docx scans to place elements, and how often it looks for the default style, writing the
    study outline of an ``n``-section document; and the number of paragraphs written."""
    pytest.importorskip("docx")
    from docx.oxml.ns import qn
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.styles import Styles

    from policytext.render._study_docx import to_docx

    summary = pt.summarize(_text(n), pictures=False, quiz=0, formulations=0)
    body = qn("w:body")  # the body only: numbering (lists) is _word.numbered_list's
    scans = _counting(monkeypatch, BaseOxmlElement, "first_child_found_in",
                      lambda self, *tags: len(self) if self.tag == body else 0)
    defaults = _counting(monkeypatch, Styles, "default", lambda self, style_type: 1)
    d = to_docx(summary)
    monkeypatch.undo()
    return scans[1], defaults[0], len(d.paragraphs)


def test_study_docx_grows_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    scans_small, defaults_small, paras_small = _docx_work(monkeypatch, 10)
    scans_large, defaults_large, paras_large = _docx_work(monkeypatch, 40)
    assert paras_large >= 3 * paras_small
    _grows_linearly(max(scans_small, paras_small), scans_large)
    assert defaults_large == defaults_small  # each style is resolved once, not once per paragraph


_texts = st.text(st.sampled_from("学习贯彻\t\n 甲乙"), max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p", "h0", "h1", "h3", "bullet", "number"]), _texts), max_size=8))
def test_writer_writes_what_python_docx_writes(items: Sequence[tuple[str, str]]) -> None:
    """The constant-time writer's XML is python-docx's own (text, runs, tabs and breaks, styles, headings)."""
    pytest.importorskip("docx")
    from policytext.render._study_docx import _Writer
    from policytext.render._word import new_document

    def write(d: Any, target: Any) -> str:
        for kind, text in items:
            if kind.startswith("h"):
                target.add_heading(text, level=int(kind[1:]))
            elif kind == "p":
                target.add_paragraph(text)
            else:
                target.add_paragraph(text, style=d.styles["List Bullet" if kind == "bullet" else "List Number"])
        d.add_paragraph("之后")  # python-docx's own paragraphs still go after the writer's
        return str(d.element.body.xml)

    plain, fast = new_document("t"), new_document("t")
    assert write(fast, _Writer(fast)) == write(plain, plain)
