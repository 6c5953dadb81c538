"""The fifteenth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

Drawn with the fourteenth and exactly as the eighth is (``benchmarks/_task_eighth.py`` says how), with its own seed
and avoiding also the fourteenth's news days and sentences: with the fourteenth, it judges the rules of round 9. Its
rows are ``tests/data/task_labels_fifteenth.tsv``; ``python benchmarks/_task_fifteenth.py --check`` redraws and
compares.
"""

from __future__ import annotations

from _task_sets import FIFTH_GENRES, BlindSet, fifth_genre, main

EARLIER = ("dev", "fresh", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
           "twelfth", "thirteenth", "fourteenth")
SPEC = BlindSet(
    name="fifteenth", seed=20261208, before=EARLIER, by="md5", distance=5, remember=True,
    avoid=EARLIER[3:], avoid_pages=(), order=("xwlb", "headed", "corpora"),
    items_per_kind=6, per_item=2, genre_of=fifth_genre, genres=FIFTH_GENRES,
    whole=(), headed_quota=190, per_page=3, corpora_total=50,
)
FIFTEENTH = SPEC.path

if __name__ == "__main__":
    main(SPEC, __doc__ or "")
