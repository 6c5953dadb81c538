"""The learned task model kept in ``benchmarks/_task_model.py`` (issue 15 item 6): measured and not shipped, its
scorer must stay right so that ``fit_task_model.py`` / ``build_task_model.py`` / ``eval_tasks.py --model-table``
reproduce the measurement. Needs neither ``../shared`` nor scikit-learn."""

from __future__ import annotations

import argparse
import io
import random
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from conftest import benchmark_module
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt

REPO = Path(__file__).resolve().parent.parent
#: Characters that make clauses (half- and full-width punctuation), n-grams that repeat, and the rest.
ALPHABET = "要加强学习组织开展，,；;：:。（(）)！？!? 好"
#: A plan: the first measure has no rules' marker, the other two have ``要``.
PLAN = "学校工作计划\n二、主要措施\n每月开展一次主题班会。\n各班要按时上报。\n各班要不断改进。"


def _tm():
    return benchmark_module("_task_model")


def _ngram_features(tm, text: str) -> list[str]:
    return [f for f in tm.sentence_features(text, None, False) if f[0] in "sfl" and not f.startswith("ss:")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.text(alphabet=ALPHABET, max_size=40), st.integers(0, 2**32))
def test_the_fast_scorer_adds_the_same_weights_as_the_feature_path(text, other, seed):
    tm = _tm()
    rng = random.Random(seed)
    # a table over the n-grams of this sentence and of another (some shared, some not), in every part
    table = {f: rng.uniform(-2.0, 2.0) for f in _ngram_features(tm, text) + _ngram_features(tm, other)
             if rng.random() < 0.8}
    model = tm.TaskModel(dict(table))
    feats = tm.sentence_features(text, None, False)
    expected = sum(table.get(f, 0.0) for f in feats)  # every occurrence of a feature counts
    assert model.features_score(feats) == pytest.approx(expected, abs=1e-9)
    assert model.text_score(text) == pytest.approx(expected, abs=1e-9)
    # half-width punctuation is read as full-width
    folded = text.translate(tm.FOLD)
    assert model.text_score(folded) == pytest.approx(model.text_score(text), abs=1e-9)


def test_the_fast_scorer_counts_each_part_of_a_clause_split_sentence():
    tm = _tm()
    m = tm.TaskModel({"s要": 1.0, "f^要": 10.0, "f要": 100.0, "l好": 1000.0, "l。$": 10000.0, "s，": 0.5})
    # 要 twice in the sentence (s), once at the head of the first clause (f^要, f要), not in the last; 好 in the last
    assert m.text_score("要学习,要好。") == pytest.approx(2 * 1.0 + 10.0 + 100.0 + 1000.0 + 10000.0 + 0.5)
    assert m.text_score("") == 0.0 and m.text_score("，") == 0.5


def _decisions(tm, table: dict[str, float]) -> list[str | None]:
    return tm.document_tasks(pt.parse(PLAN), tm.TaskModel(table))


def test_a_hand_made_table_decides_as_its_weights_say(tmp_path):
    tm = _tm()
    doc = pt.parse(PLAN)
    assert [s.task for s in doc.sentences] == [None, "要", "要"]  # the rules
    table = {"bias": -1.0, "k:modal": 2.0, "s班会": 3.0, "s不断": -5.0}
    # 班会: -1 + 3 > 0, a task the rules missed; 上报: -1 + 2 > 0, the rules' marker kept; 不断: -1 + 2 - 5 < 0
    assert _decisions(tm, table) == [tm.MODEL_MARKER, "要", None]
    assert _decisions(tm, {"bias": -1.0}) == [None, None, None]
    assert _decisions(tm, {"bias": 1.0}) == [tm.MODEL_MARKER, "要", "要"]
    assert _decisions(tm, {"bias": 1.0, "k:none": -2.0}) == [None, "要", "要"]
    assert _decisions(tm, {"bias": -1.0, "t:计划": 2.0}) == [tm.MODEL_MARKER, "要", "要"]  # the title's genre word
    assert [s.task for s in doc.sentences] == [None, "要", "要"]  # the document is not changed
    # the same table read from a file (as build_task_model.py writes it) decides the same
    path = tmp_path / "table.tsv"
    path.write_text("# a hand-made table\n" + "".join(f"{k}\t{w:.4f}\n" for k, w in table.items()), encoding="utf-8")
    loaded = tm.load_model(path)
    assert loaded.header == "a hand-made table" and loaded.bias == -1.0 and len(loaded) == 3
    assert tm.document_tasks(doc, loaded) == [tm.MODEL_MARKER, "要", None]


def test_the_logit_is_the_bias_plus_the_weights_of_the_features():
    tm = _tm()
    weights = {"bias": -1.0, "s要": 2.0, "f^要": 0.5, "l。$": 0.25, "k:modal": 0.5, "ds:plan": 0.1,
               "ss:plan": 0.2, "t:通知": 0.3, "pre": -0.4, "r:none": 0.7, "added": 0.8}
    m = tm.TaskModel(weights)
    doc = tm.document_features(("某某通知", None), "plan")
    for raw, final in (("要", "要"), (None, "要")):
        feats = doc + tm.sentence_features("要学习。", "plan", True) + tm.rule_features(raw, final)
        expected = weights["bias"] + sum(weights.get(f, 0.0) for f in feats)
        assert m.logit("要学习。", doc, "plan", True, raw, final) == pytest.approx(expected)


def _item(eval_tasks, file: str, label: bool, ours: bool, model: bool | None):
    return eval_tasks.Item(file, "headed", 0, "0" * 32, label, "plan", text=f"sentence of {file}", ours=ours,
                           model=model, base=label, found="md5")


@pytest.mark.parametrize("with_model", [False, True])
def test_eval_tasks_shows_the_task_model_only_with_a_table(with_model):
    sys.path.insert(0, str(REPO / "benchmarks"))  # a dataclass module: imported, not loaded by benchmark_module
    try:
        import eval_tasks
    finally:
        sys.path.pop(0)
    items = [_item(eval_tasks, f"doc{i}.txt", i % 2 == 0, i % 3 == 0, (i % 4 == 0) if with_model else None)
             for i in range(12)]
    out = io.StringIO()
    with redirect_stdout(out):
        eval_tasks.run_set("tenth", items, ["all"], argparse.Namespace(errors=False, set="tenth"), by_source=True)
    text = out.getvalue()
    assert ("task model: precision" in text) == with_model
    assert ("(task model " in text) == with_model
    assert "baseline: precision" in text and "baseline 1.000 / 1.000)" in text
