"""Input handling of :mod:`policytext.analysis.keyterms`: the token lists a ranker reads.

Sentences (and headings, each where it stands) of a Document, a Section or a
list of sentences; the place of each unit for the position prior; personal
names joined (:func:`join_names`); and how the text wrote the keywords picked
(:func:`surface_forms`, ``Keyword.forms``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Container, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..text.document import Document, Section, Sentence
    from ..tokens.tokenizer import Token, Tokenizer
    from .phrases import Slot

__all__ = ["heading_units", "with_headings", "section_places", "sentence_tokens", "join_names", "join_names_in",
           "alias_units", "surface_forms", "first_places"]


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


# -- surface forms ------------------------------------------------------------------

def alias_units(tokens: Sequence[Sequence[Token]], terms: Collection[str] | None = None) -> list[int]:
    """Indices of the units that hold a token written otherwise than its canonical form (a lexicon alias),
    of one of ``terms`` or of a part of one (its canonical form is in a term), if given.

    Elsewhere every slot of those terms is written as its norm. One cheap pass (tuple fields, no
    attribute look-up); whether an alias's canonical form is in a term is asked once per form.

    >>> from policytext.tokens.tokenizer import default_tokenizer
    >>> tk = default_tokenizer()
    >>> units = [tk.tokenize("坚持习近平强军思想。"), tk.tokenize("贯彻新时代党的强军思想。")]
    >>> alias_units(units), alias_units(units, ["习近平强军思想"]), alias_units(units, ["国防"])
    ([1], [1], [])
    """
    relevant: dict[str, bool] = {}
    out: list[int] = []
    for k, toks in enumerate(tokens):
        for t in toks:
            norm = t[6]  # Token.term (Token.text is t[0])
            if norm is not None and norm != t[0]:
                hit = relevant.get(norm)
                if hit is None:
                    hit = relevant[norm] = terms is None or any(norm in w for w in terms)
                if hit:
                    out.append(k)
                    break
    return out


def _slot_surfaces(tokens: Sequence[Token], plain: Sequence[Slot | None]) -> list[str | None]:
    """The text each slot of :func:`~policytext.analysis.phrases.token_slots` was read from (None for breaks).

    Slots keep their tokens' order; a token that got no slot is skipped. A slot whose token cannot be
    found (never, with the slots of these tokens) is shown as its norm.
    """
    out: list[str | None] = []
    j, n = 0, len(tokens)
    for s in plain:
        if s is None:
            out.append(None)
            continue
        while j < n and tokens[j].norm != s[0]:
            j += 1
        if j < n:
            out.append(tokens[j].text)
            j += 1
        else:
            out.append(s[0])
    return out


def _merged_surfaces(plain: Sequence[Slot | None], surfaces: Sequence[str | None],
                     merged: Sequence[Slot | None]) -> list[str | None]:
    """The surfaces of :func:`~policytext.analysis.phrases.merge_phrases`'s slots: a merged phrase's is its
    parts' surfaces joined (a slot left alone is the same object in both lists)."""
    out: list[str | None] = []
    i, n = 0, len(plain)
    for m in merged:
        if m is None or (i < n and m is plain[i]):
            out.append(None if m is None else surfaces[i])
            i += 1
            continue
        norm, text = "", ""
        while i < n and norm != m[0]:
            part = plain[i]
            norm += part[0] if part is not None else ""
            text += surfaces[i] or ""
            i += 1
        out.append(text)
    return out


def surface_forms(tokens: Sequence[Sequence[Token]], plain: Sequence[Sequence[Slot | None]],
                  merged: Sequence[Sequence[Slot | None]], counts: Mapping[str, int], terms: Iterable[str]
                  ) -> dict[str, tuple[tuple[str, int], ...]]:
    """How the text wrote each of ``terms``: ``(surface, count)`` pairs, most frequent first, ties in text order.

    Parameters
    ----------
    tokens, plain, merged : one list per unit
        The tokens read, their slots (:func:`~policytext.analysis.phrases.token_slots`) and the slots with
        phrases merged (what the keyword rankers count).
    counts : mapping
        The candidates' counts over ``merged`` (every candidate slot, ``slot[2]``).
    terms : iterable of str
        The norms wanted (the keywords picked).

    Returns
    -------
    dict
        ``term -> forms``; the forms' counts add up to ``counts[term]``. A phrase's surface is its parts'
        surfaces joined. Only the units holding an alias of a term or of its parts (:func:`alias_units`) are
        aligned with their tokens: elsewhere a slot is written as its norm.

    Examples
    --------
    >>> from policytext.tokens.tokenizer import default_tokenizer
    >>> from policytext.analysis.phrases import token_slots
    >>> toks = [default_tokenizer().tokenize(s) for s in ("坚持新时代党的强军思想。", "学习习近平强军思想。",
    ...                                                     "贯彻新时代党的强军思想。")]
    >>> slots = [token_slots(t) for t in toks]
    >>> surface_forms(toks, slots, slots, {"习近平强军思想": 3}, ["习近平强军思想"])
    {'习近平强军思想': (('新时代党的强军思想', 2), ('习近平强军思想', 1))}
    """
    wanted = set(terms)
    seen: dict[str, Counter[str]] = {t: Counter() for t in wanted}
    order: dict[tuple[str, str], tuple[int, int]] = {}  # (term, surface) -> first place in an alias unit
    aliased = alias_units(tokens, wanted)  # a term's occurrence holding an alias holds its canonical form
    for k in aliased:
        texts = _merged_surfaces(plain[k], _slot_surfaces(tokens[k], plain[k]), merged[k])
        for i, (s, text) in enumerate(zip(merged[k], texts)):
            if s is not None and s[2] and s[0] in wanted and text is not None:
                seen[s[0]][text] += 1
                order.setdefault((s[0], text), (k, i))
    out: dict[str, tuple[tuple[str, int], ...]] = {}
    rests = {t: counts.get(t, 0) - sum(seen[t].values()) for t in wanted}
    firsts = first_places(merged, {t for t in wanted if seen[t] and rests[t] > 0}, set(aliased))
    for t in wanted:
        forms, rest = seen[t], rests[t]
        if not forms:
            out[t] = ((t, rest),) if rest > 0 else ()
            continue
        if rest > 0:
            forms[t] += rest
            order[(t, t)] = min(order.get((t, t), firsts[t]), firsts[t])
        out[t] = tuple(sorted(forms.items(), key=lambda f: (-f[1], order[(t, f[0])])))
    return out


def first_places(merged: Sequence[Sequence[Slot | None]], terms: Collection[str], skip: Container[int]
                 ) -> dict[str, tuple[int, int]]:
    """Where each of ``terms`` is first counted (a candidate slot; ``(unit, slot)``) in the units not in
    ``skip``; ``(len(merged), 0)`` when nowhere. One pass over the units, whatever the number of terms.

    >>> w = lambda x: (x, None, True, True, None, None)
    >>> first_places([[w("甲")], [w("乙"), w("甲")], [w("丙")]], {"甲", "丙", "丁"}, {0})
    {'丁': (3, 0), '丙': (2, 0), '甲': (1, 1)}
    """
    found: dict[str, tuple[int, int]] = {}
    if terms:
        for k, slots in enumerate(merged):
            if k in skip:
                continue
            for i, s in enumerate(slots):
                if s is not None and s[2] and s[0] in terms and s[0] not in found:
                    found[s[0]] = (k, i)
            if len(found) == len(terms):
                break
    end = (len(merged), 0)
    return {t: found.get(t, end) for t in sorted(terms)}
