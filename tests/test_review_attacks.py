"""Review of commit dec5fbc (number-field Newton–Puiseux certificates; group steps ``subsum`` and
witness points in ``separated``): attacks on the checker and the resolver.

Every test is an attack that the checker must reject (regression tests).

Found and fixed bug (checker, ``subdivide``): the boxes only have to *cover* ``[-1, 1]``; their images
``[a − b, a + b]`` may reach outside it.  Steps taken *before* the subdivision were only checked
on the cube (``eliminate``: ``u`` has a dominant constant term on ``[-1, 1]``; ``linear``: a minor
dominant on the cube), so outside the cube the parameter problem of a box need not describe
``K`` at all.  A ``separated`` case (witness point, or the box's origin ``a``) attained there
then enters the minimum.  ``_overhang_certificate`` builds one: ``K = f1² + f2²`` with

    f1 = (2a + b)x + (a + 2b)c,
    f2 = aⁿw + Σ_{k=1..n} a^{n−k}(2a+b)^k x^k  +  (the same with a↔b, x↔c, w↔w2),

symmetric under ``a↔b, x↔c, w↔w2``.  Block blow-up of ``{a, b}``; chart ``a = t, b = t·v``:
``eliminate`` x with ``u = 2 + v`` (dominant on the cube, zero at ``v = −2``), which multiplies
``f2`` by ``uⁿ``; ``reduce`` by the pivot ``t·x'``; ``eliminate`` w (``F = uⁿ``): generators
``t·x``, ``tⁿ uⁿ w``; then ``subdivide`` v into the boxes ``v = −1 + 3/2·p`` (image ``[−5/2, 1/2]``)
and ``v = 1/2 + p/2``; in the first box the factor ``u = 1 + 3/2·p`` vanishes at ``p = −2/3`` (i.e.
``v = −2``, where the eliminate step is not a coordinate change), and ``separated`` with that
witness adds the case ``t²x² + t^{2n} y^{2n} w²``: ``(3/4, 2)`` for ``n = 2``.  Chart ``b`` is the
same program with the variables permuted.  With the honest boxes ``[−1, 0]``, ``[0, 1]`` (``u``
a unit on both) the same ``K`` certifies ``(3/4, 1)``; the checker accepts both, so one of the
two exact answers is wrong — it is the overhanging one: for every point of the cube the
eliminate step is valid and the honest local problem is ``t²x² + t⁴w²``, ``(3/4, 1)``, and chart
``b`` covers the directions with ``|b/a| > 1`` (including ``v = −2``), where its own problem
(the permuted one, ``v_b = −1/2``, ``u_b = 3/2``) gives ``(3/4, 1)`` too.

``_overhang3_certificate`` is the same construction with a three-variable block ``{a, b, e}``
(cyclic symmetry; chart prior ``t²``): honest boxes certify ``(1, 2)``, the overhanging box
certifies ``(3/4, 1)`` — a wrong λ.  A box whose *centre* lies outside the cube (``a = −2``)
does the same without any witness point (the origin case ``I0``), so the hole predates dec5fbc;
the witness points only widen it.  Fixed: the checker requires ``−1 <= a − b`` and ``a + b <= 1`` for every
box (the resolver's halves satisfy it).
"""
from __future__ import annotations

import copy
from fractions import Fraction

import pytest
import sympy as sp
from helpers import dicts

from rlct import rlct, verify


# ---------------------------------------------------------------- helpers


def _find(obj, pred):
    return [d for d in dicts(obj) if pred(d)]


def _irr(c):
    return _find(c, lambda o: "irrational" in o)


def _nfroots(c):
    return _find(c, lambda o: o.get("kind") == "nf-roots")


def _rule(c, r):
    return _find(c, lambda o: o.get("rule") == r)


_CERTS: dict = {}


def _cert(K):
    if K not in _CERTS:
        r = rlct(K, timeout=60)
        assert r.status == "exact", r
        _CERTS[K] = r
    return copy.deepcopy(_CERTS[K].certificate)


