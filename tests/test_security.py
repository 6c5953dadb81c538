"""Security review of every entry point (issue 10).

* every HTML output escapes document text and user-lexicon text;
* nothing is written outside the output folder or file the user named;
* outputs are written atomically (a writer that fails or is interrupted
  midway leaves no partial target and no temporary file);
* no unpickling/unmarshalling of user-supplied files, no shared ``/tmp``
  names, no network access at run time.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import policytext as pt
from policytext import cli
from policytext.errors import InvalidParameterError, OutputError, PolicyTextWarning
from policytext.render import compare_report
from policytext.render.study_report import to_html, to_markdown, write_study

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "policytext"
REF = REPO / "corpora" / "reference_bianban_2022.txt"

INJECT = '<script>alert(1)</script>'
ATTR = '"><img src=x onerror=alert(2)>'
DOC = (f"一、总体要求{INJECT}\n要坚持机构编制刚性约束{INJECT}，推进高质量发展。要落实“七个一”{ATTR}活动。\n"
       f"二、任务{ATTR}\n要推进机构编制刚性约束，加强机构编制管理。要推进机构编制刚性约束。")


@pytest.fixture
def evil_lexicon(tmp_path):
    path = tmp_path / "evil.tsv"
    path.write_text("term\tcategory\texpansion\tnote\n"
                    f"机构编制刚性约束\tbianzhi\t{INJECT}|{ATTR}\t{INJECT}\n"
                    f"七个一\tnumbered\t<b>一</b>|<i>二</i>\tx{ATTR}\n", encoding="utf-8")
    return path


def _assert_escaped(page: str) -> None:
    low = page.lower()
    assert "<script" not in low and "<img" not in low and "<b>" not in low and "<i>" not in low
    assert "onerror=alert(2)>" not in page  # only in escaped form (&gt;)


def test_summary_html_and_markdown_escape_document_and_lexicon(evil_lexicon):
    tk = pt.Tokenizer(lexicon=evil_lexicon)
    s = pt.summarize(pt.load(DOC), pictures=False, tokenizer=tk)
    assert any(INJECT in f.expansion or ATTR in f.expansion for f in s.formulations)  # the payload is there …
    page = to_html(s)
    _assert_escaped(page)  # … but only escaped
    assert "&lt;script&gt;" in page
    md = to_markdown(s)
    assert "<script>" not in md and "\\<script\\>" in md


def test_comparison_html_escapes_document_and_lexicon(evil_lexicon):
    lex = pt.Lexicon.load(evil_lexicon)
    a = pt.load("要推进改革。")
    b = pt.load(DOC + DOC.replace("一、", "三、").replace("二、", "四、"), metadata={"name": f"b{INJECT}"})
    cmp = pt.compare(a, b, lexicon=lex, min_count=1)
    page = compare_report.to_html(cmp)
    _assert_escaped(page)
    assert "&lt;script&gt;" in page and "机构编制刚性约束" in page
    _assert_escaped(compare_report.to_html(cmp, full=False))
    md = compare_report.to_markdown(cmp)  # Markdown renderers pass raw HTML through: tags must be escaped there too
    assert "<script>" not in md and "\\<script\\>" in md


def test_graph_html_escapes_node_names_and_attributes(evil_lexicon):
    from policytext.render.graph import graph_html

    G = pt.cooccurrence(pt.load(DOC), tokenizer=pt.Tokenizer(lexicon=evil_lexicon))
    G.add_edge(INJECT, ATTR, count=1, weight=1.0, note=INJECT)
    G.nodes[INJECT]["count"] = 1
    G.nodes[ATTR]["count"] = 1
    page = graph_html(G, title=INJECT)
    _assert_escaped(page)
    assert page.count("&lt;script&gt;") >= 3


def test_study_cli_html_is_escaped(tmp_path, evil_lexicon, capsys):
    doc = tmp_path / "evil.txt"
    doc.write_text(DOC, encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["study", str(doc), "-o", str(out), "--format", "html,md", "--no-pictures",
                     "--lexicon", str(evil_lexicon)]) == 0
    _assert_escaped((out / "evil.html").read_text(encoding="utf-8"))


# -- outputs stay where the user said ------------------------------------------------------------

def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_summary_write_refuses_a_stem_with_a_folder_part(tmp_path):
    s = pt.summarize(pt.load("要坚持学习。"), pictures=False)
    out = tmp_path / "out"
    for stem in ("../escape", "/tmp/abs", "a/b", "", "a\\b", "x\x00y"):
        with pytest.raises(InvalidParameterError, match="stem"):
            write_study(s, out, formats=["md"], stem=stem)
    assert _files(tmp_path) == []


@pytest.mark.parametrize("name", ["...txt", "..docx.txt", "-o.txt", "a b;rm -rf x.txt", "报告(1).txt", ".hidden.txt"])
def test_cli_outputs_stay_in_the_named_folder(tmp_path, name, capsys):
    src = tmp_path / "src"
    src.mkdir()
    doc = src / name
    doc.write_text("一、要点\n要坚持学习，推进机构编制改革。\n二、任务\n要推进改革。", encoding="utf-8")
    (src / "normal.txt").write_text("要推进改革。", encoding="utf-8")  # the corpus glob skips dot-files, as a shell does
    out = tmp_path / "out"
    assert cli.main(["study", str(doc), "-o", str(out), "--format", "md,html", "--no-pictures"]) == 0
    stem = Path(name).stem
    assert _files(tmp_path) == sorted([f"src/{name}", "src/normal.txt", f"out/{stem}.html", f"out/{stem}.md"])
    assert cli.main(["graph", str(doc), "-o", str(out / "g.gexf")]) == 0
    assert cli.main(["compare", str(doc), str(doc), "-o", str(out / "c.html")]) == 0
    assert cli.main(["corpus", str(src), "-o", str(out / "t.csv"), "--processes", "1", "--pattern", "*"]) == 0
    assert _files(tmp_path) == sorted([f"src/{name}", "src/normal.txt", f"out/{stem}.html", f"out/{stem}.md", "out/g.gexf",
                                       "out/c.html", "out/t.csv", "out/t.metadata.csv"])


def test_study_with_pictures_writes_only_into_the_folder(tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["study", str(REF), "-o", str(out), "--format", "md"]) == 0
    assert _files(tmp_path) == ["out/images/graph.png", "out/images/wordcloud.png",
                                "out/reference_bianban_2022.md"]


# -- atomic writes ------------------------------------------------------------------------------------

class Boom(Exception):
    pass


def _half_then_raise(exc: type[BaseException]):
    def write(self, data, *args, **kwargs):  # a writer that dies midway through the file
        target = Path(self)
        with open(target, "wb" if isinstance(data, bytes) else "w") as fh:
            fh.write(data[: len(data) // 2])
        raise exc("interrupted")
    return write


@pytest.mark.parametrize("exc", [Boom, KeyboardInterrupt, OSError])
def test_writers_leave_no_partial_file(tmp_path, monkeypatch, exc):
    doc = pt.load(REF)
    summary = pt.summarize(doc, pictures=False)
    cmp = pt.compare(doc, doc)
    G = pt.cooccurrence(doc, top=20)
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.html").write_text("OLD", encoding="utf-8")  # an earlier report must survive a failed rewrite
    monkeypatch.setattr(Path, "write_bytes", _half_then_raise(exc))
    monkeypatch.setattr(Path, "write_text", _half_then_raise(exc))
    expected = OutputError if exc is OSError else exc
    from policytext.render.graph import graph_html

    calls = [
        lambda: write_study(summary, out, formats=["md"], stem="s"),
        lambda: write_study(summary, out, formats=["html"], stem="old"),
        lambda: compare_report.write_comparison(cmp, out / "old.html"),
        lambda: compare_report.write_comparison(cmp, out / "c.md"),
        lambda: graph_html(G, out / "old.html"),
    ]
    for call in calls:
        with pytest.raises(expected):
            call()
    monkeypatch.undo()
    assert _files(out) == ["old.html"] and (out / "old.html").read_text(encoding="utf-8") == "OLD"


def test_docx_graph_and_table_writers_leave_no_partial_file(tmp_path, monkeypatch):
    import docx.document
    import pandas as pd

    from policytext.render.tables import to_csv, to_parquet

    doc = pt.load(REF)
    summary = pt.summarize(doc, pictures=False)
    out = tmp_path / "out"
    out.mkdir()

    def half(path_arg_index):
        def f(*args, **kwargs):
            target = args[path_arg_index]
            if hasattr(target, "write"):
                target.write(b"<partial")
            else:
                Path(target).write_bytes(b"partial")
            raise KeyboardInterrupt
        return f

    monkeypatch.setattr(docx.document.Document, "save", half(1))
    from networkx.readwrite.gexf import GEXFWriter

    monkeypatch.setattr(GEXFWriter, "write", half(1))  # what write_graph's GEXF writer calls
    monkeypatch.setattr(pd.DataFrame, "to_csv", half(1))
    monkeypatch.setattr(pd.DataFrame, "to_parquet", half(1))
    frame = pd.DataFrame({"a": [1]})
    for call in (lambda: write_study(summary, out, formats=["docx"], stem="s"),
                 lambda: pt.write_graph(pt.cooccurrence(doc, top=10), out / "g.gexf"),
                 lambda: to_csv(frame, out / "t.csv"),
                 lambda: to_parquet(frame, out / "t.parquet")):
        with pytest.raises(KeyboardInterrupt):
            call()
    assert _files(out) == []


# -- no unpickling, no shared /tmp names, no network -------------------------------------------------

_SOURCES = {p.relative_to(PACKAGE).as_posix(): p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def test_sources_cover_the_package():
    """The scans below read every module of every layer, not only the top folder."""
    assert len(_SOURCES) >= 30 and any("/" in name for name in _SOURCES)


def test_no_unpickling_or_code_loading_of_user_files():
    banned = re.compile(r"\b(pickle\.loads?|cPickle|marshal\.loads?|joblib\.load|dill\.loads?|read_pickle|"
                        r"yaml\.load\(|yaml\.unsafe_load|torch\.load|allow_pickle\s*=\s*True|eval\(|exec\(|"
                        r"shelve\.open|__import__\()")
    hits = [(name, m.group(0)) for name, src in _SOURCES.items() for m in banned.finditer(src)]
    assert hits == []
    # pickle is used to *check* that a user function can be sent to worker processes, never to load anything
    pickled = [(name, ln.strip()) for name, src in _SOURCES.items() for ln in src.splitlines() if "pickle." in ln]
    assert [ln for _, ln in pickled] == ["pickle.dumps(fn)"] and pickled[0][0].startswith("corpus/")


def test_tempfile_uses_are_private():
    """Every temporary file is mkstemp/mkdtemp/TemporaryDirectory (unique, O_EXCL, 0600/0700), never a fixed /tmp name."""
    uses = [(name, m.group(0)) for name, src in _SOURCES.items()
            for m in re.finditer(r"tempfile\.\w+|gettempdir|/tmp/|/var/tmp", src)]
    allowed = {"tempfile.mkstemp", "tempfile.mkdtemp", "tempfile.TemporaryDirectory"}
    assert uses and {u for _, u in uses} <= allowed, uses
    # predictable names next to outputs are gone: every atomic writer goes through mkstemp
    for name, src in _SOURCES.items():
        assert not re.search(r"getpid\(\)\}?\.tmp", src), name


def test_jieba_cache_lives_in_a_private_folder(tmp_path, monkeypatch):
    from policytext.tokens.backends import private_cache_dir

    private = tmp_path / "cache"
    monkeypatch.setenv("POLICYTEXT_CACHE", str(private))
    private_cache_dir.cache_clear()
    try:
        assert private_cache_dir() == private
        assert stat.S_IMODE(private.stat().st_mode) == 0o700
        shared = tmp_path / "shared"
        shared.mkdir()
        shared.chmod(0o777)
        monkeypatch.setenv("POLICYTEXT_CACHE", str(shared))
        private_cache_dir.cache_clear()
        with pytest.warns(PolicyTextWarning, match="not private"):
            used = private_cache_dir()
        assert used != shared and stat.S_IMODE(used.stat().st_mode) == 0o700
        assert not str(used).startswith(str(shared))
    finally:
        private_cache_dir.cache_clear()


_NO_NETWORK = """
import socket, sys
def _blocked(*a, **k):
    raise OSError("network access attempted")
