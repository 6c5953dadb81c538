"""Tests of policytext.analysis.classifier: the sklearn contract, the default five-section
model, models learned from a document's own sections, classify() and the CLI.

Acceptance figures are printed (run with ``-s``)."""

from __future__ import annotations

import argparse
import io
import json
import pickle
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pytest
from conftest import shared_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis.classifier import SectionClassifier, classify, read_sections
from policytext.cli import classify as classify_cli
from policytext.errors import (
    InputError,
    InvalidParameterError,
    NotFittedError,
    PolicyTextError,
)

REPO = Path(__file__).resolve().parent.parent

# Typical task sentences of OTHER 机构编制 offices' work plans and summaries,
# written for this test from general knowledge of the field (not taken from
# the reference document): 5 per section.
OWN_TASKS: list[tuple[int, str]] = [
    (1, "坚持以习近平新时代中国特色社会主义思想为指导，落实“第一议题”制度，及时跟进学习习近平总书记最新重要讲话精神。"),
    (1, "召开理论学习中心组专题学习会，集中学习党的二十届三中全会精神。"),
    (1, "邀请市委党校专家作专题辅导，引导全办干部深刻领会全会精神实质。"),
    (1, "依托“学习强国”平台和读书班，推动党的创新理论入脑入心。"),
    (1, "制定学习宣传贯彻方案，分专题开展研讨交流，确保学深悟透、融会贯通。"),
    (2, "稳妥有序推进市县机构改革，确保按时完成机构组建和职责划转。"),
    (2, "深化乡镇（街道）管理体制改革，推动审批服务执法力量向基层下沉。"),
    (2, "推进承担行政职能事业单位改革，理顺政事关系。"),
    (2, "深化综合行政执法改革，整合执法队伍，减少执法层级。"),
    (2, "推进开发区管理体制改革，理顺开发区与属地乡镇的职责关系。"),
    (3, "建立机构编制资源统筹调配机制，盘活用好存量编制。"),
    (3, "加强中小学教职工编制管理，统筹调剂编制保障义务教育学校需求。"),
    (3, "做好公立医院人员总量备案管理，保障卫生健康事业发展用编需求。"),
    (3, "严控编制总量，从严审核各部门年度用编进人计划。"),
    (3, "探索建立编制周转池，为重点项目和紧缺人才引进提供编制保障。"),
    (4, "严格执行《中国共产党机构编制工作条例》，规范机构编制事项审批程序。"),
    (4, "开展机构编制核查，对超编进人、超职数配备领导干部等问题督促整改。"),
    (4, "配合做好巡察和经济责任审计中的机构编制监督工作。"),
    (4, "完成事业单位法人年度报告公示，加强事业单位登记管理。"),
    (4, "做好机构编制实名制信息维护和年度统计工作，确保数据真实准确。"),
    (5, "落实全面从严治党主体责任，扎实推进党风廉政建设。"),
    (5, "加强编办干部队伍建设，组织开展业务培训和岗位练兵。"),
    (5, "深化模范机关创建，推动机关党建与业务工作深度融合。"),
    (5, "大兴调查研究之风，围绕机构编制重点课题形成高质量调研报告。"),
    (5, "严格落实中央八项规定及其实施细则精神，持续纠治形式主义、官僚主义。"),
]

TINY_X = ["加强理论学习", "深化机构改革", "学习党的创新理论", "推进机构职能优化", "组织专题学习", "推进事业单位改革"]
TINY_Y = [1, 2, 1, 2, 1, 2]


@pytest.fixture(scope="module")
def default_model() -> SectionClassifier:
    return SectionClassifier.default()


@pytest.fixture(scope="module")
def tiny() -> SectionClassifier:
    return SectionClassifier().fit(TINY_X, TINY_Y)


def _reference_xy(doc: pt.Document) -> tuple[list[str], list[int]]:
    sents = [s for s in doc.sentences if s.section_path]
    return [s.text for s in sents], [s.section_path[0] for s in sents]


def _baseline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    return make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 2)), LinearSVC())


# -- the scikit-learn contract --------------------------------------------------------


def test_init_only_stores_params():
    bogus = SectionClassifier(C=-1, char_ngrams="x", tokenizer=3)  # no validation in __init__
    assert bogus.get_params()["C"] == -1
    assert not any(k.endswith("_") for k in vars(bogus))
    with pytest.raises(InvalidParameterError, match="'C' parameter"):
        SectionClassifier(C=-1).fit(TINY_X, TINY_Y)
    with pytest.raises(InvalidParameterError, match="char_ngrams"):
        SectionClassifier(char_ngrams=(3, 1)).fit(TINY_X, TINY_Y)