# (x²-2y²-y³)² + y⁸: (1/2, 2), field Q(1/√2) then a quadratic extension.  Expanded, so that the
# engine has no generators and the number-field recursion makes the certificate (from the sum of
# squares, rule coords decides the irrational zeros instead; tests/test_gens_charts.py)
C1 = "x**4 - 4*x**2*y**2 - 2*x**2*y**3 + 4*y**4 + 4*y**5 + y**6 + y**8"
C2 = "((x**2-2*y**2)**2-3*y**6)**2"        # (1/4, 2), a degree-4 field Q(√2, √3), nf-smooth


# ---------------------------------------------------------------- (a) number-field certificates


def _drop_irrational(c):
    for p in _irr(c):
        p["irrational"] = []


def _nf_to_madic(c):          # the degenerate m-adic polygon claimed anyway, with Newton's value
    for p in _irr(c):
        r = p["irrational"][0]
        r.pop("nf")
        r.update({"lambda": "1/2", "m_mult": 1})
    c["m"] = 1


def _interval_misses_root(c):
    for p in _irr(c):
        p["irrational"][0]["nf"][0]["interval"] = ["0", "1/2"]


def _duplicate_root_record(c):   # the same real root twice (a max-m double count)
    for p in _irr(c):
        r = p["irrational"][0]
        r["nf"].append(copy.deepcopy(r["nf"][0]))


def _split_duplicate_child(c):   # one orthant twice, the other never
    for n in _rule(c, "nf-split"):
        n["children"][1] = copy.deepcopy(n["children"][0])


def _drop_last_chart(c):         # the charts no longer reach the ray (0, 1)
    for n in _rule(c, "nf-toric"):
        if len(n["charts"]) > 1:
            n["charts"].pop()


def _reducible_field(c):         # m squared: not irreducible, and not the stratum's factor
    for p in _irr(c):
        r = p["irrational"][0]
        r["m"] = [[0, "1/4"], [2, "-1"], [4, "1"]]


C1_TAMPER = {
    "irrational records dropped": _drop_irrational,
    "nf record replaced by an m-adic claim": _nf_to_madic,
    "isolating interval misses the root": _interval_misses_root,
    "root record duplicated": _duplicate_root_record,
    "nf-split orthant duplicated": _split_duplicate_child,
    "nf-toric last chart dropped": _drop_last_chart,
    "field polynomial replaced by its square": _reducible_field,
}


@pytest.mark.parametrize("what", sorted(C1_TAMPER))
def test_nf_tampering_c1_rejected(what):
    c = _cert(C1)
    assert verify(c).ok
    C1_TAMPER[what](c)
    assert not verify(c).ok, what


def _drop_point(c):
    for p in _nfroots(c):
        p["points"] = []


def _conjugate_embed(c):        # -A: a root of M_F, but the other real conjugate of the generator
    for p in _nfroots(c):
        for pt in p["points"]:
            pt["embed"] = [str(-Fraction(x)) for x in pt["embed"]]


def _other_embedding_of_L(c):   # same A and β, the other real root of M_L with A(γ) = 1/√2:
    for p in _nfroots(c):        # there √3 -> -√3 and β < 0
        for pt in p["points"]:
            pt["field"]["interval"] = ["1/4", "1/2"]


def _smooth_lower_exponent(c):  # the divisor exponent changed in rule S (value 3/10 instead of 1/4)
    for n in _rule(c, "nf-smooth"):
        n["N"] = [0, 10]
        n.pop("lambda", None)
        n.pop("m", None)


def _not_a_root(c):             # β moved off the stratum's zero
    for p in _nfroots(c):
        for pt in p["points"]:
            pt["at"] = [str(Fraction(x) * Fraction(9, 10)) for x in pt["at"]]


def _smooth_on_one_sided(c):    # rule S along the one-sided divisor: f = y_j is not transversal
    for n in _rule(c, "nf-smooth"):
        n["sides"] = ["one", "one"]


