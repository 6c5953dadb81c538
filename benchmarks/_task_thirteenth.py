"""The thirteenth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

Drawn with the twelfth and exactly as the eighth is (``benchmarks/_task_eighth.py`` says how), with its own seed
and avoiding also the twelfth's news days and sentences: with the twelfth, it judges session 7's task model. Its
rows are ``tests/data/task_labels_thirteenth.tsv``; ``python benchmarks/_task_thirteenth.py --check`` redraws and
compares.
"""

from __future__ import annotations

from _task_sets import like_the_eighth, main

SPEC = like_the_eighth("thirteenth", seed=20261206)
THIRTEENTH = SPEC.path


if __name__ == "__main__":
    main(SPEC, __doc__ or "")
