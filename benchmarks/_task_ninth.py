"""The ninth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

Drawn with the eighth and exactly as it is (``benchmarks/_task_eighth.py`` says how: 60 新闻联播 sentences,
190 of ``../shared/headed`` pages, 50 of ``../shared/corpora``), with its own seed, avoiding also the eighth's
news days and sentences, to judge session 6's first round with twice the sentences. Its rows are
``tests/data/task_labels_ninth.tsv``; ``python benchmarks/_task_ninth.py --check`` redraws and compares.
"""

from __future__ import annotations

from _task_sets import FIFTH_GENRES, BlindSet, fifth_genre, main

EARLIER = ("dev", "fresh", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
SPEC = BlindSet(
    name="ninth", seed=20261202, before=EARLIER, by="md5", distance=5, remember=True,
    avoid=("fourth", "fifth", "sixth", "seventh", "eighth"), avoid_pages=(), order=("xwlb", "headed", "corpora"),
    items_per_kind=6, per_item=2, genre_of=fifth_genre, genres=FIFTH_GENRES,
    whole=(), headed_quota=190, per_page=3, corpora_total=50,
)
NINTH = SPEC.path

if __name__ == "__main__":
    main(SPEC, __doc__ or "")
