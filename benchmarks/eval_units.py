"""Evaluation harness: one unit of meaning in graphs, word clouds and keywords (issue 16 item 5).

Run::

    .venv/bin/python benchmarks/eval_units.py [--half tune|report|all ...] [--set headed|corpora|both]
        [--docs N] [--no-drawings]

Per document, grouped by document (``benchmarks/_evalkit.py``: halves by a
hash of the file name, pooled ratio with a bootstrap interval over
documents, share of documents not worse, worst ten), in one run:

Graph nodes (``cooccurrence(doc, top=30)``)
    * ``unit share``: share of the nodes that are keyword units — terms that
      :func:`policytext.analysis.keyterms.keywords` counts and scores in this
      document (phrases joined, lexicon terms whole). Higher is better.
    * ``keyword share``: share of the nodes among the document's 30 keywords.
    * ``non-concept share``: share of the nodes that are a single verb,
      adjective, idiom or set phrase (jieba tag not ``n*``/``j``/``eng``,
      no lexicon category) that the document's 20 keywords do not keep
      (稳定, 利用, 有利于). Lower is better.
Graph edges (the study report's graph: ``top=40``, ``min_count=2`` above 40 sentences)
    * ``split-phrase edges``: share of the edges' co-occurrence count between two
      parts of one phrase that the keywords join, standing side by side as
      separate units in some sentence (人民—群众 from 人民群众: the phrase
      split in two). Lower is better.
    * ``drawn nodes``: nodes with at least one edge (what ``plot_graph`` draws).
Word cloud (``--no-drawings`` skips; 900×560 as the study report draws it)
    * ``size correlation``: Spearman correlation between the keyword score of
      the document's 30 keywords and the font size the cloud draws them at
      (0 when not drawn). Higher is better.
Drawn graph (``plot_graph`` defaults)
    * ``label/disc overlaps``: (label, node disc) pairs that overlap in the
      rendered figure (:func:`policytext.render.graph.label_disc_overlaps`).

Baselines, same documents, same run: ``cooccurrence(doc, nodes="content",
phrases=False)`` (every content token, ranked by count: the graph before),
``wordcloud(doc, weights="frequency")`` (the cloud before), and for the
drawing the label placement before (labels on their node unless another
label is in the way), reimplemented here from its description. A third
graph, ``concepts by count`` (our nodes ranked by count instead of keyword
score), shows what the ranking adds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import compare, print_comparison, shared, split

import policytext as pt
from policytext.analysis.cooccur import cooccurrence
from policytext.analysis.keyterms import keywords
from policytext.analysis.phrases import find_phrases, token_slots

NODE_TOP = 30
STUDY_TOP = 40


def study_min_count(doc: Any) -> int:
    """The study report's ``min_count`` (``analysis/summary.py``)."""
    return 2 if len(doc.sentences) > 40 else 1


def top_by_count(G: Any, n: int) -> Any:
    """The subgraph of the ``n`` nodes with the highest count (ties by term), as ``top=n`` by count keeps."""
    keep = sorted(G.nodes, key=lambda t: (-G.nodes[t]["count"], t))[:n]
    return G.subgraph(keep).copy()


def phrase_parts(doc: Any, tk: Any) -> tuple[set[frozenset[str]], set[str]]:
    """Pairs of distinct token norms inside one phrase the keywords join (their phrase table), and the phrases."""
    from policytext.analysis.terms import heading_tokens, sentence_tokens

    units = [token_slots(t) for t in sentence_tokens(doc, tk)] + [token_slots(t) for _, t in heading_tokens(doc, tk)]
    table = find_phrases(units, 2)
    return {frozenset(p) for g in table for p in combinations(set(g), 2)}, {"".join(g) for g in table}


