"""Evaluation harness: do section keywords name what the section's heading names? (issue 16 item 1)

Run::

    .venv/bin/python benchmarks/eval_keywords.py [--half tune|report|all] [--set headed|corpora|both]
        [--idf TABLE] [--compare-idf TABLE ...] [--docs N] [--method tfidf|textrank] [--diagnose]
        [--keyphraseness TABLE [--kp-alpha A ...] [--kp-b B]]

The measure (issue 4's rule with fragments no longer credited, issue 16 item 3)
---------------------------------------------------------------------------------
For every top-level section (``doc.sections`` of :func:`policytext.load`) the
*heading words* are the words of a private ``jieba.Tokenizer``'s ``lcut`` of
the heading, at least two characters long, minus :data:`EXCLUDED` (the
generic verbs and adverbs of issue 4's rule, as in ``tests/test_keyterms.py``).
A heading word ``w`` is *recalled* when some top-10 keyword ``k`` (of at
least two characters) contains it (``w in k``), or is contained in it and at
most one character shorter (``k in w and len(k) >= len(w) - 1``): 重大 no
longer counts for 重大意义. A document's score is the macro average over its
sections (with heading words) of recalled / heading words.

Methods, same sections, same run:

* ours — :func:`policytext.analysis.keyterms.keywords` of each section with
  ``context=doc`` (what :func:`section_keywords` does), top 10, read *blind*
  to its own heading (``_keyterm_blind._keywords_blind``): the same text as jieba,
  the section's sentences and subsection headings, and the document's
  phrases it is read with do not lean on its heading either
  (``analysis/_keyterm_phrases.py``). Library calls let the own heading shape
  the phrases (a phrase used once there and once in the body is a phrase):
  1.165× instead of 1.156× on the tune half. ``--sighted`` measures that;
* jieba — ``jieba.analyse.TFIDF().extract_tags`` and
  ``TextRank().textrank`` (private instances over a private
  ``jieba.Tokenizer``; jieba's globals are never touched) on the section's
  body text ``doc.text[heading end : section end]`` (its own heading
  excluded, subsection headings included), top 10.

The baseline is the better of the two jieba methods (higher mean over the
documents evaluated). Documents are split into halves by a hash of their file
name (``benchmarks/_evalkit.py``); constants are chosen on ``tune`` and
figures reported on ``report`` and ``all``. ``--compare-idf`` (default: the
shipped genre background, ``idf="background"``) runs the same method with
another IDF table and compares it with ours (the effect of the table alone). Prints the pooled ratio with its bootstrap
interval, the share of documents not worse, and the worst ten.

``--keyphraseness TABLE`` (blind read only; session 7, not shipped) also runs
ours with each score multiplied by ``(kp(t) / rate) ** alpha`` for every
``--kp-alpha`` (:func:`keyphraseness_factor`): ``kp(t) = (df_title + b·rate) /
(df_body + b)`` from a table of ``scripts/build_keyphraseness.py`` (how often a
word of a text is in its title; ``rate`` from its header; ``b`` = ``--kp-b``,
default 20), 1 for a term the table lacks (phrases), and compares each with
ours (paired, documents as the unit) and with jieba.

``--diagnose`` (blind read only) also counts, heading word by heading word,
why one top 10 recalls it and the other does not (:func:`diagnose`): for a
word the better jieba method recalls and ours does not, whether no candidate
of ours could recall it (a number or year, a stopword, a word of a function
tag, single characters the dictionary lacks, tokenised otherwise) or where
the best candidate that could stands in our full ranking
(``_keyterm_blind._candidates_blind``); for a word ours recalls and jieba does not,
whether through the word itself or a longer term, and where jieba's full
ranking has it. Then the documents where ours is worse, with their misses.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import compare, print_comparison, shared, split

#: Heading words that say nothing about a topic (issue 4's rule; ``tests/test_keyterms.py`` uses the same set).
EXCLUDED = frozenset("要 着力 坚持 推进 推动 加强 全面 进一步 不断 持续 深入 加快 完善 健全 构建 实施 提高 提升 促进 "
                     "实现 开展 做好 认真 切实".split())
TOP = 10

Extract = Callable[[Any, Any], list[str]]  # (doc, section) -> keywords


def jieba_private() -> tuple[Any, Any, Any]:
    """A private ``jieba.Tokenizer`` and ``jieba.analyse`` TFIDF / TextRank instances over it."""
    import jieba

    from policytext._resources import cache_dir

    with warnings.catch_warnings():  # jieba reads its IDF file without closing it
        warnings.simplefilter("ignore", ResourceWarning)
        import jieba.analyse
        import jieba.posseg

        jt = jieba.Tokenizer()
        jt.tmp_dir = str(cache_dir())
        jt.initialize()
        pos = jieba.posseg.POSTokenizer(jt)
        tfidf = jieba.analyse.TFIDF()
        textrank = jieba.analyse.TextRank()
        gc.collect()
    tfidf.tokenizer, tfidf.postokenizer = jt, pos
    textrank.tokenizer = pos
    return jt, tfidf, textrank


def heading_words(lcut: Callable[[str], list[str]], heading: str) -> list[str]:
    """The heading's words (``lcut``), two characters or more, minus :data:`EXCLUDED`, sorted, unique."""
    return sorted({w for w in lcut(heading) if len(w) >= 2 and w not in EXCLUDED})


