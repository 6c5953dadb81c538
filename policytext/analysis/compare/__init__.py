"""Compare documents: keyness, new and dropped 提法, people, similarity, trajectories.

Two documents
-------------
:func:`compare` puts a *reference* document ``a`` (for instance the previous
plenum's communiqué) next to a *target* ``b`` and returns a
:class:`Comparison` whose parts are pandas DataFrames:

``keyness``
    Every content term with its raw counts in both documents, rates per
    10 000 characters, Dunning's log-likelihood G² (signed: ``+`` when the
    term is over-represented in ``b``, ``-`` when in ``a``), its p-value and
    Hardie's log ratio. Sorted by signed G² descending, so the top rows are
    the terms that characterise ``b`` and the bottom rows those of ``a``
    (:mod:`~policytext.analysis.compare.keyness`).
``new_terms`` / ``dropped_terms``
    Lexicon terms, numbered formulations (:func:`policytext.find_numbered`)
    and frequent multi-token phrases that occur in ``b`` and nowhere in ``a``
    (respectively in ``a`` and nowhere in ``b``), with counts and an example
    sentence. "Nowhere" is checked on the plain text: a term counts as absent
    only when none of its forms is a substring of the other document
    (:mod:`~policytext.analysis.compare.novel`).
``people``
    Person names that occur in ``b`` and nowhere in ``a`` (status ``"new"``)
    or in ``a`` and nowhere in ``b`` (``"dropped"``): the officials a
    communiqué elects, promotes, expels or mourns, and what it does with
    each (``event``: ``"expelled"``, ``"removed"``, ``"promoted"``,
    ``"elected"`` …, read from the clause that names them;
    :mod:`~policytext.analysis.compare.person_events`). Names are not terms:
    they never appear in ``keyness``, ``new_terms`` or ``dropped_terms``
    (:mod:`~policytext.analysis.compare.people`).
``similarity``
    TF-IDF cosine of the two documents and the Jaccard index of their term sets.
``sections``
    For each top-level section of ``b``, the section of ``a`` with the most
    similar content (TF-IDF cosine of the section term vectors;
    :mod:`~policytext.analysis.compare.similarity`).

The result is data; :mod:`policytext.render.compare_report` writes it as
Markdown, HTML or Word, :mod:`policytext.render.plots` draws it.

Counting conventions
--------------------
* **Content terms** (keyness, similarity, sections) follow the package's
  content-token rule, without person names
  (:mod:`~policytext.analysis.compare.profile`).
* **Lexicon terms** in ``new_terms``/``dropped_terms``, :func:`first_seen`
  and :func:`term_trajectories` are counted as *plain substrings* of
  ``doc.text`` (:mod:`~policytext.analysis.compare.mentions`), so these counts
  equal what a reader finds with Ctrl-F.
* **Rates** are per ``per`` (default 10 000) characters of ``doc.text``;
  G² and the log ratio use the numbers of content tokens as corpus sizes.

A series
--------
:func:`term_trajectories` (documents × terms, rates; with ``freq="D"|"M"|"Y"``
a tidy table of ``period, term, count, documents, rate`` per period),
:func:`term_counts` (raw counts) and :func:`first_seen` read any iterable of
documents and order them by ``metadata["date"]``
(:mod:`~policytext.analysis.compare.series`); given a Corpus they make one
pass over it for any number of terms (:mod:`policytext.corpus.dated`).

Command line: ``policytext compare A B [-o report.html|report.md|report.docx] [--top N]``.

Examples
--------
>>> import policytext as pt
>>> a = pt.load("一、总体要求\\n要加快构建新发展格局。要推动高质量发展。")
>>> b = pt.load("一、总体要求\\n要发展新质生产力。要推动高质量发展。")
>>> cmp = compare(a, b)
>>> cmp.new_terms["term"].tolist()
['新质生产力']
>>> cmp.dropped_terms["term"].tolist()
['新发展格局']
>>> round(cmp.similarity.jaccard, 3)
0.333
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sized
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from ..._files import atomic_path
from ..._validation import InstanceOf, Interval, validate_params
from ...errors import DocumentNotFoundError, InvalidParameterError
from ...text.document import Document
from ...text.loading import as_document
from ...tokens.lexicon import Lexicon
from ...tokens.tokenizer import Tokenizer
from ._common import Background, doc_name, resolve
from .keyness import _keyness_frame, g2_keyness
from .novel import _mention_counts, _novel, background_novelty, novel_phrases
from .people import _empty_people, _people_frame
from .profile import _profile
from .series import first_seen, term_counts, term_trajectories
from .similarity import Similarity, _sections_frame, _similarity

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "Background",
    "Comparison",
    "Similarity",
    "compare",
    "first_seen",
    "background_novelty",
    "g2_keyness",
    "novel_phrases",
    "term_counts",
    "term_trajectories",
]


@dataclass(frozen=True, eq=False)
class Comparison:
    """The result of :func:`compare` (reference ``a``, target ``b``): data only.

    Write it with :func:`policytext.render.compare_report.write_comparison`
    (``.md``, ``.html``, ``.docx``), or get the text with
    :func:`~policytext.render.compare_report.to_markdown` /
    :func:`~policytext.render.compare_report.to_html`.

    Attributes
    ----------
    a_name, b_name : str
        Names of the documents (metadata ``name``, else title).
    a_date, b_date : str | None
        Their ``metadata["date"]``.
    a_title, b_title : str | None
        Their titles (``Document.title``): the reports name the documents by them, else by
        ``a_name``/``b_name``.
    keyness : pandas.DataFrame
        ``term, category, count_a, count_b, rate_a, rate_b, g2, p, log_ratio``,
        sorted by signed G² descending (``+`` = over-represented in b).
    new_terms, dropped_terms : pandas.DataFrame
        ``term, kind, category, count_a, count_b, rate_a, rate_b, example,
        novelty, background_documents, nest``; ``kind`` is ``"lexicon"`` (a
        term or alias of the lexicon, counted as a substring; a numbered one
        only where it stands whole), ``"numbered"`` (a numbered formulation
        found by :func:`policytext.find_numbered` that the lexicon lacks) or
        ``"phrase"`` (:func:`novel_phrases`). Without a background: ranked by
        count (descending), then kind (lexicon, numbered, phrase), then the
        share of a phrase's tokens unknown to the other document, then length
        (longer first); ``novelty`` and ``background_documents`` are missing.
        With one (new terms only): ranked by ``novelty``
        (:func:`background_novelty`), then kind, then count;
        ``background_documents`` is how many of the latest background
        documents before b use the term. A term that contains, or is
        contained in, a better-ranked term is folded into that row's ``nest``
        (铸牢中华民族共同体意识 with 中华民族共同体意识 and 中华民族共同体).
        A numbered formulation is never matched inside another (三保 of
        两不愁三保障). ``example`` is the sentence of the first occurrence.
        Person names are never among them.
    similarity : Similarity
    sections : pandas.DataFrame
        ``section_b, heading_b, section_a, heading_a, cosine, runner_up,
        runner_up_cosine``: the best-matching top-level section of a for every
        top-level section of b (empty when either has no sections).
    info : dict
        Sizes (characters, content tokens), the per-characters unit of the
        rates and the lexicon fingerprint.
    people : pandas.DataFrame
        ``name, status, event, count_a, count_b, example``: person names (rule
        in :mod:`policytext.analysis.compare.people`) that occur in b and
        nowhere in a (``status="new"``) or in a and nowhere in b
        (``"dropped"``), with their substring counts and the sentence of the
        first occurrence. ``event`` is what the document that names the person
        (b for a new name, a for a dropped one) does with them, read from the
        clause that names them: ``"expelled"`` (开除党籍), ``"removed"``
        (撤销…职务, 免去), ``"disciplined"`` (留党察看, 处分), ``"resigned"``,
        ``"mourned"``, ``"promoted"`` (递补, 增补), ``"elected"`` (选举,
        当选), ``"appointed"`` (任命), else ``"mentioned"``
        (:func:`policytext.analysis.compare.person_events.person_event`); the
        reports count the new names by event and show Chinese labels. New
        names first, then by count (descending), then by first position in the
        document.
    """

    a_name: str
    b_name: str
    a_date: str | None
    b_date: str | None
    keyness: pd.DataFrame = field(repr=False)
    new_terms: pd.DataFrame = field(repr=False)
    dropped_terms: pd.DataFrame = field(repr=False)
    similarity: Similarity
    sections: pd.DataFrame = field(repr=False)
    info: dict[str, Any] = field(default_factory=dict, repr=False)
    people: pd.DataFrame = field(default_factory=_empty_people, repr=False)
    a_title: str | None = None
    b_title: str | None = None

    def __repr__(self) -> str:
        return (f"Comparison(a={self.a_name!r}, b={self.b_name!r}, new={len(self.new_terms)}, "
                f"dropped={len(self.dropped_terms)}, people={len(self.people)}, "
                f"cosine={self.similarity.cosine:.3f})")

    # Thin methods that delegate to the renderer (issue 14: results are data; these only
    # forward, importing policytext.render.compare_report when called, never at import).
    def to_markdown(self, path: str | os.PathLike[str] | None = None, *, top: int = 20) -> str:
        """The report as Markdown (:func:`policytext.render.compare_report.to_markdown`),
        also written to ``path`` when given."""
        from ...render import compare_report

        return _written(compare_report.to_markdown(self, top=top), path)

    def to_html(self, path: str | os.PathLike[str] | None = None, *, top: int = 20, full: bool = True) -> str:
        """A self-contained HTML report (:func:`policytext.render.compare_report.to_html`),
        also written to ``path`` when given."""
        from ...render import compare_report

        return _written(compare_report.to_html(self, top=top, full=full), path)

    def _repr_html_(self) -> str:  # Jupyter
        from ...render import compare_report

        return compare_report.to_html(self, top=20, full=False)


def _as_background(obj: Any) -> Background | None:
    """``compare``'s background: a :class:`Background`, an object's ``background()`` (a Corpus), or documents."""
    if obj is None or isinstance(obj, Background):
        return obj
    make = getattr(obj, "background", None)
    if callable(make):
        bg = make()
        if isinstance(bg, Background):
            return bg
    return Background.from_documents(obj)


def _one_document(x: Any, name: str) -> Document:
    """``compare``'s argument ``name`` as a Document; a group of documents (a Corpus, a list, a folder) is
    refused naming the parameter and pointing to :func:`policytext.keyness`."""
    if isinstance(x, Document):
        return x
    group = None
    if isinstance(x, os.PathLike) or (isinstance(x, str) and len(x) < 4096 and "\n" not in x):
        try:
            folder = os.path.isdir(x)
        except (OSError, ValueError):
            folder = False
        if folder:  # as pt.load refuses a folder (an InputError), naming the parameter and pt.keyness
            raise DocumentNotFoundError(x, f"is a directory, not a file: the {name!r} parameter of compare is one "
                                           "document; to compare two groups of documents (a folder, a Corpus, a "
                                           "list), use pt.keyness(a, b)")
    elif not isinstance(x, (str, bytes, bytearray, memoryview, Mapping)) and isinstance(x, Iterable):
        unit = "documents" if hasattr(x, "term_frequencies") else "items"  # a Corpus, else a list …
        size = f" of {len(x)} {unit}" if isinstance(x, Sized) else ""
        group = f"a {type(x).__name__}{size}"
    if group is not None:
        raise InvalidParameterError(
            f"The {name!r} parameter of compare must be one document: a Document, a path to a file, bytes or a "
            f"str of text. Got {group} instead. To compare two groups of documents (a Corpus, a list of "
            f"documents or paths, a folder), use pt.keyness(a, b).")
    if not isinstance(x, (str, os.PathLike, bytes, bytearray, memoryview)):
        raise InvalidParameterError.build(name, "compare", "a Document, a path, bytes or a str of text", x)
    return as_document(cast("str | os.PathLike[str] | bytes", x), "compare")


def _written(text: str, path: str | os.PathLike[str] | None) -> str:
    """``text``, written atomically to ``path`` first when one is given."""
    if path is not None:
        with atomic_path(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    return text


@validate_params({
    "lexicon": [InstanceOf(Lexicon), None],
    "tokenizer": [InstanceOf(Tokenizer), None],
    "min_count": [Interval(int, 1, None)],
    "max_n": [Interval(int, 2, 8)],
    "per": [Interval(int, 1, None)],
})
def compare(a: Any, b: Any, *, lexicon: Lexicon | None = None, tokenizer: Tokenizer | None = None,
            min_count: int = 2, max_n: int = 4, per: int = 10_000, background: Any = None) -> Comparison:
    """Compare a target document ``b`` with a reference ``a``.

    Parameters
    ----------
    a, b : Document, path, bytes or str
        The reference and the target; anything
        :func:`policytext.text.loading.as_document` accepts (an empty string
        is an empty document).
    lexicon : Lexicon, optional
        Terms to report as ``kind="lexicon"``; default: the tokenizer's
        lexicon (the shipped one). ``Lexicon.empty()`` relies on numbered
        formulation detection and phrase extraction alone.
    tokenizer : Tokenizer, optional
        Default: a tokenizer with ``lexicon``.
    min_count : int
        Minimum count in the target of a new phrase (:func:`novel_phrases`).
    max_n : int
        Longest phrase in tokens (2 … 8).
    per : int
        Rates are per ``per`` characters.
    background : Corpus, Background or iterable of dated Documents, optional
        A dated record (the 新闻联播 corpus) against which ``new_terms`` are
        new: every new term gets a ``novelty`` (1.0 when no background document
        dated before ``b``'s ``metadata["date"]`` uses it, below 0.5 when some
        do, see :func:`background_novelty`), phrases are kept from one
        occurrence, and rows are ranked by novelty, then kind, then count, so a
        new term used once ranks above an ordinary phrase used often. A
        :class:`~policytext.Corpus` is read through its ``background()``
        method when it has one (fast: files are not parsed), else document by
        document; build a :class:`Background` once to compare many pairs.

    Returns
    -------
    Comparison

    Raises
    ------
    InvalidParameterError
        If ``a`` or ``b`` is not a document, path, bytes or text (it is also
        a ``TypeError``; the message names the parameter, and for a group of
        documents, a Corpus, a list or a folder, points to
        :func:`policytext.keyness`), or a parameter is out of range (``True``
        is not a count).

    Examples
    --------
    >>> import policytext as pt
    >>> cmp = compare("要坚持“两个确立”。要推进改革。", "要推进改革，推进高质量发展。")
    >>> cmp.dropped_terms[["term", "kind", "count_a"]].values.tolist()
    [['两个确立', 'lexicon', 1]]
    >>> cmp.keyness[["term", "count_a", "count_b"]].head(2).values.tolist()
    [['高质量发展', 0, 1], ['推进改革', 1, 1]]
    >>> compare("要推进改革。", "要推进改革。").similarity.cosine
    1.0
    >>> cmp = compare("全会决定，接受秦刚同志辞职申请。",
    ...               "全会决定，递补中央委员会候补委员王建武、刘宁、李佳为中央委员会委员。")
    >>> cmp.people[["name", "status", "count_a", "count_b"]].values.tolist()
    [['王建武', 'new', 0, 1], ['刘宁', 'new', 0, 1], ['李佳', 'new', 0, 1], ['秦刚', 'dropped', 1, 0]]
    >>> cmp.people["event"].tolist()
    ['promoted', 'promoted', 'promoted', 'resigned']
    """
    da = _one_document(a, "a")
    db = _one_document(b, "b")
    lex, tk = resolve(lexicon, tokenizer)
    bg = _as_background(background)
    pa, pb = _profile(da, tk), _profile(db, tk)
    terms = sorted(pa.counts.keys() | pb.counts.keys())
    kw: dict[str, Any] = {"lexicon": lex, "tokenizer": tk, "min_count": min_count, "max_n": max_n, "per": per}
    return Comparison(
        a_name=doc_name(da, "a"),
        b_name=doc_name(db, "b"),
        a_date=da.metadata.get("date"),
        b_date=db.metadata.get("date"),
        keyness=_keyness_frame(pa, pb, per=per, terms=terms,
                               mentions=(_mention_counts(da, lex), _mention_counts(db, lex))),
        new_terms=_novel(db, da, new_is_b=True, background=bg, **kw),
        dropped_terms=_novel(da, db, new_is_b=False, **kw),
        similarity=_similarity(pa, pb, terms),
        sections=_sections_frame(da, db, tk),
        info={"per": per, "chars_a": pa.chars, "chars_b": pb.chars, "tokens_a": pa.n_tokens,
              "tokens_b": pb.n_tokens, "lexicon": lex.fingerprint, "min_count": min_count, "max_n": max_n},
        people=_people_frame(da, db, pa.people, pb.people),
        a_title=da.title,
        b_title=db.title,
    )