def split_pairs(doc: Any, tk: Any, parts: set[frozenset[str]], *, tokens: bool) -> set[frozenset[str]]:
    """Pairs of graph units that stand side by side (adjacent slots, nothing between) in some sentence as
    two parts of one joined phrase: an edge between them is (at least partly) the phrase split in two
    (人民—群众 from 人民群众)."""
    from itertools import pairwise

    from policytext.analysis.phrases import merge_phrases
    from policytext.analysis.terms import sentence_tokens

    slots = [token_slots(t) for t in sentence_tokens(doc, tk)]
    if not tokens:
        from policytext.analysis.terms import heading_tokens

        table = find_phrases(slots + [token_slots(t) for _, t in heading_tokens(doc, tk)], 2)
        slots = [merge_phrases(x, table) for x in slots]
    return {p for unit in slots for a, b in pairwise(unit)
            if a is not None and b is not None and (p := frozenset((a[0], b[0]))) in parts}


def noun_like(doc: Any, tk: Any) -> set[str]:
    """Norms of tokens that are lexicon terms, nouns, abbreviations or Latin-letter words."""
    from policytext.analysis._keyterm_input import join_names  # the keywords' token lists (names joined)

    return {t.norm for toks in tk.tokenize_document(doc) for t in join_names(toks)
            if t.category is not None or t.pos[:1] == "n" or t.pos in ("j", "eng")}


def spearman(x: list[float], y: list[float]) -> float:
    """Spearman's rho (average ranks for ties); 0.0 when either side is constant."""
    def ranks(v: list[float]) -> list[float]:
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(v):
            j = i
            while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r
    rx, ry = ranks(x), ranks(y)
    if len(set(rx)) < 2 or len(set(ry)) < 2:
        return 0.0
    return statistics.correlation(rx, ry)


def graph_measures(doc: Any, tk: Any) -> dict[str, dict[str, float]]:
    """Node and edge measures of the three graphs of one document."""
    units = {k.term for k in keywords(doc, top=100000, diversity=False, tokenizer=tk)}
    kw30 = {k.term for k in keywords(doc, top=30, tokenizer=tk)}
    kw20 = {k.term for k in keywords(doc, top=20, tokenizer=tk)}
    nouns = noun_like(doc, tk)
    parts, joined = phrase_parts(doc, tk)
    mc = study_min_count(doc)
    graphs = {
        "ours": (cooccurrence(doc, top=NODE_TOP, tokenizer=tk), cooccurrence(doc, top=STUDY_TOP, min_count=mc,
                                                                             tokenizer=tk)),
        "content tokens by count (before)": (
            cooccurrence(doc, top=NODE_TOP, nodes="content", phrases=False, tokenizer=tk),
            cooccurrence(doc, top=STUDY_TOP, min_count=mc, nodes="content", phrases=False, tokenizer=tk)),
        "concepts by count": (top_by_count(cooccurrence(doc, tokenizer=tk), NODE_TOP),
                              top_by_count(cooccurrence(doc, min_count=mc, tokenizer=tk), STUDY_TOP)),
    }
    split = {name: split_pairs(doc, tk, parts, tokens=name.startswith("content")) for name in graphs}
    out: dict[str, dict[str, float]] = {}
    for name, (g30, g40) in graphs.items():
        nodes = list(g30)
        n = max(len(nodes), 1)
        total = sum(d["count"] for _, _, d in g40.edges(data=True))
        split_count = sum(d["count"] for a, b, d in g40.edges(data=True) if frozenset((a, b)) in split[name])
        out[name] = {
            "unit share": sum(t in units for t in nodes) / n,
            "keyword share": sum(t in kw30 for t in nodes) / n,
            "non-concept share": sum(t not in nouns and t not in joined and t not in kw20 for t in nodes) / n,
            "split-phrase edges": split_count / total if total else 0.0,
            "drawn nodes": float(sum(1 for t in g40 if g40.degree(t))),
        }
    return out


