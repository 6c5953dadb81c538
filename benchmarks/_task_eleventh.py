"""The eleventh, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

Drawn with the tenth and the same way as the eighth and ninth, once those two had
judged session 6's first round of rules and become development data, to judge its
second round. The eleventh set,
``tests/data/task_labels_eleventh.tsv``, is drawn (:data:`SPEC`, by
``benchmarks/_task_sets.py``) before anything is built on it, weighted
towards what issue 15 names, pages of ``../shared/headed`` and documents of
``../shared/corpora``, and labelled by reading before ``is_task`` is run on
any of its sentences:

* ``xwlb`` — 新闻联播 items of days that none of the fourth to tenth sets
  uses, one random day from each year in turn; 6 items of each kind
  (:func:`_task_sets.news_kind`), two sentences each.
* ``headed`` — pages of ``../shared/headed`` (every page may give again:
  too few are left that no set has read; the distance below keeps the
  sentences away from labelled ones), at most three sentences a page,
  190 shared evenly over the genres of :func:`_task_sets.fifth_genre`
  (speeches and duty reports give what their pages hold).
* ``corpora`` — 50 sentences spread over the documents of ``../shared/corpora``.

A sentence is drawn only when it is at least five sentences away from every
sentence of the ten earlier sets in the same document; no sentence of an
earlier set is drawn (by md5), nor any md5 twice. ``python
benchmarks/_task_eleventh.py --check`` redraws and compares with the stored rows.
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
