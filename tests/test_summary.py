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

def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F1 over characters: the harness's own (``benchmarks/eval_key_sentences.py``)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from eval_key_sentences import rouge_l as harness_rouge_l
    finally:
        sys.path.pop(0)
    return float(harness_rouge_l(candidate, reference))


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
    assert captured.err == "2 sections, 3 formulations, 1 quiz item\n"
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
    assert re.search(r"（全文，第\d+句）", md) and "第导语部分" not in md and "### " not in md
    assert "（第一部分，第1句）" in to_markdown(no_preamble) and "导语要点" not in to_markdown(no_preamble)
    assert "应知应会" not in to_markdown(names_only)


def test_article_headings_are_not_doubled():
    s = summarize("第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全市各部门。", pictures=False)
    md = to_markdown(s)
    assert "第一条 第一条" not in md and "### 第一条\n" in md and "（第一条，第1句）" in md


# -- keyword lists (audit L1) -------------------------------------------------------------------

def test_term_lists_separator_never_occurs_inside_a_term(ref_summary, tmp_path):
    docx = pytest.importorskip("docx")
    from policytext.render._study_docx import keyword_label

    sec = ref_summary.sections[4]
    terms = [k.term for k in sec.keywords]
    assert any("、" in t for t in terms)  # 政治强、业务精、作风优
    assert not any("；" in k.term for k in ref_summary.keywords + sec.keywords)
    shown = [keyword_label(k) for k in sec.keywords]  # as the document writes each term
    whole_shown = [keyword_label(k) for k in ref_summary.keywords]
    assert not any("；" in x for x in shown + whole_shown)
    md = to_markdown(ref_summary)
    line = [x for x in md.splitlines() if x.startswith("**关键词：**")][4]
    assert line.removeprefix("**关键词：** ").split("；") == shown
    whole = md.split("全文关键词\n\n")[1].split("\n")[0]
    assert whole.split("；") == whole_shown
    page = to_html(ref_summary)
    chunk = re.findall(r"<strong>关键词：</strong>(.*?)</p>", page)[4]
    assert [re.sub(r"<.*?>", "", x) for x in chunk.split("；")] == shown
    to_docx(ref_summary).save(str(tmp_path / "r.docx"))
    d = docx.Document(str(tmp_path / "r.docx"))
    texts = [p.text for p in d.paragraphs]
    assert "关键词：" + "；".join(shown) in texts and "；".join(whole_shown) in texts


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
    by_id = {x.id: x for x in doc.walk()}  # a summary section is a top-level section, or a part's section
    assert s.sections
    for ssum in s.sections:
        sec = by_id[ssum.id]
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


# -- pages with several parts, list items and closings (issue 15's structures in the study) ----------

#: Two officials' duty reports on one page (parts whose headings span two lines), then a closing.
TWO_REPORTS = ("某某学校领导班子述职报告\n"
               "述职报告\n张三 副校长\n"
               "一、履行职责情况\n一年来，我认真履行分管工作职责，推动学校教学质量稳步提升。要进一步加强教学常规管理。\n"
               "二、存在问题\n理论学习还不够深入，要持续加强理论学习。\n"
               "述职报告\n李四 副校长\n"
               "一、履行职责情况\n一年来，我牢固树立安全发展理念，全面加强校园安全管理。\n"
               "二、努力方向\n要持续完善安全管理制度，确保校园平安稳定。\n"
               "同志们！让我们团结一心，努力开创学校工作新局面。")
#: A notice, its signature, an attachment with an introduction and chapters, and a list of rules.
NOTICE_WITH_ANNEXES = ("关于开展读书活动的通知\n各班级：\n为丰富校园文化生活，学校决定在全校开展读书活动。\n"
                       "一、活动时间\n活动时间为十一月。各班要认真组织学生参加读书活动。\n"
                       "二、活动要求\n各班要结合实际制定读书方案，确保活动取得实效。\n"
                       "某某中学\n2022年11月17日\n"
                       "附件1：读书活动评分办法\n评分坚持公开公正的原则，由学校统一组织。\n"
                       "一、评分标准\n内容充实、观点鲜明的作品得分高。评分要突出思想性和创新性。\n"
                       "二、评分程序\n评委要认真审阅每一件作品，按时提交评分结果。\n"
                       "附件2：读书公约\n"
                       "一、热爱读书。每天坚持阅读半小时以上。\n二、爱护图书。借阅图书要按时归还。\n"
                       "三、交流分享。读书心得要与同学分享。\n")


