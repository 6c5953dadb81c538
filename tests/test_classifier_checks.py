"""SectionClassifier against scikit-learn's own clients and conventions (issue 18, item 3).

scikit-learn's scorers (``roc_auc_ovr``, ``neg_log_loss``, ``roc_auc``) on string
labels including ``"10"``, compared with the same figures computed by hand; and
text-input versions of the estimator checks of ``sklearn.utils.estimator_checks``
that apply (scikit-learn skips every check for an estimator whose input is
strings). Each check is named after the scikit-learn check it follows.
"""

from __future__ import annotations

import inspect
import pickle
import subprocess
import sys

import numpy as np
import pytest
from conftest import shared_path
from sklearn.base import BaseEstimator, ClassifierMixin, clone, is_classifier
from sklearn.exceptions import NotFittedError as SklearnNotFittedError
from sklearn.metrics import get_scorer

import policytext as pt
from policytext.analysis.classifier import SectionClassifier
from policytext.errors import InvalidParameterError, NotFittedError, PolicyTextError

# -- data ------------------------------------------------------------------------------------

BIN_X = ["加强理论学习", "深化机构改革", "学习党的创新理论", "推进机构职能优化", "组织专题学习", "推进事业单位改革"]
BIN_Y = [1, 2, 1, 2, 1, 2]

#: Eleven topics (labels "1" … "11", so "10" and "11" sort before "2"): training and test sentences.
TOPICS: list[tuple[list[str], list[str]]] = [
    (["深入学习党的创新理论", "组织理论学习中心组专题学习", "开展读书班学习研讨"], ["学习贯彻全会精神理论", "开展专题学习交流"]),
    (["深化机构改革优化职能配置", "推进机构改革方案落实", "理顺部门职责关系"], ["稳妥推进机构改革", "优化部门职责配置"]),
    (["统筹使用编制资源", "盘活存量编制", "严控编制总量"], ["加强编制资源统筹", "做好编制调剂"]),
    (["开展机构编制监督检查", "严肃查处违规问题", "加强巡察审计监督"], ["强化监督检查", "查处违规用编问题"]),
    (["加强干部队伍建设", "开展干部业务培训", "选优配强领导班子"], ["培训年轻干部", "建设高素质干部队伍"]),
    (["全面推进乡村振兴", "发展乡村特色产业", "改善农村人居环境"], ["推动农村产业发展", "建设宜居乡村"]),
    (["加强生态环境保护", "推进污染防治攻坚", "发展绿色低碳产业"], ["治理水污染", "保护生态环境"]),
    (["建设教育强国", "推进科技自立自强", "深化高校科研改革"], ["发展职业教育", "加强基础研究科技攻关"]),
    (["深化医药卫生体制改革", "提升公立医院服务能力", "加强疾病预防控制"], ["改善医疗服务", "建设基层卫生院"]),
    (["加快国防和军队现代化", "提高部队打赢能力", "加强国防动员建设"], ["建设强大军队", "巩固国防"]),
    (["推进高水平对外开放", "稳定外贸外资", "建设自由贸易试验区"], ["扩大对外开放", "吸引外资"]),
]
STR_X = [t for train, _ in TOPICS for t in train]
STR_Y = [str(k) for k, (train, _) in enumerate(TOPICS, 1) for _ in train]
TEST_X = [t for _, test in TOPICS for t in test]
TEST_Y = [str(k) for k, (_, test) in enumerate(TOPICS, 1) for _ in test]
#: The same topics as a document with eleven top-level sections (from_document labels them "1" … "11").
NUMERALS = "一二三四五六七八九十"
ELEVEN = "\n".join(f"{NUMERALS[k] if k < 10 else '十一'}、专题{k + 1}\n" + "。".join(train) + "。"
                   for k, (train, _) in enumerate(TOPICS))

