"""Fit a learned task detector over the sentence's text and judge it by leaving one label set out (issue 15 item 6).

Usage: python benchmarks/fit_task_model.py [--cache PATH] [--c C,C,...] [--only NAME;NAME] [--held SET,SET]
                                           [--design NAME] [--no-candidates] [--by-source] [--speed]

Question (sessions 6 and 7): does a model over the sentence's TEXT, trained on the labelled sentences and stacked on
the rules' evidence, carry better to unseen text than the rule behind ``Sentence.is_task``?

Data: the eleven task label sets dev … eleventh (``benchmarks/_task_sets.py`` ``LABEL_FILES``, :data:`SETS`; 3,082
sentences found), each sentence with the rule's evidence recorded during the parse (its own marker, the marker left
after the document's context, the document's and the section's report/plan state of ``tasks.context_states``, the
titles). NEVER the twelfth or the thirteenth (session 7's blind judges). Features: those the table scorer reads
(``benchmarks/_task_model.py``: character 1-3-grams of the sentence, of its first and of its last clause with
half-width punctuation folded; the section's state; the titles' genre words and the document's state; the kinds of
the rule's markers), and the variants ``raw`` (punctuation not folded: session 6's) and ``affix``.

Designs (every one printed with C in ``--c``): text only; joint (one logistic model, the rule's evidence on every
row; or with the honest rows weighed x3; or the rule's evidence only on the honest rows); stacked (:data:`CHOSEN`,
argued in advance in session 6): stage 1 a text model fitted on every training set, stage 2 a logistic model over
stage 1's logit and the rule's evidence fitted only on the honest rows (:data:`HONEST`, the sets no rule of today
was chosen on: tenth, eleventh) with stage 1 fitted without their set; stacked+ctx (:data:`BUILT`, the design
``benchmarks/build_task_model.py`` folds into a table): stage 2 also reads the document's and the section's
report/plan state.

Protocol, fixed in advance (session 7): leave one SET out. The headline holds out the tenth and the eleventh in turn
(held-out tenth: stage 1 on every other set, stage 2 on the eleventh with stage-1 logits from a stage 1 fitted
without the eleventh), pooled, grouped by document (95% bootstrap over documents of F1 model − rule). The bar:
pooled F1 ≥ rule + 0.03, precision and recall each ≥ rule's − 0.01, and no source (headed, corpora, xwlb) losing
more than 0.02 F1. The rule's own figures are honest only on the tenth and eleventh (rounds 1-8 were chosen on the
others); there, designs are compared with each other (``--held dev,…,ninth --by-source``).

Result (session 7, this tree's rules; ``--cache /tmp/M7/rows.pkl``):

* :data:`CHOSEN` (run with the ``raw`` features it had in session 6): pooled tenth + eleventh 0.877 / 0.883 / F1
  0.880 against the rule's 0.855 / 0.832 / 0.843, +0.037 [+0.009, +0.069]; headed +0.061, corpora +0.006, xwlb
  −0.004: passes the bar. But with the third set held out (编办 report pages) it falls to 0.590 / 1.000 (rule 0.913 /
  0.913, tuned on it): it makes tasks of reports of work done in imperative wording that the rules leave alone.
* The fix was chosen on the nine other sets held out, before its headline was looked at: folding the punctuation
  alone makes the third worse (0.511 / 1.000); stage 2 reading the report/plan context (:data:`BUILT`) brings the
  third to 0.767 / 1.000 / F1 0.868 and the nine non-headline sets pooled to F1 0.909 (stacked, folded: 0.907;
  ctx-T, letting the logit's weight differ, was worse on the third: 0.807).
* :data:`BUILT` on the headline (``--no-candidates --held tenth,eleventh --design "full: stacked+ctx, C=1"``):
  pooled 0.882 / 0.897 / F1 0.889, +0.046 [+0.016, +0.080], precision +0.027, recall +0.065; headed +0.088
  [+0.046, +0.133], corpora −0.006, xwlb −0.039 [−0.148, +0.061] (120 sentences of 60 items): it FAILS the
  by-source part of the bar (xwlb loses more than 0.02), while passing the pooled parts. On the non-headline sets
  both designs lose on xwlb against the (tuned) rule: −0.072 (stacked) and −0.075 (ctx).
* Variants with the headline held out (raw features): stacked C=0.3/1/3 +0.040/+0.037/+0.037; joint +0.037…+0.039;
  joint honest x3 +0.039…+0.043; joint with the rule's evidence on honest rows only +0.005…+0.010; text alone
  +0.001/+0.004/−0.004; affix stacked +0.025/+0.031/+0.036.

Judged blind (session 7, docs/structure.md, "Judged in session 7", rule fixed before judging: the model stays in the
package only if its F1 pooled over the judges is ≥ the rules' + 0.02 with no source losing more than 0.02 F1). The
model was wired in as ``parse(..., task_model=True)`` for the judging, then taken out. On the twelfth + thirteenth
sets (512 sentences, 128 documents; ``benchmarks/eval_tasks.py --set judges --model-table T``):

* the rules (``Sentence.is_task``): 0.882 / 0.824 / F1 0.852;
* :data:`BUILT` fitted without the judges' documents (``benchmarks/build_task_model.py --exclude-docs-of
  twelfth,thirteenth --out T``: every labelled row of a document that holds a judge row left out): 0.876 / 0.898 /
  F1 0.887, +0.035; by source corpora +0.01, headed pages +0.06, but 新闻联播 items 0.828 → 0.786 (−0.042);
* the table fitted on every row (the judges' documents' other rows too): 0.892 / 0.910 / F1 0.901, i.e. +0.014
  over the document-disjoint table from remembering the pages' wording (not a judgement).

新闻联播 loses more than 0.02 F1, so by the rule fixed in advance the model is NOT shipped: no option, table or
scorer of it is in the package. This script, ``_task_model.py`` (the scorer) and ``build_task_model.py`` (the
table, written to the per-user cache) keep it reproducible as a measured negative result.

Session 6 (rules of ``3a033c7``, honest sets sixth and seventh): the stacked model passed its bar (+0.054
[+0.019, +0.089]) but was not wired in: scoring cost ten times the parse. ``--speed`` times plain-Python scoring.
"""

