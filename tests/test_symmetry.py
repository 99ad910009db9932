"""Issue 7 item 3: local problems and group-rule parameter problems equal up to a permutation of
the variables are solved once (rlct/symmetry.py, Solver.solve / Solver._pstep), the repeats are
certified as ``ref`` nodes with ``perm`` / program steps ``same`` and re-checked by the checker."""
import copy
import json
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import dicts, load
from rlct import engine, rlct, verify
from rlct.symmetry import Shape, find_perm, permute_terms

CORPUS = {c["id"]: c for c in load("known_results.json")}


def run(case, **kw):
    return rlct(case["K"], vars=case["vars"], at=case.get("point") or None,
                prior=None if case.get("prior", "1") == "1" else case["prior"], **kw)


walk = dicts


# ------------------------------------------------------------------ the shapes
polys = st.dictionaries(st.tuples(*[st.integers(0, 3)] * 4), st.integers(-3, 3).filter(bool), min_size=1, max_size=7)


@settings(max_examples=60, deadline=None)
@given(polys, polys, st.permutations(range(4)), st.lists(st.integers(0, 2), min_size=4, max_size=4))
def test_find_perm_recovers_a_permutation(f, g, p, e):
    """A shape and its image under a permutation: an isomorphism is found and it is one."""
    A = Shape.of(4, [(x,) for x in e], [((1,), f), ((2,), g)])
    img = [(((1,), permute_terms(f, p, 4))), ((2,), permute_terms(g, p, 4))]
    B = Shape.of(4, [(e[p.index(i)],) for i in range(4)], img)
    assert A.key == B.key
    q = find_perm(A, B)
    assert q is not None
    assert permute_terms(f, q, 4) == img[0][1] and permute_terms(g, q, 4) == img[1][1]
    assert all(e[j] == e[p.index(q[j])] for j in range(4))


@settings(max_examples=60, deadline=None)
@given(polys, st.permutations(range(4)))
def test_find_perm_refuses_a_changed_problem(f, p):
    """Changing one coefficient (or one label) of the image leaves no isomorphism."""
    img = permute_terms(f, p, 4)
    a = sorted(img)[0]
    changed = dict(img)
    changed[a] += 1
    if not changed[a]:
        changed[a] = 5
    A = Shape.of(4, [(0,)] * 4, [((1,), f)])
    assert find_perm(A, Shape.of(4, [(0,)] * 4, [((1,), changed)])) is None
    assert find_perm(A, Shape.of(4, [(0,)] * 3 + [(1,)], [((1,), img)])) is None


def test_generators_are_a_multiset():
    """The order of the items does not matter, their tags do."""
    f, g = {(2, 0): Fraction(1)}, {(0, 1): Fraction(1)}
    A = Shape.of(2, [(0,), (0,)], [((1,), f), ((1,), g)])
    B = Shape.of(2, [(0,), (0,)], [((1,), permute_terms(g, [1, 0], 2)), ((1,), permute_terms(f, [1, 0], 2))])
    assert find_perm(A, B) == [1, 0]
    C = Shape.of(2, [(0,), (0,)], [((2,), f), ((1,), g)])
    assert find_perm(A, C) is None


def test_key_is_deterministic_across_hash_seeds():
    """The key uses hash() of integer tuples only, which PYTHONHASHSEED does not change."""
    import subprocess
    import sys

    code = ("from fractions import Fraction as F; from rlct.symmetry import Shape; "
            "print(Shape.of(3, [(0, True)] * 3, [((1, 1), {(2, 0, 1): F(1, 2), (0, 4, 0): F(-3)})]).key)")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout for seed in ("0", "1", "77")}
    assert len(outs) == 1


# ------------------------------------------------------------------ the checker's part
def perm_ref_cert(perm, e=(0, 0, 0, 0)):
    """K = x^2 y^4 + z^4 w^2: a sum of two monomials; the second part refers to the first with
    the variables swapped: (z, w) -> (y, x).  λ = 1/4 + 1/4 = 1/2, m = 1."""
    K = [[[2, 4, 0, 0], "1"], [[0, 0, 4, 2], "1"]]
    first = {"id": "n1", "K": [[[2, 4], "1"]], "e": list(e[:2]), "sides": ["two", "two"], "rule": "monomial",
             "N": [2, 4], "unit": [[[0, 0], "1"]]}
    second = {"id": "n2", "K": [[[4, 2], "1"]], "e": list(e[2:]), "sides": ["two", "two"], "rule": "ref",
              "same_as": "n1"}
    if perm is not None:
        second["perm"] = perm
    root = {"id": "n0", "K": K, "e": list(e), "sides": ["two"] * 4, "rule": "sum",
            "parts": [{"vars": [0, 1], "node": first}, {"vars": [2, 3], "node": second}]}
    return {"format": "rlct-certificate/1", "vars": ["x", "y", "z", "w"], "K": "x**2*y**4 + z**4*w**2",
            "K_terms": K, "point": {v: "0" for v in "xyzw"}, "prior_exponents": list(e),
            "lambda": "1/2", "m": 1, "root": root}


