"""The steps of a worked derivation, one writer per certificate rule (docs/certificate.md).

:mod:`rlct.explain` walks the certificate; this module knows, for each rule, its children
(:func:`children`), its value (:func:`item_value`), a title and the text (:func:`write`).
Group programs (``rlct.groups``) are in :mod:`rlct.explain_group`.

>>> from rlct import rlct
>>> from rlct.explain import Derivation
>>> from rlct.mathfmt import Markdown
>>> D = Derivation(rlct("(x - y**2)**2").certificate, Markdown())
>>> title(D, "node", D.cert["root"], ["x", "y"])
'eliminating `x` (a generator is a coordinate)'
"""
from __future__ import annotations

from fractions import Fraction

from . import explain_group as group
from .explain import Raw, Text
from .mathfmt import frac

TITLES = {
    "monomial": "normal crossing (monomial × unit)", "split": "sign orthants",
    "toric": "toric charts from the Newton polyhedron", "sum": "sum rule (disjoint variables)",
    "product": "product rule (disjoint variables)", "unit": "dropping a unit factor", "power": "power rule",
    "smooth": "rule (S): smooth factors crossing normally", "recombine": "another basis of the generators",
    "group": "block blow-ups with parameters", "ref": "a local problem met before",
    "bounds": "an unfinished piece", "shear": "a linear change of coordinates",
    "coords": "smooth generators as coordinates (a monomial ideal)",
}


# ------------------------------------------------------------------ structure
def children(D, kind: str, obj: dict, names: list[str], mark: bool) -> list[tuple]:
    """``(label, kind, child, names)`` below an item, in certificate order."""
    if kind == "step":
        return group.children(D, obj, names, mark)
    S, rule, out = D.S, obj.get("rule"), []
    if rule == "split":
        for ch in obj["children"]:
            out.append((D.doc.fmt("orthant {}", signs(ch["signs"])), "node", ch["node"], names))
    elif rule == "toric":
        for k, chart in enumerate(obj["charts"], 1):
            if not D.chart_budget(chart, mark):
                continue
            for p in chart.get("points", []):
                out.append((D.doc.fmt("chart {}, {}", Text(str(k)), point_at(D, p, names)), "node", p["node"], names))
    elif rule in ("sum", "product"):
        for i, part in enumerate(obj["parts" if rule == "sum" else "factors"], 1):
            out.append((D.doc.fmt(f"{'part' if rule == 'sum' else 'factor'} {i}"), "node", part["node"],
                        [names[j] for j in part["vars"]]))
    elif rule in ("unit", "power", "recombine", "shear"):
        out.append(("", "node", obj["node"], names))
    elif rule in ("eliminate", "square") and obj.get("node") is not None:
        x = obj["var"]
        out.append((D.doc.fmt("after eliminating {}", S.name(names[x])), "node", obj["node"],
                    names[:x] + names[x + 1:]))
    elif rule == "group":
        out.append(("", "step", obj["program"], names))
    elif rule == "coords":
        out.append(("", "node", obj["node"], coords_names(obj, names)))
    return out


def coords_names(obj: dict, names: list[str]) -> list[str]:
    """Variables of a ``coords`` child: those of ``D``, then ``z1, z2, ...`` for the ``F_k``."""
    return [names[j] for j in obj["D"]] + [f"z{k + 1}" for k in range(len(obj["F"]))]


def item_value(D, kind: str, obj: dict):
    if kind == "step":
        return group.step_value(D, obj)
    if obj.get("rule") == "ref":
        target = D.by_id.get(obj.get("same_as"))
        return D.value("node", target) if target is not None else None
    if "lambda" in obj:
        return (frac(obj["lambda"]), obj["m"])
    return None


def chart_value(chart: dict):
    if "lambda" in chart:
        return (frac(chart["lambda"]), chart["m"])
    return ratio_value(chart["N"], chart["e"])


def ratio_value(N, e):
    """``(min (e_j+1)/N_j over N_j > 0, count)``; ``(None, 0)`` (+∞) when every ``N_j = 0``."""
    ratios = [Fraction(x + 1, n) for n, x in zip(N, e) if n]
    if not ratios:
        return (None, 0)
    lam = min(ratios)
    return (lam, ratios.count(lam))


