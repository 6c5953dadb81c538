"""``policytext study``: a study outline (学习提纲) as Markdown, HTML and Word."""

from __future__ import annotations

import argparse
from pathlib import Path

from .._files import StagedOutputs
from ..analysis.summary import summarize
from ..errors import InvalidParameterError
from ..render.study_report import FORMATS, IMAGE_CAPTIONS, study_targets, write_study
from ._inputs import DOCUMENT_HELP, add_lexicon_option, input_files, load_document, shown, tokenizer_of

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``policytext study``."""
    from ..cli._argtypes import int_at_least

    p = sub.add_parser(
        "study", help="write a study outline (学习提纲) as Markdown, HTML and Word",
        description="Write a study outline (学习提纲) of a document: outline, key sentences per section, "
                    "key formulations, tasks, keywords, word cloud, co-occurrence graph and a quiz.",
    )
    p.add_argument("file", help=DOCUMENT_HELP)
    p.add_argument("-o", "--output", default="study", help="output folder, created if missing (default: ./study)")
    p.add_argument("--format", default="md,html,docx", help="comma-separated formats: md, html, docx (default: all)")
    add_lexicon_option(p)
    p.add_argument("--sentences-per-section", type=int_at_least(1), default=2, metavar="N",
                   help="key sentences listed for each section (default 2)")
    p.add_argument("--no-pictures", action="store_true", help="skip the word cloud and the graph")
    p.add_argument("--font", help="font file for the pictures (default: $POLICYTEXT_FONT, a system CJK font, "
                                  "or the font installed with policytext)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Summarize the document, then write the files (targets checked first); exit code 0."""
    import sys

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise InvalidParameterError.unknown("--format", "policytext study", ",".join(bad) or args.format, FORMATS)
    out, stem = Path(args.output), Path(args.file).stem
    pictures = not args.no_pictures
    # fail before any work, and before anything is written, if a target cannot be written or is an input
    # (``study 通知.html -o .`` would replace the input with the outline)
    StagedOutputs(study_targets(out, formats, stem, IMAGE_CAPTIONS if pictures else ()).values(),
                  make_folders=True, inputs=input_files(args, args.file)).check()
    tk = tokenizer_of(args)
    doc = load_document(args.file)
    on_terminal = bool(getattr(sys.stderr, "isatty", lambda: False)())
    summary = summarize(doc, sentences_per_section=args.sentences_per_section, pictures=pictures, tokenizer=tk,
                        progress=on_terminal and len(doc.text) > 50_000)
    paths = write_study(summary, out, formats=formats, stem=stem, pictures=pictures, font=args.font)
    for key, path in paths.items():
        if not key.startswith("image:"):
            print(f"{key}: {shown(path)}")
    images = [shown(p) for k, p in paths.items() if k.startswith("image:")]
    if images:
        print("images: " + ", ".join(images))
    print(f"{_count(len(summary.sections), 'section')}, {_count(len(summary.formulations), 'formulation')}, "
          f"{_count(len(summary.quiz), 'quiz item')}", file=sys.stderr)
    return 0


def _count(k: int, what: str) -> str:
    """``1 section``, ``2 sections``."""
    return f"{k} {what}" if k == 1 else f"{k} {what}s"
