"""Closed forms of the literature, for tests and tables -- never used by the engine.

Every function returns ``(λ, m)`` as ``(Fraction, int)`` and cites its theorem:
:func:`reduced_rank_regression` (Aoyagi & Watanabe 2005), :func:`deep_linear_network` (Aoyagi
2024), :func:`tanh_network` (Aoyagi 2006/2010), :func:`latent_tree` and its forms
:func:`gaussian_latent_tree`, :func:`factor_analysis` (one factor) (Drton, Lin, Weihs & Zwiernik
2017), :func:`hyperplane_arrangement` (arXiv:2411.13392), :func:`polynomial_network` (the
activations that reduce to a cited family).  Parameters outside a formula's stated conditions
raise ``ValueError``: no guessed values.

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




def _tree_parts(edges):
    """(edges as tuples, leaves, degree) of a tree; leaves are the nodes of degree 1."""
    from .models import _tree

    edges, leaves, adj = _tree(edges)
    return edges, leaves, {x: len(n) for x, n in adj.items()}


def latent_tree(edges, true_edges=(), variances: bool = True) -> tuple[Fraction, int]:
    """Drton, Lin, Weihs & Zwiernik, 'Marginal likelihood and model selection for Gaussian latent
    tree and forest models', Bernoulli 23(2) (2017) 1202-1232 (arXiv:1412.8285), main theorem on
    Gaussian latent trees, in the form coded in the authors' sBIC R package
    (``R/LatentForests.R``, ``learnCoef`` and ``forestDim``).

    ``T`` is the tree (leaves = observed = nodes of degree 1, inner nodes latent) and ``F`` the
    sub-forest of edges with non-zero true correlation (``true_edges``, 1-based edge numbers as
    in :func:`rlct.models.gaussian_latent_tree`), which must be a *q-forest*: no latent node is
    met by exactly one edge of ``F``.  With ``V_F`` the leaves together with the nodes of ``F``::

        λ = dim(F)/2 + (1/4) Σ_{e ∈ T \\ F} |e ∩ V_F|,  dim(F) = #leaves + |F| − #{deg_F = 2},
        m = 1 + #{nodes of degree 2 in T outside V_F}.

    This is the value at the true distribution, with leaf variances as parameters
    (``variances=True``); without them (the correlation parametrisation of
    :func:`rlct.models.gaussian_latent_tree`) λ is smaller by ``#leaves/2`` (sum rule).
    The corpus cases ``ltree_*`` are reproduced.

    >>> latent_tree([(4, 1), (4, 2), (4, 3)])
    (Fraction(9, 4), 1)
    >>> latent_tree([(4, 1), (4, 2), (4, 3)], true_edges=[1, 2], variances=False)
    (Fraction(1, 1), 1)
    """
    edges, leaves, deg = _tree_parts(edges)
    F = sorted(set(true_edges))
    if any(not (isinstance(k, int) and 1 <= k <= len(edges)) for k in F):
        raise ValueError(f"true_edges: edge numbers between 1 and {len(edges)}")
    degF: dict = {}
    for k in F:
        for x in edges[k - 1]:
            degF[x] = degF.get(x, 0) + 1
    leafset = set(leaves)
    if any(d == 1 and x not in leafset for x, d in degF.items()):
        raise ValueError("true_edges is not a q-forest: a latent node meets exactly one true edge "
                         "(the true distribution is then that of a smaller forest)")
    VF = leafset | set(degF)
    dimF = len(leaves) + len(F) - sum(1 for d in degF.values() if d == 2)
    wsum = sum(sum(1 for x in edges[k] if x in VF) for k in range(len(edges)) if k + 1 not in F)
    lam = Fraction(dimF, 2) + Fraction(wsum, 4)
    if not variances:
        lam -= Fraction(len(leaves), 2)
    m = 1 + sum(1 for x, d in deg.items() if d == 2 and x not in VF)
    return lam, m


def factor_analysis(n_observed: int, n_factors: int = 1, true_factors: int = 0) -> tuple[Fraction, int]:
    """One-factor analysis (``n_factors = 1``) with ``p = n_observed`` observed variables: the
    Gaussian star tree with leaf variances, so :func:`latent_tree` (Drton, Lin, Weihs & Zwiernik
    2017) applies; the true distribution has ``true_factors = 0`` (independence) or ``1`` (all
    ``p`` loadings non-zero).  Agrees with the ``k = 1`` rows of Drton & Plummer, JRSS-B 79
    (2017), §6, ``λ = ((k+2)p + l(p−k+1))/4``: ``3p/4`` and ``p`` (for ``p >= 3``).  More factors:
    no closed form is stated here (the published table is not independently confirmed), so
    ``ValueError``.

    >>> factor_analysis(3)
    (Fraction(9, 4), 1)
    """
    p = n_observed
    if n_factors != 1:
        raise ValueError("only one-factor analysis has a cited closed form here")
    if not (isinstance(p, int) and p >= 2) or true_factors not in (0, 1):
        raise ValueError("need n_observed >= 2 and true_factors in (0, 1)")
    star = [(0, i) for i in range(1, p + 1)]
    return latent_tree(star, true_edges=list(range(1, p + 1)) if true_factors else (), variances=True)


def _rank(rows) -> int:
    m = [[Fraction(x) for x in r] for r in rows]
    rank = 0
    for c in range(len(m[0]) if m else 0):
        piv = next((i for i in range(rank, len(m)) if m[i][c] != 0), None)
        if piv is None:
            continue
        m[rank], m[piv] = m[piv], m[rank]
        for i in range(len(m)):
            if i != rank and m[i][c] != 0:
                f = m[i][c] / m[rank][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[rank])]
        rank += 1
    return rank


def hyperplane_arrangement(forms, exps=None) -> tuple[Fraction, int]:
    """``(λ, m)`` of ``K = (Π_j l_j^{s_j})²`` at the origin, for real linear forms ``l_j`` (rows of
    rationals) with exponents ``s_j >= 1``: 'Classification of real hyperplane singularities by
    real log canonical thresholds', arXiv:2411.13392 (2024) (the real analogue of Mustață's
    formula; their Sage ``compute_lct(A, s)``): ``rlct(|f|) = min over flats W ≠ R^d of
    codim W / Σ_{j: W ⊆ H_j} s_j``, ``m`` = the longest chain of flats attaining the minimum;
    ``K = f²`` halves λ.  Proportional forms are one hyperplane (exponents added).

    >>> hyperplane_arrangement([(1, 0), (0, 1), (1, -1)])
    (Fraction(1, 3), 1)
    >>> hyperplane_arrangement([(1, -1), (1, 1)])
    (Fraction(1, 2), 2)
    """
    exps = [1] * len(forms) if exps is None else list(exps)
    hyps: list[list[Fraction]] = []
    mult: list[int] = []
    for row, s in zip(forms, exps):
        row = [Fraction(x) for x in row]
        if not any(row) or s < 1:
            raise ValueError("forms must be non-zero and exponents >= 1")
        for k, g in enumerate(hyps):
            if _rank([g, row]) == 1:
                mult[k] += s
                break
        else:
            hyps.append(row)
            mult.append(s)
    n = len(hyps)
    flats: dict[frozenset, int] = {}
    for size in range(1, n + 1):
        for S in itertools.combinations(range(n), size):
            r = _rank([hyps[j] for j in S])
            closure = frozenset(j for j in range(n) if _rank([hyps[i] for i in S] + [hyps[j]]) == r)
            flats.setdefault(closure, r)
    ratio = {cl: Fraction(c, sum(mult[j] for j in cl)) for cl, c in flats.items()}
    best = min(ratio.values())
    chain: dict[frozenset, int] = {}
    for cl in sorted((c for c in ratio if ratio[c] == best), key=len):
        chain[cl] = 1 + max((chain[o] for o in chain if o < cl), default=0)
    return best / 2, max(chain.values())


def polynomial_network(H: int, activation_coeffs) -> tuple[Fraction, int]:
    """The two polynomial activations whose ideal is one of a cited family
    (:func:`rlct.models.polynomial_network`): ``σ(t) = c_1 t`` (reduced-rank regression
    ``M = N = 1``, :func:`reduced_rank_regression`), and odd ``σ`` with ``c_1, c_3, ..., c_{2H−1}``
    all non-zero (the tanh ideal, :func:`tanh_network`, Aoyagi 2010).  Other activations:
    ``ValueError`` (no closed form stated here).

    >>> polynomial_network(2, [0, 1, 0, "-1/3"])
    (Fraction(2, 3), 1)
    """
    c = [Fraction(x) for x in activation_coeffs]
    nz = [k for k, x in enumerate(c) if x]
    if nz == [1]:
        return reduced_rank_regression(1, 1, H, 0)
    if nz and all(k % 2 for k in nz) and all(2 * k - 1 < len(c) and c[2 * k - 1] for k in range(1, H + 1)):
        return tanh_network(H)
    raise ValueError("no cited closed form for this activation")


def gaussian_latent_tree(edges, true=None) -> tuple[Fraction, int]:
    """:func:`latent_tree` for the correlation parametrisation of
    :func:`rlct.models.gaussian_latent_tree` (same arguments; ``F`` = the edges with a non-zero
    true value; no leaf variances).

    >>> gaussian_latent_tree([(4, 1), (4, 2), (4, 3)], {"w1": "1/2", "w2": "1/2"})
    (Fraction(1, 1), 1)
    """
    F = [int(k[1:]) for k, v in (true or {}).items() if Fraction(v) != 0]
    return latent_tree(edges, true_edges=F, variances=False)


FORMULAS = {"rrr": reduced_rank_regression, "dln": deep_linear_network, "tanh": tanh_network,
            "poly": polynomial_network, "factor": factor_analysis, "ltree": gaussian_latent_tree,
            "arrangement": hyperplane_arrangement}