def recalls(word: str, kw: str) -> bool:
    """``kw`` names ``word``: contains it, or is contained in it and at most one character shorter.

    >>> recalls("重大意义", "重大"), recalls("重大意义", "重大意"), recalls("意义", "重大意义")
    (False, True, True)
    """
    return len(kw) >= 2 and (word in kw or (kw in word and len(kw) >= len(word) - 1))


def recall(words: Sequence[str], kws: Iterable[str]) -> float:
    """Share of ``words`` recalled by some keyword of ``kws``."""
    kws = list(kws)
    return sum(1 for w in words if any(recalls(w, k) for k in kws)) / len(words) if words else 0.0


def body_text(doc: Any, sec: Any) -> str:
    """The section's text without its own heading (subsection headings included): what jieba reads."""
    return str(doc.text[sec.heading_span[1]:sec.end])


def doc_score(doc: Any, words_of: Callable[[str], list[str]], extract: Extract) -> float | None:
    """Macro average over top-level sections with heading words of the recall of ``extract``'s keywords."""
    vals = [recall(w, extract(doc, sec)) for sec in doc.sections if (w := words_of(sec.heading))]
    return statistics.fmean(vals) if vals else None


def ours(sighted: bool = False, **options: Any) -> Extract:
    """policytext's keywords of a section (``context=doc``), top 10, with ``options`` (``method``, ``idf``; blind
    only: ``prior``): blind to the section's own heading unless ``sighted`` (then :func:`keywords` as users call
    it)."""
    from policytext.analysis._keyterm_blind import _keywords_blind
    from policytext.analysis.keyterms import keywords

    def extract(doc: Any, sec: Any) -> list[str]:
        if sighted:
            return [k.term for k in keywords(sec, context=doc, top=TOP, **options)]
        return [k.term for k in _keywords_blind(sec, doc, top=TOP, **options)]

    return extract


def jieba_methods(jtf: Any, jtr: Any, top: int | None = TOP) -> dict[str, Extract]:
    """``jieba_tfidf`` and ``jieba_textrank`` on the section body text, top 10 (``top=None``: every word)."""
    return {
        "jieba_tfidf": lambda doc, sec: jtf.extract_tags(body_text(doc, sec), topK=top),
        "jieba_textrank": lambda doc, sec: jtr.textrank(body_text(doc, sec), topK=top),
    }


def load_keyphraseness(path: str | Path) -> tuple[dict[str, tuple[int, int]], float]:
    """A table of ``scripts/build_keyphraseness.py``: ``{term: (df_title, df_body)}`` and the global rate of its
    header (``# Global rate: R ...``)."""
    table: dict[str, tuple[int, int]] = {}
    rate = None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# Global rate:"):
            rate = float(line.split()[3])
        elif line and not line.startswith("#") and not line.startswith("term\t"):
            term, t, b = line.split("\t")
            table[term] = (int(t), int(b))
    if rate is None:
        raise SystemExit(f"{path}: no '# Global rate:' line (build it with scripts/build_keyphraseness.py)")
    return table, rate


def keyphraseness_factor(table: Mapping[str, tuple[int, int]], rate: float, alpha: float, b: float = 20.0
                         ) -> Callable[[str], float]:
    """``(kp(t) / rate) ** alpha`` with ``kp(t) = (df_title + b·rate) / (df_body + b)``; 1 for a term not in
    ``table``.

    >>> f = keyphraseness_factor({"粮食": (10, 20), "工作": (0, 980)}, 0.05, 1.0, b=20)
    >>> round(f("粮食"), 3), round(f("工作"), 3), f("不在表中")
    (5.5, 0.02, 1.0)
    """
    def factor(term: str) -> float:
        row = table.get(term)
        return 1.0 if row is None else ((row[0] + b * rate) / (row[1] + b) / rate) ** alpha

    return factor


