"""The fifth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

The fourth set (``benchmarks/_task_fourth.py``) is now read to tune
``Sentence.is_task``, so its figure is no longer held out. The fifth set,
``tests/data/task_labels_fifth.tsv``, is drawn the same way (:data:`SPEC`,
drawn by ``benchmarks/_task_sets.py``) from documents the tuner does not
read, and labelled by reading before ``is_task`` is run on any of them:

* ``xwlb`` — 新闻联播 items of days that are not among the fourth set's news
  days, one random day from each year in turn; twelve items of each kind
  (:func:`_task_sets.news_kind`), two sentences each. An item (its title line
  and its text) is parsed alone; a row's ``file`` is ``YYYY/YYYYMMDD.txt#N``.
* ``corpora`` — the documents of ``../shared/corpora`` in :data:`CORPORA`
  (the two 决定, the 20th-congress study decision, the 19th and 20th congress
  reports, the government work reports), :data:`CORPORA` sentences each.
* ``headed`` — pages of ``../shared/headed`` that are not among the fourth
  set's pages, at most four sentences per page, 120 in all, stratified over
  the genres of :func:`_task_sets.fifth_genre` (the fourth's genres of the
  MANIFEST title, speeches printed in study materials, and essays); speeches
  and duty reports (few pages are left) give what their pages hold, the others
  share the rest evenly.

Sentences already in any earlier set (dev, fresh, third, fourth) are never
drawn: neither their ``(file, md5)`` nor their md5 alone. A body sentence is
as in the fourth set (:func:`_task_sets.is_body`). Everything is drawn with
one ``random.Random(seed)``; ``python benchmarks/_task_fifth.py --check``
redraws and compares with the stored rows.
"""

from __future__ import annotations

from _task_sets import FIFTH_GENRES, BlindSet, fifth_genre, main

#: Sentences per document of ../shared/corpora (60 in all).
CORPORA = {
    "plenum_20_3_decision.txt": 8,
    "plenum_20_4_decision_fyp15_proposal.txt": 8,
    "cc_decision_study_20th_congress_2022.txt": 7,
    "congress_19_report.txt": 8,
    "congress_20_report.txt": 8,
    "gwr_2021.txt": 7,
    "gwr_2022.txt": 7,
    "gwr_2024.txt": 7,
}
SPEC = BlindSet(
    name="fifth", seed=20260716, before=("dev", "fresh", "third", "fourth"), by="md5", avoid=("fourth",),
    items_per_kind=12, per_item=2, corpora=CORPORA,
    genre_of=fifth_genre, genres=FIFTH_GENRES, whole=("speech", "duty_report"), headed_quota=120, per_page=4,
)
FIFTH = SPEC.path

if __name__ == "__main__":
    main(SPEC, __doc__ or "")