def cloud_measures(doc: Any, tk: Any) -> dict[str, float]:
    """Spearman correlation of drawn sizes with keyword scores: our cloud and the frequency cloud."""
    from policytext.render.wordcloud import wordcloud, written_form

    kws = keywords(doc, top=30, tokenizer=tk)
    out = {}
    for name, weights in (("ours", "keywords"), ("frequency (before)", "frequency")):
        img = wordcloud(doc, width=900, height=560, weights=weights, tokenizer=tk)
        words = img.info["policytext_words"].split("\n")
        sizes = dict(zip(words, map(float, img.info["policytext_sizes"].split("\n")))) if words != [""] else {}
        # a cloud draws a keyword as the document wrote it (written_form), so its size is found under that form
        drawn = [sizes.get(written_form(k), sizes.get(k.term, 0.0)) for k in kws]
        out[name] = spearman([k.score for k in kws], drawn) if len(kws) > 2 else 1.0
    return out


def old_placement(monkeypatch_module: Any) -> Callable[[], None]:
    """Swap in the label placement before this change (labels on their node unless a label is in the way);
    returns the function that restores ours."""
    import numpy as np

    g = monkeypatch_module
    ours_place, ours_cand = g._place_labels, g._candidates

    def candidates(center: Any, r: float, w: float, h: float, rings: int = 8) -> Any:
        xs, ys, ring_of = ours_cand(center, r, w, h, rings)
        return (np.r_[center[0], xs], np.r_[center[1], ys], np.r_[0, ring_of])

    def place(fig: Any, ax: Any, texts: Any, centers: Any, radii: Any, own: Any, reserved: Any) -> Any:
        renderer = g._renderer(fig)
        to_data = ax.transData.inverted()
        fw, fh = fig.bbox.width, fig.bbox.height
        node_boxes = np.column_stack([centers[:, 0] - radii, centers[:, 1] - radii,
                                      centers[:, 0] + radii, centers[:, 1] + radii])
        placed = [np.asarray(b, dtype=float) for b in reserved]
        leaders = []
        for (text, xy), i in zip(texts, own):
            ext = text.get_window_extent(renderer)
            w, h = ext.width / 2 + 1.5, ext.height / 2 + 1.5
            xs, ys, ring_of = candidates(centers[i], radii[i], w, h)
            boxes = np.column_stack([xs - w, ys - h, xs + w, ys + h])
            outside = (boxes[:, 0] < 0) | (boxes[:, 1] < 0) | (boxes[:, 2] > fw) | (boxes[:, 3] > fh)
            hard = g._overlap(boxes, np.array(placed) if placed else np.zeros((0, 4)))
            free = (hard == 0) & ~outside
            if free.any():
                ring = ring_of[np.argmax(free)]
                cand = np.flatnonzero(free & (ring_of == ring))
                soft = g._overlap(boxes[cand], np.delete(node_boxes, i, axis=0))
                j = int(cand[np.argmin(soft)])
            else:
                j = int(np.argmin(hard + outside * (4 * w * h)))
            placed.append(boxes[j])
            if j:
                x, y = to_data.transform((xs[j], ys[j]))
                text.set_position((x, y))
                leaders.append((xy, (x, y)))
        return leaders

    g._place_labels = place

    def restore() -> None:
        g._place_labels, g._candidates = ours_place, ours_cand
    return restore


def drawing_measures(doc: Any, tk: Any) -> dict[str, float]:
    """Label/disc overlaps of the default drawing of the study graph, ours and the placement before."""
    import policytext.render.graph as g
    from policytext.analysis.network import communities

    G = cooccurrence(doc, top=STUDY_TOP, min_count=study_min_count(doc), tokenizer=tk)
    if not G.number_of_edges():
        return {}
    communities(G, seed=0, attribute="community")
    out = {"ours": float(g.label_disc_overlaps(g._figure(G)[0]))}
    restore = old_placement(g)
    try:
        out["placement before"] = float(g.label_disc_overlaps(g._figure(G)[0]))
    finally:
        restore()
    return out


def measure(p: Path, tk: Any, drawings: bool) -> list[tuple[str, str, float]]:
    """Every measure of one document: ``(measure, method, value)`` rows."""
    doc = pt.load(p)
    if not doc.sentences:
        return []
    rows = [(m, method, v) for method, ms in graph_measures(doc, tk).items() for m, v in ms.items()]
    if drawings:
        rows += [("size correlation", method, v) for method, v in cloud_measures(doc, tk).items()]
        rows += [("label/disc overlaps", method, v) for method, v in drawing_measures(doc, tk).items()]
    return rows


