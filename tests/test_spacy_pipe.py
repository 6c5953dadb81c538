"""spaCy multiprocessing and evaluation on the policytext pipeline (issue 18, item 2).

The pipeline pickles, so ``nlp.pipe(texts, n_process=2)`` works under the ``spawn`` start method
(macOS, Windows, Linux from Python 3.14); the components and the tokenizer offer ``score()``, so
``nlp.evaluate`` reports sentence (``sents_p/r/f``), term-span (``spans_policy_terms_p/r/f``) and
tokenization figures computed by spaCy's own ``Scorer`` helpers.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import textwrap

import pytest

spacy = pytest.importorskip("spacy")

import policytext as pt  # noqa: E402

TEXTS = [
    "要增强“四个意识”。推进机构编制法定化。",
    "抓好镇街编制动态调整。增强“四个意识”",
    "深入学习党的二十大精神，落实“三定”规定。",
    "",
    "开展“七个一”活动。\n坚持习近平新时代中国特色社会主义思想。",
]


def _summary(doc) -> list:
    return [doc.text, [(s.start_char, s.end_char, s.label_) for s in doc.spans["policy_terms"]],
            [(s.start_char, s.end_char) for s in doc.sents] if doc.text else []]


@pytest.fixture(scope="module")
def nlp():
    return pt.nlp()


def test_pipeline_and_components_pickle(nlp):
    expected = [_summary(nlp(t)) for t in TEXTS]
    clone = pickle.loads(pickle.dumps(nlp))
    assert clone.pipe_names == nlp.pipe_names
    assert [_summary(clone(t)) for t in TEXTS] == expected
    for name, proc in nlp.pipeline:
        again = pickle.loads(pickle.dumps(proc))
        assert type(again) is type(proc), name
    terms = pickle.loads(pickle.dumps(nlp.get_pipe("policytext_terms")))
    assert terms.patterns == nlp.get_pipe("policytext_terms").patterns


def test_terms_component_pickles_with_hand_set_patterns_and_bytes_round_trip(nlp):
    from policytext.tokens.spacy_ext import PolicyTerms

    terms = PolicyTerms(nlp, detect_numbered=False)
    terms.patterns = [{"label": "bianzhi", "pattern": "编制", "id": "编制"}]  # never initialized: kept
    doc = terms(nlp.make_doc("严控编制，增强“四个意识”。"))
    assert [(s.text, s.label_) for s in doc.spans["policy_terms"]] == [("编制", "bianzhi")]
    clone = pickle.loads(pickle.dumps(terms))
    assert clone._matcher is None and clone.patterns == terms.patterns
    doc = clone(nlp.make_doc("严控编制。"))
    assert [s.text for s in doc.spans["policy_terms"]] == ["编制"]
    again = PolicyTerms(nlp).from_bytes(terms.to_bytes())
    assert again.patterns == terms.patterns
    whole = pt.nlp()
    whole.from_bytes(nlp.to_bytes())
    assert whole.get_pipe("policytext_terms").patterns == nlp.get_pipe("policytext_terms").patterns


SPAWN_SCRIPT = textwrap.dedent("""
    import json
    import multiprocessing as mp
    import os
    import sys

    from spacy.language import Language

    import policytext as pt


    @Language.component("record_worker")
    def record_worker(doc):
        doc.user_data["worker"] = [os.getpid(), mp.get_start_method(allow_none=True),
                                   mp.parent_process() is not None]
        return doc


    def summary(doc):
        return [doc.text, [(s.start_char, s.end_char, s.label_) for s in doc.spans["policy_terms"]],
                [(s.start_char, s.end_char) for s in doc.sents] if doc.text else [],
                [s.text for s in doc._.policytext_formulations]]


    if __name__ == "__main__":
        mp.set_start_method("spawn", force=True)
        texts = json.loads(sys.argv[1])
        nlp = pt.nlp()
        nlp.add_pipe("record_worker")
        docs = list(nlp.pipe(texts, n_process=2, batch_size=2))
        print(json.dumps({"parent": os.getpid(), "method": mp.get_start_method(),
                          "workers": [d.user_data["worker"] for d in docs],
                          "docs": [summary(d) for d in docs],
                          "serial": [summary(d) for d in nlp.pipe(texts)]}))
