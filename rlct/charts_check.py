"""Checking hand-made blow-up charts: ``rlct.check_charts(K, charts)``.

A hand calculation of an RLCT resolves ``K`` with charts ``w = φ(y)`` after which
``K∘φ = y^k · R`` and ``|Jacobian| · prior∘φ = |y^h| · S`` with ``R`` and ``S`` units on the part
of the chart that lies over the point; then ``λ = min (h_j+1)/k_j`` over the divisors there and
``m`` the largest number of divisors attaining it at one point (the README's convention).
``check_charts`` re-does each chart exactly (rational arithmetic; sympy's real root isolation and
Gröbner bases, never floats), reports every place where a remainder vanishes, checks that the
charts cover a neighbourhood of the point, and compares the ``(λ, m)`` they imply with
:func:`rlct.rlct`.  The JSON format of the charts is in ``docs/charts.md``; in short:

* a chart is a substitution ``{"x": "x", "y": "x*y"}`` (old coordinate -> polynomial in the
  chart's coordinates, which keep the names; omitted coordinates are unchanged), or an object
  ``{"map": {...}, "then": [...]}`` whose ``then`` lists further charts in its coordinates;
* ``{"center": {"y": "1"}, "then": [...]}`` moves to a point (``y -> 1 + y``) -- a substitution
  ``{"y": "1 + y"}`` means the same, and ``{"x": "x", "y": "x*(1 + y)"}`` is read as the chart
  ``x = x, y = x*y`` followed by that move;
* ``{"blowup": ["x", "y"], "then": {"x": [...]}}`` stands for the standard charts of the
  blow-up of the origin (``x = x, y = x*y`` and ``x = x*y, y = y``);
* ``{"matrix": [[1, 2], [0, 1]]}`` is a toric chart ``w_i = Π_j y_j^{B[i][j]}`` (rows: old
  coordinates), used in every sign orthant, or in one with ``"signs": [1, -1]``.

Examples
--------
>>> r = check_charts("(x - y)**2", [{"x": "x", "y": "x*y"}, {"x": "x*y", "y": "y"}])
>>> r.agrees
False
>>> print(r.problems[0])  # doctest: +NORMALIZE_WHITESPACE
chart 1 (x = x, y = x*y): the remainder R = (y - 1)**2 of K∘φ = x**2·R vanishes at (x, y) = (0, 1)
on the divisor x = 0, so K is not normal crossing there; refine this chart there
(add {"center": {"y": "1"}} to its "then")
>>> good = [{"map": {"x": "x", "y": "x*y"}, "then": [{"center": {"y": "1"}}]}, {"x": "x*y", "y": "y"}]
>>> r = check_charts("(x - y)**2", good)
>>> r.agrees, r.implied
(True, (Fraction(1, 2), 1))
>>> check_charts("x**2 + y**4", [{"matrix": [[1, 2], [0, 1]]}, {"matrix": [[2, 0], [1, 1]]}]).implied
(Fraction(3, 4), 1)
"""
from __future__ import annotations

import itertools
import json
import sys
import time
from dataclasses import dataclass, field
from fractions import Fraction
from math import comb, gcd, prod

from resolve.linalg import det, det_poly
from resolve.poly import Poly, from_sympy

from .errors import RLCTInputError

__all__ = ["check_charts", "main"]

MAX_NODES = 2000          # charts (after expanding blow-ups and orthants) in one check
MAX_EXPONENT = 1000       # largest entry of a toric chart's matrix
MAX_GROEBNER_TERMS = 400  # a remainder larger than this on a face is not put through Gröbner bases
_KEYS = {"map", "then", "matrix", "vars", "signs", "blowup", "center"}
_ONE = Fraction(1)

Box = tuple  # per coordinate (pinned, lo, hi): pinned = 0 on the fiber, sides lo..hi; else lo <= y <= hi


@dataclass(eq=False)
class _Node:
    """One chart: its coordinates' pullbacks and the part of it that lies over the point."""

    label: str
    kind: str                 # "root" | "monomial" | "translation" | "change"
    K: Poly                   # K∘Φ
    P: Poly                   # Jacobian(Φ) · prior∘Φ
    phi: list                 # Φ: the local coordinates w - w0 in this chart's coordinates
    boxes: list               # the fiber over the point: a union of boxes
    parent: "_Node | None" = None
    B: list | None = None     # monomial chart: exponents, B[i][j] = exponent of y_j in w_i
    c: list | None = None     # monomial chart: coefficients
    S: tuple = ()             # monomial chart: the coordinates the map moves
    one_sided: bool = False   # toric chart (coordinates in [0, 1])
    shift: dict | None = None  # translation: coordinate -> centre
    family: str = ""          # the label as the user wrote it (orthant copies of a toric chart share it)
    children: list = field(default_factory=list)
    excl: list = field(default_factory=list)   # (T, p): children cover a neighbourhood of {y_T = p}
    k: tuple = ()
    R: Poly | None = None
    h: tuple = ()
    Srem: Poly | None = None


class _Ctx:
    def __init__(self, names):
        self.names = names
        self.d = len(names)
        self.nodes: list[_Node] = []
        self.problems: list[str] = []
        self.notes: list[str] = []

    def add(self, parent: _Node, node: _Node) -> _Node:
        if len(self.nodes) >= MAX_NODES:
            raise RLCTInputError(f"charts: more than {MAX_NODES} charts")
        node.parent = parent
        parent.children.append(node)
        self.nodes.append(node)
        return node

    def var(self, i: int) -> Poly:
        return Poly.variable(self.d, i)


# ----------------------------------------------------------------------------- readable output
def _show(p: Poly, names, limit: int = 160) -> str:
    """A polynomial as text, factored when it is small."""
    if len(p) <= 40:
        import sympy

        s = str(sympy.factor(p.to_sympy([sympy.Symbol(n) for n in names])))
    else:
        s = p.to_str(names)
    return s if len(s) <= limit else s[:limit] + " ..."


def _paren(s: str) -> str:
    """``s`` in parentheses when it is a sum at top level."""
    depth = 0
    for i, ch in enumerate(s):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and i > 0 and ch in "+-" and s[i - 1] == " ":
            return f"({s})"
    return s


def _mono(e, names) -> str:
    return "*".join(f"{n}**{a}" if a > 1 else n for n, a in zip(names, e) if a) or "1"


def _map_str(ctx: _Ctx, node: _Node, point) -> str:
    parts = []
    for n, f, w in zip(ctx.names, node.phi, point):
        body = _show(f, ctx.names, 60)
        parts.append(f"{n} = {body}" if not w else f"{n} = {w} + {body}")
    return ", ".join(parts)


def _pt(ctx: _Ctx, q) -> str:
    return f"({', '.join(ctx.names)}) = ({', '.join(str(v) for v in q)})"