def _read_cache(path: Path | None, which: str, drawings: bool) -> dict[str, list[tuple[str, str, float]]]:
    import json

    out: dict[str, list[tuple[str, str, float]]] = {}
    if path is None or not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["set"] == which and rec["drawings"] == drawings:
            out[rec["doc"]] = [(str(a), str(b), float(c)) for a, b, c in rec["rows"]]
    return out


def _append_cache(path: Path | None, which: str, name: str, drawings: bool,
                  rows: list[tuple[str, str, float]]) -> None:
    import json

    if path is not None:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"set": which, "doc": name, "drawings": drawings, "rows": rows},
                                ensure_ascii=False) + "\n")


def files_of(which: str, half: str, limit: int | None) -> list[Path]:
    folder = shared(which)
    names = split((p.name for p in folder.glob("*.txt")), half)
    return [folder / n for n in names][:limit]


def report(title: str, scores: Mapping[str, Mapping[str, float]], main: str, base: str, higher: bool) -> None:
    if main in scores and base in scores and scores[main]:
        print_comparison(title, compare(scores[main], scores[base], higher_is_better=higher), ours=main, base=base,
                         worst=5)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=["tune", "report", "all"], nargs="+", default=["tune", "report", "all"])
    ap.add_argument("--set", choices=["headed", "corpora", "both"], default="both")
    ap.add_argument("--docs", type=int, default=None, help="only the first N documents of each half (smoke test)")
    ap.add_argument("--no-drawings", action="store_true", help="skip the word clouds and graph drawings (slow)")
    ap.add_argument("--cache", type=Path, default=None,
                    help="JSON-lines file of per-document measures: read, and appended to as documents are done")
    args = ap.parse_args(argv)
    tk = pt.Tokenizer()
    sets = ["headed", "corpora"] if args.set == "both" else [args.set]
    for which in sets:
        paths = {h: files_of(which, h, args.docs) for h in ("tune", "report")}
        per: dict[str, dict[str, dict[str, float]]] = {}  # measure -> method -> doc -> value
        t0 = time.perf_counter()
        done = _read_cache(args.cache, which, not args.no_drawings)
        for k, p in enumerate(sorted(paths["tune"] + paths["report"])):
            rows = done.get(p.name)
            if rows is None:
                rows = measure(p, tk, not args.no_drawings)
                _append_cache(args.cache, which, p.name, not args.no_drawings, rows)
                print(f"  [{k + 1}] {p.name} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
            for m, method, v in rows:
                per.setdefault(m, {}).setdefault(method, {})[p.name] = v
        print(f"\n######## {which}: {len(paths['tune']) + len(paths['report'])} documents "
              f"({time.perf_counter() - t0:.0f} s)")
        for half in args.half:
            keep = {p.name for h in (("tune", "report") if half == "all" else (half,)) for p in paths[h]}
            sub = {m: {k: {d: v for d, v in s.items() if d in keep} for k, s in ms.items()} for m, ms in per.items()}
            before = "content tokens by count (before)"
            for m, higher in (("unit share", True), ("keyword share", True), ("non-concept share", False),
                              ("split-phrase edges", False), ("drawn nodes", True)):
                report(f"{which}/{half}: {m}", sub.get(m, {}), "ours", before, higher)
                report(f"{which}/{half}: {m} (ranking by keyword score vs by count)", sub.get(m, {}), "ours",
                       "concepts by count", higher)
            report(f"{which}/{half}: word-cloud size correlation with keyword scores",
                   sub.get("size correlation", {}), "ours", "frequency (before)", True)
            report(f"{which}/{half}: label/disc overlaps in the drawn graph", sub.get("label/disc overlaps", {}),
                   "ours", "placement before", False)
            overl = sub.get("label/disc overlaps", {}).get("ours", {})
            if overl:
                print(f"  label/disc overlaps, ours: total {sum(overl.values()):.0f} over {len(overl)} drawings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
