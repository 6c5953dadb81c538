"""Session 7 (audit U7, X1): the CLI's timeline with aliases, and its commands made consistent.

* ``timeline`` draws a TERM typed as a lexicon alias or without its quotes (人工智能+, 十四五规划) under the
  name the lexicon counted it by, in the table, the page and the picture;
* ``corpus``, ``timeline`` and ``compare --background`` read a folder with one default pattern (the rule of
  ``Corpus.from_folder``), and say so when ``**/PATTERN`` would find the documents a pattern missed;
* every writing command creates the missing folders of its outputs (and removes them again when it fails);
* ``compare -o`` says what it wrote;
* ``--help`` of a document argument lists the encodings read (Big5 too); ``keywords --top 0`` says
  "--top must be a whole number >= 1, got 0".
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policytext.cli import app as cli
from policytext.cli._inputs import AUTO_PATTERN, DOCUMENT_HELP, folder_pattern, no_files_error
from policytext.errors import InputError, InvalidParameterError, OutputError

REPO = Path(__file__).resolve().parent.parent
REF = REPO / "corpora" / "reference_bianban_2022.txt"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def record(tmp_path: Path) -> Path:
    """A dated record kept in year folders (as 新闻联播's), using two terms the lexicon writes with quotes."""
    root = tmp_path / "record"
    _write(root / "2021" / "a.txt", "要编制“十四五”规划。")
    _write(root / "2024" / "b.txt", "开展“人工智能+”行动。推进“十四五”规划实施。")
    _write(root / "2024" / "c.txt", "要学习。")
    _write(root / "metadata.tsv", "file\tdate\n2021/a.txt\t2021-03-12\n2024/b.txt\t2024-03-05\n2024/c.txt\t2024-03-06\n")
    return root


def _traces(page: Path) -> list[dict]:
    found = re.search(r"Plotly\.newPlot\(\s*\"[^\"]+\",\s*(\[.*?\]),\s*\{", page.read_text(encoding="utf-8"), re.S)
    assert found is not None
    return json.loads(found.group(1))


# -- 1. timeline: a TERM typed as an alias or without its quotes ---------------------------------------------

@pytest.mark.parametrize("typed", [["人工智能+", "十四五规划"], ["“人工智能+”", "“十四五”规划"]])
def test_timeline_draws_terms_typed_as_aliases(record, tmp_path, capsys, typed):
    html, png = tmp_path / "t.html", tmp_path / "t.png"
    code = cli.main(["timeline", *typed, "--corpus", str(record), "-o", str(html), "-o", str(png),
                     "--processes", "1"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "“人工智能+”: first 2024-03-05" in out and "“十四五”规划: first 2021-03-12" in out
    assert "2 in 2 documents" in out  # “十四五”规划 in a and b
    # the page draws each term in the order typed, under the lexicon's name, with its hover sentence
    traces = _traces(html)
    assert [t["name"] for t in traces] == ["“人工智能+”", "“十四五”规划"]
    assert "人工智能+" in traces[0]["customdata"][-1][2]
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_timeline_with_an_alias_of_an_extra_lexicon(record, tmp_path, capsys):
    lexicon = _write(tmp_path / "more.tsv", "term\tcategory\taliases\n学习行动\tother\t要学习\n")
    html = tmp_path / "t.html"
    code = cli.main(["timeline", "要学习", "--corpus", str(record), "--lexicon", str(lexicon), "-o", str(html),
                     "--processes", "1"])
    assert code == 0, capsys.readouterr().err
    assert "学习行动: first 2024-03-06" in capsys.readouterr().out
    assert [t["name"] for t in _traces(html)] == ["学习行动"]


def test_timeline_api_names_the_terms_it_counted(record, tmp_path):
    """The API: the frames carry the lexicon's name; drawing the names of ``first`` works for every format."""
    import policytext as pt
    from policytext.render.timeline import plot_timeline, timeline_html

    corpus = pt.Corpus.from_folder(record)
    first, frame = corpus.term_history(["人工智能+", "十四五规划"], examples=True)
    assert list(first["term"]) == ["“十四五”规划", "“人工智能+”"]  # by first use
    assert set(frame["term"]) == {"“人工智能+”", "“十四五”规划"}
    names = list(first["term"])
    timeline_html(frame, tmp_path / "t.html", names)
    plot_timeline(frame, tmp_path / "t.svg", names)
    assert sorted(t["name"] for t in _traces(tmp_path / "t.html")) == sorted(names)


def test_timeline_term_not_found_is_said_and_the_rest_drawn(record, tmp_path, capsys):
    html = tmp_path / "t.html"
    assert cli.main(["timeline", "没有的词语", "人工智能+", "--corpus", str(record), "-o", str(html),
                     "--processes", "1"]) == 0
    out = capsys.readouterr().out
    assert "没有的词语: not found" in out and "“人工智能+”: first 2024-03-05" in out
    assert html.is_file()


# -- 2. one default pattern for the commands that read a folder ----------------------------------------------

def test_corpus_reads_a_record_kept_in_year_folders(record, tmp_path, capsys):
    out = tmp_path / "t.csv"
    assert cli.main(["corpus", str(record), "-o", str(out), "--processes", "1"]) == 0
    assert "3 documents" in capsys.readouterr().out
    import pandas as pd

    assert sorted(pd.read_csv(out, index_col=0).index) == ["2021/a", "2024/b", "2024/c"]


def test_a_pattern_that_misses_the_subfolders_says_which_would_not(record, tmp_path, capsys):
    out = tmp_path / "t.csv"
    assert cli.main(["corpus", str(record), "-o", str(out), "--pattern", "*.txt", "--processes", "1"]) == 1
    err = capsys.readouterr().err
    assert f"{record}: no files match '*.txt' at the top of the folder, but 3 in its subfolders match " in err
    assert "give --pattern '**/*.txt'" in err and not out.exists()
    assert cli.main(["timeline", "人工智能+", "--corpus", str(record), "--pattern", "*.txt",
                     "-o", str(tmp_path / "t.html")]) == 1
    assert "give --pattern '**/*.txt'" in capsys.readouterr().err
    assert cli.main(["corpus", str(record), "-o", str(out), "--pattern", "*.docx"]) == 1
    assert capsys.readouterr().err == f"policytext: error: {record}: no files match '*.docx'\n"


def test_compare_background_uses_the_same_default_and_message(record, tmp_path, capsys):
    a = _write(tmp_path / "a.txt", "要编制“十四五”规划。")
    b = _write(tmp_path / "b.txt", "开展“人工智能+”行动。开展“人工智能+”行动。")
    assert cli.main(["compare", str(a), str(b), "--min-count", "1", "--background", str(record),
                     "--background-pattern", "*.txt"]) == 1
    assert "give --background-pattern '**/*.txt'" in capsys.readouterr().err
    assert cli.main(["compare", str(a), str(b), "--min-count", "1", "--background", str(record)]) == 0


def test_the_default_pattern_is_the_same_everywhere():
    parser = cli.build_parser()
    defaults = {
        "corpus": parser.parse_args(["corpus", "DIR", "-o", "t.csv"]).pattern,
        "timeline": parser.parse_args(["timeline", "T", "--corpus", "DIR", "-o", "t.html"]).pattern,
        "compare": parser.parse_args(["compare", "A", "B"]).background_pattern,
    }
    assert set(defaults.values()) == {AUTO_PATTERN}


def test_folder_pattern_follows_the_corpus_rule(tmp_path, capsys):
    import policytext as pt

    nested = tmp_path / "nested"
    _write(nested / "2024" / "a.txt", "要学习。")
    _write(nested / ".hidden" / "b.txt", "要学习。")
    assert folder_pattern(nested, AUTO_PATTERN) == "**/*.txt"
    mixed = tmp_path / "mixed"
    _write(mixed / "top.txt", "要学习。")
    _write(mixed / "old" / "a.txt", "要学习。")
    assert folder_pattern(mixed, AUTO_PATTERN) == "*.txt"  # the top-level files, as Corpus.from_folder reads
    assert "--pattern '**/*.txt' reads too" in capsys.readouterr().err
    flat = tmp_path / "flat"
    _write(flat / "a.txt", "要学习。")
    assert folder_pattern(flat, AUTO_PATTERN) == "*.txt" and capsys.readouterr().err == ""  # nothing more to say
    for folder in (nested, mixed, flat):
        assert pt.Corpus.from_folder(folder).names == pt.Corpus.from_folder(
            folder, pattern=folder_pattern(folder, AUTO_PATTERN)).names
    hidden_only = tmp_path / "hidden"
    _write(hidden_only / ".git" / "a.txt", "要学习。")
    assert str(no_files_error(hidden_only, "*.txt")).endswith("no files match '*.txt'")


# -- 3. missing output folders are created by every writing command -------------------------------------------

def _small_doc(tmp_path: Path) -> Path:
    return _write(tmp_path / "doc.txt", "一、要求\n学习党的二十大精神，推动高质量发展。\n二、任务\n推动高质量发展，完善机构编制。")


def test_every_writing_command_creates_missing_folders(record, tmp_path, capsys):
    doc = _small_doc(tmp_path)
    new = tmp_path / "new"
    runs = {
        "graph": ["graph", str(doc), "-o", str(new / "g" / "x" / "g.gexf"), "--png", str(new / "p" / "g.png")],
        "compare": ["compare", str(doc), str(REF), "-o", str(new / "c" / "x" / "cmp.md")],
        "corpus": ["corpus", str(record), "-o", str(new / "t" / "x" / "t.csv"), "--processes", "1"],
        "timeline": ["timeline", "人工智能+", "--corpus", str(record), "-o", str(new / "l" / "x" / "t.html"),
                     "--processes", "1"],
        "study": ["study", str(doc), "-o", str(new / "s" / "x"), "--format", "md", "--no-pictures"],
    }
    for command, argv in runs.items():
        assert cli.main(argv) == 0, (command, capsys.readouterr().err)
    written = sorted(p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file())
    assert written == ["c/x/cmp.md", "g/x/g.gexf", "l/x/t.html", "p/g.png", "s/x/doc.md", "t/x/t.csv",
                       "t/x/t.metadata.csv"]


def test_a_failed_run_removes_the_folders_it_made(tmp_path, capsys):
    """The outputs succeed or fail together: a failure leaves neither a file nor a folder of this run."""
    doc = _small_doc(tmp_path)
    _write(tmp_path / "in_the_way", "a file where a folder is wanted")
    argv = ["graph", str(doc), "-o", str(tmp_path / "new" / "deep" / "g.gexf"),
            "--png", str(tmp_path / "in_the_way" / "g.png")]
    assert cli.main(argv) == 1
    assert "in_the_way is a file, not a folder" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()
    assert cli.main(["compare", str(doc), str(REF), "-o", str(tmp_path / "in_the_way" / "c.md")]) == 1
    assert "-o " in capsys.readouterr().err


def test_compare_failed_write_leaves_no_new_folder(tmp_path, monkeypatch, capsys):
    from policytext.render import compare_report

    doc = _small_doc(tmp_path)

    def fail(cmp, path, *, top=20):
        Path(path).write_text("partial", encoding="utf-8")
        raise OutputError(f"cannot write {path}: No space left on device")

    monkeypatch.setattr(compare_report, "write_comparison", fail)
    target = tmp_path / "new" / "cmp.md"
    assert cli.main(["compare", str(doc), str(REF), "-o", str(target)]) == 1
    # the message names the file asked for, not its private temporary file
    assert capsys.readouterr().err == f"policytext: error: -o {target}: No space left on device\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


# -- 4. compare lists what it wrote ------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".md", ".html", ".docx"])
def test_compare_says_what_it_wrote(tmp_path, capsys, suffix):
    doc = _small_doc(tmp_path)
    target = tmp_path / f"对比{suffix}"
    assert cli.main(["compare", str(doc), str(REF), "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {target}\n"
    assert target.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["doc.txt", target.name])  # no temporary file


# -- 5. help texts and --top -------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["outline", "study", "keywords", "graph", "compare"])
def test_document_help_lists_every_encoding(command, capsys):
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for encoding in ("UTF-8", "GB18030", "Big5", ".docx", ".html"):
        assert encoding in text, (command, encoding)
    assert "Big5" in DOCUMENT_HELP


@pytest.mark.parametrize("bad", ["0", "-3"])
def test_keywords_top_out_of_range_is_plain(bad, capsys, tmp_path):
    assert cli.main(["keywords", str(tmp_path / "never-read.txt"), "--top", bad]) == 2  # before reading the file
    err = capsys.readouterr().err
    assert f"--top must be a whole number >= 1, got {bad}" in err
    assert "range" not in err and "inf" not in err


def test_keywords_top_not_a_number_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["keywords", str(REF), "--top", "2.5"])
    assert info.value.code == 2
    assert "argument --top: expected a whole number >= 1, got '2.5'" in capsys.readouterr().err


def test_keywords_top_error_is_still_an_invalid_parameter_error(tmp_path):
    from policytext.cli import keywords as keywords_cli

    parser = argparse.ArgumentParser(prog="policytext")
    keywords_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["keywords", str(REF), "--top", "0"])
    with pytest.raises(InvalidParameterError, match=r"^--top must be a whole number >= 1, got 0 "):
        args.func(args)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="*?[]abc./_-", min_size=1, max_size=12))
