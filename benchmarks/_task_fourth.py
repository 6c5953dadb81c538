"""The fourth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

``tests/data/task_labels_fourth.tsv`` holds about 300 sentences from three
sources the rules were never tuned on, labelled by reading them in context
before ``Sentence.is_task`` was run on any of them. :data:`SPEC` is the draw
(``benchmarks/_task_sets.py`` draws it):

* ``xwlb`` — items of 新闻联播 (``../shared/xwlb``): one item (its title line
  and its text, items are separated by blank lines in a day file) parsed as
  one document, ``policytext.parse(item_text)``, so the item's title is the
  document's title. A row's ``file`` is ``YYYY/YYYYMMDD.txt#N`` (``N``: the
  item's index, from 0, among the non-empty blocks of the day file). Items are
  sorted into five kinds by words of their title and text
  (:func:`_task_sets.news_kind`): meetings, policy releases, inspection
  tours, speeches, reports of achievements and statistics; the genre is
  ``news_<kind>``. Twelve items of each kind, two sentences each.
* ``corpora`` — the plenum communiqués (``plenum_*_communique.txt``), parsed
  as ``policytext.parse(text)``, five sentences each.
* ``headed`` — pages of ``../shared/headed``, ``policytext.parse(text)``,
  at most four sentences per page, 120 in all, stratified over the genres of
  the titles in ``MANIFEST.tsv`` (:func:`_task_sets.headed_genre`; speeches
  give what their pages hold, the other genres share the rest evenly).

Sentences already in a label set (dev, fresh, third: file + md5) are
skipped. A body sentence is one of ``doc.sentences`` with at least 10
characters, four Chinese characters in a row, ending with 。；！？ (the
filter of the fresh draw). Everything is drawn with one
``random.Random(seed)``; ``python benchmarks/_task_fourth.py --check``
redraws and compares with the stored rows.
"""

from __future__ import annotations

from _task_sets import HEADED_GENRES, BlindSet, headed_genre, main

SPEC = BlindSet(
    name="fourth", seed=20260615, before=("dev", "fresh", "third"), by="pair",
    items_per_kind=12, per_item=2,  # news items of each kind, sentences an item
    corpora={"plenum_*_communique.txt": 5},
    genre_of=lambda title, _text: headed_genre(title), genres=HEADED_GENRES, whole=("speech",),
    headed_quota=120, per_page=4,
)
FOURTH = SPEC.path

if __name__ == "__main__":
    main(SPEC, __doc__ or "")
