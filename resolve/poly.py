"""Sparse exact polynomials: exponent tuple -> rational coefficient.

The hot loop of the resolver works on this plain, immutable representation: monomial
substitutions are integer-matrix maps on exponents (no polynomial arithmetic, no term
collisions), restriction to coordinate hyperplanes drops terms, and translations expand
binomials exactly.  sympy appears only at the edges (:func:`from_sympy`, :meth:`Poly.to_sympy`).

Examples
--------
>>> p = Poly.from_dict(2, {(2, 0): 1, (0, 4): 1})
>>> p.monomial_map([[2, 0], [1, 1]])       # x = y1^2, y = y1*y2
Poly(2, {(4, 0): 1, (4, 4): 1})
>>> p.translate([1, 0]).constant_term()
Fraction(1, 1)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from math import comb
from typing import Iterable, Mapping, Sequence

Exp = tuple[int, ...]


def _frac(c) -> Fraction:
    if isinstance(c, Fraction):
        return c
    if isinstance(c, int):
        return Fraction(c)
    # sympy Rational / Integer
    p, q = getattr(c, "p", None), getattr(c, "q", None)
    if p is not None and q is not None:
        return Fraction(int(p), int(q))
    raise TypeError(f"not an exact rational coefficient: {c!r}")


@dataclass(frozen=True)
class Poly:
    """An immutable sparse polynomial over Q in ``nvars`` variables.

    ``terms`` maps exponent tuples to non-zero ``Fraction`` coefficients.  Treat it as
    read-only; every operation returns a new ``Poly``.
    """

    nvars: int
    terms: Mapping[Exp, Fraction] = field(default_factory=dict)

    # ----------------------------------------------------------------- construction
    @staticmethod
    def from_dict(nvars: int, terms: Mapping[Sequence[int], object]) -> "Poly":
        out: dict[Exp, Fraction] = {}
        for e, c in terms.items():
            e = tuple(int(a) for a in e)
            if len(e) != nvars:
                raise ValueError("exponent length does not match nvars")
            c = _frac(c)
            if c:
                out[e] = out.get(e, Fraction(0)) + c
                if not out[e]:
                    del out[e]
        return Poly(nvars, out)

    @staticmethod
    def constant(nvars: int, c=1) -> "Poly":
        c = _frac(c)
        return Poly(nvars, {(0,) * nvars: c} if c else {})

    @staticmethod
    def variable(nvars: int, i: int) -> "Poly":
        e = [0] * nvars
        e[i] = 1
        return Poly(nvars, {tuple(e): Fraction(1)})

    # ----------------------------------------------------------------- basic queries
    def __repr__(self) -> str:
        items = ", ".join(f"{e}: {c}" for e, c in sorted(self.terms.items()))
        return f"Poly({self.nvars}, {{{items}}})"

    def __hash__(self) -> int:
        return hash((self.nvars, frozenset(self.terms.items())))

    def __eq__(self, other) -> bool:
        return isinstance(other, Poly) and self.nvars == other.nvars and dict(self.terms) == dict(other.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def is_zero(self) -> bool:
        return not self.terms

    def constant_term(self) -> Fraction:
        return self.terms.get((0,) * self.nvars, Fraction(0))

    def support(self) -> list[Exp]:
        return sorted(self.terms)

    def degree(self) -> int:
        return max((sum(e) for e in self.terms), default=0)

    def order(self) -> int:
        """Lowest total degree of a term (``ord`` at the origin)."""
        return min((sum(e) for e in self.terms), default=0)

    def used_vars(self) -> list[int]:
        return [i for i in range(self.nvars) if any(e[i] for e in self.terms)]

    def min_exponents(self) -> Exp:
        """Componentwise minimum of the exponents: the largest monomial dividing the polynomial."""
        if not self.terms:
            return (0,) * self.nvars
        return tuple(min(e[i] for e in self.terms) for i in range(self.nvars))

    # ----------------------------------------------------------------- arithmetic
    def __add__(self, other: "Poly") -> "Poly":
        out = dict(self.terms)
        for e, c in other.terms.items():
            v = out.get(e, Fraction(0)) + c
            if v:
                out[e] = v
            else:
                out.pop(e, None)
        return Poly(self.nvars, out)

    def __neg__(self) -> "Poly":
        return Poly(self.nvars, {e: -c for e, c in self.terms.items()})

    def __sub__(self, other: "Poly") -> "Poly":
        return self + (-other)

    def scale(self, c) -> "Poly":
        c = _frac(c)
        if not c:
            return Poly(self.nvars, {})
        return Poly(self.nvars, {e: c * v for e, v in self.terms.items()})

    def __mul__(self, other: "Poly") -> "Poly":
        if len(self.terms) * len(other.terms) > 4000 and self.nvars:
            return _flint_mul(self, other)
        out: dict[Exp, Fraction] = {}
        for e1, c1 in self.terms.items():
            for e2, c2 in other.terms.items():
                e = tuple(a + b for a, b in zip(e1, e2))
                v = out.get(e, Fraction(0)) + c1 * c2
                if v:
                    out[e] = v
                else:
                    out.pop(e, None)
        return Poly(self.nvars, out)

    def __pow__(self, k: int) -> "Poly":
        result = Poly.constant(self.nvars, 1)
        base = self
        while k:
            if k & 1:
                result = result * base
            k >>= 1
            if k:
                base = base * base
        return result

    # ----------------------------------------------------------------- monomial operations
    def mul_monomial(self, a: Sequence[int]) -> "Poly":
        return Poly(self.nvars, {tuple(x + y for x, y in zip(e, a)): c for e, c in self.terms.items()})

    def div_monomial(self, a: Sequence[int]) -> "Poly":
        """Exact division by ``y^a`` (every exponent must be >= a)."""
        out = {}
        for e, c in self.terms.items():
            q = tuple(x - y for x, y in zip(e, a))
            if min(q, default=0) < 0:
                raise ValueError("monomial does not divide the polynomial")
            out[q] = c
        return Poly(self.nvars, out)

    def monomial_map(self, B: Sequence[Sequence[int]]) -> "Poly":
        """Substitute ``w_i = prod_j y_j^{B[i][j]}``: exponent ``alpha -> B^T alpha``.

        For non-singular ``B`` the map on exponents is injective, so no terms collide.
        """
        d_new = len(B[0]) if B else 0
        cols = [[B[i][j] for i in range(len(B))] for j in range(d_new)]
        out = {}
        for e, c in self.terms.items():
            out[tuple(sum(v * a for v, a in zip(col, e)) for col in cols)] = c
        if len(out) != len(self.terms):  # singular map: collisions, fall back to summing
            return Poly.from_dict(d_new, _sum_terms(
                (tuple(sum(v * a for v, a in zip(col, e)) for col in cols), c) for e, c in self.terms.items()))
        return Poly(d_new, out)

    def signs(self, s: Sequence[int]) -> "Poly":
        """Substitute ``y_i -> s_i y_i`` with ``s_i = +-1``."""
        out = {}
        for e, c in self.terms.items():
            neg = sum(a for a, si in zip(e, s) if si < 0) % 2
            out[e] = -c if neg else c
        return Poly(self.nvars, out)

    def restrict_zero(self, idx: Iterable[int]) -> "Poly":
        """Set the variables in ``idx`` to zero (keeps ``nvars``)."""
        idx = list(idx)
        return Poly(self.nvars, {e: c for e, c in self.terms.items() if all(e[i] == 0 for i in idx)})

    def select(self, idx: Sequence[int]) -> "Poly":
        """Re-index to the variables ``idx`` (the others must not occur)."""
        out = {}
        for e, c in self.terms.items():
            out[tuple(e[i] for i in idx)] = c
        return Poly(len(idx), out)

    def embed(self, idx: Sequence[int], nvars: int) -> "Poly":
        """Inverse of :meth:`select`: variable ``k`` becomes variable ``idx[k]`` of ``nvars``."""
        out = {}
        for e, c in self.terms.items():
            f = [0] * nvars
            for k, i in enumerate(idx):
                f[i] = e[k]
            out[tuple(f)] = c
        return Poly(nvars, out)

    def evaluate(self, point: Sequence) -> Fraction:
        total = Fraction(0)
        for e, c in self.terms.items():
            t = c
            for x, a in zip(point, e):
                if a:
                    t *= Fraction(x) ** a
            total += t
        return total

    def diff(self, i: int) -> "Poly":
        out = {}
        for e, c in self.terms.items():
            if e[i]:
                f = list(e)
                f[i] -= 1
                out[tuple(f)] = c * e[i]
        return Poly(self.nvars, out)

    def substitute(self, i: int, X: "Poly", u: "Poly | None" = None, max_terms: int | None = None) -> "Poly":
        """``u^{deg_i} · p(y_i ↦ X/u)`` as a polynomial (``u = 1``: plain substitution of the
        polynomial ``X`` for ``y_i``); :class:`TooLarge` once the result passes ``max_terms``.

        >>> x, y = Poly.variable(2, 0), Poly.variable(2, 1)
        >>> (x * x + y).substitute(0, x + y).to_str(["x", "y"])
        'x**2 + 2*x*y + y**2 + y'
        """
        deg = max((e[i] for e in self.terms), default=0)
        by_k: dict[int, dict] = {}
        for e, c in self.terms.items():
            by_k.setdefault(e[i], {})[e[:i] + (0,) + e[i + 1:]] = c
        out = Poly(self.nvars, {})
        for k, terms in sorted(by_k.items()):
            part = Poly(self.nvars, terms) * X ** k
            out = out + (part if u is None else part * u ** (deg - k))
            if max_terms is not None and len(out) > max_terms:
                raise TooLarge(f"more than {max_terms} terms")
        return out

    def translate(self, shift: Sequence) -> "Poly":
        """Substitute ``y_i -> y_i + shift_i`` (rational shifts), by exact binomial expansion."""
        shift = [Fraction(s) for s in shift]
        cur: dict[Exp, Fraction] = dict(self.terms)
        for i, s in enumerate(shift):
            if not s:
                continue
            nxt: dict[Exp, Fraction] = {}
            for e, c in cur.items():
                n = e[i]
                for k in range(n + 1):
                    f = list(e)
                    f[i] = k
                    f = tuple(f)
                    v = nxt.get(f, Fraction(0)) + c * comb(n, k) * s ** (n - k)
                    if v:
                        nxt[f] = v
                    else:
                        nxt.pop(f, None)
            cur = nxt
        return Poly(self.nvars, cur)

    # ----------------------------------------------------------------- conversion
    def to_sympy(self, symbols):
        import sympy

        return sympy.Add(*[sympy.Rational(c.numerator, c.denominator) * sympy.Mul(*[s ** a for s, a in zip(symbols, e)])
                           for e, c in sorted(self.terms.items())])

    def to_terms(self) -> list:
        """JSON-ready sorted term list ``[[exponents], "p/q"]`` (the certificate encoding)."""
        return [[list(e), str(c)] for e, c in sorted(self.terms.items())]

    def to_str(self, names: Sequence[str]) -> str:
        """A readable, sympy-parsable string with a deterministic term order."""
        if not self.terms:
            return "0"
        parts = []
        for e, c in sorted(self.terms.items(), key=lambda t: (-sum(t[0]), tuple(-a for a in t[0]))):
            mono = "*".join(f"{n}**{a}" if a > 1 else n for n, a in zip(names, e) if a)
            mag = abs(c)
            if mono:
                coef = "" if mag == 1 else f"{mag}*"
                body = coef + mono
            else:
                body = str(mag)
            if "/" in body and mono:
                body = f"({mag.numerator}/{mag.denominator})*{mono}"
            parts.append(("-" if c < 0 else "+", body))
        s = "".join(f" {sg} {b}" for sg, b in parts).strip()
        return s[2:] if s.startswith("+ ") else "-" + s[2:]


MAX_PRODUCT_TERMS = 250_000   # above the checker's 200 000-term limit on a node's K
MAX_PRODUCT_PAIRS = 2_500_000


def to_flint(p: "Poly"):
    """``p`` as a python-flint ``fmpq_mpoly`` (lex order, variables ``x0..``)."""
    import flint

    ctx = flint.fmpq_mpoly_ctx.get(("x", p.nvars), "lex")
    return ctx.from_dict({e: flint.fmpq(c.numerator, c.denominator) for e, c in p.terms.items()})


def from_flint(f, nvars: int) -> "Poly":
    """Inverse of :func:`to_flint`."""
    return Poly(nvars, {tuple(int(x) for x in e): Fraction(int(v.p), int(v.q)) for e, v in f.to_dict().items()})


def _flint_mul(a: "Poly", b: "Poly") -> "Poly":
    """Large products through python-flint's ``fmpq_mpoly`` (exact; measured 50-100x faster
    than the dictionary loop on products of a few hundred terms each)."""
    if len(a) * len(b) > MAX_PRODUCT_PAIRS:   # about 0.1 s per million pairs, in one C call
        raise TooLarge(f"a product needs more than {MAX_PRODUCT_PAIRS} term pairs")
    prod = to_flint(a) * to_flint(b)
    if len(prod) > MAX_PRODUCT_TERMS:   # converting it back is one long uninterruptible C call
        raise TooLarge(f"a product has more than {MAX_PRODUCT_TERMS} terms")
    return from_flint(prod, a.nvars)


def sum_of_squares(gens, nvars: int, tick=None, max_terms: int | None = None) -> "Poly":
    """``Σ w_i g_i²`` for ``gens = [(w_i, g_i)]``; ``tick()`` (e.g. a time check) before each square.

    With ``max_terms``, the sum is formed in python-flint and :class:`TooLarge` is raised before
    converting a result with more terms (that conversion is one long C call, which no deadline
    can interrupt).

    >>> x = Poly.variable(1, 0)
    >>> sum_of_squares([(2, x), (1, x * x)], 1).to_str(["x"])
    'x**4 + 2*x**2'
    >>> try:
    ...     sum_of_squares([(1, x + Poly.constant(1, 1))], 1, max_terms=2)
    ... except TooLarge as exc:
    ...     print(exc)
    the sum of squares has more than 2 terms
    """
    small = sum(len(g) ** 2 for _, g in gens) <= min(max_terms or 0, 4000)  # then at most max_terms terms
    if max_terms is not None and gens and nvars and not small:
        import flint

        total = None
        for w, g in gens:
            if tick is not None:
                tick()
            if len(g) ** 2 > MAX_PRODUCT_PAIRS:
                raise TooLarge(f"a square needs more than {MAX_PRODUCT_PAIRS} term pairs")
            f = to_flint(g)
            sq = f * f * flint.fmpq(Fraction(w).numerator, Fraction(w).denominator)
            total = sq if total is None else total + sq
            if len(total) > max_terms:
                raise TooLarge(f"the sum of squares has more than {max_terms} terms")
        return from_flint(total, nvars)
    out = Poly(nvars, {})
    for w, g in gens:
        if tick is not None:
            tick()
        out = out + (g * g).scale(w)
    return out


def _sum_terms(items):
    out: dict = {}
    for e, c in items:
        out[e] = out.get(e, Fraction(0)) + c
    return out


class TooLarge(ValueError):
    """Expanding the input would exceed the term budget."""


def mul_within(a: Poly, b: Poly, max_terms: int, max_products: int) -> Poly:
    """``a * b``, or :class:`TooLarge` when it needs more than ``max_products`` term products or
    has more than ``max_terms`` terms (the input budgets of the parsers)."""
    if len(a) * len(b) > max_products:
        raise TooLarge(f"expanding the polynomial needs more than {max_products} term products")
    out = a * b
    if len(out) > max_terms:
        raise TooLarge(f"the polynomial has more than {max_terms} terms when expanded")
    return out


def power_within(a: Poly, k: int, max_terms: int, max_products: int) -> Poly:
    """``a ** k`` by repeated squaring, each product through :func:`mul_within`."""
    result = Poly.constant(a.nvars, 1)
    while k:
        if k & 1:
            result = mul_within(result, a, max_terms, max_products)
        k >>= 1
        if k:
            a = mul_within(a, a, max_terms, max_products)
    return result


def from_sympy(expr, symbols, max_terms: int = 200_000, max_products: int = 3_000_000) -> Poly:
    """Convert a polynomial sympy expression in ``symbols`` to a :class:`Poly`.

    Walks the expression tree (Add, Mul, Pow with non-negative integer exponent, rationals,
    symbols) without calling ``expand``.  Raises ``ValueError`` for anything else.

    >>> import sympy
    >>> x, y = sympy.symbols("x y")
    >>> from_sympy((x - y)**2, [x, y]).to_str(["x", "y"])
    'x**2 - 2*x*y + y**2'
    """
    import sympy

    n = len(symbols)
    index = {s: i for i, s in enumerate(symbols)}

    def mul(a: Poly, b: Poly) -> Poly:
        return mul_within(a, b, max_terms, max_products)

    def power(a: Poly, k: int) -> Poly:
        return power_within(a, k, max_terms, max_products)

    def walk(e) -> Poly:
        if e.is_Symbol:
            if e not in index:
                raise ValueError(f"unexpected variable {e}")
            return Poly.variable(n, index[e])
        if e.is_Rational:
            return Poly.constant(n, Fraction(int(e.p), int(e.q)))
        if e.is_Add:
            acc = Poly(n, {})
            for a in e.args:
                acc = acc + walk(a)
            return acc
        if e.is_Mul:
            acc = Poly.constant(n, 1)
            for a in e.args:
                acc = mul(acc, walk(a))
            return acc
        if e.is_Pow and e.exp.is_Integer and int(e.exp) >= 0:
            return power(walk(e.base), int(e.exp))
        raise ValueError(f"not a polynomial with rational coefficients: {e}")

    return walk(sympy.sympify(expr) if not isinstance(expr, sympy.Basic) else expr)
