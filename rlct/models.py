"""Model builders: statistical models as ``(generators of K, variables, true point)``.

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


BUILDERS = {"rrr": reduced_rank_regression, "dln": deep_linear_network, "tanh": tanh_network}


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
