"""Read plain polynomial text straight into :class:`resolve.poly.Poly`, without sympy.

The common input -- integers, variable names, ``+ - *``, ``/`` by an integer, ``**``/``^`` with a
small non-negative integer exponent, parentheses -- is read here in a few milliseconds, where
:mod:`rlct.parse` builds sympy objects (and ``import sympy`` alone takes about 0.3 s).  This is an
accelerator, not a second parser with its own rules: anything outside that subset, anything near a
limit and every error returns ``None``, and the caller then uses :mod:`rlct.parse`, which accepts
the same language and words the error messages.  Nothing the user typed is evaluated: the text
goes through :func:`ast.parse` and only whitelisted nodes are interpreted.

Examples
--------
>>> e = read("(x - y)**2 + 3*(x*z)**2")
>>> sorted(e.names)
['x', 'y', 'z']
>>> e.poly(["x", "y", "z"]).to_str(["x", "y", "z"])
'3*x**2*z**2 + x**2 - 2*x*y + y**2'
>>> [(str(w), g.to_str(["x", "y", "z"])) for w, g in e.squares(["x", "y", "z"])]
[('1', 'x - y'), ('3', 'x*z')]
>>> read("sin(x)") is None
True
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from fractions import Fraction

from resolve.poly import Poly, TooLarge, mul_within, power_within

MAX_CHARS = 20_000          # longer text goes to the full parser (it splits long sums)
MAX_EXPONENT = 1_000
MAX_NAMES = 64              # rlct.parse.MAX_VARIABLES
MAX_DEPTH = 60
MAX_TERMS = 200_000         # resolve.poly.from_sympy's budgets
MAX_PRODUCTS = 3_000_000
MAX_BITS = 100_000          # coefficient size: bigger numbers go to the full parser and its limits
_ALLOWED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-*/^() \t")


class _Decline(Exception):
    """Outside the fast subset: the full parser decides."""


@dataclass(frozen=True)
class FastExpr:
    """A parsed polynomial: its syntax tree (validated) and the names it uses."""

    tree: ast.expr
    names: frozenset

    def poly(self, names) -> Poly:
        """The expanded polynomial in the variables ``names`` (a superset of :attr:`names`)."""
        return _Eval(names).run(self.tree)

    def squares(self, names) -> list[tuple[Fraction, Poly]] | None:
        """``[(w_i, g_i)]`` with the polynomial equal to ``Σ w_i g_i²`` (``w_i > 0``) as written:
        every top-level term is a positive constant times factors ``base**(2k)``.  ``None`` when it
        is not so written (the same reading as :func:`rlct.api.sos_structure` on sympy input)."""
        ev = _Eval(names)
        out = []
        for sign, term in _terms(self.tree, 1):
            coeff, gen, found = Fraction(sign), Poly.constant(len(ev.names), 1), False
            for fac, inverse in _factors(term, False):
                if not _names_in(fac):
                    c = ev.constant(fac)
                    coeff = coeff / c if inverse else coeff * c
                    continue
                if inverse or not (isinstance(fac, ast.BinOp) and isinstance(fac.op, ast.Pow)):
                    return None
                k = ev.exponent(fac.right)
                if k <= 0 or k % 2:
                    return None
                gen = ev.mul(gen, ev.power(ev.run(fac.left), k // 2))
                found = True
            if not found or coeff <= 0:
                return None
            if not gen.is_zero():
                out.append((coeff, gen))
        return out


def read(text) -> FastExpr | None:
    """Parse ``text`` if it lies in the fast subset, else ``None`` (see the module docstring)."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_CHARS or not set(text) <= _ALLOWED:
        return None
    src = text.replace("\t", " ").replace("^", "**")
    try:
        tree = ast.parse(src.strip(), mode="eval").body
        names = _check(tree, 0, set())
    except (_Decline, SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if len(names) > MAX_NAMES or any(n.startswith("__") for n in names):
        return None
    return FastExpr(tree, frozenset(names))


def _check(node, depth, names):
    """Validate the node kinds (whitelist) and collect variable names."""
    if depth > MAX_DEPTH:
        raise _Decline
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)):
        _check(node.left, depth + 1, names)
        _check(node.right, depth + 1, names)
        if isinstance(node.op, (ast.Div, ast.Pow)) and _names_in(node.right):
            raise _Decline
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        _check(node.operand, depth + 1, names)
    elif isinstance(node, ast.Constant):
        if type(node.value) is not int:
            raise _Decline
    elif isinstance(node, ast.Name):
        names.add(node.id)
    else:
        raise _Decline
    return names


