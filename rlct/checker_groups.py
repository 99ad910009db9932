"""Checker of the group rule's program steps (dispatched from :mod:`rlct.checker`, rule ``group``).

Independent of the resolver: only exact rational arithmetic on term dictionaries, sympy where the
fast paths give up, and the checker's own helpers (``from . import checker as C`` inside each
function, so this module never imports :mod:`rlct.checker` at import time and ``C._FAST`` is read at
call time).  :func:`_gstep` checks one step of a parameter problem ``st = (ws, fs, roles, e, sides)``:
``reduce``, ``recombine``, ``eliminate``, ``linear``, ``subdivide``, ``blowup``, ``separated``,
``submersion``, ``subsum``, ``shift``, ``rowop``, ``same`` and ``stratified``
(:mod:`rlct.checker_stratified`).
"""
from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations


def _gnorm(ws, fs, roles):
    """Drop zero generators; a variable in no generator gets role 'G'."""
    keep = [(w, f) for w, f in zip(ws, fs) if f]
    used = {i for _, f in keep for a in f for i, x in enumerate(a) if x}
    return [w for w, _ in keep], [f for _, f in keep], [r if i in used else "G" for i, r in enumerate(roles)]


def _subst_var(f: dict, x: int, X: dict, d: int) -> dict:
    """``f`` with ``y_x`` replaced by the polynomial ``X``."""
    from . import checker as C
    out: dict = {}
    for a, c in f.items():
        term = C._mul({a[:x] + (0,) + a[x + 1:]: c}, C._pow(X, a[x], d))
        for b, v in term.items():
            out[b] = out.get(b, Fraction(0)) + v
    return C._clean(out)


def _exact_div(f: dict, g: dict, d: int, what: str) -> dict:
    """``f / g`` when ``g`` divides ``f`` exactly (sympy), else a failure naming ``what``."""
    from . import checker as C
    if not f:
        return {}
    if C._FAST and d and g:
        q = C._div_exact(f, g)
        C._need(q is not None, f"{what} is not divisible by the pivot")
        return C._clean(q)
    syms = C.sympy.symbols(f"y0:{d}")
    q, r = C.sympy.div(C.sympy.Poly(C._sympy(f, syms), *syms), C.sympy.Poly(C._sympy(g, syms), *syms))
    C._need(r.is_zero, f"{what} is not divisible by the pivot")
    return C._clean({tuple(int(x) for x in a): Fraction(int(v.p), int(v.q)) for a, v in q.terms()})


def _groebner_one(polys: list, d: int, P: list) -> bool:
    """No common complex zero in the variables ``P`` (indices into ``d``): the reduced Gröbner
    basis over Q is {1}."""
    from . import checker as C
    fast = C._unit_ideal(polys, P, d)
    if fast is not None:
        return fast
    syms = C.sympy.symbols(f"y0:{d}")
    gens = [syms[j] for j in P]
    exprs = [C._sympy(p, syms) for p in polys]
    if any(e.is_number and e != 0 for e in exprs):
        return True
    return list(C.sympy.groebner(exprs, *gens, order="grevlex", domain="QQ").exprs) == [1]


