"""The tenth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

Drawn exactly as the eighth and ninth are (``benchmarks/_task_eighth.py`` says how), with its own seed and
avoiding also their news days and sentences, once those two had judged session 6's first round of rules and
become development data: with the eleventh, it judges the second round. Its rows are
``tests/data/task_labels_tenth.tsv``; ``python benchmarks/_task_tenth.py --check`` redraws and compares.
"""

from __future__ import annotations

from _task_sets import FIFTH_GENRES, BlindSet, fifth_genre, main

EARLIER = ("dev", "fresh", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
SPEC = BlindSet(
    name="tenth", seed=20261203, before=EARLIER, by="md5", distance=5, remember=True,
    avoid=("fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    avoid_pages=(), order=("xwlb", "headed", "corpora"),
    items_per_kind=6, per_item=2, genre_of=fifth_genre, genres=FIFTH_GENRES,
    whole=(), headed_quota=190, per_page=3, corpora_total=50,
)
TENTH = SPEC.path

if __name__ == "__main__":
    main(SPEC, __doc__ or "")