def _names_in(node) -> bool:
    return any(isinstance(n, ast.Name) for n in ast.walk(node))


def _terms(node, sign):
    """Top-level summands with their signs."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        yield from _terms(node.left, sign)
        yield from _terms(node.right, -sign if isinstance(node.op, ast.Sub) else sign)
    elif isinstance(node, ast.UnaryOp):
        yield from _terms(node.operand, -sign if isinstance(node.op, ast.USub) else sign)
    else:
        yield sign, node


def _factors(node, inverse):
    """Top-level factors of a product, each with whether it divides."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Div)):
        yield from _factors(node.left, inverse)
        yield from _factors(node.right, inverse ^ isinstance(node.op, ast.Div))
    else:
        yield node, inverse


def _bits(p: Poly) -> int:
    """Size of the largest coefficient (numerator and denominator bits)."""
    return max((c.numerator.bit_length() + c.denominator.bit_length() for c in p.terms.values()), default=0)


class _Eval:
    """Evaluate a validated tree with the term budgets of :func:`resolve.poly.from_sympy`."""

    def __init__(self, names):
        self.names = list(names)
        self.index = {n: i for i, n in enumerate(self.names)}

    def mul(self, a: Poly, b: Poly) -> Poly:
        if _bits(a) + _bits(b) > MAX_BITS:
            raise _Decline
        return mul_within(a, b, MAX_TERMS, MAX_PRODUCTS)

    def power(self, a: Poly, k: int) -> Poly:
        if _bits(a) * k > MAX_BITS:
            raise _Decline
        return power_within(a, k, MAX_TERMS, MAX_PRODUCTS)

    def constant(self, node) -> Fraction:
        p = self.run(node)
        if len(p) > 1 or (len(p) == 1 and any(next(iter(p.terms)))):
            raise _Decline
        return p.constant_term()

    def exponent(self, node) -> int:
        c = self.constant(node)
        if c.denominator != 1 or not 0 <= c <= MAX_EXPONENT:
            raise _Decline
        return int(c)

    def run(self, node) -> Poly:
        n = len(self.names)
        if isinstance(node, ast.Constant):
            return Poly.constant(n, node.value)
        if isinstance(node, ast.Name):
            return Poly.variable(n, self.index[node.id])
        if isinstance(node, ast.UnaryOp):
            v = self.run(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        op = node.op
        if isinstance(op, ast.Pow):
            return self.power(self.run(node.left), self.exponent(node.right))
        if isinstance(op, ast.Div):
            c = self.constant(node.right)
            if c == 0:
                raise _Decline
            return self.run(node.left).scale(1 / c)
        a, b = self.run(node.left), self.run(node.right)
        return a + b if isinstance(op, ast.Add) else a - b if isinstance(op, ast.Sub) else self.mul(a, b)


def to_poly(expr: FastExpr, names) -> Poly | None:
    """``expr.poly(names)``, or ``None`` when it declines (a budget or a case the full parser
    words better, such as division by zero)."""
    try:
        return expr.poly(names)
    except (_Decline, TooLarge, RecursionError):
        return None


def to_squares(expr: FastExpr, names) -> list | None:
    """``expr.squares(names)``, or ``None`` when it declines."""
    try:
        return expr.squares(names)
    except (_Decline, TooLarge, RecursionError):
        return None


def read_point(text, names) -> dict | None:
    """``"x=1/2, y=-3"`` as ``{name: Fraction}`` for names in ``names``, or ``None`` (anything else:
    irrational values, repeated or unknown names and errors are left to :func:`rlct.parse.parse_point`).

    >>> read_point("x=1/2, y=-3", ["x", "y"])
    {'x': Fraction(1, 2), 'y': Fraction(-3, 1)}
    >>> read_point("x=sqrt(2)", ["x"]) is None
    True
    """
    if not isinstance(text, str):
        return None
    out = {}
    for item in text.split(","):
        name, eq, value = item.partition("=")
        name = name.strip()
        e = read(value) if eq else None
        if e is None or e.names or name not in names or name in out:
            return None
        try:
            out[name] = _Eval([]).constant(e.tree)
        except (_Decline, TooLarge, RecursionError, ZeroDivisionError):
            return None
    return out
