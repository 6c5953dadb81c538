"""Mine a dated record for frequent units that the tokenizer splits and that behave as terms.

Usage::

    python scripts/mine_lexicon.py [RECORD_DIR] [--min-freq N] [--top N] [--processes N] [--tsv OUT]

RECORD_DIR is a folder laid out like ``../shared/xwlb`` (``metadata.tsv`` with
``file`` and ``date`` columns, one plain-text file a day). Every line is
normalised and cut by the default :class:`policytext.Tokenizer` (default
lexicon; jieba's global tokenizer is never touched). A *candidate* is a run of
2–4 consecutive tokens inside a stretch of Chinese characters (3–8 characters,
not starting or ending with a one-character function word) that occurs at
least ``--min-freq`` times: a unit the tokenizer splits today (新时代 → 新 | 时代).

For every candidate one Aho-Corasick pass over the whole record measures:

* ``freq`` occurrences, ``days`` files it occurs in, ``first`` date;
* ``years`` years with at least 3 occurrences, ``span`` years from the first
  to the last such year, ``stab`` = years / span (1.0: used every year since it
  appeared);
* ``lav`` / ``rav`` accessor variety: distinct characters seen immediately
  left / right, looking through a quotation mark (a line start or end counts
  as a character), and ``le`` / ``re``
  the branching entropy (bits) on each side;
* ``inner``: the share of the uses of the candidate's split part that are
  inside the candidate (新时代 among all 时代: how much the split part is
  really this unit); the part is the longest token, or for a unit cut into
  single characters (国 | 之 | 大 | 者) the more frequent of the unit less its
  last or its first character.

Candidates are ranked by ``score = log10(freq) * min(lav, rav) ** 0.5 * stab *
min(le, re) * inner``; those with ``inner >= --min-inner`` are printed with
their figures so that a reader can review them (the ranking proposes, reading
decides). ``--tsv`` writes every candidate. ``--lexicon TABLE`` tokenizes with
that table alone instead of the default lexicon (to see what an older table
split). Output is figures and units only, no text of the record.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _record as R

DEFAULT_RECORD = R.DEFAULT_RECORD
FUNCTION_CHARS = set("的地得之了着过所等和与及或而并且但跟同以在对于为把被从向由将按给比"
                     "也都就还又再才很最更不这那其此我你他她它们吗呢吧啊呀嘛个是有")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("record", type=Path, nargs="?", default=DEFAULT_RECORD,
                    help="record folder (default ../shared/xwlb)")
    ap.add_argument("--min-freq", type=int, default=100, help="least occurrences of a candidate (default 100)")
    ap.add_argument("--top", type=int, default=300, help="candidates to print (default 300)")
    ap.add_argument("--min-inner", type=float, default=0.3,
                    help="print only units holding at least this share of their split part's uses (default 0.3)")
    ap.add_argument("--processes", type=int, default=2, help="worker processes for tokenizing (default 2)")
    ap.add_argument("--tsv", type=Path, help="also write all ranked candidates with their figures here")
    ap.add_argument("--lexicon", type=Path,
                    help="tokenize with this lexicon table alone (default: the default lexicon)")
    return ap.parse_args(argv)


def read_index(record: Path) -> list[tuple[str, Path]]:
    """``(date, path)`` of every day, in date order."""
    return R.record_index(record)


def read_day(path: Path) -> list[str]:
    """The normalised non-empty lines of one day."""
    return R.paragraphs(path)


def _is_han(s: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in s)


def tokenizer(table: Path | None = None):  # -> policytext.Tokenizer
    """The default tokenizer, or one with ``table`` as its only lexicon."""
    import policytext as pt

    return pt.Tokenizer(pt.Lexicon.load(table, default=False) if table else None)


def count_units(paths: list[Path], keep: int = 2, table: Path | None = None) -> Counter:
    """Counts (at least ``keep``) of token runs (2–4 tokens, 3–8 characters) in the given days (a worker's share)."""
    tk = tokenizer(table)
    lex_forms = set(tk.lexicon.forms())
    counts: Counter = Counter()
    for path in paths:
        for line in read_day(path):
            toks = tk.lcut(line)
            run: list[str] = []
            for t in [*toks, "。"]:
                if _is_han(t) and t not in lex_forms:
                    run.append(t)
                    continue
                for i in range(len(run)):
                    if len(run[i]) == 1 and run[i] in FUNCTION_CHARS:
                        continue
                    unit = run[i]
                    for j in range(i + 1, min(i + 4, len(run))):
                        unit += run[j]
                        if len(unit) > 8:
                            break
                        if len(unit) >= 3 and not (len(run[j]) == 1 and run[j] in FUNCTION_CHARS):
                            counts[unit] += 1
                run = []
    return Counter({u: c for u, c in counts.items() if c >= keep})


def figures(index: list[tuple[str, Path]], units: list[str], table: Path | None = None) -> dict[str, dict]:
    """Occurrence figures of ``units`` (and of their parts) over the whole record, in one automaton pass."""
    import ahocorasick_rs

    tk = tokenizer(table)
    splits = {u: tk.lcut(u) for u in units}
    # a unit the tokenizer keeps whole on its own (a lexicon term) is split only where the false-merge guard vetoes it
    units = [u for u in units if len(splits[u]) > 1]
    # the part whose uses the unit should own: its longest token, or (a unit cut into single
    # characters, 国 | 之 | 大 | 者) the unit less its last or first character
    cands = {u: [max(splits[u], key=len)] if max(map(len, splits[u])) > 1 else [u[:-1], u[1:]] for u in units}
    unit_set = set(units)
    patterns = sorted(unit_set | {p for c in cands.values() for p in c})
    ac = ahocorasick_rs.AhoCorasick(patterns)
    pid = {p: i for i, p in enumerate(patterns)}
    is_unit = [p in unit_set for p in patterns]
    total = [0] * len(patterns)
    by_year: dict[int, Counter] = defaultdict(Counter)
    days: Counter = Counter()
    first: dict[int, str] = {}
    left: dict[int, Counter] = defaultdict(Counter)
    right: dict[int, Counter] = defaultdict(Counter)
    for date, path in index:
        year = int(date[:4])
        seen = set()
        for line in read_day(path):
            for k, s, e in ac.find_matches_as_indexes(line, overlapping=True):
                total[k] += 1
                if not is_unit[k]:
                    continue
                by_year[k][year] += 1
                seen.add(k)
                left[k][_neighbour(line, s - 1, -1, "“‘《")] += 1
                right[k][_neighbour(line, e, 1, "”’》")] += 1
        for k in seen:
            days[k] += 1
            first.setdefault(k, date)
    out = {}
    for u in units:
        k = pid[u]
        part = max(cands[u], key=lambda p: total[pid[p]])
        ys = sorted(y for y, c in by_year[k].items() if c >= 3)
        span = ys[-1] - ys[0] + 1 if ys else 1
        out[u] = {
            "freq": total[k], "days": days[k], "first": first.get(k, ""), "years": len(ys), "span": span,
            "stab": len(ys) / span, "lav": len(left[k]), "rav": len(right[k]),
            "le": _entropy(left[k]), "re": _entropy(right[k]),
            "part": part, "inner": total[k] / max(total[pid[part]], 1),
            "split": " | ".join(splits[u]),
        }
    return out


def _neighbour(line: str, i: int, step: int, quotes: str) -> str:
    """The character at ``i`` ("^"/"$" past the line), looking through a quotation mark (“国之大者”)."""
    if 0 <= i < len(line) and line[i] in quotes:
        i += step
    return line[i] if 0 <= i < len(line) else ("^" if step < 0 else "$")


def _entropy(c: Counter) -> float:
    n = sum(c.values())
    return -sum(v / n * math.log2(v / n) for v in c.values()) if n else 0.0


def score(f: dict) -> float:
    """Termhood: frequent, used every year since it appeared, varied on both sides, owning its split part."""
    return (math.log10(max(f["freq"], 1)) * min(f["lav"], f["rav"]) ** 0.5 * f["stab"] * min(f["le"], f["re"])
            * f["inner"])


COLS = ["rank", "unit", "score", "freq", "days", "first", "years", "span", "stab", "lav", "rav", "le", "re",
        "part", "inner", "split"]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if (why := R.missing_record(args.record)) is not None:
        print(why, file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    index = read_index(args.record)
    shares = [[p for i, (_, p) in enumerate(index) if i % args.processes == w] for w in range(args.processes)]
    counts: Counter = Counter()
    with ProcessPoolExecutor(args.processes) as ex:
        keep = max(2, args.min_freq // (2 * args.processes))
        for c in ex.map(count_units, shares, [keep] * len(shares), [args.lexicon] * len(shares)):
            counts.update(c)
    units = sorted(u for u, c in counts.items() if c >= args.min_freq)
    print(f"# {len(index)} days; {len(counts)} token runs; {len(units)} with >= {args.min_freq} "
          f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    figs = figures(index, units, args.lexicon)
    ranked = sorted(figs, key=lambda u: -score(figs[u]))
    rows = []
    for i, u in enumerate(ranked, 1):
        f = figs[u]
        rows.append([i, u, f"{score(f):.2f}", f["freq"], f["days"], f["first"], f["years"], f["span"],
                     f"{f['stab']:.2f}", f["lav"], f["rav"], f"{f['le']:.2f}", f"{f['re']:.2f}", f["part"],
                     f"{f['inner']:.2f}", f["split"]])
    print("\t".join(COLS))
    for r in [r for r in rows if float(r[14]) >= args.min_inner][: args.top]:
        print("\t".join(map(str, r)))
    if args.tsv:
        with open(args.tsv, "w", encoding="utf-8") as fh:
            fh.write("\t".join(COLS) + "\n")
            fh.writelines("\t".join(map(str, r)) + "\n" for r in rows)
    print(f"# done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
