"""Property-based fuzzing of every analysis entry point (issue 10).

Two kinds of input: arbitrary Unicode (including control characters, lone
surrogates, full-width forms and CJK), and real documents from the shared
corpora mutated at random (lines and characters deleted, inserted,
duplicated, swapped). Properties: no exception other than a documented
:class:`~policytext.errors.PolicyTextError`; spans index the text exactly;
counts are non-negative; the same input gives the same output.

The number of examples run per target is printed at the end of the module
(``pytest -s tests/test_fuzz.py``); the whole file runs in well under 60 s.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.errors import EmptyDocumentError, InputError, PolicyTextWarning
from policytext.render import compare_report
from policytext.render.study_report import to_html, to_markdown
from policytext.text.structure import parse

RUNS: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    if RUNS:
        print("\nfuzz examples run per target:")
        for name, n in sorted(RUNS.items()):
            print(f"  {name:28s} {n:5d}")
        print(f"  {'total':28s} {sum(RUNS.values()):5d}")


# -- strategies ---------------------------------------------------------------------------------

_POLICY_BITS = [
    "一、", "（二）", "3.", "（4）", "第五条", "第一部分", "要", "必须", "坚持", "推进", "。", "，", "；", "！", "？",
    "“", "”", "《", "》", "（", "）", "\n", "\n\n", "　　", "两个确立", "四个意识", "机构编制", "高质量发展",
    "党的二十大", "****", "××", "２０２２年", "ＡＢＣ", "……", "——", "<script>", "&amp;", "黨的領導", "\r\n",
    "\x00", "\x1b", "\ufeff", "\u2028", "\ud800",
]
#: Arbitrary Unicode, biased towards the characters and marks that drive the parser.
texts = st.lists(
    st.one_of(st.sampled_from(_POLICY_BITS), st.text(max_size=12), st.text(st.characters(min_codepoint=0x4E00,
                                                                                            max_codepoint=0x9FFF),
                                                                             max_size=8)),
    max_size=40,
).map("".join)

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _mutate(data: st.DataObject, text: str) -> str:
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 8), label="mutations")):
        if not lines:
            lines = [""]
        op = data.draw(st.sampled_from(["del_line", "dup_line", "ins_line", "swap", "del_chars", "ins_chars",
                                        "dup_chars"]), label="op")
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        line = lines[i]
        if op == "del_line":
            del lines[i]
        elif op == "dup_line":
            lines.insert(i, line)
        elif op == "ins_line":
            lines.insert(i, data.draw(texts, label="new line"))
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1), label="other")
            lines[i], lines[j] = lines[j], lines[i]
        else:
            a = data.draw(st.integers(0, len(line)), label="at")
            b = data.draw(st.integers(a, min(len(line), a + 30)), label="to")
            if op == "del_chars":
                lines[i] = line[:a] + line[b:]
            elif op == "dup_chars":
                lines[i] = line[:b] + line[a:b] + line[b:]
            else:
                lines[i] = line[:a] + data.draw(texts, label="chars") + line[a:]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def raw_texts(shared_files):
    # the smaller documents keep each example fast; mutations are what matter
    small = sorted(shared_files, key=lambda p: p.stat().st_size)[:12]
    return [p.read_text(encoding="utf-8") for p in small]


# -- invariants -----------------------------------------------------------------------------------

def _check_document(doc: pt.Document) -> None:
    text = doc.text
    assert "\r" not in text
    for i, s in enumerate(doc.sentences):
        assert s.index == i
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text and s.text.strip()
    for sec in doc.walk():
        a, b = sec.heading_span
        assert text[a:b].strip() == sec.heading
        assert sec.start <= a <= b <= sec.end <= len(text)
    for p in doc.paragraphs:
        assert text[p.start:p.end] == p.text


def _fingerprint(doc: pt.Document) -> tuple:
    return (doc.text, doc.title, [(s.text, s.start, s.section_path, s.task) for s in doc.sentences],
            [(s.id, s.heading) for s in doc.walk()])


def _load_or_empty(text: str) -> pt.Document | None:
    from policytext.text.io import looks_like_path

    if looks_like_path(text):  # a str that looks like a path is read as one (no such file here)
        with pytest.raises(InputError):
            pt.load(text)
        return None
    try:
        return pt.load(text)
    except EmptyDocumentError:
        assert not text.strip()
        return None


def _load_quietly(text: str) -> pt.Document | None:
    import warnings

    from policytext.errors import TraditionalScriptWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TraditionalScriptWarning)  # tested in test_hardening
        return _load_or_empty(text)


# -- arbitrary Unicode ------------------------------------------------------------------------------

@settings(FAST, max_examples=1000)
@given(texts)
def test_parse_arbitrary_text(text):
    RUNS["parse: unicode"] += 1
    doc = parse(text)
    _check_document(doc)
    assert _fingerprint(parse(text)) == _fingerprint(doc)


@settings(FAST, max_examples=500)
@given(st.binary(max_size=300) | texts.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_load_arbitrary_bytes(data):
    RUNS["load: bytes"] += 1
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PolicyTextWarning)
        try:
            doc = pt.load(data)
        except InputError as exc:  # documented: empty, binary, undecodable
            assert str(exc).startswith("<") and exc.reason
            return
    _check_document(doc)


@settings(FAST, max_examples=500)
@given(texts)
def test_tokenize_arbitrary_text(tokenizer, text):
    RUNS["tokenize: unicode"] += 1
    tokens = tokenizer.tokenize(text, offset=7)
    assert "".join(t.text for t in tokens) == text
    pos = 7
    for t in tokens:
        assert t.start == pos and t.end == pos + len(t.text) and t.end > t.start
        assert text[t.start - 7:t.end - 7] == t.text
        pos = t.end
    assert tokenizer.tokenize(text, offset=7) == tokens
    assert tokenizer.lcut(text) == [t.text for t in tokens]


@settings(FAST, max_examples=150)
@given(texts)
def test_keywords_arbitrary_text(text):
    RUNS["keywords: unicode"] += 1
    doc = _load_quietly(text)
    if doc is None:
        return
    for method in ("tfidf", "textrank"):
        kws = pt.keywords(doc, method=method, top=10)
        assert len(kws) <= 10
        for k in kws:
            assert k.count >= 0 and math.isfinite(k.score) and k.term
        assert pt.keywords(doc, method=method, top=10) == kws


@settings(FAST, max_examples=150)
@given(texts, st.sampled_from(["sentence", "paragraph", 2, 5]))
def test_cooccurrence_arbitrary_text(text, window):
    RUNS["cooccurrence: unicode"] += 1
    doc = _load_quietly(text)
    if doc is None:
        return
    G = pt.cooccurrence(doc, window=window)
    _check_graph(G)
    H = pt.cooccurrence(doc, window=window)
    assert sorted(G.edges(data=True)) == sorted(H.edges(data=True))


def _check_graph(G) -> None:
    for _, d in G.nodes(data=True):
        assert d["count"] >= 1
    for _, _, d in G.edges(data=True):
        assert d["count"] >= 1 and math.isfinite(d["weight"])


@settings(FAST, max_examples=80)
@given(texts)
def test_summarize_arbitrary_text(text):
    RUNS["summarize: unicode"] += 1
    doc = _load_quietly(text)
    if doc is None:
        return
    s = pt.summarize(doc, pictures=False)
    md, page = to_markdown(s), to_html(s)
    assert "<script>" not in page
    assert to_markdown(pt.summarize(doc, pictures=False)) == md
    for sec in s.sections:
        for k in sec.key_sentences:
            assert k.text in doc.text


@settings(FAST, max_examples=80)
@given(texts, texts)
def test_compare_arbitrary_text(a, b):
    RUNS["compare: unicode"] += 1
    da, db = _load_quietly(a), _load_quietly(b)
    if da is None or db is None:
        return
    cmp = pt.compare(da, db)
    _check_comparison(cmp)
    again = pt.compare(da, db)
    assert compare_report.to_markdown(again) == compare_report.to_markdown(cmp)


def _check_comparison(cmp) -> None:
    sim = cmp.similarity
    if sim.shared + sim.only_a + sim.only_b == 0:  # no content terms on either side: undefined, never 1.0
        assert math.isnan(sim.cosine) and math.isnan(sim.jaccard)
    else:
        assert -1e-9 <= sim.cosine <= 1 + 1e-9 and 0 <= sim.jaccard <= 1
    assert min(sim.shared, sim.only_a, sim.only_b) >= 0
    for col in ("count_a", "count_b"):
        assert (cmp.keyness[col] >= 0).all()
    assert "<script>" not in compare_report.to_html(cmp)


# -- mutated real documents ----------------------------------------------------------------------------

@settings(FAST, max_examples=200)
@given(data=st.data())
def test_parse_mutated_documents(raw_texts, data):
    RUNS["parse: mutated"] += 1
    text = _mutate(data, data.draw(st.sampled_from(raw_texts), label="doc"))
    doc = _load_or_empty(text)
    if doc is None:
        return
    _check_document(doc)
    assert _fingerprint(pt.load(text)) == _fingerprint(doc)


@settings(FAST, max_examples=60)
@given(data=st.data())
def test_tokenize_keywords_cooccurrence_mutated(raw_texts, tokenizer, data):
    RUNS["tokenize+keywords+cooc: mutated"] += 1
    text = _mutate(data, data.draw(st.sampled_from(raw_texts), label="doc"))
    doc = _load_quietly(text)
    if doc is None:
        return
    per_sentence = tokenizer.tokenize_document(doc)
    assert len(per_sentence) == len(doc.sentences)
    for s, toks in zip(doc.sentences, per_sentence):
        assert "".join(t.text for t in toks) == s.text
        assert all(doc.text[t.start:t.end] == t.text for t in toks)
    kws = pt.keywords(doc, top=15)
    assert all(k.count >= 0 and math.isfinite(k.score) for k in kws)
    _check_graph(pt.cooccurrence(doc, top=30))


@settings(FAST, max_examples=30)
@given(data=st.data())
def test_summarize_and_compare_mutated(raw_texts, data):
    RUNS["summarize+compare: mutated"] += 1
    a = data.draw(st.sampled_from(raw_texts), label="a")
    text = _mutate(data, a)
    doc = _load_quietly(text)
    if doc is None:
        return
    s = pt.summarize(doc, pictures=False)
    assert to_markdown(s) == to_markdown(pt.summarize(doc, pictures=False))
    _check_comparison(pt.compare(pt.load(a), doc))

