"""The environment a user runs in (issue 18, items 7 and 12): an unusable cache folder (read-only home,
``POLICYTEXT_CACHE`` naming a file), file names that are not UTF-8, and the test command's skip reasons.

Each runs the real command line in a subprocess, as a user does.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
REF = REPO / "corpora" / "reference_bianban_2022.txt"
SMALL = ("关于加强学习的通知\n\n一、总体要求\n要坚持学习党的二十大精神，推进机构编制工作。要优化编制资源配置。\n"
         "二、主要任务\n要深化机构改革，推进机构编制法定化。要加强实名制管理，推进机构编制工作高质量发展。\n")
#: A GBK file name (关于印发通知.txt from a zip made on Chinese Windows): not UTF-8, so a str with lone
#: surrogates on Linux.
GBK_STEM = os.fsdecode("关于印发通知".encode("gbk"))


def cli(*args: object, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m policytext.cli ARGS`` with a strict UTF-8 stdout (as in a UTF-8 terminal)."""
    base = {k: v for k, v in os.environ.items() if k not in ("POLICYTEXT_CACHE", "XDG_CACHE_HOME")}
    base["PYTHONIOENCODING"] = "utf-8"  # errors='strict': printing a lone surrogate fails, as for users
    base.update(env or {})
    return subprocess.run([sys.executable, "-m", "policytext.cli", *map(os.fsencode, map(str, args))],
                          capture_output=True, timeout=600, env=base, cwd=cwd)


def text(b: bytes) -> str:
    return b.decode("utf-8", "backslashreplace")


# -- item 12: a cache folder that cannot be used ---------------------------------------------------------


def _read_only_home(tmp_path: Path) -> Path:
    """A home folder nobody can create folders in (chmod 0555; as root, whom modes do not stop, /sys)."""
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o555)
    try:
        (home / ".probe").mkdir()
    except OSError:
        return home
    (home / ".probe").rmdir()
    home.chmod(0o755)
    sysfs = Path("/sys")  # a read-only file system for folders, even for root
    try:
        (sysfs / ".cache").mkdir()
    except OSError:
        if not (sysfs / ".cache").exists():
            return sysfs
    pytest.skip("no read-only folder available (running as root without /sys)")


def _broken_caches(tmp_path: Path) -> dict[str, tuple[dict[str, str], str]]:
    cache_file = tmp_path / "cache-is-a-file"
    cache_file.write_text("not a folder", encoding="utf-8")
    home = _read_only_home(tmp_path)
    return {
        "read-only-home": ({"HOME": str(home)}, f"cannot create the cache folder {home}/.cache/policytext ("),
        "cache-names-a-file": ({"POLICYTEXT_CACHE": str(cache_file)},
                               f"the cache folder {cache_file} is not a folder; using "),
    }


COMMANDS = {
    "keywords": lambda doc, out: ["keywords", doc, "--top", "5"],
    "classify": lambda doc, out: ["classify", doc],
    "graph": lambda doc, out: ["graph", doc, "-o", out / "g.gexf"],
    "study": lambda doc, out: ["study", doc, "-o", out, "--format", "md", "--no-pictures"],
    "compare": lambda doc, out: ["compare", REF, doc],
}


