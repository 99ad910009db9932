"""The ``toric`` step of a worked derivation: Newton polyhedron, τ-ray, and every chart.

Per chart: the substitution ``w_i = Π_j y_j^{B_ij}``, its Jacobian, the pulled-back ``K`` as
monomial × remainder, the proof on every fiber stratum that the remainder has no zero there
(or the zeros it has and where they are treated), the ratios and the chart's value.

>>> from rlct import rlct
>>> from rlct.explain import explain
>>> text = explain(rlct("(x**2 + y**2)**2", exact_rules=False))
>>> "Chart 2" in text and "τ-ray" in text
True
"""
from __future__ import annotations

import math
import time
from itertools import combinations
from fractions import Fraction

from resolve.linalg import det

from .explain import Text, min_value
from .explain_rules import chart_value, ratio_value, ratios_text, restrict_zero

MAX_STRATA = 12      # strata listed per chart
SHORT = 8            # restrictions with at most this many terms are written out


def volume(B) -> Fraction:
    """Normalized volume ``|det B| / Π_j Σ_i B_ij`` of a chart's cone section."""
    return abs(det(B)) / math.prod(sum(B[i][j] for i in range(len(B))) for j in range(len(B)))


def newton(D, node: dict, names: list[str]) -> None:
    """The Newton polyhedron of the node's K and where the τ-ray meets it (exact, recomputed)."""
    from resolve.newton import newton_polyhedron

    S, d = D.S, D.doc
    tau = [x + 1 for x in node["e"]]
    try:
        P = newton_polyhedron([e for e, _ in node["K"]], deadline=time.monotonic() + 2.0)
        l, theta = P.tau_distance(tau)
    except Exception:  # the picture is optional: a huge polyhedron is not recomputed
        d.p("(The Newton polyhedron is too large to recompute here; the charts below are complete.)")
        return
    vec = S.tuple_
    verts = [vec(v) for v in P.vertices]
    facets = [f for f in P.facets if not (f.N == 0 and sum(f.normal) == 1)]
    d.p("Newton polyhedron {} with vertices {}{}.", "Γ = conv(supp K) + R_{≥0}^d" if not S.TEX
        else r"\Gamma = \mathrm{conv}(\mathrm{supp}\,K) + \mathbf{R}_{\ge 0}^{d}",
        ", ".join(verts[:MAX_STRATA]), Text(f" and {len(verts) - MAX_STRATA} more" if len(verts) > MAX_STRATA else ""))
    if facets:
        rows = [f"⟨{vec(f.normal)}, α⟩ ≥ {f.N}" for f in facets[:MAX_STRATA]]
        d.p("Its facets other than the coordinate hyperplanes: {}{}.", ", ".join(rows),
            Text(f" and {len(facets) - MAX_STRATA} more" if len(facets) > MAX_STRATA else ""))
    if l <= 0:
        return
    hit = vec(S.num(l * t) for t in tau)
    d.p("The τ-ray {} with {} (prior × Jacobian exponents plus one) meets the boundary of Γ at {}, "
        "the point {}, on a face of codimension {}. Newton value: {} (Varchenko 1976; Lin 2011 Thm 4.18: "
        "the value is at most this, with equality and m = θ when no face polynomial vanishes in the "
        "torus; the charts below decide).", "t·τ", f"τ = {vec(tau)}", f"t = l = {S.num(l)}", hit,
        f"θ = {theta}", f"1/l = {S.num(1 / l)}")


