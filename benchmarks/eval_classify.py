"""Evaluation harness of the section classifier (issue 16 items 1, 6, 7), grouped by passage.

Over ``../shared/genre_dev/`` (196 labelled sentences of 20 real 编办 pages; labels 1-5 the five
sections, 0 outside every section), every figure beside the baseline -- today's default model, the
package at ``--baseline-rev`` (default: the commit before this work), run from ``git archive`` in a
subprocess of the same run:

* accuracy on the 1-5 sentences, per passage (target >= 0.80), as a leave-one-passage-out
  estimate: the prediction-time constants (context weight, prior weight, temperature, background)
  are chosen on the other 19 passages only, never by looking at single sentences (the model itself
  is learned from the shipped reference document and section table, not from genre_dev);
* expected calibration error (10 equal-width bins) of the confidence, pooled over the held-out
  passages, with a bootstrap interval over passages;
* abstention ("outside every section", label 0): precision and recall;
* evidence quality: the share of listed terms that are whole words (a token of the sentence under
  the default tokenizer, or an indicative term of the section table found in it);
* confidence on documents unrelated to 机构编制 (``../shared/corpora`` without the reference
  document, ``../shared/headed``): the share of sentences given >= 0.9 (and >= 0.99).

Each comparison prints the pooled ratio with a bootstrap interval over passages (documents), the
share of passages not worse and the worst ones (benchmarks/_evalkit.py).

    .venv/bin/python benchmarks/eval_classify.py [--passages N] [--no-unrelated] [--show K]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import REPO, bootstrap, compare, print_comparison, shared

# unrelated documents are classified on purpose (by message: the baseline's older tree has no such warning class)
warnings.filterwarnings("ignore", message=".*outside 机构编制 work")

#: The commit before issue 16's classifier work: its default model is the baseline.
BASELINE_REV = "30b1d3c"
#: Prediction-time constants tried (context weight, prior weight) and for calibration.
CONTEXT_WEIGHTS = (0.0, 0.5, 1.0, 2.0, 3.0)
PRIOR_WEIGHTS = (0.5, 1.0)
TEMPERATURES = (0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)
N_BINS = 10


# -- data ---------------------------------------------------------------------------------


def load_units(limit: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """The labelled units of genre_dev by passage file: ``idx``, ``label``, ``text``."""
    folder = shared("genre_dev")
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with open(folder / "labels.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            by[row["file"]].append({"idx": int(row["idx"]), "label": int(row["label"]), "text": row["sentence"]})
    files = sorted(by)[:limit] if limit else sorted(by)
    return {f: by[f] for f in files}


def passage_items(pt: Any, path: Path, units: list[dict[str, Any]]) -> tuple[list[Any], list[int]]:
    """Every sentence of the parsed passage, then the labelled units that are not sentences (title,
    headings) as str; and the position of each labelled unit in that list."""
    doc = pt.load(path)
    items: list[Any] = list(doc.sentences)
    where = {s.text: i for i, s in enumerate(doc.sentences)}
    rows = []
    for u in units:
        if u["text"] in where:
            rows.append(where[u["text"]])
        else:
            rows.append(len(items))
            items.append(u["text"])
    return items, rows


# -- the baseline, run from the old source tree ----------------------------------------------

_BASELINE_CODE = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1] + "/benchmarks")
import policytext as pt
from policytext.analysis.classifier import SectionClassifier, classify
from policytext.analysis._classifier_sections import document_training
import eval_classify as ev
src = Path(sys.argv[1])
X, y, _ = document_training(pt.load(src / "corpora" / "reference_bianban_2022.txt"), 1, headings=True)
model = SectionClassifier(sections=str(src / "lexicons" / "sections.tsv")).fit(X, [int(v) for v in y])
spec = json.loads(sys.stdin.read())
out = {"genre": {}, "unrelated": {}}
for f, units in ev.load_units(spec["limit"]).items():
    items, rows = ev.passage_items(pt, ev.shared("genre_dev") / f, units)
    proba = model.predict_proba(items)
    expl = model.explain(items)
    out["genre"][f] = [{"proba": proba[r].tolist(), "terms": expl[r][2]} for r in rows]
for p in spec["unrelated"]:
    out["unrelated"][p] = classify(pt.load(p), model, tasks_only=False, top_terms=0)["confidence"].tolist()
json.dump(out, sys.stdout)
"""