C2_TAMPER = {
    "nf-roots point dropped": _drop_point,
    "embed is the other conjugate": _conjugate_embed,
    "point field: the other embedding": _other_embedding_of_L,
    "nf-smooth exponent changed": _smooth_lower_exponent,
    "nf-roots at is not a root": _not_a_root,
    "nf-smooth node made one-sided": _smooth_on_one_sided,
}


@pytest.mark.parametrize("what", sorted(C2_TAMPER))
def test_nf_tampering_c2_rejected(what):
    c = _cert(C2)
    assert verify(c).ok
    C2_TAMPER[what](c)
    assert not verify(c).ok, what


# Resolver against hand derivations (prior 1, origin), and against the polyhedra-game strategy.
#   (x²−2y²)²(x²−3y²)² + y¹⁰: chart x = yu: y⁸((u²−2)²(u²−3)² + y²), e_y = 1: 2/8 on the divisor;
#     at u = √2 (simple root of each factor): y⁸(v² + y²), τ = (2, 1): facet y: 8/2 = 4, edge
#     (1,1): 10/3 < 4: (1/4, 1).
#   (x⁴−10x²y²+y⁴−y⁵)² + y¹²: x/y = ±√2 ± √3 (degree 4, simple roots); chart x = yu:
#     y⁸((P(u) − y)² + y⁴), w = P(u) − y a coordinate: y⁸(w² + y⁴), facet 8/2 = 4, edge (1,2):
#     12/4 = 3: (1/4, 1).
#   ((x²−2y²)² − y⁵)² + y¹²: chart x = yu: y⁸((c v² (1+…) − y)² + y⁴) at u = √2 + v; the weighted
#     chart v = s, y = s²t: s²⁰ t⁸ ((c − t)² + s⁴t⁴), prior s⁴ t: 5/20 = 2/8 = 1/4 and the two
#     divisors meet at t = 0: (1/4, 2).
#   (x²−2y²−y³)⁴ + y¹²: chart x = yu: y⁸((u²−2−y)⁴ + y⁴), e_y = 1: 1/4; at u = √2 with
#     w = u² − 2 − y: y⁸(w⁴ + y⁴), τ = (2,1): facet 8/2 = 4, edge (8,4)–(12,0), normal (1,1):
#     12/3 = 4: both: (1/4, 2).
HAND = [
    ("(x**2-2*y**2)**2*(x**2-3*y**2)**2 + y**10", Fraction(1, 4), 1),
    ("(x**4-10*x**2*y**2+y**4 - y**5)**2 + y**12", Fraction(1, 4), 1),
    ("((x**2-2*y**2)**2 - y**5)**2 + y**12", Fraction(1, 4), 2),
    ("(x**2-2*y**2-y**3)**4 + y**12", Fraction(1, 4), 2),
]


@pytest.mark.parametrize("K,lam,m", HAND)
def test_resolver_irrational_zeros_match_hand_derivations(K, lam, m):
    for strategy in ("auto", "polyhedra-game"):
        r = rlct(K, timeout=60, strategy=strategy)
        assert (r.status, r.lam, r.m) == ("exact", lam, m), (strategy, r.status, r.lam, r.m)
        assert verify(r.certificate).ok


# ---------------------------------------------------------------- (b) group steps


H3 = "(a1*b1+a2*b2+a3*b3)**2+(a1*b1**3+a2*b2**3+a3*b3**3)**2+(a1*b1**5+a2*b2**5+a3*b3**5)**2"


def _subsums(c):
    return _find(c, lambda o: o.get("step") == "subsum")


def _mult_changed(c):        # the witness' local problem would change, but c != const * Π F^m
    s = _subsums(c)[0]
    s["mult"][0] = [x + 1 if x else x for x in s["mult"][0]]


def _witness_node_other_subsum(c):   # a node with the same value but the K of another step
    a, b = _subsums(c)[:2]
    a["witness"]["node"] = copy.deepcopy(b["witness"]["node"])
    a["witness"]["node"]["id"] = "zz_w"


def _cases_from_another_subsum(c):
    subs = _subsums(c)
    a = subs[0]
    other = next(s for s in subs[1:] if [x["I"] for x in s["cases"]] != [x["I"] for x in a["cases"]])
    a["cases"] = copy.deepcopy(other["cases"])


