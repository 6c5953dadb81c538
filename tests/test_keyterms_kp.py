"""The keyphraseness experiment (issue 16 item 3, session 7): its table, its factor, its hook in the blind read.

``scripts/build_keyphraseness.py`` counts, per word, the texts that use it
(``df_body``) and those of them whose title uses it too (``df_title``);
``benchmarks/eval_keywords.py --keyphraseness TABLE`` multiplies the blind
read's scores by ``(kp / rate) ** alpha`` through
``_keyterm_blind._keywords_blind(prior=...)``. Measured, not shipped: the package's
keywords are unchanged.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import benchmark_module
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis._keyterm_blind import _keywords_blind
from policytext.analysis.keyterms import keywords

REPO = Path(__file__).resolve().parent.parent
XWLB = REPO.parent / "shared" / "xwlb"

TEXT = """关于做好机构编制工作的通知
一、深化机构改革
深化机构改革，优化机构编制资源配置。机构编制资源配置要向基层倾斜。粮食安全要保障。
二、加强编制管理
编制管理要严格。加强编制管理，推进编制资源动态调整。各环节都要落实编制管理制度。
"""


@pytest.fixture(scope="module")
def build() -> ModuleType:
    """``scripts/build_keyphraseness.py`` (it imports build_background from its folder)."""
    return benchmark_module("build_keyphraseness", "scripts")


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return benchmark_module("eval_keywords")


def _blind(sec, doc, **kw):
    return [k.term for k in _keywords_blind(sec, doc, top=10, **kw)]


# -- the hook: a factor per term in the blind read ----------------------------------------------------


def test_a_neutral_prior_changes_nothing():
    doc = pt.load(TEXT)
    for sec in doc.sections:
        assert _blind(sec, doc, prior=lambda t: 1.0) == _blind(sec, doc)


def test_the_prior_multiplies_the_score():
    doc = pt.load(TEXT)
    sec = doc.sections[0]
    plain = _blind(sec, doc)
    last = plain[-1]
    assert _blind(sec, doc, prior=lambda t: 100.0 if t == last else 1.0)[0] == last
    assert plain[0] not in _blind(sec, doc, prior=lambda t: 0.0 if t == plain[0] else 1.0)


def test_library_keywords_have_no_prior():
    """The experiment is not shipped: ``keywords`` takes no such option."""
    doc = pt.load(TEXT)
    with pytest.raises(TypeError):
        keywords(doc.sections[0], context=doc, prior=lambda t: 1.0)  # type: ignore[call-arg]


# -- the factor ---------------------------------------------------------------------------------------


@given(t=st.integers(0, 500), extra=st.integers(0, 5000), alpha=st.floats(0.0, 2.0), b=st.floats(1.0, 100.0))
@settings(max_examples=200, deadline=None)
def test_the_factor_is_smoothed_monotone_and_neutral_when_absent(ev, t, extra, alpha, b):
    rate = 0.05
    table = {"w": (t, t + extra), "more": (t + 1, t + extra + 1)}
    f = ev.keyphraseness_factor(table, rate, alpha, b)
    assert f("absent") == 1.0
    assert f("w") > 0
    assert f("more") >= f("w") - 1e-12  # one more title use among one more body use: never lower
    if alpha == 0:
        assert f("w") == 1.0
    kp = (t + b * rate) / (t + extra + b)
    assert f("w") == pytest.approx((kp / rate) ** alpha)


def test_the_table_round_trips(build, ev, tmp_path):
    out = tmp_path / "kp.tsv"
    build.write_table([("粮食", 3, 40), ("工作", 0, 900)], out, ["test table", "Global rate: 0.048500 (test)"])
    table, rate = ev.load_keyphraseness(out)
    assert table == {"粮食": (3, 40), "工作": (0, 900)} and rate == 0.0485
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[2] == "term\tdf_title\tdf_body" and lines[3].startswith("工作")  # by -df_body


def test_a_table_without_its_rate_is_refused(ev, tmp_path):
    out = tmp_path / "kp.tsv"
    out.write_text("term\tdf_title\tdf_body\n粮食\t3\t40\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="Global rate"):
        ev.load_keyphraseness(out)


# -- the counts ---------------------------------------------------------------------------------------


def test_title_and_body(build):
    assert build.title_and_body("标题\n正文一。\n正文二。") == ("标题", "正文一。\n正文二。")
    assert build.title_and_body("只有标题") == ("只有标题", "")


@given(st.lists(st.tuples(st.text("粮食安全会议工作 ", max_size=8), st.text("粮食安全会议工作 \n", max_size=20)),
                max_size=12))
@settings(max_examples=100, deadline=None)
def test_title_counts_never_exceed_body_counts(build, items):
    def words(s):
        return {s[i:i + 2] for i in range(len(s) - 1) if s[i:i + 2].strip() == s[i:i + 2]}

    dt, db, n = build.count_items(items, words)
    assert n == sum(1 for _, b in items if b.strip())
    assert all(dt[w] <= db[w] for w in dt)
    assert all(c <= n for c in db.values())


def test_policy_sections_read_every_level(build, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    got = list(build.policy_sections([tmp_path]))
    assert [h for h, _ in got] == ["深化机构改革", "加强编制管理"]
    assert got[0][1].strip() == TEXT.splitlines()[2]  # the text after the heading, not the heading
    assert list(build.policy_sections([tmp_path], exclude=["a"])) == []


def test_a_month_of_news(build):
    """Figures from one month of ../shared/xwlb: words only, title uses among body uses."""
    if not XWLB.is_dir():
        pytest.skip(f"../shared/xwlb not found at {XWLB}")
    from policytext.tokens.tokenizer import default_tokenizer

    tk = default_tokenizer()
    days = [p for p in build.news_files(XWLB, ["2020"]) if p.name.startswith("202001")]
    assert days
    items = [build.title_and_body(i) for p in days for i in build.news_items(p.read_text(encoding="utf-8"))]
    dt, db, n = build.count_items(items, lambda s: {t.norm for t in tk.tokenize(s) if t.is_word})
    assert n > 200
    assert all(dt[w] <= db[w] for w in dt)
    assert dt["习近平"] > 0.3 * db["习近平"]  # news titles name the leader who acts
    assert dt["的"] < 0.3 * db["的"]


@pytest.mark.slow
def test_the_harness_runs_the_prior_on_a_small_subset(tmp_path):
    headed = REPO.parent / "shared" / "headed"
    if not (headed / "README.md").is_file():
        pytest.skip(f"../shared/headed not found at {headed}")
    table = tmp_path / "kp.tsv"
    table.write_text("# Global rate: 0.05\nterm\tdf_title\tdf_body\n工作\t0\t900\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "eval_keywords.py"), "--docs", "2", "--set",
                           "headed", "--half", "tune", "--compare-idf", "--keyphraseness", str(table),
                           "--kp-alpha", "0", "0.5"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "keyphraseness alone: kp^0 vs policytext_tfidf" in proc.stdout
    assert "kp^0.5 vs jieba" in proc.stdout
    means = dict(line.split()[:2] for line in proc.stdout.splitlines() if line.startswith("  ") and "documents)" in line)
    assert means["kp^0"] == means["policytext_tfidf"]  # alpha 0 is today's ranking