def run_baseline(rev: str, limit: int | None, unrelated: list[str]) -> dict[str, Any]:
    """Today's default model (the package at ``rev``) on genre_dev and the unrelated documents."""
    with tempfile.TemporaryDirectory(prefix="eval_classify_") as tmp:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        # the old package, with this harness beside it (the old tree has none)
        (Path(tmp) / "benchmarks" / "eval_classify.py").write_bytes(Path(__file__).read_bytes())
        (Path(tmp) / "benchmarks" / "_evalkit.py").write_bytes((Path(__file__).parent / "_evalkit.py").read_bytes())
        env = {**os.environ, "PYTHONPATH": tmp, "POLICYTEXT_SHARED": str(shared())}
        proc = subprocess.run([sys.executable, "-c", _BASELINE_CODE, tmp], input=json.dumps(
            {"limit": limit, "unrelated": unrelated}), capture_output=True, text=True, env=env, cwd=tmp)
        if proc.returncode:
            raise SystemExit(f"baseline run failed:\n{proc.stderr[-3000:]}")
        return json.loads(proc.stdout)


# -- statistics -------------------------------------------------------------------------------


def ece(conf: list[float], correct: list[bool], bins: int = N_BINS) -> float:
    """Expected calibration error: sum over equal-width confidence bins of |accuracy - confidence| x share."""
    if not conf:
        return float("nan")
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = [i for i, c in enumerate(conf) if lo < c <= hi or (b == 0 and c == 0)]
        if sel:
            acc = sum(correct[i] for i in sel) / len(sel)
            mean = sum(conf[i] for i in sel) / len(sel)
            total += abs(acc - mean) * len(sel)
    return total / len(conf)


def pooled_ece(per_passage: dict[str, tuple[list[float], list[bool]]]) -> tuple[float, tuple[float, float]]:
    """ECE pooled over passages, with a bootstrap interval over passages."""
    keys = sorted(per_passage)

    def stat(sample: list[str]) -> float:
        c = [x for k in sample for x in per_passage[k][0]]
        ok = [x for k in sample for x in per_passage[k][1]]
        return ece(c, ok)

    return stat(keys), bootstrap(keys, stat=stat)  # type: ignore[arg-type]


def whole_word_share(pt: Any, tok: Any, terms: list[str], text: str, indicative: set[str]) -> tuple[int, int]:
    """(whole, listed): listed terms that are a token of ``text`` (text or canonical form) or an
    indicative term found in it."""
    if not terms:
        return 0, 0
    tokens = tok.tokenize(text)
    words = {t.text for t in tokens} | {t.norm for t in tokens}
    whole = sum(1 for t in terms if t in words or (t in indicative and t in text))
    return whole, len(terms)


# -- our model: leave-one-passage-out choice of the constants -------------------------------


def our_scores(pt: Any, units: dict[str, list[dict[str, Any]]]) -> tuple[Any, dict[tuple, dict[str, Any]], dict]:
    """Decision scores of the labelled units of every passage under every candidate setting."""
    import numpy as np
    from sklearn.base import clone

    from policytext.analysis.classifier import SectionClassifier

    model = clone(SectionClassifier.default())
    model.fit(*_reference_training(pt))
    scores: dict[tuple, dict[str, Any]] = {}
    items_of = {f: passage_items(pt, shared("genre_dev") / f, us) for f, us in units.items()}
    for cw, pw in itertools.product(CONTEXT_WEIGHTS, PRIOR_WEIGHTS):
        model.set_params(context="section" if cw else None, context_weight=cw or 1.0, prior_weight=pw)
        scores[(cw, pw)] = {f: np.asarray(model.decision_function(items))[rows]
                            for f, (items, rows) in items_of.items()}
    return model, scores, items_of


def _reference_training(pt: Any) -> tuple[list[str], list[int]]:
    from policytext.analysis._classifier_sections import document_training

    X, y, _ = document_training(pt.load(pt.reference_path()), 1, headings=True)
    return X, [int(v) for v in y]


def _accuracy(s: Any, labels: Any, classes: Any) -> float:
    m = labels > 0
    return float((classes[s[m].argmax(1)] == labels[m]).mean()) if m.any() else float("nan")


def _nll(s: Any, labels: Any, classes: Any, t: float, b: float) -> float:
    """Mean negative log-likelihood over the classes and the background (label 0)."""
    import numpy as np

    from policytext.analysis._classifier_scoring import log_softmax

    full = np.hstack([s, np.full((len(s), 1), b)])
    lp = log_softmax(full / t)
    col = np.array([len(classes) if v == 0 else int(np.flatnonzero(classes == v)[0]) for v in labels])
    return float(-lp[np.arange(len(s)), col].mean())


