"""``policytext outline``: the title, date and numbered outline of a document."""

from __future__ import annotations

import argparse

from ._argtypes import int_at_least
from ._inputs import load_document


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``policytext outline``."""
    p = sub.add_parser("outline", help="print the numbered outline of a document",
                       description="Print the title, date and numbered outline (一、 （一） 1. （1） …) of a document.")
    p.add_argument("file", help="document: .txt (UTF-8/GB18030/Big5), .docx or .html")
    p.add_argument("--depth", type=int_at_least(1), default=2, help="deepest heading level to print, >= 1 (default 2)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    doc = load_document(args.file)
    if doc.title:
        print(doc.title)
    if doc.metadata.get("issuer"):
        print(f"发文: {doc.metadata['issuer']}")
    if doc.metadata.get("date"):
        print(f"日期: {doc.metadata['date']}")
    print(f"{len(doc.sentences)} sentences, {len(doc.tasks())} task sentences, {len(doc.sections)} top-level sections")
    for sec in doc.walk():
        if sec.level <= args.depth:
            indent = "  " * (sec.level - 1)
            heading = " ".join(sec.heading.split()) or f"（{sec.label or '无标题部分'}）"
            print(f"{indent}{sec.id} {heading}  [{len(sec.sentences)} sentences, {len(sec.tasks())} tasks]")
    return 0