def score_documents(paths: Sequence[Path], methods: Mapping[str, Extract],
                    words_of: Callable[[str], list[str]]) -> dict[str, dict[str, float]]:
    """``{method: {document name: score}}`` over the documents that have heading words."""
    import policytext as pt

    out: dict[str, dict[str, float]] = {m: {} for m in methods}
    for p in paths:
        doc = pt.load(p)
        for name, extract in methods.items():
            s = doc_score(doc, words_of, extract)
            if s is not None:
                out[name][p.name] = s
    return out


def better_baseline(scores: Mapping[str, Mapping[str, float]], names: Sequence[str]) -> str:
    """The baseline method with the higher mean over the documents."""
    return max(names, key=lambda m: statistics.fmean(scores[m].values()) if scores[m] else 0.0)


def files_of(which: str, half: str, limit: int | None = None) -> list[Path]:
    """The documents of one set (``headed`` or ``corpora``) and half."""
    folder = shared(which)
    names = split((p.name for p in folder.glob("*.txt")), half)
    return [folder / n for n in names][:limit]


def report(which: str, half: str, scores: dict[str, dict[str, float]], main: str) -> None:
    """Print the means of every method and ``main`` against the better jieba method."""
    base = better_baseline(scores, ["jieba_tfidf", "jieba_textrank"])
    print(f"\n#### {which}, half {half}: mean heading recall@{TOP} per method")
    for m, s in scores.items():
        print(f"  {m:24s} {statistics.fmean(s.values()):.4f}  ({len(s)} documents)")
    print_comparison(f"{which}/{half}: {main} vs {base} (the better jieba method)", compare(scores[main], scores[base]),
                     ours=main, base=base)
    for other in scores:
        if other.startswith("idf="):  # the same method with another IDF table: the table's effect alone
            print_comparison(f"{which}/{half}: IDF alone: {main} with {other} vs with the default table",
                             compare(scores[other], scores[main]), ours=other, base=main)
        if other.startswith("kp^"):  # the same method times a keyphraseness prior
            print_comparison(f"{which}/{half}: {other} vs {base}", compare(scores[other], scores[base]),
                             ours=other, base=base, worst=0)
            print_comparison(f"{which}/{half}: keyphraseness alone: {other} vs {main}",
                             compare(scores[other], scores[main]), ours=other, base=main, worst=0)


# -- diagnosis (--diagnose): why a heading word is in one top 10 and not the other ---------------------------

#: Why a heading word the baseline recalls is not recalled by our top 10, in the order :func:`miss_class` tests.
MISS_CLASSES = (
    "candidate ranked < 10, dropped by the diversity rules",
    "candidate ranked 10-19",
    "candidate ranked 20-49",
    "candidate ranked >= 50",
    "not a candidate: number or year",
    "not a candidate: stopword",
    "not a candidate: a word of a function tag (某某 r, 临界 b)",
    "not a candidate: split into single characters (OOV)",
    "not a candidate: tokenised differently (split or merged)",
    "not in the section's text",
)


def rank_band(i: int) -> str:
    """``"10-19"``, ``"20-49"`` or ``">= 50"`` for a 0-based rank of 10 or more (``"< 10"`` below).

    >>> [rank_band(i) for i in (3, 10, 49, 50)]
    ['< 10', '10-19', '20-49', '>= 50']
    """
    return "< 10" if i < TOP else "10-19" if i < 20 else "20-49" if i < 50 else ">= 50"