def _S_shrunk(c):             # a smaller sub-sum: the recorded cases are not its maximal sets
    s = _subsums(c)[0]
    s["S"] = s["S"][:1]


SUBSUM_TAMPER = {
    "multiplicity row raised": _mult_changed,
    "witness node from another step": _witness_node_other_subsum,
    "cases from another step": _cases_from_another_subsum,
    "S shrunk": _S_shrunk,
}


@pytest.mark.parametrize("what", sorted(SUBSUM_TAMPER))
def test_subsum_tampering_h3_rejected(what):
    c = _cert(H3)
    assert _CERTS[H3].lam == Fraction(5, 6) and _CERTS[H3].m == 1   # (H + i² + i)/(4i + 2), i = 1
    assert verify(c).ok and _subsums(c)
    SUBSUM_TAMPER[what](c)
    assert not verify(c).ok, what


# ---------------------------------------------------------------- the subdivide overhang


def _terms(e, syms):
    p = sp.Poly(sp.expand(e), *syms)
    return sorted([[list(mo), str(sp.Rational(co))] for mo, co in p.terms()])


def _case_node(Kexpr, names, e, tag):
    prior = "*".join(f"{n}**{k}" for n, k in zip(names, e) if k) or None
    r = rlct(str(Kexpr), vars=",".join(names), prior=prior, timeout=60)
    assert r.status == "exact", r
    node = copy.deepcopy(r.certificate["root"])

    def ren(z):
        if isinstance(z, dict):
            for k in ("id", "same_as"):
                if isinstance(z.get(k), str):
                    z[k] = tag + z[k]
            for v in z.values():
                ren(v)
        elif isinstance(z, list):
            for v in z:
                ren(v)
    return node, ren


def _overhang_certificate(boxes, n: int = 2, witness: bool = True) -> dict:
    a, b, x, c, w, w2 = V = sp.symbols("a b x c w w2")
    f1 = (2 * a + b) * x + (a + 2 * b) * c
    f2 = a ** n * w + b ** n * w2 + sum(a ** (n - k) * (2 * a + b) ** k * x ** k
                                        + b ** (n - k) * (2 * b + a) ** k * c ** k for k in range(1, n + 1))
    K = sp.expand(f1 ** 2 + f2 ** 2)
    t, v = sp.symbols("t v")
    CV = [t, v, x, c, w, w2]          # chart a = t, b = t v: t local (e = 1), v parameter
    u, r = 2 + v, (1 + 2 * v) * c
    f2e = sp.expand(sp.cancel(sp.expand(f2.subs({a: t, b: t * v}).subs(x, (x - r) / u)) * u ** n))
    red = sp.expand(sum(term for term in sp.Add.make_args(f2e) if sp.degree(term, x) == 0))
    tt, xx, ww, yy = sp.symbols("tt xx ww yy")
    counter = [0]

    def case(expr, names, e):
        counter[0] += 1
        node, ren = _case_node(expr, names, e, f"k{counter[0]}_")
        ren(node)
        return node

    def program(perm):
        def tm(e):
            out = _terms(e, CV)
            return sorted([[[ex[perm.index(i)] for i in range(6)], co] for ex, co in out])
        bx = []
        for A, B in boxes:
            F = sp.expand(2 + A + B * v)
            sep = {"step": "separated", "c": [tm(sp.Integer(1)), tm(F ** n)], "h": [tm(t * x), tm(t ** n * w)],
                   "factors": [tm(F)], "consts": ["1", "1"], "mult": [[0], [n]]}
            cases = [{"I": [], "node": case(tt ** 2 * xx ** 2 + tt ** (2 * n) * ww ** 2, ["tt", "xx", "ww"], [1, 0, 0])}]
            root = sp.solve(F, v)[0]
            if abs(root) <= 1:
                cases.insert(0, {"I": [0], **({"point": [str(root)]} if witness else {}),
                                 "node": case(tt ** 2 * xx ** 2 + tt ** (2 * n) * yy ** (2 * n) * ww ** 2,
                                              ["tt", "xx", "ww", "yy"], [1, 0, 0, 0])})
            if F.subs(v, 0) == 0:      # the origin's case is I0 = [0] itself
                cases = [cs for cs in cases if cs["I"]]
            sep["cases"] = cases
            bx.append({"a": str(A), "b": str(B), "node": sep})
        return {"step": "eliminate", "pivot": 0, "var": perm[2],
                "node": {"step": "reduce", "pivot": 0, "reduced": [tm(t * x), tm(red)],
                         "node": {"step": "eliminate", "pivot": 1, "var": perm[4], "F": tm(u ** n),
                                  "node": {"step": "subdivide", "var": perm[1], "boxes": bx}}}}

    charts = [{"k": 0, "node": program([0, 1, 2, 3, 4, 5])},
              {"k": 1, "node": program([1, 0, 3, 2, 5, 4])}]    # a<->b, x<->c, w<->w2
    Kt = _terms(K, V)
    return {"format": "rlct-certificate/1", "vars": [str(s) for s in V], "K": str(K), "K_terms": Kt,
            "point": {str(s): "0" for s in V}, "prior_exponents": [0] * 6, "lambda": "3/4", "m": 1,
            "root": {"id": "g0", "K": Kt, "e": [0] * 6, "sides": ["two"] * 6, "rule": "group",
                     "gens": [["1", _terms(f1, V)], ["1", _terms(f2, V)]],
                     "program": {"step": "blowup", "S": [0, 1], "charts": charts}}}