# ----------------------------------------------------------------------------- polynomial helpers
def _mono_sub(p: Poly, B, c) -> Poly:
    """``p(w)`` with ``w_i = c_i · Π_j y_j^{B[i][j]}``."""
    d = len(B)
    out: dict = {}
    for e, coef in p.terms.items():
        v = coef * prod((Fraction(ci) ** a for ci, a in zip(c, e) if a), start=_ONE)
        f = tuple(sum(B[i][j] * e[i] for i in range(d)) for j in range(d))
        out[f] = out.get(f, 0) + v
    return Poly.from_dict(p.nvars, out)


def _compose(p: Poly, subs: list[Poly]) -> Poly:
    """``p(subs_0, ..., subs_{d-1})``."""
    powers: dict = {}

    def pw(i, a):
        if (i, a) not in powers:
            powers[(i, a)] = subs[i] ** a
        return powers[(i, a)]

    out = Poly(subs[0].nvars, {})
    for e, coef in p.terms.items():
        t = Poly.constant(subs[0].nvars, coef)
        for i, a in enumerate(e):
            if a:
                t = t * pw(i, a)
        out = out + t
    return out


def _with_values(p: Poly, values: dict) -> Poly:
    """Set the variables ``values`` (index -> rational) to constants (``nvars`` kept)."""
    out: dict = {}
    for e, coef in p.terms.items():
        f = list(e)
        for i, v in values.items():
            if e[i]:
                coef = coef * Fraction(v) ** e[i]
                f[i] = 0
        if coef:
            out[tuple(f)] = out.get(tuple(f), 0) + coef
    return Poly.from_dict(p.nvars, out)


def _inverse(M):
    """Inverse of a square rational matrix (Gauss-Jordan), or None when singular."""
    n = len(M)
    A = [[Fraction(x) for x in row] + [Fraction(int(i == j)) for j in range(n)] for i, row in enumerate(M)]
    for col in range(n):
        piv = next((r for r in range(col, n) if A[r][col]), None)
        if piv is None:
            return None
        A[col], A[piv] = A[piv], A[col]
        inv = 1 / A[col][col]
        A[col] = [x * inv for x in A[col]]
        for r in range(n):
            if r != col and A[r][col]:
                f = A[r][col]
                A[r] = [a - f * b for a, b in zip(A[r], A[col])]
    return [row[n:] for row in A]


def _matmul(A, B):
    return [[sum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))] for i in range(len(A))]


# ----------------------------------------------------------------------------- reading the charts
def _expr(obj, what: str):
    import sympy

    from .parse import parse_polynomial

    if isinstance(obj, bool) or not isinstance(obj, (str, int, Fraction, sympy.Basic)):
        raise RLCTInputError(f"{what}: expected a polynomial as a string, got {type(obj).__name__}")
    if isinstance(obj, sympy.Basic):
        return obj
    return parse_polynomial(str(obj), what=what)


def _rational(obj, what: str) -> Fraction:
    from .parse import parse_number

    if isinstance(obj, bool) or not isinstance(obj, (str, int, Fraction)):
        raise RLCTInputError(f"{what}: expected a rational number, got {type(obj).__name__}")
    if isinstance(obj, (int, Fraction)):
        return Fraction(obj)
    v = parse_number(obj, what)
    if not v.is_Rational:
        raise RLCTInputError(f"{what}: {obj!r} is not rational (irrational centres are not supported)")
    return Fraction(int(v.p), int(v.q))


def _index(ctx: _Ctx, name, what: str) -> int:
    if not isinstance(name, str) or name not in ctx.names:
        raise RLCTInputError(f"{what}: {name!r} is not a coordinate (coordinates: {', '.join(ctx.names)})")
    return ctx.names.index(name)


def _substitution(ctx: _Ctx, sub: dict, label: str) -> list[Poly]:
    import sympy

    syms = [sympy.Symbol(n) for n in ctx.names]
    out = [ctx.var(i) for i in range(ctx.d)]
    for key, val in sub.items():
        i = _index(ctx, key, f"chart {label}")
        e = _expr(val, f"chart {label}: {key}")
        bad = sorted(s.name for s in e.free_symbols if s.name not in ctx.names)
        if bad:
            raise RLCTInputError(f"chart {label}: {key}: '{bad[0]}' is not a coordinate "
                                 f"(coordinates: {', '.join(ctx.names)})")
        out[i] = from_sympy(e, syms)
    return out


def _as_monomial(psi: list[Poly]):
    """``(B, c)`` when every component is ``c_i · y^{B_i}``."""
    if any(len(p) != 1 for p in psi):
        return None
    B, c = [], []
    for p in psi:
        (e, coef), = p.terms.items()
        B.append(list(e))
        c.append(coef)
    return B, c


def _as_translation(psi: list[Poly]):
    """``{i: p_i}`` when every component is ``y_i + p_i`` (some ``p_i != 0``)."""
    d = len(psi)
    shift = {}
    for i, p in enumerate(psi):
        unit = tuple(int(j == i) for j in range(d))
        rest = {e: c for e, c in p.terms.items() if e != unit}
        if p.terms.get(unit) != 1 or any(any(e) for e in rest):
            return None
        if rest:
            shift[i] = rest[(0,) * d]
    return shift or None


def _as_monomial_after_move(psi: list[Poly], names):
    """``(B, c, shift)`` when ``w_i = c_i · Π_j (y_j + p_j)^{B[i][j]}`` with some ``p_j != 0``."""
    import sympy

    d = len(psi)
    syms = [sympy.Symbol(n) for n in names]
    B, c, shift = [], [], {}
    for p in psi:
        coef, factors = sympy.factor_list(p.to_sympy(syms))
        row = [0] * d
        for f, mult in factors:
            fp = from_sympy(f, syms)
            lin = [e for e in fp.terms if any(e)]
            if len(lin) != 1 or sum(lin[0]) != 1:
                return None
            j = lin[0].index(1)
            a = fp.terms[lin[0]]
            b = fp.constant_term() / a
            coef *= sympy.Rational(a.numerator, a.denominator) ** mult
            if shift.get(j, b) != b:
                return None
            shift[j] = b
            row[j] += int(mult)
        B.append(row)
        c.append(Fraction(int(sympy.Rational(coef).p), int(sympy.Rational(coef).q)))
    shift = {j: b for j, b in shift.items() if b}
    return (B, c, shift) if shift else None


def _can_be_zero(entry) -> bool:
    pinned, lo, hi = entry
    return pinned or lo <= 0 <= hi


