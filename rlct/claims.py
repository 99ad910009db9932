"""Checking a hand calculation: ``rlct.check(K, lam=..., m=...)``.

>>> r = check("(x**2 - y**2)**2", lam="1/2", m=1)
>>> r.agrees
False
>>> print(r.explanation.splitlines()[0])
The claim (1/2, 1) is wrong: the exact value is (1/2, 2).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .api import RLCTResult, rlct
from .errors import RLCTInputError
from .parse import parse_number


@dataclass
class CheckResult:
    """``agrees``: the claim is proven right (exact answer equal to it); ``computed``: the
    :class:`rlct.RLCTResult`; ``explanation``: readable lines, naming where the claim fails.
    From :func:`rlct.check_charts` also ``problems`` (one line each) and ``implied`` (the
    ``(λ, m)`` the charts give, when they are right)."""

    agrees: bool
    computed: RLCTResult
    explanation: str
    problems: list[str] = field(default_factory=list)
    implied: tuple | None = None

    def __bool__(self) -> bool:
        return self.agrees


def _fraction(x, what: str) -> Fraction:
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    v = parse_number(str(x), what)
    if not v.is_Rational:
        raise RLCTInputError(f"{what}: {x!r} is not a rational number")
    return Fraction(int(v.p), int(v.q))


def _witnesses(cert: dict, lam: Fraction) -> list[str]:
    """Leaves of the certificate whose own value has ``λ`` equal to the minimum: where it is
    attained, and by how many divisors (the multiplicity)."""
    out = []

    def walk(node, path):
        if not isinstance(node, dict):
            return
        rule = node.get("rule")
        here = path
        if rule == "monomial" and node.get("lambda") == str(lam):
            out.append(f"{here or 'at the point itself'}: normal crossing with exponents {node['N']} "
                       f"(prior/Jacobian {node['e']}) attains λ = {lam} with m = {node['m']}")
        elif rule == "smooth" and node.get("lambda") == str(lam):
            fs = ", ".join(_show_poly(f["f"]) for f in node["factors"])
            out.append(f"{here or 'at the point itself'}: the smooth factors {fs} (in the local coordinates "
                       f"y0, y1, ...) cross normally at the point and attain λ = {lam} with m = {node['m']}")
        if "B" in node and "N" in node and "e" in node:
            ratios = [Fraction(e + 1, n) for n, e in zip(node["N"], node["e"]) if n]
            if ratios and min(ratios) == lam:
                hit = [f"y{j}" for j, (n, e) in enumerate(zip(node["N"], node["e"])) if n and Fraction(e + 1, n) == lam]
                out.append(f"{here}chart with map matrix {node['B']}: the divisors {', '.join(hit)} attain "
                           f"λ = {lam} (exponents N = {node['N']}, prior/Jacobian e = {node['e']}) and meet at "
                           "the chart's origin")
        for key, val in node.items():
            if key in ("K", "unit", "gens", "N", "e", "sides"):
                continue
            if isinstance(val, dict):
                walk(val, here)
            elif isinstance(val, list):
                for i, item in enumerate(val):
                    if isinstance(item, dict):
                        sub = here
                        if "B" in item:
                            walk(item, here)
                            continue
                        elif "signs" in item:
                            sub = f"{here}orthant {item['signs']} / "
                        elif "point" in item:
                            sub = f"{here}zero {item['point']} on a divisor / "
                        walk(item.get("node", item), sub)
    walk(cert["root"], "")
    return out


def _show_poly(terms) -> str:
    """A certificate's term list as text in the local coordinates ``y0, y1, ...``."""
    from resolve.poly import Poly

    n = len(terms[0][0])
    return Poly.from_dict(n, {tuple(e): Fraction(c) for e, c in terms}).to_str([f"y{j}" for j in range(n)])


def check(K=None, lam=None, m=None, **kw) -> CheckResult:
    """Compare a claimed ``(λ, m)`` with the exact answer (all other arguments as :func:`rlct`).

    ``agrees`` is True only when the answer is exact and equal to the claim; with bounds it is
    False and the explanation says whether the claim is excluded by them or still possible.
    """
    if lam is None:
        raise RLCTInputError("check: give the claimed lam (and m)")
    claim_lam = _fraction(lam, "lam")
    claim_m = None if m is None else int(m)
    res = rlct(K, **kw)
    claim = f"({claim_lam}, {claim_m})" if claim_m is not None else f"λ = {claim_lam}"
    if res.status == "not-a-zero":
        return CheckResult(False, res, f"The claim {claim} is wrong: K does not vanish at the point (λ = +∞).")
    if res.status != "exact":
        inside = res.lambda_lower <= claim_lam <= res.lambda_upper
        verdict = "not excluded" if inside else "wrong"
        return CheckResult(False, res, f"The claim {claim} is {verdict}: the engine proves only "
                                       f"{res.lambda_lower} <= λ <= {res.lambda_upper} ({res.reason}).")
    ok = res.lam == claim_lam and (claim_m is None or res.m == claim_m)
    head = (f"The claim {claim} is right" if ok else f"The claim {claim} is wrong") + \
        f": the exact value is ({res.lam}, {res.m})."
    lines = [head]
    point = f"({', '.join(res.vars)}) = ({', '.join(res.point[n] for n in res.vars)})"
    where = [w.replace("at the point itself", f"at the point {point}") for w in _witnesses(res.certificate, res.lam)]
    if where:
        lines.append("The minimum is attained here (certificate path):")
        lines += [f"  - {w}" for w in where]
    if not ok and res.lam == claim_lam:
        lines.append(f"λ agrees; the multiplicity differs: {res.m} divisors attain λ = {res.lam} where they "
                     f"meet, not {claim_m}.")
    elif not ok:
        lines.append(f"λ differs: {res.lam} {'<' if res.lam < claim_lam else '>'} {claim_lam}.")
    return CheckResult(ok, res, "\n".join(lines))
