"""Steps of a ``group`` program (block blow-ups with parameters, ``rlct/groups.py``) in words.

A step works on a parameter problem: generators ``f_i`` with ``K = Σ w_i f_i²`` and a role per
variable (``L`` local near 0, ``P`` parameter anywhere in ``[-1, 1]``, ``G`` gone).  Variables keep
their names through the program; the case and submersion nodes at its leaves get new names for
the coordinates they introduce.

>>> fresh(["x", "z1"], [0, 2])
['s1', 's3']
"""
from __future__ import annotations

from .explain import Raw, Text, min_value

_LETTERS = ("z", "s", "t", "r", "q", "p")


def fresh(names: list[str], idx: list[int], letters=_LETTERS) -> list[str]:
    """New names ``z<i+1>`` for the indices ``idx``, with the first letter clashing with no name."""
    taken = set(names)
    for b in letters:
        out = [f"{b}{i + 1}" for i in idx]
        if not taken & set(out):
            return out
    return [f"{letters[0]}{len(names) + i + 1}" for i in idx]  # pragma: no cover - every letter taken


def roles(st: dict, names: list[str]) -> list[str]:
    return st.get("roles") or ["L"] * len(names)


def locals_(st: dict, names: list[str]) -> list[str]:
    return [n for n, r in zip(names, roles(st, names)) if r == "L"]


def children(D, st: dict, names: list[str], mark: bool) -> list[tuple]:
    kind = st.get("step")
    S = D.S
    if kind in ("recombine", "reduce", "eliminate", "linear", "shift", "rowop"):
        return [("", "step", st["node"], names)]
    if kind == "subdivide":
        return [(D.doc.fmt("box {}", f"{S.name(names[st['var']])} = {b['a']} + {b['b']}·{S.name(names[st['var']])}'"),
                 "step", b["node"], names) for b in st["boxes"]]
    if kind == "stratified":
        out = [(D.doc.fmt("off the locus"), "step", st["off"], names)]
        out += [(D.doc.fmt("locus component {}", Text(str(k + 1))), "step", c["node"], names)
                for k, c in enumerate(st["components"]) if c]
        if st.get("box"):
            out.append((D.doc.fmt("box"), "step", st["box"]["node"], names))
        return out
    if kind == "blowup":
        out = []
        for ch in st["charts"]:
            if D.chart_budget(ch, mark):
                out.append((D.doc.fmt("blow-up chart {}", S.name(names[ch["k"]])), "step", ch["node"], names))
        return out
    if kind == "separated":
        loc = locals_(st, names)
        return [(D.doc.fmt("case {}", case_set(D, c["I"])), "node", c["node"], loc + fresh(names, c["I"]))
                for c in st["cases"]]
    if kind == "submersion":
        return [("", "node", st["node"], locals_(st, names) + fresh(names, list(range(len(st["phi"])))))]
    if kind == "subsum":
        loc = locals_(st, names)
        out = [(D.doc.fmt("lower case {}", case_set(D, c["I"])), "node", c["node"], loc + fresh(names, c["I"]))
               for c in st["cases"]]
        w = st["witness"]
        out.append((D.doc.fmt("witness {}", case_set(D, w["I"])), "node", w["node"], loc + fresh(names, w["I"])))
        return out
    return []


def case_set(D, I) -> str:
    S = D.S
    return S.LBR + ", ".join(S.sub("F", j + 1) for j in I) + S.RBR


def step_value(D, st: dict):
    kind = st.get("step")
    if kind in ("recombine", "reduce", "eliminate", "linear", "shift", "rowop"):
        return D.value("step", st["node"])
    if kind == "subdivide":
        return min_value([D.value("step", b["node"]) for b in st["boxes"]])
    if kind == "blowup":
        return min_value([D.value("step", ch["node"]) for ch in st["charts"]])
    if kind == "separated":
        return min_value([D.value("node", c["node"]) for c in st["cases"]])
    if kind == "submersion":
        return D.value("node", st["node"])
    if kind == "stratified":
        return min_value([D.value("step", st["off"])] + [D.value("step", c["node"]) for c in st["components"] if c])
    if kind == "subsum":
        return D.value("node", st["witness"]["node"])
    if kind == "same":
        target = step_by_id(D, st.get("same_as"))
        return D.value("step", target) if target is not None else None
    return None


def step_by_id(D, sid):
    """The program step with ``id == sid`` (the target of a ``same`` step), or ``None``."""
    index = D.__dict__.get("_group_steps")
    if index is None:
        index, stack = {}, [D.cert["root"]]
        while stack:
            o = stack.pop()
            if isinstance(o, dict):
                if "step" in o and "id" in o:
                    index.setdefault(o["id"], o)
                stack.extend(o.values())
            elif isinstance(o, list):
                stack.extend(o)
        D._group_steps = index
    return index.get(sid)


