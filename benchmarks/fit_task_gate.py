"""Fit the task gate (``benchmarks/_task_gate.py``) and judge it by leaving one label set out.

Usage: python benchmarks/fit_task_gate.py [--c C,C,...] [--write] [--cache PATH] [--speed] [--blind]
                                         [--drop NAME,NAME]

Question (issue 15 item 6, session 5 task G): does a logistic model over cheap features of a sentence and its
document (``_task_gate.features``: the rule's own evidence, the context it reads, place, length, grammatical
cues) decide task / not task better on unseen text than the rule's ``Sentence.is_task`` alone?

Data: the five label sets that chose rules — dev, fresh, third, fourth, fifth (``benchmarks/_task_sets.py``
``LABEL_FILES``; about 1,300 sentences). The sixth set is the held-out judge: this script never reads it.

Protocol: leave one SET out — fit on four sets, decide the fifth, rotate — and compare the gate with the rule's
``is_task`` on each held-out set and pooled over the five held-out sets; the inverse regularisation ``C`` (and
class weighting) are chosen by that rotation only (the best pooled F1; printed for every candidate, so the
optimism of choosing on the rotation can be seen). Decision fixed in advance: the gate is worth wiring in only if,
pooled over the rotation, its F1 beats the rule's by ≥ 0.02 and its precision and recall are each no more than
0.01 below the rule's. Intervals: 95% bootstrap over documents of the paired difference gate − rule in F1.

The rule's figures in that rotation are not held out: every set chose rules (the fourth in round 5, the fifth
in round 6), so the rule is fitted to each held-out set while the gate is not. ``--blind`` asks the fairer
question for the two sets that were labelled blind: with the rules of the tree in which that set was still blind
(fourth: ``0243284``, round 4; fifth: ``853fc69``, round 5; ``policytext/text/tasks.py`` and its word lists at
that commit swapped in for the parse, the rest of the tree as it is), the gate is fitted on the other four sets'
features under those rules and compared with those rules' ``is_task`` on the set they had not seen.

``--write`` fits the chosen model on all five sets and writes its weights into ``_task_gate.py`` (between the
``BEGIN WEIGHTS`` / ``END WEIGHTS`` lines). Features are cached in ``--cache`` (default
``/tmp/G_gate/features.pkl``; delete it after changing ``_task_gate.features``).
"""

from __future__ import annotations

import argparse
import inspect
import pickle
import random
import re
import subprocess
import sys
import textwrap
import time
import types
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _task_gate
from _evalkit import REPO, prf, shared
from _task_sets import LABEL_FILES, document
from eval_tasks import locate, read_labels

import policytext as pt

#: The sets the gate may learn from (never the sixth: the held-out judge).
SETS = ("dev", "fresh", "third", "fourth", "fifth")
GATE = REPO / "benchmarks" / "_task_gate.py"
Row = tuple[str, str, list[float], bool, bool]  # set, document, features, label, rule's is_task


#: Held-out blind set -> the commit whose task rules had not yet been tuned on it (``--blind``).
BLIND_RULES = {"fourth": "0243284", "fifth": "853fc69"}


def _git_show(ref: str, path: str) -> str:
    return subprocess.run(["git", "show", f"{ref}:{path}"], cwd=REPO, check=True, capture_output=True,
                          text=True).stdout


def swap_rules(ref: str | None) -> None:
    """Parse with the task rules of ``policytext/text/tasks.py`` at git ``ref`` (``None``: the tree's own).

    The old module is run as a module of its own (its word lists too, where ``ref`` has them) and its names
    replace those that ``structure`` and ``_task_gate`` imported; :func:`~policytext.text.tasks.context_states`
    (new in this session) is added to it from the tree's source so that the gate reads the old rule's context.
    """
    from policytext.text import structure, tasks

    mod = tasks
    if ref is not None:
        src = _git_show(ref, "policytext/text/tasks.py").replace(
            "from .headings import", "from policytext.text.headings import")
        if "from ._task_words import" in src:
            words = types.ModuleType(f"gate_rules_words_{ref}")
            sys.modules[words.__name__] = words
            code = compile(_git_show(ref, "policytext/text/_task_words.py"), f"_task_words@{ref}", "exec")
            exec(code, words.__dict__)
            src = src.replace("from ._task_words import", f"from {words.__name__} import")
        mod = types.ModuleType(f"gate_rules_{ref}")
        sys.modules[mod.__name__] = mod
        exec(compile(src, f"tasks.py@{ref}", "exec"), mod.__dict__)
        if not hasattr(mod, "context_states"):
            exec(compile(textwrap.dedent(inspect.getsource(tasks.context_states)), "context_states", "exec"),
                 mod.__dict__)
    if not _IMPORTED:  # the names structure and _task_gate took from the tree's tasks module, found once
        _IMPORTED.extend((module, name) for module in (structure, _task_gate) for name in list(vars(module))
                         if not name.startswith("__") and name in vars(tasks)
                         and getattr(module, name) is getattr(tasks, name))
    for module, name in _IMPORTED:
        setattr(module, name, getattr(mod, name, getattr(tasks, name)))