#: Datasets the checks run on: binary int labels; eleven str classes; a char-only, context-free model.
DATASETS = {
    "binary-int": ({}, BIN_X, BIN_Y),
    "eleven-str": ({}, STR_X, STR_Y),
    "chars-only": ({"word_features": False, "context": None, "char_ngrams": (1, 3)}, STR_X, STR_Y),
}


@pytest.fixture(params=sorted(DATASETS))
def case(request):
    params, X, y = DATASETS[request.param]
    return SectionClassifier(**params), X, y


@pytest.fixture(scope="module")
def eleven() -> SectionClassifier:
    return SectionClassifier().fit(STR_X, STR_Y)


# -- scikit-learn's scorers on string labels ---------------------------------------------------


def _auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Area under the ROC curve by hand: P(score of a positive > score of a negative), ties count half."""
    diff = pos[:, None] - neg[None, :]
    return float(((diff > 0).sum() + 0.5 * (diff == 0).sum()) / diff.size)


def _by_hand(clf: SectionClassifier, X: list[str], y: list[str]) -> dict[str, float]:
    """Macro one-vs-rest AUC and mean log-likelihood, each column paired with its class by label."""
    proba = clf.predict_proba(X)
    column = {c: k for k, c in enumerate(clf.classes_.tolist())}  # the documented contract of predict_proba
    labels = np.asarray(y, dtype=object)
    eps = np.finfo(proba.dtype).eps
    true_p = np.clip(proba[np.arange(len(y)), [column[v] for v in y]], eps, 1 - eps)
    auc = np.mean([_auc(proba[labels == c, column[c]], proba[labels != c, column[c]]) for c in sorted(set(y))])
    return {"roc_auc_ovr": float(auc), "neg_log_loss": float(np.mean(np.log(true_p)))}


@pytest.mark.parametrize("build", ["fit", "from_document"])
def test_scorers_on_string_labels_match_the_figures_by_hand(build):
    """roc_auc_ovr / neg_log_loss pair the columns of predict_proba with np.unique(y): classes_ must be in that order."""
    if build == "fit":
        clf = SectionClassifier().fit(STR_X, STR_Y)
    else:
        clf = SectionClassifier.from_document(pt.parse(ELEVEN))
        assert list(clf.section_names_.values())[9:] == ["专题10", "专题11"]  # display: document order
    hand = _by_hand(clf, TEST_X, TEST_Y)
    for name, value in hand.items():
        assert get_scorer(name)(clf, TEST_X, TEST_Y) == pytest.approx(value, rel=1e-9, abs=1e-12), name
    assert hand["roc_auc_ovr"] > 0.9
    assert clf.classes_.tolist() == np.unique(STR_Y).tolist() == ["1", "10", "11", "2", "3", "4", "5", "6", "7", "8",
                                                                  "9"]
    assert get_scorer("accuracy")(clf, TEST_X, TEST_Y) == clf.score(TEST_X, TEST_Y)


def test_binary_scorers_match_the_figures_by_hand():
    """roc_auc (which takes decision_function, one column for two classes) and neg_log_loss, str labels."""
    y = ["理论", "改革"] * 3
    clf = SectionClassifier().fit(BIN_X, y)
    assert clf.classes_.tolist() == ["改革", "理论"]  # np.unique order
    X = ["组织理论学习", "推进机构改革", "学习党的理论", "深化改革"]
    yt = ["理论", "改革", "理论", "改革"]
    positive = clf.classes_[1]
    dec = clf.decision_function(X)
    truth = np.array([v == positive for v in yt])
    assert get_scorer("roc_auc")(clf, X, yt) == pytest.approx(_auc(dec[truth], dec[~truth]))
    assert get_scorer("neg_log_loss")(clf, X, yt) == pytest.approx(_by_hand(clf, X, yt)["neg_log_loss"])


def test_scorers_in_model_selection():
    from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score

    folds = StratifiedKFold(3, shuffle=True, random_state=0)
    X, y = STR_X + TEST_X, STR_Y + TEST_Y
    aucs = cross_val_score(SectionClassifier(context=None), X, y, cv=folds, scoring="roc_auc_ovr")
    assert aucs.shape == (3,) and aucs.min() > 0.8
    search = GridSearchCV(SectionClassifier(context=None), {"C": [0.5, 1.0]}, cv=folds, scoring="neg_log_loss")
    assert search.fit(X, y).best_params_["C"] in (0.5, 1.0)
    assert search.best_estimator_.classes_.tolist() == np.unique(y).tolist()


def test_scorers_on_a_document_with_fifteen_sections():
    """The issue's figure: the 20th congress report (15 sections), 30 % held out, roc_auc_ovr by scorer and by hand."""
    from sklearn.model_selection import train_test_split

    doc = pt.load(shared_path("congress_20_report.txt"))
    sents = [s for s in doc.sentences if s.section_path]
    X, y = [s.text for s in sents], [str(s.section_path[0]) for s in sents]
    tx, vx, ty, vy = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    clf = SectionClassifier(context=None).fit(tx, ty)
    hand = _by_hand(clf, vx, vy)
    scored = {name: get_scorer(name)(clf, vx, vy) for name in hand}
    print(f"\n20th congress report, 15 classes, {len(vx)} held-out sentences: roc_auc_ovr scorer "
          f"{scored['roc_auc_ovr']:.3f} (by hand {hand['roc_auc_ovr']:.3f}), neg_log_loss scorer "
          f"{scored['neg_log_loss']:.3f} (by hand {hand['neg_log_loss']:.3f})")
    for name in hand:
        assert scored[name] == pytest.approx(hand[name], rel=1e-9), name
    assert scored["roc_auc_ovr"] > 0.9