def _glinear(raw, st, d: int, depth: int) -> tuple:
    """Step ``linear``: the generators ``I`` are ``L^μ·F·q`` with ``q = 0`` on ``{L = 0}``; the
    matrix ``M`` of their linear terms in ``Y`` (two-sided locals, ``e = 0``, in no ``μ`` and in no
    other generator) has a ``k``-minor with no zero on the cube at every point (a named minor with
    a dominant constant term, or all minors without a common complex zero).  Then the ``q_i`` are
    coordinates there (inverse function theorem) and become the variables ``slots``."""
    from . import checker as C
    ws, fs, roles, e, sides = st
    L = [j for j in range(d) if roles[j] == "L"]
    P = [j for j in range(d) if roles[j] == "P"]
    I = C._field(raw, "I")
    Y = C._field(raw, "Y")
    slots = C._field(raw, "slots")
    Fr = C._field(raw, "F")
    C._need(isinstance(I, list) and I and len(set(I)) == len(I), "I is not a non-empty set of generators")
    for i in I:
        C._int(i, "I entry", 0, len(fs) - 1)
    C._need(isinstance(Y, list) and len(set(Y)) == len(Y) and len(Y) >= len(I), "Y is not a set of >= |I| variables")
    for y in Y:
        C._int(y, "Y entry", 0, d - 1)
        C._need(roles[y] == "L" and sides[y] == "two" and e[y] == 0, "a Y variable is not local, two-sided, e = 0")
    C._need(isinstance(slots, list) and len(slots) == len(I) and len(set(slots)) == len(slots)
          and all(y in Y for y in slots), "slots are not |I| distinct Y variables")
    C._need(isinstance(Fr, list) and len(Fr) == len(I), "F does not give one factor per generator")
    for i, f in enumerate(fs):
        if i not in I:
            C._need(not any(a[y] for a in f for y in Y), "a generator outside I contains a Y variable")
    k = len(I)
    rows, new = [], list(fs)
    for pos, i in enumerate(I):
        f = fs[i]
        F = C._poly(Fr[pos], d, "F")
        C._need(F and all(roles[j] == "P" for a in F for j in range(d) if a[j]),
              "F is not a non-zero polynomial in the parameters")
        mu = tuple(min(a[j] for a in f) if roles[j] == "L" else 0 for j in range(d))
        C._need(not any(mu[y] for y in Y), "a Y variable divides a generator")
        q = _exact_div(f, C._times_monomial(F, mu), d, f"generator {i}")
        C._need(all(any(a[j] for j in L) for a in q), f"generator {i} / (monomial * F) is not zero on {{L = 0}}")
        row = []
        for y in Y:
            row.append({a[:y] + (0,) + a[y + 1:]: c for a, c in q.items()
                        if a[y] == 1 and not any(a[j] for j in L if j != y)})
        rows.append(row)
        new[i] = C._times_monomial(C._mul(F, {tuple(int(j == slots[pos]) for j in range(d)): Fraction(1)}), mu)
    proof = C._field(raw, "proof")
    C._need(isinstance(proof, dict), "proof is not an object")

    def minor(cols):
        syms = C.sympy.symbols(f"y0:{d}")
        m = C.sympy.Matrix([[C._sympy(rows[r][Y.index(c)], syms) for c in cols] for r in range(k)])
        return C.sympy.expand(m.det(method="berkowitz"))

    def fast_minors(cols_list):   # {sorted Y positions: minor} (up to sign), None: use sympy
        try:
            return C._all_minors([[row[Y.index(c)] for c in cols_list] for row in rows], d) if C._FAST else None
        except C._Fail:
            return None

    if "minor" in proof:
        cols = proof["minor"]
        C._need(isinstance(cols, list) and len(cols) == k and len(set(cols)) == k and all(c in Y for c in cols),
              "the named minor is not k distinct Y columns")
        fast = fast_minors(cols)
        if fast is not None:   # the sign of the minor does not matter below
            terms = fast[tuple(range(k))]
        else:
            m = C.sympy.Poly(minor(cols), *C.sympy.symbols(f"y0:{d}"))
            terms = {t: v for t, v in m.terms()}
        c0 = terms.get((0,) * d, 0)
        C._need(c0 != 0 and abs(c0) > sum(abs(v) for t, v in terms.items() if any(t)),
              "the named minor has no dominant constant term")
    else:
        C._need(proof.get("groebner") is True and P, "unknown proof of full rank")
        fast = fast_minors(Y)
        ms = None if fast is None else [m for m in fast.values() if m]
        one = None if ms is None else (C._unit_ideal(ms, P, d) if ms else False)
        if one is not None:
            C._need(one, "the minors have a common zero")
        else:
            psyms = [C.sympy.symbols(f"y0:{d}")[j] for j in P]
            exprs = [minor(list(cols)) for cols in combinations(Y, k)]
            exprs = [x for x in exprs if x != 0]
            C._need(exprs and list(C.sympy.groebner(exprs, *psyms, order="grevlex", domain="QQ").exprs) == [1],
                  "the minors have a common zero")
    ws2, fs2, roles2 = _gnorm(ws, new, roles)
    return C._located("linear", _gstep, C._field(raw, "node"), (ws2, fs2, roles2, e, sides), d, depth + 1)


def _gshift(raw, st, d: int, depth: int) -> tuple:
    """Step ``shift``: the coordinate ``x' = x + c·y`` (``x``, ``y`` distinct locals, ``x``
    two-sided with ``e = 0``, ``c`` a polynomial in the parameters): a polynomial automorphism
    with Jacobian 1 that fixes ``y``, the parameters and ``{L = 0} x cube``, so every local value
    is unchanged; the generators become ``g(x' − c·y, y, ...)``."""
    from . import checker as C
    ws, fs, roles, e, sides = st
    x = C._int(C._field(raw, "var"), "var", 0, d - 1)
    y = C._int(C._field(raw, "by"), "by", 0, d - 1)
    C._need(x != y and roles[x] == "L" and roles[y] == "L", "shift: var and by are not two distinct locals")
    C._need(sides[x] == "two" and e[x] == 0, "shift: the shifted variable is not two-sided with e = 0")
    c = C._poly(C._field(raw, "c"), d, "c")
    C._need(all(roles[j] == "P" for a in c for j in range(d) if a[j]), "shift: c is not a parameter polynomial")
    X = {tuple(int(i == x) for i in range(d)): Fraction(1)}
    for a, v in C._mul(c, {tuple(int(i == y) for i in range(d)): Fraction(1)}).items():
        X[a] = X.get(a, Fraction(0)) - v
    new = [_subst_var(f, x, C._clean(X), d) for f in fs]
    ws2, fs2, roles2 = _gnorm(ws, new, roles)
    return C._located("shift", _gstep, C._field(raw, "node"), (ws2, fs2, roles2, e, sides), d, depth + 1)


