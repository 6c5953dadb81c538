"""Memory of a parsed document (issue 18, item 14): bytes held per byte of input.

A document holds its text (normalised, and as read) once each; sentences and
paragraphs slice it instead of keeping copies. Measured with tracemalloc on
about 1 MB built from the shared corpora; before the change a document held
5.5 bytes per input byte, now about 2.5 (tokens, held by the tokens layer,
are not counted here).
"""

from __future__ import annotations

import gc
import pickle
import tracemalloc

import pytest

import policytext as pt
from policytext.text.document import Paragraph, Sentence


@pytest.fixture(scope="module")
def megabyte(shared_files) -> str:
    parts, size = [], 0
    while size < 1 << 20:
        for path in shared_files:
            text = path.read_text(encoding="utf-8")
            parts.append(text)
            size += len(text.encode())
    return "\n".join(parts)


def test_a_document_holds_under_four_bytes_per_input_byte(megabyte):
    n_bytes = len(megabyte.encode())
    pt.load(megabyte[:20000])  # imports and compiled patterns are not the document's
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        doc = pt.load(megabyte)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(doc.sentences) > 5000
    assert held / n_bytes < 3.5, held / n_bytes  # 5.5 before, 2.5 now


def test_sentences_and_paragraphs_read_the_document_text(reference_doc):
    doc = reference_doc
    assert all(s.text == doc.text[s.start:s.end] for s in doc.sentences)
    assert all(p.text == doc.text[p.start:p.end] for p in doc.paragraphs)
    assert all(s._src is doc.text for s in doc.sentences) and all(p._src is doc.text for p in doc.paragraphs)
    # a pickled document carries its text once (it was held four times)
    assert len(pickle.dumps(doc)) < 3 * len(doc.text.encode())
    copy = pickle.loads(pickle.dumps(doc))
    assert [(s.text, s.start, s.section_id, s.task) for s in copy.sentences] == [
        (s.text, s.start, s.section_id, s.task) for s in doc.sentences]


def test_sentences_and_paragraphs_stay_immutable_and_built_by_hand_keep_their_text():
    s = Sentence("要学习。", 10, 14, 0, 0, (1,), "要")
    assert (s.text, s.start, s.end, s.section_id, s.is_task) == ("要学习。", 10, 14, "1", True)
    assert repr(s) == ("Sentence(text='要学习。', start=10, end=14, index=0, paragraph=0, section_path=(1,), "
                       "task='要')")
    with pytest.raises(AttributeError):
        s.start = 3  # type: ignore[misc]
    p = Paragraph("一、要点", 0, 4, 0, (1,), heading=True)
    assert p.text == "一、要点" and p.heading
    with pytest.raises(AttributeError):
        p.heading = False  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(s)).text == "要学习。"


def test_task_markers_are_shared_strings(reference_doc):
    markers = [s.task for s in reference_doc.sentences if s.task]
    assert len({id(m) for m in markers}) == len(set(markers))