HONEST_BOXES = ((Fraction(-1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
OVERHANG_BOXES = ((Fraction(-1), Fraction(3, 2)), (Fraction(1, 2), Fraction(1, 2)))


def test_overhang_family_honest_certificate_gives_three_quarters_one():
    """The honest program (boxes inside [-1, 1]; u = 2 + v a unit on both) certifies (3/4, 1)."""
    cert = _overhang_certificate(HONEST_BOXES)
    assert verify(cert).ok
    cert["m"] = 2
    assert not verify(cert).ok


def test_subdivide_boxes_outside_the_cube_are_rejected():
    cert = _overhang_certificate(OVERHANG_BOXES)
    cert["m"] = 2                 # the derived value of this certificate
    assert not verify(cert).ok    # the honest certificate proves (3/4, 1)


ORIGIN_OUTSIDE_BOXES = ((Fraction(-2), Fraction(11, 10)), (Fraction(1, 20), Fraction(1)))


def test_subdivide_box_centre_outside_the_cube_is_rejected():
    cert = _overhang_certificate(ORIGIN_OUTSIDE_BOXES, witness=False)
    cert["m"] = 2
    assert not verify(cert).ok


def test_one_K_has_one_certified_answer():
    honest, over = _overhang_certificate(HONEST_BOXES), _overhang_certificate(OVERHANG_BOXES)
    over["m"] = 2
    assert honest["K_terms"] == over["K_terms"]
    assert not (verify(honest).ok and verify(over).ok)


def _overhang3_certificate(boxes, n=2, sigma=(1, 2, 0, 4, 5, 3, 7, 8, 6)):
    """The same construction with a three-variable block {a, b, e} (chart prior t², so the value
    is decided by the (x, w) part): cyclic symmetry a->b->e, x->c->z, w->w2->w3; honest (1, 2),
    with the overhanging box (3/4, 1): a wrong lambda."""
    a, b, e, x, c, z, w, w2, w3 = V = sp.symbols('a b e x c z w w2 w3')
    def cyc(expr):   # a->b->e->a, x->c->z->x, w->w2->w3->w
        return expr.subs({a: b, b: e, e: a, x: c, c: z, z: x, w: w2, w2: w3, w3: w}, simultaneous=True)
    g1 = (2*a + b)*x
    g2 = a**n*w + sum(a**(n-k)*(2*a+b)**k*x**k for k in range(1, n+1))
    f1 = sp.expand(g1 + cyc(g1) + cyc(cyc(g1)))
    f2 = sp.expand(g2 + cyc(g2) + cyc(cyc(g2)))
    assert sp.expand(cyc(f1) - f1) == 0 and sp.expand(cyc(f2) - f2) == 0
    K = sp.expand(f1**2 + f2**2)
    t, v1, v2 = sp.symbols('t v1 v2')
    CV = [t, v1, v2, x, c, z, w, w2, w3]
    u = 2 + v1
    f1a = sp.expand(f1.subs({a: t, b: t*v1, e: t*v2}, simultaneous=True))
    q = sp.expand(sp.cancel(f1a / t))
    r = sp.expand(q - u*x)
    assert sp.Poly(r, x).degree() <= 0
    f2e = sp.expand(sp.cancel(sp.expand(f2.subs({a: t, b: t*v1, e: t*v2}, simultaneous=True).subs(x, (x - r)/u)) * u**n))
    red = sp.expand(sum(term for term in sp.Add.make_args(f2e) if sp.degree(term, x) == 0))
    tt, xx, ww, yy = sp.symbols('tt xx ww yy')
    counter = [0]
    def case(expr, names, ee):
        counter[0] += 1
        node, ren = _case_node(expr, names, ee, f"k{counter[0]}_")
        ren(node)
        return node
    def program(perm):
        def tm(expr):
            out = _terms(expr, CV)
            res = []
            for ex, co in out:
                new = [0]*9
                for i, zz in enumerate(ex):
                    new[perm[i]] = zz
                res.append([new, co])
            return sorted(res)
        bx = []
        for A, B in boxes:
            F = sp.expand(2 + A + B*v1)
            sep = {"step": "separated", "c": [tm(sp.Integer(1)), tm(F**n)], "h": [tm(t*x), tm(t**n*w)],
                   "factors": [tm(F)], "consts": ["1", "1"], "mult": [[0], [n]]}
            cases = [{"I": [], "node": case(tt**2*xx**2 + tt**(2*n)*ww**2, ['tt', 'xx', 'ww'], [2, 0, 0])}]
            root = sp.solve(F, v1)[0]
            if abs(root) <= 1:
                pt = [str(root)]
                cases.insert(0, {"I": [0], "point": pt,
                                 "node": case(tt**2*xx**2 + tt**(2*n)*yy**(2*n)*ww**2, ['tt', 'xx', 'ww', 'yy'], [2, 0, 0, 0])})
            sep["cases"] = cases
            bx.append({"a": str(A), "b": str(B), "node": sep})
        return {"step": "eliminate", "pivot": 0, "var": perm[3],
                "node": {"step": "reduce", "pivot": 0, "reduced": [tm(t*x), tm(red)],
                         "node": {"step": "eliminate", "pivot": 1, "var": perm[6], "F": tm(u**n),
                                  "node": {"step": "subdivide", "var": perm[1], "boxes": bx}}}}
    ident = list(range(9))
    s2 = [sigma[sigma[i]] for i in range(9)]
    charts = [{"k": 0, "node": program(ident)}, {"k": sigma[0], "node": program(list(sigma))}, {"k": s2[0], "node": program(s2)}]
    Kt = _terms(K, V)
    return {"format": "rlct-certificate/1", "vars": [str(s) for s in V], "K": str(K), "K_terms": Kt,
            "point": {str(s): "0" for s in V}, "prior_exponents": [0]*9, "lambda": "1/99", "m": 1,
            "root": {"id": "g0", "K": Kt, "e": [0]*9, "sides": ["two"]*9, "rule": "group",
                     "gens": [["1", _terms(f1, V)], ["1", _terms(f2, V)]],
                     "program": {"step": "blowup", "S": [0, 1, 2], "charts": charts}}}


def test_overhang3_family_honest_certificate_gives_one_two():
    cert = _overhang3_certificate(HONEST_BOXES)
    cert["lambda"], cert["m"] = "1", 2
    assert verify(cert).ok


def test_overhang3_wrong_lambda_is_rejected():
    cert = _overhang3_certificate(OVERHANG_BOXES)
    cert["lambda"], cert["m"] = "3/4", 1          # the derived value of this certificate
    assert not verify(cert).ok
