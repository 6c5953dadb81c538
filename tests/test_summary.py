"""Study summaries: outline, key sentences, formulations, quiz, renderers, quality."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import shared_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.lexicon import load_stopwords
from policytext.summary import _content, rank_sentences, summarize

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ref_summary():
    return summarize(pt.load(pt.reference_path()), pictures=True)


def test_reference_outline_and_key_sentences(ref_summary, reference_doc):
    s = ref_summary
    assert [h for _, _, _, h in s.outline] == [sec.heading for sec in reference_doc.sections]
    assert [sec.heading for sec in s.sections] == [sec.heading for sec in reference_doc.sections]
    for sec_sum, sec in zip(s.sections, reference_doc.sections):
        assert 1 <= len(sec_sum.key_sentences) <= 2
        own = {x.index: x.text for x in sec.sentences}
        for k in sec_sum.key_sentences:
            assert own[k.sentence_index] == k.text and k.section_id == sec.id  # verbatim, own section
        assert all(t.text in own.values() for t in sec_sum.tasks)
        assert sec_sum.keywords


def test_reference_formulations_with_expansions(ref_summary):
    forms = {f.term: f for f in ref_summary.formulations}
    for term in ("两个确立", "四个意识", "四个自信", "两个维护", "五个牢牢把握", "八项本领", "七种能力"):
        assert term in forms, term
        assert forms[term].expansion, term
        assert term in forms[term].sentence or term in forms[term].sentence.replace("“", "").replace("”", "")
    assert forms["四个意识"].expansion == ("政治意识", "大局意识", "核心意识", "看齐意识")


def test_quiz_answers_are_correct_by_construction(ref_summary, reference_doc):
    quiz = ref_summary.quiz
    assert len(quiz) >= 5
    stop = load_stopwords()
    lex = pt.Lexicon.default()
    for q in quiz:
        assert q.question.count("____") == len(q.answers)
        assert all(a not in stop and len(a) >= 2 for a in q.answers)
        if q.kind in ("formulation", "term"):
            # filling the blanks gives back a part of the source sentence
            filled = q.question
            for a in q.answers:
                filled = filled.replace("____", a, 1)
            assert filled in q.source and q.source in reference_doc.text
        else:  # expansion items come from the lexicon
            term = re.match(r"“(.+?)”是指", q.question).group(1)
            assert lex.lookup(term).expansion == q.answers


def test_renderers_markdown_html_docx(ref_summary, tmp_path):
    paths = ref_summary.write(tmp_path / "out")
    md = paths["md"].read_text(encoding="utf-8")
    assert "## 一、内容提纲" in md and "images/wordcloud.png" in md
    assert (tmp_path / "out" / "images" / "wordcloud.png").stat().st_size > 10_000
    html_text = paths["html"].read_text(encoding="utf-8")
    assert "data:image/png;base64," in html_text
    assert not re.search(r"(src|href)=\"(https?:)?//", html_text)
    docx = pytest.importorskip("docx")
    d = docx.Document(str(paths["docx"]))
    h2 = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    headings = [f"{sec.label} {sec.heading}" for sec in ref_summary.sections]
    assert [h for h in h2 if h in headings] == headings
    assert len(d.inline_shapes) == 2
    east_asia = d.styles["Normal"].element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert east_asia == "宋体"
    assert ref_summary._repr_html_().startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob("out/.*.tmp"))  # atomic writes leave no temporaries


def test_html_escapes_document_text():
    evil = "关于<script>alert(1)</script>的通知 & 说明\n一、<b>要点</b>\n要坚持“四个意识”&落实<img src=x onerror=alert(1)>。"
    s = summarize(evil, pictures=False)
    out = s.to_html()
    assert "<script>alert(1)</script>" not in out and "<img src=x" not in out and "<b>要点</b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&amp;" in out
    assert "http" not in out
    md = s.to_markdown()
    assert "<script>" not in md


def test_document_without_headings_and_tiny_inputs():
    s = summarize(shared_path("plenum_20_3_communique.txt"), pictures=False)
    assert s.outline == ()
    assert len(s.sections) == 1 and s.sections[0].heading == "全文" and s.sections[0].key_sentences
    tiny = summarize("要学习。", pictures=False)
    assert tiny.sections[0].key_sentences[0].text == "要学习。"
    with pytest.raises(pt.PolicyTextError):
        summarize("要学习。", sentences_per_section=-1)
    with pytest.raises(TypeError):
        summarize(42)  # type: ignore[arg-type]
    with pytest.raises(pt.PolicyTextError):
        s.write(Path("/nonexistent-dir-for-policytext/x"), formats=["pdf"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["一、学习\n", "二、落实\n", "要增强“四个意识”。", "推进机构编制法定化。", "“七个一”",
                                 "<script>", "&", "××", "。", "\n", "党的二十大", "编制资源"]), min_size=1, max_size=30))
def test_summarize_fuzz(parts):
    text = "".join(parts)
    if not text.strip():
        return
    s = summarize(text, pictures=False)
    html_text = s.to_html()
    assert "<script>" not in html_text
    for sec in s.sections:
        for k in sec.key_sentences:
            assert k.text in text or k.text in pt.normalize(text)


# -- quality against author-written headings ----------------------------------------------

def _lcs(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F1 over characters."""
    lcs = _lcs(candidate, reference)
    if not lcs:
        return 0.0
    p, r = lcs / len(candidate), lcs / len(reference)
    return 2 * p * r / (p + r)


