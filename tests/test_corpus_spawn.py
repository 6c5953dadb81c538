"""Issue 18, item 8: ``processes=2`` from a script the spawned workers cannot re-run fails at once, never hangs.

Workers are started with ``spawn``, which runs the main script again in every
worker. A script without an ``if __name__ == "__main__":`` guard, or piped to
``python -``, used to hang forever (the 180 KB tokenizer filled the spawn pipe
of a worker that had died while starting, CPython gh-118981). Now the call is
refused before any process starts, with the guard named, and what travels
through the spawn pipe is small, so a worker that dies while starting for
another reason breaks the pool at once. The scripts run in subprocesses with
a timeout: a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import multiprocessing.reduction
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

import policytext as pt
from policytext.corpus import _spawn
from policytext.corpus.corpus import Corpus
from policytext.errors import InvalidParameterError

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 180  # seconds; the calls below take about a second when nothing hangs

_HEAD = """\
import multiprocessing
import sys
import policytext as pt
multiprocessing.set_start_method("spawn", force=True)
TEXTS = ["要坚持党的全面领导，深化党和国家机构改革。", "要推进机构编制法定化。", "要学习。", "要落实。"]
"""
UNGUARDED = _HEAD + "tf = pt.Corpus(TEXTS).term_frequencies(processes=2)\nprint('shape', tf.shape)\n"
GUARDED = _HEAD + textwrap.dedent("""
    def main():
        tf = pt.Corpus(TEXTS).term_frequencies(processes=2)
        print("shape", tf.shape)

    if __name__ == "__main__":
        main()
""")
#: A guarded script whose workers die while starting; the custom lexicon makes the tokenizer non-default.
DIES = _HEAD + textwrap.dedent("""
    if __name__ == "__mp_main__":
        sys.exit("worker refuses to start")
    if __name__ == "__main__":
        lexicon = pt.Lexicon.default().merge(pt.Lexicon.from_entries([("数字编办", "bianzhi")]))
        for tokenizer in (None, pt.Tokenizer(lexicon)):
            try:
                pt.Corpus(TEXTS, tokenizer=tokenizer).term_frequencies(processes=2)
            except Exception as exc:
                print("raised", type(exc).__name__, "|", exc)
""")


def _run(tmp_path: Path, source: str, *, stdin: bool = False) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "script.py"
    script.write_text(source, encoding="utf-8")
    argv = [sys.executable, "-"] if stdin else [sys.executable, str(script)]
    try:
        return subprocess.run(argv, input=source if stdin else None, capture_output=True, text=True,
                              timeout=TIMEOUT, cwd=str(tmp_path))
    except subprocess.TimeoutExpired:
        pytest.fail(f"the script hung (no answer in {TIMEOUT} s)")


def test_unguarded_script_fails_at_once_naming_the_guard(tmp_path):
    proc = _run(tmp_path, UNGUARDED)
    assert proc.returncode == 1 and "shape" not in proc.stdout
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("policytext.errors.InvalidParameterError: processes=2 was asked for at the top level")
    assert 'outside an `if __name__ == "__main__":` block' in last
    assert f"{tmp_path / 'script.py'}, line 6: tf = pt.Corpus(TEXTS).term_frequencies(processes=2)" in last
    assert proc.stderr.count("Traceback") == 1  # the parent's own: no worker was started to fail in turn


def test_script_piped_to_python_dash_fails_at_once(tmp_path):
    proc = _run(tmp_path, GUARDED, stdin=True)
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert "the script is not a file (<stdin>: read from standard input, as with `python -`?)" in last
    assert 'if __name__ == "__main__":' in last


def test_guarded_script_runs_on_processes(tmp_path):
    proc = _run(tmp_path, GUARDED)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "shape (4, 4)"


def test_worker_that_dies_while_starting_breaks_the_pool_at_once(tmp_path):
    """Was a hang: the parent blocked writing the 180 KB tokenizer into a dead worker's spawn pipe."""
    proc = _run(tmp_path, DIES)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert len(lines) == 2 and all(line.startswith("raised BrokenProcessPool | a worker process exited while "
                                                   "starting") for line in lines), lines
    assert "worker refuses to start" in proc.stderr


