"""Study summaries: outline, key sentences, formulations, quiz, renderers, quality."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import shared_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext import cli
from policytext.analysis.ranking import content_norms as _content
from policytext.analysis.ranking import rank_sentences
from policytext.analysis.summary import QUIZ_MAX_LEN, summarize
from policytext.errors import InvalidParameterError, OutputError
from policytext.render import study_report
from policytext.render.study_report import _title, render_images, to_docx, to_html, to_markdown, write_study
from policytext.tokens.lexicon import load_stopwords

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
            assert filled.strip("…") in q.source and q.source in reference_doc.text
        else:  # expansion items come from the lexicon
            term = re.match(r"“(.+?)”是指", q.question).group(1)
            assert lex.lookup(term).expansion == q.answers


def test_renderers_markdown_html_docx(ref_summary, tmp_path):
    paths = write_study(ref_summary, tmp_path / "out")
    md = paths["md"].read_text(encoding="utf-8")
    assert "## 一、内容提纲" in md and "images/wordcloud.png" in md
    assert (tmp_path / "out" / "images" / "wordcloud.png").stat().st_size > 10_000
    html_text = paths["html"].read_text(encoding="utf-8")
    assert "data:image/png;base64," in html_text
    assert not re.search(r"(src|href)=\"(https?:)?//", html_text)
    docx = pytest.importorskip("docx")
    d = docx.Document(str(paths["docx"]))
    h2 = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    headings = [_title(sec.label, sec.heading) for sec in ref_summary.sections]
    assert [h for h in h2 if h in headings] == headings
    assert len(d.inline_shapes) == 2
    east_asia = d.styles["Normal"].element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert east_asia == "宋体"
    assert to_html(ref_summary).startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob("out/.*")) and not list(tmp_path.glob("out/images/.*"))  # no temporaries left


def test_html_escapes_document_text():
    evil = "关于<script>alert(1)</script>的通知 & 说明\n一、<b>要点</b>\n要坚持“四个意识”&落实<img src=x onerror=alert(1)>。"
    s = summarize(evil, pictures=False)
    out = to_html(s)
    assert "<script>alert(1)</script>" not in out and "<img src=x" not in out and "<b>要点</b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&amp;" in out
    assert "http" not in out
    md = to_markdown(s)
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
        write_study(s, Path("/nonexistent-dir-for-policytext/x"), formats=["pdf"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["一、学习\n", "二、落实\n", "要增强“四个意识”。", "推进机构编制法定化。", "“七个一”",
                                 "<script>", "&", "××", "。", "\n", "党的二十大", "编制资源"]), min_size=1, max_size=30))
def test_summarize_fuzz(parts):
    text = "".join(parts)
    if not text.strip():
        return
    s = summarize(text, pictures=False)
    html_text = to_html(s)
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


# -- writing: every target checked first, nothing half-written (audit H3, M1) ------------------

SMALL = "一、学习\n要增强“四个意识”、坚定“四个自信”。\n二、落实\n要推进机构编制法定化。"


def _tree(root: Path) -> dict[str, str | None]:
    """Every path under root: file contents, None for folders."""
    return {p.relative_to(root).as_posix(): (p.read_bytes().decode("utf-8", "replace") if p.is_file() else None)
            for p in sorted(root.rglob("*"))}


def _png() -> bytes:
    """A valid 1×1 PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def _fake_images(summary, font=None):
    return {name: _png() for name in study_report.image_names(summary)}


@pytest.fixture
def small_summary(monkeypatch):
    """A summary with picture data, whose pictures are drawn as 1×1 PNGs (fast, nothing to go wrong)."""
    from dataclasses import replace

    import networkx as nx

    monkeypatch.setattr(study_report, "render_images", _fake_images)
    s = summarize(SMALL, pictures=False)
    return replace(s, cloud={"四个意识": 1.0, "四个自信": 0.5}, graph=nx.Graph([("四个意识", "四个自信")]))