def title(D, kind: str, obj: dict, names: list[str]) -> str:
    if kind == "step":
        return group.title(D, obj, names)
    rule = obj.get("rule", "?")
    if rule in ("eliminate", "square"):
        what = "eliminating {} (a generator is a coordinate)" if rule == "eliminate" else "completing the square in {}"
        return D.doc.fmt(what, D.S.name(names[obj["var"]]))
    return D.S.t(TITLES.get(rule, f"rule {rule}"))


# ------------------------------------------------------------------ helpers
def signs(s) -> str:
    return "(" + ", ".join("+" if x > 0 else "-" for x in s) + ")"


def restrict_zero(terms, J):
    return [[e, c] for e, c in terms if not any(e[j] for j in J)]


def point_at(D, p: dict, names: list[str]) -> Raw:
    """``x = 1 on {y = 0}`` for a zero of a strict transform."""
    S = D.S
    at = {str(p["var"]): p["at"]} if "var" in p else p["at"]
    where = ", ".join(f"{S.name(names[int(k)])} = {S.num(v)}" for k, v in sorted(at.items(), key=lambda t: int(t[0])))
    div = ", ".join(f"{S.name(names[j])} = 0" for j in p["J"])
    return Raw(D.doc.fmt("the zero {} on {}", where, div))


def local_problem(D, obj: dict, names: list[str]) -> None:
    """``K``, the region (two-/one-sided) and the prior × Jacobian weight of a node."""
    S, d = D.S, D.doc
    d.eq("K", "=", S.poly_terms(obj["K"], names, D.max_terms))
    two = [S.name(n) for n, s in zip(names, obj["sides"]) if s == "two"]
    one = [S.name(n) for n, s in zip(names, obj["sides"]) if s == "one"]
    region = []
    if two:
        region.append(d.fmt("two-sided in {}", ", ".join(two)))
    if one:
        region.append(d.fmt("one-sided ({}) in {}", "0 ≤ y < ε", ", ".join(one)))
    weight = S.absmono(obj["e"], names) if any(obj["e"]) else "1"
    d.p("Near the origin, {}; prior × Jacobian {}.", Raw(d.S.t(" and ").join(region)), weight)


def ratios_text(D, N, e, names) -> str:
    """``y: (2+1)/4 = 3/4, …`` for the divisors ``N_j > 0``."""
    S = D.S
    parts = [f"{S.name(n)}: {S.frac_expr(f'{x} + 1', str(k))} = {S.num(Fraction(x + 1, k))}"
             for n, k, x in zip(names, N, e) if k]
    return ", ".join(parts)


def attained(D, N, e, names, lam) -> str:
    S = D.S
    return ", ".join(S.name(n) for n, k, x in zip(names, N, e) if k and Fraction(x + 1, k) == lam)


# ------------------------------------------------------------------ writers
def write(D, kind: str, obj: dict, names: list[str]) -> None:
    if kind == "step":
        group.write(D, obj, names)
        return
    rule = obj.get("rule")
    if rule != "ref":
        local_problem(D, obj, names)
    WRITERS.get(rule, _unknown)(D, obj, names)


def _unknown(D, obj, names):
    D.doc.p("Rule {} (see docs/certificate.md).", Text(str(obj.get("rule"))))


def _ref(D, obj, names):
    target = D.by_id.get(obj.get("same_as"))
    where = Text(D.ref(target) if target is not None else "an earlier step")
    if "perm" in obj:
        ren = ", ".join(f"{names[j]} ↦ {names[p]}" for j, p in enumerate(obj["perm"]) if j != p)
        D.doc.p("The local problem of {} with the variables renamed ({}): equal K, weights and sides "
                "after renaming, and a renaming keeps the integral, so it has the same value.",
                where, Text(ren or "identity"))
        return
    D.doc.p("The same local problem (equal K, weights and sides) as {}, so it has the same value.", where)


