"""Compare a series of dated documents pair by pair: new and dropped 提法.

For a folder of documents (for instance the plenum communiqués 十八届二中 …
二十届四中), this script

1. reads the dates from ``MANIFEST.tsv`` (or ``metadata.tsv``) in the folder —
   a tab-separated table with at least the columns ``file`` and ``date`` — and
   otherwise from the documents themselves (``doc.metadata["date"]``);
2. compares each document with the previous one (``policytext.compare``) and
   prints the new and the dropped terms and formulations;
3. prints where each lexicon term that is not in the first document was first
   seen (``first_seen``);
4. with ``-o DIR``, writes an HTML report per pair, ``first_seen.csv``,
   ``trajectories.csv`` and ``trajectories.png`` there.

Usage::

    python examples/compare_plenums.py ../shared/corpora --glob "plenum_*_communique.txt" -o out/
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import policytext as pt
from policytext.analysis.compare import compare, first_seen, term_trajectories
from policytext.render.compare_report import write_comparison
from policytext.render.plots import plot_trajectories


def read_dates(folder: Path) -> dict[str, str]:
    """``file name → date`` from MANIFEST.tsv / metadata.tsv, if present."""
    for name in ("MANIFEST.tsv", "metadata.tsv"):
        path = folder / name
        if path.is_file():
            with open(path, encoding="utf-8-sig", newline="") as fh:
                rows = csv.DictReader(fh, delimiter="\t")
                if rows.fieldnames and {"file", "date"} <= set(rows.fieldnames):
                    return {r["file"]: r["date"].strip() for r in rows if r.get("file") and r.get("date")}
    return {}


def load_series(folder: Path, pattern: str) -> list[pt.Document]:
    dates = read_dates(folder)
    docs = []
    for path in sorted(folder.glob(pattern)):
        if path.name in ("MANIFEST.tsv", "metadata.tsv") or not path.is_file():
            continue
        meta = {"date": dates[path.name]} if path.name in dates else None
        doc = pt.load(path, metadata=meta)
        if not doc.metadata.get("date"):
            print(f"warning: no date for {path.name}; it is placed last", file=sys.stderr)
        docs.append(doc)
    return sorted(docs, key=lambda d: (not d.metadata.get("date"), str(d.metadata.get("date", ""))))


def fmt_terms(df, side: str, top: int) -> str:
    if df.empty:
        return "(none)"
    return "、".join(f"{r.term}({getattr(r, 'count_' + side)})" for r in df.head(top).itertuples())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Compare consecutive dated documents: new and dropped 提法.")
    ap.add_argument("folder", type=Path, help="folder of documents (with MANIFEST.tsv: file, date)")
    ap.add_argument("--glob", default="*.txt", help="which files to read (default *.txt)")
    ap.add_argument("-o", "--output", type=Path, help="write reports, CSV tables and a plot here")
    ap.add_argument("--top", type=int, default=12, help="terms to print per list (default 12)")
    args = ap.parse_args(argv)

    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 1
    docs = load_series(args.folder, args.glob)
    if len(docs) < 2:
        print(f"error: need at least two documents matching {args.glob!r} in {args.folder}", file=sys.stderr)
        return 1
    if args.output:
        args.output.mkdir(parents=True, exist_ok=True)

    print(f"{len(docs)} documents, {docs[0].metadata.get('date')} … {docs[-1].metadata.get('date')}\n")
    for a, b in zip(docs, docs[1:]):
        cmp = compare(a, b)
        print(f"== {cmp.a_name} → {cmp.b_name}  ({cmp.a_date} → {cmp.b_date}; "
              f"cosine {cmp.similarity.cosine:.2f}, Jaccard {cmp.similarity.jaccard:.2f})")
        print(f"   new:     {fmt_terms(cmp.new_terms, 'b', args.top)}")
        print(f"   dropped: {fmt_terms(cmp.dropped_terms, 'a', args.top)}")
        new_p = cmp.people.loc[cmp.people["status"] == "new", "name"].tolist()
        gone_p = cmp.people.loc[cmp.people["status"] == "dropped", "name"].tolist()
        print(f"   people:  new {'、'.join(new_p[:args.top]) or '—'}; dropped {'、'.join(gone_p[:args.top]) or '—'}")
        if args.output:
            write_comparison(cmp, args.output / f"{cmp.a_name}__{cmp.b_name}.html", top=args.top)

    fs = first_seen(docs)
    later = fs[fs["document"] != fs["document"].iloc[0]] if not fs.empty else fs
    print(f"\nFirst seen ({len(fs)} lexicon terms occur; {len(later)} appear after the first document):")
    print(later[["term", "document", "date", "count", "n_documents", "total"]].to_string(index=False))

    if args.output:
        fs.to_csv(args.output / "first_seen.csv", index=False)
        terms = later.sort_values("total", ascending=False, kind="mergesort")["term"].head(6).tolist()
        tr = term_trajectories(docs, terms or None)
        tr.to_csv(args.output / "trajectories.csv")
        if len(tr.columns):
            plot_trajectories(tr.iloc[:, :6], None, args.output / "trajectories.png",
                              title="Term rates per 10,000 characters")
        print(f"\nwrote reports, first_seen.csv, trajectories.csv and trajectories.png to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