def test_write_refuses_a_file_where_the_images_folder_goes(small_summary, tmp_path, capsys):
    out = tmp_path / "d"
    out.mkdir()
    (out / "images").write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="images"):
        write_study(small_summary, out, stem="s")
    assert _tree(out) == {"images": ""}  # nothing written, the file left alone
    doc = tmp_path / "doc.txt"
    doc.write_text(SMALL, encoding="utf-8")
    assert cli.main(["study", str(doc), "-o", str(out)]) == 1  # pictures on: it needs images/
    err = capsys.readouterr().err
    print(err)
    assert err.startswith("policytext: error: ") and err.count("\n") == 1 and "images" in err
    assert _tree(out) == {"images": ""}


def test_write_refuses_a_folder_where_a_file_goes_and_writes_nothing(small_summary, tmp_path, capsys):
    out = tmp_path / "st_ro"
    (out / "s.docx").mkdir(parents=True)
    (out / "s.md").write_text("OLD", encoding="utf-8")  # from an earlier run: must survive untouched
    with pytest.raises(OutputError, match=r"s\.docx"):
        write_study(small_summary, out, stem="s")
    assert _tree(out) == {"s.docx": None, "s.md": "OLD"}  # no .html, no images/, old .md kept
    doc = tmp_path / "s.txt"
    doc.write_text(SMALL, encoding="utf-8")
    assert cli.main(["study", str(doc), "-o", str(out), "--no-pictures"]) == 1
    err = capsys.readouterr().err
    print(err)
    assert err.startswith("policytext: error: ") and err.count("\n") == 1 and "s.docx" in err
    assert _tree(out) == {"s.docx": None, "s.md": "OLD"}
    with pytest.raises(OutputError, match="not a folder"):  # a file where the output folder goes
        write_study(small_summary, out / "s.md", stem="s")
    with pytest.raises(OutputError, match="not a folder"):
        write_study(small_summary, out / "s.md" / "deeper", stem="s")
    assert _tree(out) == {"s.docx": None, "s.md": "OLD"}