def miss_class(word: str, ranked: Sequence[str], text: str, tokens: Sequence[Any]) -> str:
    """Why ``word`` is not recalled by our top 10 (one of :data:`MISS_CLASSES`).

    ``ranked``: all our candidates, best first, before the diversity rules
    (a recalling one ranked below 10 was outranked, one above was dropped by
    the diversity rules); ``text``: the section body and ``tokens`` its
    policytext tokens (offsets into ``text``), which say why no candidate
    recalls it.

    >>> from policytext.tokens.tokenizer import default_tokenizer
    >>> text = "工作要落实。2023年。微课。"
    >>> toks = default_tokenizer().tokenize(text)
    >>> for w in ("落实", "工作", "2023", "微课", "党建"):
    ...     print(w, miss_class(w, ["落实", "x"] * 6, text, toks))
    落实 candidate ranked < 10, dropped by the diversity rules
    工作 not a candidate: stopword
    2023 not a candidate: number or year
    微课 not a candidate: split into single characters (OOV)
    党建 not in the section's text
    """
    hit = next((i for i, t in enumerate(ranked) if recalls(word, t)), None)
    if hit is not None:
        band = rank_band(hit)
        return MISS_CLASSES[0] if band == "< 10" else f"candidate ranked {band}"
    at = text.find(word)
    if at < 0:
        return MISS_CLASSES[-1]
    cover = [t for t in tokens if t.end > at and t.start < at + len(word)]
    if any(c.isdigit() for c in word) or (cover and all(t.pos[:1] == "m" for t in cover)):
        return MISS_CLASSES[4]
    same = [t for t in cover if t.text == word]
    if same:
        return MISS_CLASSES[5] if same[0].is_stop else MISS_CLASSES[6]
    if cover and all(len(t.text) == 1 for t in cover):
        return MISS_CLASSES[7]
    return MISS_CLASSES[8]


def gain_class(word: str, ours_top: Sequence[str], base_ranked: Sequence[str]) -> tuple[str, str]:
    """How our top 10 recalls ``word`` (the word itself, a longer or a shorter term) and where the baseline's
    full ranking has its first word that would recall it.

    >>> gain_class("教师", ["青年教师"], ["学生"] * 12 + ["教师"])
    ('a longer term containing it', 'baseline ranked 10-19')
    """
    k = next(k for k in ours_top if recalls(word, k))
    how = "the word itself" if k == word else "a longer term containing it" if word in k else "a shorter term"
    j = next((i for i, t in enumerate(base_ranked) if recalls(word, t)), None)
    return how, "not among the baseline's words" if j is None else f"baseline ranked {rank_band(j)}"


def diagnose(paths: Sequence[Path], words_of: Callable[[str], list[str]], base_all: Extract,
             method: str = "tfidf") -> dict[str, Any]:
    """Per heading word of every section: recalled by ours, by the baseline, and why not (``--diagnose``).

    ``base_all(doc, section)`` is the baseline's full ranking (its top 10 is
    its first ten). Returns counters ``miss`` (baseline recalls, ours does
    not: :func:`miss_class`), ``gain_how`` / ``gain_where`` (ours recalls, the
    baseline does not: :func:`gain_class`), ``both`` / ``neither`` / ``absent``
    (heading words in neither top 10 and not in the section body) and
    ``docs``: per document the mean recall of ours and the baseline and the
    classes of its misses.
    """
    from collections import Counter

    import policytext as pt
    from policytext.analysis._keyterm_blind import _candidates_blind, _keywords_blind
    from policytext.tokens.tokenizer import default_tokenizer

    tk = default_tokenizer()
    out: dict[str, Any] = {"miss": Counter(), "gain_how": Counter(), "gain_where": Counter(), "docs": {},
                           "both": 0, "neither": 0, "absent": 0}
    for p in paths:
        doc = pt.load(p)
        mo, mb, why = [], [], []
        for sec in doc.sections:
            words = words_of(sec.heading)
            if not words:
                continue
            top = [k.term for k in _keywords_blind(sec, doc, top=TOP, method=method)]
            base = base_all(doc, sec)
            text = body_text(doc, sec)
            lazy: tuple[list[str], list[Any]] | None = None  # our full ranking and the body's tokens, if needed
            mo.append(recall(words, top))
            mb.append(recall(words, base[:TOP]))
            for w in words:
                ours_has, base_has = any(recalls(w, k) for k in top), any(recalls(w, k) for k in base[:TOP])
                if ours_has and base_has:
                    out["both"] += 1
                elif not ours_has and not base_has:
                    out["neither"] += 1
                    out["absent"] += w not in text
                elif ours_has:
                    how, where = gain_class(w, top, base)
                    out["gain_how"][how] += 1
                    out["gain_where"][where] += 1
                else:
                    if lazy is None:
                        lazy = (_candidates_blind(sec, doc, method=method), tk.tokenize(text))
                    cls = miss_class(w, lazy[0], text, lazy[1])
                    out["miss"][cls] += 1
                    why.append(f"{w} ({cls.split(': ')[-1].split(' (')[0]})")
        if mo:
            out["docs"][p.name] = (statistics.fmean(mo), statistics.fmean(mb), why)
    return out