def _transversals(rows: list[list[int]], S) -> list[frozenset]:
    """Minimal sets of coordinates meeting every row's support (where the chart maps to 0)."""
    out: list[frozenset] = []
    for size in range(len(S) + 1):
        for J in itertools.combinations(S, size):
            J = frozenset(J)
            if all(J & set(r) for r in rows) and not any(o <= J for o in out):
                out.append(J)
    return out


def _monomial(ctx: _Ctx, parent: _Node, B, c, label: str, one_sided: bool) -> _Node | None:
    d = ctx.d
    desc = ", ".join(f"{n} = {_show(Poly.from_dict(d, {tuple(B[i]): c[i]}), ctx.names)}" for i, n in enumerate(ctx.names))
    if any(x < 0 for row in B for x in row) or det(B) == 0 or any(not x for x in c):
        ctx.problems.append(f"chart {label} ({desc}): the map is degenerate (its Jacobian is identically 0)")
        return None
    ident = [[int(i == j) for j in range(d)] for i in range(d)]
    moved = {i for i in range(d) if B[i] != ident[i] or c[i] != 1}
    S = tuple(sorted(moved | {j for i in moved for j in range(d) if B[i][j]}))
    lo, hi = (Fraction(0), _ONE) if one_sided else (-_ONE, _ONE)
    boxes: list = []
    for beta in parent.boxes:
        if not all(_can_be_zero(beta[t]) for t in S):
            continue
        for J in _transversals([[j for j in S if B[i][j]] for i in S], S):
            box = tuple((j in J, lo, hi) if j in S else beta[j] for j in range(d))
            if box not in boxes:
                boxes.append(box)
    if not boxes:
        ctx.problems.append(f"chart {label} ({desc}): the origin of the coordinates it moves is not on "
                            f"the part of chart {parent.label} over the point")
        return None
    colsum = [sum(B[i][j] for i in range(d)) for j in range(d)]
    jac = Poly.from_dict(d, {tuple(s - 1 for s in colsum): det(B) * prod(c, start=_ONE)})
    node = _Node(label, "monomial", _mono_sub(parent.K, B, c), _mono_sub(parent.P, B, c) * jac,
                 [_mono_sub(f, B, c) for f in parent.phi], boxes, B=B, c=c, S=S, one_sided=one_sided)
    return ctx.add(parent, node)


def _translation(ctx: _Ctx, parent: _Node, shift: dict, label: str) -> _Node | None:
    boxes = []
    for beta in parent.boxes:
        if all((beta[t][0] and p == 0) or (not beta[t][0] and beta[t][1] <= p <= beta[t][2])
               for t, p in shift.items()):
            box = tuple((True, -_ONE, _ONE) if j in shift else beta[j] for j in range(ctx.d))
            if box not in boxes:
                boxes.append(box)
    where = ", ".join(f"{ctx.names[t]} = {p}" for t, p in sorted(shift.items()))
    if not boxes:
        ctx.problems.append(f"chart {label}: its centre ({where}) is not on the part of "
                            f"{_label(parent)} over the point")
        return None
    vec = [shift.get(i, 0) for i in range(ctx.d)]
    node = _Node(label, "translation", parent.K.translate(vec), parent.P.translate(vec),
                 [f.translate(vec) for f in parent.phi], boxes, shift=dict(shift))
    return ctx.add(parent, node)


def _change(ctx: _Ctx, parent: _Node, psi: list[Poly], label: str) -> _Node | None:
    desc = ", ".join(f"{n} = {_show(f, ctx.names)}" for n, f in zip(ctx.names, psi))
    if not all(all(e[0] for e in beta) for beta in parent.boxes):
        ctx.problems.append(f"chart {label} ({desc}): a map that is neither monomial nor a translation is "
                            "checked only at a point: move to the point first (a \"center\")")
        return None
    if any(f.constant_term() for f in psi):
        ctx.problems.append(f"chart {label} ({desc}): the map does not fix the origin of {_label(parent)}")
        return None
    jac = det_poly([[f.diff(j) for j in range(ctx.d)] for f in psi])
    if jac.constant_term() == 0:
        ctx.problems.append(f"chart {label} ({desc}): not a change of coordinates (its Jacobian vanishes at "
                            "the origin); write blow-ups as monomial maps")
        return None
    box = tuple((True, -_ONE, _ONE) for _ in range(ctx.d))
    node = _Node(label, "change", _compose(parent.K, psi), _compose(parent.P, psi) * jac,
                 [_compose(f, psi) for f in parent.phi], [box])
    return ctx.add(parent, node)


def _label(node: _Node) -> str:
    return "the point" if node.kind == "root" else f"chart {node.label}"


def _needed_signs(parent: _Node, S) -> list[tuple]:
    """Sign orthants (over ``S``) of the part of ``parent`` near ``{y_S = 0}``."""
    sides = {t: set() for t in S}
    for beta in parent.boxes:
        if not all(_can_be_zero(beta[t]) for t in S):
            continue
        for t in S:
            _, lo, hi = beta[t]
            if hi > 0:
                sides[t].add(1)
            if lo < 0:
                sides[t].add(-1)
    return list(itertools.product(*[sorted(sides[t], reverse=True) for t in S]))


def _add_charts(ctx: _Ctx, parent: _Node, specs, prefix: str) -> None:
    where = f"chart {prefix[:-1]}" if prefix else "charts"
    if not isinstance(specs, list):
        raise RLCTInputError(f"{where}: 'then' must be a list of charts")
    moved = []
    for i, spec in enumerate(specs, 1):
        _add_chart(ctx, parent, spec, f"{prefix}{i}", moved)
    for label, B, c, shift, then in moved:   # x = x, y = x*(1 + y): chart x = x, y = x*y, then y -> 1 + y
        host = next((n for n in parent.children if n.kind == "monomial" and not n.one_sided and n.B == B
                     and n.c == c), None)
        if host is None:
            host = _monomial(ctx, parent, B, c, f"{label}'s monomial part", one_sided=False)
        node = _translation(ctx, host, shift, label) if host is not None else None
        if node is not None:
            _add_charts(ctx, node, then, f"{label}.")


