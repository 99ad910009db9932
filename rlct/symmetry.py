"""Problems equal up to a permutation of the variables: an invariant key and an explicit isomorphism.

A *shape* is what a local problem's value depends on, written as ``d`` variables with integer
labels (role, ``e_j``, side, ...) and a list of *items* ``(tag, terms)`` -- polynomials (their
order does not matter: they are compared as a multiset) with a hashable tag such as the weight
of a generator.  Two shapes are *isomorphic* when a permutation ``p`` of the variables maps one
onto the other: labels ``A[j] == B[p[j]]`` and the multiset of items of ``A`` with every
exponent ``a`` moved to ``b[p[j]] = a[j]`` equals that of ``B``.  An isomorphism preserves
``(λ, m)`` (a permutation of the coordinates preserves ``|y^e| dy`` and the orthants).

:func:`invariant` colours the variables by colour refinement (1-dimensional Weisfeiler-Leman on
the hypergraph of terms) and returns a key that isomorphic shapes share; :func:`find_perm`
searches an isomorphism between two shapes with equal keys by individualisation and refinement
(with a budget) and *verifies* it exactly, so a collision of the key (it uses ``hash`` of
integer / ``Fraction`` tuples, which does not depend on ``PYTHONHASHSEED``) can only cost time,
never give a wrong match.  Refinement never looks at the variables' indices, only at the
structure; the search takes the candidates in index order, so everything is deterministic.

>>> from fractions import Fraction as F
>>> A = Shape.of(2, [(0,), (0,)], [((1,), {(2, 0): F(1), (0, 4): F(1)})])   # x^2 + y^4
>>> B = Shape.of(2, [(0,), (0,)], [((1,), {(4, 0): F(1), (0, 2): F(1)})])   # x^4 + y^2
>>> A.key == B.key, find_perm(A, B)
(True, [1, 0])
>>> C = Shape.of(2, [(0,), (1,)], [((1,), {(4, 0): F(1), (0, 2): F(1)})])   # other labels
>>> A.key == C.key, find_perm(A, C)
(False, None)
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Shape", "find_perm", "permute_terms", "MAX_TERMS"]

MAX_TERMS = 4000      # shapes with more terms in all are not looked at (refinement cost)
SEARCH_BUDGET = 48    # refinements per isomorphism search
_IND = -0x5EED        # salt of an individualised colour


@dataclass
class Shape:
    """A problem up to renaming of its variables (see the module docstring)."""

    d: int
    labels: tuple
    items: tuple          # ((tag, ((exponent, coef), ...) sorted), ...) in the caller's order
    terms: tuple          # per item: [(coef, ((var, exp), ...))] -- the hypergraph of terms
    colors: tuple         # stable colouring
    key: tuple

    @staticmethod
    def of(d: int, labels, items) -> "Shape":
        labels = tuple(tuple(x) for x in labels)
        its = tuple((tag, tuple(sorted(terms.items()))) for tag, terms in items)
        hyper = tuple((tag, tuple((c, tuple((j, x) for j, x in enumerate(a) if x)) for a, c in ts))
                      for tag, ts in its)
        colors = _refine(d, hyper, [hash(lab) for lab in labels])
        key = (d, tuple(sorted(colors)), tuple(sorted(_item_colors(hyper, colors))))
        return Shape(d, labels, its, hyper, tuple(colors), key)


def _term_colors(hyper, colors):
    return [[hash((tag, c, tuple(sorted((colors[j], x) for j, x in supp)))) for c, supp in ts]
            for tag, ts in hyper]


def _item_colors(hyper, colors):
    return [hash((tag, tuple(sorted(tc)))) for (tag, _), tc in zip(hyper, _term_colors(hyper, colors))]


def _refine(d: int, hyper, colors) -> list:
    """Colour refinement to a stable colouring (each new colour includes the old one, so the
    partition only gets finer; it stops when the number of classes stays the same)."""
    colors = list(colors)
    n = len(set(colors))
    while True:
        inc = [[] for _ in range(d)]
        for (_, ts), tcs in zip(hyper, _term_colors(hyper, colors)):
            for (_, supp), tc in zip(ts, tcs):
                for j, x in supp:
                    inc[j].append((tc, x))
        new = [hash((colors[j], tuple(sorted(inc[j])))) for j in range(d)]
        m = len(set(new))
        colors = new
        if m == n:
            return colors
        n = m


def permute_terms(terms, p, d: int) -> dict:
    """``{b: c}`` with ``b[p[j]] = a[j]`` for every term ``a`` of ``terms`` (a dict or pairs)."""
    out = {}
    for a, c in (terms.items() if isinstance(terms, dict) else terms):
        b = [0] * d
        for j, x in enumerate(a):
            b[p[j]] = x
        out[tuple(b)] = c
    return out


def _verify(A: Shape, B: Shape, p) -> bool:
    if sorted(p) != list(range(A.d)) or any(A.labels[j] != B.labels[p[j]] for j in range(A.d)):
        return False
    mapped = sorted((tag, tuple(sorted(permute_terms(ts, p, A.d).items()))) for tag, ts in A.items)
    return mapped == sorted(B.items)


def find_perm(A: Shape, B: Shape, budget: int = SEARCH_BUDGET):
    """A verified isomorphism ``p`` (variable ``j`` of ``A`` is variable ``p[j]`` of ``B``), or
    ``None`` (not isomorphic, or not found within ``budget`` refinements)."""
    if A.d != B.d or A.key != B.key or len(A.items) != len(B.items):
        return None
    left = [budget]

    def search(ca, cb):
        if sorted(ca) != sorted(cb):
            return None
        classes: dict = {}
        for j, c in enumerate(ca):
            classes.setdefault(c, []).append(j)
        if all(len(v) == 1 for v in classes.values()):
            where = {c: j for j, c in enumerate(cb)}
            p = [where[c] for c in ca]
            return p if _verify(A, B, p) else None
        c = min((len(v), col) for col, v in classes.items() if len(v) > 1)[1]
        v = classes[c][0]
        if left[0] <= 0:
            return None
        left[0] -= 1
        ca2 = list(ca)
        ca2[v] = hash((c, _IND))
        ca2 = _refine(A.d, A.terms, ca2)
        for w in (j for j, col in enumerate(cb) if col == c):
            if left[0] <= 0:
                return None
            left[0] -= 1
            cb2 = list(cb)
            cb2[w] = hash((c, _IND))
            found = search(ca2, _refine(B.d, B.terms, cb2))
            if found is not None:
                return found
        return None

    return search(list(A.colors), list(B.colors))