def choose(scores: dict[tuple, dict[str, Any]], labels: dict[str, Any], classes: Any, train: list[str]
           ) -> tuple[tuple, float, float]:
    """The setting with the best mean passage accuracy on ``train``; then (temperature, background)
    with the least log-loss there (the background over a grid of the training scores' quantiles)."""
    import numpy as np

    def mean_acc(key: tuple) -> float:
        return float(np.nanmean([_accuracy(scores[key][f], labels[f], classes) for f in train]))

    key = max(scores, key=lambda k: (round(mean_acc(k), 9), -k[0], k[1]))  # ties: less context
    s = np.vstack([scores[key][f] for f in train])
    y = np.concatenate([labels[f] for f in train])
    tops = s.max(axis=1)
    grid = np.round(np.quantile(tops, np.linspace(0.02, 0.6, 30)), 3)
    best = min(((t, float(b)) for t in TEMPERATURES for b in grid), key=lambda tb: _nll(s, y, classes, *tb))
    return key, best[0], best[1]


def cross_validate(scores: dict[tuple, dict[str, Any]], labels: dict[str, Any], classes: Any
                   ) -> dict[str, dict[str, Any]]:
    """Leave one passage out: constants chosen on the others, predictions on the held-out passage."""
    import numpy as np

    from policytext.analysis._classifier_scoring import log_softmax

    out = {}
    files = sorted(labels)
    for f in files:
        key, t, b = choose(scores, labels, classes, [g for g in files if g != f])
        s = scores[key][f]
        cond = np.exp(log_softmax(s / t))
        full = np.exp(log_softmax(np.hstack([s, np.full((len(s), 1), b)]) / t))
        out[f] = {"key": key, "t": t, "b": b, "pred": classes[s.argmax(1)], "conf": cond.max(1),
                  "abstain": full.argmax(1) == len(classes), "full_conf": full.max(1)}
    return out


# -- report --------------------------------------------------------------------------------


def _abstention(pred_none: dict[str, Any], labels: dict[str, Any]) -> tuple[float, float, int]:
    import numpy as np

    p = np.concatenate([pred_none[f] for f in sorted(labels)])
    y0 = np.concatenate([labels[f] for f in sorted(labels)]) == 0
    tp = int((p & y0).sum())
    return tp / max(int(p.sum()), 1), tp / max(int(y0.sum()), 1), int(p.sum())


