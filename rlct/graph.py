"""The resolution graph: the certificate tree as a ``networkx.DiGraph``.

A node per local problem (attributes ``rule``, ``K``, ``e``, ``sides``, ``lambda``, ``m``) and
per toric chart (``B``, ``N``, ``e``, ``ratios``, ``status``); an edge per operation, labelled
``op`` (``orthant``, ``chart``, ``part``, ``factor``, ``unit``, ``power``, ``same_as``).  The
steps of a ``group`` program are nodes too (rule ``program:<step>``, edges ``program``,
``blowup chart``, ``case``, ``submersion``).

>>> from rlct import rlct
>>> g = rlct("(x**2 + y**2)**2").graph
>>> {"split", "toric", "chart"} <= {d["rule"] for _, d in g.nodes(data=True)}
True
"""
from __future__ import annotations

from fractions import Fraction

import networkx as nx


def _poly_str(terms, names) -> str:
    from resolve.poly import Poly

    return Poly.from_dict(len(names), {tuple(e): Fraction(c) for e, c in terms}).to_str(names)


def resolution_graph(certificate: dict) -> nx.DiGraph:
    """Build the graph of a certificate (exact answers) -- deterministic node order."""
    g = nx.DiGraph()

    def names(k):
        return [f"y{i + 1}" for i in range(k)]

    def add(node: dict) -> str:
        nid = node["id"]
        d = len(node["e"])
        attrs = {"rule": node["rule"], "K": _poly_str(node["K"], names(d)), "e": list(node["e"]),
                 "sides": list(node["sides"])}
        for key in ("lambda", "m"):
            if key in node:
                attrs[key] = node[key]
        g.add_node(nid, **attrs)
        rule = node["rule"]
        if rule in ("eliminate", "square"):
            if node.get("node") is not None:
                g.add_edge(nid, add(node["node"]), op=rule, var=node["var"])
            return nid
        if rule == "ref":
            g.add_edge(nid, node["same_as"], op="same_as")
        elif rule == "split":
            for ch in node["children"]:
                g.add_edge(nid, add(ch["node"]), op="orthant", signs=list(ch["signs"]))
        elif rule in ("sum", "product"):
            key = "parts" if rule == "sum" else "factors"
            for part in node[key]:
                g.add_edge(nid, add(part["node"]), op="part" if rule == "sum" else "factor", vars=list(part["vars"]))
        elif rule in ("unit", "power", "recombine", "coords"):
            g.add_edge(nid, add(node["node"]), op=rule)
        elif rule == "group":
            g.add_edge(nid, add_step(node["program"], f"{nid}.p"), op="program")
        elif rule == "toric":
            for k, ch in enumerate(node["charts"]):
                cid = f"{nid}.c{k}"
                ratios = [str(Fraction(x + 1, n)) if n else "inf" for x, n in zip(ch["e"], ch["N"])]
                g.add_node(cid, rule="chart", B=ch["B"], N=ch["N"], e=ch["e"], ratios=ratios,
                           status="unfinished" if ch.get("unfinished") else "normal crossing on the fiber",
                           K=_poly_str(ch["strict"], names(d)))
                g.add_edge(nid, cid, op="chart")
                for p in ch.get("points", []):
                    g.add_edge(cid, add(p["node"]), op="point", J=p["J"], var=p.get("var"), at=p["at"])
        return nid

    def add_step(step: dict, sid: str) -> str:
        """A step of a group program (rule ``program:<step>``); its children get ids below ``sid``."""
        g.add_node(sid, rule=f"program:{step.get('step')}", roles=list(step.get("roles", [])))
        kids = [(step["node"], "program")] if step.get("step") in ("recombine", "reduce", "eliminate") else []
        for k, ch in enumerate(step.get("charts", [])):
            g.add_edge(sid, add_step(ch["node"], f"{sid}.{k}"), op="blowup chart", k=ch["k"])
        for case in step.get("cases", []):
            g.add_edge(sid, add(case["node"]), op="case", I=list(case["I"]))
        if step.get("step") == "submersion":
            g.add_edge(sid, add(step["node"]), op="submersion")
        for child, op in kids:
            g.add_edge(sid, add_step(child, f"{sid}.0"), op=op)
        return sid

    add(certificate["root"])
    return g
