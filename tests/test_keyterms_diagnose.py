"""The keyword harness's diagnosis (``benchmarks/eval_keywords.py --diagnose``, issue 16 item 3).

Why a heading word is in jieba's top 10 and not in ours (and the reverse): the
classes must be right on constructed cases, every heading word must be counted
exactly once, and the per-document recalls must be the harness's own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import benchmark_module

import policytext as pt
from policytext.analysis._keyterm_blind import _candidates_blind, _keywords_blind
from policytext.tokens.tokenizer import default_tokenizer

REPO = Path(__file__).resolve().parent.parent

TEXT = """关于做好机构编制工作的通知
一、深化机构改革
深化机构改革，优化机构编制资源配置。机构编制资源配置要向基层倾斜。2023年完成改革任务。
二、加强编制管理
编制管理要严格。加强编制管理，推进编制资源动态调整。各环节都要落实编制管理制度。
三、做好督促检查
督促检查要经常。对编制管理开展督促检查，督促检查结果要通报。
"""


@pytest.fixture(scope="module")
def ev():
    return benchmark_module("eval_keywords")


def test_miss_classes(ev):
    """Each reason a heading word is not recalled, on a case that has it."""
    text = "工作要落实。2023年。微课。某某说。落实工作。"
    toks = default_tokenizer().tokenize(text)
    ranked = ["a" + str(i) for i in range(60)]
    assert ev.miss_class("落实", ["落实"] + ranked, text, toks) == ev.MISS_CLASSES[0]
    assert ev.miss_class("落实", ranked[:15] + ["落实"], text, toks) == "candidate ranked 10-19"
    assert ev.miss_class("落实", ranked[:30] + ["落实"], text, toks) == "candidate ranked 20-49"
    assert ev.miss_class("落实", ranked + ["落实"], text, toks) == "candidate ranked >= 50"
    assert ev.miss_class("落实", ranked + ["落"], text, toks) != ev.MISS_CLASSES[0]  # a fragment never recalls
    assert ev.miss_class("工作", ranked, text, toks) == "not a candidate: stopword"
    assert ev.miss_class("2023", ranked, text, toks) == "not a candidate: number or year"
    assert ev.miss_class("微课", ranked, text, toks) == "not a candidate: split into single characters (OOV)"
    assert ev.miss_class("某某", ranked, text, toks).startswith("not a candidate: a word of a function tag")
    assert ev.miss_class("党建", ranked, text, toks) == "not in the section's text"
    merged = default_tokenizer().tokenize("落实工作。")  # one token (l): 工作 is inside it
    assert ev.miss_class("工作", ranked, "落实工作。", merged) == ev.MISS_CLASSES[8]
    assert set(ev.MISS_CLASSES) >= {ev.miss_class(w, ranked, text, toks) for w in ("落实", "工作", "微课", "某某")}


def test_gain_classes(ev):
    assert ev.gain_class("编制", ["编制"], ["编制"]) == ("the word itself", "baseline ranked < 10")
    assert ev.gain_class("编制", ["机构编制"], ["x"] * 20 + ["编制"]) == ("a longer term containing it",
                                                                          "baseline ranked 20-49")
    assert ev.gain_class("重大意义", ["重大意"], []) == ("a shorter term", "not among the baseline's words")


def test_candidates_blind_hold_the_top_ten():
    """The full ranking the diagnosis reads holds every blind top-10 keyword, with no duplicates."""
    doc = pt.parse(TEXT)
    for sec in doc.sections:
        ranked = _candidates_blind(sec, doc)
        assert len(ranked) == len(set(ranked))
        assert {k.term for k in _keywords_blind(sec, doc, top=10)} <= set(ranked)


def test_diagnose_counts_every_heading_word_once(ev, tmp_path):
    """both + neither + misses + gains = all heading words, and the per-document recalls are doc_score's."""
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    doc = pt.load(path)
    words = {"深化机构改革": ["机构", "改革"], "加强编制管理": ["编制", "管理"], "做好督促检查": ["督促", "检查", "通报"]}

    def words_of(h: str) -> list[str]:
        return words[h]

    def base(d, s):  # a fake baseline: the heading's last word first, then filler
        return [words[s.heading][-1], "要求", "任务"]

    d = ev.diagnose([path], words_of, base)
    total = sum(len(w) for w in words.values())
    assert d["both"] + d["neither"] + sum(d["miss"].values()) + sum(d["gain_how"].values()) == total
    assert sum(d["gain_how"].values()) == sum(d["gain_where"].values())
    ours, theirs, _ = d["docs"]["doc.txt"]
    assert ours == pytest.approx(ev.doc_score(doc, words_of, ev.ours()))
    assert theirs == pytest.approx(ev.doc_score(doc, words_of, lambda dd, s: base(dd, s)[:ev.TOP]))
    assert set(d["miss"]) <= set(ev.MISS_CLASSES)


@pytest.mark.slow
def test_diagnose_runs_on_a_small_subset():
    headed = REPO.parent / "shared" / "headed"
    if not (headed / "README.md").is_file():
        pytest.skip(f"../shared/headed not found at {headed}")
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "eval_keywords.py"), "--docs", "3", "--set",
                           "headed", "--half", "tune", "--compare-idf", "--diagnose"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "recalled by the baseline, not by ours:" in proc.stdout
    assert "documents where ours is worse:" in proc.stdout
