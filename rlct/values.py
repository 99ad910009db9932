"""The result algebra: exact pairs ``(λ, m)``, rigorous bounds, and how pieces combine.

docs/algorithm.md §6 and T2/T4: over pieces (orthants, charts, points) ``λ`` is the minimum and
``m`` the **maximum** multiplicity among the pieces attaining it; the disjoint-variable sum rule
adds (``m1 + m2 - 1``), the product rule takes the minimum (adding ``m`` on ties), the power rule
divides ``λ``.  A piece that could not be finished carries ``lo <= λ <= hi``; a minimum is exact
only when every unfinished piece's lower bound is **strictly** above the exact minimum.

>>> combine_min([Value.exact(Fraction(1, 2), 1), Value.exact(Fraction(1, 2), 2)])
Value(lo=Fraction(1, 2), hi=Fraction(1, 2), m=2, reason='')
>>> combine_min([Value.exact(Fraction(1, 2), 1), Value.bounds(Fraction(3, 4), Fraction(1))]).is_exact
True
>>> sum_values([Value.exact(Fraction(1, 2), 1), Value.exact(Fraction(1, 4), 1)])
Value(lo=Fraction(3, 4), hi=Fraction(3, 4), m=1, reason='')
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import total_ordering


@total_ordering
class _Infinity:
    """+∞ for λ (no zero); compares above every rational, without floats."""

    _inst = None

    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst

    def __eq__(self, other):
        return other is self

    def __lt__(self, other):
        return False

    def __gt__(self, other):
        return other is not self

    def __hash__(self):
        return 0x1F

    def __repr__(self):
        return "INF"

    def __str__(self):
        return "inf"


INF = _Infinity()


def _add(a, b):
    return INF if a is INF or b is INF else a + b


@dataclass(frozen=True)
class Value:
    """``lo <= λ <= hi``; exact when ``lo == hi`` and ``m`` is known.  ``reason`` says why not."""

    lo: object
    hi: object
    m: int | None
    reason: str = ""

    @staticmethod
    def exact(lam, m: int) -> "Value":
        return Value(lam, lam, m)

    @staticmethod
    def bounds(lo, hi, reason: str = "unfinished") -> "Value":
        return Value(lo, hi, None, reason)

    @property
    def is_exact(self) -> bool:
        return self.m is not None and self.lo == self.hi

    @property
    def lam(self):
        return self.lo if self.is_exact else None


def combine_min(values: list[Value]) -> Value:
    """Minimum over pieces (T2): ``λ = min``, ``m = max`` over attaining exact pieces."""
    exact = [v for v in values if v.is_exact]
    loose = [v for v in values if not v.is_exact]
    lam_star = min((v.lo for v in exact), default=INF)
    if not loose:
        m = max((v.m for v in exact if v.lo == lam_star), default=0)
        return Value.exact(lam_star, m) if lam_star is not INF else Value.exact(INF, 0)
    lo = min(v.lo for v in loose)
    hi = min([lam_star] + [v.hi for v in loose])
    if lam_star < lo:
        m = max(v.m for v in exact if v.lo == lam_star)
        return Value.exact(lam_star, m)
    reasons = sorted({v.reason for v in loose if v.reason})
    return Value.bounds(min(lam_star, lo), hi, "; ".join(reasons) or "unfinished")


def sum_values(values: list[Value]) -> Value:
    """Disjoint-variable sum rule (Lin 2011 Prop 4.5): ``(Σλ, Σm - (k-1))``."""
    if all(v.is_exact for v in values):
        lam = Fraction(0)
        for v in values:
            lam = _add(lam, v.lo)
        if lam is INF:
            return Value.exact(INF, 0)
        return Value.exact(lam, sum(v.m for v in values) - (len(values) - 1))
    lo, hi = Fraction(0), Fraction(0)
    for v in values:
        lo, hi = _add(lo, v.lo), _add(hi, v.hi)
    return Value.bounds(lo, hi, "; ".join(sorted({v.reason for v in values if v.reason})))


def product_values(values: list[Value]) -> Value:
    """Disjoint-variable product rule (Lin 2011 Prop 4.5): ``λ = min``, ``m`` adds on ties."""
    if all(v.is_exact for v in values):
        lam = min(v.lo for v in values)
        if lam is INF:
            return Value.exact(INF, 0)
        return Value.exact(lam, sum(v.m for v in values if v.lo == lam))
    exact = [v for v in values if v.is_exact]
    loose = [v for v in values if not v.is_exact]
    lam_star = min((v.lo for v in exact), default=INF)
    lo = min(v.lo for v in loose)
    hi = min([lam_star] + [v.hi for v in loose])
    if lam_star < lo:
        return Value.exact(lam_star, sum(v.m for v in exact if v.lo == lam_star))
    return Value.bounds(min(lam_star, lo), hi, "; ".join(sorted({v.reason for v in loose if v.reason})))


def power_value(v: Value, k: int) -> Value:
    """``ζ_{H^k}(z) = ζ_H(kz)``: ``(λ/k, m)``."""
    div = (lambda x: x if x is INF else x / k)
    return Value(div(v.lo), div(v.hi), v.m, v.reason)