def _material(doc: pt.Document, ssum) -> set[int]:
    """Indices of the sentences a summary section may quote: its own and those of list items after it."""
    sec = doc.section(ssum.id)
    top = doc.sections[sec.path[0] - 1]
    siblings = top.children if top.kind == "part" and top is not sec else doc.sections
    after = siblings[siblings.index(sec) + 1:] if sec in siblings else []
    items = after[:next((i for i, c in enumerate(after) if c.kind != "item"), len(after))]
    return {s.index for s in sec.sentences} | {s.index for it in items for s in it.sentences}


def test_parts_are_a_heading_level_over_their_sections():
    doc = pt.parse(TWO_REPORTS)
    assert [p.heading for p in doc.parts] == ["述职报告\n张三 副校长", "述职报告\n李四 副校长"]  # the parser's model
    s = summarize(doc, pictures=False)
    assert [(p.id, p.heading) for p in s.parts] == [("1", "述职报告 张三 副校长"), ("2", "述职报告 李四 副校长")]
    assert [(x.id, x.part, x.label, x.heading) for x in s.sections] == [
        ("1.1", "1", "一、", "履行职责情况"), ("1.2", "1", "二、", "存在问题"),
        ("2.1", "2", "一、", "履行职责情况"), ("2.2", "2", "二、", "努力方向")]
    for ssum in s.sections:  # every chapter has its own key sentences, from its own text
        assert ssum.key_sentences, ssum.id
        assert {k.sentence_index for k in ssum.key_sentences} <= _material(doc, ssum)
        assert all(k.section_id == ssum.id for k in ssum.key_sentences)
    assert s.sections[2].key_sentences[0].text == "一年来，我牢固树立安全发展理念，全面加强校园安全管理。"
    assert s.sections[2].key_sentences[0].location == "第二篇第一部分，第1句"
    assert s.outline == ((1, "1", "", "述职报告 张三 副校长"), (2, "1.1", "一、", "履行职责情况"), (2, "1.2", "二、", "存在问题"),
                         (1, "2", "", "述职报告 李四 副校长"), (2, "2.1", "一、", "履行职责情况"), (2, "2.2", "二、", "努力方向"))
    # the closing after the last part's sections is that part's 结束语, not its last section's material
    assert [(k.text, k.location) for k in s.parts[1].closing] == [  # 同志们！ has no content term to rank
        ("让我们团结一心，努力开创学校工作新局面。", "第二篇结束语，第2句")]
    closing = {k.sentence_index for k in s.parts[1].closing}
    assert not closing & {k.sentence_index for x in s.sections for k in (*x.key_sentences, *x.tasks)}
    md = to_markdown(s)
    assert "### 述职报告 张三 副校长\n\n#### 一、履行职责情况\n" in md and "\n#### 二、努力方向\n" in md
    assert "**结束语：**\n\n> 让我们团结一心，努力开创学校工作新局面。（第二篇结束语，第2句）" in md
    heads = [x for x in md.splitlines() if x.startswith("#")]
    assert all("\n" not in h and "  " not in h for h in heads)
    assert "（无标题部分）" not in md and "第部分" not in md


def test_attachments_their_introduction_and_a_part_made_of_list_items():
    doc = pt.parse(NOTICE_WITH_ANNEXES)
    assert [(p.label, p.kind) for p in doc.parts] == [("", "part"), ("附件1", "part"), ("附件2", "part")]
    assert [c.kind for c in doc.parts[2].children] == ["item"] * 3
    s = summarize(doc, pictures=False)
    assert [(p.id, p.label, p.heading) for p in s.parts] == [
        ("1", "", "第一篇"), ("2", "附件1", "附件1：读书活动评分办法"), ("3", "附件2", "附件2：读书公约")]
    assert [x.id for x in s.sections] == ["1.1", "1.2", "2.1", "2.2", "3"]  # items are never summary sections
    assert [k.text for k in s.parts[1].preamble] == ["评分坚持公开公正的原则，由学校统一组织。"]
    assert s.parts[1].preamble[0].location == "附件1导语，第1句"
    rules = s.sections[-1]  # a part made only of list items is one summary section: its items are its text
    assert (rules.part, rules.label, rules.heading) == ("3", "", "附件2：读书公约") and rules.key_sentences
    assert {k.text for k in (*rules.key_sentences, *rules.tasks)} <= {"每天坚持阅读半小时以上。", "借阅图书要按时归还。",
                                                                     "读书心得要与同学分享。"}
    assert rules.key_sentences[0].location == "附件2，第1句" and rules.subheadings == ()
    assert [h for _, _, _, h in s.outline] == ["第一篇", "活动时间", "活动要求", "附件1：读书活动评分办法", "评分标准", "评分程序",
                                               "附件2：读书公约"]
    assert [k.text for k in s.preamble] == ["各班级：", "为丰富校园文化生活，学校决定在全校开展读书活动。"]
    md = to_markdown(s)
    section_part = md.split("## 三、分部分学习要点")[1].split("## 四、")[0]
    assert re.findall(r"^#+ .*$", section_part, flags=re.MULTILINE) == [
        "### 第一篇", "#### 一、活动时间", "#### 二、活动要求", "### 附件1：读书活动评分办法", "#### 一、评分标准",
        "#### 二、评分程序", "### 附件2：读书公约"]
    assert "附件1 附件1" not in md


