"""Package-level promises: lazy imports, public surface, shipped data."""

from __future__ import annotations

import subprocess
import sys

import policytext as pt


def test_import_is_light():
    code = ("import sys, time; t = time.perf_counter(); import policytext; dt = time.perf_counter() - t; "
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
            "{'jieba', 'rjieba', 'spacy', 'sklearn', 'matplotlib', 'pandas', 'networkx', 'numpy', 'scipy', 'docx', "
            "'wordcloud', 'dask', 'plotly'}); print(heavy); print(dt)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "[]"
    print(f"\nimport policytext: {float(out[1]) * 1000:.0f} ms (measured, not asserted; see benchmarks/bench_structure.py)")


def test_cli_import_is_light():
    """``policytext --help`` builds every command's parser without loading a heavy library."""
    code = ("import sys; import policytext.cli.app as app; app.build_parser(); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'jieba', 'rjieba', 'spacy', 'sklearn', 'matplotlib', 'pandas', 'networkx', 'numpy', 'scipy', 'docx', "
            "'wordcloud', 'dask', 'plotly'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_names_resolve():
    for name in pt.__all__:
        assert getattr(pt, name) is not None, name
    assert callable(pt.keywords) and callable(pt.compare) and callable(pt.classify) and callable(pt.tokenize)
    try:
        pt.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("missing attribute did not raise")


def test_shipped_data():
    from policytext._resources import data_dir, data_file

    assert {p.name for p in data_dir("lexicons").iterdir()} >= {"political_terms.tsv", "stopwords.txt", "sections.tsv",
                                                                  "idf.tsv"}
    assert data_file("corpora", "metadata.tsv").read_text(encoding="utf-8").startswith("file\t")
    assert pt.reference_path().read_text(encoding="utf-8").count("\n") >= 10


def test_version():
    assert pt.__version__.count(".") == 2