_IMPORTED: list[tuple[types.ModuleType, str]] = []


def load_rows(cache: Path) -> list[Row]:
    """Features, label and the rule's decision of every labelled sentence of :data:`SETS` (cached)."""
    if cache.exists():
        with cache.open("rb") as fh:
            rows: list[Row] = pickle.load(fh)
        return rows
    rows = []
    for name in SETS:
        assert name != "sixth"
        docs: dict[str, tuple[pt.Document, list[list[float]]]] = {}
        for it in read_labels(LABEL_FILES[name]):
            key = f"{it.folder}/{it.file}"
            if key not in docs:
                doc = (pt.load(shared(it.folder) / it.file) if it.folder.startswith("genre_dev")
                       else document(it.folder, it.file))  # as eval_tasks.evaluate reads them
                docs[key] = (doc, _task_gate.features(doc))
            doc, feats = docs[key]
            s = locate(doc, it)
            if s is None:
                continue
            rows.append((name, f"{name}:{key}", feats[s.index], it.label, s.is_task))
        print(f"  {name}: {sum(r[0] == name for r in rows)} sentences, {len(docs)} documents", file=sys.stderr)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as fh:
        pickle.dump(rows, fh)
    return rows


def _model(c: float, balanced: bool):
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=c, class_weight="balanced" if balanced else None, max_iter=5000)


def rotate(rows: list[Row], c: float, balanced: bool) -> dict[str, list[tuple[str, bool, bool, bool]]]:
    """Leave one set out: per held-out set, ``(document, label, gate, rule)`` of each sentence."""
    import numpy as np

    out: dict[str, list[tuple[str, bool, bool, bool]]] = {}
    for held in SETS:
        train = [r for r in rows if r[0] != held]
        test = [r for r in rows if r[0] == held]
        model = _model(c, balanced).fit(np.array([r[2] for r in train]), np.array([r[3] for r in train]))
        pred = model.predict(np.array([r[2] for r in test]))
        out[held] = [(r[1], r[3], bool(p), r[4]) for r, p in zip(test, pred)]
    return out


def pooled(res: dict[str, list[tuple[str, bool, bool, bool]]]) -> list[tuple[str, bool, bool, bool]]:
    return [x for held in SETS for x in res[held]]


def f1_diff_interval(items: list[tuple[str, bool, bool, bool]], n: int = 2000) -> tuple[float, float]:
    """95% bootstrap interval over documents of F1(gate) − F1(rule)."""
    by_doc: dict[str, list[tuple[str, bool, bool, bool]]] = defaultdict(list)
    for x in items:
        by_doc[x[0]].append(x)
    docs = list(by_doc.values())
    rng = random.Random(0)
    diffs = []
    for _ in range(n):
        sample = [x for _ in docs for x in rng.choice(docs)]
        diffs.append(prf([(x[1], x[2]) for x in sample])[2] - prf([(x[1], x[3]) for x in sample])[2])
    diffs.sort()
    return diffs[int(0.025 * n)], diffs[int(0.975 * n) - 1]


def table(res: dict[str, list[tuple[str, bool, bool, bool]]]) -> None:
    print("| held-out set | sentences (documents) | rule P / R / F1 | gate P / R / F1 | F1 gate − rule [95% CI] |")
    print("|---|---|---|---|---|")
    for held in (*SETS, "pooled"):
        items = pooled(res) if held == "pooled" else res[held]
        rp, rr, rf = prf([(x[1], x[3]) for x in items])
        gp, gr, gf = prf([(x[1], x[2]) for x in items])
        lo, hi = f1_diff_interval(items)
        print(f"| {held} | {len(items)} ({len({x[0] for x in items})}) | {rp:.3f} / {rr:.3f} / {rf:.3f} | "
              f"{gp:.3f} / {gr:.3f} / {gf:.3f} | {gf - rf:+.3f} [{lo:+.3f}, {hi:+.3f}] |")


def decision(res: dict[str, list[tuple[str, bool, bool, bool]]]) -> bool:
    items = pooled(res)
    rp, rr, rf = prf([(x[1], x[3]) for x in items])
    gp, gr, gf = prf([(x[1], x[2]) for x in items])
    ok = gf - rf >= 0.02 and gp >= rp - 0.01 and gr >= rr - 0.01
    print(f"\ndecision (pre-registered: F1 +0.02, precision and recall not more than 0.01 lower, pooled): "
          f"F1 {gf - rf:+.3f}, precision {gp - rp:+.3f}, recall {gr - rr:+.3f} -> "
          f"{'WIRE IN' if ok else 'do not wire in'}")
    return ok