def test_list_items_are_material_of_the_section_before_them_not_sections():
    text = ("一、工作要求\n各部门要高度重视安全工作，切实落实安全责任。\n"
            "1.加强值班。值班人员要坚守岗位，做好值班记录。\n"
            "2.及时报告。遇有突发情况要立即报告，不得迟报漏报。\n"
            "二、保障措施\n要加强组织领导，确保各项措施落到实处。")
    doc = pt.parse(text)
    assert [c.kind for c in doc.sections[0].children] == ["item", "item"]
    s = summarize(doc, pictures=False, sentences_per_section=1, tasks_per_section=5)
    assert [x.id for x in s.sections] == ["1", "2"] and s.sections[0].subheadings == ()
    assert [o[1] for o in s.outline] == ["1", "2"]  # items are not headings of the outline
    first = s.sections[0]
    assert first.key_sentences[0].text == "各部门要高度重视安全工作，切实落实安全责任。"  # an item is never the thesis
    assert "遇有突发情况要立即报告，不得迟报漏报。" in [t.text for t in first.tasks]  # its sentences are the section's
    # a page whose only numbered lines are list items has no sections: it is summarised whole
    only_items = summarize("学习要点如下。\n一、坚定理想。要坚定理想信念。\n二、勤奋学习。要勤奋学习理论。\n三、勇于实践。要在实践中增长才干。",
                           pictures=False)
    assert [(x.id, x.heading) for x in only_items.sections] == [("", "全文")] and only_items.outline == ()
    assert only_items.preamble == only_items.closing == ()


def test_closing_is_summarised_like_the_preamble():
    text = ("一、总体要求\n要坚持以人民为中心的发展思想，扎实推进各项工作。\n二、主要任务\n要深化改革，推动高质量发展。\n"
            "同志们！让我们更加紧密地团结起来，为实现既定目标而努力奋斗！")
    doc = pt.parse(text)
    assert [x.text for x in doc.closing] == ["同志们！", "让我们更加紧密地团结起来，为实现既定目标而努力奋斗！"]
    s = summarize(doc, pictures=False)
    assert [(k.text, k.location) for k in s.closing] == [("让我们更加紧密地团结起来，为实现既定目标而努力奋斗！", "结束语，第2句")]
    assert all(k.sentence_index < doc.closing[0].index for x in s.sections for k in (*x.key_sentences, *x.tasks))
    md = to_markdown(s)
    assert re.findall(r"^## (.+)$", md, flags=re.MULTILINE)[:3] == ["一、内容提纲", "二、分部分学习要点", "三、结束语要点"]
    assert "> 让我们更加紧密地团结起来，为实现既定目标而努力奋斗！（结束语，第2句）" in md
    assert "结束语要点" not in to_markdown(summarize("一、总则\n要学习。\n二、附则\n要落实。", pictures=False))
    pytest.importorskip("docx")
    assert "三、结束语要点" in [p.text for p in to_docx(s).paragraphs if p.style.name == "Heading 1"]


_CHAPTER = st.sampled_from(["要坚持以人民为中心的发展思想，扎实推进共同富裕。", "各部门要加强组织领导，压实工作责任。",
                            "发展托育服务。", "活动内容", "一是加强学习，提高认识。"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["附件{n}：工作方案", "述职报告\n王{n}", ""]),
                          st.lists(st.lists(_CHAPTER, min_size=1, max_size=3), min_size=1, max_size=3)),
                min_size=1, max_size=3),
       st.booleans())
