"""Build the genre background IDF table (``lexicons/idf_background.tsv``) from news items and policy documents.

Usage::

    python scripts/build_background.py [--xwlb DIR] [--policy DIR ...] [-o OUT] [--min-df N] [--years Y ...]

Pseudo-documents (issue 16 item 2):

* every news item of the ``xwlb`` corpus (``YYYY/YYYYMMDD.txt``: an item is a
  title line then its text, one paragraph a line; a blank line separates
  items), read as one document, title included;
* every paragraph of the body sentences of every ``*.txt`` in each
  ``--policy`` folder (default ``../shared/corpora`` and ``../shared/headed``),
  as :func:`policytext.analysis.idf.idf_table` counts them (headings not read).

Words are :attr:`Token.norm` of the default :class:`policytext.Tokenizer`'s
words (lexicon terms whole, aliases merged), as the keyword ranker counts
them. ``idf = ln(N / df)``; words in fewer than ``--min-df`` pseudo-documents
(default 20) are left out and get the table's *default IDF* (written in the
header, ``ln(N / min_df)``: a word rarer than every word of the table is at
least as specific as the rarest of them). Words longer than eight characters
that are not lexicon terms are left out (the shipped table holds words, never
text). The table holds figures only (word, IDF, document frequency).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEFAULT_OUTPUT = REPO / "lexicons" / "idf_background.tsv"
MAX_PLAIN = 8


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--xwlb", type=Path, default=SHARED / "xwlb", help="the news corpus (default ../shared/xwlb)")
    ap.add_argument("--policy", type=Path, nargs="*", default=[SHARED / "corpora", SHARED / "headed"],
                    help="folders of policy documents, counted by paragraph (default ../shared/corpora, headed)")
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT,
                    help="output table (default lexicons/idf_background.tsv)")
    ap.add_argument("--min-df", type=int, default=20, help="leave out words in fewer pseudo-documents (default 20)")
    ap.add_argument("--years", nargs="*", default=None, help="only these xwlb years (a sample; default all)")
    return ap.parse_args(argv)


def news_items(text: str) -> Iterator[str]:
    """The items of one day's transcript: blocks separated by blank lines (title line, then text).

    >>> list(news_items("标题一\\n正文。\\n\\n标题二\\n正文二。\\n"))
    ['标题一\\n正文。', '标题二\\n正文二。']
    """
    for block in text.replace("\r\n", "\n").split("\n\n"):
        block = block.strip("\n")
        if block.strip():
            yield block


def news_files(folder: Path, years: Iterable[str] | None = None) -> list[Path]:
    """The day files ``YYYY/YYYYMMDD.txt`` of the news corpus (of ``years`` when given), sorted."""
    wanted = set(years) if years else None
    return sorted(p for p in folder.glob("*/*.txt") if wanted is None or p.parent.name in wanted)


def count_news(files: Iterable[Path], tokenizer) -> tuple[Counter[str], int]:
    """Document frequency of words over news items, and the number of items."""
    df: Counter[str] = Counter()
    n = 0
    for path in files:
        for item in news_items(path.read_text(encoding="utf-8")):
            df.update({t.norm for t in tokenizer.tokenize(item) if t.is_word})
            n += 1
    return df, n


def count_policy(folders: Iterable[Path], tokenizer) -> tuple[Counter[str], int, int]:
    """Document frequency of words over the paragraphs of policy documents; paragraphs, documents."""
    from policytext.analysis.idf import idf_table

    files = sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.txt"))
    if not files:
        return Counter(), 0, 0
    table, n = idf_table(files, unit="paragraph", min_df=1, tokenizer=tokenizer)
    return Counter({w: df for w, (_, df) in table.items()}), n, len(files)


def keep(word: str, df: int, min_df: int, terms: set[str]) -> bool:
    """A word enters the table: frequent enough, and a word (long ones must be lexicon terms).

    >>> keep("机构改革", 9, 5, set()), keep("机构改革", 4, 5, set()), keep("一二三四五六七八九", 9, 5, set())
    (True, False, False)
    """
    return df >= min_df and (len(word) <= MAX_PLAIN or word in terms) and not any(c in word for c in "。！？；\n")


def header_lines(args: argparse.Namespace, n_news: int, n_days: int, n_par: int, n_docs: int, n: int,
                 default: float, median: float, size: int) -> list[str]:
    """The ``#`` comment lines that document the table."""
    return [
        "policytext IDF table: the genre background of Chinese policy language (statistics only, no text).",
        "Format: UTF-8, tab-separated, columns term, idf, df (header row below); '#' lines are comments.",
        f"Corpus: {n_news} news items of {n_days} days of the xwlb transcripts ({args.xwlb.name}/, "
        "official evening news 2012-2026) and "
        f"{n_par} paragraphs of {n_docs} policy documents ({', '.join(p.name + '/' for p in args.policy)}).",
        "Tokenizer: policytext default Tokenizer (default lexicon, HMM off); words counted under Token.norm; "
        "policy documents: body sentences only (headings excluded).",
        f"Pseudo-documents: paragraphs of the policy documents and whole news items (N = {n}); idf = ln(N / df);",
        f"words with df < {args.min_df} are left out (and longer plain words than {MAX_PLAIN} characters): "
        f"{size} words.",
        f"Default idf: {default:.4f} (ln(N / {args.min_df})): the IDF of a word the table lacks.",
        f"Median idf: {median:.4f}. Built by scripts/build_background.py.",
    ]


def main(argv: list[str] | None = None) -> int:
    import policytext as pt
    from policytext.analysis.idf import write_idf
    from policytext.tokens.tokenizer import default_tokenizer

    args = parse_args(argv)
    tk = default_tokenizer()
    t0 = time.perf_counter()
    days = news_files(args.xwlb, args.years) if args.xwlb.is_dir() else []
    news_df, n_news = count_news(days, tk)
    pol_df, n_par, n_docs = count_policy(args.policy, tk)
    n = n_news + n_par
    if n == 0:
        print("build_background: no news items and no policy documents found", file=sys.stderr)
        return 1
    df = news_df + pol_df
    terms = set(pt.Lexicon.default().forms().values())
    table = {w: (math.log(n / c), c) for w, c in df.items() if keep(w, c, args.min_df, terms)}
    default = math.log(n / args.min_df)
    median = statistics.median(v for v, _ in table.values()) if table else 0.0
    write_idf(table, args.output, header=header_lines(args, n_news, len(days), n_par, n_docs, n, default, median,
                                                       len(table)))
    print(f"wrote {args.output}: {len(table)} words, N = {n} ({n_news} news items, {n_par} paragraphs), "
          f"default idf {default:.3f}, median {median:.3f} ({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