# -- the estimator: class, parameters, tags -------------------------------------------------------


def test_is_a_scikit_learn_classifier():
    clf = SectionClassifier()
    assert isinstance(clf, BaseEstimator) and isinstance(clf, ClassifierMixin) and is_classifier(clf)
    mro = type(clf).__mro__
    assert mro.index(ClassifierMixin) < mro.index(BaseEstimator)  # check_mixin_order


def test_tags():
    sklearn_utils = pytest.importorskip("sklearn.utils")
    if not hasattr(sklearn_utils, "get_tags"):  # pragma: no cover - scikit-learn < 1.6
        pytest.skip("estimator tags need scikit-learn >= 1.6")
    tags = sklearn_utils.get_tags(SectionClassifier())
    assert tags.estimator_type == "classifier"
    assert tags.input_tags.string and not tags.input_tags.two_d_array
    assert tags.target_tags.required


def test_parameters_default_constructible():
    """check_parameters_default_constructible + check_no_attributes_set_in_init."""
    clf = SectionClassifier()
    signature = inspect.signature(SectionClassifier.__init__)
    names = [p for p in signature.parameters if p != "self"]
    assert sorted(vars(clf)) == sorted(names) == sorted(clf.get_params())
    for name in names:
        default = signature.parameters[name].default
        assert getattr(clf, name) is default, name
        assert default is None or isinstance(default, (str, int, float, bool, tuple)), name
    assert clf.get_params()["random_state"] == 0


def test_get_params_invariance_and_set_params():
    """check_get_params_invariance, check_set_params."""
    clf = SectionClassifier(C=0.5, random_state=7)
    shallow, deep = clf.get_params(deep=False), clf.get_params(deep=True)
    assert shallow.items() <= deep.items()
    assert clf.set_params(**shallow) is clf and clf.get_params() == shallow
    clf.set_params(random_state=None, char_ngrams=(1, 3))
    assert clf.get_params()["random_state"] is None and clf.char_ngrams == (1, 3)
    with pytest.raises(InvalidParameterError, match="Available names: C, char_ngrams"):
        clf.set_params(randomstate=1)


