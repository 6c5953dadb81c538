"""The eleventh, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

Drawn with the tenth and exactly as the eighth is (``benchmarks/_task_eighth.py`` says how), with its own seed
and avoiding also the tenth's news days and sentences: with the tenth, it judges session 6's second round of
rules. A page that holds one sentence twice gave it twice; the second copy is left out (``drop``). Its rows are
``tests/data/task_labels_eleventh.tsv``; ``python benchmarks/_task_eleventh.py --check`` redraws and compares.
"""

from __future__ import annotations

from _task_sets import FIFTH_GENRES, BlindSet, fifth_genre, main

EARLIER = ("dev", "fresh", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
SPEC = BlindSet(
    name="eleventh", seed=20261204, before=EARLIER, by="md5", distance=5, remember=True,
    avoid=("fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
    avoid_pages=(), order=("xwlb", "headed", "corpora"), drop=(("sx_21731.txt", 6631),),  # a second copy
    items_per_kind=6, per_item=2, genre_of=fifth_genre, genres=FIFTH_GENRES,
    whole=(), headed_quota=190, per_page=3, corpora_total=50,
)
ELEVENTH = SPEC.path

if __name__ == "__main__":
    main(SPEC, __doc__ or "")
