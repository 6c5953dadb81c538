"""Study outline (学习提纲) of a policy document.

Usage: python examples/study_outline.py [FILE] [-o OUTDIR]

Loads the document (default: the reference document shipped with policytext),
prints its outline, key sentences per section and quiz, and writes the
Markdown, HTML and Word versions with their pictures into OUTDIR.
"""

from __future__ import annotations

import argparse

import policytext as pt
from policytext.render.study_report import write_study


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(pt.reference_path()))
    ap.add_argument("-o", "--output", default="study")
    args = ap.parse_args()

    doc = pt.load(args.file)
    summary = pt.summarize(doc)
    print(f"{summary.title} 学习提纲")
    parts = {p.id: p.heading for p in summary.parts}  # a page with several parts: each part is a heading level
    shown = None
    for sec in summary.sections:
        if sec.part and sec.part != shown:
            print(f"\n== {parts.get(sec.part, sec.part)}")
            shown = sec.part
        print(f"\n{sec.label}{sec.heading}")
        for k in sec.key_sentences:
            print(f"  · {k.text}")
    print("\n应知应会")
    for i, q in enumerate(summary.quiz, 1):
        print(f"  {i}. {q.question}  答案：{'；'.join(q.answers)}")
    stem = args.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for kind, path in write_study(summary, args.output, stem=stem).items():
        print(f"{kind}: {path}")


if __name__ == "__main__":
    main()
