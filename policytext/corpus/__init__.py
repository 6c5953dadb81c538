"""Many documents with metadata, processed serially, on local processes or on Dask.

``corpus`` (the :class:`Corpus` class), ``metadata`` (the metadata schema),
``analyses`` (the per-document halves of the corpus analyses), ``_parallel``
(the worker machinery). Result tables are written by
:mod:`policytext.render.tables`.
"""

from __future__ import annotations

from .analyses import content_terms, is_content
from .corpus import Corpus, FailedDocument
from .metadata import KINDS, SCHEMA, CorpusWarning, meeting_from_title, normalize_metadata

__all__ = [
    "Corpus",
    "CorpusWarning",
    "FailedDocument",
    "KINDS",
    "SCHEMA",
    "normalize_metadata",
    "meeting_from_title",
    "is_content",
    "content_terms",
]