def print_diagnosis(title: str, d: Mapping[str, Any]) -> None:
    """Print :func:`diagnose`'s counts and the documents where ours is worse than the baseline."""
    n_miss, n_gain = sum(d["miss"].values()), sum(d["gain_how"].values())
    print(f"\n#### {title}: heading words (one per section that has it)")
    print(f"  recalled by both: {d['both']}; by neither: {d['neither']} ({d['absent']} not in the section body)")
    print(f"  recalled by the baseline, not by ours: {n_miss}")
    for cls in MISS_CLASSES:
        if d["miss"][cls]:
            print(f"    {d['miss'][cls]:4d}  {cls}")
    print(f"  recalled by ours, not by the baseline: {n_gain}")
    for counter in (d["gain_how"], d["gain_where"]):
        for k, v in counter.most_common():
            print(f"    {v:4d}  {k}")
    worse = sorted((n, o, b, w) for n, (o, b, w) in d["docs"].items() if o < b - 1e-9)
    print(f"  documents where ours is worse: {len(worse)} of {len(d['docs'])}")
    for n, o, b, w in worse:
        print(f"    {n:16s} {o:.3f} vs {b:.3f}  missed: {', '.join(w)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--half", choices=["tune", "report", "all"], nargs="+", default=["tune", "report", "all"])
    ap.add_argument("--set", dest="sets", choices=["headed", "corpora"], nargs="+", default=["headed", "corpora"])
    ap.add_argument("--method", default="tfidf", help="our ranker (default tfidf)")
    ap.add_argument("--idf", default=None, help="IDF table for ours (default: the shipped default table)")
    ap.add_argument("--compare-idf", nargs="*", default=["background"],
                    help="also run ours with these IDF tables, compared with ours (the effect of the table alone; "
                         "default: the shipped genre background)")
    ap.add_argument("--sighted", action="store_true",
                    help="ours as library calls read a section: its own heading may shape the document's phrases")
    ap.add_argument("--docs", type=int, default=None, help="only the first N documents of each half (smoke test)")
    ap.add_argument("--keyphraseness", default=None, metavar="TABLE",
                    help="also run ours times a keyphraseness prior from TABLE (scripts/build_keyphraseness.py)")
    ap.add_argument("--kp-alpha", type=float, nargs="+", default=[0.1, 0.2, 0.3], help="its exponents")
    ap.add_argument("--kp-b", type=float, default=20.0, help="its smoothing (pseudo-counts, default 20)")
    ap.add_argument("--diagnose", action="store_true",
                    help="also classify the heading words one method recalls and the other does not (blind read)")
    args = ap.parse_args(argv)

    jt, jtf, jtr = jieba_private()

    def words_of(h: str) -> list[str]:
        return heading_words(jt.lcut, h)

    main_name = f"policytext_{args.method}"
    methods: dict[str, Extract] = {main_name: ours(args.sighted, method=args.method, idf=args.idf)}
    for table in args.compare_idf:
        methods[f"idf={table}"] = ours(args.sighted, method=args.method, idf=table)
    if args.keyphraseness:
        if args.sighted:
            ap.error("--keyphraseness reads blind only")
        kp, rate = load_keyphraseness(args.keyphraseness)
        for a in args.kp_alpha:
            methods[f"kp^{a:g}"] = ours(method=args.method, idf=args.idf,
                                        prior=keyphraseness_factor(kp, rate, a, args.kp_b))
    methods.update(jieba_methods(jtf, jtr))
    for which in args.sets:
        t0 = time.perf_counter()
        by_half = {h: files_of(which, h, args.docs) for h in ("tune", "report")}
        scores = score_documents(by_half["tune"] + by_half["report"], methods, words_of)
        for half in args.half:
            keep = {p.name for h in (("tune", "report") if half == "all" else (half,)) for p in by_half[h]}
            half_scores = {m: {d: v for d, v in s.items() if d in keep} for m, s in scores.items()}
            report(which, half, half_scores, main_name)
            if args.diagnose and not args.sighted:
                base = better_baseline(half_scores, ["jieba_tfidf", "jieba_textrank"])
                paths = [p for p in by_half["tune"] + by_half["report"] if p.name in keep]
                full = jieba_methods(jtf, jtr, top=None)[base]
                print_diagnosis(f"{which}/{half}: {main_name} vs {base}",
                                diagnose(paths, words_of, full, method=args.method))
        print(f"({which}: {time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
