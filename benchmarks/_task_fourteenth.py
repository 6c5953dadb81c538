"""The fourteenth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

Drawn exactly as the eighth to thirteenth are (``benchmarks/_task_eighth.py`` says how), with its own seed and
avoiding also their news days and sentences, once the twelfth and thirteenth had judged session 7's task model (not
shipped): with the fifteenth, it judges the rules of round 9, which were chosen on the tenth and eleventh. Its rows
are ``tests/data/task_labels_fourteenth.tsv``; ``python benchmarks/_task_fourteenth.py --check`` redraws and
compares.
"""

from __future__ import annotations

from _task_sets import like_the_eighth, main

SPEC = like_the_eighth("fourteenth", seed=20261207)
FOURTEENTH = SPEC.path


if __name__ == "__main__":
    main(SPEC, __doc__ or "")
