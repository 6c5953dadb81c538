"""The parser's fast paths give exactly what the plain definitions give (issue 15: parsing under 0.1x jieba).

Each fast path in ``normalize``, ``split_sentences`` and the building of sentences is checked against the
straightforward formulation it replaced (kept here as the reference), on random text made of the characters
that matter (quotes, brackets, end marks, dashes, masks, spaces, controls, surrogates).
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext.text.normalize as tn
import policytext.text.structure as ts
from policytext.text._task_shapes import RE_TASK_MODAL, modal_matches
from policytext.text.document import Paragraph, Sentence, new_paragraph, new_sentence

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- references: the formulations the fast paths replaced ------------------------------------------

_RE_EVENTS_PLAIN = re.compile(r"[“‘《（(〈”’》）)〉]|[。！？!?]+|…{2,}$|……(?=[”’])")
_RE_TRANSLATE_PLAIN = re.compile("[" + "".join(map(chr, sorted(set(tn._TABLE) - set(tn._SURROGATES)))) + "]+")
_RE_SURROGATE = re.compile("[\ud800-\udfff]")


def _normalize_plain(text: str) -> str:
    """``normalize`` as one regex pass per step over the whole text."""
    text = _RE_TRANSLATE_PLAIN.sub(lambda m: m.group(0).translate(tn._TABLE), text)
    text = _RE_SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = tn.RE_STRAIGHT_QUOTES.sub(r"“\1”", text)
    if "--" in text or "－" in text or "—" in text or "–" in text or "─" in text:
        text = tn.RE_DASH.sub(tn._dash, text)
    text = tn._RE_MASK_RUN.sub(tn._mask_run, text)
    lines = text.split("\n")
    stripped = [ln.strip() for ln in lines]
    if tn.looks_hard_wrapped(stripped):
        lines = tn.unwrap_lines(lines)
    text = tn.RE_SPACES.sub(tn._space_run, "\n".join(lines))
    return "\n".join(line for line in (ln.strip() for ln in text.split("\n")) if line)


def _split_plain(line: str) -> list[tuple[int, int]]:
    """``split_sentences`` with the plain event pattern, and blank spans dropped."""
    saved = ts._RE_EVENTS
    ts._RE_EVENTS = _RE_EVENTS_PLAIN
    try:
        spans = ts.split_sentences(line)
    finally:
        ts._RE_EVENTS = saved
    return [(a, b) for a, b in spans if line[a:b].strip()]


# -- strategies ---------------------------------------------------------------------------------------

_MARKS = list("“‘《（(〈”’》）)〉。！？!?…") + ["……", "。”", "！’"]
_NORM = list("－—–─-*＊×✕╳XＸ \t\f\v\n\r\"“「」『』　Ａ１a中。，\u200b\u2015\x00\x85\ud800\udfff\ufeff")
_sentence_line = st.lists(st.sampled_from(_MARKS + list("要学习 　a")), max_size=30).map("".join)
_raw_text = st.lists(st.sampled_from(_NORM + ["--", "  ", "××", "XX", "——"]), max_size=60).map("".join)
_wrapped_text = st.lists(
    st.tuples(st.integers(8, 16), st.sampled_from(["", "  ", "一、", "（二）"]), st.sampled_from(["", "。", "，"])),
    min_size=4, max_size=14).map(
        lambda rows: "\n".join(pre + "机构编制" * (n // 4) + "法定化"[: n % 4] + end for n, pre, end in rows))


@SETTINGS
@given(_sentence_line)
def test_event_pattern_finds_what_the_plain_alternation_finds(line):
    assert [m.span() for m in ts._RE_EVENTS.finditer(line)] == [m.span() for m in _RE_EVENTS_PLAIN.finditer(line)]


@SETTINGS
@given(_sentence_line)
def test_split_sentences_as_the_plain_rule_and_no_span_is_blank(line):
    spans = ts.split_sentences(line)
    assert spans == _split_plain(line)
    assert all(line[a:b].strip() for a, b in spans)
    assert all(b == a2 for (_, b), (a2, _) in zip(spans, spans[1:]))  # consecutive: each starts where one ends


@SETTINGS
@given(_raw_text)
def test_normalize_as_one_pass_per_step(text):
    assert tn.normalize(text) == _normalize_plain(text)


@SETTINGS
@given(_wrapped_text)
def test_normalize_of_hard_wrapped_text_as_one_pass_per_step(text):
    assert tn.normalize(text) == _normalize_plain(text)


@SETTINGS
@given(_raw_text)
def test_substitution_at_found_starts_is_the_whole_text_substitution(text):
    assert tn._sub_at(tn.RE_DASH, tn._dash, text, tn._DASH_CHARS) == tn.RE_DASH.sub(tn._dash, text)
    assert tn._sub_at(tn._RE_MASK_RUN, tn._mask_run, text, tn._MASK_CHARS) == tn._RE_MASK_RUN.sub(tn._mask_run, text)
    assert tn._sub_at(tn.RE_SPACES, tn._space_run, text, tn._SPACE_STARTS, back=" \t\f\v") == \
        tn.RE_SPACES.sub(tn._space_run, text)


def test_translate_pattern_takes_lone_surrogates_and_whole_runs():
    text = "甲\ud800乙　\u3000ＡＢ\x00丙"
    assert [m.group(0) for m in tn._RE_TRANSLATE.finditer(text)] == ["\ud800", "　\u3000ＡＢ\x00"]
    assert tn.normalize(text) == "甲\ufffd乙 AB丙"


@SETTINGS
@given(st.integers(0, 5), st.integers(0, 5), st.integers(0, 99), st.sampled_from([None, "要", "lead:推进"]))
def test_fast_sentence_and_paragraph_are_the_constructed_ones(a, n, index, task):
    src = "一、学习。要学习。要落实。"
    s, ref = new_sentence(src, a, a + n, index, 2, (1, 2), task, None), Sentence(src, a, a + n, index, 2, (1, 2),
                                                                                  task, None, _base=0)
    assert s.__getstate__() == ref.__getstate__() and s.text == ref.text and type(s) is Sentence
    p, pref = new_paragraph(src, a, a + n, index, (1,), True), Paragraph(src, a, a + n, index, (1,), True, _base=0)
    assert p.__getstate__() == pref.__getstate__() and repr(p) == repr(pref)


def _han_script_plain(text: str) -> tuple[str | None, int, int]:
    """``han_script`` encoding every distinct character of the text again."""
    from collections import Counter

    trad = simp = 0
    for ch, n in Counter(text).items():
        if "\u4e00" <= ch <= "\u9fff":
            in_gb, in_big5 = tn._encodable(ch, "gb2312"), tn._encodable(ch, "big5")
            trad += n if in_big5 and not in_gb else 0
            simp += n if in_gb and not in_big5 else 0
    if trad + simp == 0:
        return None, 0, 0
    share = trad / (trad + simp)
    if trad >= tn.MIN_TRADITIONAL_CHARS and share >= 0.2:
        return ("traditional" if share >= 0.5 else "mixed"), trad, simp
    return "simplified", trad, simp


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(list("黨國機構編製領導党国机构编制领导中人要。a")),
                          st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)), max_size=40).map("".join))
def test_han_script_with_known_characters_as_encoding_each(text):
    assert tn.han_script(text) == _han_script_plain(text)
    assert tn.han_script(text) == _han_script_plain(text)  # (the second time from the characters already seen)


# -- the fast paths of session 6: full stops found with str.find, modal places found before the pattern ----------

_full_stop_line = st.text(st.sampled_from(list("。。要”’」』）)“，a 工作")), max_size=30)


@SETTINGS
@given(_full_stop_line.filter(lambda t: not any(c in t for c in "！？!?…")))
def test_full_stops_found_with_find_as_the_end_pattern_splits(line):
    spans, start = [], 0
    for m in ts._RE_END_ONLY.finditer(line):
        spans.append((start, m.end()))
        start = m.end()
    fast: list[tuple[int, int]] = []
    assert ts._split_at_full_stops(line, fast) == start and fast == spans


_modal_chars = sorted({c for c in RE_TASK_MODAL.pattern if "\u4e00" <= c <= "\u9fff"} | set("，；的了"))


@SETTINGS
@given(st.text(st.sampled_from(_modal_chars), max_size=16))
def test_modal_matches_are_those_of_the_pattern_tried_at_every_offset(text):
    found, i = [], 0
    while i < len(text):
        m = RE_TASK_MODAL.match(text, i)
        if m:
            found.append(m.span())
        i = m.end() if m and m.end() > i else i + 1
    assert [m.span() for m in modal_matches(text)] == found