def _growop(raw, st, d: int, depth: int) -> tuple:
    """Step ``rowop``: ``g_target`` replaced by ``g_target − c·g_pivot`` with ``c`` a polynomial in
    the parameters: the same ideal (``g = g' + c·g_pivot``), so with positive weights ``K ≍ K'``
    near the compact set ``{L = 0} x cube`` (Lin 2011 Cor 3.12)."""
    from . import checker as C
    ws, fs, roles, e, sides = st
    j = C._int(C._field(raw, "target"), "target", 0, len(fs) - 1)
    i = C._int(C._field(raw, "pivot"), "pivot", 0, len(fs) - 1)
    C._need(i != j, "rowop: target and pivot are the same generator")
    C._need(all(w > 0 for w in ws), "rowop: a weight is not positive")
    c = C._poly(C._field(raw, "c"), d, "c")
    C._need(all(roles[k] == "P" for a in c for k in range(d) if a[k]), "rowop: c is not a parameter polynomial")
    g = dict(fs[j])
    for a, v in C._mul(c, fs[i]).items():
        g[a] = g.get(a, Fraction(0)) - v
    new = list(fs)
    new[j] = C._clean(g)
    ws2, fs2, roles2 = _gnorm(ws, new, roles)
    return C._located("rowop", _gstep, C._field(raw, "node"), (ws2, fs2, roles2, e, sides), d, depth + 1)