""")


@pytest.mark.slow
def test_pipe_with_two_processes_under_spawn(tmp_path):
    script = tmp_path / "spawn_pipe.py"  # a file, so that spawn can re-import the component in the workers
    script.write_text(SPAWN_SCRIPT, encoding="utf-8")
    texts = TEXTS * 2
    res = subprocess.run([sys.executable, str(script), json.dumps(texts, ensure_ascii=False)],
                         capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert res.returncode == 0, res.stderr[-3000:]
    out = json.loads(res.stdout)
    assert out["method"] == "spawn"
    # every doc was made in a spawned worker process, not in the parent
    assert len(out["workers"]) == len(texts)
    for pid, method, is_child in out["workers"]:
        assert pid != out["parent"] and method == "spawn" and is_child
    assert len({pid for pid, _, _ in out["workers"]}) == 2
    assert out["docs"] == out["serial"]
    assert out["docs"][0][1] == [[4, 8, "numbered"], [12, 19, "bianzhi"]]
    assert out["docs"][0][3] == ["四个意识"]


def _example(nlp, text, spans=None, sents=None):
    """A gold Example: ``spans`` as (term, label) found by text, ``sents`` as sentence texts."""
    from spacy.training import Example

    ref = nlp.make_doc(text)
    if spans is not None:
        gold = []
        for term, label in spans:
            start = text.index(term)
            gold.append(ref.char_span(start, start + len(term), label=label))
        assert None not in gold
        ref.spans["policy_terms"] = gold
    if sents is not None:
        starts, pos = set(), 0
        for sent in sents:
            starts.add(text.index(sent, pos))
            pos = text.index(sent, pos) + len(sent)
        for tok in ref:
            tok.is_sent_start = tok.idx in starts
    return Example(nlp.make_doc(text), ref)


def test_evaluate_reports_sentence_span_and_token_figures(nlp):
    examples = [
        # all right: 2 spans, 2 sentences
        _example(nlp, TEXTS[0], spans=[("四个意识", "numbered"), ("机构编制法定化", "bianzhi")],
                 sents=["要增强“四个意识”。", "推进机构编制法定化。"]),
        # the pipeline finds 镇街 + 编制动态调整 where the gold has one term (2 false positives, 1 miss),
        # and two sentences where the gold has one
        _example(nlp, TEXTS[1], spans=[("镇街编制动态调整", "bianzhi"), ("四个意识", "numbered")],
                 sents=[TEXTS[1]]),
        # no gold spans and no gold sentences: skipped by both scores
        _example(nlp, TEXTS[2]),
    ]
    pred = nlp(TEXTS[1])
    assert [(s.text, s.label_) for s in pred.spans["policy_terms"]] == [
        ("镇街", "institution"), ("编制动态调整", "bianzhi"), ("四个意识", "numbered")]
    scores = nlp.evaluate(examples)
    # spans: tp 3, fp 2, fn 1
    assert scores["spans_policy_terms_p"] == pytest.approx(3 / 5)
    assert scores["spans_policy_terms_r"] == pytest.approx(3 / 4)
    assert scores["spans_policy_terms_f"] == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    per_type = scores["spans_policy_terms_per_type"]
    assert per_type["numbered"] == {"p": 1.0, "r": 1.0, "f": 1.0}
    assert per_type["institution"]["p"] == 0.0
    # sentences: tp 2, fp 2, fn 1
    assert scores["sents_p"] == pytest.approx(2 / 4)
    assert scores["sents_r"] == pytest.approx(2 / 3)
    assert scores["sents_f"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert "sents_per_type" not in scores
    # the tokenizer scores itself like spaCy's own (same tokenizer on both sides here)
    assert scores["token_acc"] == 1.0 and scores["token_f"] == 1.0
    by_component = nlp.evaluate(examples, per_component=True)
    assert by_component["policytext_sentences"]["sents_p"] == pytest.approx(0.5)
    assert by_component["policytext_terms"]["spans_policy_terms_r"] == pytest.approx(0.75)


def test_evaluate_without_gold_annotation_and_other_spans_key():
    from spacy.training import Example

    nlp = pt.nlp()
    nlp.replace_pipe("policytext_terms", "policytext_terms", config={"spans_key": "sc"})

    ex = Example(nlp.make_doc(TEXTS[0]), nlp.make_doc(TEXTS[0]))
    scores = nlp.evaluate([ex])
    assert scores["spans_sc_f"] is None and scores["sents_f"] is None  # nothing to score against
    ref = nlp.make_doc(TEXTS[0])
    ref.spans["sc"] = [ref.char_span(4, 8, label="numbered")]
    scores = nlp.evaluate([Example(nlp.make_doc(TEXTS[0]), ref)])
    assert scores["spans_sc_p"] == pytest.approx(0.5) and scores["spans_sc_r"] == 1.0


def test_score_weights_show_the_figures_without_diluting_the_score(nlp):
    """``spacy train`` shows every key whose weight is not None; a rule-based figure weighs 0."""
    weights = nlp.config["training"]["score_weights"]
    for key in ("sents_f", "sents_p", "sents_r", "spans_policy_terms_f", "spans_policy_terms_p",
                "spans_policy_terms_r"):
        assert weights[key] == 0.0, key
    assert weights["spans_policy_terms_per_type"] is None
    nlp = pt.nlp()
    nlp.add_pipe("textcat")
    assert nlp.config["training"]["score_weights"]["cats_score"] == 1.0