from __future__ import annotations

import argparse
import pickle
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from re import Pattern

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import prf, shared
from _task_model import FOLD, document_features, rule_features
from _task_model import sentence_features as model_features
from _task_sets import LABEL_FILES, document
from eval_tasks import locate, read_labels

import policytext as pt

#: The label sets the model learns from, in the order they were labelled (never the twelfth or the thirteenth:
#: the blind judges of session 7). The tenth and eleventh are the only ones no rule of today was chosen on: there
#: the rule's decision is honest (session 6 used the sixth and seventh, before rounds 7 and 8 were tuned on them).
SETS = ("dev", "fresh", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh")
HONEST = ("tenth", "eleventh")
HEADLINE = ("tenth", "eleventh")
#: Where a labelled sentence comes from (the label file's folder): headed pages, corpora documents, 新闻联播 items,
#: 编办 passages (the third set).
SOURCES = ("headed", "corpora", "xwlb", "genre_dev")


@dataclass
class Row:
    set: str
    doc: str
    text: str
    label: bool
    raw: str | None       # the sentence's own marker (task_marker)
    final: str | None     # the rule's decision after the document's context (Sentence.task)
    doc_state: str | None
    sec_state: str | None
    preamble: bool
    titles: tuple[str | None, ...]


_REC: dict[int, tuple[str | None, str | None, str | None, tuple[str | None, ...]]] = {}


def _recording(orig: Callable[..., None]) -> Callable[..., None]:
    from policytext.text.tasks import context_states

    def apply_context(titles, top, sentences):
        doc_state, states = context_states(titles, top, sentences)
        raws = [s.task for s in sentences]
        orig(titles, top, sentences)
        for s, raw in zip(sentences, raws):
            sec = states.get(id(s.section), doc_state) if s.section is not None else doc_state
            _REC[id(s)] = (raw, doc_state, sec, titles)
    return apply_context


class _RowUnpickler(pickle.Unpickler):
    """Rows pickled by this script run as ``__main__`` or imported (``build_task_model.py``) are the same."""

    def find_class(self, module: str, name: str) -> type:
        return Row if name == "Row" else super().find_class(module, name)


def load_rows(cache: Path) -> list[Row]:
    """Every labelled sentence of :data:`SETS` with the rule's evidence (cached)."""
    if cache.exists():
        with cache.open("rb") as fh:
            rows: list[Row] = _RowUnpickler(fh).load()
        return rows
    from policytext.text import structure
    orig = structure.apply_context
    structure.apply_context = _recording(orig)
    rows = []
    try:
        for name in SETS:
            docs: dict[str, pt.Document] = {}
            for it in read_labels(LABEL_FILES[name]):
                key = f"{it.folder}/{it.file}"
                if key not in docs:
                    docs[key] = (pt.load(shared(it.folder) / it.file) if it.folder.startswith("genre_dev")
                                 else document(it.folder, it.file))
                s = locate(docs[key], it)
                if s is None:
                    continue
                raw, ds, ss, titles = _REC[id(s)]
                rows.append(Row(name, f"{name}:{key}", s.text, it.label, raw, s.task, ds, ss, s.section is None,
                                titles))
            _REC.clear()
            print(f"  {name}: {sum(r.set == name for r in rows)} sentences, {len(docs)} documents", file=sys.stderr)
    finally:
        structure.apply_context = orig
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as fh:
        pickle.dump(rows, fh)
    return rows


# -- features (what the model reads) ----------------------------------------------------------------------

#: Where the first clause ends and the last one starts (the half-width forms too: the ``raw`` features).
_RE_CLAUSE: Pattern[str] = re.compile("[，,；;：:]")


def _grams(prefix: str, text: str, out: list[str]) -> None:
    n = len(text)
    for k in (1, 2, 3):
        out.extend(prefix + text[i:i + k] for i in range(n - k + 1))


def sentence_features(text: str, sec_state: str | None, preamble: bool, mode: str = "full") -> list[str]:
    """Text features of a sentence: its section's state; ``full``: character 1-3-grams of it, of its first and
    of its last clause, punctuation folded (:data:`FOLD`); ``raw``: the same unfolded (session 6); ``affix``: the
    first 1-4 characters of its first clause, the first and last 1-3 of its last.

    >>> sentence_features("加强学习,提高能力。", None, False)[:4]
    ['ss:None', 's加', 's强', 's学']
    >>> "s，" in sentence_features("加强学习,提高能力。", None, False)
    True
    >>> "s," in sentence_features("a,b", None, False, "raw")
    True
    """
    if mode == "full":
        return model_features(text, sec_state, preamble)  # one definition: the scorer's (_task_model.py)
    out: list[str] = [f"ss:{sec_state}"]
    if preamble:
        out.append("pre")
    if mode != "raw":
        text = text.translate(FOLD)
    m = _RE_CLAUSE.search(text)
    first = text[:m.start()] if m else text
    last = text
    for m in _RE_CLAUSE.finditer(text):
        last = text[m.end():]
    if mode in ("full", "raw"):
        _grams("s", text, out)
        _grams("f", "^" + first, out)
        _grams("l", last + "$", out)
    if mode == "affix":
        out.extend("f^" + first[:k] for k in range(1, 5) if k <= len(first))
        out.extend("l" + last[-k:] + "$" for k in range(1, 4) if k <= len(last))
        out.extend("m^" + last[:k] for k in range(1, 4) if k <= len(last) and last is not text)
    return out


def text_feats(r: Row, mode: str = "full") -> list[str]:
    """What stage 1 reads: the document's titles and context, the sentence's section and text."""
    return document_features(r.titles, r.doc_state) + sentence_features(r.text, r.sec_state, r.preamble, mode)


def rule_feats(r: Row) -> list[str]:
    return rule_features(r.raw, r.final)


# -- models ---------------------------------------------------------------------------------------------------

def _fit(dicts: list[dict[str, float]], y: list[bool], c: float, weights: list[float] | None = None):
    """A logistic regression over feature dicts: ``(vectoriser, model)``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    return vec, LogisticRegression(C=c, max_iter=5000).fit(vec.fit_transform(dicts), y, sample_weight=weights)


def _logit(fitted, dicts: list[dict[str, float]]) -> list[float]:
    vec, model = fitted
    return [float(z) for z in model.decision_function(vec.transform(dicts))]


def _binary(feats: list[str]) -> dict[str, float]:
    return dict.fromkeys(feats, 1.0)


def _stage2(r: Row, z: float, ctx: str = "") -> dict[str, float]:
    """Stage 2's features: stage 1's logit ``T`` and the rule's evidence; ``ctx`` "ctx" adds the document's and the
    section's report/plan state, "ctx-T" also lets the logit's weight differ where the rule has no marker and in a
    section that reports."""
    d = _binary(rule_feats(r))
    d["T"] = z
    if ctx:
        d[f"ds:{r.doc_state}"] = 1.0
        d[f"ss:{r.sec_state}"] = 1.0
    if ctx == "ctx-T":
        d["T|none"] = z if r.final is None else 0.0
        d["T|report"] = z if r.sec_state == "report" else 0.0
    return d


Predictor = Callable[[list[Row], list[Row]], list[float]]  # training rows, test rows -> the test rows' logits


def joint(c: float, mode: str, with_rule: bool, honest_rule_only: bool = False,
          honest_weight: float = 1.0) -> Predictor:
    """One logistic model over the text features and the rule's evidence (on every training row, only on the
    honest sets' rows, or nowhere); ``honest_weight`` weighs the honest sets' rows."""
    def run(train: list[Row], test: list[Row]) -> list[float]:
        def feats(r: Row, fitting: bool) -> dict[str, float]:
            f = text_feats(r, mode)
            if with_rule and (not fitting or not honest_rule_only or r.set in HONEST):
                f = f + rule_feats(r)
            return _binary(f)
        w = [honest_weight if r.set in HONEST else 1.0 for r in train]
        fitted = _fit([feats(r, True) for r in train], [r.label for r in train], c, w)
        return _logit(fitted, [feats(r, False) for r in test])
    return run


def stage1_oof(train: list[Row], c: float, mode: str) -> tuple[list[Row], list[float]]:
    """The honest training rows and stage 1's logit for each, from a text model fitted without that row's set."""
    honest: list[Row] = []
    oof: list[float] = []
    for name in HONEST:
        part = [r for r in train if r.set == name]
        if not part:
            continue
        inner = [r for r in train if r.set != name]
        fitted = _fit([_binary(text_feats(r, mode)) for r in inner], [r.label for r in inner], c)
        honest += part
        oof += _logit(fitted, [_binary(text_feats(r, mode)) for r in part])
    return honest, oof


def stacked(c: float, mode: str, c2: float = 1.0, ctx: str = "") -> Predictor:
    """Stage 1: a text model (no rule evidence) fitted on every training set. Stage 2: a logistic model over stage
    1's logit and the rule's evidence, fitted only on the honest training rows (tenth, eleventh: the sets no rule
    of today was tuned on) with stage 1's out-of-set logits, so that how far the rule is trusted is learnt where its
    decisions are honest, not on dev…fifth where the rule was fitted to the labels."""
    def run(train: list[Row], test: list[Row]) -> list[float]:
        honest, oof = stage1_oof(train, c, mode)
        second = _fit([_stage2(r, z, ctx) for r, z in zip(honest, oof)], [r.label for r in honest], c2)
        first = _fit([_binary(text_feats(r, mode)) for r in train], [r.label for r in train], c)
        zs = _logit(first, [_binary(text_feats(r, mode)) for r in test])
        return _logit(second, [_stage2(r, z, ctx) for r, z in zip(test, zs)])
    return run


def candidates(cs: list[float]) -> dict[str, Predictor]:
    """Every configuration tried (printed, so that the optimism of choosing among them can be seen)."""
    out: dict[str, Predictor] = {}
    for mode in ("full", "affix"):
        for c in cs:
            if mode == "full":
                out[f"{mode}: text only, C={c:g}"] = joint(c, mode, with_rule=False)
                out[f"{mode}: joint, rule on every set, C={c:g}"] = joint(c, mode, with_rule=True)
                out[f"{mode}: joint, honest rows x3, C={c:g}"] = joint(c, mode, with_rule=True, honest_weight=3.0)
            out[f"{mode}: joint, rule on honest sets only, C={c:g}"] = joint(c, mode, with_rule=True,
                                                                            honest_rule_only=True)
            out[f"{mode}: stacked, C={c:g}"] = stacked(c, mode)
    out["raw: stacked, C=1"] = stacked(1.0, "raw")  # session 6's features: punctuation not folded
    for ctx in ("ctx", "ctx-T"):  # stage 2 also reads the report/plan context (the third set's 编办 report pages)
        out[f"full: stacked+{ctx}, C=1"] = stacked(1.0, "full", ctx=ctx)
        out[f"raw: stacked+{ctx}, C=1"] = stacked(1.0, "raw", ctx=ctx)
    return out


#: The design argued for in advance (the module docstring): stacked, full text features, sklearn's default C.
CHOSEN = "full: stacked, C=1"
#: The design built into a table (``build_task_model.py``) and judged blind (not shipped): chosen on the sets that
#: are not the headline's (dev … ninth held out) once the chosen design was seen to wreck the third set's 编办 report
#: pages: stage 2 also reads the report/plan context (its ``ctx``).
BUILT = "full: stacked+ctx, C=1"
BUILT_CTX = "ctx"


# -- evaluation -----------------------------------------------------------------------------------------------

Item = tuple[str, bool, bool, bool]  # document, label, model, rule


def model_prf(items: list[Item]) -> tuple[float, float, float]:
    return prf([(x[1], x[2]) for x in items])


def rule_prf(items: list[Item]) -> tuple[float, float, float]:
    return prf([(x[1], x[3]) for x in items])


def f1_diff_interval(items: list[Item], n: int = 2000) -> tuple[float, float]:
    """95% bootstrap interval over documents of F1(model) − F1(rule)."""
    by_doc: dict[str, list[Item]] = defaultdict(list)
    for x in items:
        by_doc[x[0]].append(x)
    docs = list(by_doc.values())
    rng = random.Random(0)
    diffs = []
    for _ in range(n):
        sample = [x for _ in docs for x in rng.choice(docs)]
        diffs.append(model_prf(sample)[2] - rule_prf(sample)[2])
    diffs.sort()
    return diffs[int(0.025 * n)], diffs[int(0.975 * n) - 1]


def rotate(rows: list[Row], predict: Predictor, held_sets: tuple[str, ...]) -> dict[str, list[Item]]:
    """Leave one set out: per held-out set, ``(document, label, model, rule)`` of each sentence."""
    out = {}
    for held in held_sets:
        train = [r for r in rows if r.set != held]
        test = [r for r in rows if r.set == held]
        out[held] = [(r.doc, r.label, z > 0, r.final is not None) for r, z in zip(test, predict(train, test))]
    return out


def _fmt(v: tuple[float, float, float]) -> str:
    return " / ".join(f"{x:.3f}" for x in v)


def passes(items: list[Item]) -> tuple[bool, str]:
    """The bar fixed in advance: F1 ≥ rule + 0.03, precision and recall each ≥ rule's − 0.01 (pooled)."""
    rp, rr, rf = rule_prf(items)
    mp, mr, mf = model_prf(items)
    ok = mf - rf >= 0.03 and mp >= rp - 0.01 and mr >= rr - 0.01
    return ok, f"F1 {mf - rf:+.3f}, precision {mp - rp:+.3f}, recall {mr - rr:+.3f}"


def table(res: dict[str, list[Item]]) -> None:
    """Per held-out set and pooled over the headline sets: rule and model, F1 difference with its interval."""
    print("| held-out set | sentences (documents) | rule P / R / F1 | model P / R / F1 | F1 model − rule [95% CI] |")
    print("|---|---|---|---|---|")
    pooled = [x for held in HEADLINE if held in res for x in res[held]]
    extra = [(f"pooled {' + '.join(HEADLINE)}", pooled)] if all(h in res for h in HEADLINE) else []
    others = [h for h in res if h not in HEADLINE]
    if len(others) > 1:  # where designs are compared (the rule's own figures there are not honest)
        extra.append((f"pooled {' + '.join(others)}", [x for h in others for x in res[h]]))
    for name, items in [*res.items(), *extra]:
        lo, hi = f1_diff_interval(items)
        d = model_prf(items)[2] - rule_prf(items)[2]
        print(f"| {name} | {len(items)} ({len({x[0] for x in items})}) | {_fmt(rule_prf(items))} | "
              f"{_fmt(model_prf(items))} | {d:+.3f} [{lo:+.3f}, {hi:+.3f}] |")


# -- speed ----------------------------------------------------------------------------------------------------

def speed(rows: list[Row], repeat: int = 5) -> None:
    """CPU time of plain-Python scoring of :data:`CHOSEN`'s features on every sentence of the concatenated corpora,
    against ``parse`` and plain ``jieba.lcut`` in the same run (the ratio ``bench_structure.py`` reports).

    The scorer is the fastest plain-Python form found (n-grams by precomputed slices, weights by ``dict.get``, all
    in C-level ``map``); the model is the stacked one fitted on all seven sets, folded into one weight table.
    """
    import time
    from itertools import repeat as forever

    import jieba

    honest, oof = stage1_oof(rows, 1.0, "full")
    first = _fit([_binary(text_feats(r)) for r in rows], [r.label for r in rows], 1.0)
    vec2, m2 = _fit([_stage2(r, z) for r, z in zip(honest, oof)], [r.label for r in honest], 1.0)
    a = float(m2.coef_[0][vec2.vocabulary_["T"]])
    print("\nthe final model's stage 2 (fitted on " + " + ".join(HONEST) + ", stage 1 out of set): bias "
          f"{float(m2.intercept_[0]):+.2f}, " + ", ".join(
              f"{name} {float(w):+.2f}" for name, w in zip(vec2.get_feature_names_out(), m2.coef_[0])))
    vec1, m1 = first
    weights = {name: a * float(w) for name, w in zip(vec1.get_feature_names_out(), m1.coef_[0]) if w}
    parts = {p: {k[1:]: w for k, w in weights.items() if k[0] == p} for p in "sfl"}
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(shared("corpora").glob("*.txt")))
    sentences = [s.text for s in pt.parse(text).sentences]
    slices: dict[int, tuple[slice, ...]] = {}

    def grams(n: int) -> tuple[slice, ...]:
        if n not in slices:
            slices[n] = tuple(slice(i, i + k) for k in (1, 2, 3) for i in range(n - k + 1))
        return slices[n]

    def score(t: str, s_get=parts["s"].get, f_get=parts["f"].get, l_get=parts["l"].get) -> float:
        zero = forever(0.0)
        v = sum(map(s_get, map(t.__getitem__, grams(len(t))), zero))
        m = _RE_CLAUSE.search(t)
        first = "^" + (t[:m.start()] if m else t)
        last = t[max(t.rfind(c) for c in "，,；;：:") + 1:] + "$"
        v += sum(map(f_get, map(first.__getitem__, grams(len(first))), zero))
        return v + sum(map(l_get, map(last.__getitem__, grams(len(last))), zero))

    tok = jieba.Tokenizer()
    tok.initialize()

    def best(fn: Callable[[], object]) -> float:
        out = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            fn()
            out = min(out, time.process_time() - t0)
        return out

    t_jieba = best(lambda: tok.lcut(text, HMM=False))
    t_parse = best(lambda: pt.parse(text))
    t_score = best(lambda: [score(t) for t in sentences])
    print(f"\nspeed on the concatenated corpora ({len(text):,} characters, {len(sentences):,} sentences; "
          f"{len(weights):,} weights): jieba.lcut {t_jieba * 1000:.0f} ms, parse {t_parse * 1000:.0f} ms "
          f"({t_parse / t_jieba:.3f}x), model's text scoring {t_score * 1000:.0f} ms; parse + scoring "
          f"{(t_parse + t_score) / t_jieba:.3f}x jieba (bench_structure's bar: <= 0.1x)")