def test_a_late_failure_removes_what_the_run_created_and_only_that(small_summary, tmp_path, monkeypatch):
    import docx.document

    def broken_save(self, path):
        Path(path).write_bytes(b"partial")
        raise OSError(28, "No space left on device")

    old = tmp_path / "old"
    with monkeypatch.context() as m:
        m.setattr(docx.document.Document, "save", broken_save)  # the last file fails
        fresh = tmp_path / "new" / "out"
        with pytest.raises(OutputError, match="No space left"):
            write_study(small_summary, fresh, stem="s")
        assert not (tmp_path / "new").exists()  # the folders this run made are gone too
        old.mkdir()
        (old / "s.md").write_text("OLD", encoding="utf-8")
        (old / "keep.txt").write_text("mine", encoding="utf-8")
        with pytest.raises(OutputError):
            write_study(small_summary, old, stem="s")
        assert _tree(old) == {"keep.txt": "mine", "s.md": "OLD"}

    import policytext._files as files

    real_replace, calls = os.replace, []

    def replace_fails_second_time(src, dst):  # the renames at the end: the 2nd one fails
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", replace_fails_second_time)
    with pytest.raises(OutputError, match="Input/output error"):
        write_study(small_summary, old, stem="s", formats=["md", "html", "docx"])
    assert len(calls) == 2
    assert _tree(old) == {"keep.txt": "mine", "s.md": "OLD"}  # the file renamed first was new: removed


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="chmod does not stop root (or non-POSIX): see the os.access case below")
def test_write_into_a_read_only_folder_chmod(small_summary, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        for target in (ro, ro / "out"):
            with pytest.raises(OutputError, match="not writable"):
                write_study(small_summary, target, stem="s")
        assert list(ro.iterdir()) == []
    finally:
        ro.chmod(0o755)


def test_write_into_an_unwritable_folder(small_summary, tmp_path, monkeypatch, capsys):
    """The same as the chmod case, runnable as root: the folder reports itself unwritable."""
    import policytext._files as files_module

    ro = tmp_path / "ro"
    ro.mkdir()
    real_access = os.access
    monkeypatch.setattr(files_module.os, "access",
                        lambda p, mode, **kw: False if Path(p) == ro else real_access(p, mode, **kw))
    for target in (ro, ro / "out"):
        with pytest.raises(OutputError, match="not writable"):
            write_study(small_summary, target, stem="s")
    doc = tmp_path / "s.txt"
    doc.write_text(SMALL, encoding="utf-8")
    assert cli.main(["study", str(doc), "-o", str(ro), "--no-pictures"]) == 1
    err = capsys.readouterr().err
    print(err)
    assert err.startswith(f"policytext: error: cannot write {ro}") and err.count("\n") == 1
    assert f"the folder {ro} is not writable" in err
    assert list(ro.iterdir()) == []



def test_write_study_checks_targets_before_drawing(small_summary, tmp_path, monkeypatch):
    drawn = []
    monkeypatch.setattr(study_report, "render_images", lambda summary, font=None: drawn.append(font) or {})
    out = tmp_path / "out"
    (out / "s.html").mkdir(parents=True)
    with pytest.raises(OutputError, match=r"s\.html"):
        write_study(small_summary, out, stem="s")
    assert drawn == [] and _tree(out) == {"s.html": None}


def test_cli_study_checks_targets_before_summarizing(tmp_path, monkeypatch, capsys):
    import policytext.cli.study as study_cli

    called = []
    monkeypatch.setattr(study_cli, "summarize", lambda *args, **kwargs: called.append(args))
    out = tmp_path / "out"
    (out / "images" / "graph.png").mkdir(parents=True)  # a folder where a picture goes
    doc = tmp_path / "s.txt"
    doc.write_text(SMALL, encoding="utf-8")
    assert cli.main(["study", str(doc), "-o", str(out)]) == 1
    assert called == [] and "graph.png" in capsys.readouterr().err
    assert _tree(out) == {"images": None, "images/graph.png": None}


def test_cli_study_output_lines_and_files(tmp_path, capsys):
    doc = tmp_path / "s.txt"
    doc.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["study", str(doc), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [f"md: {out / 's.md'}", f"html: {out / 's.html'}", f"docx: {out / 's.docx'}",
                                         f"images: {out / 'images' / 'wordcloud.png'}, {out / 'images' / 'graph.png'}"]
    assert captured.err == "2 sections, 3 formulations, 4 quiz items\n"
    assert sorted(_tree(out)) == ["images", "images/graph.png", "images/wordcloud.png", "s.docx", "s.html", "s.md"]
    assert (out / "images" / "graph.png").read_bytes().startswith(b"\x89PNG")
    assert cli.main(["study", str(doc), "-o", str(tmp_path / "plain"), "--no-pictures", "--format", "md"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"md: {tmp_path / 'plain' / 's.md'}"]
    assert "图示" not in (tmp_path / "plain" / "s.md").read_text(encoding="utf-8")


# -- results are data; rendering is separate (issue 14) ------------------------------------------

def test_summary_holds_data_and_no_renderers(ref_summary):
    import dataclasses

    import networkx as nx

    assert "images" not in {f.name for f in dataclasses.fields(ref_summary)}
    for method in ("to_docx", "_docx", "_parts"):  # the renderer's pieces live in render/study_report
        assert not hasattr(ref_summary, method), method
    import subprocess
    import sys

    code = ("import sys, policytext.analysis.summary; "  # thin methods import the renderer only when called
            "print('policytext.render.study_report' in sys.modules, 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"], out
    assert list(ref_summary.cloud) == [k.term for k in ref_summary.keywords]  # the word cloud: keyword scores
    assert list(ref_summary.cloud.values()) == [float(k.score) for k in ref_summary.keywords]
    G = ref_summary.graph
    assert isinstance(G, nx.Graph) and 2 <= len(G) <= 40 and G.number_of_edges()
    assert all(isinstance(c, int) for _, c in G.nodes(data="community"))
    plain = summarize(pt.load(pt.reference_path()), pictures=False)
    assert plain.cloud == {} and plain.graph is None
    assert plain == ref_summary  # the same outline, with or without the picture data


def test_render_images_draws_what_the_summary_holds(ref_summary):
    images = render_images(ref_summary)
    assert list(images) == ["wordcloud", "graph"] == study_report.image_names(ref_summary)
    assert all(png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000 for png in images.values())
    assert render_images(summarize(SMALL, pictures=False)) == {}


def test_pictures_are_shown_only_where_given(small_summary, tmp_path):
    assert "图示" not in to_markdown(small_summary)  # no image_dir: no links
    md = to_markdown(small_summary, image_dir="pics/")
    assert "![全文关键词词云](pics/wordcloud.png)" in md and "![重要概念共现网络](pics/graph.png)" in md
    assert "## 五、图示" in md and "## 六、应知应会" in md
    assert "图示" not in to_html(small_summary)
    page = to_html(small_summary, images={"graph": b"PNG"})
    assert '<img alt="重要概念共现网络" src="data:image/png;base64,UE5H">' in page and "全文关键词词云" not in page
    d = to_docx(small_summary, images={"wordcloud": _png()})
    assert len(d.inline_shapes) == 1 and "五、图示" in [p.text for p in d.paragraphs]
    paths = write_study(small_summary, tmp_path / "a", stem="s", pictures=False)
    assert list(paths) == ["md", "html", "docx"] and not (tmp_path / "a" / "images").exists()
    assert "图示" not in paths["md"].read_text(encoding="utf-8")
    paths = write_study(small_summary, tmp_path / "b", formats=["html", "md"], stem="s")
    assert list(paths) == ["image:wordcloud", "image:graph", "md", "html"]
    assert "](images/graph.png)" in paths["md"].read_text(encoding="utf-8")
    assert paths["image:graph"].read_bytes() == _png()


def test_summarize_validates_its_parameters():
    counts = ("sentences_per_section", "keywords_per_section", "keywords_total", "tasks_per_section",
              "formulations", "quiz")
    for name in counts:
        for bad in (-1, True, False, 1.5, "2", None):
            with pytest.raises(InvalidParameterError,
                               match=rf"'{name}' parameter of summarize must be an int in the range \[0, inf\)"):
                summarize(SMALL, pictures=False, **{name: bad})
    zero = summarize(SMALL, pictures=False, **dict.fromkeys(counts, 0))
    assert zero.keywords == zero.formulations == zero.quiz == ()
    assert all(not s.key_sentences and not s.keywords and not s.tasks for s in zero.sections)
    for name, bad in (("pictures", "yes"), ("pictures", None), ("progress", 1), ("tokenizer", "jieba"), ("font", 3)):
        with pytest.raises(InvalidParameterError, match=f"'{name}' parameter of summarize"):
            summarize(SMALL, **{name: bad})
    with pytest.raises(InvalidParameterError, match="'doc' parameter of summarize"):
        summarize(3.5)  # type: ignore[arg-type]


def test_summarize_takes_what_as_document_takes(tmp_path):
    text = summarize(SMALL, pictures=False)
    assert summarize(SMALL.encode("utf-8"), pictures=False).sections == text.sections
    path = tmp_path / "s.txt"
    path.write_text(SMALL, encoding="utf-8")
    from_file = summarize(path, pictures=False)
    assert from_file.sections == text.sections and from_file.title == "s"
    blank = summarize(" \n", pictures=False)  # a blank text: an empty outline, as for every analysis
    assert blank.sections == blank.quiz == blank.keywords == () and blank.graph is None
    assert [x for x in to_markdown(blank).splitlines() if x.startswith("#")] == ["# 文件 学习提纲"]
    with pytest.warns(FutureWarning, match="ignored"):
        summarize(SMALL, pictures=False, font="font.ttf")


def test_write_study_validates_its_parameters(small_summary, tmp_path):
    with pytest.raises(InvalidParameterError, match="'formats' parameter of write_study got the unknown value 'pdf'"):
        write_study(small_summary, tmp_path, formats=["md", "pdf"])
    with pytest.raises(InvalidParameterError, match="'summary' parameter of write_study"):
        write_study("summary", tmp_path)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'pictures' parameter of write_study"):
        write_study(small_summary, tmp_path, pictures="no")  # type: ignore[arg-type]
    assert _tree(tmp_path) == {}


# -- parts, headings and source labels (audit M3) --------------------------------------------

_CN = "一二三四五六七八九十"
_LABEL = re.compile(r"（(导语|全文|第[一二三四五六七八九十百\d]+部分|第[一二三四五六七八九十百零〇\d]+条)，第\d+句）")


def _check_parts(md: str, html_text: str) -> list[str]:
    parts = re.findall(r"^## (.+)$", md, flags=re.MULTILINE)
    assert [p[0] for p in parts] == list(_CN[: len(parts)]) and all(p[1] == "、" for p in parts), parts
    bodies = re.split(r"^## .+$", md, flags=re.MULTILINE)[1:]
    for title, body in zip(parts, bodies):
        assert body.replace("---", "").strip(), f"empty part {title}"
    assert re.findall(r"<h2>(.+?)</h2>", html_text) == parts
    assert not re.search(r"^#+ .*  ", md, flags=re.MULTILINE) and "  " not in "".join(re.findall(r"<h\d>(.*?)</h\d>", html_text))
    labels = re.findall(r"（[^（）]*第\d+句）", md)
    assert all(_LABEL.fullmatch(x.replace("\\", "")) for x in labels), labels
    return parts


def test_parts_numbered_without_gaps_or_empty_parts(tmp_path):
    docx = pytest.importorskip("docx")
    headless = summarize(shared_path("plenum_20_3_communique.txt"), pictures=False)  # no headings
    no_preamble = summarize("一、学习\n要增强“四个意识”、坚定“四个自信”。\n二、落实\n要推进机构编制法定化。", pictures=False)
    names_only = summarize(shared_path("plenum_20_1_communique.txt"), pictures=False)  # no formulations, no quiz
    for s in (headless, no_preamble, names_only):
        md, page = to_markdown(s), to_html(s)
        parts = _check_parts(md, page)
        print(parts)
        path = tmp_path / "s.docx"
        to_docx(s).save(str(path))
        h1 = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 1"]
        assert h1 == parts
    md = to_markdown(headless)
    assert "（全文，第1句）" in md and "第导语部分" not in md and "### " not in md
    assert "（第一部分，第1句）" in to_markdown(no_preamble) and "导语要点" not in to_markdown(no_preamble)
    assert "应知应会" not in to_markdown(names_only)


def test_article_headings_are_not_doubled():
    s = summarize("第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全市各部门。", pictures=False)
    md = to_markdown(s)
    assert "第一条 第一条" not in md and "### 第一条\n" in md and "（第一条，第1句）" in md


# -- keyword lists (audit L1) -------------------------------------------------------------------

def test_term_lists_separator_never_occurs_inside_a_term(ref_summary, tmp_path):
    docx = pytest.importorskip("docx")
    sec = ref_summary.sections[4]
    terms = [k.term for k in sec.keywords]
    assert any("、" in t for t in terms)  # 政治强、业务精、作风优
    assert not any("；" in k.term for k in ref_summary.keywords + sec.keywords)
    md = to_markdown(ref_summary)
    line = [x for x in md.splitlines() if x.startswith("**关键词：**")][4]
    assert line.removeprefix("**关键词：** ").split("；") == terms
    whole = md.split("全文关键词\n\n")[1].split("\n")[0]
    assert whole.split("；") == [k.term for k in ref_summary.keywords]
    page = to_html(ref_summary)
    chunk = re.findall(r"<strong>关键词：</strong>(.*?)</p>", page)[4]
    assert [re.sub(r"<.*?>", "", x) for x in chunk.split("；")] == terms
    to_docx(ref_summary).save(str(tmp_path / "r.docx"))
    d = docx.Document(str(tmp_path / "r.docx"))
    texts = [p.text for p in d.paragraphs]
    assert "关键词：" + "；".join(terms) in texts and "；".join(k.term for k in ref_summary.keywords) in texts


# -- quiz (audit L2) --------------------------------------------------------------------------------

def test_quiz_items_not_repeated_and_stems_cut_at_word_boundaries(ref_summary, reference_doc, tokenizer):
    lex = pt.Lexicon.default()
    for doc in (reference_doc, pt.load(shared_path("plenum_20_3_communique.txt")),
                pt.load(shared_path("plenum_19_5_communique.txt"))):
        s = ref_summary if doc is reference_doc else summarize(doc, pictures=False, tokenizer=tokenizer)
        tokens = tokenizer.tokenize_document(doc)
        asked: list[frozenset[str]] = []
        for q in s.quiz:
            print(q.kind, q.question, q.answers)
            if q.kind == "expansion":
                continue
            keys = frozenset(lex.canonical(a) for a in q.answers)
            assert not any(keys <= earlier for earlier in asked), q  # nothing new asked: a repeat
            asked.append(keys)
            assert len(q.question) <= QUIZ_MAX_LEN + 2 * len(q.answers) + 4, q.question
            filled = q.question
            for a in q.answers:
                filled = filled.replace("____", a, 1)
            body = filled.strip("…")
            sent = doc.sentences[q.sentence_index]
            at = sent.text.find(body)
            assert at >= 0, (body, sent.text)
            bounds = {p - sent.start for t in tokens[q.sentence_index] for p in (t.start, t.end)}
            assert at in bounds and at + len(body) in bounds, body  # never cut inside a word
        three = [q for q in s.quiz if q.kind != "expansion" and "三定" in q.answers]
        assert len(three) <= 1


# -- Markdown escaping (audit L6) -----------------------------------------------------------------

def test_markdown_renders_document_text_as_written():
    markdown_it = pytest.importorskip("markdown_it")
    import html as html_module

    sentences = ["要坚持A&amp;B与C&D并举。", "要突出*重点*和_要点_以及`代码`。", "要防止<b>粗体</b>和[链接](http://x.cn)出现。",
                 "要记住#号与|竖线|和~~删除~~。", "要落实2.0版方案，1. 不是列表。"]
    text = "一、要点\n" + "".join(sentences) + "\n二、落实\n" + "要坚持“四个意识”。"
    s = summarize(text, pictures=False, sentences_per_section=5)
    md = to_markdown(s)
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(md).split("<hr")[0]  # before our footer
    plain = html_module.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert "<em>" not in rendered and "<code>" not in rendered and "<a " not in rendered
    for sentence in sentences:
        assert sentence in plain, sentence
    outline = to_markdown(summarize("1. 总则\n要学习*文件*。", pictures=False))
    rendered = markdown_it.MarkdownIt("commonmark").render(outline)
    assert "<li>1. 总则</li>" in rendered  # "- 1. 总则" in the outline is not read as a nested list


def test_docx_numbered_lists_each_start_at_one(ref_summary, tmp_path):
    """Word numbers every ``List Number`` paragraph in one sequence unless a list restarts:
    the quiz came out as 11.–22. while its answers read 1.–12. The answers are a numbered list too."""
    docx = pytest.importorskip("docx")
    to_docx(ref_summary).save(str(tmp_path / "r.docx"))
    d = docx.Document(str(tmp_path / "r.docx"))
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    runs: list[list[str | None]] = []
    previous = None
    for p in d.paragraphs:
        if p.style.name == "List Number":
            num_id = p._p.find(f"{ns}pPr/{ns}numPr/{ns}numId")
            if previous != "List Number":
                runs.append([])
            runs[-1].append(num_id.get(f"{ns}val") if num_id is not None else None)
        previous = p.style.name
    assert len(runs) == len(ref_summary.sections) + 2  # key sentences per part, the quiz and its answers
    assert runs[-2] and len(runs[-2]) == len(runs[-1]) == len(ref_summary.quiz)
    ids = [run[0] for run in runs]
    assert all(len(set(run)) == 1 for run in runs) and None not in ids and len(set(ids)) == len(runs)
    numbering = d.part.numbering_part.element
    for num_id in ids:
        start = numbering.num_having_numId(int(num_id)).find(f"{ns}lvlOverride/{ns}startOverride")
        assert start is not None and start.get(f"{ns}val") == "1"


# -- the thesis of a section ranks first (issue 16, item 4) -----------------------------------

from policytext.analysis.ranking import THESIS_MIX, rank_section, thesis_candidate  # noqa: E402


def test_thesis_ranks_before_a_short_minor_item():
    """The issue's case: the thesis, not a short minor item (发展农村婴幼儿照护服务。), ranks first; a label
    (时间) is never a key sentence, nor an item of a list (一是…)."""
    text = ("一、推进乡村全面振兴\n"
            "乡村振兴，产业兴旺是重点，要因地制宜发展乡村特色产业，推动农村一二三产业融合发展。\n"
            "（一）完善农村公共服务\n"
            "提升农村教育质量。发展农村婴幼儿照护服务。完善农村养老服务体系。\n"
            "（二）发展特色产业\n"
            "一是培育乡村产业集群，延长产业链条。\n"
            "二是发展农村电商，拓宽农产品销路。\n"
            "二、加强组织保障\n"
            "各级党委要把乡村振兴摆在突出位置，压实工作责任。\n"
            "时间\n"
            "2024年3月1日\n")
    s = summarize(text, pictures=False, sentences_per_section=2)
    first = s.sections[0].key_sentences[0].text
    assert first.startswith("乡村振兴，产业兴旺是重点"), first
    assert all(not k.text.startswith(("一是", "二是")) for k in s.sections[0].key_sentences)
    assert [k.text for k in s.sections[1].key_sentences] == ["各级党委要把乡村振兴摆在突出位置，压实工作责任。"]


@pytest.mark.parametrize("text, heading, expected", [
    ("要坚持以人民为中心的发展思想，扎实推进共同富裕。", "", True),
    ("活动内容", "", False),                                   # a label / table cell: no sentence end
    ("着力提升基层治理能力", "", False),                        # a bare sub-heading
    ("附件：", "", False),
    ("先去一班教室，再去二班教室；", "", False),                # one clause of an enumeration
    ("（1）严格落实安全责任制度，加强值班巡查。", "", False),    # an item marker
    ("一是加强组织领导，层层压实工作责任。", "", False),
    ("首先，要提高政治站位，增强责任意识。", "", False),
    ("发展托育服务。", "", False),                              # too short to state a thesis
    ("要全面加强校园安全管理工作。", "全面加强校园安全管理工作", False),  # repeats the heading
    ("校园安全要突出重点，假期前要组织一次全面检查。", "全面加强校园安全管理工作", True),
])
def test_thesis_candidate(text, heading, expected):
    assert thesis_candidate(text, heading) is expected


def test_thesis_candidate_refuses_list_items():
    assert not thesis_candidate("要坚持以人民为中心的发展思想，扎实推进共同富裕。", list_item=True)


_LINES = ["要坚持以人民为中心的发展思想，扎实推进共同富裕。", "乡村振兴，产业兴旺是重点。", "活动内容", "时间", "附件：",
          "一是加强组织领导，层层压实工作责任。", "（1）严格落实安全责任制度。", "发展托育服务。", "序号 姓名 班级",
          "各地要结合实际抓好贯彻落实，确保各项任务落地见效。", "深化教育改革；", "2024年3月1日"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_LINES), min_size=1, max_size=6), min_size=1, max_size=4),
       st.integers(1, 3))