def _gstep_body(raw, st, d: int, depth: int) -> tuple:
    """One step of a parameter problem ``st = (ws, fs, roles, e, sides)``; returns its value
    (the minimum over the points p of the cube of the local value at ``(L = 0, P = p)``)."""
    from . import checker as C
    C._need(depth <= C.MAX_DEPTH, f"program nested deeper than {C.MAX_DEPTH}")
    C._need(isinstance(raw, dict), "program step is not an object")
    ws, fs, roles, e, sides = st
    if "gens" in raw:
        rw, rf = C._read_gens(raw["gens"], d)
        C._need(rw == ws and rf == fs, "gens differ from the ones derived from the parent step")
    for key, val in (("roles", roles), ("e", e), ("sides", sides)):
        C._need(raw.get(key, val) == val, f"{key} differ from the ones derived from the parent step")
    L = [j for j in range(d) if roles[j] == "L"]
    P = [j for j in range(d) if roles[j] == "P"]
    step = raw.get("step")
    if step == "recombine":
        child = C._field(raw, "node")
        C._need(isinstance(child, dict), "recombine child is not an object")
        ws2, fs2 = C._read_gens(C._field(child, "gens"), d)
        mons = sorted({a for f in fs + fs2 for a in f})
        r1, r2 = C._rank([[f.get(a, 0) for a in mons] for f in fs]), C._rank([[f.get(a, 0) for a in mons] for f in fs2])
        both = C._rank([[f.get(a, 0) for a in mons] for f in fs + fs2])
        C._need(r1 == r2 == both, "recombined generators do not span the same space")
        ws2, fs2, roles2 = _gnorm(ws2, fs2, roles)
        return C._located("recombine", _gstep, child, (ws2, fs2, roles2, e, sides), d, depth + 1)
    if step == "reduce":
        p = C._int(C._field(raw, "pivot"), "pivot", 0, len(fs) - 1)
        lparts = {tuple(a[i] if roles[i] == "L" else 0 for i in range(d)) for a in fs[p]}
        C._need(len(lparts) == 1, "reduce pivot is not a monomial in the locals times a parameter polynomial")
        red = C._list(C._field(raw, "reduced"), len(fs), "reduced")
        fs2 = [C._poly(g, d, f"reduced {i}") for i, g in enumerate(red)]
        C._need(fs2[p] == fs[p], "reduce changed the pivot")
        for i, (f, f2) in enumerate(zip(fs, fs2)):
            if i != p:   # f - f2 = q * pivot: the same ideal
                diff = dict(f)
                for a, v in f2.items():
                    diff[a] = diff.get(a, Fraction(0)) - v
                _exact_div(C._clean(diff), fs[p], d, f"generator {i} minus its reduction")
        ws2, fs2, roles2 = _gnorm(ws, fs2, roles)
        return C._located("reduce", _gstep, C._field(raw, "node"), (ws2, fs2, roles2, e, sides), d, depth + 1)
    if step == "eliminate":
        p = C._int(C._field(raw, "pivot"), "pivot", 0, len(fs) - 1)
        x = C._int(C._field(raw, "var"), "var", 0, d - 1)
        C._need(roles[x] == "L" and sides[x] == "two" and e[x] == 0,
              "eliminated variable must be local, two-sided, with e = 0")
        f = fs[p]
        mu = tuple(min(a[i] for a in f) if roles[i] == "L" else 0 for i in range(d))
        C._need(mu[x] == 0, "the variable divides the pivot")
        F = C._poly(raw["F"], d, "F") if "F" in raw else {(0,) * d: Fraction(1)}
        C._need(F and all(roles[i] == "P" for a in F for i in range(d) if a[i]),
              "F is not a non-zero polynomial in the parameters")
        q = _exact_div(f, C._times_monomial(F, mu), d, "the pivot")
        C._need(max(a[x] for a in q) == 1, "pivot / (monomial * F) is not linear in the variable")
        u = {a[:x] + (0,) + a[x + 1:]: c for a, c in q.items() if a[x]}
        r = {a: c for a, c in q.items() if not a[x]}
        C._need(r and all(any(a[j] for j in L) for a in r), "r is zero or does not vanish where the locals do")
        zero = (0,) * d
        u0 = {a: c for a, c in u.items() if not any(a[j] for j in L)}   # u on {L = 0}: parameters only
        C._need(u0.get(zero, 0) != 0 and abs(u0[zero]) > sum(abs(c) for a, c in u0.items() if a != zero),
              "u on {L = 0} has no dominant constant term (not shown to be a unit near {L = 0} x cube)")
        if len(u) == 1:   # x -> (x - r)/u
            X = C._clean({tuple(int(i == x) for i in range(d)): 1 / u[zero], **{a: -c / u[zero] for a, c in r.items()}})
            new = [_subst_var(g, x, X, d) for g in fs]
        else:             # the coordinate x' = u x + r: pivot = mu F x', the others times u^deg
            xr = C._clean({tuple(int(i == x) for i in range(d)): Fraction(1), **{a: -c for a, c in r.items()}})
            new = []
            for i, g in enumerate(fs):
                if i == p:
                    new.append(C._times_monomial(C._mul(F, {tuple(int(k == x) for k in range(d)): Fraction(1)}), mu))
                    continue
                deg = max(a[x] for a in g)
                out: dict = {}
                for k in range(deg + 1):
                    ak = {a[:x] + (0,) + a[x + 1:]: c for a, c in g.items() if a[x] == k}
                    if ak:
                        term = C._mul(C._mul(ak, C._pow(xr, k, d)), C._pow(u, deg - k, d))
                        for b, v in term.items():
                            out[b] = out.get(b, Fraction(0)) + v
                new.append(C._clean(out))
        ws2, fs2, roles2 = _gnorm(ws, new, roles)
        return C._located("eliminate", _gstep, C._field(raw, "node"), (ws2, fs2, roles2, e, sides), d, depth + 1)
    if step == "linear":
        return C._located("linear", _glinear, raw, (ws, fs, roles, e, sides), d, depth)
    if step == "subdivide":
        j = C._int(C._field(raw, "var"), "var", 0, d - 1)
        C._need(roles[j] == "P", "a subdivided variable is not a parameter")
        boxes = C._field(raw, "boxes")
        C._need(isinstance(boxes, list) and boxes, "boxes is not a non-empty list")
        spans, vals = [], []
        for n, box in enumerate(boxes):
            a, b = C._rational(C._field(box, "a"), "a"), C._rational(C._field(box, "b"), "b")
            C._need(b > 0, "a box has no positive width")
            # inside the cube: the steps before this one were checked on [-1, 1] only (an eliminated
            # unit may vanish outside it), so a box reaching out would describe another function
            C._need(-1 <= a - b and a + b <= 1, "a box reaches outside the parameter interval [-1, 1]")
            spans.append((a - b, a + b))
            X = {(0,) * d: a, tuple(int(i == j) for i in range(d)): b} if a else \
                {tuple(int(i == j) for i in range(d)): b}
            new = [_subst_var(f, j, X, d) for f in fs]
            ws2, fs2, roles2 = _gnorm(ws, new, roles)
            vals.append(C._located(f"box {n}", _gstep, C._field(box, "node"), (ws2, fs2, roles2, e, sides), d,
                                 depth + 1))
        reach = Fraction(-1)   # the boxes' images [a - b, a + b] must cover [-1, 1]
        for lo, hi in sorted(spans):
            C._need(lo <= reach, "the boxes do not cover the parameter interval [-1, 1]")
            reach = max(reach, hi)
        C._need(reach >= 1, "the boxes do not cover the parameter interval [-1, 1]")
        return C._min_value(vals)
    if step == "blowup":
        S = C._field(raw, "S")
        C._need(isinstance(S, list) and len(S) >= 2 and len(set(S)) == len(S), "S is not a set of >= 2 variables")
        S = [C._int(j, "S", 0, d - 1) for j in S]
        C._need(all(roles[j] == "L" and sides[j] == "two" and e[j] == 0 for j in S),
              "blown-up variables must be local, two-sided, with e = 0")
        for i, f in enumerate(fs):
            C._need(len({sum(a[j] for j in S) for a in f}) == 1, f"generator {i} is not homogeneous in S")
        charts = C._field(raw, "charts")
        C._need(isinstance(charts, list) and sorted(C._field(c, "k") for c in charts) == sorted(S),
              "charts are not one per variable of S")
        vals = []
        for ch in charts:
            k = ch["k"]
            # w_k = t, w_j = t v_j: exponent a -> a' with a'_k = sum_{j in S} a_j
            new = []
            for f in fs:
                g = {}
                for a, c in f.items():
                    b = list(a)
                    b[k] = sum(a[j] for j in S)
                    g[tuple(b)] = c
                new.append(g)
            roles2 = ["P" if (j in S and j != k) else roles[j] for j in range(d)]
            e2 = [len(S) - 1 if j == k else e[j] for j in range(d)]
            ws2, fs2, roles2 = _gnorm(ws, new, roles2)
            vals.append(C._located(f"chart {k}", _gstep, C._field(ch, "node"), (ws2, fs2, roles2, e2, sides), d,
                                 depth + 1))
        return C._min_value(vals)
    if step == "separated":
        return _gseparated(raw, ws, fs, L, P, e, sides, d, depth)
    if step == "submersion":
        return _gsubmersion(raw, ws, fs, L, P, e, sides, d, depth)
    if step == "subsum":
        return _gsubsum(raw, ws, fs, L, P, e, sides, d, depth)
    if step in ("shift", "rowop"):
        return (_gshift if step == "shift" else _growop)(raw, st, d, depth)
    if step == "stratified":   # rlct/checker_stratified.py
        from .checker_stratified import gstratified
        return C._located("stratified", gstratified, raw, st, d, depth)
    raise C._Fail(f"unknown program step {str(step)[:40]!r}")


