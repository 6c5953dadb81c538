"""policytext: analyse Chinese policy documents.

Load a document, tokenise it with a political-term lexicon, extract keywords,
classify task sentences, build co-occurrence graphs and word clouds, write
study outlines, and compare documents between plenums.

>>> import policytext as pt
>>> doc = pt.load(pt.reference_path())
>>> [s.heading[:6] for s in doc.sections]
['着力抓好新时', '着力完善党和', '着力优化机构', '着力推进机构', '着力加强机构']

The package is layered; imports only point down (``tests/test_layers.py``)::

    cli/       one module per command
    render/    pictures, reports (.md/.html/.docx), exports
    corpus/    many documents with metadata; serial, processes, Dask
    analysis/  keywords, classifier, co-occurrence, summary, compare
    tokens/    lexicon, tokenizer, formulations, spaCy bridge
    text/      files -> text -> Document
    (ground)   errors, _files, _validation, _resources

Heavy libraries (jieba's dictionary, spaCy, scikit-learn, matplotlib) load
only when a function needs them, so ``import policytext`` is fast; the names
below are imported on first use (PEP 562), and type checkers see their real
types through the ``TYPE_CHECKING`` block.
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

logging.getLogger("policytext").addHandler(logging.NullHandler())

if TYPE_CHECKING:  # what a type checker sees; at run time the names load lazily
    from ._resources import reference_path
    from .analysis.classifier import SectionClassifier, classify
    from .analysis.compare import Background, compare, first_seen, term_trajectories
    from .analysis.cooccur import cooccurrence
    from .analysis.keyterms import Keyword, keywords, section_keywords
    from .analysis.network import communities
    from .analysis.summary import summarize
    from .corpus.corpus import Corpus
    from .corpus.emerging import emerging_terms
    from .corpus.keyness import keyness
    from .errors import PolicyTextError
    from .render.export import read_graph, write_graph
    from .render.graph import plot_graph
    from .render.output import write
    from .render.wordcloud import wordcloud
    from .text.document import Document
    from .text.io import read_text
    from .text.loading import load
    from .text.normalize import normalize
    from .text.structure import parse
    from .tokens.formulations import find_numbered
    from .tokens.lexicon import Lexicon, Wording
    from .tokens.spacy_ext import nlp
    from .tokens.tokenizer import Token, Tokenizer, tokenize

__all__ = [
    "Corpus",
    "Document",
    "Lexicon",
    "Wording",
    "PolicyTextError",
    "SectionClassifier",
    "Token",
    "Tokenizer",
    "__version__",
    "classify",
    "communities",
    "compare",
    "keyness",
    "Background",
    "emerging_terms",
    "cooccurrence",
    "find_numbered",
    "first_seen",
    "keywords",
    "Keyword",
    "load",
    "nlp",
    "normalize",
    "parse",
    "plot_graph",
    "read_graph",
    "read_text",
    "reference_path",
    "section_keywords",
    "summarize",
    "term_trajectories",
    "tokenize",
    "wordcloud",
    "write",
    "write_graph",
]

# public name -> module that defines it, imported on first access (PEP 562).
# ``tests/test_package.py`` checks that this table, ``__all__`` and the
# ``TYPE_CHECKING`` block above name the same objects.
_LAZY: dict[str, str] = {
    "load": "text.loading",
    "parse": "text.structure",
    "read_text": "text.io",
    "normalize": "text.normalize",
    "Document": "text.document",
    "reference_path": "_resources",
    "PolicyTextError": "errors",
    "Lexicon": "tokens.lexicon",
    "Wording": "tokens.lexicon",
    "find_numbered": "tokens.formulations",
    "Tokenizer": "tokens.tokenizer",
    "Token": "tokens.tokenizer",
    "tokenize": "tokens.tokenizer",
    "nlp": "tokens.spacy_ext",
    "keywords": "analysis.keyterms",
    "Keyword": "analysis.keyterms",
    "section_keywords": "analysis.keyterms",
    "SectionClassifier": "analysis.classifier",
    "classify": "analysis.classifier",
    "cooccurrence": "analysis.cooccur",
    "communities": "analysis.network",
    "summarize": "analysis.summary",
    "compare": "analysis.compare",
    "keyness": "corpus.keyness",
    "Background": "analysis.compare",
    "emerging_terms": "corpus.emerging",
    "term_trajectories": "analysis.compare",
    "first_seen": "analysis.compare",
    "Corpus": "corpus.corpus",
    "write_graph": "render.export",
    "read_graph": "render.export",
    "wordcloud": "render.wordcloud",
    "plot_graph": "render.graph",
    "write": "render.output",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'policytext' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names (``__all__``), not this module's own imports (``logging``, ``Any`` …)."""
    return sorted({*__all__, "__version__"})
