"""spaCy bridge: tokenizer, term spans, sentences, extensions, disk round-trip."""

from __future__ import annotations

import subprocess
import sys

import pytest

spacy = pytest.importorskip("spacy")

import policytext as pt  # noqa: E402
from policytext.tokens import spacy_ext  # noqa: E402
from policytext.tokens.lexicon import Lexicon  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    return pt.nlp()


def test_terms_sentences_and_text(nlp, reference_doc):
    text = reference_doc.text
    doc = nlp(text)
    assert doc.text == text
    labels = {s.text: s.label_ for s in doc.spans["policy_terms"]}
    for term, cat in [("两个确立", "numbered"), ("党的二十大", "meeting"), ("“三定”规定", "bianzhi"),
                      ("习近平新时代中国特色社会主义思想", "theory")]:
        assert labels.get(term) == cat, term
    # sentence boundaries agree with the structure parser on the body
    sents = {(s.start_char, s.end_char) for s in doc.sents}
    for sent in reference_doc.sentences:
        assert any(a <= sent.start and sent.end <= b for a, b in sents)
    starts = {s.start_char for s in doc.sents}
    assert {s.start for s in reference_doc.sentences} <= starts


def test_tokens_match_policytext_tokenizer(nlp, tokenizer):
    text = "增强“四个意识”，落实“三定”规定 和 编制资源。"
    assert [t.text for t in nlp(text)] == [w for w in tokenizer.lcut(text) if not w.isspace()]


def test_extensions(nlp):
    doc = nlp("增强“四个意识”，开展“七个一”活动。")
    assert [s.text for s in doc._.policytext_formulations] == ["四个意识", "七个一"]
    tok = next(t for t in doc if t.text == "四个意识")
    assert tok._.policytext_category == "numbered"
    assert doc._.policytext_terms[0]._.policytext_category == "numbered"


def test_extensions_do_not_overwrite_others():
    from spacy.tokens import Doc

    spacy_ext.remove_extensions()
    Doc.set_extension("policytext_terms", default=None)
    try:
        with pytest.raises(pt.PolicyTextError, match="already registered by someone else"):
            spacy_ext.register_extensions()
    finally:
        Doc.remove_extension("policytext_terms")
        spacy_ext.remove_extensions()
        spacy_ext.register_extensions()
    spacy_ext.register_extensions()  # idempotent


def test_disk_round_trip_in_a_fresh_process(tmp_path):
    custom = tmp_path / "mine.tsv"
    custom.write_text("term\tcategory\n镇街编制动态调整\tbianzhi\n", encoding="utf-8")
    nlp = pt.nlp(lexicon=custom)
    out = tmp_path / "pipeline"
    nlp.to_disk(out)
    code = (
        "import spacy, sys; nlp = spacy.load(sys.argv[1]);"
        "doc = nlp('抓好镇街编制动态调整，增强“四个意识”。');"
        "print([(s.text, s.label_) for s in doc.spans['policy_terms']]);"
        "print(any(m.startswith('policytext') for m in sys.modules))"
    )
    res = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, check=True)
    assert "('镇街编制动态调整', 'bianzhi')" in res.stdout and "('四个意识', 'numbered')" in res.stdout


def test_bytes_round_trip_and_empty_lexicon():
    nlp = pt.nlp(lexicon=Lexicon.empty())
    doc = nlp("增强“四个意识”。")
    assert [s.label_ for s in doc.spans["policy_terms"]] == ["numbered"]  # detected, not listed
    tok = spacy_ext.PolicyTokenizer(nlp.vocab, Lexicon.from_entries([("数字编办", "bianzhi")]))
    clone = spacy_ext.PolicyTokenizer(nlp.vocab).from_bytes(tok.to_bytes())
    assert [t.text for t in clone("打造数字编办")] == ["打造", "数字编办"]
    assert nlp("").text == ""


def test_saved_tokenizer_keeps_every_wording_and_record_column(tmp_path):
    lex = Lexicon.default()
    dated = [e for e in lex if e.wordings]
    assert dated, "the default lexicon has terms whose wording changed over the years"
    tok = spacy_ext.PolicyTokenizer(spacy.blank("zh").vocab, lex)
    clone = spacy_ext.PolicyTokenizer(spacy.blank("zh").vocab).from_bytes(tok.to_bytes())
    tok.to_disk(tmp_path / "tok")
    again = spacy_ext.PolicyTokenizer(spacy.blank("zh").vocab).from_disk(tmp_path / "tok")
    for other in (clone.tokenizer.lexicon, again.tokenizer.lexicon):
        assert other == lex
        for e in dated:
            got = other.lookup(e.term)
            assert got is not None and got.wordings == e.wordings
            assert (got.first_seen_record, got.record_days) == (e.first_seen_record, e.record_days)
    assert again.tokenizer.lexicon.expansion("四个全面", 2015) != again.tokenizer.lexicon.expansion("四个全面", 2023)


def test_pipeline_saved_without_expansions_still_loads(tmp_path):
    tok = spacy_ext.PolicyTokenizer(spacy.blank("zh").vocab, Lexicon.from_entries([("数字编办", "bianzhi")]))
    tok.to_disk(tmp_path / "tok")
    (tmp_path / "tok" / "expansions.tsv").unlink()  # as written before wordings were saved
    again = spacy_ext.PolicyTokenizer(spacy.blank("zh").vocab).from_disk(tmp_path / "tok")
    assert [t.text for t in again("打造数字编办")] == ["打造", "数字编办"]