def _monomial(D, obj, names):
    S, d = D.S, D.doc
    N, e = obj["N"], obj["e"]
    c0 = next((Fraction(c) for ex, c in obj["unit"] if not any(ex)), Fraction(0))
    if not any(N):
        d.p("K is {} at the origin: it does not vanish, so there is no pole ({}).", S.num(c0), f"{S.LAM} = {S.INF}")
        return
    if len(obj["unit"]) > 1 or c0 != 1:
        d.eq("K", "=", [S.mono(N, names), S.CDOT, S.paren_poly(obj["unit"], names, D.max_terms)])
    if len(obj["unit"]) == 1:
        d.p("K is a monomial times the positive constant {}: normal crossing.", S.num(c0))
    else:
        d.p("The remainder has constant term {} > 0, so it is a unit (positive) near the origin: "
            "normal crossing.", S.num(c0))
    lam, m = ratio_value(N, e)
    d.p("Ratios {}: {}. The minimum {} is attained by {}, so {}.", "(h_j + 1)/k_j",
        ratios_text(D, N, e, names), f"{S.LAM} = {S.num(lam)}", attained(D, N, e, names, lam), f"m = {m}")


def _split(D, obj, names):
    S, d = D.S, D.doc
    two = [S.name(n) for n, s in zip(names, obj["sides"]) if s == "two"]
    d.p("Split the neighbourhood into the {} sign orthants of {}; on an orthant with signs s substitute "
        "{} (|Jacobian| = 1), which makes every variable one-sided. The value is the minimum over the "
        "orthants (λ the minimum, m the maximum).", Text(str(2 ** len(two))), ", ".join(two), "y_j ↦ s_j y_j")
    rows = [d.fmt("orthant {}: {}, value {}", signs(ch["signs"]), Text(D.ref(ch["node"])),
                  D.show_value(D.value("node", ch["node"]))) for ch in obj["children"]]
    d.items(rows)


def _sum(D, obj, names):
    S, d = D.S, D.doc
    parts = obj["parts"]
    vals = [D.value("node", p["node"]) for p in parts]
    d.p("K is a sum of {} polynomials in disjoint sets of variables (Lin 2011 Prop 4.5): {} and {}.",
        Text(str(len(parts))), "λ = Σ λ_i", "m = Σ m_i - (k - 1)")
    d.items([d.fmt("part in {}: {}, value {}", ", ".join(S.name(names[j]) for j in p["vars"]),
                   Text(D.ref(p["node"])), D.show_value(v)) for p, v in zip(parts, vals)])
    if all(v is not None and v[0] is not None for v in vals):
        lam = sum(v[0] for v in vals)
        m = sum(v[1] for v in vals) - (len(vals) - 1)
        d.p("So {} and {}.", f"{S.LAM} = " + " + ".join(S.num(v[0]) for v in vals) + f" = {S.num(lam)}",
            f"m = {m}")


def _product(D, obj, names):
    S, d = D.S, D.doc
    fs = obj["factors"]
    vals = [D.value("node", f["node"]) for f in fs]
    c = frac(obj.get("c", "1"))
    d.p("K is {} a product of {} factors in disjoint sets of variables (Lin 2011 Prop 4.5): λ is the "
        "minimum of the factors' λ and m the sum of m over the factors attaining it.",
        Raw(d.fmt("{} times", S.num(c)) if c != 1 else ""), Text(str(len(fs))))
    d.items([d.fmt("factor in {}: {}, value {}", ", ".join(S.name(names[j]) for j in f["vars"]),
                   Text(D.ref(f["node"])), D.show_value(v)) for f, v in zip(fs, vals)])


def _unit(D, obj, names):
    S, d = D.S, D.doc
    d.eq("K", "=", [S.paren_poly(obj["unit"], names, D.max_terms), S.CDOT, "K'"])
    d.p("The factor has a positive constant term, so it is a unit near the origin and K ≍ K' "
        "(comparison, Lin 2011 Cor 3.12): the value is that of K' = {}, {}.",
        S.poly(obj["node"]["K"], names, D.max_terms), Text(D.ref(obj["node"])))


def _power(D, obj, names):
    S, d = D.S, D.doc
    k = obj["k"]
    d.p("K = {} with {} ({}), and {}: the value is {}.", S.power("H", k),
        f"H = {S.poly(obj['node']['K'], names, D.max_terms)}", Text(D.ref(obj["node"])),
        f"ζ_K(z) = ζ_H({k} z)", f"(λ_H/{k}, m_H)")
    if obj.get("square_of"):
        d.p("H is the square {} (so H ≥ 0).", S.power(f"({S.poly(obj['square_of'], names, D.max_terms)})", 2))


