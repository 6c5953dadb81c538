"""Shared statistics for the evaluation harness (``eval_*.py``).

Every method is judged over many documents, grouped by document:

* :func:`split` puts each document, by a hash of its file name, in the
  ``tune`` half (where constants may be chosen) or the ``report`` half (where
  figures are reported). The split does not depend on the file order or on
  which other files exist, so a new document never moves an old one.
* :func:`compare` takes one score per document for a method and its baseline
  and gives the pooled ratio (mean of ours / mean of the baseline) with a
  bootstrap interval over documents, the share of documents where ours is not
  worse, and the worst documents.
* :func:`print_comparison` prints that as a table.

Data folders beside the repository are found by :func:`shared` (environment
variable ``POLICYTEXT_SHARED``, else ``../shared``).
"""

from __future__ import annotations

import hashlib
import os
import random
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

HALVES = ("tune", "report", "all")


def shared(name: str = "") -> Path:
    """Path of a folder of ``../shared`` (``POLICYTEXT_SHARED`` overrides); exits with a message when absent."""
    root = Path(os.environ.get("POLICYTEXT_SHARED", REPO.parent / "shared"))
    path = root / name if name else root
    if not path.exists():
        raise SystemExit(f"{path} not found: the evaluation reads the shared data beside the repository "
                         "(set POLICYTEXT_SHARED to its folder)")
    return path


def half_of(name: str) -> str:
    """``"tune"`` or ``"report"`` for a document name (stable: md5 of the name)."""
    digest = hashlib.md5(Path(name).name.encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "report"


def split(names: Iterable[str], half: str = "all") -> list[str]:
    """The names in ``half`` (``"tune"``, ``"report"`` or ``"all"``), sorted."""
    if half not in HALVES:
        raise ValueError(f"half must be one of {HALVES}, got {half!r}")
    return sorted(n for n in names if half == "all" or half_of(n) == half)


def headed_files(half: str = "all") -> list[Path]:
    """The ``../shared/headed`` documents of one half."""
    folder = shared("headed")
    names = split((p.name for p in folder.glob("*.txt")), half)
    return [folder / n for n in names]


def bootstrap(values: list[float], stat=statistics.fmean, n: int = 2000, seed: int = 0,
              level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of ``stat`` over ``values`` (documents are the unit)."""
    if not values:
        return (float("nan"), float("nan"))
    rng = random.Random(seed)
    k = len(values)
    stats = sorted(stat([values[rng.randrange(k)] for _ in range(k)]) for _ in range(n))
    lo = stats[int((1 - level) / 2 * n)]
    hi = stats[min(n - 1, int((1 + level) / 2 * n))]
    return lo, hi


def _ratio_of_means(pairs: list[tuple[float, float]]) -> float:
    base = statistics.fmean(b for _, b in pairs)
    ours = statistics.fmean(a for a, _ in pairs)
    return ours / base if base else float("inf") if ours else 1.0


@dataclass
class Comparison:
    """Per-document scores of a method and its baseline, and what follows from them."""

    ours: dict[str, float]
    base: dict[str, float]
    higher_is_better: bool = True
    tol: float = 1e-9
    docs: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.docs = sorted(set(self.ours) & set(self.base))

    @property
    def mean_ours(self) -> float:
        return statistics.fmean(self.ours[d] for d in self.docs)

    @property
    def mean_base(self) -> float:
        return statistics.fmean(self.base[d] for d in self.docs)

    @property
    def ratio(self) -> float:
        """Pooled ratio: mean over documents of ours / the same for the baseline."""
        return _ratio_of_means([(self.ours[d], self.base[d]) for d in self.docs])

    def ratio_interval(self, n: int = 2000, seed: int = 0) -> tuple[float, float]:
        pairs = [(self.ours[d], self.base[d]) for d in self.docs]
        return bootstrap(pairs, stat=_ratio_of_means, n=n, seed=seed)  # type: ignore[arg-type]

    def not_worse(self, d: str) -> bool:
        a, b = self.ours[d], self.base[d]
        return a >= b - self.tol if self.higher_is_better else a <= b + self.tol

    @property
    def share_not_worse(self) -> float:
        return sum(self.not_worse(d) for d in self.docs) / len(self.docs) if self.docs else float("nan")

    def worst(self, k: int = 10) -> list[tuple[str, float, float]]:
        """The ``k`` documents where ours does worst against the baseline (largest loss first)."""
        sign = 1 if self.higher_is_better else -1
        order = sorted(self.docs, key=lambda d: sign * (self.ours[d] - self.base[d]))
        return [(d, self.ours[d], self.base[d]) for d in order[:k]]


def compare(ours: Mapping[str, float], base: Mapping[str, float], *, higher_is_better: bool = True) -> Comparison:
    """Compare per-document scores (same document keys) of a method and its baseline."""
    return Comparison(dict(ours), dict(base), higher_is_better=higher_is_better)


def print_comparison(title: str, cmp: Comparison, *, ours: str = "ours", base: str = "baseline",
                     worst: int = 10) -> None:
    """Print mean ± interval of both, the pooled ratio with its interval, share not worse, worst documents."""
    lo_o, hi_o = bootstrap([cmp.ours[d] for d in cmp.docs])
    lo_b, hi_b = bootstrap([cmp.base[d] for d in cmp.docs])
    lo_r, hi_r = cmp.ratio_interval()
    print(f"\n== {title} ({len(cmp.docs)} documents)")
    print(f"  {ours:>24s}: {cmp.mean_ours:.4f}  [{lo_o:.4f}, {hi_o:.4f}]")
    print(f"  {base:>24s}: {cmp.mean_base:.4f}  [{lo_b:.4f}, {hi_b:.4f}]")
    print(f"  {'ratio':>24s}: {cmp.ratio:.3f}x  [{lo_r:.3f}, {hi_r:.3f}] (95% bootstrap over documents)")
    print(f"  {'not worse on':>24s}: {cmp.share_not_worse:.1%} of documents")
    if worst:
        print(f"  worst {min(worst, len(cmp.docs))} ({ours} vs {base}):")
        for d, a, b in cmp.worst(worst):
            print(f"    {d:40s} {a:.4f} vs {b:.4f}")


def prf(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float]:
    """Precision, recall, F1 of ``(label, prediction)`` pairs (``nan`` where undefined).

    >>> prf([(True, True), (True, False), (False, True), (False, False)])
    (0.5, 0.5, 0.5)
    """
    tp = sum(1 for y, p in pairs if y and p)
    fp = sum(1 for y, p in pairs if p and not y)
    fn = sum(1 for y, p in pairs if y and not p)
    pr = tp / (tp + fp) if tp + fp else float("nan")
    rc = tp / (tp + fn) if tp + fn else float("nan")
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else float("nan"))