class _NoSocket(socket.socket):  # a subclass, so that modules subclassing socket.socket still import
    def __init__(self, *a, **k):
        _blocked()
socket.socket = _NoSocket
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
socket.socketpair = _blocked
from policytext.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_main_job_runs_without_network(tmp_path):
    out = tmp_path / "study"
    env = {**os.environ, "POLICYTEXT_CACHE": str(tmp_path / "cache"), "MPLCONFIGDIR": str(tmp_path / "mpl")}
    res = subprocess.run([sys.executable, "-c", _NO_NETWORK, "study", "corpora/reference_bianban_2022.txt", "-o", str(out)],
                         cwd=str(REPO), capture_output=True, text=True, timeout=600, env=env)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "network access attempted" not in res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["images", "reference_bianban_2022.docx",
                                                      "reference_bianban_2022.html", "reference_bianban_2022.md"]


def test_write_idf_is_atomic(tmp_path):
    from policytext.analysis.keyterms import write_idf

    class Interrupting(float):
        def __format__(self, spec: str) -> str:
            raise KeyboardInterrupt

    path = tmp_path / "idf.tsv"
    path.write_text("term\tidf\tdf\n旧\t1.0000\t1\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        write_idf({"改革": (1.0, 3), "编制": (Interrupting(2.0), 1)}, path)
    assert path.read_text(encoding="utf-8") == "term\tidf\tdf\n旧\t1.0000\t1\n"
    assert _files(tmp_path) == ["idf.tsv"]