def _add_chart(ctx: _Ctx, parent: _Node, spec, label: str, moved: list) -> None:
    if not isinstance(spec, dict) or not spec:
        raise RLCTInputError(f"chart {label}: expected an object such as {{\"x\": \"x\", \"y\": \"x*y\"}}")
    plain = {k: v for k, v in spec.items() if k not in _KEYS}
    if plain and "map" not in spec:   # {"x": "x", "y": "x*y", "then": [...]}
        spec = {"map": plain, **{k: v for k, v in spec.items() if k in _KEYS}}
    unknown = sorted(set(spec) - _KEYS)
    if unknown:
        raise RLCTInputError(f"chart {label}: unknown key '{unknown[0]}' (keys: {', '.join(sorted(_KEYS))})")
    then = spec.get("then", [])
    if "center" in spec:
        center = spec["center"]
        if not isinstance(center, dict) or not center:
            raise RLCTInputError(f"chart {label}: 'center' must be an object such as {{\"y\": \"1\"}}")
        shift = {_index(ctx, k, f"chart {label}: center"): _rational(v, f"chart {label}: center {k}")
                 for k, v in center.items()}
        node = _translation(ctx, parent, shift, label)
        rest = {k: v for k, v in spec.items() if k != "center"}
        if node is not None:
            _add_charts(ctx, node, [rest] if rest.keys() & {"map", "matrix", "blowup"} else then, f"{label}.")
        return
    kinds = sorted(set(spec) & {"map", "matrix", "blowup"})
    if len(kinds) != 1:
        raise RLCTInputError(f"chart {label}: give one of map, matrix, blowup (or a center)")
    if "blowup" in spec:
        _blowup(ctx, parent, spec, label)
    elif "matrix" in spec:
        _toric(ctx, parent, spec, label)
    else:
        if not isinstance(spec["map"], dict):
            raise RLCTInputError(f"chart {label}: 'map' must be an object such as {{\"y\": \"x*y\"}}")
        psi = _substitution(ctx, spec["map"], label)
        mono = _as_monomial(psi)
        shift = _as_translation(psi) if mono is None else None
        after = _as_monomial_after_move(psi, ctx.names) if mono is None and shift is None else None
        if mono is not None:
            node = _monomial(ctx, parent, mono[0], mono[1], label, one_sided=False)
        elif shift is not None:
            node = _translation(ctx, parent, shift, label)
        elif after is not None:
            moved.append((label, *after, then))
            return
        else:
            node = _change(ctx, parent, psi, label)
        if node is not None:
            _add_charts(ctx, node, then, f"{label}.")


def _blowup(ctx: _Ctx, parent: _Node, spec, label: str) -> None:
    vs = spec["blowup"]
    if not isinstance(vs, list) or not vs:
        raise RLCTInputError(f"chart {label}: 'blowup' must be a list of coordinates")
    idx = [_index(ctx, v, f"chart {label}: blowup") for v in vs]
    if len(set(idx)) != len(idx):
        raise RLCTInputError(f"chart {label}: a coordinate is blown up twice")
    then = spec.get("then", {})
    if not isinstance(then, dict) or any(k not in vs for k in then):
        raise RLCTInputError(f"chart {label}: the 'then' of a blowup maps a blown-up coordinate to its "
                             "chart's further charts, e.g. {\"x\": [...]}")
    for i, name in zip(idx, vs):
        B = [[int(a == b) for b in range(ctx.d)] for a in range(ctx.d)]
        for j in idx:
            B[j][i] = 1
        node = _monomial(ctx, parent, B, [_ONE] * ctx.d, f"{label}[{name}]", one_sided=False)
        if node is not None:
            _add_charts(ctx, node, then.get(name, []), f"{label}[{name}].")


def _toric(ctx: _Ctx, parent: _Node, spec, label: str) -> None:
    vs = spec.get("vars", list(ctx.names))
    if not isinstance(vs, list):
        raise RLCTInputError(f"chart {label}: 'vars' must be a list of coordinates")
    idx = [_index(ctx, v, f"chart {label}: vars") for v in vs]
    M = spec["matrix"]
    n = len(idx)
    if (not isinstance(M, list) or len(M) != n or len(set(idx)) != n
            or any(not isinstance(r, list) or len(r) != n for r in M)
            or any(isinstance(x, bool) or not isinstance(x, int) or not 0 <= x <= MAX_EXPONENT for r in M for x in r)):
        raise RLCTInputError(f"chart {label}: 'matrix' must be a {n}x{n} list of integers 0..{MAX_EXPONENT} "
                             "(row i: the exponents of the chart's coordinates in the i-th old coordinate)")
    B = [[int(a == b) for b in range(ctx.d)] for a in range(ctx.d)]
    for a, i in enumerate(idx):
        for b, j in enumerate(idx):
            B[i][j] = M[a][b]
    if "signs" in spec:
        s = spec["signs"]
        if not isinstance(s, list) or len(s) != n or any(x not in (1, -1) or isinstance(x, bool) for x in s):
            raise RLCTInputError(f"chart {label}: 'signs' must be a list of {n} numbers 1 or -1")
        orthants = [tuple(s)]
    else:
        moved = tuple(sorted({i for i in idx}))
        by_index = dict(zip(moved, range(len(moved))))
        orthants = [tuple(o[by_index[i]] for i in idx) for o in _needed_signs(parent, moved)]
    for s in orthants:
        c = [_ONE] * ctx.d
        for i, si in zip(idx, s):
            c[i] = Fraction(si)
        tag = "" if "signs" in spec else "[" + "".join("+" if x > 0 else "-" for x in s) + "]"
        node = _monomial(ctx, parent, B, c, label + tag, one_sided=True)
        if node is not None:
            node.family = label
            _add_charts(ctx, node, spec.get("then", []), f"{label}{tag}.")


# ----------------------------------------------------------------------------- cones cover the orthant
def _in_cone(cols, v) -> bool:
    """Is ``v`` in the cone spanned by the columns of the square matrix ``cols``?"""
    inv = _inverse(cols)
    return all(sum(a * b for a, b in zip(row, v)) >= 0 for row in inv)


