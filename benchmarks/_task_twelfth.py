"""The twelfth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

Drawn exactly as the eighth to eleventh are (``benchmarks/_task_eighth.py`` says how), with its own seed and
avoiding also their news days and sentences, once the tenth and eleventh had judged session 6's second round of
rules and become the rows a learned task model may learn how far to trust the rules from: with the thirteenth, it
judges session 7's task model. Its rows are ``tests/data/task_labels_twelfth.tsv``;
``python benchmarks/_task_twelfth.py --check`` redraws and compares.
"""

from __future__ import annotations

from _task_sets import FIFTH_GENRES, BlindSet, fifth_genre, main

EARLIER = ("dev", "fresh", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh")
SPEC = BlindSet(
    name="twelfth", seed=20261205, before=EARLIER, by="md5", distance=5, remember=True,
    avoid=("fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh"),
    avoid_pages=(), order=("xwlb", "headed", "corpora"),
    items_per_kind=6, per_item=2, genre_of=fifth_genre, genres=FIFTH_GENRES,
    whole=(), headed_quota=190, per_page=3, corpora_total=50,
)
TWELFTH = SPEC.path

if __name__ == "__main__":
    main(SPEC, __doc__ or "")
