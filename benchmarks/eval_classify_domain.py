"""The domain check of ``classify``: how well domain coverage separates 编办 pages from other documents.

In-domain: ../shared/genre_dev (20 编办 pages) + corpora/reference_bianban_2022.txt.
Out-of-domain: ../shared/corpora (23 files less the reference) and the first 40 ../shared/headed pages in
md5 order of their names; documents about 机构改革 (the plenums that adopted a 机构改革 plan, a headed page on it)
are reported apart. Constants chosen on the tune half only (benchmarks/_evalkit.half_of); figures on report/all.

    python benchmarks/eval_classify_domain.py [--all-headed]
"""
from __future__ import annotations

import hashlib
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import half_of, shared

import policytext as pt
from policytext.analysis import _classifier_domain as dom
from policytext.analysis.classifier import SectionClassifier

ABOUT = {"plenum_18_2_communique.txt", "plenum_19_3_communique.txt", "plenum_20_2_communique.txt", "sx_8304.txt"}


def main() -> None:
    all_headed = "--all-headed" in sys.argv
    model = SectionClassifier.default()
    m = model.matcher_
    xwlb = sorted(shared("xwlb").glob("*/*.txt"))
    rates = dom.news_rates((p.read_text(encoding="utf-8") for p in xwlb), m, floor=-1.0)
    shipped = dom.news_rates((p.read_text(encoding="utf-8") for p in xwlb), m)
    print(f"NEWS_RATES reproduced from xwlb ({len(xwlb)} files): {shipped == dom.NEWS_RATES}")
    heads = sorted(shared("headed").glob("*.txt"), key=lambda p: hashlib.md5(p.name.encode()).hexdigest())
    heads = heads if all_headed else heads[:40]
    docs = []
    for grp, files in (("in", sorted(shared("genre_dev").glob("passages/*.txt"))),
                       ("corpora", sorted(shared("corpora").glob("*.txt"))), ("headed", heads)):
        for p in files:
            label = 1 if grp == "in" or p.name == "reference_bianban_2022.txt" else (None if p.name in ABOUT else 0)
            doc = pt.load(p)
            texts = [s.text for s in doc.sentences]
            han = len(dom._NOT_HAN.sub("", "\n".join(texts))) or 1
            found = [m.forms[i] for i, _, _ in m.matches("\n".join(texts))]
            docs.append({"name": p.name, "label": label, "half": half_of(p.name), "han": han, "found": found,
                             "shipped": dom.domain_coverage(texts, m)})

    def score(d, R, soft):
        w = 0.0
        for t in d["found"]:
            r = rates.get(t, 0.0)
            w += (1.0 if r <= R else R / r) if soft else float(r <= R)
        return 1000 * w / d["han"]

    print("\n-- choice on the tune half: margin = lowest in-domain / highest out-of-domain (tune) --")
    best = None
    for soft in (True, False):
        for R in (1e9, 20, 10, 5, 3, 2, 1):
            lo = min(score(d, R, soft) for d in docs if d["label"] == 1 and d["half"] == "tune")
            hi = max(score(d, R, soft) for d in docs if d["label"] == 0 and d["half"] == "tune")
            margin = lo / hi if hi else math.inf
            print(f"  {'weight' if soft else 'cut   '} R={R:<6g} in-domain min {lo:6.2f}  out max {hi:6.2f}  "
                  f"margin {margin:.2f}")
            if best is None or margin > best[0]:
                best = (margin, soft, R, math.sqrt(lo * hi))
    print(f"  best: {'weight' if best[1] else 'cut'} R={best[2]:g}, threshold (geometric midpoint) {best[3]:.2f}; "
          f"shipped RARE_RATE={dom.RARE_RATE:g} THRESHOLD={dom.THRESHOLD:g}")

    print("\n-- shipped check (domain_coverage < THRESHOLD warns) --")
    for half in ("tune", "report", "all"):
        sel = [d for d in docs if half == "all" or d["half"] == half]
        pos = [d for d in sel if d["label"] == 1]
        neg = [d for d in sel if d["label"] == 0]
        iw = [d["name"] for d in pos if d["shipped"] < dom.THRESHOLD]
        on = [d["name"] for d in neg if d["shipped"] >= dom.THRESHOLD]
        pairs = [(p["shipped"], n["shipped"]) for p in pos for n in neg]
        auc = sum((a > b) + 0.5 * (a == b) for a, b in pairs) / len(pairs)
        print(f"  {half:6}: in-domain warned {len(iw)}/{len(pos)} {iw}; out-of-domain NOT warned "
              f"{len(on)}/{len(neg)} {on}; AUC {auc:.3f}")
    lo = min(score(d, 1e9, True) for d in docs if d["label"] == 1 and d["half"] == "tune")
    hi = max(score(d, 1e9, True) for d in docs if d["label"] == 0 and d["half"] == "tune")
    th = math.sqrt(lo * hi)
    print(f"-- baseline: unweighted section terms per 1,000 characters, threshold {th:.2f} chosen the same way --")
    for half in ("tune", "report", "all"):
        sel = [d for d in docs if half == "all" or d["half"] == half]
        iw = sum(1 for d in sel if d["label"] == 1 and score(d, 1e9, True) < th)
        on = sum(1 for d in sel if d["label"] == 0 and score(d, 1e9, True) >= th)
        print(f"  {half:6}: in-domain warned {iw}/{sum(d['label'] == 1 for d in sel)}; "
              f"out-of-domain NOT warned {on}/{sum(d['label'] == 0 for d in sel)}")
    print("  about 机构改革 (not scored):", {d["name"]: d["shipped"] for d in docs if d["label"] is None})
    print("\n-- every document (coverage, label, half) --")
    for d in sorted(docs, key=lambda d: -d["shipped"]):
        lab = {1: "IN ", 0: "out", None: "abt"}[d["label"]]
        print(f"  {d['shipped']:6.1f} {lab} {d['half']:6} {d['name']}")


if __name__ == "__main__":
    main()
