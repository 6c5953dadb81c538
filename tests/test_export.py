"""Tests of policytext.render.export against the graph formats' own clients and schemas (issue 18 items 4 and 13).

* GraphML and GEXF files are validated with lxml against the official XSD files in
  tests/data/schemas/ (see its README for their source and for the namespace mapping of GEXF);
* JSON is read back with ``networkx.node_link_graph`` under both keyword conventions;
* CSV files (edges and nodes) are checked for formula injection and all-or-nothing writing.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import policytext as pt
from policytext._files import StagedOutputs
from policytext.analysis.cooccur import build_graph
from policytext.errors import OutputError
from policytext.render.export import (
    FORMULA_PREFIXES,
    escape_formula,
    graph_files,
    read_graph,
    write_graph,
)

etree = pytest.importorskip("lxml.etree")

SCHEMAS = Path(__file__).parent / "data" / "schemas"
GEXF_NS = b"http://www.gexf.net/1.2draft"
TEXT = "一、要求\n学习党的二十大精神，推动高质量发展。\n二、任务\n推动高质量发展，完善“三定”规定和机构编制。"


@pytest.fixture(scope="module")
def graph() -> nx.Graph:
    G = pt.cooccurrence(pt.parse(TEXT), weight="npmi")
    pt.communities(G, attribute="community")
    assert "“三定”规定" in G  # a term that is no XML name token
    return G


@pytest.fixture(scope="module")
def graphml_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "graphml" / "graphml.xsd")))


@pytest.fixture(scope="module")
def gexf_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf-1.2" / "gexf.xsd")))


def _gexf_doc(data: bytes):
    """The GEXF document under the namespaces of the stored official schema (see tests/data/schemas/README.md)."""
    data = data.replace(GEXF_NS + b"/viz", b"http://www.gexf.net/1.2").replace(GEXF_NS, b"http://www.gexf.net/1.2")
    return etree.fromstring(data)


def _errors(schema) -> list[str]:
    return [f"{e.line}: {e.message}" for e in schema.error_log]


# -- GraphML -------------------------------------------------------------------------------------


def test_graphml_validates_against_official_schema(graph, graphml_schema, tmp_path):
    path = write_graph(graph, tmp_path / "g.graphml")
    assert graphml_schema.validate(etree.parse(str(path))), _errors(graphml_schema)
    ids = [n.get("id") for n in etree.parse(str(path)).iter("{http://graphml.graphdrawing.org/xmlns}node")]
    assert ids == [f"n{i}" for i in range(graph.number_of_nodes())]


def test_graphml_schema_rejects_term_ids(graph, graphml_schema):
    """The check can fail: networkx's own output (terms as ids) is not valid GraphML."""
    buf = io.BytesIO()
    nx.write_graphml(graph, buf)
    assert not graphml_schema.validate(etree.fromstring(buf.getvalue()))


def test_graphml_terms_back(graph, tmp_path):
    path = write_graph(graph, tmp_path / "g.graphml")
    H = nx.read_graphml(path)  # the documented networkx-only recipe
    H = nx.relabel_nodes(H, dict(H.nodes(data="label")))
    assert set(H) == set(graph)
    R = read_graph(path)
    assert set(R) == set(graph) and {frozenset(e) for e in R.edges} == {frozenset(e) for e in graph.edges}
    for n, d in graph.nodes(data=True):
        assert "label" not in R.nodes[n]
        assert R.nodes[n]["count"] == d["count"] and R.nodes[n]["category"] == d["category"]


# -- GEXF ----------------------------------------------------------------------------------------


def test_gexf_validates_against_official_schema(graph, gexf_schema, tmp_path):
    path = write_graph(graph, tmp_path / "g.gexf")
    assert gexf_schema.validate(_gexf_doc(path.read_bytes())), _errors(gexf_schema)


def test_gexf_networkx_output_fails_only_on_name(graph, gexf_schema):
    buf = io.BytesIO()
    nx.write_gexf(graph, buf)
    assert not gexf_schema.validate(_gexf_doc(buf.getvalue()))
    errors = _errors(gexf_schema)
    assert len(errors) == 1 and "'name'" in errors[0], errors


def test_gexf_colour_by_category_size_by_count(graph, tmp_path):
    H = read_graph(write_graph(graph, tmp_path / "g.gexf"))
    colours = {n: (d["viz"]["color"]["r"], d["viz"]["color"]["g"], d["viz"]["color"]["b"]) for n, d in H.nodes(data=True)}
    by_category: dict[str, set] = {}
    for n, d in graph.nodes(data=True):
        by_category.setdefault(d["category"], set()).add(colours[n])
    assert all(len(c) == 1 for c in by_category.values())  # one colour per category
    assert len({next(iter(c)) for c in by_category.values()}) == len(by_category)  # distinct categories, distinct colours
    assert by_category[""] == {(153, 153, 153)}  # plain words are grey
    sizes = {n: H.nodes[n]["viz"]["size"] for n in H}
    top = max(graph, key=lambda n: graph.nodes[n]["count"])
    assert sizes[top] == max(sizes.values()) == 50.0
    for a in graph:
        for b in graph:
            if graph.nodes[a]["count"] < graph.nodes[b]["count"]:
                assert sizes[a] < sizes[b]
    assert "viz" not in graph.nodes[top]  # the caller's graph is untouched


