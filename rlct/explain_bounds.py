"""Explaining answers without a certificate: rigorous bounds, or ``K`` not vanishing at the point.

A bounds result records ``lambda_lower``, ``lambda_upper`` and the reason the engine stopped, not
which argument gave each bound.  The general bounds are recomputed here, exactly, so the text can
say which of them the reported bounds are and when a sharper argument (sub-sums of squares,
per-chart Hölder bounds, zeros on scaling orbits) must have given them.

>>> from rlct import rlct
>>> from rlct.mathfmt import Markdown
>>> print(explain_unfinished(rlct("x**2 + 1"), Markdown(), 40).splitlines()[0])
# `x**2 + 1` does not vanish at the origin
"""
from __future__ import annotations

import time
from collections import Counter
from fractions import Fraction

from .explain import HEAD_TERMS, Doc, Text, point_text, write_setting


class _Ctx:
    def __init__(self, S):
        self.S, self.doc = S, Doc(S)


def _polys(result):
    """``K`` as written and translated to the point, as :class:`resolve.poly.Poly` (exact)."""
    import sympy

    from resolve.poly import from_sympy

    from .parse import parse_polynomial

    P = from_sympy(parse_polynomial(result.K), [sympy.Symbol(n) for n in result.vars])
    return P, P.translate([Fraction(result.point[n]) for n in result.vars])


def explain_unfinished(result, S, max_terms: int) -> str:
    D = _Ctx(S)
    d = D.doc
    names = list(result.vars)
    data = {"point": result.point, "prior_exponents": result.prior_exponents}
    P, K = _polys(result)
    shown = S.poly(P.to_terms(), names, HEAD_TERMS)
    where = point_text(D, result.point, names)
    if result.status == "not-a-zero":
        d.blocks.append(S.heading(1, d.fmt("{} does not vanish at ", shown) + where))
        write_setting(D, names, data)
        d.p("At the point K takes the value {} > 0, so {} is analytic near it and has no pole: {}.",
            S.num(K.constant_term()), "K^z", f"λ = {S.INF}")
        return d.text()
    d.blocks.append(S.heading(1, d.fmt("Bounds on the RLCT of {} at ", shown) + where))
    if len(P) > HEAD_TERMS:
        d.eq("K", "=", S.poly_terms(P.to_terms(), names, max_terms))
    write_setting(D, names, data)
    lo, hi = result.lambda_lower, result.lambda_upper
    d.p("The engine did not finish an exact derivation ({}). What it proves is {}; the multiplicity is "
        "not determined, and there is no certificate (rlct.verify checks exact answers only).",
        Text(result.reason or "unfinished"), f"{S.num(lo)} ≤ λ ≤ {S.num(hi)}")
    _sources(D, K, result, lo, hi)
    _partial(D, result)
    d.p("A larger time budget (--timeout, or timeout= in Python) may let the engine finish.")
    return d.text()


def _sources(D, K, result, lo, hi) -> None:
    """Which general bound each reported bound is (recomputed exactly)."""
    from .api import global_bounds

    S, d = D.S, D.doc
    h = result.prior_exponents
    inv_ord = Fraction(1, max(K.order(), 1))
    try:
        lo_g, hi_g = global_bounds(K, h, deadline=time.monotonic() + 2.0)
    except Exception:  # pragma: no cover - the general bounds are optional in the text
        lo_g, hi_g = inv_ord, None
    d.p("General bounds at the point (recomputed exactly): below, {} (Kollár 1997 §8) and half the "
        "rank of the Hessian (splitting lemma), together {}; above, the Newton value {} (Lin 2011 Thm "
        "4.18) and {}, together {}.", f"1/ord K = {S.num(inv_ord)}", f"{S.num(lo_g)}", "1/l_τ",
        "(d + |h|)/2", S.num(hi_g) if hi_g is not None else "not recomputed")
    if lo > lo_g:
        d.p("The reported lower bound {} is sharper: it comes from a sub-sum of the squares (comparison, "
            "Lin 2011 Prop 3.11) or from Hölder bounds on the unfinished charts.", S.num(lo))
    else:
        d.p("The reported lower bound {} is this general bound.", S.num(lo))
    if hi_g is not None and hi < hi_g:
        d.p("The reported upper bound {} is sharper: it comes from exact values at zeros of K on scaling "
            "orbits through the point (Lin 2011 Prop 3.9) or from finished pieces.", S.num(hi))
    else:
        d.p("The reported upper bound {} is this general bound.", S.num(hi))


def _partial(D, result) -> None:
    g = result.graph
    if g is None or not g.number_of_nodes():
        return
    rules = Counter(data.get("rule", "?") for _, data in g.nodes(data=True))
    D.doc.p("The partial resolution (result.graph) has {} nodes: {}.", Text(str(g.number_of_nodes())),
            Text(", ".join(f"{k} × {v}" for k, v in sorted(rules.items()))))