def report(args: argparse.Namespace) -> dict[str, Any]:
    """Run everything and print it; return the figures (for tests)."""
    import numpy as np

    import policytext as pt
    from policytext.analysis.classifier import SectionClassifier, classify, read_sections

    units = load_units(args.passages)
    unrelated = [] if args.no_unrelated else _unrelated_files(args.unrelated_limit)
    base = run_baseline(args.baseline_rev, args.passages, [str(p) for p in unrelated])
    labels = {f: np.array([u["label"] for u in us]) for f, us in units.items()}
    model, scores, items_of = our_scores(pt, units)
    classes = model.classes_
    cv = cross_validate(scores, labels, classes)
    figures: dict[str, Any] = {}

    # accuracy on the 1-5 sentences
    b_acc = {f: _accuracy(np.log(np.array([r["proba"] for r in base["genre"][f]])), labels[f], classes)
             for f in units}
    o_acc = {f: float((cv[f]["pred"][labels[f] > 0] == labels[f][labels[f] > 0]).mean()) for f in units
             if (labels[f] > 0).any()}
    b_acc = {f: v for f, v in b_acc.items() if f in o_acc}
    print_comparison("accuracy on the 1-5 sentences, per passage (leave-one-passage-out; target >= 0.80)",
                     compare(o_acc, b_acc), ours="ours (LOPO)", base="baseline")
    figures["accuracy"] = (float(np.mean(list(o_acc.values()))), float(np.mean(list(b_acc.values()))))

    # calibration
    def b_conf(f: str) -> Any:
        return np.array([max(r["proba"]) for r in base["genre"][f]])

    def b_pred(f: str) -> Any:
        return classes[np.array([r["proba"] for r in base["genre"][f]]).argmax(1)]

    sec = {f: labels[f] > 0 for f in units}
    e_o = pooled_ece({f: (cv[f]["conf"][sec[f]].tolist(), (cv[f]["pred"] == labels[f])[sec[f]].tolist())
                      for f in units})
    e_b = pooled_ece({f: (b_conf(f)[sec[f]].tolist(), (b_pred(f) == labels[f])[sec[f]].tolist()) for f in units})
    print("\n== expected calibration error of the confidence on the 1-5 sentences "
          "(pooled; 95% bootstrap over passages)")
    print(f"  {'ours (LOPO)':>24s}: {e_o[0]:.3f}  [{e_o[1][0]:.3f}, {e_o[1][1]:.3f}]")
    print(f"  {'baseline':>24s}: {e_b[0]:.3f}  [{e_b[1][0]:.3f}, {e_b[1][1]:.3f}]")
    lab = {f: [None if v == 0 else v for v in labels[f].tolist()] for f in units}
    e_all = pooled_ece({f: (cv[f]["full_conf"].tolist(),
                            [(a and y is None) or (not a and p == y) for a, p, y in
                             zip(cv[f]["abstain"], cv[f]["pred"], lab[f])]) for f in units})
    e_ball = pooled_ece({f: (b_conf(f).tolist(), (b_pred(f) == labels[f]).tolist()) for f in units})
    print("   every sentence, 0 included (ours: classify(..., abstain=True); baseline: no abstention)")
    print(f"  {'ours (LOPO, abstain)':>24s}: {e_all[0]:.3f}  [{e_all[1][0]:.3f}, {e_all[1][1]:.3f}]")
    print(f"  {'baseline':>24s}: {e_ball[0]:.3f}  [{e_ball[1][0]:.3f}, {e_ball[1][1]:.3f}]")
    figures["ece"] = (e_o[0], e_b[0], e_all[0], e_ball[0])

    # abstention
    prec, rec, n_abs = _abstention({f: cv[f]["abstain"] for f in units}, labels)
    cover = {f: (~cv[f]["abstain"][sec[f]]).mean() for f in units if sec[f].any()}
    acc_kept = [float((cv[f]["pred"][sec[f] & ~cv[f]["abstain"]] == labels[f][sec[f] & ~cv[f]["abstain"]]).mean())
                for f in units if (sec[f] & ~cv[f]["abstain"]).any()]
    n0 = sum(int((labels[f] == 0).sum()) for f in units)
    print(f"\n== abstention (abstain=True; LOPO): label 0 = outside every section ({n0} of "
          f"{sum(len(v) for v in labels.values())} sentences)")
    print(f"  precision {prec:.3f}, recall {rec:.3f} ({n_abs} abstentions); 1-5 sentences kept "
          f"{np.mean(list(cover.values())):.1%} (mean over passages), accuracy on those kept {np.mean(acc_kept):.3f}")
    print("  baseline: no abstention (precision undefined, recall 0)")
    figures["abstention"] = (prec, rec)

    # evidence
    tok = pt.Tokenizer()
    indicative = {t for ts in read_sections()["indicative_terms"] for t in ts} | set(read_sections()["name"])
    o_words, b_words, o_n, b_n = {}, {}, [], []
    examples = []
    for f, (items, rows) in items_of.items():
        texts = [items[r] if isinstance(items[r], str) else items[r].text for r in rows]
        ours_terms = [e[2] for e in _explained(model, scores, cv[f], items, rows)]
        wo = [whole_word_share(pt, tok, t, x, indicative) for t, x in zip(ours_terms, texts)]
        wb = [whole_word_share(pt, tok, r["terms"], x, indicative) for r, x in zip(base["genre"][f], texts)]
        o_words[f] = sum(a for a, _ in wo) / max(sum(b for _, b in wo), 1)
        b_words[f] = sum(a for a, _ in wb) / max(sum(b for _, b in wb), 1)
        o_n += [b for _, b in wo]
        b_n += [b for _, b in wb]
        examples += list(zip(texts, [r["terms"] for r in base["genre"][f]], ours_terms))
    print_comparison("evidence: share of listed terms that are whole words or indicative terms, per passage",
                     compare(o_words, b_words), ours="ours", base="baseline", worst=5)
    print(f"  terms per sentence: ours {np.mean(o_n):.2f}, baseline {np.mean(b_n):.2f}; sentences with none: "
          f"ours {np.mean(np.array(o_n) == 0):.1%}, baseline {np.mean(np.array(b_n) == 0):.1%}")
    figures["evidence"] = (float(np.mean(list(o_words.values()))), float(np.mean(list(b_words.values()))))
    if args.show:
        rng = random.Random(0)
        print("  examples (baseline -> ours):")
        for text, bt, ot in rng.sample(examples, min(args.show, len(examples))):
            print(f"    {text[:36]}…\n        {'|'.join(bt)}  ->  {'|'.join(ot)}")

    # the shipped constants
    key, t, b = choose(scores, labels, classes, sorted(units))
    print(f"\n== constants chosen on all {len(units)} passages: context 'section' weight {key[0]}, prior_weight "
          f"{key[1]}, temperature {t}, outside {b}")
    in_sample = float(np.nanmean([_accuracy(scores[key][f], labels[f], classes) for f in units]))
    print(f"   accuracy with these constants on the same passages (in-sample, optimistic): {in_sample:.4f}")
    print("   per held-out passage: " + ", ".join(sorted({f"{c['key']}/{c['t']}/{c['b']}" for c in cv.values()})))
    d = SectionClassifier.default()
    shipped = (d.context_weight if d.context == "section" else 0.0, d.prior_weight, d.temperature, d.outside)
    print(f"   SectionClassifier.default(): context {d.context!r} weight {shipped[0]}, prior_weight {shipped[1]}, "
          f"temperature {shipped[2]}, outside {shipped[3]}")
    figures["chosen"] = (key, t, b)

    if unrelated:
        figures["unrelated"] = _unrelated_report(pt, classify, d, unrelated, base["unrelated"])
    return figures