def test_gexf_without_count_or_category_has_no_viz(tmp_path):
    G = nx.Graph()
    G.add_edge("甲", "乙")
    assert b"viz:" not in write_graph(G, tmp_path / "g.gexf").read_bytes()


# -- JSON ----------------------------------------------------------------------------------------


def test_json_read_by_every_networkx_convention(graph, tmp_path):
    data = json.loads(write_graph(graph, tmp_path / "g.json").read_text(encoding="utf-8"))
    assert data["edges"] == data["links"]
    readers = [nx.node_link_graph(data), nx.node_link_graph(data, edges="edges"),
               nx.node_link_graph(data, edges="links"), read_graph(tmp_path / "g.json")]
    for H in readers:
        assert not H.is_multigraph() and set(H) == set(graph)
        assert {frozenset(e) for e in H.edges} == {frozenset(e) for e in graph.edges}
        for a, b, d in graph.edges(data=True):
            assert H[a][b]["count"] == d["count"]


def test_json_without_edges_key_is_what_old_networkx_reads(graph, tmp_path):
    """networkx 3.0-3.3 read node-link data with ``links`` (their default ``link="links"``)."""
    data = json.loads(write_graph(graph, tmp_path / "g.json").read_text(encoding="utf-8"))
    old = {k: v for k, v in data.items() if k != "edges"}
    H = nx.node_link_graph(old, edges="links")
    assert {frozenset(e) for e in H.edges} == {frozenset(e) for e in graph.edges}


# -- CSV -----------------------------------------------------------------------------------------


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_nodes_csv_beside_edges_csv(graph, tmp_path):
    path = write_graph(graph, tmp_path / "g.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.csv", "g.nodes.csv"]
    assert graph_files(path) == [path, tmp_path / "g.nodes.csv"]
    nodes = pd.read_csv(tmp_path / "g.nodes.csv", keep_default_na=False)
    assert list(nodes.columns[:2]) == ["id", "label"]
    assert {"count", "category", "community"} <= set(nodes.columns)
    assert set(nodes["id"]) == set(graph) and (nodes["id"] == nodes["label"]).all()
    edges = pd.read_csv(path)
    assert set(edges["source"]) | set(edges["target"]) <= set(nodes["id"])
    H = read_graph(path)
    for n, d in graph.nodes(data=True):
        assert H.nodes[n]["count"] == d["count"] and H.nodes[n]["community"] == d["community"]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


FORMULAS = ["=HYPERLINK(\"http://x\",\"点击\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_csv_cells_neutralised_against_formula_injection(tmp_path):
    G = nx.Graph(title="=cmd")
    for i, term in enumerate(FORMULAS):
        G.add_node(term, count=i + 1, category="=evil", note="-备注")
        G.add_edge(term, "党建", weight=-0.5, count=1, tag="@x")
    G.nodes["党建"].update(count=9, category="", note="")
    path = write_graph(G, tmp_path / "g.csv")
    for file in graph_files(path):
        for row in _rows(file):
            for cell in row:
                assert _is_number(cell) or not cell.startswith(FORMULA_PREFIXES), (file.name, cell)
    edges = _rows(path)
    assert {"'" + t for t in FORMULAS} | {"党建"} == {r[0] for r in edges[1:]} | {r[1] for r in edges[1:]}
    assert {r[2] for r in edges[1:]} == {"-0.5"}  # numbers stay numbers
    assert pd.read_csv(path)["weight"].dtype.kind == "f"
    nodes = _rows(tmp_path / "g.nodes.csv")
    assert nodes[1][:2] == ["'" + FORMULAS[0]] * 2 and "'=evil" in nodes[1] and "'-备注" in nodes[1]


def test_escape_formula():
    assert [escape_formula(v) for v in ("=1", "+1", "-1", "@1", "\t1", "\r1")] == ["'=1", "'+1", "'-1", "'@1", "'\t1", "'\r1"]
    assert [escape_formula(v) for v in ("党建", "1-2", "", -1, 2.5, None, True)] == ["党建", "1-2", "", -1, 2.5, None, True]


def test_csv_all_or_nothing(tmp_path, monkeypatch):
    from policytext.render import export

    G = build_graph([["a", "b"]])
    (tmp_path / "g.csv").write_text("old", encoding="utf-8")

    def broken(H, fh):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "_write_nodes_csv", broken)
    with pytest.raises(RuntimeError):
        write_graph(G, tmp_path / "g.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.csv"]
    assert (tmp_path / "g.csv").read_text(encoding="utf-8") == "old"


def test_csv_nodes_target_in_the_way(tmp_path):
    (tmp_path / "g.nodes.csv").mkdir()
    with pytest.raises(OutputError, match="g.nodes.csv"):
        write_graph(build_graph([["a", "b"]]), tmp_path / "g.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.nodes.csv"]


def test_write_graph_into_staged_outputs(tmp_path):
    """How a command stages a graph with other outputs (``cli/graph.py``)."""
    path = tmp_path / "out" / "g.csv"
    with StagedOutputs([*graph_files(path), tmp_path / "out" / "g.png"], make_folders=True) as staged:
        write_graph(build_graph([["a", "b"]]), path, staged=staged)
        staged[tmp_path / "out" / "g.png"].write_bytes(b"png")
        assert not path.exists()
    assert sorted(p.name for p in path.parent.iterdir()) == ["g.csv", "g.nodes.csv", "g.png"]