def _cones_cover(cones: list, dim: int):
    """Whether closed simplicial cones (square matrices, rays as columns) cover ``R^dim_{>=0}``.

    Returns ``(True, None)``, ``(False, witness direction)`` or ``(None, reason)``.

    >>> _cones_cover([[[1, 1], [0, 1]], [[1, 0], [1, 1]]], 2)
    (True, None)
    >>> _cones_cover([[[1, 0], [1, 1]]], 2)
    (False, (2, 1))
    """
    if not cones:
        return False, (1,) * dim
    if dim == 1:
        return True, None
    if dim == 2:   # angular intervals, parametrised by t = b / (a + b) for a ray (a, b)
        iv = sorted(sorted(Fraction(col[1], col[0] + col[1]) for col in zip(*B)) for B in cones)
        reach = Fraction(0)
        for lo, hi in iv:
            if lo > reach:
                break
            reach = max(reach, hi)
        if reach >= 1:
            return True, None
        nxt = min((lo for lo, _ in iv if lo > reach), default=_ONE)
        ray = [(t.denominator - t.numerator, t.numerator) for t in (reach, nxt)]   # primitive rays
        return False, (ray[0][0] + ray[1][0], ray[0][1] + ray[1][1])                 # between them
    rays = [list(col) for B in cones for col in zip(*B)]
    basis = [[int(i == j) for j in range(dim)] for i in range(dim)]
    cands = basis + [[1] * dim] + rays + [[a + b for a, b in zip(r, s)] for r, s in itertools.combinations(rays + basis, 2)]
    for v in cands:
        if not any(_in_cone(B, v) for B in cones):
            for k in (2 ** i for i in range(12)):   # a direction inside the open orthant near v
                w = [k * a + 1 for a in v]
                if not any(_in_cone(B, w) for B in cones):
                    return False, tuple(w)
            return False, None
    vols = [abs(det(B)) / prod(sum(col) for col in zip(*B)) for B in cones]
    if sum(vols) < 1:
        return False, None
    from resolve.cones import ConeError, extreme_rays
    from resolve.linalg import rank

    def facets(B):
        return [[int(x * _lcm(row)) for x in row] for row in _inverse(B)]

    def overlap(A, Bm):
        inter = extreme_rays(facets(A) + facets(Bm))
        return bool(inter) and rank(inter) == dim

    try:   # cones chosen greedily with pairwise disjoint interiors whose volumes fill the orthant
        chosen = []
        for B, v in sorted(zip(cones, vols), key=lambda t: -t[1]):
            if not any(overlap(A, B) for A in chosen):
                chosen.append(B)
    except ConeError:
        return None, "the cones are too large to compare"
    if sum(abs(det(B)) / prod(sum(col) for col in zip(*B)) for B in chosen) == 1:
        return True, None
    return None, "the charts' cones overlap (give charts whose cones meet only along faces)"


def _lcm(row) -> int:
    out = 1
    for x in row:
        q = Fraction(x).denominator
        out = out * q // gcd(out, q)
    return out


def _check_cover(ctx: _Ctx, parent: _Node) -> None:
    kids = [n for n in parent.children if n.kind == "monomial"]
    S = tuple(sorted({t for n in kids for t in n.S}))
    if not kids or not S:
        return
    names = [ctx.names[t] for t in S]
    fams = list(dict.fromkeys(n.family or n.label for n in kids))
    who = f"chart {fams[0]} does" if len(fams) == 1 else f"charts {', '.join(fams)} do"
    where = "the point" if parent.kind == "root" else f"the origin of chart {parent.label}"
    scaled = [n.family or n.label for n in kids if any(abs(n.c[i]) != 1 for i in S)]
    if scaled:   # x = u, y = u*v/2 leaves |x|/2 < |y| < |x| to no chart: the cones alone do not tell
        ctx.problems.append(f"{who}: cannot verify that they cover a neighbourhood of {where}: chart "
                            f"{scaled[0]} scales a coordinate (write monomial charts with coefficients 1 or -1)")
        return
    needed = _needed_signs(parent, S)
    failures: dict = {}
    for s in needed:
        cones = []
        for n in kids:
            for t in itertools.product(*[(1,) if n.one_sided else (1, -1) for _ in S]):
                img = tuple((1 if n.c[i] > 0 else -1) * prod((tj ** n.B[i][j] for tj, j in zip(t, S)), start=1)
                            for i in S)
                if img == s:
                    cones.append([[n.B[i][j] for j in S] for i in S])
                    break
        ok, info = _cones_cover(cones, len(S))
        if ok is not True:
            failures.setdefault((ok, info), []).append(s)
    for (ok, info), orthants in failures.items():
        inside = ("every orthant" if len(orthants) == len(needed) and len(needed) > 1 else
                  "the orthant" + ("s " if len(orthants) > 1 else " ") + "; ".join(
                      ", ".join(f"{v} {'>' if si > 0 else '<'} 0" for v, si in zip(names, s)) for s in orthants))
        if ok is False:
            curve = ""
            if info is not None:
                w = [f"{'-' if si < 0 else ''}t{'**' + str(a) if a != 1 else ''}" for si, a in zip(orthants[0], info)]
                curve = f": e.g. the points {', '.join(f'{v} = {x}' for v, x in zip(names, w))} (t -> 0+) are in no chart"
            ctx.problems.append(f"{who} not cover a neighbourhood of {where} in {inside}{curve}")
        else:
            ctx.problems.append(f"{who}: cannot verify that they cover a neighbourhood of {where} in "
                                f"{inside}: {info}")


# ----------------------------------------------------------------------------- zeros on the fiber
def _definite(g: Poly, iv: dict, depth: int = 0, max_depth: int = 3) -> bool:
    """True when ``g`` has no zero on the box ``iv`` (index -> (lo, hi)): all Bernstein
    coefficients of one strict sign, on the box or on up to ``2**max_depth`` pieces of it."""
    if g.is_zero():
        return False
    idx = sorted(iv)
    h = g.translate([iv[j][0] if j in iv else 0 for j in range(g.nvars)])
    terms = {}
    for e, c in h.terms.items():
        for j in idx:
            c *= (iv[j][1] - iv[j][0]) ** e[j]
        terms[tuple(e[j] for j in idx)] = c
    degs = [max(e[k] for e in terms) for k in range(len(idx))]
    if prod(d + 1 for d in degs) > 20000:
        return False
    coef = {I: terms.get(I, Fraction(0)) for I in itertools.product(*[range(d + 1) for d in degs])}
    for k, dk in enumerate(degs):
        new = {}
        for I in coef:
            new[I] = sum((Fraction(comb(I[k], j), comb(dk, j)) * coef[I[:k] + (j,) + I[k + 1:]]
                          for j in range(I[k] + 1)), Fraction(0))
        coef = new
    vals = coef.values()
    if all(v > 0 for v in vals) or all(v < 0 for v in vals):
        return True
    if depth >= max_depth or not idx:
        return False
    j = max(idx, key=lambda t: iv[t][1] - iv[t][0])
    lo, hi = iv[j]
    mid = (lo + hi) / 2
    return all(_definite(g, {**iv, j: part}, depth + 1, max_depth) for part in ((lo, mid), (mid, hi)))


def _roots(g: Poly, j: int, lo, hi, closed: bool, name: str = "t"):
    """Real roots of ``g`` (a polynomial in variable ``j`` only) in the interval: the rational ones,
    and isolating intervals of the irrational ones (minimal polynomial in ``name``, ends)."""
    import sympy

    t = sympy.Symbol(name)
    expr = sympy.Add(*[sympy.Rational(c.numerator, c.denominator) * t ** e[j] for e, c in g.terms.items()])
    rational, irrational = [], []
    for f, _ in sympy.factor_list(sympy.Poly(expr, t, domain="QQ"))[1]:
        if f.degree() == 1:
            a, b = f.all_coeffs()
            r = Fraction(int((-b / a).p), int((-b / a).q))
            if lo < r < hi or (closed and r in (lo, hi)):
                rational.append(r)
        else:
            inf, sup = sympy.Rational(lo.numerator, lo.denominator), sympy.Rational(hi.numerator, hi.denominator)
            for (a, b), _ in f.intervals(inf=inf, sup=sup, eps=sympy.Rational(1, 1000)):
                irrational.append((str(f.as_expr()), a, b))
    return sorted(set(rational)), irrational