def test_checker_accepts_a_permuted_ref():
    v = verify(perm_ref_cert([1, 0]))
    assert v.ok, v.reason
    assert (v.lam, v.m) == (Fraction(1, 2), 1)


@pytest.mark.parametrize("perm, why", [(None, "differ from the referenced node"),
                                       ([0, 1], "K differs"), ([0, 0], "not a permutation"),
                                       ([1, 0, 2], "perm"), ("10", "perm")])
def test_checker_rejects_a_wrong_perm(perm, why):
    v = verify(perm_ref_cert(perm))
    assert not v.ok and why in v.reason, v.reason


def test_checker_rejects_permuted_ref_with_other_exponents():
    """The prior |z| on the copy: K matches under perm, the exponents do not."""
    v = verify(perm_ref_cert([1, 0], e=(0, 0, 1, 0)))
    assert not v.ok and "e or sides differ from the referenced node's under perm" in v.reason, v.reason


# ------------------------------------------------------------------ real certificates
def test_rrr_certificate_has_same_steps_and_tampering_is_caught():
    """rrr_M3_N3_H2: the group blow-up's charts are permutations of each other; their repeats are
    'same' steps; the certificate verifies, and any tampering with a perm / reference / the
    generators of a 'same' step is refused."""
    r = run(CORPUS["rrr_M3_N3_H2_r0"])
    assert (r.status, str(r.lam), r.m) == ("exact", "5/2", 1)
    cert = r.certificate
    same = [o for o in walk(cert) if o.get("step") == "same"]
    assert same, "expected repeated blow-up charts"
    assert verify(cert).ok

    def tampered(fn):
        c = copy.deepcopy(cert)
        fn([o for o in walk(c) if o.get("step") == "same"][0])
        return verify(c)

    def swap(o):   # exchange the images of two variables with different roles or exponents
        p = o["perm"]
        j = next(j for j in range(len(p)) if (o["roles"][j], o["e"][j]) != (o["roles"][0], o["e"][0]))
        p[0], p[j] = p[j], p[0]

    for fn, why in [(swap, "under perm"),
                    (lambda o: o.update(same_as="s999"), "verified earlier"),
                    (lambda o: o.update(perm=o["perm"][:-1]), "perm"),
                    (lambda o: o.pop("perm"), "perm")]:
        v = tampered(fn)
        assert not v.ok and why in v.reason, (why, v.reason)


def test_symmetry_saves_work_on_rrr():
    """The same answer with fewer parameter problems solved (counted by the solver)."""
    from rlct.engine import Solver

    counts = {}
    orig = Solver._pstep

    for on in (True, False):
        n = [0]

        def counting(self, *a, **k):
            n[0] += 1
            return orig(self, *a, **k)

        Solver._pstep = counting
        try:
            engine.SYMMETRY = on
            r = run(CORPUS["rrr_M3_N3_H2_r0"])
        finally:
            Solver._pstep = orig
            engine.SYMMETRY = True
        counts[on] = (n[0], r.status, r.lam, r.m)
    assert counts[True][1:] == counts[False][1:] == ("exact", Fraction(5, 2), 1)
    assert counts[True][0] < counts[False][0] / 2, counts


SMALL = sorted(c["id"] for c in CORPUS.values() if len(c["vars"]) <= 6)


@pytest.mark.parametrize("cid", SMALL)
def test_symmetry_cache_does_not_change_answers(cid, monkeypatch):
    """Every corpus case with at most 6 variables: the same answer with the cache off and on, and
    every exact certificate verifies."""
    case = CORPUS[cid]
    out = {}
    for on in (False, True):
        monkeypatch.setattr(engine, "SYMMETRY", on)
        r = run(case, timeout=60)
        out[on] = (r.status, r.lam, r.m)
        if r.status == "exact":
            assert verify(r.certificate).ok
    assert out[True] == out[False]
    if out[True][0] == "exact":
        assert out[True][1:] == (Fraction(case["lam"]), case["m"]) or not case.get("check_m", True)


def test_random_relabelling_gives_the_same_answer_and_hits_the_cache():
    """A sum of a block model and a relabelled copy in disjoint variables: the copy is found as a
    permutation of the first part (a ref with perm), and the answer is the sum rule's."""
    rng = random.Random(7)
    base = ["a1", "a2", "b1", "b2"]
    other = ["c1", "c2", "d1", "d2"]
    rng.shuffle(other)
    f = "(a1*b1 + a2*b2)**2 + (a1*b2)**2"
    g = f
    for x, y in zip(base, other):
        g = g.replace(x, y.upper())
    g = g.lower()
    r = rlct(f"{f} + {g}")
    alone = rlct(f)
    assert r.status == alone.status == "exact"
    assert r.lam == 2 * alone.lam and r.m == 2 * alone.m - 1
    assert any("perm" in o and o.get("rule") == "ref" for o in walk(r.certificate)) or \
        any(o.get("step") == "same" for o in walk(r.certificate))
    assert verify(r.certificate).ok
    json.dumps(r.certificate)