def test_key_sentences_are_candidates_whenever_a_section_has_one(bodies, k):
    """Property: a key sentence is never a cell, a label, a list item or a fragment when the section
    holds a sentence that can state its thesis; and the first key sentence has the best score."""
    heads = "一二三四"
    text = "\n".join(f"{heads[i]}、第{heads[i]}部分工作安排\n" + "\n".join(lines) for i, lines in enumerate(bodies))
    doc = pt.parse(text)
    s = summarize(doc, pictures=False, sentences_per_section=k)
    for sec, ssum in zip(doc.sections, s.sections):
        if any(thesis_candidate(x.text, sec.heading) for x in sec.sentences):
            assert ssum.key_sentences
            for key in ssum.key_sentences:
                assert thesis_candidate(key.text, sec.heading), key.text
        if ssum.key_sentences:
            assert ssum.key_sentences[0].score == max(x.score for x in ssum.key_sentences)


def test_rank_section_scores_and_fallback():
    doc = pt.parse("一、工作安排\n时间\n地点\n")
    sec = doc.sections[0]
    scores, ok = rank_section(sec.sentences, [["时间"], ["地点"]], heading=sec.heading, path=sec.path)
    assert ok == [True, True] and len(scores) == 2  # no candidate: every sentence with content terms is one
    assert all(0.0 <= x <= 1.0 for x in scores)
    assert rank_section([], []) == ([], [])
    assert set(THESIS_MIX) == {"centrality", "keywords", "position", "paragraph_start", "introduction", "concise",
                               "directive"}
    # the mix is a parameter: with centrality alone, the most central sentence wins
    doc = pt.parse("一、工作安排\n要加强学校安全管理工作，落实安全责任。\n学校安全管理工作责任重大，要落实安全责任制度。\n"
                   "天气晴朗，同学们心情愉快。")
    sec = doc.sections[0]
    units = [["加强", "学校", "安全", "管理"], ["学校", "安全", "管理", "责任"], ["天气"]]
    only = dict.fromkeys(THESIS_MIX, 0.0) | {"centrality": 1.0}
    scores, ok = rank_section(sec.sentences, units, heading=sec.heading, path=sec.path, mix=only)
    assert ok == [True, True, True] and scores[2] == 0.0 and min(scores[:2]) > 0.0