def _gseparated(raw, ws, fs, L, P, e, sides, d: int, depth: int) -> tuple:
    from . import checker as C
    n = len(fs)
    hs, Fs, ks, mult = _gfactored(raw, fs, L, P, d)
    C._need(len(Fs) <= 12, "too many parameter factors to check")
    maximal = _gmaximal(Fs, list(range(len(Fs))), P, d)
    origin = tuple(j for j in range(len(Fs)) if C._const(Fs[j], d) == 0)
    need_cases = maximal | {origin}
    got = _gcases(raw, len(Fs))
    C._need(set(got) == need_cases, "cases are not the maximal zero sets of the factors and the origin's")
    values = {}
    for I, c in got.items():   # certificate order: a later case may refer to an earlier one
        nv = len(L) + len(I)
        K: dict = {}
        for i in range(n):
            mono = tuple(mult[i][j] for j in I)
            g = {tuple(a[j] for j in L) + mono: ks[i] * v for a, v in hs[i].items()}
            for a, v in C._mul(g, g).items():
                K[a] = K.get(a, Fraction(0)) + ws[i] * v
        child = C._node(C._field(c, "node"), f"case {list(I)}", depth + 1)
        C._need(child.d == nv, f"case {list(I)} has {child.d} variables, expected {nv}")
        C._need(child.K == C._clean(K), f"case {list(I)}: K != sum w (c' y^m h)^2")
        C._need(child.e == [e[j] for j in L] + [0] * len(I), f"case {list(I)}: wrong e")
        C._need(child.sides == [sides[j] for j in L] + ["two"] * len(I), f"case {list(I)}: wrong sides")
        values[I] = child.value
    attained = [values[origin]]   # p = 0 realises the origin's case
    for I, c in got.items():
        if "point" in c:
            C._located(f"case {list(I)}", _gwitness, c["point"], Fs, I, P, d)
            attained.append(values[I])
    low = C._min_value(list(values.values()))
    C._need(low in attained, "the cases disagree: no parameter point realises the smallest case")
    return low


def _gunit_on_cube(F: dict, d: int) -> bool:
    """``|F(0)| > Σ_{a != 0} |F_a|``: ``F`` has no zero where every ``|p_j| <= 1``, nor on a small
    enlargement of that cube, so a parameter factor with it vanishes at no parameter point (step
    ``separated``: sets of factors containing it have no common zero there)."""
    c0 = F.get((0,) * d, Fraction(0))
    return c0 != 0 and abs(c0) > sum(abs(c) for a, c in F.items() if any(a))


def _gwitness(point, Fs: list, I: tuple, P: list, d: int) -> None:
    """A case of step ``separated`` with a witness: a rational point ``p`` of the cube
    ``[-1, 1]^P`` at which exactly the factors ``F_I`` vanish.  There the vanishing factors are
    coordinates (checked for all sets) and the local problem is ``K_I``, so the case's value is
    attained: an upper bound for the parameter problem (T2, Lin 2011 Prop 3.9)."""
    from . import checker as C
    vals = [C._rational(x, "point") for x in C._list(point, len(P), "point")]
    C._need(all(abs(x) <= 1 for x in vals), "witness point outside the parameter cube")
    full = [Fraction(0)] * d
    for j, x in zip(P, vals):
        full[j] = x
    at = [sum((c * math.prod(x ** k for x, k in zip(full, a)) for a, c in F.items()), Fraction(0)) for F in Fs]
    C._need(tuple(j for j, v in enumerate(at) if v == 0) == tuple(I),
          "the factors vanishing at the witness point are not the case's set")


