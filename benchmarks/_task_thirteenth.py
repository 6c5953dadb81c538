"""The thirteenth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

Drawn with the twelfth and exactly as the eighth is (``benchmarks/_task_eighth.py`` says how), with its own seed
and avoiding also the twelfth's news days and sentences: with the twelfth, it judges session 7's task model. Its
rows are ``tests/data/task_labels_thirteenth.tsv``; ``python benchmarks/_task_thirteenth.py --check`` redraws and
compares.
"""

from __future__ import annotations

from _task_sets import FIFTH_GENRES, BlindSet, fifth_genre, main

EARLIER = ("dev", "fresh", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
           "twelfth")
SPEC = BlindSet(
    name="thirteenth", seed=20261206, before=EARLIER, by="md5", distance=5, remember=True,
    avoid=("fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"),
    avoid_pages=(), order=("xwlb", "headed", "corpora"),
    items_per_kind=6, per_item=2, genre_of=fifth_genre, genres=FIFTH_GENRES,
    whole=(), headed_quota=190, per_page=3, corpora_total=50,
)
THIRTEENTH = SPEC.path

if __name__ == "__main__":
    main(SPEC, __doc__ or "")
