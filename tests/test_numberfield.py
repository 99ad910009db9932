"""Issue 3, completeness in two variables: zeros of a strict transform at irrational points of an
exceptional divisor, resolved by the Newton–Puiseux recursion over real number fields
(:mod:`resolve.numberfield`) and re-verified by the checker's own number-field arithmetic.

Hand derivations (prior 1, at the origin; "chart x = y·u" is the blow-up chart, its prior ×
Jacobian is ``|y|``):

* ``(x²−2y²−y³)² + y⁸`` → **(1/2, 2)**.  Newton: vertices (4,0), (0,4) (the face
  ``(x²−2y²)²`` is degenerate), ``l = 2``, so Newton says (1/2, 1).  Chart ``x = y·u``:
  ``K = y⁴((u²−2−y)² + y⁴)``; off ``u = ±√2`` the divisor gives ratio ``(1+1)/4 = 1/2``, m = 1.
  At ``u = √2 + v``: ``u²−2−y = w := 2√2·v + v² − y``, a coordinate with ``(y, w)`` (Jacobian a
  unit), so locally ``y⁴(w² + y⁴)`` with ``e = (1, 0)``, ``τ = (2, 1)``: Newton points (4,2), (8,0);
  facet ``y >= 4``: 4/2 = 2; edge normal (1,2): ``N = 8``, ``<(1,2),(2,1)> = 4``: 8/4 = 2.  Both
  facets are hit: ``l = 2``, ``θ = 2`` and the face polynomial ``w² + y⁴`` is positive:
  (1/2, 2).  (The m-adic one-step test of :mod:`resolve.madic` sees the degenerate edge
  ``(m − y)²`` and gives up; the recursion finds the second, transversal zero ``w = 0``.)
* ``((x²−2y²)² − 3y⁶)²`` → **(1/4, 2)**, a field extension: chart ``x = y·u`` gives
  ``K = y⁸((u²−2)² − 3y²)²``, ratio ``2/8 = 1/4`` on the divisor.  At ``u = √2 + v``:
  ``(u²−2)² − 3y² = (v(2√2+v) − √3·y)(v(2√2+v) + √3·y)``: the divisor ``y = 0`` (exponent 8,
  ``e = 1``) and two smooth branches (exponent 2 each) with distinct tangents.  Blowing up the
  point: the exceptional curve has exponent ``8+2+2 = 12`` and ``e = 2``: ratio 3/12 = 1/4; it
  meets the strict transform of ``y = 0`` (ratio 1/4) in a point: m = 2; the branches have ratio
  1/2.  The branches' directions ``v/y = ±√(3/8)`` live in ``Q(√2, √3)`` (degree 4).
* ``(x³−2y³−y⁴)² + y¹⁰`` → **(1/3, 1)**: chart ``x = y·u``: ``y⁶((u³−2−y)² + y⁴)``, ratio 2/6 = 1/3
  (m = 1); at ``u = ∛2``: ``w = u³−2−y`` is a coordinate, ``y⁶(w² + y⁴)`` with ``τ = (2, 1)``: facet
  6/2 = 3, edge (6,2)–(10,0) with normal (1,2): 10/4 = 5/2 < 3, so ``l = 3``, ``θ = 1``: (1/3, 1).
* E18 ``(x²−2y²)² + y⁶`` → **(1/2, 2)** (docs/algorithm.md §10), also with the m-adic fast path
  switched off so that the number-field recursion does it.
* The issue's three "counterexamples" are **not** ``>= 0`` near 0: on ``x = √2·t, y = t`` they
  equal ``t⁵``, ``√2·t⁵`` and ``(√2−1)²·t⁵``, negative for ``t < 0``.  The recursion reaches the
  translated point in the orthant ``y < 0`` and finds the negative vertex coefficient: input
  error (before: bounds).  On the half-plane ``y >= 0`` the first one is
  ``y⁴((u²−2)² + y)``, at ``u = √2``: ``y⁴(8v² + y)`` with ``τ = (2, 1)``: facet 4/2 = 2, edge
  normal (2,1): 10/5 = 2, both hit: (1/2, 2).
"""
from __future__ import annotations