def _gfactored(raw, fs, L, P, d: int) -> tuple:
    """Steps ``separated``/``subsum``: ``f_i = c_i(P)·h_i(L)`` and ``c_i = k_i Π_j F_j^{m_ij}`` with the
    factors ``F_j`` non-constant polynomials in the parameters; returns ``(hs, Fs, ks, mult)``."""
    from . import checker as C
    n = len(fs)
    cs = [C._poly(c, d, f"c {i}") for i, c in enumerate(C._list(C._field(raw, "c"), n, "c"))]
    hs = [C._poly(h, d, f"h {i}") for i, h in enumerate(C._list(C._field(raw, "h"), n, "h"))]
    for i in range(n):
        C._need(all(not a[j] for a in cs[i] for j in range(d) if j not in P), f"c {i} is not in the parameters")
        C._need(all(not a[j] for a in hs[i] for j in range(d) if j not in L), f"h {i} is not in the locals")
        C._need(C._mul(cs[i], hs[i]) == fs[i], f"generator {i} != c * h")
    Fs = [C._poly(f, d, f"factor {j}") for j, f in enumerate(C._field(raw, "factors"))]
    C._need(len(Fs) <= 16 and len(P) <= 12, "too many parameter factors to check")
    for j, F in enumerate(Fs):
        C._need(any(any(a) for a in F), f"factor {j} is constant")
        C._need(all(not a[i] for a in F for i in range(d) if i not in P), f"factor {j} is not in the parameters")
    ks = [C._rational(k, "const") for k in C._list(C._field(raw, "consts"), n, "consts")]
    mult = [C._ints(row, len(Fs), "mult", 0, 100) for row in C._list(C._field(raw, "mult"), n, "mult")]
    for i in range(n):
        prod = {(0,) * d: ks[i]}
        for j, F in enumerate(Fs):
            prod = C._mul(prod, C._pow(F, mult[i][j], d))
        C._need(prod == cs[i], f"c {i} != const * product of factors")
    return hs, Fs, ks, mult


def _gmaximal(Fs: list, idx: list, P: list, d: int) -> set:
    """The maximal sets ``I ⊆ idx`` of factors with a common complex zero, each checked to be a
    smooth complete intersection (``<F_I, |I|-minors of the Jacobian> = <1>``, Gröbner basis over Q);
    a factor with a dominant constant term (:func:`_gunit_on_cube`) vanishes nowhere near the cube."""
    from . import checker as C
    zero_sets = []
    empty = [(j,) for j in idx if _gunit_on_cube(Fs[j], d)]
    for size in range(1, len(idx) + 1):
        for I in combinations(idx, size):
            if any(set(E) <= set(I) for E in empty):
                continue
            FI = [Fs[j] for j in I]
            if _groebner_one(FI, d, P):
                empty.append(I)
                continue
            C._need(size <= len(P), f"factors {list(I)} have a common zero but outnumber the parameters")
            try:
                minors = list(C._all_minors([[C._diff(F, v) for v in P] for F in FI], d).values()) if C._FAST else None
            except C._Fail:   # too large for the plain products: sympy decides
                minors = None
            fast = None if minors is None else C._unit_ideal(FI + minors, P, d)
            if fast is not None:
                C._need(fast, f"zero set of factors {list(I)} is not smooth (not a complete intersection)")
                zero_sets.append(I)
                continue
            syms = C.sympy.symbols(f"y0:{d}")
            psyms = [syms[j] for j in P]
            jac = C.sympy.Matrix([[C.sympy.diff(C._sympy(F, syms), v) for v in psyms] for F in FI])
            minors = [jac[:, list(cols)].det() for cols in combinations(range(len(P)), size)]
            G = C.sympy.groebner([C._sympy(F, syms) for F in FI] + minors, *psyms, order="grevlex", domain="QQ")
            C._need(list(G.exprs) == [1], f"zero set of factors {list(I)} is not smooth (not a complete intersection)")
            zero_sets.append(I)
    return {I for I in zero_sets if not any(set(I) < set(J) for J in zero_sets)}



def _gcases(raw, nF: int) -> dict:
    """The ``cases`` of a ``separated`` / ``subsum`` step by their factor sets ``I`` (each sorted,
    none repeated, indices below ``nF``), in certificate order."""
    from . import checker as C

    cases = C._field(raw, "cases")
    C._need(isinstance(cases, list), "cases is not a list")
    got = {}
    for c in cases:
        I = tuple(C._ints(C._field(c, "I"), len(C._field(c, "I")), "I", 0, nF - 1))
        C._need(I not in got and list(I) == sorted(set(I)), "case I repeated or not sorted")
        got[I] = c
    return got