def test_fit_returns_self_and_learns_attributes():
    clf = SectionClassifier()
    assert clf.fit(TINY_X, TINY_Y) is clf
    assert clf.classes_.tolist() == [1, 2]
    assert clf.section_names_ == {1: "1", 2: "2"}
    for attr in ("vocabulary_", "idf_", "model_", "centroids_", "matcher_", "coef_"):
        assert hasattr(clf, attr)


def test_clone_and_params_round_trip(tiny):
    from sklearn.base import clone

    c = clone(tiny)
    assert c.get_params() == tiny.get_params()
    assert not hasattr(c, "classes_")
    params = {"C": 0.5, "char_ngrams": (1, 3), "profile_weight": 0.0, "prior_weight": 2.0}
    c.set_params(**params)
    assert {k: c.get_params()[k] for k in params} == params
    c2 = SectionClassifier(**c.get_params())
    assert c2.get_params() == c.get_params()
    with pytest.raises(InvalidParameterError, match="Available names"):
        c.set_params(nonsense=1)


def test_works_in_sklearn_tools():
    from sklearn.model_selection import cross_val_score

    scores = cross_val_score(SectionClassifier(), TINY_X * 2, TINY_Y * 2, cv=2)
    assert scores.shape == (2,)


def test_pickle_round_trip_gives_identical_predictions(default_model):
    texts = [t for _, t in OWN_TASKS]
    clone_ = pickle.loads(pickle.dumps(default_model))
    assert clone_.predict(texts).tolist() == default_model.predict(texts).tolist()
    np.testing.assert_allclose(clone_.predict_proba(texts), default_model.predict_proba(texts))


def test_not_fitted_error():
    clf = SectionClassifier()
    for method in (clf.predict, clf.predict_proba, clf.decision_function, clf.explain):
        with pytest.raises(NotFittedError) as info:
            method(["加强学习"])
        assert isinstance(info.value, ValueError) and isinstance(info.value, AttributeError)
        assert isinstance(info.value, PolicyTextError)
    with pytest.raises(NotFittedError):
        classify("一、学习\n要加强学习。", clf)


def test_empty_input_gives_empty_output(tiny):
    assert tiny.predict([]).shape == (0,)
    assert tiny.predict_proba([]).shape == (0, 2)
    assert tiny.decision_function([]).shape == (0,)  # two classes: one column, as in scikit-learn
    three = SectionClassifier().fit(TINY_X + ["加强自身建设"], TINY_Y + [3])
    assert three.decision_function([]).shape == (0, 3) and three.predict_proba([]).shape == (0, 3)
    assert tiny.explain([]) == []
    assert tiny.predict([""]).shape == (1,)


def test_input_types(tiny, reference_doc):
    with pytest.raises(TypeError):
        tiny.predict("加强理论学习")  # a single str, not a sequence of sentences
    with pytest.raises(TypeError):
        tiny.predict([3])
    sents = reference_doc.sentences[:4]
    no_context = SectionClassifier(context=None).fit(TINY_X, TINY_Y)
    assert no_context.predict(sents).tolist() == no_context.predict([s.text for s in sents]).tolist()
    np.testing.assert_allclose(no_context.decision_function(sents),
                               no_context.decision_function([s.text for s in sents]))
    with pytest.raises(InvalidParameterError, match="'y' parameter"):
        SectionClassifier().fit(TINY_X, TINY_Y[:-1])
    with pytest.raises(InvalidParameterError, match="two classes"):
        SectionClassifier().fit(TINY_X[:2], [1, 1])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.sampled_from("机构编制改革学习理论资源监督干部队伍，。“”12 a"), max_size=30),
                max_size=4))
def test_proba_is_a_distribution(default_model, texts):
    proba = default_model.predict_proba(texts)
    assert proba.shape == (len(texts), 5)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    pred = default_model.predict(texts)
    assert set(pred.tolist()) <= {1, 2, 3, 4, 5}
    if texts:
        assert pred.tolist() == default_model.classes_[proba.argmax(axis=1)].tolist()


def _reference_tfidf(clf: SectionClassifier, texts: list[str]) -> np.ndarray:
    """TF-IDF of the reference features (_features), computed the slow, obvious way."""
    from collections import Counter

    out = np.zeros((len(texts), len(clf.vocabulary_)))
    for r, text in enumerate(texts):
        for f, k in Counter(clf._features(text)).items():
            if f in clf.vocabulary_:
                out[r, clf.vocabulary_[f]] = (1 + np.log(k)) * clf.idf_[clf.vocabulary_[f]]
        norm = np.linalg.norm(out[r])
        if norm:
            out[r] /= norm
    return out