def title(D, st: dict, names: list[str]) -> str:
    S, kind = D.S, st.get("step")
    if kind == "blowup":
        return D.doc.fmt("program, blowing up {}", S.LBR + ", ".join(S.name(names[j]) for j in st["S"]) + S.RBR)
    if kind == "eliminate":
        return D.doc.fmt("program, eliminating {}", S.name(names[st["var"]]))
    what = {"recombine": "another basis of the generators", "reduce": "reducing by a pivot",
            "separated": "separated generators, cases of the parameter factors",
            "submersion": "parameters through a submersion",
            "subsum": "a sub-sum's lower bound, attained at a witness point",
            "same": "the same problem as an earlier step",
            "linear": "generators linear in locals with a full-rank parameter matrix",
            "shift": "a shear of two locals by a parameter polynomial",
            "rowop": "a generator less a parameter multiple of another",
            "subdivide": "halving the parameter cube", "stratified": "splitting the cube along a rank-drop locus"}.get(kind, f"step {kind}")
    return S.t("program, " + what)


def state(D, st: dict, names: list[str]) -> None:
    from .explain_rules import gens_display

    S, d = D.S, D.doc
    rs = roles(st, names)
    groups = {r: ", ".join(S.name(n) for n, x in zip(names, rs) if x == r) for r in "LPG"}
    parts = [d.fmt("local (near 0): {}", groups["L"]) if groups["L"] else "",
             d.fmt("parameters (anywhere in [−1, 1]): {}", groups["P"]) if groups["P"] else "",
             d.fmt("gone (in no generator): {}", groups["G"]) if groups["G"] else ""]
    d.p("Variables {}.", Raw(S.t("; ").join(x for x in parts if x)))
    e = st.get("e")
    if e and any(e):
        d.p("Prior × Jacobian so far: {}.", S.absmono(e, names))
    if st.get("gens"):
        d.p("Generators:")
        gens_display(D, st["gens"], names)


def write(D, st: dict, names: list[str]) -> None:
    state(D, st, names)
    kind = st.get("step")
    {"recombine": _recombine, "reduce": _reduce, "eliminate": _eliminate, "blowup": _blowup,
     "separated": _separated, "submersion": _submersion, "subsum": _subsum,
     "same": _same, "linear": _linear, "subdivide": _subdivide, "shift": _shift,
     "rowop": _rowop, "stratified": _stratified}.get(kind, _unknown)(D, st, names)


def _unknown(D, st, names):
    D.doc.p("Program step {} (see docs/certificate.md).", Text(str(st.get("step"))))


def _recombine(D, st, names):
    D.doc.p("Replace the generators by another basis of their linear span over Q (same ideal, so the "
            "same value): {}.", Text(D.ref(st["node"])))


def _reduce(D, st, names):
    S, d = D.S, D.doc
    p = st["pivot"]
    d.p("The pivot {} is a monomial in the locals times a polynomial in the parameters. Every other "
        "generator minus its reduction is divisible by the pivot (the ideal is unchanged); the reduced "
        "generators are those of {}.", S.sub("f", p + 1), Text(D.ref(st["node"])))


def _eliminate(D, st, names):
    from .explain_rules import split_linear

    S, d = D.S, D.doc
    p, x = st["pivot"], st["var"]
    X = S.name(names[x])
    rs = roles(st, names)
    f = st["gens"][p][1] if st.get("gens") else None
    F = st.get("F") or [[[0] * len(names), "1"]]
    q = _quotient(f, F, rs) if f else None
    if q is None:
        d.p("The pivot {} is {} with {} a unit near the locals' zero set; the new coordinate {} replaces {} "
            "(a change of coordinates fixing the locals' zero set): {}.", S.sub("f", p + 1), f"μ F (u {X} + r)",
            "u", f"{X}' = u {X} + r", X, Text(D.ref(st["node"])))
        return
    mu, qt = q
    u, r = split_linear(qt, x)
    d.p("The pivot is {} with {}, {}, {} and {}.", f"{S.sub('f', p + 1)} = μ · F · (u {S.CDOT} {X} + r)",
        f"μ = {S.mono(mu, names)}", f"F = {S.poly(F, names, D.max_terms)}", f"u = {S.poly(u, names, D.max_terms)}",
        f"r = {S.poly(r, names, D.max_terms)}")
    if len(u) == 1:
        d.p("u is a constant: substitute {} (a polynomial automorphism fixing the locals' zero set); the "
            "pivot becomes {}. Next: {}.", f"{X} ↦ ({X} - r)/u", f"μ F {X}", Text(D.ref(st["node"])))
    else:
        d.p("u is a non-zero constant plus terms in the locals, a unit near their zero set: {} is a local "
            "coordinate there (called {} again); the pivot becomes {} and every other generator, written in "
            "it, is multiplied by the unit {}. Next: {}.", f"{X}' = u {X} + r", X, f"μ F {X}",
            S.power("u", "deg"), Text(D.ref(st["node"])))