def _excluded(q, excl) -> bool:
    return any(all(q[t] == p for t, p in zip(T, ps)) for T, ps in excl)


def _box_covered(beta, excl) -> bool:
    return any(all(beta[t][0] and p == 0 for t, p in zip(T, ps)) for T, ps in excl)


def _zeros(ctx: _Ctx, node: _Node, f: Poly, semidefinite: bool):
    """Zeros of ``f`` on the part of the node's fiber that its children do not cover.

    Returns ``(points, issues)``: rational points (coordinate tuples), and ``(where, text)`` for
    zeros that are not rational points or could not be decided."""
    points: list = []
    issues: list = []
    for beta in node.boxes:
        if _box_covered(beta, node.excl):
            continue
        pinned = [j for j, e in enumerate(beta) if e[0]]
        free = {j: (e[1], e[2]) for j, e in enumerate(beta) if not e[0]}
        g = f.restrict_zero(pinned)
        where = " and ".join(f"{ctx.names[j]} = 0" for j in pinned) or "the chart"
        if g.is_zero():
            if free:
                issues.append((where, "vanishes on all of it"))
            elif not _excluded(tuple(Fraction(0) for _ in beta), node.excl):
                points.append(tuple(Fraction(0) for _ in beta))
            continue
        if not free or _definite(g, free):
            continue
        if len(free) == 1:
            faces = [({}, free)]
        elif semidefinite:
            faces = _faces(free)
        else:
            issues.append((where, "could not be shown to have no zero there"))
            continue
        for fixed, opn in faces:
            pts, iss = _face_zeros(ctx, g, fixed, opn, node.excl, closed=len(free) == 1)
            points += [p for p in pts if p not in points]
            issues += [(where, i) for i in iss if (where, i) not in issues]
    return points, issues


def _faces(free: dict):
    """The open faces of the sign pieces of the box (each coordinate interval split at 0)."""
    pieces = {j: ([(lo, Fraction(0)), (Fraction(0), hi)] if lo < 0 < hi else [(lo, hi)]) for j, (lo, hi) in free.items()}
    seen, out = set(), []
    idx = sorted(free)
    for sub in itertools.product(*[pieces[j] for j in idx]):
        for choice in itertools.product((0, 1, 2), repeat=len(idx)):
            fixed = {j: iv[ch] for j, iv, ch in zip(idx, sub, choice) if ch < 2}
            opn = {j: iv for j, iv, ch in zip(idx, sub, choice) if ch == 2}
            key = (tuple(sorted(fixed.items())), tuple(sorted(opn.items())))
            if key not in seen:
                seen.add(key)
                out.append((fixed, opn))
    return out


def _face_zeros(ctx: _Ctx, g: Poly, fixed: dict, opn: dict, excl, closed: bool):
    """Zeros of ``g`` on a face: ``fixed`` coordinates set, ``opn`` ones in open intervals (closed
    when ``closed``).  With two or more open coordinates ``g`` must not change sign on the face
    (then every zero is a critical point)."""
    names = ctx.names
    d = ctx.d
    base = [Fraction(0)] * d
    for j, v in fixed.items():
        base[j] = v
    relevant = []
    for T, ps in excl:
        if any(t not in opn and base[t] != p for t, p in zip(T, ps)):
            continue
        if all(t not in opn for t in T):
            return [], []        # the whole face is covered by a child
        relevant.append([(t, p) for t, p in zip(T, ps) if t in opn])
    h = _with_values(g, fixed)
    if not opn:
        return ([tuple(base)] if h.constant_term() == 0 and not _excluded(tuple(base), excl) else []), []
    if len(opn) == 1:
        (j, (lo, hi)), = opn.items()
        rat, irr = _roots(h, j, lo, hi, closed, names[j])
        pts = []
        for r in rat:
            q = list(base)
            q[j] = r
            if not _excluded(tuple(q), excl):
                pts.append(tuple(q))
        at = "".join(f", {names[t]} = {v}" for t, v in sorted(fixed.items()))
        return pts, [f"vanishes at the irrational point {names[j]} = the root of {p} in [{a}, {b}]{at}, so K is "
                     "not normal crossing there (centres of further charts must be rational so far)"
                     for p, a, b in irr]
    if _definite(h, opn, max_depth=1):
        return [], []
    return _critical_zeros(ctx, h, base, opn, relevant, excl)


def _critical_zeros(ctx: _Ctx, h: Poly, base, opn: dict, relevant, excl):
    import sympy

    if len(h) > MAX_GROEBNER_TERMS:
        return [], [f"is too large to decide its zeros ({len(h)} terms)"]
    syms = [sympy.Symbol(f"_c{j}") for j in range(ctx.d)]
    O = sorted(opn)
    gens = [syms[j] for j in O]
    g = h.to_sympy(syms)
    F = [g] + [sympy.diff(g, s) for s in gens]
    rab = sympy.Symbol("_rab")
    away = sympy.Mul(*[sympy.Add(*[(syms[t] - sympy.Rational(p.numerator, p.denominator)) ** 2 for t, p in r])
                      for r in relevant])
    if list(sympy.groebner(F + [1 - rab * away], *gens, rab, order="grevlex")) == [1]:
        return [], []
    G = sympy.groebner(F, *gens, order="grevlex")
    if not G.is_zero_dimensional:
        return [], ["and its gradient vanish together on a set of positive dimension (R may vanish along "
                    "a curve or more there): not checked further"]
    candidates = []
    for s, j in zip(gens, O):
        others = [x for x in gens if x != s]
        elim = list(sympy.groebner(F, *others, s, order="lex"))[-1]
        if not elim.free_symbols <= {s}:
            return [], ["vanishes with its gradient at points that could not be isolated: not checked further"]
        p = Poly.from_dict(ctx.d, {tuple(int(k == j) * e for k in range(ctx.d)): Fraction(int(c.p), int(c.q))
                                   for (e,), c in sympy.Poly(elim, s).terms()})
        rat, irr = _roots(p, j, *opn[j], closed=False, name=ctx.names[j])
        if not rat and not irr:
            return [], []
        if irr:
            return [], [f"may vanish at a point with irrational {ctx.names[j]} (a root of "
                        f"{irr[0][0]}): not checked further"]
        candidates.append(rat)
    pts = []
    for combo in itertools.product(*candidates):
        q = list(base)
        for j, v in zip(O, combo):
            q[j] = v
        if h.evaluate(q) == 0 and not _excluded(tuple(q), excl):
            pts.append(tuple(q))
    return pts, []


