"""Input handling of :mod:`policytext.analysis.keyterms`: the token lists a ranker reads.

Sentences (and headings, each where it stands) of a Document, a Section or a
list of sentences; the place of each unit for the position prior; personal
names joined (:func:`join_names`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..text.document import Document, Section, Sentence
    from ..tokens.tokenizer import Token, Tokenizer

__all__ = ["heading_units", "with_headings", "section_places", "sentence_tokens", "join_names", "join_names_in"]


def heading_units(sections: Iterable[Section], tk: Tokenizer, doc: Document | None = None
                   ) -> list[tuple[int, list[Token]]]:
    """``(start, tokens)`` of the heading of every section given (empty headings skipped); the
    tokens come from :meth:`Tokenizer.tokenize_headings` (cached on ``doc``) when ``doc`` is known."""
    cached = tk.tokenize_headings(doc) if doc is not None else {}
    return [(sec.heading_span[0], cached.get(sec.id) or tk.tokenize(sec.heading, offset=sec.heading_span[0]))
            for sec in sections if sec.heading.strip()]


def with_headings(sents: Sequence[Any], units: list[Any], heads: list[tuple[int, Any]]) -> list[Any]:
    """Per-sentence units (token or slot lists) with the headings' units interleaved in text order."""
    if not heads:
        return units
    items = [(s.start, 1, u) for s, u in zip(sents, units)] + [(a, 0, u) for a, u in heads]
    items.sort(key=lambda x: (x[0], x[1]))
    return [u for _, _, u in items]


def _document_tokens(doc: Document, tk: Tokenizer, headings: bool) -> tuple[list[list[Token]], list[int]]:
    """Token lists of a document's body sentences (and its section headings in text order if asked), names
    joined (:func:`join_names_in`), and the place of each in its top-level section (:func:`section_places`);
    cached on the document."""
    key = ("keyterms.document_tokens", tk.fingerprint, headings)
    cached = doc._cache.get(key)
    if cached is not None:
        return cached
    toks = tk.tokenize_document(doc)
    starts = [s.start for s in doc.sentences]
    if headings:
        heads = heading_units(doc.walk(), tk, doc)
        toks = with_headings(doc.sentences, toks, heads)
        starts = sorted(starts + [a for a, _ in heads])
    out = doc._cache[key] = (join_names_in(toks), section_places(starts, [sec.heading_span[0] for sec in doc.sections]))
    return out


def section_places(starts: Sequence[int], boundaries: Sequence[int]) -> list[int]:
    """Index of each unit (by its start offset, sorted) within its top-level section; ``-1`` in the preamble.

    The position prior reads a document section by section: each section opens
    with its own thesis. The preamble before the first section is framing
    (formulae, background), not a thesis: it gets no position prior (``-1``).
    A document without sections is read from its first sentence.

    >>> section_places([0, 5, 10, 20, 25], [10, 25])
    [-1, -1, 0, 1, 0]
    >>> section_places([0, 5], [])
    [0, 1]
    """
    if not boundaries:
        return list(range(len(starts)))
    out: list[int] = []
    b = 0
    place = -1
    for a in starts:
        if b < len(boundaries) and a >= boundaries[b]:
            while b < len(boundaries) and a >= boundaries[b]:
                b += 1
            place = 0
        elif b:
            place += 1
        out.append(place)
    return out


def sentence_tokens(obj: Any, tk: Tokenizer, context: Document | None, headings: bool = False
                     ) -> tuple[list[list[Token]], list[int] | None]:
    """Token lists, one per sentence (and heading, if asked), of any accepted input, with personal names
    joined (:func:`join_names_in`), and the place of each unit for the position prior (``None``: its
    index; a Document: its place in its top-level section).

    A list or tuple is a list of sentences (:func:`~policytext.text.loading.as_sentences`);
    anything else goes through :func:`~policytext.text.loading.as_document` (a path is read,
    a blank str is an empty document, a Section stays a Section).
    """
    from ..text.document import Document
    from ..text.loading import as_document, as_sentences

    if isinstance(obj, (list, tuple)):
        sents: Sequence[str | Sentence] = as_sentences(obj, "keywords")
        section = None
    else:
        source = as_document(obj, "keywords", sections=True)
        if isinstance(source, Document):
            return _document_tokens(source, tk, headings)
        section, sents = source, source.sentences
    out = _tokens_of_sentences(sents, tk, context)
    if headings and section is not None:  # the headings of its subsections; its own heading is its label
        out = with_headings(sents, out, heading_units((x for x in section.walk() if x is not section), tk, context))
    return join_names_in(out), None


def _tokens_of_sentences(sents: Sequence[str | Sentence], tk: Tokenizer, context: Document | None
                         ) -> list[list[Token]]:
    """Tokens of each sentence: the context's cached tokens for its own Sentences."""
    all_tokens = tk.tokenize_document(context) if context is not None else []
    own = context.sentences if context is not None else []
    out: list[list[Token]] = []
    for s in sents:
        if isinstance(s, str):
            out.append(tk.tokenize(s))
        elif s.index < len(all_tokens) and own[s.index] is s:
            out.append(all_tokens[s.index])
        else:
            out.append(tk.tokenize(s.text, offset=s.start))
    return out