def write_toric(D, obj: dict, names: list[str]) -> None:
    S, d = D.S, D.doc
    charts = obj["charts"]
    newton(D, obj, names)
    vol = sum(volume(ch["B"]) for ch in charts)
    d.p("The normal fan of Γ is refined into {} simplicial cones, one chart each. A chart with matrix B "
        "substitutes {} (column j of B is the ray {}) on the cube {}; the normalized volumes {} of the "
        "charts add up to {} and every two charts are separated by a hyperplane, so the charts tile the "
        "orthant up to measure zero. The value is the minimum over the charts (λ the minimum, m the "
        "maximum).", Text(str(len(charts))), "w_i = Π_j y_j^(B_ij)" if not S.TEX
        else r"w_i = \prod_j y_j^{B_{ij}}", "v_j", "0 ≤ y_j ≤ 1", "|det B| / Π_j Σ_i B_ij" if not S.TEX
        else r"\lvert\det B\rvert / \prod_j \sum_i B_{ij}", S.num(vol))
    for k, chart in enumerate(charts, 1):
        if id(chart) in D.full:
            write_chart(D, obj, chart, k, names)
    rest = [(k, ch) for k, ch in enumerate(charts, 1) if id(ch) not in D.full]
    if rest:
        vals = [chart_value(ch) for _, ch in rest]
        best = min_value(vals)
        d.p("… and {} more charts of the same kind (charts {} to {}), not written out: the certificate "
            "lists each with its substitution, pulled-back K and fiber proofs. Their best value is {}.",
            Text(str(len(rest))), Text(str(rest[0][0])), Text(str(rest[-1][0])), D.show_value(best))


def write_chart(D, node: dict, ch: dict, k: int, names: list[str]) -> None:
    S, d = D.S, D.doc
    B, N, e, strict = ch["B"], ch["N"], ch["e"], ch["strict"]
    n = len(B)
    d.blocks.append(S.heading(3, d.fmt("Chart {}", Text(str(k)))))
    rays = ", ".join(f"{S.sub('v', j + 1)} = {S.tuple_(B[i][j] for i in range(n))}" for j in range(n))
    d.p("Rays {}; the cone lies in the normal cone of the vertex {} of Γ.", rays, S.tuple_(ch["vertex"]))
    if ch.get("path"):
        d.p("(Found as the blow-up sequence {}: centre, chart, …)", str(ch["path"]))
    subst = [f"{S.name(names[i])} ↦ {S.mono(B[i], names)}," for i in range(n)]
    subst[-1] = subst[-1].rstrip(",")
    d.eq("", "", subst)
    detB = det(B)
    cols = [sum(B[i][j] for i in range(n)) - 1 for j in range(n)]
    d.p("Jacobian {}; with the weight {} of the previous step, prior × |Jacobian| = {} · {}, "
        "where the exponents are {}.", f"|det B| · {S.absmono(cols, names)} = {S.num(abs(detB))} · "
        f"{S.absmono(cols, names)}", S.absmono(node["e"], names) if any(node["e"]) else "1",
        S.num(abs(detB)), S.absmono(e, names) if any(e) else "1", "h_j = Σ_i B_ij (e_i + 1) - 1")
    d.eq("K∘w", "=", [S.mono(N, names), S.CDOT] + ["(" + S.poly(strict, names, D.max_terms) + ")"])
    strata(D, ch, names)
    lam0, m0 = ratio_value(N, e)
    if lam0 is not None:
        d.p("Ratios {} at the chart's origin: {}; minimum {} attained by {} ({}).", "(h_j + 1)/k_j",
            ratios_text(D, N, e, names), f"λ = {S.num(lam0)}",
            ", ".join(S.name(x) for x, a, b in zip(names, N, e) if a and Fraction(b + 1, a) == lam0),
            f"m = {m0}")
    pts = ch.get("points", [])
    if pts:
        from .explain_rules import point_at

        rows = []
        for p in pts:
            at = {str(p["var"]): p["at"]} if "var" in p else p["at"]
            moves = ", ".join(f"{S.name(names[int(i)])} ↦ {S.num(v)} + {S.name(names[int(i)])}" for i, v in at.items())
            rows.append(d.fmt("{}: substitute {} (two-sided there); {}, value {}", point_at(D, p, names), moves,
                              Text(D.ref(p["node"])), D.show_value(D.value("node", p["node"]))))
        d.p("Zeros of the remainder on the fiber; near each the divisors not through it are units:")
        d.items(rows)
    d.p("Value of chart {}: {}.", Text(str(k)), D.show_value(chart_value(ch)))


