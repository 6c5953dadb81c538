"""Hard-wrapped text that never ends a sentence loads in linear time (issue 18, item 13)."""

from __future__ import annotations

import time

import policytext as pt
from policytext.text.normalize import looks_hard_wrapped

LINE = "要坚持党管机构编制原则深化机构改革推进机构编制法定化提高机构编制资"  # 30 characters, no sentence end


def _wrapped(n_bytes: int) -> str:
    return "\n".join(LINE for _ in range(n_bytes // len(LINE.encode())))


def _best_time(text: str, runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        doc = pt.load(text)
        best = min(best, time.perf_counter() - t0)
    assert len(doc.paragraphs) == 1 and doc.text == LINE * (len(text) // (len(LINE) + 1) + 1)
    return best


def test_hard_wrapped_text_without_sentence_ends_loads_in_linear_time():
    small, large = _wrapped(1 << 20), _wrapped(4 << 20)
    assert looks_hard_wrapped(small.split("\n")[:100])
    ratio = _best_time(large) / _best_time(small)
    # linear: about 4; the quadratic join it replaces gave 15 or more (12 MB took 32 s)
    assert ratio < 8, ratio
