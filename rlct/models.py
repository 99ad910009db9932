"""Model builders: statistical models as ``(generators of K, variables, true point)``.

Builders (each docstring cites where the model is defined and why its ``K`` has the ``(λ, m)`` of
the Kullback-Leibler divergence): :func:`regression`, :func:`reduced_rank_regression`,
:func:`deep_linear_network`, :func:`tanh_network`, :func:`polynomial_network`,
:func:`normal_mixture`, :func:`gaussian_latent_tree`, :func:`factor_analysis`,
:func:`naive_bayes`, :func:`hyperplane_arrangement`; ``BUILDERS`` names them for
:func:`rlct.table.table`.

Each builder returns a :class:`Model`; ``model.solve()`` runs :func:`rlct.rlct` on it with
``ideal=`` the generators (``K = Σ f_i²``, Watanabe's convention).  The closed forms of the
literature live in :mod:`rlct.known` and are used only as test oracles, never by the engine.

>>> m = reduced_rank_regression(2, 2, 1, 0)
>>> m.vars
('a1_1', 'a1_2', 'b1_1', 'b2_1')
>>> r = m.solve()
>>> str(r.lam), r.m
('1', 2)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Model:
    """``K = Σ_i weights[i]·generators[i]²`` near ``point`` (missing variables are 0), prior
    ``prior``; positive weights do not change ``(λ, m)``, so :meth:`solve` passes the generators
    as the ideal."""

    name: str
    generators: tuple[str, ...]
    vars: tuple[str, ...]
    point: dict = field(default_factory=dict)
    prior: str | None = None
    params: dict = field(default_factory=dict)
    source: str = ""
    weights: tuple = ()

    def solve(self, timeout: float | None = 60.0, **kw):
        from .api import rlct

        at = {k: v for k, v in self.point.items() if v != 0} or None
        return rlct(ideal=list(self.generators), vars=list(self.vars), at=at, prior=self.prior,
                    timeout=timeout, **kw)

    @property
    def K(self) -> str:
        ws = self.weights or (1,) * len(self.generators)
        return " + ".join(f"{w}*({g})**2" if w != 1 else f"({g})**2" for w, g in zip(ws, self.generators))

    def to_dict(self) -> dict:
        return {"name": self.name, "params": self.params, "K": self.K, "generators": list(self.generators),
                "vars": list(self.vars), "point": {k: str(v) for k, v in self.point.items()},
                "prior": self.prior or "1", "source": self.source}


def _matrix(name: str, rows: int, cols: int) -> list[list[str]]:
    return [[f"{name}{i + 1}_{j + 1}" for j in range(cols)] for i in range(rows)]


def _product(mats: list[list[list[str]]]) -> list[list[str]]:
    """Entries of ``W_L ... W_1`` (``mats`` from the first layer on), as strings."""
    def mul(X, Y):
        return [[" + ".join(f"({X[i][k]})*({Y[k][j]})" for k in range(len(Y))) for j in range(len(Y[0]))]
                for i in range(len(X))]

    P = mats[-1]
    for W in reversed(mats[:-1]):
        P = mul(P, W)
    return P


def reduced_rank_regression(M: int, N: int, H: int, r: int = 0) -> Model:
    """Reduced-rank regression ``y = B A x + noise`` (``A``: ``H x M``, ``B``: ``N x H``), inputs
    with identity covariance: ``K = ||B A − B0 A0||_F²/2 ≍ ||B A − B0 A0||_F²`` at a true point of
    rank ``r`` (``A0``, ``B0`` identity on the first ``r`` coordinates).  Aoyagi & Watanabe,
    Neural Networks 18 (2005) 924-933, §2."""
    if not (M >= 1 and N >= 1 and H >= 1 and 0 <= r <= min(M, N, H)):
        raise ValueError("need M, N, H >= 1 and 0 <= r <= min(M, N, H)")
    A, B = _matrix("a", H, M), _matrix("b", N, H)
    point = {}
    for i in range(r):
        point[A[i][i]] = Fraction(1)
        point[B[i][i]] = Fraction(1)
    P = _product([A, B])
    gens = []
    for i in range(N):
        for j in range(M):
            c = Fraction(int(i == j and i < r))
            gens.append(P[i][j] + (f" - {c}" if c else ""))
    names = [x for row in A for x in row] + [x for row in B for x in row]
    return Model(f"rrr_M{M}_N{N}_H{H}_r{r}", tuple(gens), tuple(names), point,
                 params={"M": M, "N": N, "H": H, "r": r},
                 source="Aoyagi & Watanabe, Neural Networks 18 (2005) 924-933")


def deep_linear_network(widths: tuple[int, ...] | list[int], r: int = 0) -> Model:
    """Deep linear network ``f(x) = W_L ... W_1 x`` with layer widths ``(d_0, ..., d_L)`` (input
    first), ``K = ||W_L ... W_1 − B0||_F²`` at a true point of rank ``r`` (each ``W_s`` identity on
    the first ``r`` coordinates).  Aoyagi, Neural Networks 172 (2024) 106132, §2."""
    widths = list(widths)
    if len(widths) < 3 or min(widths) < 1 or not 0 <= r <= min(widths):
        raise ValueError("need at least two layers, widths >= 1 and 0 <= r <= min(widths)")
    mats, point = [], {}
    for s in range(1, len(widths)):
        W = [[f"w{s}_{i + 1}_{j + 1}" for j in range(widths[s - 1])] for i in range(widths[s])]
        for i in range(r):
            point[W[i][i]] = Fraction(1)
        mats.append(W)
    P = _product(mats)
    gens = []
    for i in range(widths[-1]):
        for j in range(widths[0]):
            c = Fraction(int(i == j and i < r))
            gens.append(P[i][j] + (f" - {c}" if c else ""))
    names = [x for W in mats for row in W for x in row]
    return Model("dln_" + "x".join(map(str, widths)) + f"_r{r}", tuple(gens), tuple(names), point,
                 params={"widths": widths, "r": r}, source="Aoyagi, Neural Networks 172 (2024) 106132")


def tanh_network(H: int) -> Model:
    """One-hidden-layer ``tanh`` network ``f(x) = Σ_h a_h tanh(b_h x)`` (one input, one output)
    with true function 0: every odd Taylor coefficient of ``tanh`` is non-zero, so
    ``K ≍ Σ_k (Σ_h a_h b_h^{2k−1})²``, and the ideal is generated by ``k = 1..H``.
    Aoyagi, Comm. Stat. Theory Methods 39 (2010) (Vandermonde matrix-type singularities)."""
    if H < 1:
        raise ValueError("need H >= 1")
    gens = tuple(" + ".join(f"a{h}*b{h}**{2 * k - 1}" for h in range(1, H + 1)) for k in range(1, H + 1))
    names = tuple([f"a{h}" for h in range(1, H + 1)] + [f"b{h}" for h in range(1, H + 1)])
    return Model(f"tanh_1d_H{H}", gens, names, {}, params={"H": H},
                 source="Aoyagi, Comm. Stat. Theory Methods 39 (2010)")




def _ldl_generators(G, coeffs):
    """``c^T G c = Σ_i d_i (L^T c)_i²`` for a positive semi-definite rational ``G`` (exact LDL^T
    with symmetric pivoting by index order): ``[(d_i, Σ_j L_ji c_j)]`` with ``d_i > 0``."""
    n = len(G)
    A = [[Fraction(x) for x in row] for row in G]
    out = []
    remaining = list(range(n))
    while remaining:
        k = next((i for i in remaining if A[i][i] != 0), None)
        if k is None:
            if any(A[i][j] for i in remaining for j in remaining):
                raise ValueError("the moment matrix is not positive semi-definite")
            break
        if A[k][k] < 0:
            raise ValueError("the moment matrix is not positive semi-definite")
        d = A[k][k]
        row = {j: A[k][j] / d for j in remaining}
        out.append((d, row))
        for i in remaining:
            for j in remaining:
                A[i][j] -= d * row[i] * row[j]
        remaining.remove(k)
    gens = []
    for d, row in out:
        g = " + ".join(f"({row[j]})*({coeffs[j]})" for j in sorted(row) if row[j])
        gens.append((d, g))
    return gens


def regression(f: str, params, inputs, true_point: dict, moments: dict | None = None,
               samples=None, sigma2=1) -> Model:
    """Regression ``y = f(x, w) + N(0, σ²)`` with ``f`` polynomial in the inputs ``x`` and the
    parameters ``w``: ``K(w) = E_x[(f(x, w) − f(x, w*))²] / (2σ²)`` (Watanabe, *Algebraic Geometry
    and Statistical Learning Theory*, 2009, §1.2 and §7.1), with ``E_x`` given by ``moments``
    (mapping an exponent tuple of the inputs to ``E[x^α]``, rationals) or by ``samples`` (rows
    of input values; the empirical distribution).  Writing ``f(x, w) − f(x, w*) = Σ_α c_α(w) x^α``,
    ``K = c^T G c / (2σ²)`` with the moment matrix ``G_{αβ} = E[x^{α+β}]``; an exact ``LDL^T`` of
    ``G`` gives ``K = Σ_i d_i g_i²`` with ``g_i`` linear combinations of the ``c_α`` -- the
    generators handed to the engine.

    Three samples make the moment matrix of ``(x, x²)`` non-singular, so ``K ≍ (ab)² + c²``:
    ``(1/2, 2)`` plus ``(1/2, 1)`` by the sum rule.

    >>> m = regression("a*b*x + c*x**2", ["a", "b", "c"], ["x"], {}, samples=[[-1], [1], [2]])
    >>> r = m.solve()
    >>> str(r.lam), r.m
    ('1', 2)
    """
    import sympy

    from .api import _to_expr

    ws = [sympy.Symbol(p) for p in params]
    xs = [sympy.Symbol(x) for x in inputs]
    fe = _to_expr(f, "f")
    extra = {s.name for s in fe.free_symbols} - set(params) - set(inputs)
    if extra:
        raise ValueError(f"f uses names that are neither parameters nor inputs: {', '.join(sorted(extra))}")
    star = {w: sympy.Rational(str(true_point.get(w.name, 0))) for w in ws}
    diff = sympy.Poly(sympy.expand(fe - fe.subs(star)), *xs)
    monos = sorted(diff.monoms())
    coeffs = [str(sympy.expand(diff.coeff_monomial(m))) for m in monos]
    if samples is not None:
        rows = [[Fraction(str(v)) for v in row] for row in samples]

        def moment(gamma):
            total = Fraction(0)
            for row in rows:
                t = Fraction(1)
                for v, k in zip(row, gamma):
                    t *= v ** k
                total += t
            return total / len(rows)
    elif moments is not None:
        def moment(gamma):
            key = tuple(gamma)
            if key not in moments:
                raise ValueError(f"moment E[x^{list(key)}] is missing")
            return Fraction(str(moments[key]))
    else:
        raise ValueError("give the input distribution by moments or by samples")
    G = [[moment([a + b for a, b in zip(ma, mb)]) for mb in monos] for ma in monos]
    gens = _ldl_generators(G, coeffs)
    s2 = Fraction(str(sigma2))
    point = {p: Fraction(str(true_point.get(p, 0))) for p in params}
    return Model("regression", tuple(g for _, g in gens), tuple(params), point, params={"f": f},
                 weights=tuple(d / (2 * s2) for d, _ in gens), source="Watanabe (2009) §1.2, §7.1")


def _q(v, what: str) -> Fraction:
    """A rational from an int, a Fraction or a string such as ``"1/2"`` (floats are refused:
    they are not exact)."""
    if isinstance(v, bool) or isinstance(v, float):
        raise ValueError(f"{what}: give an exact rational (int, Fraction or 'p/q'), not {v!r}")
    try:
        return Fraction(v) if not isinstance(v, str) else Fraction(v.strip())
    except (TypeError, ValueError, ZeroDivisionError):
        raise ValueError(f"{what}: not a rational number: {v!r}") from None


def _lin(terms: list[str], const: Fraction = Fraction(0)) -> str:
    """``t1 + t2 + ... - const`` as a string (``0`` when empty)."""
    s = " + ".join(terms) if terms else "0"
    if const:
        s += f" - ({const})" if const > 0 else f" + ({-const})"
    return s


def polynomial_network(H: int, activation_coeffs, samples=None) -> Model:
    """One-hidden-layer network with a *polynomial* activation, one input, one output, true
    function 0.

    ``f(x, w) = Σ_{h=1}^{H} a_h σ(b_h x)`` with ``σ(t) = Σ_k c_k t^k`` (``activation_coeffs =
    (c_0, c_1, ...)``, rationals), the regression model ``y = f(x, w) + N(0, 1)`` of Watanabe,
    *Algebraic Geometry and Statistical Learning Theory* (CUP 2009), §1.2 and §7.1:
    ``K(w) = E_x[f(x, w)²]/2``.  Expanding, ``f(x, w) = Σ_k c_k g_k(w) x^k`` with
    ``g_k = Σ_h a_h b_h^k``; for an input distribution whose moment matrix of the monomials
    ``x^k`` (``c_k ≠ 0``) is positive definite (any law with more support points than the degree
    of ``σ``), ``K ≍ Σ_{c_k ≠ 0} g_k²``, so the generators are the ``g_k`` with ``c_k ≠ 0``.
    This is the setting of Aoyagi's Vandermonde matrix-type singularities (Aoyagi, Comm. Stat.
    Theory Methods 39 (2010)): when ``σ`` is odd with ``c_1, c_3, ..., c_{2H-1}`` all non-zero, the
    ideal is the one of :func:`tanh_network` (the higher odd ``g_k`` lie in it: each ``b_h²`` is a
    root of ``Π_j (t − b_j²)``), so Aoyagi's tanh formula (:func:`rlct.known.tanh_network`)
    applies; ``σ(t) = c_1 t`` is reduced-rank regression with ``M = N = 1``.

    With ``samples`` (a list of input values) ``K`` is built exactly for that empirical input
    distribution by :func:`regression` (weights from an exact ``LDL^T``) instead.

    Parameters
    ----------
    H : number of hidden units, ``>= 1``.
    activation_coeffs : ``(c_0, c_1, ..., c_D)``, exact rationals, not all zero.
    samples : optional input values (rationals).

    Returns
    -------
    Model
        Variables ``a1..aH, b1..bH``; true point the origin.

    Examples
    --------
    >>> m = polynomial_network(2, [0, 1, 0, "-1/3"])      # σ(t) = t − t³/3: the tanh ideal
    >>> m.generators
    ('a1*b1**1 + a2*b2**1', 'a1*b1**3 + a2*b2**3')
    >>> r = m.solve()
    >>> str(r.lam), r.m
    ('2/3', 1)
    """
    if not isinstance(H, int) or H < 1:
        raise ValueError("need H >= 1 hidden units")
    coeffs = [_q(c, "activation_coeffs") for c in list(activation_coeffs)]
    if not coeffs or not any(coeffs):
        raise ValueError("activation_coeffs: need at least one non-zero coefficient")
    names = tuple([f"a{h}" for h in range(1, H + 1)] + [f"b{h}" for h in range(1, H + 1)])
    params = {"H": H, "activation_coeffs": [str(c) for c in coeffs]}
    source = "Watanabe (2009) §1.2, §7.1; Aoyagi, Comm. Stat. Theory Methods 39 (2010)"
    if samples is not None:
        sigma = lambda t: " + ".join(f"({c})*({t})**{k}" for k, c in enumerate(coeffs) if c)  # noqa: E731
        f = " + ".join(f"a{h}*({sigma(f'b{h}*x')})" for h in range(1, H + 1))
        m = regression(f, list(names), ["x"], {}, samples=[[s] for s in samples])
        return Model(f"polynet_H{H}", m.generators, names, {}, params=params, weights=m.weights,
                     source=source)
    gens = []
    for k, c in enumerate(coeffs):
        if c:
            gens.append(" + ".join(f"a{h}" if k == 0 else f"a{h}*b{h}**{k}" for h in range(1, H + 1)))
    return Model(f"polynet_H{H}_" + "_".join(str(c).replace("/", "|") for c in coeffs), tuple(gens), names, {},
                 params=params, source=source)


def normal_mixture() -> Model:
    """Watanabe's two-component normal mixture ``p(x | a, b) = (1 − a) N(x; 0, 1) + a N(x; b, 1)``
    (``0 <= a <= 1``) with true distribution ``N(0, 1)``: the standard singular example of
    Watanabe, *Algebraic Geometry and Statistical Learning Theory* (CUP 2009) (normal mixtures)
    and of Yamazaki & Watanabe, 'Singularities in mixture models and upper bounds of stochastic
    complexity', Neural Networks 16 (2003) 1029-1038.

    ``K`` (the Kullback-Leibler divergence) is not a polynomial; what is returned is the ideal
    that determines ``(λ, m)``.  With ``N(x; b, 1)/N(x; 0, 1) = e^{bx − b²/2} = Σ_k b^k He_k(x)/k!``
    and the orthogonality ``E[He_j He_k] = k! δ_jk`` under ``N(0, 1)``, the χ² divergence is
    exactly ``E_{N(0,1)}[(p/q − 1)²] = Σ_{k >= 1} (a b^k)²/k! = a² (e^{b²} − 1) = a² b² · (unit)``.
    ``KL <= χ²``; conversely ``KL = E_q[φ(p/q − 1)]`` with ``φ(t) = t − log(1 + t) >= c t²`` for
    ``−a <= t <= 1``, and ``p/q − 1 > 1`` only where ``|x| > log(1/a)/|b|``, of negligible
    Gaussian mass, so ``KL ≍ χ²`` near the true set and ``K ≍ (a b)²``: the generator ``a*b``.
    The parameter set is the half-neighbourhood ``a >= 0`` of the origin; ``(ab)²`` is even in
    ``a``, so the local ``(λ, m)`` over the full neighbourhood (what the engine computes) is the
    same.  Mixtures with more components are not built: their
    weights ``a_h >= 0`` make the parameter set a cone on which the full-neighbourhood value can
    differ.

    Returns
    -------
    Model
        Variables ``a, b``; true point the origin (the deepest point of the true set
        ``{ab = 0}``).

    Examples
    --------
    >>> r = normal_mixture().solve()
    >>> str(r.lam), r.m
    ('1/2', 2)
    """
    return Model("normal_mixture_2", ("a*b",), ("a", "b"), {}, params={},
                 source="Watanabe (2009); Yamazaki & Watanabe, Neural Networks 16 (2003) 1029-1038")


def _tree(edges) -> tuple[list[tuple], list, dict]:
    """Validate a tree given by its edge list; return (edges, leaves in order of first appearance,
    adjacency ``node -> [(neighbour, edge index)]``)."""
    edges = [tuple(e) for e in edges]
    if not edges:
        raise ValueError("the tree needs at least one edge")
    if any(len(e) != 2 or e[0] == e[1] for e in edges):
        raise ValueError("every edge is a pair of two different nodes")
    if len({frozenset(e) for e in edges}) != len(edges):
        raise ValueError("an edge is listed twice")
    adj: dict = {}
    order = []
    for k, (u, v) in enumerate(edges):
        for x, y in ((u, v), (v, u)):
            if x not in adj:
                adj[x] = []
                order.append(x)
            adj[x].append((y, k))
    if len(adj) != len(edges) + 1:
        raise ValueError("the edges do not form a tree (|V| != |E| + 1)")
    seen, stack = {order[0]}, [order[0]]
    while stack:
        x = stack.pop()
        for y, _ in adj[x]:
            if y not in seen:
                seen.add(y)
                stack.append(y)
    if len(seen) != len(adj):
        raise ValueError("the edges do not form a tree (not connected)")
    leaves = [x for x in order if len(adj[x]) == 1]
    try:
        leaves.sort()
    except TypeError:
        pass
    return edges, leaves, adj


def _path_edges(adj, s, t) -> list[int]:
    """Edge indices on the path from ``s`` to ``t`` (in path order)."""
    prev = {s: None}
    stack = [s]
    while stack:
        x = stack.pop()
        for y, k in adj[x]:
            if y not in prev:
                prev[y] = (x, k)
                stack.append(y)
    out = []
    x = t
    while prev[x] is not None:
        x, k = prev[x]
        out.append(k)
    return out[::-1]


def gaussian_latent_tree(edges, true=None) -> Model:
    """Gaussian latent tree model in its correlation parametrisation: observed leaves, latent
    inner nodes, one parameter ``w_k`` (the correlation along edge ``k``) per edge; the
    correlation of leaves ``i, j`` is ``ρ_ij(w) = Π_{k on the path i–j} w_k``, and
    ``K = Σ_{i<j leaves} (ρ_ij(w) − ρ_ij(w*))²``.

    Drton, Lin, Weihs & Zwiernik, 'Marginal likelihood and model selection for Gaussian latent
    tree and forest models', Bernoulli 23(2) (2017) (arXiv:1412.8285): near the true covariance
    the Gaussian KL is comparable to the squared distance of the covariance matrices, and the
    leaf variances enter as separate regular parameters, adding ``#leaves/2`` to λ by the sum
    rule (they are left out here, as in the corpus ``gaussian_latent_tree`` cases; their full
    value is :func:`rlct.known.latent_tree` with ``variances=True``).

    Parameters
    ----------
    edges : list of node pairs ``(u, v)``; edge ``k`` (1-based) carries the variable ``w{k}``.
        The leaves (observed nodes) are the nodes of degree 1, in sorted order.
    true : mapping ``"w{k}" -> value`` (exact rationals, ``|value| < 1``) of the true edge
        correlations; missing edges are 0 (default: all 0, independent leaves).

    Returns
    -------
    Model
        Variables ``w1..w|E|``; generators ``ρ_ij(w) − ρ_ij(w*)`` for leaf pairs ``i < j``.

    Examples
    --------
    >>> m = gaussian_latent_tree([(4, 1), (4, 2), (4, 3)])      # tripod at independence
    >>> m.K
    '(w1*w2)**2 + (w1*w3)**2 + (w2*w3)**2'
    >>> r = m.solve()
    >>> str(r.lam), r.m
    ('3/4', 1)
    """
    edges, leaves, adj = _tree(edges)
    if len(leaves) < 2:
        raise ValueError("need at least two leaves")
    names = tuple(f"w{k + 1}" for k in range(len(edges)))
    point = {}
    for key, v in (true or {}).items():
        if key not in names:
            raise ValueError(f"true: {key!r} is not an edge variable ({', '.join(names)})")
        val = _q(v, f"true[{key!r}]")
        if not -1 < val < 1:
            raise ValueError(f"true[{key!r}]: a correlation must lie strictly between -1 and 1")
        if val:
            point[key] = val
    gens = []
    for a in range(len(leaves)):
        for b in range(a + 1, len(leaves)):
            path = _path_edges(adj, leaves[a], leaves[b])
            rho = Fraction(1)
            for k in path:
                rho *= point.get(names[k], Fraction(0))
            gens.append(_lin(["*".join(names[k] for k in path)], rho))
    return Model("ltree_" + "_".join(f"{u}-{v}" for u, v in edges), tuple(gens), names, point,
                 params={"edges": [list(e) for e in edges], "true": {k: str(v) for k, v in point.items()}},
                 source="Drton, Lin, Weihs & Zwiernik, Bernoulli 23(2) (2017), arXiv:1412.8285")


def factor_analysis(n_observed: int, n_factors: int = 1, true_factors: int = 0, true_loadings=None) -> Model:
    """Gaussian factor analysis ``Σ(u, B) = diag(1 + u) + B Bᵀ`` (``p = n_observed`` observed
    variables, ``k = n_factors`` factors, ``B`` the ``p x k`` loadings), ``K = Σ_{i<=j}
    (Σ_ij − Σ*_ij)²``: near a positive definite ``Σ*`` the Gaussian KL divergence is comparable to
    the squared distance of the covariance matrices (its Hessian in ``Σ`` is positive definite),
    hence the same ideal (the corpus case ``factor1_p3_indep`` is built this way).  Model as in
    Drton & Plummer, 'A Bayesian information criterion for singular models', JRSS-B 79 (2017),
    §6 (factor analysis); one factor is the Gaussian star tree of Drton, Lin, Weihs & Zwiernik,
    Bernoulli 23(2) (2017), reparametrised analytically (``ω_i = Σ_ii``, ``ρ_i = b_i/√ω_i``).

    Parameters
    ----------
    n_observed : ``p >= 1``.
    n_factors : ``k >= 1``.
    true_factors : ``l``, ``0 <= l <= k``: the true loadings are ``B0`` with ``l`` non-zero columns
        (``B0[i][f] = (i + 1)^f``, ``f < l``: all ones for one factor) and zero elsewhere.
    true_loadings : instead of ``true_factors``, the true loadings: ``p`` rationals (one factor)
        or ``p`` rows of at most ``k`` rationals.  ``u* = 0`` and ``Σ* = I + B0 B0ᵀ``.

    Returns
    -------
    Model
        Variables ``u1..up`` then the loadings ``b1..bp`` (one factor) or ``b{i}_{f}``.

    Examples
    --------
    >>> m = factor_analysis(3)
    >>> m.generators[:4]
    ('u1 + b1**2', 'b1*b2', 'b1*b3', 'u2 + b2**2')
    >>> r = m.solve()
    >>> str(r.lam), r.m
    ('9/4', 1)
    """
    p, k = n_observed, n_factors
    if not (isinstance(p, int) and isinstance(k, int) and p >= 1 and k >= 1):
        raise ValueError("need n_observed >= 1 and n_factors >= 1")
    if true_loadings is None:
        if not (isinstance(true_factors, int) and 0 <= true_factors <= k):
            raise ValueError("need 0 <= true_factors <= n_factors")
        B0 = [[Fraction((i + 1) ** f) for f in range(true_factors)] + [Fraction(0)] * (k - true_factors)
              for i in range(p)]
    else:
        rows = list(true_loadings)
        if len(rows) != p:
            raise ValueError(f"true_loadings: need {p} entries (one per observed variable)")
        rows = [list(r) if isinstance(r, (list, tuple)) else [r] for r in rows]
        if any(len(r) > k for r in rows):
            raise ValueError(f"true_loadings: at most {k} loadings per variable")
        B0 = [[_q(x, "true_loadings") for x in r] + [Fraction(0)] * (k - len(r)) for r in rows]
    if k == 1:
        Bn = [[f"b{i + 1}"] for i in range(p)]
    else:
        Bn = [[f"b{i + 1}_{f + 1}" for f in range(k)] for i in range(p)]
    names = tuple([f"u{i + 1}" for i in range(p)] + [x for row in Bn for x in row])
    point = {Bn[i][f]: B0[i][f] for i in range(p) for f in range(k) if B0[i][f]}
    gens = []
    for i in range(p):
        for j in range(i, p):
            star = sum((B0[i][f] * B0[j][f] for f in range(k)), Fraction(0))
            if i == j:
                terms = [f"u{i + 1}"] + [f"{Bn[i][f]}**2" for f in range(k)]
            else:
                terms = [f"{Bn[i][f]}*{Bn[j][f]}" for f in range(k)]
            gens.append(_lin(terms, star))
    return Model(f"factor_p{p}_k{k}", tuple(gens), names, point,
                 params={"n_observed": p, "n_factors": k, "true_loadings": [[str(x) for x in r] for r in B0]},
                 source="Drton & Plummer, JRSS-B 79 (2017) §6; Drton, Lin, Weihs & Zwiernik, Bernoulli 23(2) (2017)")


def naive_bayes(n_features: int, n_classes: int = 2, true=None) -> Model:
    """Binary naive Bayes (latent class) model: a hidden class ``C ∈ {1..r}`` with weights
    ``π_c`` (``π_r = 1 − Σ_{c<r} π_c``) and ``n`` binary features independent given the class,
    ``P(X_i = 1 | C = c) = θ_{c,i}``:
    ``p(x | w) = Σ_c π_c Π_i θ_{c,i}^{x_i} (1 − θ_{c,i})^{1 − x_i}``, ``x ∈ {0, 1}^n``
    (Rusakov & Geiger, 'Asymptotic model selection for naive Bayesian networks', JMLR 6 (2005)).

    ``K(w) = Σ_x (p(x | w) − p(x | w*))²``.  Why it has the ``(λ, m)`` of the Kullback-Leibler
    divergence: on a finite sample space with a true distribution ``q = p(·|w*)`` positive
    everywhere, ``KL(q ‖ p_w) = Σ_x (p_w(x) − q(x))²/(2 q(x)) + O(|p_w − q|³)`` and ``1/q`` is
    bounded, so ``c K <= KL <= C K`` near ``w*``; comparable functions have the same ``(λ, m)``
    (their zeta functions bound each other; Watanabe, *Algebraic Geometry and Statistical
    Learning Theory*, CUP 2009; Lin, PhD thesis, UC Berkeley 2011, on equivalent ideals).

    Parameters
    ----------
    n_features : ``n >= 1``.
    n_classes : ``r >= 1``.
    true : mapping from parameter names to exact rationals in ``(0, 1)`` (all of them: ``p1..p(r-1)``
        and ``t{c}_{i}``); default the generic point ``π_c = 2c/(r(r+1))``,
        ``θ_{c,i} = ((c−1)n + i)/(rn + 1)`` (all classes distinct).

    Returns
    -------
    Model
        Variables ``p1..p(r−1)`` then ``t{c}_{i}``; one generator per cell ``x`` (lexicographic).

    Examples
    --------
    >>> m = naive_bayes(2, 1)                   # independence model of two bits: regular
    >>> r = m.solve()
    >>> str(r.lam), r.m
    ('1', 1)
    """
    n, r = n_features, n_classes
    if not (isinstance(n, int) and isinstance(r, int) and n >= 1 and r >= 1):
        raise ValueError("need n_features >= 1 and n_classes >= 1")
    if n > 8:
        raise ValueError("n_features > 8 gives more than 256 cells; not supported")
    pis = [f"p{c}" for c in range(1, r)]
    th = [[f"t{c}_{i}" for i in range(1, n + 1)] for c in range(1, r + 1)]
    names = tuple(pis + [x for row in th for x in row])
    if true is None:
        val = {f"p{c}": Fraction(2 * c, r * (r + 1)) for c in range(1, r)}
        val.update({th[c][i]: Fraction(c * n + i + 1, r * n + 1) for c in range(r) for i in range(n)})
    else:
        val = {}
        for key, v in true.items():
            if key not in names:
                raise ValueError(f"true: {key!r} is not a parameter ({', '.join(names)})")
            val[key] = _q(v, f"true[{key!r}]")
        missing = [x for x in names if x not in val]
        if missing:
            raise ValueError(f"true: missing values for {', '.join(missing)}")
    weights = [val[x] for x in pis]
    weights.append(1 - sum(weights, Fraction(0)))
    bad_theta = any(not 0 < val[x] < 1 for row in th for x in row)
    bad_weight = r > 1 and any(not 0 < w < 1 for w in weights)
    if bad_theta or bad_weight:
        raise ValueError("true: every θ and every class weight must lie strictly between 0 and 1 "
                         "(a positive true distribution)")
    pi_expr = pis + ["(1" + "".join(f" - {x}" for x in pis) + ")"]
    import itertools

    gens = []
    for cell in itertools.product((0, 1), repeat=n):
        q = Fraction(0)
        terms = []
        for c in range(r):
            qc = weights[c]
            fac = [pi_expr[c]] if r > 1 else []
            for i, xi in enumerate(cell):
                t = val[th[c][i]]
                qc *= t if xi else 1 - t
                fac.append(th[c][i] if xi else f"(1 - {th[c][i]})")
            q += qc
            terms.append("*".join(fac))
        gens.append(_lin(terms, q))
    return Model(f"naive_bayes_n{n}_r{r}", tuple(gens), names, dict(val), params={"n_features": n, "n_classes": r},
                 source="Rusakov & Geiger, JMLR 6 (2005); Watanabe (2009)")


def hyperplane_arrangement(forms, exps=None) -> Model:
    """``K = (Π_j l_j^{s_j})²`` for linear forms ``l_j`` (rows of exact rationals) in variables
    ``x1..xd``: the real hyperplane arrangements whose ``(λ, m)`` is known in closed form
    (:func:`rlct.known.hyperplane_arrangement`; 'Classification of real hyperplane singularities
    by real log canonical thresholds', arXiv:2411.13392).

    Parameters
    ----------
    forms : rows ``(c_1, ..., c_d)`` of exact rationals, one per linear form, none zero.
    exps : the exponents ``s_j >= 1`` (default all 1).

    Returns
    -------
    Model
        Variables ``x1..xd``; one generator ``Π_j l_j^{s_j}``; true point the origin.

    Examples
    --------
    >>> m = hyperplane_arrangement([(1, 0), (0, 1), (1, -1)])
    >>> m.generators
    ('(x1)*(x2)*(x1 - x2)',)
    >>> r = m.solve()
    >>> str(r.lam), r.m
    ('1/3', 1)
    """
    forms = [[_q(c, "forms") for c in row] for row in forms]
    if not forms or not forms[0] or len({len(r) for r in forms}) != 1:
        raise ValueError("forms: need at least one form, all of the same length")
    exps = [1] * len(forms) if exps is None else list(exps)
    if len(exps) != len(forms) or any(not isinstance(s, int) or s < 1 for s in exps):
        raise ValueError("exps: one integer >= 1 per form")
    if any(not any(r) for r in forms):
        raise ValueError("forms: a form is zero")
    d = len(forms[0])
    names = tuple(f"x{i + 1}" for i in range(d))

    def form(row):
        out = []
        for c, x in zip(row, names):
            if not c:
                continue
            mag = "" if abs(c) == 1 else f"{abs(c)}*"
            out.append(("- " if c < 0 else "+ ") + mag + x)
        s = " ".join(out)
        return s[2:] if s.startswith("+ ") else "-" + s[2:]

    g = "*".join(f"({form(r)})" + (f"**{s}" if s > 1 else "") for r, s in zip(forms, exps))
    return Model("arrangement", (g,), names, {}, params={"forms": [[str(c) for c in r] for r in forms],
                                                           "exps": exps},
                 source="arXiv:2411.13392 (real hyperplane arrangements)")


BUILDERS = {"rrr": reduced_rank_regression, "dln": deep_linear_network, "tanh": tanh_network,
            "poly": polynomial_network, "mixture": normal_mixture, "ltree": gaussian_latent_tree,
            "factor": factor_analysis, "naive_bayes": naive_bayes, "arrangement": hyperplane_arrangement}
