"""The fourteenth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

Drawn exactly as the eighth to thirteenth are (``benchmarks/_task_eighth.py`` says how), with its own seed and
avoiding also their news days and sentences, once the twelfth and thirteenth had judged session 7's task model (not
shipped): with the fifteenth, it judges the rules of round 9, which were chosen on the tenth and eleventh. Its rows
are ``tests/data/task_labels_fourteenth.tsv``; ``python benchmarks/_task_fourteenth.py --check`` redraws and
compares.
"""

from __future__ import annotations

from _task_sets import FIFTH_GENRES, BlindSet, fifth_genre, main

EARLIER = ("dev", "fresh", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
           "twelfth", "thirteenth")
SPEC = BlindSet(
    name="fourteenth", seed=20261207, before=EARLIER, by="md5", distance=5, remember=True,
    avoid=EARLIER[3:], avoid_pages=(), order=("xwlb", "headed", "corpora"),
    items_per_kind=6, per_item=2, genre_of=fifth_genre, genres=FIFTH_GENRES,
    whole=(), headed_quota=190, per_page=3, corpora_total=50,
)
FOURTEENTH = SPEC.path

if __name__ == "__main__":
    main(SPEC, __doc__ or "")
