"""Pieces every part of the comparison uses: names, the tokenizer pair, token units, empty tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ...text.document import Document
from ...tokens.lexicon import Lexicon
from ...tokens.tokenizer import Token, Tokenizer, default_tokenizer

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["RE_HAN", "doc_name", "empty_frame", "resolve", "units"]

#: A Han character (CJK unified ideographs, extension A, compatibility ideographs).
RE_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def doc_name(doc: Document, fallback: str) -> str:
    """``metadata["name"]``, else the title, else ``fallback``."""
    return str(doc.metadata.get("name") or doc.title or fallback)


@lru_cache(maxsize=8)
def _tokenizer_for(lexicon: Lexicon) -> Tokenizer:
    return Tokenizer(lexicon)


def resolve(lexicon: Lexicon | None, tokenizer: Tokenizer | None) -> tuple[Lexicon, Tokenizer]:
    """The lexicon and tokenizer of a comparison (types checked by the caller's declarations).

    No tokenizer: the shared default one for the default lexicon, else one per
    lexicon (cached). No lexicon: the tokenizer's.
    """
    if tokenizer is None:
        if lexicon is None or lexicon == Lexicon.default():
            tokenizer = default_tokenizer()
        else:
            tokenizer = _tokenizer_for(lexicon)
    if lexicon is None:
        lexicon = tokenizer.lexicon
    return lexicon, tokenizer


def units(doc: Document, tokenizer: Tokenizer) -> list[tuple[str, list[Token]]]:
    """``(section_id, tokens)`` for every section heading, then every body sentence."""
    out: list[tuple[str, list[Token]]] = []
    heads = tokenizer.tokenize_headings(doc) if doc.sections else {}
    for sid, toks in heads.items():
        out.append((sid, toks))
    for sent, toks in zip(doc.sentences, tokenizer.tokenize_document(doc)):
        out.append((sent.section_id, toks))
    return out


def empty_frame(columns: Sequence[str], dtypes: Sequence[str]) -> pd.DataFrame:
    """A DataFrame without rows, with typed columns."""
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(columns, dtypes)})
