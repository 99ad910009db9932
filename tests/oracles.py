"""Independent closed-form oracles for the RLCT engine (no code shared with ``rlct``/``resolve``).

Real hyperplane arrangements (docs/algorithm.md, T10): for ``f = Π_j l_j^{s_j}`` with linear
forms ``l_j`` through the origin defining pairwise distinct hyperplanes ``H_j = ker l_j``,

    rlct(|f|) = min over flats W ≠ whole space of codim(W) / Σ_{j : W ⊆ H_j} s_j,

and the multiplicity is the maximal length of a chain ``W_1 ⊊ W_2 ⊊ ...`` of flats all attaining
the minimum.  Source: "Classification of real hyperplane singularities by real log canonical
thresholds", arXiv:2411.13392 (their Sage function ``compute_lct(A, s)``; the complex analogue is
Mustață's formula).  For ``K = f²`` (the engine's convention ``K >= 0``) λ is halved and the
multiplicity is unchanged.

All linear algebra is exact (``fractions.Fraction`` Gaussian elimination).
"""
from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Sequence


def _rank(rows: Sequence[Sequence[Fraction]]) -> int:
    """Rank of a rational matrix by exact Gaussian elimination."""
    m = [[Fraction(x) for x in r] for r in rows]
    if not m:
        return 0
    rank, ncols = 0, len(m[0])
    for c in range(ncols):
        piv = next((i for i in range(rank, len(m)) if m[i][c] != 0), None)
        if piv is None:
            continue
        m[rank], m[piv] = m[piv], m[rank]
        p = m[rank]
        for i in range(len(m)):
            if i != rank and m[i][c] != 0:
                f = m[i][c] / p[c]
                m[i] = [a - f * b for a, b in zip(m[i], p)]
        rank += 1
    return rank


def merge_forms(forms: Sequence[Sequence[int]], exps: Sequence[int]):
    """Reject zero forms; merge proportional forms (same hyperplane), adding exponents."""
    out_forms: list[list[Fraction]] = []
    out_exps: list[int] = []
    for l, s in zip(forms, exps):
        l = [Fraction(x) for x in l]
        if not any(l):
            raise ValueError("zero linear form")
        if s <= 0:
            raise ValueError("exponents must be positive")
        for k, g in enumerate(out_forms):
            if _rank([g, l]) == 1:
                out_exps[k] += s
                break
        else:
            out_forms.append(l)
            out_exps.append(s)
    return out_forms, out_exps


def arrangement_flats(forms: Sequence[Sequence[int]]):
    """The flats of the (already merged) arrangement, each as ``(codim, frozenset of j with W ⊆ H_j)``.

    A flat is the intersection of the hyperplanes of a nonempty subset ``S``; it is identified by
    its closure ``{j : l_j ∈ span(l_S)}`` (= the hyperplanes containing it), its codim is
    ``rank(l_S)``.  The whole space (empty subset) is excluded.
    """
    n = len(forms)
    flats: dict[frozenset, int] = {}
    for k in range(1, n + 1):
        for S in combinations(range(n), k):
            r = _rank([forms[j] for j in S])
            closure = frozenset(j for j in range(n) if _rank([forms[i] for i in S] + [forms[j]]) == r)
            flats.setdefault(closure, r)
    return [(c, cl) for cl, c in flats.items()]


def arrangement_rlct(forms: Sequence[Sequence[int]], exps: Sequence[int]) -> tuple[Fraction, int]:
    """``(rlct(|f|), multiplicity)`` at the origin for ``f = Π_j l_j^{s_j}`` (arXiv:2411.13392).

    ``forms``: integer/rational coefficient vectors of the linear forms ``l_j``; ``exps``: ``s_j >= 1``.
    Proportional forms are merged first (exponents added).  λ(K) for ``K = f²`` is half the result.

    >>> arrangement_rlct([(1, 0), (0, 1)], [1, 1])          # xy
    (Fraction(1, 1), 2)
    >>> arrangement_rlct([(1, 0), (0, 1), (1, -1)], [1, 1, 1])  # xy(x-y)
    (Fraction(2, 3), 1)
    >>> arrangement_rlct([(1, -1), (-2, 2)], [1, 1])        # (x-y)(-2x+2y): one line, s = 2
    (Fraction(1, 2), 1)
    """
    forms, exps = merge_forms(forms, exps)
    flats = arrangement_flats(forms)
    ratio = {cl: Fraction(c, sum(exps[j] for j in cl)) for c, cl in flats}
    best = min(ratio.values())
    attaining = [cl for cl in ratio if ratio[cl] == best]
    # W ⊊ W'  ⇔  closure(W') ⊊ closure(W).  Longest chain by DP over decreasing closure size
    # (larger closure = smaller flat).
    attaining.sort(key=len)
    longest: dict[frozenset, int] = {}
    for cl in attaining:  # chains ending (at the small end) in the flat with closure cl
        longest[cl] = 1 + max((longest[o] for o in longest if o < cl), default=0)
    return best, max(longest.values())


def arrangement_K_lambda(forms, exps) -> tuple[Fraction, int]:
    """``(λ, m)`` for ``K = (Π_j l_j^{s_j})²``: the arrangement RLCT halved, same multiplicity."""
    lam, m = arrangement_rlct(forms, exps)
    return lam / 2, m
