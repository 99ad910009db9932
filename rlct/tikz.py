"""The resolution graph as a TikZ picture (plain ``tikz``, no libraries).

One node per local problem (its rule and ``(λ, m)``) or chart (its best ratio at the origin),
solid arrows for the tree, dashed arrows from a repeated problem to the first one.

>>> from rlct import rlct
>>> tex = to_tikz(rlct("(x**2 + y**2)**2"))
>>> tex.splitlines()[0].startswith("\\\\begin{tikzpicture}"), tex.rstrip().endswith("\\\\end{tikzpicture}")
(True, True)
"""
from __future__ import annotations

from .mathfmt import Latex
from .picture import layout


def _node_text(L: Latex, n) -> str:
    title = L.t(n.title)
    if n.lam is None:
        return title
    what = "best ratio" if n.chart else r"$\lambda$"
    value = f"{what} ${L.num(n.lam)}$" if n.chart else f"$\\lambda = {L.num(n.lam)}$"
    return title + r"\\ " + value + (f", $m = {n.m}$" if n.m is not None and not n.chart else "")


def to_tikz(result, max_nodes: int = 150, xstep: float = 2.0, ystep: float = 1.5, standalone: bool = False) -> str:
    """The picture of ``result.graph`` (an :class:`rlct.RLCTResult` or a ``networkx`` graph).

    Parameters
    ----------
    max_nodes : nodes drawn (pre-order); a note counts the rest.
    xstep, ystep : centimetres between neighbouring leaves and between levels.
    standalone : a complete document (``\\usepackage{tikz}``) instead of the picture alone.

    Returns
    -------
    str
    """
    L = Latex()
    graph = result.graph if hasattr(result, "graph") else result
    pic = layout(graph, max_nodes)
    out = [rf"\begin{{tikzpicture}}[x={xstep}cm, y={ystep}cm, every node/.style={{draw, rounded corners, "
           r"font=\scriptsize, align=center, fill=white}]"]
    if not pic.nodes:
        out.append(r"\node {no resolution graph};")
    for i, n in enumerate(pic.nodes):
        style = "[fill=black!8]" if n.chart else ""
        out.append(rf"\node{style} (v{i}) at ({n.x:g},{n.y}) {{{_node_text(L, n)}}};")
    for a, b, label in pic.edges:
        lab = rf" node[midway, draw=none, fill=none, left] {{${label}$}}" if label else ""
        out.append(rf"\draw[->] (v{a}) --{lab} (v{b});")
    for a, b in pic.refs:
        out.append(rf"\draw[->, dashed] (v{a}) to[bend left=20] (v{b});")
    if pic.omitted:
        out.append(rf"\node[draw=none] at ({pic.width / 2:g},{-pic.depth}) {{\dots\ and {pic.omitted} more nodes}};")
    out.append(r"\end{tikzpicture}")
    body = "\n".join(out) + "\n"
    if standalone:
        return ("\\documentclass{article}\n\\usepackage{tikz}\n\\usepackage{graphicx}\n\\usepackage[margin=1cm,landscape]{geometry}\n"
                "\\begin{document}\n\\noindent\\resizebox{\\linewidth}{!}{%\n" + body + "}\n\\end{document}\n")
    return body