import copy
import json
from fractions import Fraction

import pytest
import sympy
from flint import fmpq, fmpq_poly
from helpers import dicts

from rlct import RLCTInputError, rlct, verify
from resolve import numberfield as nf


CASES = [
    ("(x**2-2*y**2-y**3)**2 + y**8", Fraction(1, 2), 2),
    ("((x**2-2*y**2)**2-3*y**6)**2", Fraction(1, 4), 2),
    ("(x**3-2*y**3-y**4)**2 + y**10", Fraction(1, 3), 1),
]


def _expanded(K: str) -> str:
    """``K`` expanded: without the sum-of-squares structure the engine has no generators, so the
    irrational zeros go to the m-adic polygon and the number-field recursion, not to the rule
    ``coords`` (which decides them from generators; tests/test_gens_charts.py)."""
    return str(sympy.expand(sympy.sympify(K)))


def _nf_nodes(obj, rule=None):
    """All number-field nodes (optionally of one rule) in a certificate, depth first."""
    return [d for d in dicts(obj) if str(d.get("rule", "")).startswith("nf-") and (rule is None or d["rule"] == rule)]


def _nf_records(obj):
    return [d for d in dicts(obj) if "nf" in d and "m" in d]


@pytest.mark.parametrize("K,lam,m", CASES, ids=[c[0] for c in CASES])
def test_number_field_recursion_exact(K, lam, m):
    # expanded: no generators, so the charts and the number-field recursion do the work (given as a
    # sum of squares, the generators may decide the irrational zeros instead: rule coords,
    # tests/test_gens_charts.py::test_numberfield_cases_by_generators)
    r = rlct(_expanded(K), timeout=60)
    assert r.status == "exact", r.reason
    assert (r.lam, r.m) == (lam, m)
    assert _nf_nodes(r.certificate), "expected the number-field recursion to be used"
    v = verify(r.certificate)
    assert v.ok and (v.lam, v.m) == (lam, m), v.reason


def test_extension_field_is_used():
    """``v/y = √(3/8)`` is not in ``Q(√2)``: a degree-4 field appears below the degree-2 one."""
    r = rlct("((x**2-2*y**2)**2-3*y**6)**2", timeout=60)
    degrees = {len(n["field"]["m"]) - 1 for n in _nf_nodes(r.certificate)}
    assert degrees == {2, 4}


def test_e18_via_number_fields(monkeypatch):
    """E18 with the m-adic shortcut (and rule coords from the generators) off: the number-field
    recursion gives the same (1/2, 2)."""
    import resolve.madic

    assert rlct("(x**2-2*y**2)**2+y**6", timeout=60).m == 2        # m-adic path
    from rlct.engine import Solver

    monkeypatch.setattr(resolve.madic, "madic_value", lambda *a, **k: None)
    monkeypatch.setattr(Solver, "_coords_at_roots", lambda *a, **k: None)   # nor the generators' shortcut
    r = rlct("(x**2-2*y**2)**2+y**6", timeout=60)
    assert r.status == "exact" and (r.lam, r.m) == (Fraction(1, 2), 2)
    assert _nf_nodes(r.certificate, "nf-toric")
    assert verify(r.certificate).ok


@pytest.mark.parametrize("K", ["(x**2-2*y**2)**2 + y**5", "(x**2-2*y**2)**2 + x*y**4",
                               "(x**2-2*y**2)**2 + (x-y)**2*y**3"])
def test_issue_counterexamples_are_not_nonnegative(K):
    x, y, t = sympy.symbols("x y t")
    on_curve = sympy.simplify(sympy.sympify(K).subs({x: sympy.sqrt(2) * t, y: t}))
    assert sympy.degree(on_curve, t) == 5 and on_curve.subs(t, -1) < 0   # K < 0 for t < 0
    with pytest.raises(RLCTInputError, match="negative"):
        rlct(K, timeout=60)


def test_nonnegative_counterpart_on_a_half_plane():
    """``(x²−2y²)² + y⁵`` on ``y >= 0`` (a box with the origin on its face): (1/2, 2)."""
    r = rlct("(x**2-2*y**2)**2 + y**5", domain="x=-1..1,y=0..1", timeout=60)
    assert r.status == "exact" and (r.lam, r.m) == (Fraction(1, 2), 2)