def write_weights(rows: list[Row], c: float, balanced: bool) -> None:
    """Fit on all five sets and write the weights into ``_task_gate.py``."""
    import numpy as np

    model = _model(c, balanced).fit(np.array([r[2] for r in rows]), np.array([r[3] for r in rows]))
    lines = [f"# fitted on {', '.join(SETS)} ({len(rows)} sentences), C={c}, class_weight="
             f"{'balanced' if balanced else 'None'}",
             f"BIAS: float = {float(model.intercept_[0]):.6f}", "WEIGHTS: dict[str, float] = {"]
    lines += [f"    {name!r}: {float(w):.6f}," for name, w in zip(_task_gate.FEATURES, model.coef_[0])]
    lines.append("}")
    src = GATE.read_text(encoding="utf-8")
    new = re.sub(r"(# BEGIN WEIGHTS\n).*?(# END WEIGHTS)", lambda m: m.group(1) + "\n".join(lines) + "\n" + m.group(2),
                 src, flags=re.S)
    GATE.write_text(new, encoding="utf-8")
    print(f"wrote {len(_task_gate.FEATURES)} weights to {GATE.relative_to(REPO)}")


def blind_check(args: argparse.Namespace, c: float, balanced: bool) -> None:
    """The rotation's question asked where the rule had not seen the held-out set (:data:`BLIND_RULES`)."""
    import numpy as np

    print("\n| held-out set (rules of) | sentences | rule P / R / F1 | gate P / R / F1 | F1 gate − rule [95% CI] |")
    print("|---|---|---|---|---|")
    for held, ref in BLIND_RULES.items():
        swap_rules(ref)
        rows = load_rows(args.cache.with_name(f"features_{ref}.pkl"))
        swap_rules(None)
        train = [r for r in rows if r[0] != held]
        test = [r for r in rows if r[0] == held]
        model = _model(c, balanced).fit(np.array([r[2] for r in train]), np.array([r[3] for r in train]))
        items = [(r[1], r[3], bool(p), r[4]) for r, p in zip(test, model.predict(np.array([r[2] for r in test])))]
        rp, rr, rf = prf([(x[1], x[3]) for x in items])
        gp, gr, gf = prf([(x[1], x[2]) for x in items])
        lo, hi = f1_diff_interval(items)
        print(f"| {held} ({ref}) | {len(items)} | {rp:.3f} / {rr:.3f} / {rf:.3f} | {gp:.3f} / {gr:.3f} / {gf:.3f} | "
              f"{gf - rf:+.3f} [{lo:+.3f}, {hi:+.3f}] |")


def speed(repeat: int = 5) -> None:
    """CPU time of ``parse`` and of ``parse`` + the gate's features and scores on the concatenated corpora."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(shared("corpora").glob("*.txt")))
    for name, fn in (("parse", lambda: pt.parse(text)), ("parse + gate", lambda: _task_gate.scores(pt.parse(text)))):
        best = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            fn()
            best = min(best, time.process_time() - t0)
        print(f"  {name:>13s}: {best * 1000:7.1f} ms CPU")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", default="0.03,0.1,0.3,1,3,10", help="candidate values of C (comma-separated)")
    ap.add_argument("--write", action="store_true", help="write the chosen model's weights into _task_gate.py")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/G_gate/features.pkl"))
    ap.add_argument("--speed", action="store_true", help="also time parse with and without the gate's features")
    ap.add_argument("--drop", default="", help="features to leave out (comma-separated names), an ablation")
    ap.add_argument("--blind", action="store_true",
                    help="also fit under the rules of the tree in which the fourth / fifth set was still blind")
    args = ap.parse_args()
    rows = load_rows(args.cache)
    if args.drop:  # an ablation: these features read as 0 everywhere
        gone = [_task_gate.FEATURES.index(name) for name in args.drop.split(",")]
        rows = [(a, b, [0.0 if k in gone else x for k, x in enumerate(f)], y, r) for a, b, f, y, r in rows]
    print(f"{len(rows)} labelled sentences of {', '.join(SETS)}; {len(_task_gate.FEATURES)} features")
    best = None
    print("\ncandidates (pooled over the rotation): C, class weight -> gate P / R / F1")
    for c in map(float, args.c.split(",")):
        for balanced in (False, True):
            res = rotate(rows, c, balanced)
            p, r, f = prf([(x[1], x[2]) for x in pooled(res)])
            print(f"  C={c:<6g} {'balanced' if balanced else 'none':8s} -> {p:.3f} / {r:.3f} / {f:.3f}")
            if best is None or f > best[0]:
                best = (f, c, balanced, res)
    assert best is not None
    _, c, balanced, res = best
    print(f"\nchosen by the rotation: C={c:g}, class weight {'balanced' if balanced else 'none'}\n")
    table(res)
    decision(res)
    if args.blind:
        blind_check(args, c, balanced)
    if args.write:
        write_weights(rows, c, balanced)
    if args.speed:
        speed()


if __name__ == "__main__":
    main()
