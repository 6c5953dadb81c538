"""policytext: analyse Chinese policy documents.

Load a document, tokenise it with a political-term lexicon, extract keywords,
classify task sentences, build co-occurrence graphs and word clouds, write
study outlines, and compare documents between plenums.

>>> import policytext as pt
>>> doc = pt.load(pt.reference_path())
>>> [s.heading[:6] for s in doc.sections]
['着力抓好新时', '着力完善党和', '着力优化机构', '着力推进机构', '着力加强机构']

Heavy libraries (jieba's dictionary, spaCy, scikit-learn, matplotlib) load
only when a function needs them, so ``import policytext`` is fast.
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import Any

from ._version import __version__

logging.getLogger("policytext").addHandler(logging.NullHandler())

# public name -> module that defines it (imported on first access, PEP 562)
# (module names never equal a public function name: importing a submodule binds
# it as an attribute of the package and would shadow the function)
_LAZY = {
    "load": "loading",
    "parse": "structure",
    "read_text": "io",
    "normalize": "textnorm",
    "Document": "document",
    "reference_path": "_resources",
    "PolicyTextError": "errors",
    "Lexicon": "lexicon",
    "find_numbered": "lexicon",
    "Tokenizer": "tokenizer",
    "Token": "tokenizer",
    "tokenize": "tokenizer",
    "nlp": "spacy_ext",
    "keywords": "keyterms",
    "section_keywords": "keyterms",
    "SectionClassifier": "classifier",
    "classify": "classifier",
    "cooccurrence": "cooccur",
    "communities": "cooccur",
    "write_graph": "cooccur",
    "wordcloud": "viz",
    "plot_graph": "viz",
    "summarize": "summary",
    "compare": "comparison",
    "term_trajectories": "comparison",
    "first_seen": "comparison",
    "Corpus": "corpus",
}

__all__ = ["__version__", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'policytext' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
