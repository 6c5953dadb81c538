"""The spaCy pipeline is linear, and its tokens carry tags (session 8, F1 items 1 and 2).

``policytext_sentences`` used to set ``Token.is_sent_start`` token by token, and spaCy checks the
whole doc for a parse on each assignment: 98 s for four copies of the 20th congress report. It now
writes one ``SENT_START`` array; the boundaries must be the ones the token-by-token rule gave. The
``Token._.policytext_category`` getter scanned every term span per token (quadratic too); it now
reads an index, with the same answers. ``Token.tag_`` is policytext's tag, ``pos_`` its UPOS.
"""

from __future__ import annotations

import pickle
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

spacy = pytest.importorskip("spacy")

from conftest import shared_path  # noqa: E402

import policytext as pt  # noqa: E402
from policytext.text.structure import split_sentences  # noqa: E402
from policytext.tokens.spacy_ext import SPANS_KEY, PolicyTokenizer, upos  # noqa: E402

UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
        "SCONJ", "SYM", "VERB", "X", "SPACE"}
_PIECES = ["要增强“四个意识”。", "推进机构编制法定化", "。", "！", "？", "他说：“要学习。要落实。”", "\n", "\n\n", " ", "  ",
           "\u3000", "《条例。》", "（一）", "开展“七个一”活动", "党的二十大", "××", "abc 12%", "，", "会议强调"]


@pytest.fixture(scope="module")
def nlp():
    return pt.nlp()


def _old_starts(doc) -> list[bool]:
    """The rule as the token-by-token component applied it (the oracle)."""
    starts = set()
    pos = 0
    for line in doc.text.split("\n"):
        for a, _ in split_sentences(line):
            starts.add(pos + a + (len(line[a:]) - len(line[a:].lstrip())))
        pos += len(line) + 1
    return [tok.i == 0 or tok.idx in starts for tok in doc]


def _scan_category(tok) -> str | None:
    for s in tok.doc.spans.get(SPANS_KEY, []):
        if s.start <= tok.i < s.end:
            return str(s.label_)
    return None


def test_reference_document_boundaries_and_categories(nlp):
    doc = nlp(shared_path("congress_20_report.txt").read_text(encoding="utf-8"))
    assert [t.is_sent_start for t in doc] == _old_starts(doc)
    assert sum(t.is_sent_start for t in doc) > 300
    spans = [(s.start, s.end, s.label_) for s in doc.spans[SPANS_KEY]]
    expected = [next((lab for a, b, lab in spans if a <= t.i < b), None) for t in doc]
    assert [t._.policytext_category for t in doc] == expected
    assert [s._.policytext_category for s in doc.spans[SPANS_KEY]] == [lab for _, _, lab in spans]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_boundaries_equal_the_token_by_token_rule(nlp, pieces):
    doc = nlp("".join(pieces))
    if len(doc):
        assert [t.is_sent_start for t in doc] == _old_starts(doc)
        assert [t._.policytext_category for t in doc] == [_scan_category(t) for t in doc]


def test_sentences_component_is_linear(nlp):
    text = shared_path("congress_20_report.txt").read_text(encoding="utf-8")
    doc = nlp.make_doc("\n".join([text] * 4))  # 132k characters: 98 s token by token
    t0 = time.perf_counter()
    nlp.get_pipe("policytext_sentences")(doc)
    assert time.perf_counter() - t0 < 5.0
    t0 = time.perf_counter()
    nlp.get_pipe("policytext_terms")(doc)
    cats = [t._.policytext_category for t in doc]  # was a scan of every span per token
    assert time.perf_counter() - t0 < 10.0
    assert sum(c is not None for c in cats) > 1000