@pytest.mark.parametrize("params", [{}, {"char_ngrams": (2, 6)}, {"char_ngrams": None},
                                    {"word_features": False, "char_ngrams": (1, 3)}])
def test_fast_matrix_equals_reference_features(reference_doc, params):
    texts = [s.text for s in reference_doc.sentences]
    clf = SectionClassifier(**params).fit(texts[:20] + TINY_X, [i % 3 for i in range(20)] + TINY_Y)
    probe = texts[15:] + ["", "，。", "ABC abc 123 二〇二四年", "坚持党的领导、机构编制。\n机构编制！"]
    np.testing.assert_allclose(clf._matrix(probe).toarray(), _reference_tfidf(clf, probe), atol=1e-12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.sampled_from("机构编制改革学习理论资源监督干部队伍，。“”12 aZ\n㐀\U00020000"),
                        max_size=25), max_size=4))
def test_fast_matrix_equals_reference_features_on_any_text(default_model, texts):
    np.testing.assert_allclose(default_model._matrix(texts).toarray(), _reference_tfidf(default_model, texts),
                               atol=1e-12)


def test_term_matcher_is_leftmost_longest_and_picklable(default_model):
    from policytext.analysis._classifier_features import TermMatcher

    m = TermMatcher({1: ["机构", "机构编制", "  "], 2: ["编制资源", "资源"]})
    assert m.find("统筹机构编制资源和机构") == ["机构编制", "资源", "机构"]
    assert pickle.loads(pickle.dumps(m)).find("编制资源") == ["编制资源"]
    default_model.predict(["加强机构编制管理"])  # builds the automaton
    assert pickle.loads(pickle.dumps(default_model)).predict(["加强机构编制管理"]).tolist() == \
        default_model.predict(["加强机构编制管理"]).tolist()


# -- paragraph context ----------------------------------------------------------------------

CONTEXT_DOC = ("一、学习\n要深入学习党的创新理论。必须坚持问题导向。\n要组织专题学习。\n"
               "二、改革\n要深化机构改革。必须坚持问题导向。")


def test_context_is_the_mean_score_of_paragraph_neighbours():
    doc = pt.parse(CONTEXT_DOC)
    sents = doc.sentences
    assert [s.paragraph for s in sents] == [1, 1, 2, 4, 4]
    clf = SectionClassifier(context_weight=2.0).fit(TINY_X, TINY_Y)
    own = clf.decision_function([s.text for s in sents])  # str: no context
    assert own.shape == (5,)  # two classes: the score of classes_[1] minus that of classes_[0]
    expected = own + 2.0 * own[[1, 0, 2, 4, 3]] * np.array([1, 1, 0, 1, 1])
    np.testing.assert_allclose(clf.decision_function(sents), expected)
    # the same sentence text is placed by its paragraph
    assert clf.predict([sents[1], sents[4]]).tolist() == [1, 2]
    # neighbours are found even when not passed, and are unlabelled text (no fit needed on this document)
    np.testing.assert_allclose(clf.decision_function([sents[4]]), expected[[4]])
    np.testing.assert_allclose(clf.decision_function(sents[::-1] + [sents[0]]), expected[[4, 3, 2, 1, 0, 0]])
    assert clf.set_params(context=None).predict([sents[1], sents[4]]).tolist() == clf.predict(
        [sents[1].text, sents[4].text]).tolist()


def test_context_parameter_validation():
    with pytest.raises(InvalidParameterError, match="'context' parameter"):
        SectionClassifier(context="document").fit(TINY_X, TINY_Y)
    with pytest.raises(InvalidParameterError, match="context_weight"):
        SectionClassifier(context_weight=-1.0).fit(TINY_X, TINY_Y)
    clf = SectionClassifier().fit(TINY_X, TINY_Y).set_params(context="sentence")
    with pytest.raises(InvalidParameterError):
        clf.predict(["加强学习"])


def test_classify_uses_the_same_scores_as_predict(reference_doc, default_model):
    table = classify(reference_doc, tasks_only=False)
    assert table["predicted"].tolist() == default_model.predict(reference_doc.sentences).tolist()
    proba = default_model.predict_proba(reference_doc.sentences).max(axis=1)
    np.testing.assert_allclose(table["confidence"].to_numpy(dtype=float), proba)


# -- the default model ------------------------------------------------------------------


def test_default_model(default_model):
    assert SectionClassifier.default() is default_model  # cached per process
    assert default_model.classes_.tolist() == [1, 2, 3, 4, 5]
    assert list(default_model.section_names_.values()) == read_sections()["name"].tolist()
    label, conf, terms = default_model.explain(["严格执行机构限额和领导职数规定"])[0]
    assert label == 4 and 0.2 < conf <= 1 and "机构限额" in terms