def strata(D, ch: dict, names: list[str]) -> None:
    """The fiber of the chart over the origin, stratum by stratum, with each proof in words."""
    S, d = D.S, D.doc
    listed = ch.get("strata", [])
    d.p("Over the origin lie the strata {} for the sets J with {} componentwise. On each, the remainder "
        "restricted to {} has no zero, or only the zeros named (they are treated below):", f"{S.LBR}y_j = 0 (j ∈ J), 0 < y_k ≤ 1 (k ∉ J){S.RBR}",
        "Σ_{j∈J} v_j > 0", "y_J = 0")
    rows = [stratum(D, ch, s, names) for s in listed[:MAX_STRATA]]
    if len(listed) > MAX_STRATA:
        kinds: dict = {}
        for s in listed[MAX_STRATA:]:
            kinds[s["proof"]["kind"]] = kinds.get(s["proof"]["kind"], 0) + 1
        rows.append(d.fmt("… and {} more strata (proofs: {})", Text(str(len(listed) - MAX_STRATA)),
                          Text(", ".join(f"{v} {k}" for k, v in sorted(kinds.items())))))
    d.items(rows)
    if unlisted(ch["B"], listed):
        d.p("The strata not listed lie in the closure of a listed one whose restriction has only positive "
            "coefficients, so their restrictions have only positive coefficients too.")


def unlisted(B, listed) -> bool:
    """Whether a stratum over the origin (``Σ_{j∈J} v_j > 0``) is missing from ``listed``."""
    n = len(B)
    if n > 12:
        return True
    have = {tuple(sorted(s["J"])) for s in listed}
    for size in range(1, n + 1):
        for J in combinations(range(n), size):
            if all(sum(B[i][j] for j in J) > 0 for i in range(n)) and J not in have:
                return True
    return False


def stratum(D, ch: dict, s: dict, names: list[str]) -> str:
    S, d = D.S, D.doc
    J, pr = s["J"], s["proof"]
    where = ", ".join(f"{S.name(names[j])} = 0" for j in J)
    g = restrict_zero(ch["strict"], J)
    gtxt = S.poly(g, names, SHORT)
    kind = pr.get("kind")
    if kind == "positive":
        why = d.fmt("the restriction {} has only positive coefficients", gtxt)
    elif kind == "univariate":
        why = d.fmt("the restriction {} is a monomial times a polynomial in {} with no root in (0, 1] "
                    "(exact real root counting)", gtxt, S.name(names[pr["var"]]))
    elif kind == "groebner":
        why = d.fmt("the reduced Gröbner basis of {} and its partial derivatives in the free variables, with "
                    "{}, is {}: no critical point in the torus, and a zero of this non-negative function "
                    "would be one", gtxt, "1 - t Π_k y_k", f"{S.LBR}1{S.RBR}")
    elif kind == "zeros":
        v = S.name(names[pr["var"]])
        roots = ", ".join(S.num(r) for r in pr.get("roots", []))
        why = d.fmt("the restriction {} vanishes in {} exactly at {}", gtxt, f"{v} ∈ (0, 1]", f"{v} = {roots}"
                    if roots else "no rational point")
        if pr.get("irrational"):
            why += d.fmt("; its irrational roots (those of {}) are decided by an m-adic Newton polygon "
                         "and norms", ", ".join(S.poly([[[a], c] for a, c in r["m"]], [names[pr["var"]]])
                                                for r in pr["irrational"]))
            if any("nf" in r for r in pr["irrational"]):
                why += d.fmt(" or, where that polygon is degenerate, by translating to each root and "
                             "continuing the Newton–Puiseux recursion with exact arithmetic in the real "
                             "number field it generates (extension fields for new zeros, rule (S) for "
                             "smooth branches; docs/certificate.md, number-field nodes)")
            if any("coords" in r for r in pr["irrational"]):
                why += d.fmt(" or, where that polygon is degenerate, by the generators: one of them is smooth "
                             "and transversal to the divisor at every root and the others are monomials times "
                             "units, so they are coordinates there and the local problem is a monomial ideal, "
                             "the same at every root (docs/certificate.md, rule coords)")
    elif kind == "smooth":
        why = d.fmt("the restriction is {} with {} smooth in the torus and changing sign: rule (S) along "
                    "the stratum adds the ratio {}", S.power(f"({S.poly(pr['f'], names, SHORT)})", pr["c"]) +
                    " · q", "f", f"1/{pr['c']}")
    elif kind == "crossing":
        why = d.fmt("the restriction is a unit times powers of {} smooth factors crossing normally; "
                    "their common zeros are treated as points", Text(str(len(pr.get("factors", [])))))
    else:
        why = d.fmt("proof of kind {}", Text(str(kind)))
    return d.fmt("on {}: ", where) + why