def test_clone(case):
    clf, X, y = case
    unfitted = clone(clf)
    assert unfitted.get_params() == clf.get_params() and unfitted is not clf
    clf.fit(X, y)
    fresh = clone(clf)
    assert fresh.get_params() == clf.get_params()
    assert not [k for k in vars(fresh) if k.endswith("_")]
    np.testing.assert_array_equal(fresh.fit(X, y).predict_proba(X), clf.predict_proba(X))


def test_repr():
    assert repr(SectionClassifier()) == "SectionClassifier()"
    assert repr(SectionClassifier(C=0.5, random_state=None)) == "SectionClassifier(C=0.5, random_state=None)"
    assert "SectionClassifier" in SectionClassifier()._repr_html_()


@pytest.mark.parametrize("value", [-1, 2**32, 1.5, True, "0", np.random.default_rng(0)])
def test_random_state_is_validated_in_fit(value):
    clf = SectionClassifier(random_state=value)  # stored as given
    with pytest.raises(InvalidParameterError, match="'random_state' parameter of SectionClassifier "):
        clf.fit(BIN_X, BIN_Y)


def test_random_state_accepts_what_scikit_learn_accepts():
    for value in (None, 0, 2**32 - 1, np.int64(3), np.random.RandomState(0)):
        assert SectionClassifier(random_state=value).fit(BIN_X, BIN_Y).classes_.tolist() == [1, 2]


# -- fitting -------------------------------------------------------------------------------------------


def test_fit_does_not_change_parameters(case):
    """check_dont_overwrite_parameters, check_estimators_overwrite_params."""
    import joblib

    clf, X, y = case
    before = {k: joblib.hash(v) for k, v in clf.get_params().items()}
    public_before = set(vars(clf))
    assert clf.fit(X, y) is clf
    assert {k: joblib.hash(v) for k, v in clf.get_params().items()} == before
    added = set(vars(clf)) - public_before
    assert added and all(k.endswith("_") or k.startswith("_") for k in added)


def test_fit_idempotent(case):
    """check_fit_idempotent: fitting again on the same data gives the same model, bit for bit."""
    clf, X, y = case
    first = clf.fit(X, y)
    out = [first.predict(TEST_X), first.predict_proba(TEST_X), first.decision_function(TEST_X)]
    coef = first.coef_.copy()
    clf.fit(X, y)
    np.testing.assert_array_equal(clf.coef_, coef)
    for a, b in zip(out, [clf.predict(TEST_X), clf.predict_proba(TEST_X), clf.decision_function(TEST_X)]):
        np.testing.assert_array_equal(a, b)


def test_fit_is_reproducible_whatever_numpy_global_state():
    """random_state=0 (the default): the linear SVM no longer draws from numpy's global generator."""
    fits = []
    for seed in (1, 2):
        np.random.seed(seed)
        fits.append(SectionClassifier().fit(STR_X, STR_Y))
    np.testing.assert_array_equal(fits[0].coef_, fits[1].coef_)
    np.testing.assert_array_equal(fits[0].predict_proba(TEST_X), fits[1].predict_proba(TEST_X))


def test_fit_is_reproducible_across_processes():
    """Another process, with another numpy global state, fits the same model bit for bit (char features: no jieba)."""
    code = ("import numpy as np; np.random.seed(12345); from policytext import SectionClassifier; "
            f"m = SectionClassifier(word_features=False).fit({STR_X!r}, {STR_Y!r}); "
            "print(m.coef_.tobytes().hex())")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert other == SectionClassifier(word_features=False).fit(STR_X, STR_Y).coef_.tobytes().hex() + "\n"


def test_classes_sorted_as_numpy_unique():
    """check_classifiers_classes: classes_ is np.unique(y); predictions are classes of the same kind."""
    for y in (STR_Y, [int(v) for v in STR_Y], [-int(v) for v in STR_Y], [f"s{v}" for v in STR_Y],
              [float(v) for v in STR_Y]):
        clf = SectionClassifier(context=None).fit(STR_X, y)
        assert clf.classes_.tolist() == np.unique(y).tolist()
        pred = clf.predict(TEST_X)
        assert set(pred.tolist()) <= set(y)
        assert {type(v) for v in pred.tolist()} == {type(y[0])}