def source_of(item: Item) -> str:
    """The source of a labelled sentence (:data:`SOURCES`) from its document key ``set:folder/file``.

    >>> source_of(("tenth:xwlb/2019/20190304.txt#3", True, True, True)), source_of(("third:genre_dev/p/a.txt", 0, 0, 0))
    ('xwlb', 'genre_dev')
    """
    return item[0].split(":", 1)[1].split("/", 1)[0]


def by_source(items: list[Item]) -> bool:
    """Per source: rule and model, F1 difference with its interval; whether no source loses more than 0.02 F1."""
    ok = True
    print("| source | sentences (documents) | rule P / R / F1 | model P / R / F1 | F1 model − rule [95% CI] |")
    print("|---|---|---|---|---|")
    for src in SOURCES:
        part = [x for x in items if source_of(x) == src]
        if not part:
            continue
        lo, hi = f1_diff_interval(part)
        d = model_prf(part)[2] - rule_prf(part)[2]
        ok = ok and d >= -0.02
        print(f"| {src} | {len(part)} ({len({x[0] for x in part})}) | {_fmt(rule_prf(part))} | "
              f"{_fmt(model_prf(part))} | {d:+.3f} [{lo:+.3f}, {hi:+.3f}] |")
    return ok


def compare_candidates(rows: list[Row], cs: list[float], only: str) -> None:
    """Every candidate with the headline sets held out in turn (the optimism of choosing among them shows)."""
    head = " | ".join(f"{h} P / R / F1" for h in HEADLINE)
    print(f"| candidate | {head} | pooled P / R / F1 | pooled F1 − rule | bar |")
    print("|---|" + "---|" * len(HEADLINE) + "---|---|---|")
    res: dict[str, list[Item]] = {}
    for name, predict in candidates(cs).items():
        if only and not any(o in name for o in only.split(";")):
            continue
        res = rotate(rows, predict, HEADLINE)
        pooled = [x for h in HEADLINE for x in res[h]]
        d = model_prf(pooled)[2] - rule_prf(pooled)[2]
        cells = " | ".join(_fmt(model_prf(res[h])) for h in HEADLINE)
        print(f"| {name} | {cells} | {_fmt(model_prf(pooled))} | {d:+.3f} | "
              f"{'passes' if passes(pooled)[0] else 'no'} |", flush=True)
    if res:
        cells = " | ".join(_fmt(rule_prf(res[h])) for h in HEADLINE)
        print(f"| rule (Sentence.is_task) | {cells} | {_fmt(rule_prf([x for h in HEADLINE for x in res[h]]))} | | |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=None,
                    help="cache of the labelled sentences and the rule's evidence (default: in the per-user cache "
                         "folder; delete it after a rule change)")
    ap.add_argument("--c", default="0.3,1,3", help="candidate values of C (comma-separated)")
    ap.add_argument("--only", default="", help="run only the candidates whose name holds one of these (';'-separated)")
    ap.add_argument("--held", default=",".join(SETS),
                    help="sets held out in turn with the chosen design (comma-separated; default every set)")
    ap.add_argument("--no-candidates", action="store_true", help="skip the table of every candidate")
    ap.add_argument("--by-source", action="store_true", help="also by source over the non-headline sets held out")
    ap.add_argument("--design", default=CHOSEN, help=f"the design held out set by set (default {CHOSEN!r})")
    ap.add_argument("--speed", action="store_true", help="also time the chosen model's scoring against parse, jieba")
    args = ap.parse_args()
    if args.cache is None:
        from policytext._resources import cache_dir

        args.cache = cache_dir() / "fit_task_model_rows.pkl"  # per user, never a shared /tmp name
    rows = load_rows(args.cache)
    print(f"{len(rows)} labelled sentences of {', '.join(SETS)}; headline: {' and '.join(HEADLINE)} held out in turn")
    if not args.no_candidates:
        print(f"\nEvery candidate, each headline set held out and fitted on the other {len(SETS) - 1} (bar: pooled F1 "
              ">= rule + 0.03, precision and recall each >= rule - 0.01)\n")
        compare_candidates(rows, [float(c) for c in args.c.split(",")], args.only)
    held = tuple(h for h in SETS if h in args.held.split(","))
    print(f"\nThe design {args.design} (argued in advance: {CHOSEN}): held out in turn {', '.join(held)} (the "
          f"rule's own figures are honest only on {' and '.join(HONEST)}: rules were chosen on the others)\n")
    res = rotate(rows, candidates([1.0])[args.design], held)
    table(res)
    others = [x for h in held if h not in HEADLINE for x in res[h]]
    if others and args.by_source:
        print(f"\nBy source, pooled over {', '.join(h for h in held if h not in HEADLINE)} held out (the rule's own "
              "figures are not honest there; for comparing designs)\n")
        by_source(others)
    if all(h in res for h in HEADLINE):
        pooled = [x for h in HEADLINE for x in res[h]]
        print(f"\nBy source, pooled over {' + '.join(HEADLINE)} held out (bar: no source loses more than 0.02 F1)\n")
        src_ok = by_source(pooled)
        ok, why = passes(pooled)
        print(f"\ndecision (bar fixed in advance, pooled over {' + '.join(HEADLINE)} held out): {why}; every source "
              f"within 0.02 F1: {src_ok} -> {'passes the bar' if ok and src_ok else 'does not pass the bar'}")
    if args.speed:
        speed(rows)


if __name__ == "__main__":
    main()
