"""Small builders shared by several test modules (tests/ is on sys.path under pytest's default import mode)."""

from __future__ import annotations

import io


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A .docx file (as bytes) holding one paragraph per item, made with python-docx."""
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
