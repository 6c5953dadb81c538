"""Date the lexicon and attest its expansions against the dated record and the shared corpora (figures only).

Usage::

    python scripts/lexicon_record.py [--record DIR] [--corpora DIR] [--check] [--dry-run] [--substring]

One Aho-Corasick pass over every paragraph of the record (``../shared/xwlb``,
5,078 days) and of the shared corpora (``../shared/corpora/*.txt``), all text
normalised as the package normalises it, computes

* for every term of ``lexicons/political_terms.tsv``: ``first_seen_record``,
  the first date of the record on which the term or one of its aliases is used
  as a word, and ``record_days``, the number of days on which it is (a hit
  counts where the tokenizer keeps it whole, as ``Corpus.first_seen`` counts
  by default: 双减 in 双减负 is not a use; ``--substring``: every occurrence);
* for every wording of ``lexicons/expansions.tsv`` (the wordings and their
  ``years`` are written by hand): ``record`` and ``corpora``, the number of
  paragraphs holding every item of the wording verbatim; ``record_years``, the
  same count by year; ``first_record`` / ``last_record``, the first and last
  date. Wordings of a term are then ordered most frequent first (record +
  corpora), and the term's ``expansion`` column in political_terms.tsv is set to
  its first wording.

The files keep their comment lines and row order; only figure columns (and the
order of a term's wordings) change. ``--check`` writes nothing and exits 1 when
a shipped figure differs from the recomputed one or a wording is attested
nowhere (the full-record verification; the test suite re-verifies a sample).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _record as R

TERMS = R.ROOT / "lexicons" / "political_terms.tsv"
EXPANSIONS = R.ROOT / "lexicons" / "expansions.tsv"
TERM_FIGURES = ("first_seen_record", "record_days")
EXP_FIGURES = ("record", "corpora", "record_years", "first_record", "last_record")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--record", type=Path, default=R.DEFAULT_RECORD, help="record folder (default ../shared/xwlb)")
    ap.add_argument("--corpora", type=Path, default=R.DEFAULT_CORPORA,
                    help="corpora folder (default ../shared/corpora)")
    ap.add_argument("--check", action="store_true", help="verify the shipped figures; write nothing")
    ap.add_argument("--dry-run", action="store_true", help="print the figures; write nothing")
    ap.add_argument("--substring", action="store_true",
                    help="date terms by every occurrence, not by word uses (the figures before session 8)")
    return ap.parse_args(argv)


def read_rows(path: Path) -> tuple[list[str], list[str], list[dict[str, str]]]:
    """Comment lines, header and data rows (dicts) of a tab-separated table; row order kept."""
    comments: list[str] = []
    header: list[str] = []
    rows: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        if line.startswith("#"):
            comments.append(line)
        elif not header:
            header = line.split("\t")
        else:
            cells = line.split("\t")
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells)))
    return comments, header, rows


def write_rows(path: Path, comments: list[str], header: list[str], rows: list[dict[str, str]]) -> None:
    from policytext._files import atomic_path

    lines = [*comments, "\t".join(header), *("\t".join(r.get(h, "") for h in header) for r in rows)]
    with atomic_path(path) as tmp:
        Path(tmp).write_text("\n".join(lines) + "\n", encoding="utf-8")


class Scan:
    """Counts for terms (by day) and wordings (by paragraph) in one automaton pass."""

    def __init__(self, terms: list[dict[str, str]], wordings: list[tuple[str, ...]], words: bool = True) -> None:
        import ahocorasick_rs

        from policytext.analysis.compare._words import WordCounter
        from policytext.analysis.compare.series import TermCounter

        self.forms: dict[str, set[int]] = defaultdict(set)  # pattern -> term indexes
        for i, r in enumerate(terms):
            for f in [r["term"], *(a for a in r.get("aliases", "").split("|") if a)]:
                self.forms[f].add(i)
        self.item_of: dict[str, int] = {}
        for w in wordings:
            for x in w:
                self.item_of.setdefault(x, len(self.item_of))
        self.patterns = sorted(set(self.forms) | set(self.item_of))
        self.ac = ahocorasick_rs.AhoCorasick(self.patterns)
        self.p_terms = [frozenset(self.forms.get(p, ())) for p in self.patterns]
        # keyed by the lexicon's terms (unique), so that each is judged with its own entry (category, pos)
        counter = TermCounter({r["term"]: (r["term"], *(a for a in r.get("aliases", "").split("|") if a))
                               for r in terms})
        assert len(counter) == len(terms), "duplicate terms in the lexicon table"
        self.words = WordCounter(counter) if words else None  # term uses as words (else the substring hits)
        self.p_item = [self.item_of.get(p, -1) for p in self.patterns]
        self.wordings = [frozenset(self.item_of[x] for x in w) for w in wordings]
        self.by_item: dict[int, list[int]] = defaultdict(list)
        for k, ids in enumerate(self.wordings):
            self.by_item[min(ids)].append(k)  # each wording is checked once, from its lowest item
        self.first: dict[int, str] = {}
        self.days: Counter = Counter()
        self.record: Counter = Counter()
        self.corpora: Counter = Counter()
        self.years: dict[int, Counter] = defaultdict(Counter)
        self.first_w: dict[int, str] = {}
        self.last_w: dict[int, str] = {}

    def paragraph_wordings(self, text: str, terms_seen: set[int]) -> list[int]:
        items = set()
        for pid, _s, _e in self.ac.find_matches_as_indexes(text, overlapping=True):
            if self.words is None:
                terms_seen |= self.p_terms[pid]
            if self.p_item[pid] >= 0:
                items.add(self.p_item[pid])
        return [k for i in items for k in self.by_item.get(i, ()) if self.wordings[k] <= items]

    def day(self, date: str, paras: list[str]) -> None:
        seen: set[int] = set()
        for p in paras:
            if self.words is not None:
                seen.update(i for i, _n, _o in self.words.count(p))
            for k in self.paragraph_wordings(p, seen):
                self.record[k] += 1
                self.years[k][date[:4]] += 1
                self.first_w.setdefault(k, date)
                self.last_w[k] = date
        for i in seen:
            self.days[i] += 1
            self.first.setdefault(i, date)

    def corpus_file(self, paras: list[str]) -> None:
        for p in paras:
            for k in self.paragraph_wordings(p, set()):
                self.corpora[k] += 1


def figures(scan: Scan, terms: list[dict[str, str]], exps: list[dict[str, str]]) -> None:
    """Fill the figure columns of ``terms`` and ``exps`` in place from a finished scan."""
    for i, r in enumerate(terms):
        r["first_seen_record"] = scan.first.get(i, "")
        r["record_days"] = str(scan.days.get(i, 0))
    for k, r in enumerate(exps):
        r["record"] = str(scan.record[k])
        r["corpora"] = str(scan.corpora[k])
        r["record_years"] = " ".join(f"{y}:{c}" for y, c in sorted(scan.years[k].items()))
        r["first_record"] = scan.first_w.get(k, "")
        r["last_record"] = scan.last_w.get(k, "")


def order_wordings(exps: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows grouped by term (first appearance order), each term's wordings most frequent first."""
    groups: dict[str, list[dict[str, str]]] = {}
    for r in exps:
        groups.setdefault(r["term"], []).append(r)
    out = []
    for rows in groups.values():
        out += sorted(rows, key=lambda r: -(int(r["record"]) + int(r["corpora"])))
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if (why := R.missing_record(args.record)) is not None:
        print(why, file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    t_comments, t_header, terms = read_rows(TERMS)
    e_comments, e_header, exps = read_rows(EXPANSIONS)
    shipped_t = [{c: r.get(c, "") for c in TERM_FIGURES} for r in terms]
    shipped_e = [{c: r.get(c, "") for c in EXP_FIGURES} for r in exps]
    scan = Scan(terms, [tuple(x for x in r["expansion"].split("|") if x) for r in exps], words=not args.substring)
    n_days = 0
    for date, path in R.record_index(args.record):
        scan.day(date, R.paragraphs(path))
        n_days += 1
    for path in R.corpora_files(args.corpora):
        scan.corpus_file(R.paragraphs(path))
    figures(scan, terms, exps)
    print(f"# {n_days} days, {len(terms)} terms, {len(exps)} wordings, {len(scan.patterns)} patterns: "
          f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    unattested = [f"{r['term']}: {r['expansion']}" for r in exps if r["record"] == "0" and r["corpora"] == "0"]
    if args.check or args.dry_run:
        bad = [f"{r['term']} {c}: shipped {s[c]!r}, computed {r[c]!r}"
               for r, s in [*zip(terms, shipped_t), *zip(exps, shipped_e)] for c in s if s[c] != r[c]]
        for line in bad[:50]:
            print("differs:", line)
        for line in unattested:
            print("unattested:", line)
        if args.dry_run:
            for r in exps:
                print("\t".join(r[c] for c in ("term", "years", "record", "corpora", "record_years", "expansion")))
        return 1 if (bad or unattested) and args.check else 0
    exps = order_wordings(exps)
    first: dict[str, str] = {}
    for r in exps:
        first.setdefault(r["term"], r["expansion"])
    for r in terms:
        if r["term"] in first:
            r["expansion"] = first[r["term"]]
    for col in TERM_FIGURES:
        if col not in t_header:
            t_header.append(col)
    write_rows(TERMS, t_comments, t_header, terms)
    write_rows(EXPANSIONS, e_comments, e_header, exps)
    for line in unattested:
        print("unattested:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