def _explained(model: Any, scores: Any, cvf: dict[str, Any], items: list[Any], rows: list[int]) -> list[Any]:
    """Our explanations of the labelled rows, under the passage's held-out constants."""
    cw, pw = cvf["key"]
    model.set_params(context="section" if cw else None, context_weight=cw or 1.0, prior_weight=pw,
                     temperature=cvf["t"], outside=cvf["b"])
    expl = model.explain(items)
    return [expl[r] for r in rows]


def _unrelated_files(limit: int | None) -> list[Path]:
    corp = [p for p in sorted(shared("corpora").glob("*.txt")) if "bianban" not in p.name]
    headed = sorted(shared("headed").glob("*.txt"))
    return corp + (headed[:limit] if limit else headed)


def _unrelated_report(pt: Any, classify: Any, model: Any, files: list[Path], base: dict[str, list[float]]
                      ) -> dict[str, tuple[float, float]]:
    """Share of sentences given >= 0.9 / >= 0.99 on documents unrelated to 机构编制, per document."""
    import numpy as np

    share: dict[str, dict[str, float]] = {k: {} for k in ("o90", "o99", "a90", "ab", "b90", "b99")}
    for p in files:
        t = classify(pt.load(p), model, tasks_only=False, top_terms=0)
        ta = classify(pt.load(p), model, tasks_only=False, top_terms=0, abstain=True)
        if t.empty:
            continue
        c, ca, cb = t["confidence"].to_numpy(), ta["confidence"].to_numpy(), np.array(base[str(p)])
        share["o90"][p.name], share["o99"][p.name] = float((c >= 0.9).mean()), float((c >= 0.99).mean())
        share["b90"][p.name], share["b99"][p.name] = float((cb >= 0.9).mean()), float((cb >= 0.99).mean())
        kept = ta["predicted"].notna().to_numpy()
        share["a90"][p.name] = float(((ca >= 0.9) & kept).mean())
        share["ab"][p.name] = float((~kept).mean())
    title = f"unrelated documents ({len(share['o90'])}: corpora without the 编办 article, headed)"
    print_comparison(f"{title}: share of sentences with confidence >= 0.9 (lower is better)",
                     compare(share["o90"], share["b90"], higher_is_better=False), worst=5)
    print_comparison(f"{title}: share with confidence >= 0.99 (lower is better)",
                     compare(share["o99"], share["b99"], higher_is_better=False), worst=5)
    print(f"  with abstain=True: a section given with >= 0.9 to {np.mean(list(share['a90'].values())):.1%} of "
          f"sentences (mean over documents); abstained on {np.mean(list(share['ab'].values())):.1%}")
    return {k: (float(np.mean(list(share[k].values())))) for k in share}  # type: ignore[misc]


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=None, help="only the first N passages (tests)")
    ap.add_argument("--unrelated-limit", type=int, default=None, help="only the first N headed documents")
    ap.add_argument("--no-unrelated", action="store_true", help="skip the unrelated documents")
    ap.add_argument("--baseline-rev", default=BASELINE_REV,
                    help=f"git revision of the baseline (default {BASELINE_REV})")
    ap.add_argument("--show", type=int, default=0, help="print K examples of evidence, baseline -> ours")
    return report(ap.parse_args(argv))


if __name__ == "__main__":
    main()