#: Tags that end a run of single-character words before a name: function words, numerals, punctuation.
_NAME_BREAK = frozenset("p u c d r y e o m q f uj ul x".split())


@lru_cache(maxsize=1)
def _hmm_tokenizer() -> Tokenizer:
    """Plain jieba with its HMM on: it guesses words the dictionary lacks (詹文锴)."""
    from ..tokens.lexicon import Lexicon
    from ..tokens.tokenizer import Tokenizer

    return Tokenizer(lexicon=Lexicon.empty(), detect_numbered=False, stopwords=None, hmm=True)


def _single(t: Token) -> bool:
    """A one-character Chinese word that may be part of a name."""
    return (len(t.text) == 1 and t.kind == "word" and not t.is_stop and t.pos not in _NAME_BREAK
            and "\u4e00" <= t.text <= "\u9fff")


@lru_cache(maxsize=4096)
def _first_word(run: str) -> str:
    """The first word jieba's HMM cuts from a run of single characters."""
    return _hmm_tokenizer().lcut(run)[0]


def _name_spots(tokens: Sequence[Token]) -> list[tuple[int, str]]:
    """``(index, name)`` where a name starts in ``tokens`` (see :func:`join_names`)."""
    starts = [k for k, t in enumerate(tokens) if len(t.text) == 1 and t.pos[:2] == "nr"]  # rare: most lists end here
    spots: list[tuple[int, str]] = []
    done = 0
    for k in starts:
        if k < done or not _single(tokens[k]) or (k and _single(tokens[k - 1])):
            continue  # a name starts a run of single characters: no 周班 out of 值|周|班, no 兰楼 out of 树|兰|楼
        j = k + 1
        while j < len(tokens) and j - k < 8 and _single(tokens[j]):
            j += 1
        if j - k >= 2:
            w = _first_word("".join(t.text for t in tokens[k:j]))
            if 2 <= len(w) <= 3:
                spots.append((k, w))
                done = k + len(w)
    return spots


def _joined(tokens: list[Token], spots: Sequence[tuple[int, str]]) -> list[Token]:
    from ..tokens.tokenizer import Token

    if not spots:
        return tokens
    new: list[Token] = []
    done = 0
    for k, w in spots:
        new.extend(tokens[done:k])
        new.append(Token(w, tokens[k].start, tokens[k + len(w) - 1].end, "nr"))
        done = k + len(w)
    return new + tokens[done:]


def join_names(tokens: list[Token], names: Container[str] | None = None) -> list[Token]:
    """Personal names that the tokenizer split into single characters, joined (詹|文|锴 -> 詹文锴, ``nr``).

    The package's tokenizer runs jieba with its HMM off, so a name the
    dictionary lacks comes out as single characters, which are never keyword
    candidates. Where a single-character word tagged ``nr`` (a surname: 詹,
    陈) starts a run of single-character words (not inside one: no 周班 out
    of 值|周|班), jieba's HMM cuts the run
    again; when its first word has two or three characters (and is one of
    ``names``, if given: see :func:`join_names_in`), it becomes one token
    tagged ``nr``. A list without a name is returned as it is (the same list).

    >>> from policytext.tokens.tokenizer import default_tokenizer
    >>> tk = default_tokenizer()
    >>> [t.text for t in join_names(tk.tokenize("詹文锴同志的事迹，詹文锴说"))]
    ['詹文锴', '同志', '的', '事迹', '，', '詹文锴', '说']
    >>> [t.text for t in join_names(tk.tokenize("詹文锴说"), names=set())]
    ['詹', '文', '锴', '说']
    """
    spots = _name_spots(tokens)
    return _joined(tokens, spots if names is None else [(k, w) for k, w in spots if w in names])


def join_names_in(token_lists: Sequence[list[Token]], min_count: int = 2) -> list[list[Token]]:
    """:func:`join_names` over a text's token lists, for names found at least ``min_count`` times in them.

    A name that defines a text is used more than once; a word the HMM
    guesses once (统筹立改废|释纂) is left as it was. This is how
    :func:`policytext.analysis.keyterms.keywords` reads a text.

    >>> from policytext.tokens.tokenizer import default_tokenizer
    >>> tk = default_tokenizer()
    >>> [[t.text for t in ts] for ts in join_names_in([tk.tokenize("詹文锴说"), tk.tokenize("陈斌说")])]
    [['詹', '文', '锴', '说'], ['陈', '斌', '说']]
    >>> [t.text for t in join_names_in([tk.tokenize("詹文锴说"), tk.tokenize("群众称赞詹文锴")])[1]]
    ['群众', '称赞', '詹文锴']
    """
    spots = [_name_spots(ts) for ts in token_lists]
    counts = Counter(w for sp in spots for _, w in sp)
    return [_joined(ts, [(k, w) for k, w in sp if counts[w] >= min_count]) for ts, sp in zip(token_lists, spots)]
