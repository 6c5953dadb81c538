"""Build the keyphraseness table (``lexicons/keyphraseness.tsv``) from the titles and texts of news items.

Usage::

    python scripts/build_keyphraseness.py [--xwlb DIR] [-o OUT] [--min-df N] [--years Y ...]
    python scripts/build_keyphraseness.py --policy DIR ... [--exclude NAME ...] [-o OUT] [--min-df N]

Keyphraseness (Medelyan & Witten's KEA/Maui prior; issue 16 item 3): how
often a word that a text uses is also used in the text's headline. One pass
over the news items of the ``xwlb`` corpus (``YYYY/YYYYMMDD.txt``: an item is
a title line then its text; a blank line separates items; read as
``scripts/build_background.py`` reads them). For every word ``w`` —
:attr:`Token.norm` of the default :class:`policytext.Tokenizer`'s words
(lexicon terms whole, aliases merged), the units the keyword ranker counts —

* ``df_body``: the number of items whose text (the lines after the title)
  uses ``w``;
* ``df_title``: the number of those items whose title uses ``w`` too.

Words in fewer than ``--min-df`` bodies (default 20) are left out, and so are
plain words longer than eight characters (the table holds words, never
text). The header states the *global rate*: all (item, word) pairs of a body
word also in the title over all (item, word) pairs of body words, over every
word before the cut. The keyword ranker
(:mod:`policytext.analysis.keyterms`) reads it as the smoothed prior
``kp(w) = (df_title + a) / (df_body + b)`` with ``a = b × rate``.

``--policy DIR ...`` counts the sections (every level) of the policy
documents in these folders instead: the title is a section's heading, the
body its text after the heading (subsection headings included: what the
evaluation harness reads); ``--exclude`` leaves documents out by file stem.
Never pass ``../shared/headed``: it is the evaluation set.

Session 7 (issue 16 item 3) measured this prior as a factor
``(kp(w) / rate) ** alpha`` on the keyword ranker's score
(``benchmarks/eval_keywords.py --keyphraseness TABLE``): it did not beat
the current ranking on the tune half, so the package ships no such table
and the default output is a file in the current folder.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_background import keep, news_files, news_items  # the same reading of the news items

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEFAULT_OUTPUT = Path("keyphraseness.tsv")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--xwlb", type=Path, default=SHARED / "xwlb", help="the news corpus (default ../shared/xwlb)")
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT,
                    help="output table (default ./keyphraseness.tsv; the package ships none)")
    ap.add_argument("--policy", type=Path, nargs="+", default=None,
                    help="count the sections of the policy documents in these folders instead of news items")
    ap.add_argument("--exclude", nargs="*", default=[], help="with --policy: leave out these file stems")
    ap.add_argument("--min-df", type=int, default=20, help="leave out words used in fewer item texts (default 20)")
    ap.add_argument("--years", nargs="*", default=None, help="only these xwlb years (a sample; default all)")
    return ap.parse_args(argv)


def title_and_body(item: str) -> tuple[str, str]:
    """An item's title (its first line) and its text (the other lines).

    >>> title_and_body("标题\\n正文一。\\n正文二。")
    ('标题', '正文一。\\n正文二。')
    """
    title, _, body = item.partition("\n")
    return title.strip(), body


def policy_sections(folders: Iterable[Path], exclude: Iterable[str] = ()) -> Iterator[tuple[str, str]]:
    """``(heading, text after the heading)`` of every section, at every level, of the ``*.txt`` in ``folders``."""
    import policytext as pt

    skip = set(exclude)
    for path in sorted(p for folder in folders for p in folder.glob("*.txt") if p.stem not in skip):
        doc = pt.load(path)
        for sec in doc.walk():
            if sec.heading:
                yield sec.heading, str(doc.text[sec.heading_span[1]:sec.end])


def count_items(items: Iterable[tuple[str, str]], words: Callable[[str], set[str]]
                ) -> tuple[Counter[str], Counter[str], int]:
    """``df_title``, ``df_body`` and the number of ``(title, body)`` items with a body; ``words(text)`` is the set
    of a text's words.

    >>> dt, db, n = count_items([("粮食安全", "保障粮食安全。"), ("会议", "粮食。"), ("空", "")],
    ...                         lambda s: {w for w in ("粮食", "安全") if w in s})
    >>> sorted(dt.items()), sorted(db.items()), n
    ([('安全', 1), ('粮食', 1)], [('安全', 1), ('粮食', 2)], 2)
    """
    df_title: Counter[str] = Counter()
    df_body: Counter[str] = Counter()
    n = 0
    for title, body in items:
        if not body.strip():
            continue
        in_body = words(body)
        df_body.update(in_body)
        df_title.update(in_body & words(title))
        n += 1
    return df_title, df_body, n


def header_lines(args: argparse.Namespace, n_items: int, n_days: int, rate: float, size: int) -> list[str]:
    """The ``#`` comment lines that document the table."""
    if args.policy:
        left_out = f"; left out: {', '.join(args.exclude)}" if args.exclude else ""
        corpus = (f"Corpus: {n_items} sections (every level) of the policy documents in "
                  f"{', '.join(p.name + '/' for p in args.policy)}{left_out}: title = a section's heading, "
                  "body = its text after the heading.")
    else:
        corpus = (f"Corpus: {n_items} news items of {n_days} days of the xwlb transcripts ({args.xwlb.name}/, "
                  "official evening news 2012-2026): title = an item's first line, body = its other lines.")
    return [
        "policytext keyphraseness table: how often a word of a text is in its title (statistics only, no text).",
        "Format: UTF-8, tab-separated, columns term, df_title, df_body (header row below); '#' lines are comments.",
        corpus,
        "Tokenizer: policytext default Tokenizer (default lexicon, HMM off); words counted under Token.norm.",
        "df_body: items whose body uses the word; df_title: those of them whose title uses it too.",
        f"Words with df_body < {args.min_df} are left out (and plain words longer than 8 characters): {size} words.",
        f"Global rate: {rate:.6f} (sum of df_title / sum of df_body over all words before the cut).",
        "Built by scripts/build_keyphraseness.py.",
    ]