def _gcase(raw_node, what: str, ws, hs, ks, mult, I: tuple, S, L, e, sides, depth: int) -> tuple:
    """A case node of ``separated``/``subsum``: ``K_I = Σ_{i ∈ S} w_i (k_i Π_{j∈I} y_j^{m_ij} h_i)²`` in
    the locals and one new two-sided coordinate (``e = 0``) per factor of ``I``; its value."""
    from . import checker as C
    nv = len(L) + len(I)
    K: dict = {}
    for i in S:
        mono = tuple(mult[i][j] for j in I)
        g = {tuple(a[j] for j in L) + mono: ks[i] * v for a, v in hs[i].items()}
        for a, v in C._mul(g, g).items():
            K[a] = K.get(a, Fraction(0)) + ws[i] * v
    child = C._node(raw_node, what, depth + 1)
    C._need(child.d == nv, f"{what} has {child.d} variables, expected {nv}")
    C._need(child.K == C._clean(K), f"{what}: K != sum w (c' y^m h)^2")
    C._need(child.e == [e[j] for j in L] + [0] * len(I), f"{what}: wrong e")
    C._need(child.sides == [sides[j] for j in L] + ["two"] * len(I), f"{what}: wrong sides")
    return child.value


def _gsubsum(raw, ws, fs, L, P, e, sides, d: int, depth: int) -> tuple:
    """Step ``subsum``: ``f_i = c_i(P) h_i(L)``; a subset ``S`` of the generators gives the lower bound
    ``K >= K_S = Σ_{i∈S} w_i f_i²`` at every point (comparison, Lin 2011 Prop 3.11); the factors of
    the ``c_i`` (``i ∈ S``) pass the smooth complete-intersection test, so ``K_S`` at any point is
    at least its case of a maximal set of them (the cases are exactly those); a witness point of
    the cube where the vanishing factors of all ``c_i`` have a Jacobian of full rank has the local
    problem ``K_{I(p)}`` (all generators), whose value must equal the smallest case: then it is the
    value (the minimum over the points, T2)."""
    from . import checker as C
    n = len(fs)
    hs, Fs, ks, mult = _gfactored(raw, fs, L, P, d)
    S = C._field(raw, "S")
    C._need(isinstance(S, list) and S == sorted(set(S)) and S, "S is not a sorted non-empty set of generators")
    S = [C._int(i, "S", 0, n - 1) for i in S]
    C._need(all(ws[i] > 0 for i in range(n) if i not in S), "a dropped generator has a weight <= 0 (K >= K_S fails)")
    idx = sorted({j for i in S for j in range(len(Fs)) if mult[i][j]})
    maximal = _gmaximal(Fs, idx, P, d) or {()}
    got = _gcases(raw, len(Fs))
    C._need(set(got) == maximal, "cases are not the maximal zero sets of the sub-sum's factors")
    low = C._min_value([_gcase(C._field(c, "node"), f"case {list(I)}", ws, hs, ks, mult, I, S, L, e, sides, depth)
                      for I, c in got.items()])
    w = C._field(raw, "witness")
    I = tuple(C._ints(C._field(w, "I"), len(C._field(w, "I")), "I", 0, len(Fs) - 1))
    C._need(list(I) == sorted(set(I)) and len(I) <= len(P), "witness I is not a sorted set of at most #P factors")
    C._located("witness", _gwitness, C._field(w, "point"), Fs, I, P, d)
    point = [Fraction(0)] * d
    for j, x in zip(P, C._field(w, "point")):
        point[j] = C._rational(x, "point")
    jac = [[sum((c * a[k] * math.prod(x ** (m - (i == k)) for i, (x, m) in enumerate(zip(point, a)))
                 for a, c in Fs[j].items() if a[k]), Fraction(0)) for k in P] for j in I]
    C._need(C._rank(jac) == len(I), "the factors vanishing at the witness point have dependent differentials there")
    top = _gcase(C._field(w, "node"), "witness", ws, hs, ks, mult, I, range(n), L, e, sides, depth)
    C._need(top == low, "the witness point's value differs from the sub-sum's lower bound")
    return low


