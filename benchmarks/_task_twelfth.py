"""The twelfth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

Drawn exactly as the eighth to eleventh are (``benchmarks/_task_eighth.py`` says how), with its own seed and
avoiding also their news days and sentences, once the tenth and eleventh had judged session 6's second round of
rules and become the rows a learned task model may learn how far to trust the rules from: with the thirteenth, it
judges session 7's task model. Its rows are ``tests/data/task_labels_twelfth.tsv``;
``python benchmarks/_task_twelfth.py --check`` redraws and compares.
"""

from __future__ import annotations

from _task_sets import like_the_eighth, main

SPEC = like_the_eighth("twelfth", seed=20261205)
TWELFTH = SPEC.path


if __name__ == "__main__":
    main(SPEC, __doc__ or "")