@pytest.mark.parametrize("case", ["read-only-home", "cache-names-a-file"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unusable_cache_folder_falls_back_with_a_warning(command, case, tmp_path):
    env, reason = _broken_caches(tmp_path)[case]
    doc = tmp_path / "doc.txt"
    doc.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    res = cli(*COMMANDS[command](doc, out), env=env)
    stderr = text(res.stderr)
    assert res.returncode == 0, stderr
    assert "Traceback" not in stderr
    warnings = [line for line in stderr.splitlines() if line.startswith("policytext: warning:")]
    assert len(warnings) == 1 and reason in warnings[0], stderr
    used = re.search(r"using (\S+) for this process", warnings[0])
    assert used and not Path(used.group(1)).exists()  # the private temporary folder is removed at exit
    if command == "keywords":  # the same result as with a working cache
        assert res.stdout == cli(*COMMANDS[command](doc, out)).stdout


def test_cache_folder_that_is_not_writable(tmp_path, monkeypatch):
    """An existing cache folder the user cannot write to (a read-only home mounted with its cache)."""
    import stat

    from policytext.errors import PolicyTextWarning
    from policytext.tokens import backends

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("POLICYTEXT_CACHE", str(cache))
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **k: False if Path(p) == cache else real_access(p, mode, **k))
    backends.private_cache_dir.cache_clear()
    try:
        with pytest.warns(PolicyTextWarning, match=f"the cache folder {re.escape(str(cache))} is not writable"):
            used = backends.private_cache_dir()
        assert used != cache and stat.S_IMODE(used.stat().st_mode) == 0o700
        monkeypatch.undo()
        monkeypatch.setenv("POLICYTEXT_CACHE", str(cache / "a" / "b"))
        backends.private_cache_dir.cache_clear()
        assert backends.private_cache_dir() == cache / "a" / "b"  # a usable folder: no warning, made 0700
        assert stat.S_IMODE((cache / "a" / "b").stat().st_mode) == 0o700
    finally:
        backends.private_cache_dir.cache_clear()


# -- item 12: file names that are not UTF-8 -----------------------------------------------------------


@pytest.fixture
def gbk_named(tmp_path: Path) -> Path:
    """``关于印发通知.txt`` with its name in GBK bytes (os.fsencode round-trips the str)."""
    path = tmp_path / f"{GBK_STEM}.txt"
    path.write_bytes(REF.read_bytes())
    assert os.fsencode(path.name) == "关于印发通知".encode("gbk") + b".txt"
    return path


SHOWN = r"\xb9\xd8\xd3\xda"  # how the undecodable bytes of the name are printed


@pytest.mark.parametrize("command", ["outline", "keywords", "classify", "graph"])
def test_reading_commands_take_non_utf8_names(command, gbk_named):
    res = cli(command, gbk_named)
    assert res.returncode == 0 and b"Traceback" not in res.stderr, text(res.stderr)
    assert res.stdout.decode("utf-8")  # strict UTF-8 output


def test_study_with_a_non_utf8_name(gbk_named, tmp_path):
    out = tmp_path / "out"
    res = cli("study", gbk_named, "-o", out)
    stdout, stderr = text(res.stdout), text(res.stderr)
    assert res.returncode == 0 and "Traceback" not in stderr, stderr
    res.stdout.decode("utf-8")
    # the outputs keep the input's name (its bytes); what is printed shows the undecodable bytes as \xNN
    names = [os.fsencode(f"{GBK_STEM}.{s}") for s in ("docx", "html", "md")]
    assert sorted(os.listdir(os.fsencode(out))) == sorted([*names, b"images"])
    assert f"md: {out}/{SHOWN}" in stdout and f"docx: {out}/{SHOWN}" in stdout
    # the reports name the document readably: the GBK name decoded
    md = (out / f"{GBK_STEM}.md").read_text(encoding="utf-8")
    assert md.startswith("# 关于印发通知 学习提纲")
    assert "关于印发通知" in (out / f"{GBK_STEM}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".html", ".md", ".docx"])
def test_compare_report_with_non_utf8_names(suffix, gbk_named, tmp_path):
    report = tmp_path / f"{GBK_STEM}-对比{suffix}"
    res = cli("compare", gbk_named, REF, "-o", report)
    assert res.returncode == 0 and b"Traceback" not in res.stderr, text(res.stderr)
    assert report.stat().st_size > 0
    if suffix != ".docx":
        assert "关于印发通知" in report.read_text(encoding="utf-8")


def test_compare_prints_non_utf8_names(gbk_named):
    res = cli("compare", gbk_named, REF)
    assert res.returncode == 0 and b"Traceback" not in res.stderr, text(res.stderr)
    assert "关于印发通知" in res.stdout.decode("utf-8")


def test_graph_writes_to_non_utf8_names(gbk_named, tmp_path):
    out = tmp_path / f"{GBK_STEM}.gexf"
    res = cli("graph", gbk_named, "-o", out)
    assert res.returncode == 0 and b"Traceback" not in res.stderr, text(res.stderr)
    assert out.is_file() and text(res.stdout).startswith(f"wrote {tmp_path}/{SHOWN}")


def test_errors_name_non_utf8_files(gbk_named, tmp_path):
    empty = tmp_path / f"{GBK_STEM}-empty.txt"
    empty.write_bytes(b"")
    res = cli("keywords", empty)
    assert res.returncode == 1 and b"Traceback" not in res.stderr
    assert text(res.stderr).startswith("policytext: error: ") and SHOWN in text(res.stderr)
    folder = tmp_path / GBK_STEM
    folder.mkdir()
    res = cli("study", folder)
    assert res.returncode == 1 and b"Traceback" not in res.stderr
    assert f"run: policytext corpus '{tmp_path}/{SHOWN}" in text(res.stderr)


def test_printable_path_and_file_label():
    from policytext._files import file_label, printable_path

    name = f"{GBK_STEM}.txt"
    assert printable_path(name).encode("utf-8") and printable_path(name).startswith(SHOWN)
    assert file_label(f"/some/{name}") == "关于印发通知"
    assert file_label(os.fsdecode(b"\xff\xfe-report.md")) == r"\xff\xfe-report"  # not GB18030 either
    assert printable_path("a\ud800b") == r"a\ud800b"  # a surrogate no byte made
    assert printable_path(Path("通知.txt")) == "通知.txt" and file_label(b"x/\xe9\x80\x9a.txt") == "通"


# -- item 7: the test command prints skip reasons -------------------------------------------------------


def test_test_command_prints_skip_reasons(tmp_path):
    """The README's ``python -m pytest -q`` (with the project's setup.cfg) lists why each test skipped."""
    (tmp_path / "test_x.py").write_text(
        "import pytest\n\ndef test_needs_office():\n    pytest.skip('LibreOffice (soffice) not installed')\n"
        "\ndef test_fails():\n    assert 1 == 2\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-c", str(REPO / "setup.cfg"),
                          "--rootdir", str(tmp_path), "test_x.py"], capture_output=True, text=True, cwd=tmp_path,
                         timeout=300)
    assert "SKIPPED [1] test_x.py:4: LibreOffice (soffice) not installed" in res.stdout, res.stdout
    assert "FAILED test_x.py::test_fails" in res.stdout  # the failures are still listed
