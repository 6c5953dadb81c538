"""The fifteenth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

Drawn with the fourteenth and exactly as the eighth is (``benchmarks/_task_eighth.py`` says how), with its own seed
and avoiding also the fourteenth's news days and sentences: with the fourteenth, it judges the rules of round 9. Its
rows are ``tests/data/task_labels_fifteenth.tsv``; ``python benchmarks/_task_fifteenth.py --check`` redraws and
compares.
"""

from __future__ import annotations

from _task_sets import like_the_eighth, main

SPEC = like_the_eighth("fifteenth", seed=20261208)
FIFTEENTH = SPEC.path


if __name__ == "__main__":
    main(SPEC, __doc__ or "")
