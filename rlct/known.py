"""Closed forms of the literature, for tests and tables -- never used by the engine.

Every function returns ``(λ, m)`` as ``(Fraction, int)`` and cites its theorem.

>>> reduced_rank_regression(3, 3, 3, 0)
(Fraction(7, 2), 2)
>>> deep_linear_network([2, 2, 2, 2])
(Fraction(3, 2), 3)
>>> tanh_network(4)
(Fraction(1, 1), 2)
"""
from __future__ import annotations

import itertools
from fractions import Fraction
from math import isqrt


def reduced_rank_regression(M: int, N: int, H: int, r: int = 0) -> tuple[Fraction, int]:
    """Aoyagi & Watanabe, 'Stochastic complexities of reduced rank regression in Bayesian
    estimation', Neural Networks 18 (2005) 924-933, Main Theorem (``M`` inputs, ``N`` outputs,
    rank ``H``, true rank ``r``); the same case split as sBIC's ``learnCoef``."""
    if N + r <= M + H and M + r <= N + H and H + r <= M + N:
        s = 2 * (H + r) * (M + N) - (M - N) ** 2 - (H + r) ** 2
        if (M + H + N + r) % 2 == 0:
            return Fraction(s, 8), 1
        return Fraction(s + 1, 8), 2
    if M + H < N + r:
        return Fraction(H * M + r * (N - H), 2), 1
    if N + H < M + r:
        return Fraction(H * N + r * (M - H), 2), 1
    return Fraction(M * N, 2), 1


def _dln_subset(M: list[int]) -> list[int]:
    """The index set of Aoyagi (2024) Thm 2: the first (by size, then lexicographic) subset
    ``J`` with ``max M_J < min M_{J^c}``, ``Σ M_J >= ℓ max M_J`` and ``Σ M_J < ℓ min M_{J^c}``
    (``ℓ = |J| − 1``)."""
    n = len(M)
    for size in range(1, n + 1):
        for J in itertools.combinations(range(n), size):
            sub = [M[i] for i in J]
            comp = [M[i] for i in range(n) if i not in J]
            ell = size - 1
            if comp and not max(sub) < min(comp):
                continue
            if not sum(sub) >= ell * max(sub):
                continue
            if comp and not sum(sub) < ell * min(comp):
                continue
            return list(J)
    raise ValueError("no index set satisfies the conditions")


def deep_linear_network(widths, r: int = 0) -> tuple[Fraction, int]:
    """Aoyagi, 'Consideration on the learning efficiency of multiple-layered neural networks with
    linear units', Neural Networks 172 (2024) 106132, Theorem 2: widths ``(d_0, ..., d_L)``
    (input first), true rank ``r``; ``M_s = d_s − r``, ``J`` the index set of :func:`_dln_subset`,
    ``ℓ = |J| − 1``, ``a = Σ M_J − (⌈Σ M_J/ℓ⌉ − 1)ℓ``; ``m = a(ℓ − a) + 1``."""
    widths = list(widths)
    Ms = [w - r for w in widths]
    J = _dln_subset(Ms)
    sub = [Ms[i] for i in J]
    S, ell = sum(sub), len(sub) - 1
    big = -(-S // ell)
    a = S - (big - 1) * ell
    lam = (Fraction(-r * r + r * (widths[-1] + widths[0]), 2) + Fraction(a * (ell - a), 4 * ell)
           - Fraction(ell * (ell - 1), 4) * Fraction(S, ell) ** 2
           + Fraction(sum(sub[i] * sub[j] for i in range(len(sub)) for j in range(i + 1, len(sub))), 2))
    return lam, a * (ell - a) + 1


def tanh_network(H: int) -> tuple[Fraction, int]:
    """Aoyagi (2006, RIMS Kokyuroku 1501; 2010, Comm. Stat. Theory Methods 39): one input, one
    output, ``H`` tanh units, true function 0: with ``i = ⌊√H⌋``, ``λ = (H + i² + i)/(4i + 2)``,
    ``m = 2`` if ``i² = H`` else 1."""
    i = isqrt(H)
    return Fraction(H + i * i + i, 4 * i + 2), 2 if i * i == H else 1


FORMULAS = {"rrr": reduced_rank_regression, "dln": deep_linear_network, "tanh": tanh_network}