# ----------------------------------------------------------------------------- the same point in two charts
def _same_point(a: _Node, q, b: _Node):
    """The point ``q`` of monomial chart ``a`` in the coordinates of its sibling ``b`` (same
    parent, both monomial), when the two charts are isomorphic near it; else None."""
    S = tuple(sorted(set(a.S) | set(b.S)))
    MA = [[a.B[i][j] for j in S] for i in S]
    MB = [[b.B[i][j] for j in S] for i in S]
    iB, iA = _inverse(MB), _inverse(MA)
    if iA is None or iB is None:
        return None
    M, Minv = _matmul(iB, MA), _matmul(iA, MB)
    if any(x.denominator != 1 for row in M + Minv for x in row):
        return None
    ratio = [a.c[i] / b.c[i] for i in S]
    if any(abs(r) != 1 for r in ratio):
        return None
    sign = next((s for s in itertools.product((1, -1), repeat=len(S))
                 if all(prod((sj ** MB[r][j] for j, sj in enumerate(s)), start=1) == ratio[r] for r in range(len(S)))),
                None)
    if sign is None:
        return None

    def apply(point, E, signs):
        out = list(point)
        for r, i in enumerate(S):
            v = Fraction(signs[r])
            for k, t in enumerate(S):
                e = int(E[r][k])
                if point[t] == 0:
                    if e < 0:
                        return None
                    if e > 0:
                        v = Fraction(0)
                elif e:
                    v *= point[t] ** e
            out[i] = v
        return tuple(out)

    qb = apply(q, M, sign)
    if qb is None or apply(qb, Minv, (1,) * len(S)) is None:
        return None
    for beta in b.boxes:
        if all((e[0] and v == 0) or (not e[0] and e[1] <= v <= e[2]) for e, v in zip(beta, qb)):
            return qb
    return None


# ----------------------------------------------------------------------------- values
def _ratios(node: _Node) -> dict:
    return {j: Fraction(node.h[j] + 1, node.k[j]) for j in range(len(node.k)) if node.k[j] > 0}


def _face_covered(beta, Z, excl) -> bool:
    """Is the face ``beta ∩ {y_Z = 0}`` covered by the children (``excl``)?"""
    fixed = {j: Fraction(0) for j, e in enumerate(beta) if e[0] or j in Z}
    fixed.update({j: e[1] for j, e in enumerate(beta) if j not in fixed and e[1] == e[2]})
    point = len(fixed) == len(beta)
    for T, ps in excl:
        if all(t in fixed and fixed[t] == p for t, p in zip(T, ps)):
            return True
    return point and _excluded(tuple(fixed[j] for j in range(len(beta))), excl)


def _value(node: _Node):
    """``(λ, m)`` of the part of the chart not covered by its children (None: nothing of it is used)."""
    ratios = _ratios(node)
    best = None
    for beta in node.boxes:
        avail = [j for j in ratios if _can_be_zero(beta[j])]
        for j in avail:
            if not _face_covered(beta, {j}, node.excl) and (best is None or ratios[j] < best):
                best = ratios[j]
    if best is None:
        return None
    m = 0
    for beta in node.boxes:
        att = [j for j in ratios if ratios[j] == best and _can_be_zero(beta[j])]
        for size in range(len(att), m, -1):
            if any(not _face_covered(beta, set(Z), node.excl) for Z in itertools.combinations(att, size)):
                m = size
                break
    return best, m


# ----------------------------------------------------------------------------- the check
def _analyse(ctx: _Ctx, root: _Node, point) -> tuple:
    for node in ctx.nodes:
        mono = [n for n in node.children if n.kind == "monomial"]
        S = tuple(sorted({t for n in mono for t in n.S}))
        node.excl = ([(S, (Fraction(0),) * len(S))] if mono else [])
        node.excl += [(tuple(sorted(n.shift)), tuple(n.shift[t] for t in sorted(n.shift)))
                      for n in node.children if n.kind == "translation"]
        node.excl += [((), ()) for n in node.children if n.kind == "change"]
        node.k = node.K.min_exponents()
        node.R = node.K.div_monomial(node.k)
        node.h = node.P.min_exponents()
        node.Srem = node.P.div_monomial(node.h)
    for node in ctx.nodes:
        _check_cover(ctx, node)
    reported: list = []
    lines: list = []
    for node in ctx.nodes:
        head = "the point itself" if node.kind == "root" else f"chart {node.label} ({_map_str(ctx, node, point)})"
        kmono = _mono(node.k, ctx.names)
        pts, issues = _zeros(ctx, node, node.R, semidefinite=True)
        for q in pts:
            reps = [(b, _same_point(node, q, b)) for b in node.parent.children
                    if node.kind == "monomial" and b is not node and b.kind == "monomial"] if node.parent else []
            reps = [(b, qb) for b, qb in reps if qb is not None]
            if any(_excluded(qb, b.excl) for b, qb in reps):
                continue
            if any((b, qb) in reported for b, qb in reps):
                continue
            reported.append((node, q))
            on = " and ".join(f"{ctx.names[j]} = 0" for j in range(ctx.d) if q[j] == 0 and node.k[j] > 0)
            nz = {ctx.names[j]: str(v) for j, v in enumerate(q) if v}
            hint = ("give charts that resolve it" if node.kind == "root" else
                    f"refine this chart there (add {json.dumps({'center': nz})} to its \"then\")" if nz
                    else "blow up again at the origin of this chart (charts in its \"then\")")
            ctx.problems.append(f"{head}: the remainder R = {_show(node.R, ctx.names)} of K∘φ = {kmono}·R "
                                f"vanishes at {_pt(ctx, q)}{' on the divisor ' + on if on else ''}, so K is not "
                                f"normal crossing there; {hint}")
        for where, i in issues:
            ctx.problems.append(f"{head}: on {{{where}}} the remainder R = {_show(node.R, ctx.names)} of "
                                f"K∘φ = {kmono}·R {i}")
        spts, sissues = _zeros(ctx, node, node.Srem, semidefinite=False)
        for where, i in [("the fiber", f"vanishes at {_pt(ctx, q)}") for q in spts] + sissues:
            ctx.problems.append(f"{head}: on {{{where}}} the remainder S = {_show(node.Srem, ctx.names)} of "
                                f"|Jacobian|·prior = |{_mono(node.h, ctx.names)}|·|S| {i}")
        val = _value(node)
        refined = all(_box_covered(beta, node.excl) for beta in node.boxes)
        if not (refined and node.kind == "root"):
            ratios = ", ".join(f"{ctx.names[j]}: {r}" for j, r in _ratios(node).items())
            used = ("refined everywhere by its own charts" if refined else
                    f"no divisor here (λ = +∞)" if val is None else
                    f"ratios (h+1)/k {ratios} -> (λ, m) = ({val[0]}, {val[1]})")
            lines.append(f"{head}: K∘φ = {kmono}·{_paren(_show(node.R, ctx.names, 60))}, |Jacobian·prior| = "
                         f"|{_mono(node.h, ctx.names)}|·|{_show(node.Srem, ctx.names, 40)}|; {used}")
    values = [v for v in (_value(n) for n in ctx.nodes) if v is not None]
    lam = min((v[0] for v in values), default=None)
    m = max((v[1] for v in values if v[0] == lam), default=None)
    return lam, m, lines