def test_classes_as_numpy_and_pandas_labels():
    import pandas as pd

    base = SectionClassifier().fit(STR_X, STR_Y).predict_proba(TEST_X)
    for y in (np.array(STR_Y), pd.Series(STR_Y), tuple(STR_Y), np.array(STR_Y).reshape(-1, 1)):
        clf = SectionClassifier().fit(STR_X, y)
        assert clf.classes_.tolist() == sorted(set(STR_Y))
        assert all(type(c) is str for c in clf.classes_)
        np.testing.assert_array_equal(clf.predict_proba(TEST_X), base)


def test_regression_target_is_refused():
    """check_classifiers_regression_target."""
    y = np.linspace(0.1, 5.3, len(BIN_X))
    with pytest.raises(ValueError, match="Unknown label type: 'continuous'") as info:
        SectionClassifier().fit(BIN_X, y)
    assert isinstance(info.value, InvalidParameterError) and "'y' parameter of SectionClassifier.fit" in str(info.value)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_infinite_target_is_refused(bad):
    y = [1.0, 2.0, 1.0, 2.0, 1.0, bad]
    with pytest.raises(InvalidParameterError, match="'y' parameter of SectionClassifier.fit .*(NaN|infinity)"):
        SectionClassifier().fit(BIN_X, y)


@pytest.mark.parametrize("y,words", [
    (None, "Got None"),
    ([[1, 2]] * 6, "Unknown label type: 'multilabel-indicator'"),
    ([1, "2", 1, "2", 1, "2"], "Mix of label input types"),
    (["1", None] * 3, "Mix of label input types"),
    ([1, 2, 1, 2, 1, 2.5], "Unknown label type: 'continuous'"),
])
def test_targets_that_are_not_class_labels_are_refused(y, words):
    """check_requires_y_none, multi-output and mixed targets: a clear InvalidParameterError naming y."""
    with pytest.raises(InvalidParameterError, match="'y' parameter of SectionClassifier.fit") as info:
        SectionClassifier().fit(BIN_X, y)
    assert words in str(info.value)


def test_labels_must_be_of_the_section_tables_kind():
    """The default section table has int ids: str labels would make classes 1 and '1' side by side."""
    with pytest.raises(InvalidParameterError, match="section table's ids mixes strs"):
        SectionClassifier(sections="default").fit(BIN_X, ["1", "2"] * 3)
    assert SectionClassifier(sections="default").fit(BIN_X, BIN_Y).classes_.tolist() == [1, 2, 3, 4, 5]


def test_one_class_and_empty_data_fail_clearly():
    """check_classifiers_one_label, check_estimators_empty_data."""
    with pytest.raises(InvalidParameterError, match="at least two classes. Got \\['1'\\]"):
        SectionClassifier().fit(STR_X[:3], STR_Y[:3])
    with pytest.raises(InvalidParameterError, match="at least two classes. Got \\[\\]"):
        SectionClassifier().fit([], [])


# -- prediction ----------------------------------------------------------------------------------------


def test_unfitted_estimator_raises_both_not_fitted_errors():
    """check_estimators_unfitted; sklearn's check_is_fitted agrees."""
    from sklearn.utils.validation import check_is_fitted

    clf = SectionClassifier()
    for method in ("predict", "predict_proba", "predict_log_proba", "decision_function", "explain"):
        with pytest.raises(SklearnNotFittedError, match="not fitted") as info:
            getattr(clf, method)(["加强学习"])
        assert isinstance(info.value, NotFittedError) and isinstance(info.value, PolicyTextError)
    with pytest.raises(SklearnNotFittedError):
        clf.score(["加强学习"], [1])
    with pytest.raises(SklearnNotFittedError):
        check_is_fitted(clf)
    check_is_fitted(clf.fit(BIN_X, BIN_Y))