def test_spawn_pipe_carries_no_tokenizer(monkeypatch):
    """Bytes written to each worker's spawn pipe for the process object: about 1 KB, with any tokenizer."""
    sizes: list[int] = []
    dump = multiprocessing.reduction.dump

    def measuring_dump(obj, file, protocol=None):
        start = file.tell()
        dump(obj, file, protocol)
        sizes.append(file.tell() - start)

    monkeypatch.setattr(multiprocessing.reduction, "dump", measuring_dump)
    lexicon = pt.Lexicon.default().merge(pt.Lexicon.from_entries([("数字编办", "bianzhi")]))
    corpus = Corpus(["要推进数字编办建设。", "要落实。"], tokenizer=pt.Tokenizer(lexicon))
    tf = corpus.term_frequencies(processes=2)
    assert int(tf.loc["doc0", "数字编办"]) == 1  # the workers used the custom lexicon
    assert len(sizes) == 4  # preparation data and process object, for two workers
    print(f"\nbytes written to each spawn pipe: {sizes}")
    assert max(sizes) < 8192  # the tokenizer alone pickles to about 180 KB


# -- the check itself, on simulated main modules ------------------------------------------------------------


def _as_main(monkeypatch, tmp_path: Path, source: str, *, file: str | None = "script.py",
             spec: str | None = None) -> types.ModuleType:
    """Run ``source`` as the top level of a fake ``__main__`` (its code calls ``check(...)``)."""
    main = types.ModuleType("__main__")
    if file is not None:
        path = tmp_path / file
        path.write_text(source, encoding="utf-8")
        main.__file__ = str(path) if file != "<stdin>" else "<stdin>"
    main.__spec__ = types.SimpleNamespace(name=spec) if spec else None  # type: ignore[assignment]
    main.check = _spawn.check_main_module  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "__main__", main)
    code = compile(source, main.__dict__.get("__file__", "<stdin>"), "exec")
    exec(code, main.__dict__)
    return main


@pytest.mark.parametrize("source", [
    'if __name__ == "__main__":\n    check(2)\n',
    "if '__main__' == __name__:\n    x = 1\n    check('auto')\n",
    'def main():\n    check(2)\n\nif __name__ == "__main__":\n    try:\n        main()\n    finally:\n        pass\n',
    'if __name__ != "__main__":\n    pass\nelse:\n    check(2)\n',
])
def test_guarded_calls_pass(monkeypatch, tmp_path, source):
    _as_main(monkeypatch, tmp_path, source)


@pytest.mark.parametrize("source, line", [
    ("check(2)\n", 1),
    ('import os\nif __name__ != "__main__":\n    pass\ncheck(2)\n', 4),
    ("if True:\n    check(2)\n", 2),
    ('if __name__ == "__main__" or True:\n    check(2)\n', 2),
    ("def main():\n    check(2)\n\nmain()\n", 4),
])
def test_unguarded_calls_are_refused(monkeypatch, tmp_path, source, line):
    with pytest.raises(InvalidParameterError, match=f"script.py, line {line}: .*outside an `if __name__"):
        _as_main(monkeypatch, tmp_path, source)


def test_main_modules_the_workers_do_not_rerun(monkeypatch, tmp_path):
    _as_main(monkeypatch, tmp_path, "check(2)\n", file=None)  # REPL, python -c, notebooks
    _as_main(monkeypatch, tmp_path, "check(2)\n", spec="tool.__main__")  # python -m tool (a package)
    with pytest.raises(InvalidParameterError, match="top level"):
        _as_main(monkeypatch, tmp_path, "check(2)\n", spec="tool")  # python -m tool (a module): re-run
    with pytest.raises(InvalidParameterError, match="not a file"):
        _as_main(monkeypatch, tmp_path, 'if __name__ == "__main__":\n    check(2)\n', file="<stdin>")


def test_calls_after_the_script_ran_pass(monkeypatch, tmp_path):
    main = _as_main(monkeypatch, tmp_path, "def later():\n    check(2)\n")
    main.later()  # e.g. an atexit handler or a callback: no top-level frame of the script is running


def test_serial_and_single_document_runs_are_not_checked(monkeypatch, tmp_path):
    main = types.ModuleType("__main__")
    main.__file__ = "<stdin>"
    monkeypatch.setitem(sys.modules, "__main__", main)
    assert Corpus(["要学习。", "要落实。"]).map(len) == {"doc0": 4, "doc1": 4}
    assert Corpus(["要学习。"]).map(len, processes=2) == {"doc0": 4}  # one document: no workers
    with pytest.raises(InvalidParameterError, match="not a file"):
        Corpus(["要学习。", "要落实。"]).map(len, processes=2)