# -- the evaluation harness, pinned on a few headed documents ------------------------------------

HEADED = Path(os.environ.get("POLICYTEXT_SHARED", REPO.parent / "shared")) / "headed"


@pytest.fixture(scope="module")
def eval_ks():
    sys.path.insert(0, str(REPO / "benchmarks"))
    import eval_key_sentences

    return eval_key_sentences


def test_eval_rouge_l_is_over_characters(eval_ks):
    assert eval_ks.rouge_l("加强党的建设。", "加强党的建设") == pytest.approx(2 * 1 * 6 / 7 / (1 + 6 / 7))
    assert eval_ks.rouge_l("", "标题") == 0.0 and eval_ks.rouge_l("甲乙", "丙") == 0.0


def test_eval_key_sentences_harness_on_a_subset(eval_ks, capsys):
    if not HEADED.is_dir():
        pytest.skip(f"../shared/headed not found at {HEADED} (set POLICYTEXT_SHARED)")
    files = sorted(HEADED.glob("*.txt"))[:6]
    results = eval_ks.run(files)
    assert results
    for doc, picks in results.values():
        for p in picks:
            assert p.heading and p.flat_doc is not None and p.flat_sec is not None
            if p.ours is not None:
                assert doc.sentences[p.ours].section_path[:1] == doc.sentences[p.flat_sec].section_path[:1]
    cmps = eval_ks.report(results, halves=("all",), worst=3)
    out = capsys.readouterr().out
    assert "ROUGE-L (characters)" in out and "not worse on" in out and "target" in out
    cmp = cmps["all"]["flat_doc"]
    assert len(cmp.docs) == len(results) and 0.0 <= cmp.share_not_worse <= 1.0 and cmp.ratio > 0
