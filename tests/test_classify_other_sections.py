"""Classifying into another document's own sections: the level, abstention, context evidence, errors (task C9)."""

from __future__ import annotations

import hashlib
import json
import warnings

import numpy as np
import pytest
from conftest import shared_path
from hypothesis import given
from hypothesis import strategies as st
from sklearn.base import clone

import policytext as pt
from policytext import cli
from policytext.analysis._classifier_document import auto_level, held_out_outside, section_counts
from policytext.analysis.classifier import CONTEXT_MARK, SectionClassifier, classify, evidence
from policytext.errors import InputError, InvalidParameterError

#: Three top-level parts, the last holding four task sections (the shape of a government work report).
REPORT = """一、过去一年工作回顾
过去一年经济运行总体回升向好。各项工作取得新进展。
二、总体要求
做好今年工作要坚持稳中求进。
三、今年政府工作任务
（一）推进理论学习
要深入学习党的创新理论，组织专题学习和中心组学习。要开展理论宣讲和读书班。
（二）深化机构改革
要深化机构改革，优化政府职能，推进事业单位改革。要理顺部门职责关系。
（三）盘活编制资源
要盘活编制资源，严控编制总量，统筹使用各类编制。要加强实名制管理。
（四）加强生态保护
要加强生态环境保护，推进污染防治和节能减排。要推进绿色低碳发展。
"""

#: Five top-level sections, to test abstention and the context evidence.
FIVE = """一、理论学习
要深入学习党的创新理论，组织专题学习和中心组学习。要开展理论宣讲和读书班。
二、机构改革
要深化机构改革，优化政府职能，推进事业单位改革。要理顺部门职责关系。
三、编制资源
要盘活编制资源，严控编制总量，统筹使用各类编制。要加强实名制管理。
四、生态保护
要加强生态环境保护，推进污染防治和节能减排。要推进绿色低碳发展。
五、防汛救灾
要做好防汛抗旱工作，加强水库堤防巡查。要储备救灾物资，做好应急值守。
"""


#: Three sentences of no section of FIVE.
OFF_TOPIC = "周末天气晴朗，适合出游。孩子们在草地上放风筝。傍晚大家一起吃了晚饭。"