def write_table(rows: list[tuple[str, int, int]], path: Path, header: list[str]) -> None:
    """Write ``term, df_title, df_body`` rows (sorted by ``-df_body``, term) atomically."""
    from policytext._files import atomic_path

    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for line in header:
            fh.write(f"# {line}\n")
        fh.write("term\tdf_title\tdf_body\n")
        for term, t, b in sorted(rows, key=lambda r: (-r[2], r[0])):
            fh.write(f"{term}\t{t}\t{b}\n")


def main(argv: list[str] | None = None) -> int:
    import policytext as pt
    from policytext.tokens.tokenizer import default_tokenizer

    args = parse_args(argv)
    tk = default_tokenizer()
    t0 = time.perf_counter()
    days = [] if args.policy else news_files(args.xwlb, args.years) if args.xwlb.is_dir() else []

    def items() -> Iterable[tuple[str, str]]:
        if args.policy:
            yield from policy_sections(args.policy, args.exclude)
        for path in days:
            yield from map(title_and_body, news_items(path.read_text(encoding="utf-8")))

    def words(text: str) -> set[str]:
        return {t.norm for t in tk.tokenize(text) if t.is_word}

    df_title, df_body, n = count_items(items(), words)
    if n == 0:
        print("build_keyphraseness: no news items or sections found", file=sys.stderr)
        return 1
    rate = sum(df_title.values()) / sum(df_body.values())
    terms = set(pt.Lexicon.default().forms().values())
    rows = [(w, df_title[w], b) for w, b in df_body.items() if keep(w, b, args.min_df, terms)]
    write_table(rows, args.output, header_lines(args, n, len(days), rate, len(rows)))
    print(f"wrote {args.output}: {len(rows)} words, {n} items ({len(days)} news days), global rate {rate:.5f} "
          f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