def check_charts(K, charts, vars=None, at=None, prior=None, timeout: float | None = 60.0):
    """Check hand-made charts for ``K`` exactly and compare the ``(λ, m)`` they imply with :func:`rlct`.

    Parameters
    ----------
    K : str or sympy expression
        The polynomial ``K(w) >= 0``.
    charts : list, dict or str
        The charts (``docs/charts.md``): a list of charts, ``{"charts": [...], "vars": [...]}``, or
        that as JSON text.  Their coordinates are ``w - w0``, named like the variables.
    vars, at, prior : as for :func:`rlct.rlct`.
    timeout : seconds for :func:`rlct.rlct`, and again for checking the charts.

    Returns
    -------
    rlct.CheckResult
        ``agrees`` is True when every chart is verified (remainders are units where the chart is
        used, no chart degenerate) and the charts cover a neighbourhood of the point; ``problems``
        lists what is wrong, one line each; ``implied`` is the ``(λ, m)`` the charts give (when
        they agree); ``computed`` the :class:`rlct.RLCTResult`; ``explanation`` all of it as text.

    Examples
    --------
    >>> check_charts("x**2*y**2", [{"blowup": ["x", "y"]}]).implied
    (Fraction(1, 2), 2)
    >>> r = check_charts("x**2*y**2", [{"x": "x", "y": "x*y"}])
    >>> r.agrees, "does not cover" in r.problems[0]
    (False, True)
    """
    import sympy

    from resolve.watchdog import HardTimeout, hard_deadline

    from .api import rlct
    from .claims import CheckResult

    if isinstance(charts, bytes):
        charts = charts.decode("utf-8", errors="replace")
    if isinstance(charts, str):
        try:
            charts = json.loads(charts)
        except json.JSONDecodeError as exc:
            raise RLCTInputError(f"charts: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(charts, dict) and "charts" in charts:
        extra = sorted(set(charts) - {"charts", "vars"})
        if extra:
            raise RLCTInputError(f"charts: unknown key '{extra[0]}' at the top level (keys: charts, vars)")
        if vars is None and "vars" in charts:
            vars = charts["vars"]
            if not isinstance(vars, list) or not all(isinstance(v, str) for v in vars):
                raise RLCTInputError("charts: 'vars' must be a list of names")
        charts = charts["charts"]
    if not isinstance(charts, list):
        raise RLCTInputError("charts: expected a list of charts (or {\"charts\": [...]})")
    res = rlct(K, vars=vars, at=at, prior=prior, timeout=timeout)
    names = list(res.vars)
    syms = [sympy.Symbol(n) for n in names]
    w0 = [Fraction(res.point[n]) for n in names]
    Kp = from_sympy(_expr(K, "K"), syms).translate(w0)
    Pp = (from_sympy(_expr(prior, "prior"), syms).translate(w0) if prior is not None
          else Poly.constant(len(names), 1))
    ctx = _Ctx(names)
    root = _Node("", "root", Kp, Pp, [ctx.var(i) for i in range(ctx.d)],
                 [tuple((True, -_ONE, _ONE) for _ in names)])
    ctx.nodes.append(root)
    at_text = ", ".join(f"{n}={v}" for n, v in res.point.items() if v != "0") or "the origin"
    computed = (f"({res.lam}, {res.m})" if res.status == "exact" else
                "λ = +∞ (K does not vanish there)" if res.status == "not-a-zero" else
                f"only {res.lambda_lower} <= λ <= {res.lambda_upper} ({res.reason})")
    lam = m = None
    lines: list = []
    try:
        with hard_deadline(time.monotonic() + timeout if timeout else None):
            try:
                _add_charts(ctx, root, charts, "")
            except RecursionError:
                raise RLCTInputError("charts: nested too deeply") from None
            if Kp.constant_term() != 0:
                ctx.problems.append("K does not vanish at the point: there is nothing to resolve (λ = +∞)")
            else:
                lam, m, lines = _analyse(ctx, root, w0)
    except HardTimeout:
        ctx.problems.append(f"the charts could not be checked within {timeout} s")
    problems = list(ctx.problems)
    if not problems and res.status == "exact" and (lam, m) != (res.lam, res.m):
        problems.append(f"the charts imply (λ, m) = ({lam}, {m}) but rlct computes ({res.lam}, {res.m}): "
                        "one of the two is wrong (please report this)")
    agrees = not problems
    out = []
    if agrees:
        out.append(f"The charts resolve K = {res.K} at {at_text} and cover a neighbourhood of it: they "
                   f"imply (λ, m) = ({lam}, {m}); rlct computes {computed}.")
    else:
        out.append(f"The charts are not a verified resolution of K = {res.K} at {at_text} "
                   f"({len(problems)} problem{'s' if len(problems) != 1 else ''}); rlct computes {computed}.")
        out += [f"  - {p}" for p in problems]
    if lines:
        out.append("Charts (K∘φ = monomial·R, |Jacobian·prior∘φ| = |monomial|·|S|):")
        out += [f"  - {line}" for line in lines]
    return CheckResult(agrees, res, "\n".join(out), problems=problems,
                       implied=(lam, m) if agrees else None)


def main(path: str, K, vars=None, at=None, prior=None, timeout: float = 60.0) -> int:
    """``rlct check K --charts FILE``: 0 the charts are right and cover, 1 they are not, 2 bad input."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(10_000_001)
    except OSError as exc:
        sys.stderr.write(f"rlct: error: cannot read {path}: {exc.strerror}\n")
        return 2
    try:
        data = json.loads(raw.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        sys.stderr.write(f"rlct: error: --charts {path}: not valid JSON ({exc.msg}, line {exc.lineno})\n")
        return 2
    try:
        res = check_charts(K, data, vars=vars, at=at, prior=prior, timeout=timeout)
    except RLCTInputError as exc:
        sys.stderr.write(f"rlct: error: {str(exc).splitlines()[0] if str(exc) else 'bad input'}\n")
        return 2
    print(res.explanation)
    return 0 if res.agrees else 1