def test_summary_sections_of_any_page_with_parts(parts, closing):
    """Property: whatever parts a page has, the summary sections are every non-item section of the
    first level under the parts; each quotes only its own text; parts and headings are on one line."""
    heads = "一二三"
    lines = ["工作文件"]
    for n, (intro, chapters) in enumerate(parts, 1):
        lines += [intro.format(n=n)] if intro and n > 1 else []
        for i, body in enumerate(chapters):
            lines += [f"{heads[i]}、第{heads[i]}项工作", *body]
    lines += ["同志们！让我们团结奋斗。"] if closing else []
    doc = pt.parse("\n".join(lines))
    s = summarize(doc, pictures=False)
    if doc.parts:
        expected = [c.id for p in doc.parts for c in (p.children if any(x.kind != "item" for x in p.children) else [p])
                    if c.kind != "item"]
        assert [x.id for x in s.sections] == expected
        assert [p.id for p in s.parts] == [p.id for p in doc.parts]
    for ssum in s.sections:
        if ssum.id:
            assert doc.section(ssum.id).kind != "item"
            assert {k.sentence_index for k in (*ssum.key_sentences, *ssum.tasks)} <= _material(doc, ssum)
    assert all("\n" not in h for _, _, _, h in s.outline) and all("\n" not in p.heading for p in s.parts)
    quoted = [k.sentence_index for x in s.sections for k in x.key_sentences]
    quoted += [k.sentence_index for p in s.parts for k in (*p.preamble, *p.closing)]
    quoted += [k.sentence_index for k in (*s.preamble, *s.closing)]
    assert len(quoted) == len(set(quoted))  # no sentence is quoted twice
    assert "<script>" not in to_html(s)


def test_headed_pages_with_parts_summarise_every_section_of_every_part():
    """On the shared pages parsed into parts: every section of a part is a summary section of its own
    (not swallowed by the part), a part without sections is one, list items never are; documents
    without parts keep one summary section per top-level section that is not a list item."""
    if not HEADED.is_dir():
        pytest.skip(f"../shared/headed not found at {HEADED} (set POLICYTEXT_SHARED)")
    docs = {p.name: pt.load(p) for p in sorted(HEADED.glob("*.txt"))}
    with_parts = [n for n, d in docs.items() if d.parts and len(d.parts) > 1]
    assert len(with_parts) >= 20, len(with_parts)
    tk = pt.Tokenizer()
    chapters = quoted = 0
    for name in with_parts:
        doc = docs[name]
        s = summarize(doc, pictures=False, tokenizer=tk, quiz=0, formulations=0, keywords_total=1)
        ids = [x.id for x in s.sections]
        for part in doc.parts:
            own = [c.id for c in part.children if c.kind != "item"]
            assert [i for i in ids if i.split(".")[0] == part.id] == (own or [part.id]), (name, part.id)
            chapters += len(own)
        for ssum in s.sections:
            assert {k.sentence_index for k in ssum.key_sentences} <= _material(doc, ssum), (name, ssum.id)
            quoted += bool(ssum.key_sentences) and ssum.id != ssum.part
        assert [p.id for p in s.parts] == [p.id for p in doc.parts]
        assert all("\n" not in h for _, _, _, h in s.outline)
        assert not any(doc.section(i).kind == "item" for i in ids)
    assert quoted >= 0.8 * chapters, (quoted, chapters)  # before, no section of a part had key sentences
    plain = next(n for n, d in docs.items() if not d.parts and all(x.kind != "item" for x in d.walk()))
    s = summarize(docs[plain], pictures=False, tokenizer=tk, quiz=0, formulations=0, keywords_total=1)
    assert [x.id for x in s.sections] == [x.id for x in docs[plain].sections] and s.parts == ()


@pytest.mark.parametrize("date, first", [("2018-03-05", "全面建成小康社会"), ("2023-03-05", "全面建设社会主义现代化国家")])
def test_formulations_and_quiz_use_the_wording_of_the_documents_year(date, first):
    """四个全面 changed its first item in 2021: a document's study material gives the wording of its year."""
    doc = pt.parse("一、学习\n要协调推进四个全面战略布局，坚持四个全面。", metadata={"date": date})
    s = pt.summarize(doc, pictures=False)
    (f,) = [f for f in s.formulations if f.term == "四个全面"]
    assert f.expansion[0] == first
    (quiz,) = [q for q in s.quiz if q.kind == "expansion" and "四个全面" in q.question]
    assert quiz.answers[0] == first and len(quiz.answers) == 4
