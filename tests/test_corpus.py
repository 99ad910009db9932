"""The public corpus (tests/data/known_results.json, copied from shared/data with its sources).

Every case: never wrong (exact and equal, or bounds containing the truth).  Cases whose Newton
polyhedron is nondegenerate and the degenerate ones the engine finishes must be exact, and
their certificates must pass the independent checker.
"""
from fractions import Fraction

import pytest

from rlct import rlct, verify

from helpers import contains, load

CASES = load("known_results.json")
SMALL = [c for c in CASES if len(c["vars"]) <= 8]


def run(case, timeout=5):
    return rlct(case["K"], vars=case["vars"], at=case.get("point") or None,
                prior=None if case.get("prior", "1") == "1" else case["prior"], timeout=timeout)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_never_wrong(case):
    r = run(case)
    assert contains(r, Fraction(case["lam"]), case["m"], case.get("check_m", True)), (r.status, r.lam, r.m,
                                                                                     r.lambda_lower, r.lambda_upper)


EXACT_FAMILIES = {"basic", "newton", "prior", "real_vs_complex", "rules", "degenerate", "ade"}


@pytest.mark.parametrize("case", [c for c in CASES if c["family"] in EXACT_FAMILIES],
                         ids=[c["id"] for c in CASES if c["family"] in EXACT_FAMILIES])
def test_exact_and_certified(case):
    r = run(case)
    assert r.status == "exact", r.reason
    assert r.lam == Fraction(case["lam"]) and r.m == case["m"]
    v = verify(r.certificate)
    assert v.ok, v.reason
    assert v.lam == r.lam and v.m == r.m
