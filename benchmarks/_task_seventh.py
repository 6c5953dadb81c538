"""The seventh, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

The sixth set (``benchmarks/_task_sixth.py``) is now read to tune
``Sentence.is_task``, so its figure is no longer held out. The seventh set,
``tests/data/task_labels_seventh.tsv``, is drawn the same way (:data:`SPEC`,
drawn by ``benchmarks/_task_sets.py``) from text the tuner does not read,
and labelled by reading before ``is_task`` is run on any of them:

* ``xwlb`` — 新闻联播 items of days that none of the fourth, fifth and sixth
  sets uses, one random day from each year in turn; 15 items of each kind
  (:func:`_task_sets.news_kind`), two sentences each. An item (its title line
  and its text) is parsed alone; a row's ``file`` is ``YYYY/YYYYMMDD.txt#N``.
* ``headed`` — pages of ``../shared/headed`` that none of the fourth, fifth
  and sixth sets uses, at most four sentences per page, stratified over the
  genres of :func:`_task_sets.fifth_genre` that have pages left (plans,
  notices, essays; no speech, duty-report or study page is left): plans and
  essays (few pages, ``whole``) give what their pages hold, notices the rest
  of the 120.
* ``corpora`` — 30 sentences spread over the documents of
  ``../shared/corpora`` that have one to give (:func:`_task_sets.spread`).

A sentence is drawn only when it is at least five sentences (``distance``,
of ``doc.sentences``) away from every sentence of any earlier set (dev,
fresh, third, fourth, fifth, sixth) in the same document
(:func:`_task_sets.far_from`; news items of the fourth's, fifth's and
sixth's days are not drawn at all). No sentence of an earlier set is drawn,
by md5 alone, nor any md5 twice. A body sentence is as in the fourth set
(:func:`_task_sets.is_body`). Everything is drawn with one
``random.Random(seed)``; ``python benchmarks/_task_seventh.py --check``
redraws and compares with the stored rows.
"""

from __future__ import annotations

from _task_sets import FIFTH_GENRES, BlindSet, fifth_genre, main

SPEC = BlindSet(
    name="seventh", seed=20260905, before=("dev", "fresh", "third", "fourth", "fifth", "sixth"), by="md5",
    distance=5, remember=True, avoid=("fourth", "fifth", "sixth"), order=("xwlb", "headed", "corpora"),
    items_per_kind=15, per_item=2, genre_of=fifth_genre, genres=FIFTH_GENRES,
    whole=("speech", "duty_report", "study", "plan", "essay"), headed_quota=120, per_page=4, corpora_total=30,
)
SEVENTH = SPEC.path

if __name__ == "__main__":
    main(SPEC, __doc__ or "")
