"""Part-of-speech tag sets and the package's one content-token rule.

Every analysis that asks "is this token a content term?" (keywords, graphs,
word clouds, corpus counts, summaries, comparisons, the classifier's word
features) asks :func:`is_content` (or :func:`content_mask` for many tokens at
once; both are the same rule). The tag sets are jieba's tags.

A token is *content* when it is a word (not punctuation, space or a masked
name) and either

* a lexicon term or a detected numbered formulation (it has a ``category``),
  whatever its length; or
* not a policy-boilerplate stopword, at least two characters long, with a
  jieba tag that starts with one of :data:`CONTENT_POS` (nouns, verbs,
  adjectives, abbreviations, idioms, set phrases).

>>> import policytext as pt
>>> toks = pt.Tokenizer().tokenize("要坚持党的二十大精神，推进机构编制工作。")
>>> [t.norm for t in toks if is_content(t)]
['党的二十大', '精神', '机构编制工作']
>>> content_mask(toks) == [is_content(t) for t in toks]
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "CONTENT_POS",
    "WORD_KINDS",
    "CANDIDATE_TAGS",
    "CANDIDATE_EXTRA",
    "PHRASE_TAGS",
    "FUNCTION_TAGS",
    "MODIFIER_TAGS",
    "NAME_TAGS",
    "is_content",
    "content_mask",
]

#: First letters of the jieba POS tags of content words: nouns, verbs,
#: adjectives, abbreviations (j), set phrases (l) and idioms (i).
CONTENT_POS: tuple[str, ...] = ("n", "v", "a", "j", "l", "i")
_CONTENT_FIRST = frozenset(CONTENT_POS)
#: Token kinds that are words (not ``mask``, ``punct``, ``space``).
WORD_KINDS: frozenset[str] = frozenset(("word", "term", "numbered"))
#: jieba tag prefixes of keyword candidates (noun, verb, adjective, idiom, abbreviation).
CANDIDATE_TAGS: frozenset[str] = frozenset("nvailj")
#: Full tags that are candidates although their prefix is not in CANDIDATE_TAGS.
CANDIDATE_EXTRA: frozenset[str] = frozenset({"eng", "vn", "an"})
#: Tags that may continue a phrase even when the word is a stopword (nominal heads).
PHRASE_TAGS: frozenset[str] = frozenset({"n", "ng", "nr", "ns", "nt", "nz", "vn", "an", "j"})
#: jieba tag prefixes of function words (adverb, preposition, conjunction, particle, pronoun,
#: numeral, classifier, …).
FUNCTION_TAGS: frozenset[str] = frozenset("dpcurmqyeoxwz")
#: Attributive tags: adjectives and distinguishing words (区别词).
MODIFIER_TAGS: frozenset[str] = frozenset({"a", "ag", "b"})
#: Person-name tags.
NAME_TAGS: frozenset[str] = frozenset({"nr", "nrfg", "nrt"})


def is_content(token: Any) -> bool:
    """The content-token rule (see the module docstring) for one token.

    ``token`` is a :class:`policytext.Token` or any object with its
    attributes (``text``, ``pos``, ``kind``, ``category``, ``is_stop``).

    >>> import policytext as pt
    >>> [t.text for t in pt.Tokenizer()("要深化党和国家机构改革，推进3项工作方面的法定化") if is_content(t)]
    ['深化党和国家机构改革', '法定化']
    """
    if token.kind not in WORD_KINDS:
        return False
    if token.category is not None:
        return True
    pos = token.pos
    return not token.is_stop and len(token.text) >= 2 and bool(pos) and pos[0] in _CONTENT_FIRST


def content_mask(tokens: Sequence[Any]) -> list[bool]:
    """:func:`is_content` for each of ``tokens`` (policytext Tokens), in one fast pass.

    Reads the named-tuple fields by position (0 text, 3 pos, 4 kind,
    5 category, 7 is_stop), which is several times faster than attribute
    access in the hot loops of corpus counting and graph building.
    """
    kinds, first = WORD_KINDS, _CONTENT_FIRST
    return [t[4] in kinds and (t[5] is not None or (
        not t[7] and len(t[0]) >= 2 and bool(t[3]) and t[3][0] in first)) for t in tokens]