def _quotient(f, F, rs):
    """``(μ, f/(μ F))`` as term lists, exactly (python-flint), or ``None`` if it does not divide."""
    import flint

    d = len(rs)
    mu = [min(e[i] for e, _ in f) if rs[i] == "L" else 0 for i in range(d)]
    ctx = flint.fmpq_mpoly_ctx.get(("y", d), "lex")

    def fl(terms):
        return ctx.from_dict({tuple(e): flint.fmpq(*_pq(c)) for e, c in terms})

    den = fl(F) * fl([[mu, "1"]])
    quo, rem = divmod(fl(f), den)
    if rem != 0:
        return None
    return mu, [[list(e), str(c)] for e, c in quo.to_dict().items()]


def _pq(c):
    from fractions import Fraction

    q = Fraction(c)
    return q.numerator, q.denominator


def _blowup(D, st, names):
    S, d = D.S, D.doc
    Sv = [S.name(names[j]) for j in st["S"]]
    d.p("Every generator is homogeneous in {}; blow up their common zero set. Chart {} (one for each "
        "{}) substitutes {} for the others, which become parameters with |·| ≤ 1; the Jacobian is {}. "
        "The charts cover a neighbourhood; the value is the minimum over them.", ", ".join(Sv),
        "k", "k", "w_j ↦ w_k w_j", S.power("|w_k|", len(Sv) - 1))
    rows = []
    for ch in st["charts"]:
        k = ch["k"]
        K = S.name(names[k])
        subst = ", ".join(f"{S.name(names[j])} ↦ {K} {S.name(names[j])}" for j in st["S"] if j != k)
        full = id(ch) in D.full
        rows.append(d.fmt("chart {}: {}; {}, value {}", K, subst, Text(D.ref(ch["node"]) if full else "not written out"),
                          D.show_value(D.value("step", ch["node"]))))
    d.items(rows)


def _separated(D, st, names):
    S, d = D.S, D.doc
    n = len(st["c"])
    d.p("Each generator is a product {} of a polynomial in the parameters and one in the locals:",
        "f_i = c_i(P) h_i(L)")
    d.eqs([(S.sub("f", i + 1), "=", [f"({S.poly(st['c'][i], names, D.max_terms)}) {S.CDOT}",
                                      f"({S.poly(st['h'][i], names, D.max_terms)})"]) for i in range(min(n, 12))])
    if n > 12:
        d.p("… and {} more generators.", Text(str(n - 12)))
    facs = ", ".join(f"{S.sub('F', j + 1)} = {S.poly(F, names, D.max_terms)}" for j, F in enumerate(st["factors"]))
    d.p("The {} are constants times products of the parameter factors {}. The zero sets of the factors "
        "are smooth complete intersections (checked by Gröbner bases), so near any parameter point the "
        "vanishing factors are coordinates. Case I (the factors vanishing there, maximal sets and those "
        "vanishing at the origin) is the local problem in the locals and new coordinates for the factors "
        "in I; every point is at least the smallest case, which the origin (or a witness point) attains:",
        "c_i", facs or "(none)")
    rows = [d.fmt("case {}: {}, value {}", case_set(D, c["I"]), Text(D.ref(c["node"])),
                  D.show_value(D.value("node", c["node"]))) for c in st["cases"]]
    d.items(rows)
    pts = [c for c in st["cases"] if c.get("point")]
    if pts:
        d.p("A case with a witness point is attained there: exactly its factors vanish at {}, so the smallest "
            "case, attained, is the value.", Text("; ".join(f"({', '.join(c['point'])}) for case "
                                                           f"{case_set(D, c['I'])}" for c in pts)))


def _submersion(D, st, names):
    S, d = D.S, D.doc
    loc = locals_(st, names)
    zs = fresh(names, list(range(len(st["phi"]))))
    phis = ", ".join(f"{S.name(z)} = {S.poly(f, names, D.max_terms)}" for z, f in zip(zs, st["phi"]))
    d.p("The generators are functions of the locals and of {}; a Jacobian minor of this map is a non-zero "
        "constant (a submersion), and the new generators are homogeneous for the weights {}, so by scaling "
        "every parameter point has a value at least that of the origin, which p = 0 attains: {}.", phis,
        S.tuple_(st["weights"]), Text(D.ref(st["node"])))
    if len(loc) + len(zs) != len(st["node"]["e"]):  # pragma: no cover - malformed certificate
        d.p("(variable count differs from the node's)")