def test_rouge_l_against_headings_beats_flat_textrank(shared_dir, tokenizer):
    """Top key sentence of each section vs the section's heading (ROUGE-L, characters).

    Baseline: flat TextRank over all sentences of the document (the anchors'
    method), taking for each section its best-ranked sentence."""
    stop = load_stopwords()
    ours_all, flat_all = [], []
    for name in ("reference_bianban_2022", "congress_20_report", "congress_19_report",
                 "plenum_20_3_decision", "plenum_20_4_decision_fyp15_proposal"):
        doc = pt.load(shared_dir / f"{name}.txt")
        units = [_content(t, stop) for t in tokenizer.tokenize_document(doc)]
        flat = rank_sentences(units, position=False, mix=(1.0, 0.0, 0.0))
        summary = summarize(doc, pictures=False, sentences_per_section=1, tokenizer=tokenizer)
        ours, base = [], []
        for sec, ssum in zip(doc.sections, summary.sections):
            idx = [s.index for s in sec.sentences]
            if not idx:
                continue
            best_flat = max(idx, key=lambda i: (flat[i], -i))
            base.append(rouge_l(doc.sentences[best_flat].text, sec.heading))
            ours.append(rouge_l(ssum.key_sentences[0].text, sec.heading))
        print(f"\n{name:40s} policytext {sum(ours) / len(ours):.3f}  flat TextRank {sum(base) / len(base):.3f}")
        ours_all += ours
        flat_all += base
    mean_ours, mean_flat = sum(ours_all) / len(ours_all), sum(flat_all) / len(flat_all)
    print(f"all {len(ours_all)} sections: policytext {mean_ours:.3f}, flat TextRank {mean_flat:.3f}, "
          f"ratio {mean_ours / mean_flat:.2f} (target >= 1.2)")
    assert mean_ours >= 1.2 * mean_flat


def test_cli_study_congress_report_cold_process(tmp_path):
    src = shared_path("congress_20_report.txt")
    out = tmp_path / "study20"
    res = subprocess.run([sys.executable, "-m", "policytext.cli", "study", str(src), "-o", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    for suffix in ("md", "html", "docx"):
        assert (out / f"congress_20_report.{suffix}").stat().st_size > 1000
    md = (out / "congress_20_report.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^### ", md, flags=re.M)) == 15
    assert str(out / "congress_20_report.html") in res.stdout


def test_example_script(tmp_path):
    res = subprocess.run([sys.executable, str(REPO / "examples" / "study_outline.py"), "-o", str(tmp_path)],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "reference_bianban_2022.html").is_file()
    assert "学习提纲" in res.stdout