def _smooth(D, obj, names):
    S, d = D.S, D.doc
    N, e = obj["N"], obj["e"]
    pieces = [S.mono(N, names)] if any(N) else []
    for f in obj["factors"]:
        pieces.append(S.power("(" + S.poly(f["f"], names, D.max_terms) + ")", f["c"]))
    unit = obj["unit"]
    if len(unit) > 1 or frac(unit[0][1]) != 1:
        pieces.append(S.paren_poly(unit, names, D.max_terms))
    d.eq("K", "=", [f" {S.CDOT} ".join(pieces)])
    d.p("Each factor f vanishes at the origin, the remainder is a unit, and the gradients of the f "
        "together with the coordinate directions of the divisors are linearly independent: after a "
        "change of coordinates the factors are new coordinates (rule (S)). Each factor with exponent c "
        "contributes the ratio 1/c.")
    ratios = [Fraction(x + 1, k) for k, x in zip(N, e) if k] + [Fraction(1, f["c"]) for f in obj["factors"]]
    lam = min(ratios)
    listed = ([ratios_text(D, N, e, names)] if any(N) else []) + [S.num(Fraction(1, f["c"])) for f in obj["factors"]]
    d.p("Ratios: {}; the minimum {} is attained {} times.", ", ".join(listed), f"{S.LAM} = {S.num(lam)}",
        Text(str(ratios.count(lam))))


def gens_display(D, gens, names, letter="f") -> None:
    S, d = D.S, D.doc
    shown = gens[:12]
    rows = []
    for i, (w, g) in enumerate(shown, 1):
        weight = [] if frac(w) == 1 else [rf"\quad\text{{(weight {S.num(w)})}}" if S.TEX else f"  (weight {w})"]
        rows.append((S.sub(letter, i), "=", S.poly_terms(g, names, D.max_terms) + weight))
    d.eqs(rows)
    if len(gens) > len(shown):
        d.p("… and {} more generators.", Text(str(len(gens) - len(shown))))


def split_linear(terms, x: int):
    """``f = u·x + g``: the terms of ``u`` (``x`` removed) and of ``g``."""
    u = [[[a if i != x else 0 for i, a in enumerate(e)], c] for e, c in terms if e[x] == 1]
    g = [[e, c] for e, c in terms if e[x] == 0]
    return u, g


def _eliminate(D, obj, names):
    S, d = D.S, D.doc
    x, p = obj["var"], obj["pivot"]
    gens = obj["gens"]
    d.p("K is the sum of squares {} of the generators", "K = Σ_i w_i f_i^2")
    gens_display(D, gens, names)
    u, g = split_linear(gens[p][1], x)
    u0 = next((Fraction(c) for e, c in u if not any(e)), Fraction(0))
    X = S.name(names[x])
    d.p("The generator {} is {} with {} and {}; since {}, it is a coordinate: {} "
        "(Lin 2011 Prop 4.3). Substituting {} in the other generators (times the unit {}) leaves a "
        "problem without {}, and {}.",
        S.sub("f", p + 1), f"u {S.CDOT} {X} + g",
        f"u = {S.poly(u, names, D.max_terms)}", f"g = {S.poly(g, names, D.max_terms) if g else '0'}",
        f"u(0) = {S.num(u0)} ≠ 0", f"K ≍ {S.power(S.sub('f', p + 1), 2)} + K'", f"{X} = -g/u",
        S.power("u", "deg"), X, "λ = 1/2 + λ', m = m'")
    child = obj.get("node")
    if child is None:
        d.p("Every other generator vanishes after the substitution, so the value is {}.", S.lam_m("1/2", 1))
        return
    v = D.value("node", child)
    d.p("The remaining problem K' = {} is {} with value {}; so {}.", S.poly(child["K"], names[:x] + names[x + 1:],
        D.max_terms), Text(D.ref(child)), D.show_value(v), D.show_value(_half_plus(v)))


def _half_plus(v):
    if v is None:
        return None
    return (None if v[0] is None else Fraction(1, 2) + v[0], v[1])