def test_read_sections_errors(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tlabel\n1\tx\n", encoding="utf-8")
    with pytest.raises(InputError, match="name"):
        read_sections(bad)
    with pytest.raises(InputError, match="not found"):
        read_sections(tmp_path / "missing.tsv")


def test_leave_one_out_on_reference(reference_doc):
    """Acceptance: LOO accuracy >= 0.85 (everything learned from text refitted per fold)."""
    X, y = _reference_xy(reference_doc)
    heads = [(sec.heading, sec.ordinal) for sec in reference_doc.sections]
    ours = base = 0
    for i in range(len(X)):
        tx = X[:i] + X[i + 1:]
        ty = y[:i] + y[i + 1:]
        b = _baseline().fit(tx, ty)
        base += b.predict([X[i]])[0] == y[i]
        m = SectionClassifier(sections="default")  # the table stays; everything else is refitted
        m.fit(tx + [h for h, _ in heads], ty + [o for _, o in heads])
        ours += m.predict([X[i]])[0] == y[i]
    n = len(X)
    majority = max(y.count(c) for c in set(y)) / n
    print(f"\nLOO on the reference document ({n} sectioned sentences): SectionClassifier {ours / n:.3f}, "
          f"baseline char 1-2 TF-IDF + LinearSVC {base / n:.3f}, majority {majority:.3f}")
    assert n == 29
    assert ours / n >= 0.85
    assert ours > base


def test_own_task_sentences(default_model):
    """Generalisation sanity check on sentences the model never saw (target >= 0.8)."""
    texts = [t for _, t in OWN_TASKS]
    gold = [c for c, _ in OWN_TASKS]
    pred = default_model.predict(texts).tolist()
    acc = float(np.mean([p == g for p, g in zip(pred, gold)]))
    wrong = [(g, p, t[:20]) for g, p, t in zip(gold, pred, texts) if g != p]
    print(f"\ndefault model on {len(texts)} hand-written tasks of other offices: accuracy {acc:.2f}; errors {wrong}")
    assert acc >= 0.8


# -- learning a document's own sections -------------------------------------------------


@pytest.fixture(scope="module")
def congress20() -> pt.Document:
    return pt.load(shared_path("congress_20_report.txt"))


@pytest.fixture(scope="module")
def congress19() -> pt.Document:
    return pt.load(shared_path("congress_19_report.txt"))


def test_from_document_small():
    doc = pt.parse("一、理论学习\n要深入学习党的创新理论。\n二、机构改革\n要深化机构改革。\n（一）事业单位\n要推进事业单位改革。")
    clf = SectionClassifier.from_document(doc)
    assert clf.classes_.tolist() == ["1", "2"]
    assert clf.section_names_ == {"1": "理论学习", "2": "机构改革"}
    assert SectionClassifier.from_document(doc.text).classes_.tolist() == ["1", "2"]
    with pytest.raises(InputError, match="at level 2"):
        SectionClassifier.from_document(doc, level=2)
    with pytest.raises(InvalidParameterError):
        SectionClassifier.from_document(doc, level=0)
    with pytest.raises(TypeError):
        SectionClassifier.from_document(42)


def test_from_document_classes_sorted_as_numpy_names_in_document_order(congress20):
    """``classes_`` in np.unique order (scikit-learn's scorers assume it); section names in document order."""
    clf = SectionClassifier.from_document(congress20, C=0.5)
    ids = [str(i) for i in range(1, 16)]
    assert clf.classes_.tolist() == np.unique(ids).tolist() == sorted(ids)  # '1', '10', '11' … '15', '2' …
    assert list(clf.section_names_) == ids
    assert clf.get_params()["C"] == 0.5
    assert clf.section_names_["15"].startswith("坚定不移全面从严治党")


def _within_document_cv(doc: pt.Document, grouped: bool) -> dict[str, float]:
    """Macro-F1 of the baseline and of SectionClassifier without / with paragraph context.

    Sentences labelled by their top-level section; 5 folds, stratified
    (the issue's protocol) or stratified *and grouped by paragraph* (no
    paragraph has sentences on both sides, so a test sentence's neighbours
    are never training sentences). The model is fitted on the texts of the
    training sentences plus the headings; test sentences are passed as
    Sentence objects, so with ``context="paragraph"`` the text of their
    paragraph neighbours (never a label) enters the prediction.
    """
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    from policytext.analysis._classifier_sections import document_training

    sents = [s for s in doc.sentences if s.section_path]
    X = [s.text for s in sents]
    y = [str(s.section_path[0]) for s in sents]
    hx, hy, names = document_training(doc, 1)
    hx, hy = hx[len(X):], hy[len(X):]  # the headings
    if grouped:
        folds = StratifiedGroupKFold(5, shuffle=True, random_state=0).split(X, y, [s.paragraph for s in sents])
    else:
        folds = StratifiedKFold(5, shuffle=True, random_state=0).split(X, y)
    pred: dict[str, list] = {k: [None] * len(X) for k in ("baseline", "sentence", "context")}
    for tr, te in folds:
        tx = [X[i] for i in tr]
        ty = [y[i] for i in tr]
        b = _baseline().fit(tx, ty)
        m = SectionClassifier(section_names=names).fit(tx + hx, ty + hy)
        assert m.get_params()["context"] == "paragraph"  # the default
        test = [sents[i] for i in te]
        for key, p in (("baseline", b.predict([s.text for s in test])), ("context", m.predict(test)),
                       ("sentence", m.set_params(context=None).predict(test))):
            for i, v in zip(te, p):
                pred[key][i] = v
    return {k: f1_score(y, v, average="macro") for k, v in pred.items()}


def test_within_document_cross_validation(congress20):
    """5-fold CV over the 20th congress report's sentences (15 top-level sections).

    The issue's target: macro-F1 >= baseline + 0.10 on stratified folds.
    With paragraph context it is met, but on stratified folds most
    neighbours of a test sentence are training sentences the model has fitted,
    which inflates the figure; the paragraph-grouped folds measure what
    context is worth on unseen text, and the same margin is asserted there.
    """
    strat = _within_document_cv(congress20, grouped=False)
    group = _within_document_cv(congress20, grouped=True)
    for name, r in (("stratified (issue protocol)", strat), ("grouped by paragraph", group)):
        print(f"\n20th congress report, 5-fold CV {name}, 577 sentences, 15 classes: macro-F1 "
              f"baseline char 1-2 TF-IDF + LinearSVC {r['baseline']:.3f}; SectionClassifier sentence only "
              f"{r['sentence']:.3f}, with paragraph context {r['context']:.3f} "
              f"(target baseline + 0.10 = {r['baseline'] + 0.10:.3f}: "
              f"{'met' if r['context'] >= r['baseline'] + 0.10 else 'NOT met'})", end="")
    print()
    assert strat["sentence"] > strat["baseline"]
    assert strat["context"] >= strat["baseline"] + 0.10
    assert group["sentence"] > group["baseline"]
    assert group["context"] >= group["baseline"] + 0.10
    assert group["context"] > group["sentence"] + 0.10


def test_cross_document_mapping(congress19, congress20):
    """The 20th report's 15 sections mapped onto the 19th report's 13."""
    import pandas as pd

    model = SectionClassifier.from_document(congress19)
    table = classify(congress20, model, tasks_only=False)
    table = table[table["section"] != ""].assign(top=lambda t: t["section"].str.split(".").str[0])
    rows = []
    for sid, g in table.groupby("top", sort=False):
        counts = g["predicted"].value_counts()
        rows.append({"20th": sid, "20th section": congress20.section(sid).heading[:16],
                     "19th": counts.index[0], "19th section": model.section_names_[counts.index[0]][:16],
                     "share": round(counts.iloc[0] / len(g), 2), "n": len(g)})
    mapping = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.unicode.east_asian_width", True):
        print("\n" + mapping.to_string(index=False))
    got = dict(zip(mapping["20th"], mapping["19th"]))
    # economy, culture, livelihood, ecology, military, HK/Taiwan, diplomacy, party building
    expected = {"4": "5", "8": "7", "9": "8", "10": "9", "12": "10", "13": "11", "14": "12", "15": "13"}
    assert {k: got[k] for k in expected} == expected
    assert got["5"] in ("5", "7", "8")  # 科教兴国 -> economy/innovation, culture or livelihood/education
    assert got["7"] == "6"  # rule of law -> democracy (the 19th put 依法治国 there)


# -- classify() and the CLI ---------------------------------------------------------------


def test_classify_table(reference_doc):
    table = classify(reference_doc)
    assert list(table.columns) == ["sentence", "text", "section", "predicted", "name", "confidence", "terms"]
    assert len(table) == len(reference_doc.tasks())
    assert table["confidence"].between(0, 1).all()
    assert all(isinstance(t, list) for t in table["terms"])
    assert len(classify(reference_doc, tasks_only=False)) == len(reference_doc.sentences)
    own = table[table["section"] != ""]
    assert (own["section"].astype(int) == own["predicted"]).mean() > 0.9  # training data: near-perfect


def test_classify_edge_cases(tiny):
    empty = classify(pt.parse("一、标题\n形势很好。"))
    assert empty.empty and list(empty.columns)[:2] == ["sentence", "text"]
    with pytest.raises(TypeError):
        classify(123)
    with pytest.raises(TypeError):
        classify("要加强学习。", model="default")
    with pytest.raises(InvalidParameterError):
        classify("要加强学习。", top_terms=-1)
    char_only = SectionClassifier(word_features=False).fit(TINY_X, TINY_Y)
    assert classify("要组织专题学习。", char_only)["predicted"].tolist() == [1]


def _run_cli(argv: list[str]) -> str:
    parser = argparse.ArgumentParser(prog="policytext")
    classify_cli.add_parser(parser.add_subparsers())
    args = parser.parse_args(argv)
    out = io.StringIO()
    with redirect_stdout(out):
        assert args.func(args) == 0
    return out.getvalue()


def test_cli(tmp_path):
    ref = str(pt.reference_path())
    lines = _run_cli(["classify", ref]).splitlines()
    assert lines[0].split() == ["sent", "own", "pred", "name", "confidence", "terms", "text"]
    assert len(lines) == 1 + len(pt.load(ref).tasks())
    none = tmp_path / "none.txt"
    none.write_text("这是一句陈述。\n", encoding="utf-8")
    assert _run_cli(["classify", str(none)]) == "(no task sentences)\n"
    csv = _run_cli(["classify", ref, "--format", "csv", "--all-sentences"]).splitlines()
    assert csv[0] == "sentence,text,section,predicted,name,confidence,terms" and len(csv) == 33
    rows = json.loads(_run_cli(["classify", ref, "--format", "json"]))
    assert {r["name"] for r in rows} <= set(read_sections()["name"])
    other = tmp_path / "other.txt"
    other.write_text("一、理论学习\n要深入学习党的创新理论。\n二、机构改革\n要深化机构改革。\n", encoding="utf-8")
    rows = json.loads(_run_cli(["classify", ref, "--model", f"reference-of:{other}", "--format", "json"]))
    assert {r["predicted"] for r in rows} <= {"1", "2"}
    with pytest.raises(InvalidParameterError, match="--model"):
        _run_cli(["classify", ref, "--model", "nonsense"])


def test_example_script_runs():
    proc = subprocess.run([sys.executable, str(REPO / "examples" / "classify_tasks.py")],
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert "法定化" in proc.stdout and "自身建设" in proc.stdout


# -- the shared pieces: content rule, input coercion, declared parameter checks -------------


def test_word_features_follow_the_package_content_rule(reference_doc):
    """The ``w:`` / ``k:`` features are the content tokens of tokens.tags (terms by canonical form)."""
    from policytext.tokens.tags import is_content
    from policytext.tokens.tokenizer import default_tokenizer

    clf = SectionClassifier(char_ngrams=None)
    tok = default_tokenizer()
    for s in reference_doc.sentences:
        toks = tok.tokenize(s.text)
        expected = []
        for t in toks:
            if is_content(t):
                expected += ["w:" + t.norm, "k:" + t.category] if t.category is not None else ["w:" + t.text]
        assert clf._features(s.text, toks) == expected


def test_any_iterable_of_sentences_is_read_once(default_model):
    texts = [t for _, t in OWN_TASKS[:6]]
    expected = default_model.predict(texts).tolist()
    assert default_model.predict(t for t in texts).tolist() == expected  # a generator is not consumed twice
    np.testing.assert_allclose(default_model.predict_proba(iter(texts)), default_model.predict_proba(texts))
    assert [r[0] for r in default_model.explain(t for t in texts)] == expected
    fitted = SectionClassifier().fit((t for t in TINY_X), TINY_Y)
    assert fitted.classes_.tolist() == [1, 2]


def test_bad_sentences_name_the_method(tiny):
    for method in ("predict", "predict_proba", "predict_log_proba", "decision_function", "explain"):
        with pytest.raises(InvalidParameterError, match=f"'X' parameter of SectionClassifier.{method} ") as info:
            getattr(tiny, method)("加强理论学习")
        assert isinstance(info.value, TypeError)
    with pytest.raises(InvalidParameterError, match="'X' parameter of SectionClassifier.fit "):
        SectionClassifier().fit([1, 2], TINY_Y[:2])
    with pytest.raises(NotFittedError):  # fitted is checked before X
        SectionClassifier().predict("加强理论学习")


@pytest.mark.parametrize("params,name", [
    ({"tokenizer": "jieba"}, "tokenizer"),
    ({"char_ngrams": (0, 2)}, "char_ngrams"),
    ({"char_ngrams": (True, 2)}, "char_ngrams"),
    ({"char_ngrams": (1, 2, 3)}, "char_ngrams"),
    ({"word_features": 1}, "word_features"),
    ({"word_features": False, "char_ngrams": None}, "word_features"),
    ({"C": 0}, "C"),
    ({"C": float("inf")}, "C"),
    ({"profile_weight": -0.1}, "profile_weight"),
    ({"prior_weight": float("nan")}, "prior_weight"),
    ({"temperature": True}, "temperature"),
    ({"context_weight": "3"}, "context_weight"),
    ({"sections": 5}, "sections"),
    ({"class_weight": {1: 2.0}}, "class_weight"),
    ({"section_names": ["a", "b"]}, "section_names"),
    ({"section_terms": "机构"}, "section_terms"),
])
def test_fit_checks_every_parameter(params, name):
    clf = SectionClassifier(**params)  # stored as given
    with pytest.raises(InvalidParameterError, match=f"'{name}' parameter of SectionClassifier "):
        clf.fit(TINY_X, TINY_Y)


def test_numpy_scalars_are_valid_parameters():
    clf = SectionClassifier(C=np.float32(0.5), char_ngrams=(np.int64(1), np.int64(2)), word_features=np.bool_(True),
                            context_weight=np.int64(2)).fit(TINY_X, TINY_Y)
    assert clf.predict(["组织理论学习"]).tolist() == [1]
    doc = pt.parse("一、理论学习\n要深入学习党的创新理论。\n二、机构改革\n要深化机构改革。")
    assert SectionClassifier.from_document(doc, level=np.int64(1)).classes_.tolist() == ["1", "2"]


def test_from_document_and_classify_parameters(tmp_path):
    doc = pt.parse("一、理论学习\n要深入学习党的创新理论。\n二、机构改革\n要深化机构改革。")
    with pytest.raises(InvalidParameterError, match="'level' parameter of SectionClassifier.from_document"):
        SectionClassifier.from_document(doc, True)
    with pytest.raises(InvalidParameterError, match="'headings' parameter"):
        SectionClassifier.from_document(doc, headings="yes")
    with pytest.raises(InvalidParameterError, match="'doc' parameter of SectionClassifier.from_document"):
        SectionClassifier.from_document(42)
    with pytest.raises(InvalidParameterError, match="'doc' parameter of classify"):
        classify(42)
    with pytest.raises(InvalidParameterError, match="'model' parameter of classify"):
        classify(doc, model="default")
    with pytest.raises(InvalidParameterError, match="'tasks_only' parameter of classify"):
        classify(doc, tasks_only="no")
    with pytest.raises(InvalidParameterError, match="'top_terms' parameter of classify"):
        classify(doc, top_terms=1.5)
    # bytes are a document too (text.loading.as_document), as a path is
    raw = doc.text.encode("utf-8")
    assert classify(raw)["text"].tolist() == classify(doc)["text"].tolist() != []
    assert classify(doc, top_terms=0)["terms"].tolist() == [[], []]


def test_public_names():
    import policytext.analysis.classifier as module

    assert sorted(module.__all__) == ["RE_HAN_RUN", "SectionClassifier", "classify", "read_sections"]
    assert pt.SectionClassifier is module.SectionClassifier and pt.classify is module.classify
    assert module.RE_HAN_RUN.findall("推进机构编制法定化，ABC 123") == ["推进机构编制法定化", "ABC", "123"]


# -- issue 16: section context, abstention, whole-word evidence, the evaluation harness -------


def test_section_context_is_the_mean_score_of_the_other_sentences_of_the_top_level_section():
    doc = pt.parse("前言一句要学习。前言二句要改革。\n一、甲\n要加强理论学习。\n（一）乙\n要深化机构改革。\n二、丙\n要管好编制。")
    clf = SectionClassifier(context="section", context_weight=2.0).fit(TINY_X, TINY_Y)
    own = clf.decision_function([s.text for s in doc.sentences])  # str: no context
    got = clf.decision_function(doc.sentences)
    groups = [[0, 1], [0, 1], [2, 3], [2, 3], [4]]  # preamble; section 1 with its subsection; section 2 alone
    for i, g in enumerate(groups):
        others = [j for j in g if j != i]
        expected = own[i] + (2.0 * own[others].mean(axis=0) if others else 0.0)
        np.testing.assert_allclose(got[i], expected)
    # neighbours come from the same call (and the pool classify passes), never from another document
    other = pt.parse("前言一句要学习。前言二句要改革。")
    np.testing.assert_allclose(clf.decision_function([doc.sentences[0], other.sentences[1]]), own[[0, 1]])


def test_classify_task_sentences_take_context_from_every_sentence_of_their_section():
    doc = pt.parse("一、甲\n要严格执行机构限额。领导职数管理十分重要。实名制管理是基础。\n二、乙\n要加强理论学习。")
    model = SectionClassifier.default()
    assert model.context == "section"
    table = classify(doc)  # task sentences only
    full = classify(doc, tasks_only=False).set_index("sentence")
    np.testing.assert_allclose(table["confidence"].to_numpy(), full.loc[table["sentence"], "confidence"].to_numpy())


def test_abstention_outside_every_section():
    model = SectionClassifier.default()
    texts = ["严格执行机构限额和领导职数规定", "今天天气很好，我们去公园散步。"]
    assert model.predict(texts, abstain=True).tolist() == [4, None]
    assert model.predict(texts).tolist()[0] == 4 and model.predict(texts)[1] is not None
    p_out = model.outside_proba(texts)
    assert p_out[0] < 0.1 and p_out[1] > 0.3
    labels = [r[0] for r in model.explain(texts, abstain=True)]
    assert labels == [4, None] and model.explain(texts, abstain=True)[1][2] == []
    doc = pt.parse("一、编制\n要加强实名制管理。\n二、其他\n要注意天气变化，出门带好雨伞。")
    table = classify(doc, abstain=True)
    assert table["predicted"].tolist() == [4, None] and table["name"].tolist() == ["法定化", ""]
    assert table["confidence"].between(0, 1).all()
    with pytest.raises(InvalidParameterError, match="abstain=True needs an outside score"):
        SectionClassifier().fit(TINY_X, TINY_Y).predict(["加强学习"], abstain=True)
    with pytest.raises(InvalidParameterError, match="'abstain' parameter of classify"):
        classify(doc, abstain="yes")
    with pytest.raises(InvalidParameterError, match="outside"):
        SectionClassifier(outside="low").fit(TINY_X, TINY_Y)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="机构编制改革学习党的理论进一步全面深化各环节把党建设治理体系管理资源实名制。，", min_size=1,
               max_size=60))