def _gsubmersion(raw, ws, fs, L, P, e, sides, d: int, depth: int) -> tuple:
    """``f_i = G_i(L, z = φ(P))``; ``φ(0) = 0``; a Jacobian minor of ``φ`` is a non-zero constant
    (``φ`` is a submersion everywhere, so at every ``p`` the local problem is ``K̃ = Σ w G_i²`` at
    ``(φ(p), 0)``); the ``G_i`` are homogeneous of one degree for weights ``>= 0``, ``> 0`` on
    ``z``, so the value at ``(φ(p), 0)`` equals the value at ``(s^w φ(p), 0)`` for all ``s > 0`` and by
    semicontinuity is at least the value at the origin, which ``p = 0`` attains."""
    from . import checker as C
    phi = [C._poly(f, d, f"phi {j}") for j, f in enumerate(C._field(raw, "phi"))]
    J = len(phi)
    C._need(1 <= J <= len(P), "phi must have between 1 and #parameters components")
    for j, f in enumerate(phi):
        C._need(all(not a[i] for a in f for i in range(d) if i not in P), f"phi {j} is not in the parameters")
        C._need(C._const(f, d) == 0, f"phi {j} does not vanish at 0")
    n = len(L) + J
    Gs = [C._poly(g, n, f"G {i}") for i, g in enumerate(C._list(C._field(raw, "G"), len(fs), "G"))]
    for i, G in enumerate(Gs):
        comp: dict = {}
        for a, v in G.items():
            term = {tuple(dict(zip(L, a[:len(L)])).get(k, 0) for k in range(d)): v}
            for j in range(J):
                term = C._mul(term, C._pow(phi[j], a[len(L) + j], d))
            for b, x in term.items():
                comp[b] = comp.get(b, Fraction(0)) + x
        C._need(C._clean(comp) == fs[i], f"generator {i} != G(L, phi(P))")
    cols = C._field(raw, "columns")
    C._need(isinstance(cols, list) and len(cols) == J and len(set(cols)) == J and all(c in P for c in cols),
          "columns are not J distinct parameters")
    syms = C.sympy.symbols(f"y0:{d}")
    jac = C.sympy.Matrix([[C.sympy.diff(C._sympy(f, syms), syms[c]) for c in cols] for f in phi])
    minor = C.sympy.expand(jac.det())
    C._need(minor.is_number and minor != 0, "the Jacobian minor of phi is not a non-zero constant")
    w = C._ints(C._field(raw, "weights"), n, "weights", 0, 10**9)
    C._need(all(w[len(L) + j] > 0 for j in range(J)), "weights of z are not positive")
    degrees = {sum(x * y for x, y in zip(a, w)) for G in Gs for a in G}
    C._need(len(degrees) <= 1, "the G_i are not homogeneous of one degree for the weights")
    K: dict = {}
    for wt, G in zip(ws, Gs):
        for a, v in C._mul(G, G).items():
            K[a] = K.get(a, Fraction(0)) + wt * v
    child = C._node(C._field(raw, "node"), "submersion", depth + 1)
    C._need(child.d == n and child.K == C._clean(K), "child K != sum w G^2")
    C._need(child.e == [e[j] for j in L] + [0] * J, "child e is not the locals' and zeros")
    C._need(child.sides == [sides[j] for j in L] + ["two"] * J, "child sides are not the locals' and 'two'")
    return child.value


def _gstep(raw, st, d: int, depth: int) -> tuple:
    """A program step (:func:`_gstep_body`), or ``same``: the parameter problem of a step verified
    earlier (its ``id``) with the variables renamed by ``perm``.  The value of a parameter problem
    (the minimum over the cube of the local values) only depends on ``K = Σ w_i f_i²`` and the
    roles, exponents and sides, all preserved by the renaming (the cube is symmetric)."""
    from . import checker as C
    if isinstance(raw, dict) and raw.get("step") == "same":
        C._need(depth <= C.MAX_DEPTH, f"program nested deeper than {C.MAX_DEPTH}")
        ws, fs, roles, e, sides = st
        if "gens" in raw:
            rw, rf = C._read_gens(raw["gens"], d)
            C._need(rw == ws and rf == fs, "gens differ from the ones derived from the parent step")
        for key, val in (("roles", roles), ("e", e), ("sides", sides)):
            C._need(raw.get(key, val) == val, f"{key} differ from the ones derived from the parent step")
        ref = raw.get("same_as")
        got = C._seen().get(("step", ref)) if isinstance(ref, str) else None
        C._need(got is not None, "same_as does not name a program step verified earlier")
        (ws0, fs0, roles0, e0, sides0), value = got
        p = C._perm(raw, d)
        C._need(all(roles[j] == roles0[p[j]] and e[j] == e0[p[j]] and sides[j] == sides0[p[j]] for j in range(d)),
              "roles, e or sides differ from the referenced step's under perm")
        mine = sorted((w, sorted(C._permuted(f, p).items())) for w, f in zip(ws, fs))
        C._need(mine == sorted((w, sorted(f.items())) for w, f in zip(ws0, fs0)),
              "generators differ from the referenced step's under perm")
        return value
    value = _gstep_body(raw, st, d, depth)
    if isinstance(raw.get("id"), str):
        C._need(("step", raw["id"]) not in C._seen(), "program step id is repeated")
        ws, fs, roles, e, sides = st
        C._seen()[("step", raw["id"])] = ((list(ws), list(fs), list(roles), list(e), list(sides)), value)
    return value