def test_no_files_error_is_always_an_input_error_naming_the_pattern(tmp_path, pattern):
    """Any pattern: a clear InputError (never a crash), which names the pattern given."""
    try:
        error = no_files_error(tmp_path, pattern)
    except ValueError:  # pathlib refuses some patterns (empty, absolute): that is its own message
        return
    assert isinstance(error, InputError) and repr(pattern) in str(error)


def test_timeline_drawings_accept_a_lexicon_alias(tmp_path):
    """plot_timeline / timeline_html read a name the frame lacks as the default lexicon's alias (人工智能+)."""
    import pandas as pd

    from policytext.render.timeline import plot_timeline, timeline_html
    from policytext.tokens.lexicon import Lexicon

    term = Lexicon.default().canonical("人工智能+")
    assert term != "人工智能+"  # the lexicon writes it with its quotes
    frame = pd.DataFrame({"term": [term, term], "period": ["2024-01", "2024-02"], "count": [1, 3],
                          "documents": [1, 2], "rate": [0.1, 0.3]})
    timeline_html(frame, tmp_path / "t.html", ["人工智能+"])
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert term in page or json.dumps(term)[1:-1] in page  # plotly may write it as \\u escapes
    plot_timeline(frame, tmp_path / "t.png", ["人工智能+"])
    assert (tmp_path / "t.png").stat().st_size > 0
    with pytest.raises(Exception, match="unknown value"):
        timeline_html(frame, tmp_path / "u.html", ["没有的词"])