# ---------------------------------------------------------------- tampering


@pytest.fixture(scope="module")
def cert():
    r = rlct(_expanded("(x**2-2*y**2-y**3)**2 + y**8"), timeout=60)   # no generators: not rule coords
    assert r.status == "exact" and verify(r.certificate).ok and _nf_nodes(r.certificate)
    return r.certificate


@pytest.fixture(scope="module")
def cert2():
    r = rlct("((x**2-2*y**2)**2-3*y**6)**2", timeout=60)
    assert r.status == "exact" and verify(r.certificate).ok and _nf_nodes(r.certificate, "nf-smooth")
    return r.certificate


def _tampered(cert, fn):
    c = copy.deepcopy(cert)
    fn(c)
    return verify(c)


def test_tamper_claimed_value(cert, cert2):
    def f(c):
        n = _nf_nodes(c, "nf-smooth")[0]
        n["c"] = 4                       # K != y^N f^c q
    assert not _tampered(cert2, f).ok

    def f_lam(c):
        n = _nf_nodes(c, "nf-smooth")[0]
        n["lambda"], n["m"] = "1/2", 1   # the divisor ratio 1/4 is what counts
    assert not _tampered(cert2, f_lam).ok

    def g(c):
        n = _nf_nodes(c, "nf-toric")[0]
        n["lambda"] = "1/3"
    assert not _tampered(cert, g).ok


def test_tamper_field(cert):
    def other_root(c):                   # the node claims the conjugate root -1/√2 ... of 2t²-1
        rec = _nf_records(c)[0]
        rec["nf"][0]["interval"] = ["-1", "0"]
    assert not _tampered(cert, other_root).ok

    def reducible(c):
        for n in _nf_nodes(c):
            n["field"]["m"] = ["0", "0", "1"]
    assert not _tampered(cert, reducible).ok


def test_tamper_roots_and_embedding(cert, cert2):
    def drop_point(c):
        for n in _nf_nodes(c, "nf-toric"):
            for ch in n["charts"]:
                for s in ch["strata"]:
                    if s["proof"]["kind"] == "nf-roots" and s["proof"]["points"]:
                        s["proof"]["points"].pop()
                        return
        raise AssertionError("no point")
    assert not _tampered(cert, drop_point).ok

    def bad_embed(c):
        for n in _nf_nodes(c, "nf-toric"):
            for ch in n["charts"]:
                for s in ch["strata"]:
                    for p in s["proof"].get("points", []):
                        p["embed"] = [str(-Fraction(x)) for x in p["embed"]]   # the other conjugate
                        return
        raise AssertionError("no point")
    assert not _tampered(cert, bad_embed).ok

    def bad_K(c):
        n = _nf_nodes(c, "nf-toric")[-1]
        n["K"][0][1][0] = str(Fraction(n["K"][0][1][0]) + 1)
    assert not _tampered(cert, bad_K).ok

    def positive_lie(c):                 # claim a stratum with zeros is zero-free
        for n in _nf_nodes(c, "nf-toric"):
            for ch in n["charts"]:
                for s in ch["strata"]:
                    if s["proof"]["kind"] == "nf-roots" and s["proof"]["points"]:
                        s["proof"] = {"kind": "positive"}
                        return
        raise AssertionError("no point")
    assert not _tampered(cert, positive_lie).ok

    def other_conjugate(c):              # an inner field's interval moved to another real root
        for n in _nf_nodes(c, "nf-toric"):
            for ch in n["charts"]:
                for s in ch["strata"]:
                    for p in s["proof"].get("points", []):
                        t = sympy.Symbol("t")
                        m = sympy.Poly([sympy.Rational(x) for x in reversed(p["field"]["m"])], t)
                        mine = [Fraction(x) for x in p["field"]["interval"]]
                        for (a, b), _ in m.intervals():
                            if not mine[0] <= Fraction(str(a)) <= mine[1]:
                                iv = [str(a), str(b)]
                                p["field"]["interval"] = iv
                                p["node"]["field"]["interval"] = iv
                                return
        raise AssertionError("no point with a field of two real roots")
    assert not _tampered(cert, other_conjugate).ok


