"""Many documents with metadata, processed serially, on local processes or on Dask.

``corpus`` (the :class:`Corpus` class), ``metadata`` (the metadata schema and
the typed metadata table), ``analyses`` (the per-document halves of the corpus
analyses), ``_parallel`` (the worker machinery), ``_spawn`` (what must hold
before worker processes start: a main script they can re-run, at most
:func:`max_processes` of them), ``_counting`` (the fast content-term count
behind ``term_frequencies``), ``dated`` (one pass over a dated corpus for any
number of terms: first use, trajectories by period, term history), ``lazy``
(Dask results with ``compute=False``), ``emerging`` (terms that first appear
in a window and spread). Result tables are written by
:mod:`policytext.render.tables`.
"""

from __future__ import annotations

from ._spawn import PROCESSES_PER_CPU, max_processes
from .analyses import content_terms, is_content
from .corpus import Corpus, FailedDocument
from .metadata import KINDS, SCHEMA, CorpusWarning, meeting_from_title, metadata_frame, normalize_metadata

__all__ = [
    "Corpus",
    "CorpusWarning",
    "FailedDocument",
    "KINDS",
    "SCHEMA",
    "normalize_metadata",
    "metadata_frame",
    "meeting_from_title",
    "max_processes",
    "PROCESSES_PER_CPU",
    "is_content",
    "content_terms",
]
