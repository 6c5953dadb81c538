"""Evaluation: emerging terms over the 新闻联播 record, and new terms of a document against it.

Reads ``../shared/xwlb`` (the dated record) and ``../shared/corpora`` (the
government work reports). Nothing is tuned here: the constants of
:mod:`policytext.corpus.emerging` (``FRAGMENT_SHARE`` 0.9, ``min_days`` 3,
``max_n`` 4) were set before these checks; the windows are split into the
``tune`` and ``report`` halves by a hash of the term (``_evalkit.half_of``) and
the figures are given for each half and for all.

Part 1, emerging terms. For each known 提法, a three-month window around its
first appearance in the record (the date is found by a scan of the record in
the same run, not assumed): the rank of the term among
``emerging_terms(since, until)`` rows — as the row's term or inside its
``nest`` — with an empty lexicon and with the shipped one; the baseline is
the same candidates ranked by use inside the window (``window_days``, then
``count``) instead of spread. Then the top rows of a few windows, for reading,
and the query time beside plain ``jieba.lcut`` over the window's text.

Part 2, new terms of a document. ``compare(gwr_2021, gwr_2022,
background=record)`` and ``compare(gwr_2022, gwr_2024, …)``: the rank of the
terms the press listed as first written into the later report
(:data:`PRESS_FIRSTS`) in ``new_terms`` with the background (ranked by novelty
and termhood) and without it (ranked by count: the baseline).

Usage::

    python benchmarks/eval_novelty.py            # everything
    python benchmarks/eval_novelty.py --quick    # six windows, no reading lists
    python benchmarks/eval_novelty.py --part 1 --lexicon empty   # emerging terms, empty lexicon only
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _evalkit import half_of, shared

import policytext as pt
from policytext.corpus.emerging import background, emerging_terms

#: Known 提法 (first appearance in the record checked in the run; window: that month and the next two).
TERMS = [
    "新质生产力", "两个确立", "四个全面", "新发展格局", "全过程人民民主", "中国式现代化", "供给侧结构性改革",
    "两个维护", "四个意识", "四个自信", "精准扶贫", "碳达峰", "全球发展倡议", "全球安全倡议", "全球文明倡议",
    "国之大者", "六稳", "六保", "两学一做", "三严三实", "放管服", "低空经济", "全球治理倡议", "人类命运共同体",
    "三大全球倡议", "两个结合", "总体国家安全观", "乡村振兴战略",
]
QUICK = ["新质生产力", "两个确立", "新发展格局", "全过程人民民主", "四个意识", "全球文明倡议"]
READ = [("2023-09-01", "2023-12-31"), ("2021-11-01", "2022-01-31"), ("2020-05-01", "2020-07-31"),
        ("2016-01-01", "2016-03-31")]

#: Terms the press listed as written into the government work report for the first time ("首次写入政府工作报告",
#: "今年报告中的新提法": Xinhua, People's Daily and CCTV explainers of March 2022 and March 2024, from memory
#: of that coverage), kept only where the term is in the later report and not in the earlier one (checked below).
#: 2022: 全国统一大市场, 专精特新 (enterprises), 数字经济治理, 稳字当头, 跨周期调节, 先立后破, 留抵退税 (大规模).
#: 2024 (against 2022: the 2023 report is not in the corpora): 新质生产力, 人工智能+, 低空经济, 银发经济,
#: 创新药, 商业航天, 生物制造, 以进促稳, 未来产业, 新型工业化, 大食物观, 新型能源体系.
PRESS_FIRSTS = {
    ("gwr_2021", "gwr_2022"): ["全国统一大市场", "专精特新", "数字经济治理", "稳字当头", "跨周期调节", "先立后破",
                               "留抵退税"],
    ("gwr_2022", "gwr_2024"): ["新质生产力", "人工智能+", "低空经济", "银发经济", "创新药", "商业航天", "生物制造",
                               "以进促稳", "未来产业", "新型工业化", "大食物观", "新型能源体系"],
}


def _rank(df, term: str) -> int | None:
    """1-based rank of the row holding ``term`` (as its term or in its nest), else None."""
    for i, (t, nest) in enumerate(zip(df["term"], df["nest"]), 1):
        if term in {x.strip("“”‘’") for x in (t, *nest)}:
            return i
    return None


def _firsts(bg, terms):
    use = bg.usage(terms, 0)
    return {t: bg.dates[f] for t, f in zip(terms, use.first) if f >= 0}


def _window(first: str) -> tuple[str, str]:
    y, m = int(first[:4]), int(first[5:7])
    m2, y2 = m + 2, y
    if m2 > 12:
        m2, y2 = m2 - 12, y + 1
    return f"{y:04d}-{m:02d}-01", f"{y2:04d}-{m2:02d}-31"


def part_emerging(corpus, terms: list[str], read: bool, lexicons: tuple[str, ...] = ("empty", "shipped")) -> None:
    bg = background(corpus)
    firsts = _firsts(bg, terms)
    print(f"\n== Part 1: emerging terms ({len(firsts)} known 提法, windows of three months) ==")
    print(f"{'term':<12}{'half':<8}{'first':<12}{'window':<24}{'empty':>7}{'base':>7}{'shipped':>9}{'base':>7}"
          f"{'s':>7}")
    ranks: dict[str, list[tuple[str, int | None, int | None]]] = {"empty": [], "shipped": []}
    for term in terms:
        if term not in firsts:
            print(f"{term}: not in the record")
            continue
        since, until = _window(firsts[term])
        row = []
        for label, lex in (("empty", pt.Lexicon.empty()), ("shipped", None)):
            if label not in lexicons:
                row += [None, None]
                continue
            t0 = time.perf_counter()
            df = emerging_terms(corpus, since=since, until=until, lexicon=lex, top=10**6)
            secs = time.perf_counter() - t0
            base = df.sort_values(["window_days", "count"], ascending=False, kind="mergesort")
            r, b = _rank(df, term), _rank(base, term)
            ranks[label].append((half_of(term), r, b))
            row += [r, b]
        print(f"{term:<12}{half_of(term):<8}{firsts[term]:<12}{since + '…' + until:<24}"
              + "".join(f"{x if x else '-':>7}" for x in row[:2]) + f"{row[2] if row[2] else '-':>9}"
              + f"{row[3] if row[3] else '-':>7}{secs:>7.1f}")
    for label, rows in ranks.items():
        if label not in lexicons:
            continue
        for half in ("tune", "report", "all"):
            sel = [x for x in rows if half == "all" or x[0] == half]
            if not sel:
                continue
            for k in (1, 3, 10):
                ours = sum(1 for _, r, _ in sel if r is not None and r <= k) / len(sel)
                base = sum(1 for _, _, b in sel if b is not None and b <= k) / len(sel)
                print(f"  {label:<8}{half:<7} recall@{k:<3} spread {ours:.2f}   window-count baseline {base:.2f}"
                      f"   (n={len(sel)})")
    if read:
        _reading(corpus, bg)


def _reading(corpus, bg) -> None:
    import jieba

    print("\n-- top 20 of some windows (empty lexicon), for reading; time beside plain jieba.lcut of the window --")
    for since, until in READ:
        t0 = time.perf_counter()
        df = emerging_terms(corpus, since=since, until=until, lexicon=pt.Lexicon.empty(), top=20)
        secs = time.perf_counter() - t0
        lo, hi = bg.start_of(since), bg.end_of(until)
        text = "\n".join(bg.text(i) for i in range(lo, hi))
        t0 = time.perf_counter()
        jieba.lcut(text)
        jsecs = time.perf_counter() - t0
        print(f"\n{since} … {until}: {hi - lo} days, {len(text):,} chars; emerging_terms {secs:.1f} s, "
              f"jieba.lcut of the window {jsecs:.1f} s ({secs / jsecs:.1f}×)")
        for r in df.itertuples():
            nest = f"  nest {list(r.nest)}" if r.nest else ""
            print(f"  {r.term:<14}{r.kind:<9}{r.first_date}  days {r.days:>4}  later {r.later_days:>4}{nest}")


def part_compare(corpus) -> None:
    print("\n== Part 2: new terms of a government work report against the record ==")
    corpora = shared("corpora")
    bg = background(corpus)
    for (a, b), terms in PRESS_FIRSTS.items():
        da = pt.load(corpora / f"{a}.txt", metadata={"date": a[-4:] + "-03-05"})
        db = pt.load(corpora / f"{b}.txt", metadata={"date": b[-4:] + "-03-05"})
        terms = [t for t in terms if t in db.text and t not in da.text]
        t0 = time.perf_counter()
        ours = pt.compare(da, db, background=bg).new_terms
        secs = time.perf_counter() - t0
        base = pt.compare(da, db).new_terms
        print(f"\n{a} → {b}: {len(ours)} new terms with the background ({secs:.1f} s), {len(base)} without")
        r_ours, r_base = [], []
        for t in terms:
            ro, rb = _rank(ours, t), _rank(base, t) if "nest" in base else _plain_rank(base, t)
            r_ours.append(ro)
            r_base.append(rb)
            print(f"  {t:<10} rank with background {ro if ro else '-':>5}   by count (baseline) {rb if rb else '-':>5}")
        for k in (10, 20, 50):
            print(f"  recall@{k}: background {sum(1 for r in r_ours if r and r <= k)}/{len(terms)}, "
                  f"baseline {sum(1 for r in r_base if r and r <= k)}/{len(terms)}")
        print("  top 20 with the background: " + ", ".join(ours["term"].head(20)))
        print("  median rank of the press list: background "
              f"{statistics.median([r or len(ours) + 1 for r in r_ours])}, "
              f"baseline {statistics.median([r or len(base) + 1 for r in r_base])}")


def _plain_rank(df, term: str) -> int | None:
    hits = [i for i, t in enumerate(df["term"], 1) if t.strip("“”‘’") == term]
    return hits[0] if hits else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--part", choices=["1", "2", "all"], default="all")
    ap.add_argument("--lexicon", choices=["empty", "shipped", "both"], default="both",
                    help="lexicons of part 1 (each window runs once per lexicon)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    corpus = pt.Corpus.from_folder(shared("xwlb"), pattern="**/*.txt")
    bg = background(corpus)
    print(f"record: {bg!r}; corpus and background built in {time.perf_counter() - t0:.1f} s")
    if args.part in ("1", "all"):
        lexicons = ("empty", "shipped") if args.lexicon == "both" else (args.lexicon,)
        part_emerging(corpus, QUICK if args.quick else TERMS, read=not args.quick, lexicons=lexicons)
    if args.part in ("2", "all"):
        part_compare(corpus)


if __name__ == "__main__":
    main()