def test_checker_rule_s_needs_a_transversal_factor():
    """``K = (y0 − y1²)²`` over ``Q(√2)``: ``f = y0 − y1²`` is a coordinate replacing ``y0`` when both
    variables are two-sided (value 1/2), but not when ``y0`` is a one-sided divisor coordinate
    (then ``df = dy0`` there and rule S does not apply)."""
    from rlct import checker

    field = {"m": ["-2", "0", "1"], "interval": ["1", "2"]}
    F = checker._nf_field(field)
    K = {(2, 0): ["1"], (1, 2): ["-2"], (0, 4): ["1"]}
    node = {"id": "t", "field": field, "K": [[list(a), c] for a, c in sorted(K.items())], "e": [0, 0],
            "rule": "nf-smooth", "N": [0, 0], "f": [[[1, 0], ["1"]], [[0, 2], ["-1"]]], "c": 2,
            "q": [[[0, 0], ["1"]]]}
    Kd = checker._nf_poly(node["K"], 2, F, "K")
    assert checker._nf_node(dict(node, sides=["two", "two"]), F, Kd, [0, 0], ["two", "two"], 0, "t") \
        == (Fraction(1, 2), 1)
    with pytest.raises(checker._Fail, match="dependent"):
        checker._nf_node(dict(node, sides=["one", "two"]), F, Kd, [0, 0], ["one", "two"], 0, "t")
    with pytest.raises(checker._Fail, match="dependent"):      # a prior exponent on y0 counts too
        checker._nf_node(dict(node, sides=["two", "two"], e=[1, 0]), F, Kd, [1, 0], ["two", "two"], 0, "t")


def test_tampered_certificate_still_json_roundtrips(cert):
    assert verify(json.dumps(cert)).ok


# ---------------------------------------------------------------- the module itself


def test_real_field_signs_and_roots():
    F = nf.RealField(fmpq_poly([-2, 0, 1]), Fraction(1), Fraction(2))          # √2
    assert F.sign(fmpq_poly([-3, 2])) == -1 and F.sign(fmpq_poly([-2, 0, 1])) == 0
    assert F.sign(fmpq_poly([fmpq(-141421, 100000), 1])) == 1                  # √2 > 1.41421
    # 8 s² − 3 over Q(√2): one root √(3/8) in (0, 1], in a degree-4 field
    roots = nf.real_roots_unit(F, [fmpq_poly([-3]), fmpq_poly([]), fmpq_poly([8])])
    assert len(roots) == 1
    L, A, beta = roots[0]
    assert L.deg == 4 and L.sign(L.mul(beta, beta) * 8 - 3) == 0 and L.sign(beta) == 1
    # s − √2/2 and s + √2/2: one root (√2/2), none
    assert len(nf.real_roots_unit(F, [fmpq_poly([0, fmpq(-1, 2)]), fmpq_poly([1])])) == 1
    assert nf.real_roots_unit(F, [fmpq_poly([0, fmpq(1, 2)]), fmpq_poly([1])]) == []
    # (s − 1/2)² (s − √2/2): two distinct roots, one rational
    p = [fmpq_poly([fmpq(-1, 4)]), fmpq_poly([1]), fmpq_poly([-1])]             # −(s − 1/2)²
    q = [fmpq_poly([0, fmpq(-1, 2)]), fmpq_poly([1])]
    prod = [fmpq_poly([])] * 4
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            prod[i + j] = F.red(prod[i + j] + F.mul(a, b))
    assert len(nf.real_roots_unit(F, prod)) == 2


def test_newton_rays():
    assert nf.newton_rays([(4, 2), (5, 0)]) == [(1, 0), (2, 1), (0, 1)]
    assert nf.newton_rays([(2, 2)]) == [(1, 0), (0, 1)]
    assert nf.newton_rays([(0, 4), (2, 2), (4, 0), (3, 3)]) == [(1, 0), (1, 1), (0, 1)]
