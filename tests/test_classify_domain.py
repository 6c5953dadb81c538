"""U7 X5: ``classify`` says when a document is outside 机构编制 work (domain coverage, a warning, the figure)."""

from __future__ import annotations

import hashlib
import warnings

import pytest
from conftest import SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis import _classifier_domain as dom
from policytext.analysis._classifier_domain import (
    THRESHOLD,
    OutsideDomainWarning,
    domain_coverage,
    domain_message,
    term_weight,
)
from policytext.analysis.classifier import SectionClassifier, classify
from policytext.cli.app import main as cli_main
from policytext.errors import PolicyTextWarning

IN_DOMAIN = ("一、编制资源\n要盘活编制存量，严格控制机构编制总量，用好空编。\n"
             "二、监督检查\n要严格执行“三定”规定，加强实名制管理和领导职数管理。\n")
FLOOD = ("关于做好防汛工作的通知\n各单位：\n近期我市将迎来强降雨天气，要加强值班值守，及时转移危险区域群众，"
         "确保人民群众生命财产安全。\n要做好物资储备和应急抢险准备。\n")


@pytest.fixture(scope="module")
def matcher():
    return SectionClassifier.default().matcher_


# -- the figure ---------------------------------------------------------------------------------


def test_term_weight_counts_news_words_less():
    assert term_weight("空编") == term_weight("实名制") == term_weight("not a term") == 1.0
    assert term_weight("机构改革") == pytest.approx(dom.RARE_RATE / dom.NEWS_RATES["机构改革"], abs=1e-3)
    assert term_weight("学习贯彻") < 0.05  # the commonest section term in the news
    assert all(0 < term_weight(t) < 1 for t in dom.NEWS_RATES)
    assert all(r > dom.RARE_RATE for r in dom.NEWS_RATES.values())


def test_news_rates_are_section_terms(matcher):
    """Every listed rate belongs to a term of the shipped section table (a stale entry would never count)."""
    assert set(dom.NEWS_RATES) <= set(matcher.forms)


def test_domain_coverage_counts_weighted_terms_per_thousand_han_characters(matcher):
    assert domain_coverage(["要盘活编制存量，严格实名制管理。"], matcher) == pytest.approx(2 / 14 * 1000, abs=0.05)
    assert domain_coverage(["今天天气很好，我们去公园散步。"], matcher) == 0.0
    assert domain_coverage(["ABC 123", ""], matcher) == 0.0  # no Han characters
    # common news words count little: 学习贯彻 + 全面从严治党 in a short sentence stays below the threshold
    assert domain_coverage(["要学习贯彻全会精神，推进全面从严治党向纵深发展，这是当前和今后一个时期的重要任务。"],
                           matcher) < THRESHOLD


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="要推进机构编制改革资源学习贯彻会议指出全面深化工作实名制空编，。ab1 ", min_size=1, max_size=80),
       st.integers(min_value=2, max_value=5))
def test_coverage_is_a_density(matcher, text, k):
    """Repeating a text, or adding non-Han characters, leaves the figure as it was (within rounding)."""
    base = domain_coverage([text], matcher)
    assert base >= 0.0
    assert domain_coverage([text] * k, matcher) == pytest.approx(base, abs=0.051)
    assert domain_coverage([text, "ABC 2024 -- x"], matcher) == pytest.approx(base, abs=0.051)


# -- classify -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [FLOOD, "会议指出，要全面深化改革。", "要坚持学习。要推进改革。"])
def test_classify_warns_outside_the_domain_and_records_the_figure(text):
    with pytest.warns(OutsideDomainWarning, match="outside 机构编制 work") as record:
        table = classify(text)
    assert issubclass(OutsideDomainWarning, PolicyTextWarning)
    assert len(record) == 1
    message = str(record[0].message)
    assert "abstain=True" in message and "from_document" in message
    assert f"domain coverage {table.attrs['domain_coverage']:.1f}" in message
    assert table.attrs["domain_coverage"] < THRESHOLD and not table.empty
    assert record[0].filename == __file__  # points at the caller, not at policytext


def test_classify_in_domain_is_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = classify(IN_DOMAIN)
        reference = classify(pt.reference_path())  # the shipped reference document must never warn
    assert table.attrs["domain_coverage"] > 100 and reference.attrs["domain_coverage"] > THRESHOLD
    assert len(table) == 2


