"""Sparsifying changes of coordinates (resolve.shear, certificate rule ``shear``): corpus cases
under random unimodular maps keep their cited (λ, m); the checker re-derives ``K(A y)``."""
import copy
import random
from fractions import Fraction

import pytest
import sympy

from helpers import load
from rlct import rlct, verify
from rlct.parse import parse_polynomial

CASES = [c for c in load("known_results.json")
         if len(c["vars"]) <= 3 and not c.get("point") and c.get("prior", "1") == "1"]


def _unimodular(d, rng):
    M = sympy.eye(d)
    for _ in range(2 * d):
        i, j = rng.sample(range(d), 2)
        E = sympy.eye(d)
        E[i, j] = rng.choice([-1, 1, 2])
        M = M * E
    return M


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_corpus_under_unimodular_maps(case):
    """K(A w) for a random A with det 1 (a product of elementary shears): exact answers equal the
    corpus value, bounds contain it (Lin 2011: (λ, m) is invariant under analytic isomorphisms)."""
    rng = random.Random(case["id"])
    vs = [sympy.Symbol(v) for v in case["vars"]]
    d = len(vs)
    if d < 2:
        pytest.skip("one variable")
    M = _unimodular(d, rng)
    K = parse_polynomial(case["K"]).xreplace({vs[i]: sum(M[i, j] * vs[j] for j in range(d)) for i in range(d)})
    r = rlct(str(K), vars=case["vars"], timeout=20)
    lam = Fraction(case["lam"])
    if r.status == "exact":
        assert (r.lam, r.m) == (lam, case["m"])
    else:
        assert r.lambda_lower <= lam <= r.lambda_upper


def _shear_root(cert):
    return cert["root"] if cert["root"]["rule"] == "shear" else None


def test_shear_certificate_and_tampering():
    r = rlct("(x + y)**4 + y**2")
    assert (r.status, r.lam, r.m) == ("exact", Fraction(3, 4), 1)
    root = _shear_root(r.certificate)
    assert root is not None and verify(r.certificate).ok
    for tamper in (lambda n: n.update(matrix=[[2, 0], [0, 1]]),          # det 2
                   lambda n: n.update(matrix=[[1, 1], [0, 1]]),          # another map
                   lambda n: n.update(e=[1, 0])):                        # a monomial prior
        bad = copy.deepcopy(r.certificate)
        tamper(bad["root"])
        assert not verify(bad).ok


def test_no_shear_with_a_monomial_prior():
    r = rlct("(x + y)**4 + y**2", prior="x")
    assert r.status == "exact" and r.certificate["root"]["rule"] != "shear"


def test_sparsify_returns_the_polynomials_in_the_new_coordinates():
    """``polys'[k](w) == polys[k](A w)`` with ``det A = 1`` (computed independently with sympy)."""
    from resolve.poly import Poly, from_sympy
    from resolve.shear import shear, sparsify

    rng = random.Random(0)
    ws = sympy.symbols("w0:3")
    for _ in range(20):
        p = Poly(3, {tuple(rng.randint(0, 2) for _ in range(3)): rng.choice([-3, -1, 1, 2]) for _ in range(4)})
        for _ in range(3):
            i, j = rng.sample(range(3), 2)
            p = shear(p, i, j, rng.choice([1, -1, 2]))
        A, (q,) = sparsify([p], 3)
        assert sympy.Matrix(A).det() == 1 and len(q) <= len(p)
        image = p.to_sympy(ws).xreplace({ws[i]: sum(A[i][j] * ws[j] for j in range(3)) for i in range(3)})
        assert from_sympy(sympy.expand(image), list(ws)) == q
