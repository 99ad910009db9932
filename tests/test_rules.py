"""One hand-derived example per rule of the engine; each certificate must use the rule, pass the
checker, and fail it when the rule's data is tampered with.

Expected values (derivations in the comments) follow shared/docs/algorithm.md: T1 (normal
crossing), T4 (sum/product rules), §5.1 (rules S and C, completion of the square), §4.3
(translation to zeros on exceptional divisors)."""
import copy
from fractions import Fraction

import pytest

from helpers import dicts as nodes   # every dict in a certificate (nodes, charts, points)
from rlct import rlct, verify


CASES = [
    # (x + y²)² + y⁶: square in x, D = 4y⁶ -> 1/2 + 1/6
    ("x**2 + 2*x*y**2 + y**4 + y**6", {}, "rule", "square", Fraction(2, 3), 1),
    # at a=1,b=1,c=0: generators x+y+xy (linear in x, unit coefficient) and (1+x)c -> eliminating x
    # leaves c, so K ≍ x'² + c²: 1/2 + 1/2 (the zero set ab = 1, c = 0 is smooth of codim 2)
    ("(a*b - 1)**2 + (a*c)**2", {"a": 1, "b": 1, "c": 0}, "rule", "eliminate", Fraction(1), 1),
    # (x-y)²: the chart x = y1, y = y1*y2 has strict (1 - y2)², a zero at y2 = 1 -> translate: 1/2
    ("x**2 - 2*x*y + y**2", {"rules": False}, "kind", "zeros", Fraction(1, 2), 1),
    # cone x²+y²=z² meets the exceptional divisor in a smooth curve: rule S along it, 1/2 (E20)
    ("x**4 + 2*x**2*y**2 - 2*x**2*z**2 + y**4 - 2*y**2*z**2 + z**4", {}, "kind", "smooth", Fraction(1, 2), 1),
    # three planes through the line x = y = z: codim 2 / 3 planes -> 2/3, halved for K = f² (T10);
    # on the exceptional divisor the three lines cross at a rational point
    ("((x-y)*(y-z)*(z-x))**2", {}, "kind", "crossing", Fraction(1, 3), 1),
    # E18: the zero y2 = 1/√2 is irrational; m-adic Newton polygon gives (1/2, 2)
    ("(x**2 - 2*y**2)**2 + y**6", {}, "kind", "zeros", Fraction(1, 2), 2),
    # x²y²(z²+w²) = product of x²y² (1/2, 2) and z²+w² (1, 1): (1/2, 2)
    ("x**2*y**2*(z**2 + w**2)", {}, "rule", "product", Fraction(1, 2), 2),
    # (x²+y⁴)³: power rule on (3/4, 1) -> (1/4, 1)
    ("(x**2 + y**4)**3", {}, "rule", "power", Fraction(1, 4), 1),
]


@pytest.mark.parametrize("K, at, key, value, lam, m", CASES, ids=[c[3] + ":" + c[0][:20] for c in CASES])
def test_rule(K, at, key, value, lam, m, monkeypatch):
    import resolve.shear   # the rule under test, not the sparser coordinates that may avoid it

    import resolve.sos

    monkeypatch.setattr(resolve.shear, "sparsify", lambda polys, d, **kw: (
        [[int(i == j) for j in range(d)] for i in range(d)], list(polys)))
    monkeypatch.setattr(resolve.sos, "gram_sos", lambda K, **kw: None)
    at = dict(at)
    rules = at.pop("rules", True)
    r = rlct(K, at=at or None, timeout=20, exact_rules=rules)
    assert r.status == "exact" and (r.lam, r.m) == (lam, m)
    assert verify(r.certificate).ok
    used = [n for n in nodes(r.certificate) if n.get(key) == value]
    assert used, f"the certificate does not use {key}={value}"
    bad = copy.deepcopy(r.certificate)
    target = [n for n in nodes(bad) if n.get(key) == value][0]
    # tamper: change the first rational or integer datum of the rule's record
    for field in ("c", "a", "gens", "f", "roots", "factors", "k", "unit", "var"):
        if field in target:
            if field == "var":
                target[field] = (target[field] + 1) % 5
            elif field == "k":
                target[field] += 1
            elif field == "c" and isinstance(target[field], str):
                target[field] = str(Fraction(target[field]) + 1)
            elif field == "c" and isinstance(target[field], int):
                target[field] += 2
            elif field == "roots":
                target[field] = target[field] + ["1/7"]
            elif field == "factors" and isinstance(target[field], list) and isinstance(target[field][0], dict):
                target[field] = target[field][:1]
            else:
                terms = target[field]
                if field == "gens":
                    terms = terms[0][1]
                terms[0][1] = str(Fraction(terms[0][1]) + 1)
            break
    else:  # pragma: no cover
        pytest.fail("no field to tamper with")
    assert not verify(bad).ok
