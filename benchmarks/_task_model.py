"""The learned task model, measured and not shipped: a weight table over the sentence's text and the rules' evidence
(issue 15 item 6; sessions 6 and 7).

The rules of :mod:`policytext.text.tasks` give each sentence its marker (``Sentence.task``). This model decides, for
every sentence of a document, whether it is a task: a logistic model whose features are

* the document's: its report/plan context (:func:`policytext.text.tasks.context_states`) and the genre words of
  its titles (:data:`RE_GENRE`);
* the sentence's: its section's context, whether it stands outside every section, and the character 1-3-grams of
  its text, of its first clause (anchored ``^``) and of its last clause (anchored ``$``), half-width punctuation
  folded to full width (:data:`FOLD`);
* the rules' evidence: the kind of the rules' final marker (:func:`marker_kind`), and, when the document's context
  changed the sentence's own marker, the kind of that one and whether it was dropped or added.

It is the stacked model of ``benchmarks/fit_task_model.py`` folded into one table (written by
``benchmarks/build_task_model.py`` to the per-user cache; its header says how it was built): a text model fitted on
every label set, and the weight of the rules' evidence fitted only on the sets no rule was chosen on. Scoring needs
no numpy or scikit-learn: a sentence is scored by dictionary look-ups (:meth:`TaskModel.text_score`).

It is NOT part of the package: judged blind on the twelfth and thirteenth sets it gained +0.035 F1 pooled but lost
0.042 F1 on 新闻联播 items, and the rule fixed before judging removes it then (``fit_task_model.py``'s docstring).
``benchmarks/eval_tasks.py --model-table PATH`` scores a table beside the rules (:func:`document_tasks`).

>>> import policytext as pt
>>> model = TaskModel({"bias": -1.0, "k:modal": 2.0, "s防汛": 0.5})
>>> document_tasks(pt.parse("关于做好防汛工作的通知\\n一、加强组织领导\\n各单位要落实防汛责任。"), model)
['要']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import repeat
from pathlib import Path
from re import Pattern
from typing import TYPE_CHECKING, cast

from policytext.text.tasks import context_states, task_marker

if TYPE_CHECKING:
    from policytext.text.document import Document, Section, Sentence

__all__ = ["TaskModel", "decide", "document_tasks", "load_model", "marker_kind", "document_features",
           "sentence_features", "rule_features", "MODEL_MARKER"]

#: The marker of a sentence the model makes a task that the rules did not.
MODEL_MARKER = "model"
#: Half-width punctuation folded to the full-width forms most pages write (``,`` → ``，``), so that the same clause
#: gives the same n-grams.
FOLD = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
#: Where the first clause ends and the last one starts (after folding).
RE_CLAUSE: Pattern[str] = re.compile("[，；：]")
#: Genre words of a document's titles (the title's own cue to what its sentences do).
RE_GENRE: Pattern[str] = re.compile(
    "通知|通告|公告|方案|预案|安排|须知|办法|细则|规定|规则|章程|指南|提醒|计划|思路|要点|意见|决定|纲要|规划|"
    "倡议|报告|讲话|致辞|发言|公报|述职|总结|汇报|事迹|学习|会议|召开|考察|调研|印发|发布|出台|贺信|回信|文章|"
    "记|心得|体会|感悟")
#: Features that are not n-grams: flags, and ``name:value`` features (n-gram features start with ``s``/``f``/``l``).
_FLAGS = frozenset({"pre", "dropped", "added"})
_NAMED = ("ds:", "ss:", "t:", "k:", "r:")
_PROHIBITIONS = frozenset({"不得", "严禁", "禁止", "不准"})
_DIRECTING = frozenset({"决定", "建议", "号召", "要求", "叮嘱", "嘱咐", "责成", "有必要"})


def marker_kind(marker: str | None) -> str:
    """The kind of a rules' marker: ``modal``, ``lead``, ``rule``, ``future``, ``weak``, ``request``, ``prohibit``,
    ``directing``, or ``none``.

    >>> marker_kind("要"), marker_kind("lead:深化"), marker_kind(None), marker_kind("rule:由"), marker_kind("将")
    ('modal', 'lead', 'none', 'rule', 'future')
    """
    if marker is None:
        return "none"
    if marker.startswith("lead:"):
        return "lead"
    if marker.startswith("rule:"):
        return "rule"
    if marker == "将":
        return "future"
    if marker == "坚决":
        return "weak"
    if marker in ("请", "希望"):
        return "request"
    if marker in _PROHIBITIONS:
        return "prohibit"
    if marker in _DIRECTING:
        return "directing"
    return "modal"


def document_features(titles: tuple[str | None, ...], doc_state: str | None) -> list[str]:
    """Features a document's sentences share: its context state, the genre words of its titles.

    >>> document_features(("关于开展学习的通知", None), "plan")
    ['ds:plan', 't:学习', 't:通知']
    >>> document_features((None, None), None)
    ['ds:None', 't:none']
    """
    out = [f"ds:{doc_state}"]
    words = {m.group() for t in titles if t for m in RE_GENRE.finditer(t)}
    out.extend(sorted(f"t:{w}" for w in words))
    if not any(titles):
        out.append("t:none")
    return out


def _grams(prefix: str, text: str, out: list[str]) -> None:
    n = len(text)
    for k in (1, 2, 3):
        out.extend(prefix + text[i:i + k] for i in range(n - k + 1))


def clauses(text: str) -> tuple[str, str]:
    """The first and the last clause of a folded sentence (the whole sentence when it has one clause).

    >>> clauses("为做好工作，加强领导，确保落实。")
    ('为做好工作', '确保落实。')
    """
    m = RE_CLAUSE.search(text)
    first = text[:m.start()] if m else text
    cut = max(text.rfind("，"), text.rfind("；"), text.rfind("："))
    return first, text[cut + 1:]


def sentence_features(text: str, sec_state: str | None, preamble: bool) -> list[str]:
    """A sentence's features: its section's state, ``pre`` outside every section, the 1-3-grams of its text
    (``s…``), of its first clause (``f^…``) and of its last (``l…$``), punctuation folded.

    >>> f = sentence_features("加强学习,提高能力。", "plan", False)
    >>> f[:4], "s，" in f, "f^加强" in f, "l。$" in f
    (['ss:plan', 's加', 's强', 's学'], True, True, True)
    """
    out: list[str] = [f"ss:{sec_state}"]
    if preamble:
        out.append("pre")
    text = text.translate(FOLD)
    first, last = clauses(text)
    _grams("s", text, out)
    _grams("f", "^" + first, out)
    _grams("l", last + "$", out)
    return out


def rule_features(raw: str | None, final: str | None) -> list[str]:
    """The rules' evidence: the kind of the final marker; of the sentence's own marker and dropped / added when the
    document's context changed it.

    >>> rule_features("lead:组织", None), rule_features(None, "rule:由"), rule_features("要", "要")
    (['k:none', 'r:lead', 'dropped'], ['k:rule', 'r:none', 'added'], ['k:modal'])
    """
    out = [f"k:{marker_kind(final)}"]
    if raw != final:
        out.append(f"r:{marker_kind(raw)}")
        out.append("dropped" if final is None else "added")
    return out


def _merged(*parts: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in parts:
        for key, w in part.items():
            out[key] = out.get(key, 0.0) + w
    return out


class TaskModel:
    """The weight table: ``bias`` and the weight of each feature (n-grams by part: ``s``, ``f``, ``l``).

    The logit of a sentence is the bias plus the weights of its features (:func:`document_features`,
    :func:`sentence_features`, :func:`rule_features`); it is a task when the logit is above 0.

    >>> m = TaskModel({"bias": -0.5, "s要": 1.0, "k:none": -1.0, "pre": 0.25})
    >>> len(m), m.bias, sorted(m.other), m.parts["s"]
    (3, -0.5, ['k:none', 'pre'], {'要': 1.0})
    """

    def __init__(self, weights: dict[str, float], header: str = "") -> None:
        weights = dict(weights)
        self.bias = weights.pop("bias", 0.0)
        self.header = header
        self.other = {k: w for k, w in weights.items() if k in _FLAGS or k.startswith(_NAMED)}
        self.parts = {p: {k[1:]: w for k, w in weights.items() if k[0] == p and k not in self.other} for p in "sfl"}
        part_s, part_f, part_l = self.parts["s"], self.parts["f"], self.parts["l"]
        # an n-gram inside the first clause weighs its s and f weights, inside the last its s and l weights: one
        # look-up per n-gram of the sentence instead of one per feature
        self._s, self._f, self._l = part_s.get, part_f.get, part_l.get
        self._sf = _merged(part_s, part_f).get
        self._sl = _merged(part_s, part_l).get
        self._sfl = _merged(part_s, part_f, part_l).get
        self._slices: dict[int, tuple[slice, ...]] = {}

    def __len__(self) -> int:
        return len(self.other) + sum(map(len, self.parts.values()))

    def _sum(self, get: Callable[[str], float | None], text: str) -> float:
        """The weights (``get``) of every 1-3-gram of ``text``."""
        n = len(text)
        grams = self._slices.get(n)
        if grams is None:
            grams = self._slices[n] = tuple(slice(i, i + k) for k in (1, 2, 3) for i in range(n - k + 1))
        return sum(map(get, map(text.__getitem__, grams), repeat(0.0)))  # type: ignore[arg-type]

    def text_score(self, text: str) -> float:
        """The weights of the sentence's n-grams: the ``s``, ``f`` and ``l`` features of :func:`sentence_features`.

        >>> m = TaskModel({"s要": 1.0, "f^要": 0.5, "f要": 0.5, "l。$": 0.25, "s，": 2.0})
        >>> m.text_score("要学习。"), m.text_score("要学习,好。") == m.text_score("要学习，好。") == 4.25
        (2.25, True)
        """
        t = text.translate(FOLD)
        n = len(t)
        m = RE_CLAUSE.search(t)
        a = m.start() if m else n  # the first clause is t[:a], the last t[b:]
        b = max(t.rfind("，"), t.rfind("；"), t.rfind("：")) + 1
        first, last = t[:a], t[b:]
        v = sum(map(self._f, ("^" + first[:k] for k in range(min(3, a + 1))), repeat(0.0)))
        v += sum(map(self._l, (last[len(last) - k:] + "$" if k else "$" for k in range(min(3, n - b + 1))),
                     repeat(0.0)))
        if a == n:  # one clause: every n-gram is in the first and in the last
            return v + self._sum(self._sfl, t)
        lo = max(0, a - 2)
        # n-grams that cross a clause boundary lie in t[lo:b+2]; those of it inside t[lo:a] or t[b:b+2] are counted
        # with their clause
        return (v + self._sum(self._sf, first) + self._sum(self._sl, last) + self._sum(self._s, t[lo:b + 2])
                - self._sum(self._s, t[lo:a]) - self._sum(self._s, t[b:b + 2]))

    def features_score(self, features: list[str]) -> float:
        """The weights of the n-gram features given (:func:`sentence_features`'s): :meth:`text_score`, slowly.

        >>> m = TaskModel({"s要": 1.0, "f^要": 0.5, "l。$": 0.25})
        >>> m.features_score(sentence_features("要学习。", None, False))
        1.75
        """
        return sum(self.parts[f[0]].get(f[1:], 0.0) for f in features if f[0] in "sfl" and f not in self.other)

    def logit(self, text: str, doc: list[str], sec_state: str | None, preamble: bool, raw: str | None,
              final: str | None) -> float:
        """The logit of one sentence (``doc``: :func:`document_features` of its document).

        >>> m = TaskModel({"bias": -1.0, "s要": 2.0, "k:modal": 0.5})
        >>> m.logit("要学习。", ["ds:None"], None, False, "要", "要")
        1.5
        """
        get = self.other.get
        v = self.bias + sum(get(k, 0.0) for k in doc) + get(f"ss:{sec_state}", 0.0)
        if preamble:
            v += get("pre", 0.0)
        v += sum(get(k, 0.0) for k in rule_features(raw, final))
        return v + self.text_score(text)


def load_model(path: Path | str) -> TaskModel:
    """A weight table (``benchmarks/build_task_model.py``'s): ``feature<TAB>weight`` lines, ``#`` lines the header.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "t.tsv"
    ...     _ = p.write_text("# a test table\\nbias\\t-0.5000\\ns要\\t1.2500\\nk:none\\t-1.0000\\n", encoding="utf-8")
    ...     m = load_model(p)
    >>> m.header, m.bias, m.parts["s"], m.other
    ('a test table', -0.5, {'要': 1.25}, {'k:none': -1.0})
    """
    weights: dict[str, float] = {}
    header: list[str] = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                header.append(line[1:].strip())
                continue
            key, _, w = line.rstrip("\n").rpartition("\t")
            if key:
                weights[key] = float(w)
    return TaskModel(weights, "\n".join(header))


class _Raw:
    """A sentence's text and its own marker, as :func:`policytext.text.tasks.context_states` reads them."""

    __slots__ = ("text", "task")

    def __init__(self, text: str, task: str | None) -> None:
        self.text = text
        self.task = task


def decide(model: TaskModel, titles: tuple[str | None, ...], top: list[Section], raws: list[str | None],
           sentences: list[Sentence]) -> list[str | None]:
    """The model's marker for each sentence of one document: its rules' marker (``Sentence.task``) or ``"model"``
    when the logit is above 0, else ``None`` (``raws``: each sentence's own marker before the document's context)."""
    # the context as the parser's rules read it: before the document's context changed the markers
    proxies = cast("list[Sentence]", [_Raw(s.text, raw) for s, raw in zip(sentences, raws)])
    doc_state, states = context_states(titles, top, proxies)
    doc = document_features(titles, doc_state)
    out: list[str | None] = []
    for s, raw in zip(sentences, raws):
        final = s.task
        sec = s.section
        sec_state = doc_state if sec is None else states.get(id(sec), doc_state)
        if model.logit(s.text, doc, sec_state, sec is None, raw, final) > 0:
            out.append(final if final is not None else MODEL_MARKER)
        else:
            out.append(None)
    return out


def document_tasks(doc: Document, model: TaskModel) -> list[str | None]:
    """The model's marker for each sentence of a parsed document (:func:`decide`); the document is not changed.

    The sentences' own markers are read again (:func:`policytext.text.tasks.task_marker`), for the rules' evidence
    before the document's context.

    >>> import policytext as pt
    >>> doc = pt.parse("学校工作计划\\n二、主要措施\\n每月开展一次主题班会。\\n各班要按时上报。")
    >>> [s.task for s in doc.sentences]
    [None, '要']
    >>> document_tasks(doc, TaskModel({"bias": -1.0, "s班会": 2.0}))
    ['model', None]
    """
    titles = (doc.metadata.get("doc_title"), doc.title)
    return decide(model, titles, doc.sections, [task_marker(s.text) for s in doc.sentences], doc.sentences)
