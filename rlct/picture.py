"""Layout and labels of the resolution graph, shared by :mod:`rlct.tikz` and :mod:`rlct.plot`.

The graph (:mod:`rlct.graph`) is a tree plus ``same_as`` edges from repeated problems to the
first one.  The tree is drawn top-down: leaves at consecutive x, a parent above the middle of its
children.  Large graphs are cut after ``max_nodes`` nodes (pre-order); the picture says how many
were left out.

>>> from rlct import rlct
>>> pic = layout(rlct("(x**2 + y**2)**2").graph)
>>> pic.nodes[0].title, pic.nodes[0].y, pic.omitted
('split', 0, 0)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass
class PicNode:
    key: str                 # the graph's node id
    title: str               # the rule, or "chart"
    lam: str | None          # λ as "p/q" (or the best ratio of a chart), None if unknown
    m: int | None
    x: float = 0.0
    y: int = 0
    chart: bool = False


@dataclass
class Picture:
    nodes: list[PicNode] = field(default_factory=list)
    edges: list[tuple[int, int, str]] = field(default_factory=list)   # (from, to, label)
    refs: list[tuple[int, int]] = field(default_factory=list)         # same_as, both drawn
    omitted: int = 0

    @property
    def width(self) -> float:
        return max((n.x for n in self.nodes), default=0.0) + 1

    @property
    def depth(self) -> int:
        return max((-n.y for n in self.nodes), default=0) + 1


def _label(key, data) -> PicNode:
    if data.get("rule") == "chart":
        ratios = [Fraction(r) for r in data.get("ratios", []) if r != "inf"]
        lam = str(min(ratios)) if ratios else None
        return PicNode(key, "chart", lam, ratios.count(min(ratios)) if ratios else None, chart=True)
    rule = str(data.get("rule", "?"))
    return PicNode(key, "same as" if rule == "ref" else rule, data.get("lambda"), data.get("m"))


def _edge_label(data) -> str:
    if data.get("op") == "orthant":
        return "(" + ",".join("+" if s > 0 else "-" for s in data.get("signs", [])) + ")"
    return ""


def layout(graph, max_nodes: int = 150) -> Picture:
    """Positions (x, y = -depth) for the first ``max_nodes`` nodes of the tree, pre-order."""
    pic = Picture()
    if graph is None or not graph.number_of_nodes():
        return pic
    roots = [n for n in graph.nodes if not any(d.get("op") != "same_as" for _, _, d in graph.in_edges(n, data=True))]
    index: dict = {}
    leaf_x = [0]

    def visit(key, depth) -> float | None:
        if key in index:
            return pic.nodes[index[key]].x
        if len(pic.nodes) >= max_nodes:
            pic.omitted += 1
            for _, child, d in graph.out_edges(key, data=True):
                if d.get("op") != "same_as":
                    visit(child, depth + 1)
            return None
        node = _label(key, graph.nodes[key])
        node.y = -depth
        index[key] = len(pic.nodes)
        pic.nodes.append(node)
        xs = []
        for _, child, d in graph.out_edges(key, data=True):
            if d.get("op") == "same_as":
                continue
            cx = visit(child, depth + 1)
            if cx is not None and child in index:
                pic.edges.append((index[key], index[child], _edge_label(d)))
                xs.append(cx)
        if xs:
            node.x = (min(xs) + max(xs)) / 2
        else:
            node.x = leaf_x[0]
            leaf_x[0] += 1
        return node.x

    for r in roots:
        visit(r, 0)
    for a, b, d in graph.edges(data=True):
        if d.get("op") == "same_as" and a in index and b in index:
            pic.refs.append((index[a], index[b]))
    return pic