def _square(D, obj, names):
    S, d = D.S, D.doc
    X = S.name(names[obj["var"]])
    a, b, c = (S.paren_poly(obj[k], names, D.max_terms) if obj[k] else "0" for k in ("a", "b", "c"))
    d.eq("K", "=", [f"{a} {S.CDOT} {S.power(X, 2)} + {b} {S.CDOT} {X} + {c}"])
    d.p("With {} (and a(0) > 0), {}; the square is a new coordinate, so {} and {}.", "D = 4ac - b^2",
        f"K = a ({X} + b/(2a))^2 + D/(4a)", "λ = 1/2 + λ_D", "m = m_D")
    child = obj.get("node")
    if child is None:
        d.p("D = 0, so the value is {}.", S.lam_m("1/2", 1))
        return
    v = D.value("node", child)
    d.p("D = {} is {} with value {}; so {}.", S.poly(child["K"], names[:obj["var"]] + names[obj["var"] + 1:],
        D.max_terms), Text(D.ref(child)), D.show_value(v), D.show_value(_half_plus(v)))


def _coords(D, obj, names):
    S, d = D.S, D.doc
    d.p("K is the sum of squares {} of the generators", "K = Σ_i w_i f_i^2")
    gens_display(D, obj["gens"], names)
    zs = coords_names(obj, names)[len(obj["D"]):]
    rows = [(S.name(z), "=", S.poly_terms(F, names, D.max_terms)) for z, F in zip(zs, obj["F"])]
    d.p("Each generator is a monomial times powers of the smooth polynomials")
    d.eqs(rows)
    d.p("times a unit (a polynomial not vanishing at the origin). The differentials of {} and of the "
        "divisor variables {} are linearly independent at the origin, so they are coordinates there "
        "(the divisors, the prior and the one-sided variables unchanged, the Jacobian a unit); the units "
        "drop (Lin 2011 Cor 3.12), and K is comparable to a sum of squared monomials: {}.",
        Text(", ".join(S.name(z) for z in zs)), Text(", ".join(S.name(names[j]) for j in obj["D"]) or "(none)"),
        Text(D.ref(obj["node"])))


def _recombine(D, obj, names):
    d = D.doc
    d.p("K is the sum of squares of the generators")
    gens_display(D, obj["gens"], names)
    d.p("They are replaced by another basis of their linear span over Q (the ranks of the old, the new "
        "and both together agree, so the ideal and K up to ≍ are the same, Lin 2011 Cor 3.12):")
    gens_display(D, obj["new_gens"], names, letter="g")
    d.p("The value is that of the recombined problem, {}.", Text(D.ref(obj["node"])))


def _shear(D, obj, names):
    S, d = D.S, D.doc
    A = obj["matrix"]
    def term(c, v):
        return v if c == 1 else f"-{v}" if c == -1 else f"{c}*{v}"

    subs = ", ".join(f"{names[i]} ↦ " + " + ".join(term(A[i][j], names[j]) for j in range(len(A)) if A[i][j])
                     .replace("+ -", "- ") for i in range(len(A)) if any(A[i][j] != (i == j) for j in range(len(A))))
    d.p("The linear change of coordinates {} has determinant 1 or -1 (Jacobian 1, and the prior is a unit at "
        "the point), so (λ, m) is unchanged; in the new coordinates K = {}, {}.",
        Text(subs), S.poly(obj["node"]["K"], names, D.max_terms), Text(D.ref(obj["node"])))


def _group(D, obj, names):
    d = D.doc
    d.p("K is the sum of squares of the generators")
    gens_display(D, obj["gens"], names)
    d.p("A program of block blow-ups works on a parameter problem: every variable is local (near 0), a "
        "parameter (anywhere in [−1, 1]) or gone (in no generator); its value is the minimum over the "
        "parameter values of the local value. It starts with every variable local: {}.", Text(D.ref(obj["program"])))


def _bounds(D, obj, names):
    D.doc.p("Not finished: {}.", f"{D.S.num(obj['lambda_lower'])} {D.S.LE} {D.S.LAM} {D.S.LE} "
                                 f"{D.S.num(obj['lambda_upper'])}")


from .explain_toric import write_toric  # noqa: E402  (uses the helpers above)

WRITERS = {"monomial": _monomial, "split": _split, "toric": write_toric, "sum": _sum, "product": _product,
           "unit": _unit, "power": _power, "smooth": _smooth, "eliminate": _eliminate, "square": _square, "coords": _coords,
           "recombine": _recombine, "shear": _shear, "group": _group, "ref": _ref, "bounds": _bounds}