def test_abstain_is_not_suggested_when_already_given():
    with pytest.warns(OutsideDomainWarning) as record:
        table = classify(FLOOD, abstain=True)
    assert "abstain=True" not in str(record[0].message) and "from_document" in str(record[0].message)
    assert table.attrs["domain_coverage"] == 0.0


def test_source_is_named(tmp_path):
    path = tmp_path / "防汛通知.txt"
    path.write_text(FLOOD, encoding="utf-8")
    with pytest.warns(OutsideDomainWarning, match="防汛通知.txt: the text looks outside"):
        classify(path)


def test_no_warning_without_sentences_or_with_another_model():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        empty = classify("一、标题\n形势很好。")  # no task sentence: nothing is placed, nothing to warn about
        own = SectionClassifier.from_document(pt.parse("一、防汛\n要加强值班值守。\n二、物资\n要做好物资储备。"))
        other = classify(FLOOD, own)
    assert empty.empty and empty.attrs["domain_coverage"] == 0.0
    assert other.attrs["domain_coverage"] is None and not other.empty


def test_message_wording():
    text = domain_message("a.txt", 1.25)
    assert text.startswith("a.txt: the text looks outside 机构编制 work (domain coverage 1.2")
    assert f"below {THRESHOLD:.1f}" in text
    cli = domain_message("a.txt", 0.0, cli=True)
    assert "--abstain" in cli and "--model reference-of:FILE" in cli and "abstain=True" not in cli


# -- CLI ----------------------------------------------------------------------------------------


def _cli(capsys, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("always", PolicyTextWarning)  # shown on stderr, as for a user
        code = cli_main([str(a) for a in args])
    return code, *capsys.readouterr()


def test_cli_prints_the_warning_once(tmp_path, capsys):
    path = tmp_path / "flood.txt"
    path.write_text(FLOOD, encoding="utf-8")
    code, out, err = _cli(capsys, "classify", path, "--all-sentences")
    lines = err.splitlines()
    assert code == 0 and len(lines) == 1 and out.startswith("sent")
    assert lines[0].startswith(f"policytext: warning: {path}: the text looks outside 机构编制 work")
    assert "--abstain" in lines[0] and "--model reference-of:FILE" in lines[0]
    code, out, err = _cli(capsys, "classify", path, "--abstain", "--format", "json")
    assert code == 0 and err.count("policytext: warning:") == 1 and "--abstain" not in err
    code, out, err = _cli(capsys, "classify", pt.reference_path())
    assert code == 0 and err == ""


# -- the separation on real documents (../shared) -------------------------------------------------


def _genre_pages():
    folder = SHARED.parent / "genre_dev" / "passages"
    pages = sorted(folder.glob("*.txt"))
    if len(pages) < 20:
        pytest.skip(f"genre_dev passages not found at {folder}")
    return pages


#: Documents of ../shared whose subject is 机构改革 (the plenums that adopted a 机构改革 plan): not out of domain.
ABOUT_REFORM = {"plenum_18_2_communique", "plenum_19_3_communique", "plenum_20_2_communique"}


def test_separation_on_real_pages(shared_docs):
    """编办 pages pass, unrelated documents warn (figures of the README; constants chosen on the tune half)."""
    matcher = SectionClassifier.default().matcher_

    def coverage(doc):
        return domain_coverage([s.text for s in doc.sentences], matcher)

    in_domain = {p.name: coverage(pt.load(p)) for p in _genre_pages()}
    out = {k: coverage(d) for k, d in shared_docs.items() if k not in ABOUT_REFORM | {"reference_bianban_2022"}}
    headed = sorted((SHARED.parent / "headed").glob("*.txt"), key=lambda p: hashlib.md5(p.name.encode()).hexdigest())
    out.update({p.name: coverage(pt.load(p)) for p in headed[:40] if p.name != "sx_8304.txt"})  # 8304: 机构改革方案
    warned_in = sorted(k for k, v in in_domain.items() if v < THRESHOLD)
    passed_out = sorted(k for k, v in out.items() if v >= THRESHOLD)
    print(f"\nin-domain warned {len(warned_in)}/{len(in_domain)} {warned_in}; "
          f"out-of-domain not warned {len(passed_out)}/{len(out)} {passed_out}")
    assert coverage(shared_docs["reference_bianban_2022"]) >= THRESHOLD
    assert len(warned_in) <= 2 and len(in_domain) == 20
    assert len(passed_out) <= 2 and len(out) >= 55
    assert coverage(shared_docs["plenum_20_3_communique"]) < THRESHOLD  # the audit's example
