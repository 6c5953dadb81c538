"""The sixth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

The fifth set (``benchmarks/_task_fifth.py``) is now read to tune
``Sentence.is_task``, so its figure is no longer held out. The sixth set,
``tests/data/task_labels_sixth.tsv``, is drawn the same way (:data:`SPEC`,
drawn by ``benchmarks/_task_sets.py``) from text the tuner does not read,
and labelled by reading before ``is_task`` is run on any of them:

* ``xwlb`` — 新闻联播 items of days that are neither the fourth's nor the
  fifth's news days, one random day from each year in turn; 13 items of each
  kind (:func:`_task_sets.news_kind`), two sentences each. An item (its title
  line and its text) is parsed alone; a row's ``file`` is
  ``YYYY/YYYYMMDD.txt#N``.
* ``headed`` — pages of ``../shared/headed`` that are neither the fourth's nor
  the fifth's pages, at most four sentences per page, stratified over the
  genres of :func:`_task_sets.fifth_genre` that have pages left (plans,
  notices, study materials, essays; no speech or duty-report page is left):
  genres with few pages (``whole``) give what their pages hold, the others
  share the rest of the 130 evenly.
* ``corpora`` — 40 sentences spread over the 23 documents of
  ``../shared/corpora`` (:func:`_task_sets.spread`: one from each document
  that has one to give, then a second, a third from the longer ones, in
  random order).

The tuner reads the context of every labelled sentence, so a sentence is
drawn only when it is at least five sentences (``distance``, of
``doc.sentences``) away from every sentence of any earlier set (dev, fresh,
third, fourth, fifth) in the same document (:func:`_task_sets.far_from`;
news items of the fourth's and fifth's days are not drawn at all). No
sentence of an earlier set is drawn, by md5 alone, nor any md5 twice (pages
repeat sentences: a class-meeting notice of one term and of the next). A
body sentence is as in the fourth set (:func:`_task_sets.is_body`).
Everything is drawn with one ``random.Random(seed)``; ``python
benchmarks/_task_sixth.py --check`` redraws and compares with the stored
rows.
"""

from __future__ import annotations

from _task_sets import FIFTH_GENRES, BlindSet, fifth_genre, main

SPEC = BlindSet(
    name="sixth", seed=20260817, before=("dev", "fresh", "third", "fourth", "fifth"), by="md5", distance=5,
    remember=True, avoid=("fourth", "fifth"), order=("xwlb", "headed", "corpora"),
    items_per_kind=13, per_item=2, genre_of=fifth_genre, genres=FIFTH_GENRES,
    whole=("speech", "duty_report", "study"), headed_quota=130, per_page=4, corpora_total=40,
)
SIXTH = SPEC.path

if __name__ == "__main__":
    main(SPEC, __doc__ or "")