def _subsum(D, st, names):
    S, d = D.S, D.doc
    keep = ", ".join(S.sub("f", i + 1) for i in st["S"])
    w = st["witness"]
    d.p("The parameter factors of all the generators are not shown to be smooth complete intersections, but "
        "those of {} are: K is at least the sum of their squares, so every parameter point is at least the smallest case of "
        "that sub-sum; at the witness point ({}) exactly the factors {} vanish, with independent differentials, "
        "and the full problem there attains that bound, which is the value.", keep, Text(", ".join(w["point"])),
        case_set(D, w["I"]))
    rows = [d.fmt("lower case {}: {}, value {}", case_set(D, c["I"]), Text(D.ref(c["node"])),
                  D.show_value(D.value("node", c["node"]))) for c in st["cases"]]
    rows.append(d.fmt("witness case {}: {}, value {}", case_set(D, w["I"]), Text(D.ref(w["node"])),
                      D.show_value(D.value("node", w["node"]))))
    d.items(rows)


def _same(D, st, names):
    target = step_by_id(D, st.get("same_as"))
    perm = st.get("perm") or []
    ren = ", ".join(f"{D.S.name(names[j])} ↦ {D.S.name(names[k])}" for j, k in enumerate(perm)
                    if j < len(names) and k < len(names) and j != k)
    D.doc.p("This parameter problem is that of {} with the variables renamed ({}); the value of a parameter "
            "problem does not change under renaming (the cube is symmetric).",
            Text(D.ref(target) if target is not None else "an earlier step"), Text(ren or "no renaming"))


def _linear(D, st, names):
    S = D.S
    D.doc.p("The generators {} are linear in {} (plus terms vanishing with the locals) with a parameter matrix whose "
            "{}-minors have no common zero on the cube, so they are coordinates there (inverse function theorem) and "
            "become the new variables {}: {}.", ", ".join(S.sub("f", i + 1) for i in st["I"]),
            ", ".join(S.name(names[y]) for y in st["Y"]), Text(str(len(st["I"]))),
            ", ".join(S.name(names[y]) for y in st["slots"]), Text(D.ref(st["node"])))


def _shift(D, st, names):
    S = D.S
    X, Y = S.name(names[st["var"]]), S.name(names[st["by"]])
    c = S.poly(st["c"], names, D.max_terms)
    D.doc.p("A generator depends on {} and {} only through {} with {} = {}, a polynomial in the parameters: the new "
            "coordinate {} (called {} again) is a polynomial automorphism with Jacobian 1 that fixes {}, the parameters "
            "and the locals' zero set, so every local value is unchanged: {}.", X, Y, f"{X} + c {S.CDOT} {Y}", "c", c,
            f"{X}' = {X} + c {S.CDOT} {Y}", X, Y, Text(D.ref(st["node"])))


def _rowop(D, st, names):
    S = D.S
    c = S.poly(st["c"], names, D.max_terms)
    j, i = st["target"], st["pivot"]
    D.doc.p("Replace {} by {} with {} = {}, a polynomial in the parameters: the old generator is the new one plus "
            "{}, so the ideal, and with it the value, is unchanged (Lin 2011 Cor 3.12): {}.", S.sub("f", j + 1),
            f"{S.sub('f', j + 1)} − c {S.CDOT} {S.sub('f', i + 1)}", "c", c, f"c {S.CDOT} {S.sub('f', i + 1)}",
            Text(D.ref(st["node"])))


def _stratified(D, st, names):
    S = D.S
    comps = [c for c in st["components"] if c]
    what = ("the parameter matrix of the generators {} drops rank" if st.get("kind") == "linear"
            else "the generator {} stops being a unit")
    D.doc.p("The parameter cube is split by a locus where " + what + ". Off the locus the step is valid and the "
            "problem is {}; every point of the locus lies on one of {} component(s), whose equations are linear in "
            "distinct parameters ({}) and become local coordinates there. The value is the minimum over these "
            "problems, attained by a component inside the cube{}.",
            ", ".join(S.sub("f", i + 1) for i in st["I"]), Text(D.ref(st["off"])), Text(str(len(comps))),
            Text("; ".join(", ".join(S.name(names[j]) for j in c["pivots"]) for c in comps) or "none"),
            Text(" or by " + D.ref(st["box"]["node"]) if st.get("box") else ""))


def _subdivide(D, st, names):
    X = D.S.name(names[st["var"]])
    D.doc.p("The value is a minimum over the parameter points, so the cube may be cut: the boxes {} (each carried "
            "back onto [−1, 1]) cover the range of {}, and the value is the minimum over them.",
            Text("; ".join(f"[{b['a']} − {b['b']}, {b['a']} + {b['b']}]" for b in st["boxes"])), X)
