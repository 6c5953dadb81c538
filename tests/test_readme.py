"""The README's tour is executed, block by block, in one namespace."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    for marker in ("main-command", "test-command"):
        block = re.search(rf"<!-- {marker} -->\s*```\n(.+?)\n```\s*<!-- /{marker} -->", text, flags=re.S)
        assert block and block.group(1).strip(), marker
    assert "policytext study corpora/reference_bianban_2022.txt" in text
    assert "pytest" in text


def test_readme_tour_runs(capsys):
    blocks = _blocks()
    assert len(blocks) >= 4
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)  # our own README
    out = capsys.readouterr().out
    assert "'四个意识'" in out and "'“三定”规定'" in out and "'七个一'" in out
    assert "两个维护" not in out.split("'安排'")[1].split("\n")[0]
    assert "新质生产力" in out