def test_errors_module_stays_light():
    """The scikit-learn NotFittedError subclass lives with the estimator: policytext.errors imports no sklearn."""
    code = ("import sys, policytext, policytext.errors; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'numpy', 'scipy')))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_probabilities_and_decisions(case):
    """check_classifiers_train (text version): shapes, distributions, argmax = predict, log_proba = log(proba)."""
    clf, X, y = case
    clf.fit(X, y)
    n, k = len(TEST_X), len(clf.classes_)
    pred = clf.predict(TEST_X)
    proba = clf.predict_proba(TEST_X)
    assert pred.shape == (n,) and proba.shape == (n, k)
    assert ((proba >= 0) & (proba <= 1)).all()
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(clf.classes_[proba.argmax(axis=1)], pred)
    np.testing.assert_allclose(clf.predict_log_proba(TEST_X), np.log(proba), rtol=1e-12, atol=1e-12)
    dec = clf.decision_function(TEST_X)
    if k == 2:  # scikit-learn's convention: one column, > 0 means classes_[1]
        assert dec.shape == (n,)
        np.testing.assert_array_equal(clf.classes_[(dec > 0).astype(int)], pred)
    else:
        assert dec.shape == (n, k)
        np.testing.assert_array_equal(clf.classes_[dec.argmax(axis=1)], pred)
    assert clf.score(X, y) >= 0.9  # training data


def test_decision_proba_consistency(case):
    """check_decision_proba_consistency: the ranking of decision_function is that of predict_proba."""
    from scipy.stats import rankdata

    clf, X, y = case
    clf.fit(X, y)
    dec, proba = clf.decision_function(TEST_X), clf.predict_proba(TEST_X)
    if dec.ndim == 1:
        np.testing.assert_array_equal(rankdata(dec), rankdata(proba[:, 1]))
    else:
        np.testing.assert_array_equal(np.argsort(dec, axis=1, kind="stable"), np.argsort(proba, axis=1, kind="stable"))


def test_methods_subset_and_sample_order_invariance(case):
    """check_methods_subset_invariance, check_methods_sample_order_invariance (str inputs have no context)."""
    clf, X, y = case
    clf.fit(X, y)
    order = np.random.RandomState(0).permutation(len(TEST_X))
    shuffled = [TEST_X[i] for i in order]
    np.testing.assert_array_equal(np.concatenate([clf.predict([t]) for t in TEST_X]), clf.predict(TEST_X))
    np.testing.assert_array_equal(clf.predict(shuffled), clf.predict(TEST_X)[order])
    for method in ("predict_proba", "decision_function", "predict_log_proba"):
        whole = getattr(clf, method)(TEST_X)
        one_by_one = np.concatenate([getattr(clf, method)([t]) for t in TEST_X])
        np.testing.assert_allclose(one_by_one, whole, rtol=1e-12, atol=1e-12, err_msg=method)
        np.testing.assert_allclose(getattr(clf, method)(shuffled), whole[order], rtol=1e-12, atol=1e-12,
                                   err_msg=method)


def test_dict_unchanged_by_prediction(eleven):
    """check_dict_unchanged (the private ``_cache_*`` look-ups, rebuilt after fit and never pickled, excepted)."""
    eleven.predict(TEST_X[:1])
    before = {k: v for k, v in vars(eleven).items() if not k.startswith("_cache_")}
    for method in ("predict", "predict_proba", "predict_log_proba", "decision_function", "explain", "score"):
        args = (TEST_X, TEST_Y) if method == "score" else (TEST_X,)
        getattr(eleven, method)(*args)
        after = {k: v for k, v in vars(eleven).items() if not k.startswith("_cache_")}
        assert after.keys() == before.keys() and all(after[k] is before[k] for k in before), method


def test_array_likes_of_text(eleven):
    """X as a tuple, a numpy array of str, a pandas Series, a generator: one column of text, read the same."""
    import pandas as pd

    expected = eleven.predict_proba(TEST_X)
    for X in (tuple(TEST_X), np.array(TEST_X), pd.Series(TEST_X), (t for t in TEST_X)):
        np.testing.assert_array_equal(eleven.predict_proba(X), expected)


def test_n_features_in_is_one_column_of_text(eleven):
    """check_n_features_in (text version): one column; a 2-d array or a DataFrame is refused, not misread.

    Iterating ``df[["text"]]`` yields its column name: it must not be classified as the one sentence "text".
    """
    import pandas as pd

    assert eleven.n_features_in_ == 1
    frame = pd.DataFrame({"text": TEST_X})
    for X in (frame, frame[["text"]], np.array(TEST_X).reshape(-1, 1)):
        for method in ("predict", "predict_proba", "decision_function"):
            with pytest.raises(InvalidParameterError, match=f"'X' parameter of SectionClassifier.{method} must be "
                                                            "a 1-d sequence"):
                getattr(eleven, method)(X)
        with pytest.raises(InvalidParameterError, match="2-d"):
            SectionClassifier().fit(X, TEST_Y)
    np.testing.assert_array_equal(eleven.predict(frame["text"]), eleven.predict(TEST_X))


def test_pickle_round_trip(case):
    """check_estimators_pickle: identical outputs; caches are not pickled; an unfitted estimator pickles too."""
    clf, X, y = case
    unfitted = pickle.loads(pickle.dumps(clf))
    assert unfitted.get_params().keys() == clf.get_params().keys()
    clf.fit(X, y)
    clf.predict(TEST_X)  # builds the caches
    state = clf.__getstate__()
    assert not [k for k in state if k.startswith("_cache_")]
    again = pickle.loads(pickle.dumps(clf))
    for method in ("predict", "predict_proba", "decision_function"):
        np.testing.assert_array_equal(getattr(again, method)(TEST_X), getattr(clf, method)(TEST_X))


def test_pickle_from_before_random_state(eleven):
    """A model pickled before ``random_state`` existed loads, with random_state=None (what it was fitted with)."""
    state = dict(eleven.__getstate__())
    del state["random_state"]
    old = SectionClassifier.__new__(SectionClassifier)
    old.__setstate__(state)
    assert old.get_params()["random_state"] is None
    np.testing.assert_array_equal(old.predict_proba(TEST_X), eleven.predict_proba(TEST_X))
    assert clone(old).get_params()["random_state"] is None


def test_score_is_accuracy_and_takes_sample_weight(eleven):
    """check_fit_score_takes_y; ClassifierMixin.score."""
    pred = eleven.predict(TEST_X)
    correct = np.array([p == t for p, t in zip(pred.tolist(), TEST_Y)])
    assert eleven.score(TEST_X, TEST_Y) == pytest.approx(correct.mean())
    weight = np.where(correct, 1.0, 3.0)
    assert eleven.score(TEST_X, TEST_Y, sample_weight=weight) == pytest.approx(
        (correct * weight).sum() / weight.sum())


def test_pickle_from_before_outside(eleven):
    """A model pickled before ``outside`` (abstention) existed loads, without abstention."""
    state = dict(eleven.__getstate__())
    del state["outside"]
    old = SectionClassifier.__new__(SectionClassifier)
    old.__setstate__(state)
    assert old.get_params()["outside"] is None
    np.testing.assert_array_equal(old.predict_proba(TEST_X), eleven.predict_proba(TEST_X))
    with pytest.raises(InvalidParameterError, match="needs an outside score"):
        old.predict(TEST_X, abstain=True)
    old.set_params(outside=1e9)  # an outside score above every class score: abstain on everything
    assert all(p is None for p in old.predict(TEST_X, abstain=True).tolist())
    assert old.predict(TEST_X).tolist() == eleven.predict(TEST_X).tolist()