def test_category_index_follows_changes_to_the_spans(nlp):
    doc = nlp("要增强“四个意识”。推进机构编制法定化。")
    assert [t._.policytext_category for t in doc if t._.policytext_category] == ["numbered", "bianzhi"]
    doc.spans[SPANS_KEY] = [doc[0:2]]  # a new group
    assert [t._.policytext_category for t in doc[:3]] == ["", "", None]
    doc.spans[SPANS_KEY].append(doc.char_span(4, 8, label="mine"))  # longer group
    assert doc[3]._.policytext_category == "mine"
    overlapping = [doc.char_span(4, 8, label="a"), doc.char_span(0, 8, label="b")]
    doc.spans[SPANS_KEY] = overlapping  # unsorted and overlapping: first in group order wins
    assert doc[3]._.policytext_category == "a" and doc[0]._.policytext_category == "b"
    assert doc.char_span(0, 8)._.policytext_category == "b"
    other = nlp("增强“四个意识”")
    assert other[2]._.policytext_category == "numbered" and doc[3]._.policytext_category == "a"
    del doc.spans[SPANS_KEY]
    assert doc[3]._.policytext_category is None


def test_tags_are_policytext_tags(nlp):
    text = "要增强“四个意识”。  推进机构编制法定化，为××发展 abc 12%。\n\n好"
    doc = nlp(text)
    tokens = {t.start: t for t in pt.Tokenizer(stopwords=None).tokenize(text)}
    for tok in doc:
        assert tok.pos_ in UPOS
        if tok.text.isspace():
            assert (tok.tag_, tok.pos_) == ("x", "SPACE")
        else:
            assert tok.tag_ == tokens[tok.idx].pos and tok.pos_ == upos(tok.tag_, tok.text)
    got = {t.text: (t.tag_, t.pos_) for t in doc}
    assert got["四个意识"] == ("nz", "PROPN") and got["，"] == ("x", "PUNCT") and got["××"] == ("x", "SYM")
    assert got["增强"][1] == "VERB" and got["为"][1] == "ADP"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES + ["\t", "a", "的", "3.5"]), max_size=20))
def test_tagged_path_equals_tokenize(nlp, pieces):
    text = "".join(pieces)
    tk = nlp.tokenizer.tokenizer
    assert tk._tagged(text) == [(t.text, t.pos) for t in tk.tokenize(text)]
    doc = nlp.make_doc(text)
    assert doc.text == text and all(t.tag_ and t.pos_ in UPOS for t in doc)


def test_tags_off_and_serialised(tmp_path):
    plain = pt.nlp(tags=False)
    doc = plain("增强“四个意识”。")
    assert [t.tag_ for t in doc] == [""] * len(doc) and [t.text for t in doc] == [t.text for t in pt.nlp()(doc.text)]
    restored = pickle.loads(pickle.dumps(plain))
    assert restored.tokenizer.tags is False
    tok = PolicyTokenizer(plain.vocab).from_bytes(plain.tokenizer.to_bytes())
    assert tok.tags is False
    plain.to_disk(tmp_path / "p")
    assert spacy.load(tmp_path / "p")("四个意识")[0].tag_ == ""
    tagged = pt.nlp()
    tagged.to_disk(tmp_path / "t")
    assert spacy.load(tmp_path / "t")("四个意识")[0].tag_ == "nz"
    cfg = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "policytext.PolicyTokenizer.v1",
                                                          "hmm": False, "tags": False}}})
    assert cfg.tokenizer.tags is False


def test_upos_mapping():
    assert [upos(t) for t in ("n", "nr", "ns", "v", "vn", "a", "d", "p", "c", "uj", "m", "q", "r", "eng")] == [
        "NOUN", "PROPN", "PROPN", "VERB", "VERB", "ADJ", "ADV", "ADP", "CCONJ", "PART", "NUM", "NOUN", "PRON", "X"]
    assert upos("x", "。") == "PUNCT" and upos("x", "+") == "SYM" and upos("x", "\n") == "SPACE"
    assert upos("", "字") == "X" and upos("x", "abc") == "X" and upos("nrfg") == "PROPN" and upos("ul") == "PART"