def run(capsys, *args: object) -> tuple[int, str, str]:
    try:
        code = cli.main([str(a) for a in args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


# -- item 1: the level -----------------------------------------------------------------------------


def test_auto_level_is_the_shallowest_level_with_four_sections():
    doc = pt.parse(REPORT)
    assert section_counts(doc) == {1: 3, 2: 4}
    assert auto_level(doc) == 2 and auto_level(doc, min_sections=3) == 1
    assert auto_level(pt.parse(FIVE)) == 1
    assert auto_level(pt.parse("一、甲\n要学习。\n二、乙\n要工作。")) == 1  # fewer than four anywhere: the most
    assert auto_level(pt.parse("要学习。")) == 1
    clf = SectionClassifier.from_document(doc, "auto")
    assert clf.classes_.tolist() == ["3.1", "3.2", "3.3", "3.4"]
    assert SectionClassifier.from_document(doc).classes_.tolist() == ["1", "2", "3"]  # the API default stays 1
    with pytest.raises(InvalidParameterError, match="'level' parameter of SectionClassifier.from_document"):
        SectionClassifier.from_document(doc, "deep")


def test_cli_level_auto_by_default_and_explicit(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "tasks.txt").write_text("一、工作\n要严控编制总量，加强实名制管理。\n要推进污染防治和节能减排。\n",
                                        encoding="utf-8")
    code, out, err = run(capsys, "classify", "tasks.txt", "--model", "reference-of:report.txt", "--format", "json")
    assert code == 0, err
    assert [r["predicted"] for r in json.loads(out)] == ["3.3", "3.4"]
    code, out, err = run(capsys, "classify", "tasks.txt", "--model", "reference-of:report.txt", "--level", "1",
                         "--format", "json")
    assert code == 0, err
    assert {r["predicted"] for r in json.loads(out)} <= {"1", "2", "3"}
    code, out, err = run(capsys, "classify", "tasks.txt", "--model", "reference-of:report.txt", "--level", "3")
    assert code == 1 and out == ""
    assert err == ("policytext: error: report.txt: has 0 section(s) at level 3; need at least 2 to learn from "
                   "(sections with text: 3 at level 1, 4 at level 2)\n")
    for bad in ("0", "x"):
        code, _, err = run(capsys, "classify", "tasks.txt", "--model", "reference-of:report.txt", "--level", bad)
        assert code == 2 and "expected a whole number >= 1 or 'auto'" in err


# -- item 4: the error names the file ------------------------------------------------------------------


def test_reference_without_sections_is_named_by_its_file(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "flat.txt").write_text("中国共产党第二十届中央委员会全体会议公报\n全会要求，要全面深化改革。\n", encoding="utf-8")
    (tmp_path / "tasks.txt").write_text("要深化改革。\n", encoding="utf-8")
    code, _, err = run(capsys, "classify", "tasks.txt", "--model", "reference-of:flat.txt")
    assert code == 1
    assert err.startswith("policytext: error: flat.txt: has 0 section(s) at level 1") and "公报" not in err
    with pytest.raises(InputError, match="flat.txt: has 0 section"):  # the API too, for a loaded file
        SectionClassifier.from_document(pt.load(tmp_path / "flat.txt"))


# -- item 2: abstention with a document's own sections ----------------------------------------------


def test_from_document_models_can_abstain():
    doc = pt.parse(FIVE)
    clf = SectionClassifier.from_document(doc)
    assert isinstance(clf.outside, float) and clf.outside == held_out_outside(
        SectionClassifier.from_document(doc, outside=None), doc, 1)
    # the units are those of classify on a sectioned document: sentences scored with their paragraph
    task = pt.parse("一、工作\n要盘活编制资源，加强实名制管理。要严控编制总量。\n二、其他\n" + OFF_TOPIC + "\n")
    table = classify(task, clf, abstain=True, tasks_only=False)
    assert table["predicted"].tolist() == ["3", "3", None, None, None]
    best = clf.decision_function(task.sentences).max(axis=1)
    assert (best[2:] < clf.outside).all() and (best[:2] > clf.outside).all()
    assert None not in classify(task, clf, tasks_only=False)["predicted"].tolist()  # without abstain: as before
    assert clone(clf).get_params()["outside"] == clf.outside
    assert SectionClassifier.from_document(doc, outside=None).outside is None
    assert SectionClassifier.from_document(doc, outside=0.5).outside == 0.5
    two = SectionClassifier.from_document(pt.parse("一、甲\n要学习理论。\n二、乙\n要深化改革。"))
    assert two.outside is None  # two sections: none can be held out
    with pytest.raises(InvalidParameterError, match="abstain=True needs an outside score.*decision_function units"):
        two.predict(["要学习"], abstain=True)


def test_held_out_outside_is_a_quantile_of_held_out_best_scores():
    doc = pt.parse(FIVE)
    clf = SectionClassifier.from_document(doc, outside=None)
    qs = [held_out_outside(clf, doc, 1, q) for q in (0.0, 0.5, 1.0)]
    assert qs[0] <= qs[1] <= qs[2] and qs[0] < qs[2]
    # the held-out best scores sit below the trained sentences' own best scores
    own = clf.decision_function(list(doc.sentences)).max(axis=1)
    assert qs[1] < np.median(own)


def test_cli_abstain_with_a_reference(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "five.txt").write_text(FIVE, encoding="utf-8")
    (tmp_path / "tasks.txt").write_text("一、工作\n要盘活编制资源，加强实名制管理。要严控编制总量。\n二、其他\n"
                                        + OFF_TOPIC + "\n", encoding="utf-8")
    code, out, err = run(capsys, "classify", "tasks.txt", "--model", "reference-of:five.txt", "--abstain",
                         "--format", "json", "--all-sentences")
    assert code == 0 and err == "", err
    assert [r["predicted"] for r in json.loads(out)] == ["3", "3", None, None, None]
    code, out, _ = run(capsys, "classify", "tasks.txt", "--model", "reference-of:five.txt", "--abstain",
                       "--all-sentences")
    assert [line.split()[2] for line in out.splitlines()[1:]] == ["3", "3", "-", "-", "-"]
    (tmp_path / "two.txt").write_text("一、理论学习\n要深入学习党的创新理论。\n二、机构改革\n要深化机构改革。\n", encoding="utf-8")
    code, out, err = run(capsys, "classify", "tasks.txt", "--model", "reference-of:two.txt", "--abstain")
    assert code == 1 and out == "" and "SectionClassifier" not in err
    assert err.startswith("policytext: error: two.txt: --abstain needs at least 3 sections") and "--level" in err


# -- item 3: context evidence -----------------------------------------------------------------------


def test_context_decided_rows_list_the_context_terms_marked():
    clf = SectionClassifier.from_document(pt.parse(FIVE))
    # the middle sentence has no word of its own for any section; its paragraph is about 编制
    doc = pt.parse("一、工作\n要盘活编制资源，严控编制总量。要抓好落实。要加强实名制管理，统筹使用各类编制。\n"
                   "二、其他\n要深化机构改革，优化政府职能。\n")
    table = classify(doc, clf, tasks_only=False)
    alone = clf.predict(["要抓好落实。"])[0]
    row = table[table["text"] == "要抓好落实。"].iloc[0]
    assert row["predicted"] == "3"
    marked = [t for t in row["terms"] if t.startswith(CONTEXT_MARK)]
    if alone != "3":  # the context decided: it says so
        assert marked and all(t in row["terms"][-len(marked):] for t in marked)
        assert any("编制" in t for t in marked)
    own_rows = table[table["text"] != "要抓好落实。"]
    for terms in own_rows["terms"]:  # their own text decided: no context terms
        assert not any(t.startswith(CONTEXT_MARK) for t in terms)
    assert classify(doc, clf, tasks_only=False, top_terms=0)["terms"].tolist() == [[]] * len(table)
    # explain keeps its (label, confidence, terms) triples and never marks context
    assert all(len(r) == 3 for r in clf.explain(doc.sentences))


def test_context_decided_row_is_marked_in_a_forced_case():
    """A huge context weight makes the paragraph decide every sentence that disagrees with it."""
    clf = SectionClassifier.from_document(pt.parse(FIVE), context_weight=50.0)
    doc = pt.parse("一、工作\n要做好防汛抗旱工作，加强水库堤防巡查。要加强实名制管理。要储备救灾物资，做好应急值守。\n"
                   "二、其他\n要深化改革。\n")
    table = classify(doc, clf, tasks_only=False)
    row = table[table["text"] == "要加强实名制管理。"].iloc[0]
    assert clf.predict(["要加强实名制管理。"])[0] == "3" and row["predicted"] == "5"
    marked = [t[len(CONTEXT_MARK):] for t in row["terms"] if t.startswith(CONTEXT_MARK)]
    assert marked and set(marked) & {"防汛", "抗旱", "水库", "堤防", "巡查", "救灾", "物资", "应急", "值守",
                                     "防汛抗旱", "救灾物资", "应急值守"}


@given(own=st.lists(st.text(alphabet="甲乙丙丁ab", min_size=1, max_size=4), max_size=8),
       ctx=st.lists(st.text(alphabet="甲乙丙丁ab", min_size=1, max_size=4), max_size=8), top=st.integers(0, 8))
def test_evidence_property(own, ctx, top):
    """Own terms first, in order; then the context's, marked, in order; never more than ``top``."""
    out = evidence(own, ctx, top)
    marked = [t for t in out if t.startswith(CONTEXT_MARK)]
    k = len(out) - len(marked)
    assert len(out) <= top and out[:k] == own[:k] and out[k:] == marked
    assert marked == [CONTEXT_MARK + t for t in ctx[:len(marked)]]
    if not ctx or top == 0:
        assert out == own[:top]
    else:
        assert len(marked) == min(len(ctx), max(1, top - len(own), top // 2))
        assert k == min(len(own), top - len(marked))


# -- the documents of the issue (skipped without ../shared) ------------------------------------------


def test_work_report_levels_and_abstention_against_the_congress_report():
    gwr = pt.load(shared_path("gwr_2024.txt"))
    congress = pt.load(shared_path("congress_20_report.txt"))
    assert auto_level(gwr) == 2 and auto_level(congress) == 1
    assert len(SectionClassifier.from_document(gwr, "auto").classes_) == 10
    clf = SectionClassifier.from_document(congress)
    assert clf.outside is not None and -5 < clf.outside < 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no domain warning for a document's own sections
        table = classify(gwr, clf, abstain=True)
    share = table["predicted"].isna().mean()
    assert 0.01 < share < 0.3, share
    plain = classify(gwr, clf)
    digest = {hashlib.md5(t.encode("utf-8")).hexdigest()[:10]: i for i, t in enumerate(plain["text"])}
    row = plain.iloc[digest["dff57149e1"]]  # the nine-character sentence of U9 finding 4 (sentence 471)
    assert row["sentence"] == 471
    own = [t for t in row["terms"] if not t.startswith(CONTEXT_MARK)]
    if clf.predict([row["text"]])[0] != row["predicted"]:  # decided by its paragraph: the evidence says so
        assert any(t.startswith(CONTEXT_MARK) for t in row["terms"])
    else:
        assert own