def test_abstention_agrees_with_the_probabilities(text):
    """Abstention happens exactly when "outside" is the most probable choice; confidences are probabilities."""
    model = SectionClassifier.default()
    label, conf, terms = model.explain([text], abstain=True)[0]
    p_out = float(model.outside_proba([text])[0])
    proba = model.predict_proba([text])[0]
    assert 0.0 <= conf <= 1.0
    if label is None:
        assert conf == pytest.approx(p_out) and terms == []
    else:
        assert conf == pytest.approx((1 - p_out) * proba.max())


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="机构编制改革学习党的理论进一步全面深化各环节把党建设治理体系管理资源实名制统计。，、", min_size=1,
               max_size=80))
def test_evidence_is_whole_words_never_character_ngrams(text):
    """Every listed term is a token of the sentence (text or canonical form) or an indicative term in it."""
    model = SectionClassifier.default()
    terms = model.explain([text], top=8)[0][2]
    tokens = pt.Tokenizer().tokenize(text)
    words = {t.text for t in tokens} | {t.norm for t in tokens}
    indicative = {t for ts in read_sections()["indicative_terms"] for t in ts} | set(read_sections()["name"])
    for t in terms:
        assert t in words or (t in indicative and t in text), (t, text)
        assert len(t) >= 2


def test_evidence_on_fragment_prone_sentences():
    model = SectionClassifier.default()
    for text in ["要进一步把党的领导贯穿机构编制工作各环节。", "推进国家治理体系和治理能力现代化。"]:
        terms = model.explain([text])[0][2]
        assert not {"进一", "一步", "各环", "把党", "理体"} & set(terms), terms


def test_evaluation_harness_on_three_passages():
    """benchmarks/eval_classify.py keeps working: three genre_dev passages, baseline from git, no unrelated set."""
    import shutil

    shared = REPO.parent / "shared" / "genre_dev" / "labels.tsv"
    if not shared.is_file():
        pytest.skip(f"{shared} not found (the shared genre_dev set)")
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("the baseline is run from git archive: needs git and the repository")
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import eval_classify
    finally:
        sys.path.pop(0)
    out = io.StringIO()
    with redirect_stdout(out):
        figures = eval_classify.main(["--passages", "3", "--no-unrelated"])
    text = out.getvalue()
    assert "accuracy on the 1-5 sentences" in text and "expected calibration error" in text
    assert "abstention" in text and "whole words" in text
    ours, base = figures["accuracy"]
    assert 0.0 <= ours <= 1.0 and 0.0 <= base <= 1.0
    assert figures["evidence"][0] == 1.0  # only whole words and indicative terms
    prec, rec = figures["abstention"]
    assert 0.0 <= prec <= 1.0 and 0.0 <= rec <= 1.0
    assert eval_classify.ece([0.9, 0.9], [True, False]) == pytest.approx(0.4)
