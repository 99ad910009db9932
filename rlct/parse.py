"""Parse user text into exact sympy objects, without evaluating it.

The text is parsed with :func:`ast.parse` and the syntax tree is walked against a whitelist
(numbers, names, ``+ - * / **``, unary signs, parentheses; ``sqrt``/``root`` (alias ``CRootOf``,
so that sympy's output of a point reads back) in numbers), building
sympy objects directly.  Nothing the user typed is ever evaluated.  Every problem is reported as an
:class:`~rlct.errors.RLCTInputError` with a one-line message naming the problem and its column.

Limits (the ``MAX_*`` constants) are checked before sympy computes anything large: input length,
exponents, distinct variables, nesting depth, total degree and the size of computed numbers.
``ast.parse`` itself cannot build very long flat sums or products (RecursionError at a few thousand
terms), so such text is split at its top-level operators and parsed in pieces (``_Parser._split``).
"""

from __future__ import annotations

import ast
import bisect
import io
import keyword
import operator
import re
import tokenize
import unicodedata
import warnings

from rlct.errors import RLCTInputError
from rlct.lazy import LazyModule

sympy = LazyModule("sympy")  # imported on first use: parse_vars and the fast path need none of it

__all__ = ["MAX_EXPONENT", "MAX_VARIABLES", "MAX_INPUT_CHARS", "MAX_DEPTH", "MAX_DEGREE",
           "MAX_NUMBER_BITS", "MAX_ROOT_DEGREE", "parse_polynomial", "parse_number",
           "parse_point", "parse_vars", "polynomial_variables"]

MAX_EXPONENT = 10_000  #: largest exponent accepted in ``a**n``
MAX_VARIABLES = 64  #: most distinct variables in one polynomial
MAX_INPUT_CHARS = 1_000_000  #: longest accepted text
MAX_DEPTH = 200  #: deepest nesting of sub-expressions
MAX_DEGREE = 100_000  #: largest total degree (an upper bound computed from the expression)
MAX_NUMBER_BITS = 8_000_000  #: bound on the size of any number the parse may compute
MAX_ROOT_DEGREE = 200  #: largest degree of the polynomial in ``root(poly, k)``

_BATCH = 200  # terms/factors per ast.parse call when a long expression is parsed in pieces
_BAD_ASCII = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f#]")
_BAD_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_WHITESPACE = str.maketrans("\t\n\r", "   ")
_DECIMAL = re.compile(r"(\d*)\.?(\d*)(?:e([+-]?\d{1,6}))?")
_KINDS = {ast.Attribute: "attribute access", ast.Subscript: "subscript", ast.Lambda: "lambda",
          ast.ListComp: "comprehension", ast.SetComp: "comprehension", ast.DictComp: "comprehension",
          ast.GeneratorExp: "comprehension", ast.Compare: "comparison", ast.BoolOp: "boolean operator",
          ast.IfExp: "conditional expression", ast.NamedExpr: "assignment expression",
          ast.Starred: "starred expression", ast.Tuple: "tuple", ast.List: "list", ast.Dict: "dict",
          ast.Set: "set", ast.JoinedStr: "f-string", ast.Call: "function call"}


def _fail(what, problem):
    raise RLCTInputError(" ".join(f"{what}: {problem}".split()))  # always one line


def _prepare(text, what):
    """Decode, check size and characters; return the text as ``str``."""
    if isinstance(text, (bytes, bytearray)):
        if len(text) > 4 * MAX_INPUT_CHARS:
            _fail(what, f"is longer than the limit of {MAX_INPUT_CHARS} characters")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as err:
            _fail(what, f"is not valid UTF-8 (byte {err.start + 1})")
    if not isinstance(text, str):
        _fail(what, f"must be text, not {type(text).__name__}")
    if len(text) > MAX_INPUT_CHARS:
        _fail(what, f"is longer than the limit of {MAX_INPUT_CHARS} characters")
    if not text.strip():
        _fail(what, "is empty")
    bad = _BAD_ASCII.search(text)
    if not text.isascii():
        others = [text.index(c) for c in set(text) if ord(c) > 127 and unicodedata.category(c) in _BAD_CATEGORIES]
        bad_at = min(others + ([bad.start()] if bad else []), default=None)
    else:
        bad_at = bad.start() if bad else None
    if bad_at is not None:
        c = text[bad_at]
        name = "comment character '#'" if c == "#" else f"control character U+{ord(c):04X}"
        _fail(what, f"unsupported {name} at {_where(text, bad_at)}")
    return text


def _where(text, i):
    """Human position of index ``i`` of ``text``: 1-based column (and line if several)."""
    if i >= len(text.rstrip()):
        return "end of input"
    col = i - text.rfind("\n", 0, i)
    return f"line {text.count(chr(10), 0, i) + 1}, column {col}" if "\n" in text else f"column {col}"


class _Parser:
    """One parse.  Positions are indices into ``self.src``: the text with ``^`` -> ``**`` and
    tab/newline -> space, so it is one line.  ``_orig`` maps them back for messages."""

    def __init__(self, text, what, poly, report=None):
        self.what, self.poly, self.names = what, poly, set()
        self.report_text, self.report_base = report or (text, 0)
        self.text, self.src = text, text.translate(_WHITESPACE).replace("^", "**")
        carets = [m.start() for m in re.finditer(r"\^", text)]
        self.caret_src = [c + k for k, c in enumerate(carets)]
        self.tokens = None

    # ---- positions and messages -------------------------------------------------------------
    def _orig(self, j):
        k = bisect.bisect_right(self.caret_src, j)
        return j - k + (1 if k and j == self.caret_src[k - 1] else 0)

    def _snip(self, i, j):
        s = " ".join(self.text[self._orig(i):self._orig(j)].split())
        return s if len(s) <= 40 else s[:37] + "..."

    def fail(self, problem, j=None, tail=""):
        at = "" if j is None else " at " + _where(self.report_text, self.report_base + self._orig(j))
        _fail(self.what, f"{problem}{at}{tail}")

    def _pos(self, node, end=False):
        col = node.end_col_offset if end else node.col_offset
        if self.bytes is not None:  # ast columns count UTF-8 bytes
            col = len(self.bytes[:col].decode("utf-8", "replace"))
        return self.start + col

    def _span(self, node):
        return self._pos(node), self._pos(node, end=True)

    def _op_pos(self, node):
        j = self._pos(node.left, end=True)
        while self.src[j] in " ()":
            j += 1
        return j

    # ---- parsing ------------------------------------------------------------------------------
    def parse(self):
        value, _ = self._range(0, len(self.src), 0)
        if self.poly and _degree(value) > MAX_DEGREE:
            self.fail(f"total degree over the limit of {MAX_DEGREE}")
        return value

    def _range(self, s, e, depth):
        while s < e - 1 and self.src[s] == " ":
            s += 1
        chunk = self.src[s:e]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(chunk, mode="eval")
        except RecursionError:  # a flat but very long sum or product: parse it in pieces
            return self._split(s, e, depth)
        except MemoryError:
            self.fail(f"nesting depth over the limit of {MAX_DEPTH}")
        except SyntaxError as err:
            self._syntax_error(err, s, e)
        except (ValueError, OverflowError) as err:
            self.fail(f"cannot parse ({str(err).splitlines()[0]})")
        self.start, self.bytes = s, (None if chunk.isascii() else chunk.encode("utf-8"))
        return self._expr(tree.body, depth)

    def _syntax_error(self, err, s, e):
        msg = (err.msg or "invalid syntax").split(". Perhaps")[0]
        if "nested parentheses" in msg:
            self.fail(f"nesting depth over the limit of {MAX_DEPTH} (too many nested parentheses)")
        if "Exceeds the limit" in msg:
            self.fail("integer literal with more than 4300 digits", s)
        if not err.offset or err.lineno != 1:
            self.fail(msg, e)
        i = s + err.offset - 1
        j = max(i + 1, s + (err.end_offset or 0) - 1)
        self.fail(msg, i, f" ('{self._snip(i, min(j, e))}')")

    def _expr(self, node, depth):
        if depth > MAX_DEPTH:
            self.fail(f"nesting depth over the limit of {MAX_DEPTH}", self._pos(node))
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            first, rest = _chain(node, (ast.Add, ast.Sub))
            terms = [self._expr(first, depth + 1)]
            for n in rest:
                v, b = self._expr(n.right, depth + 1)
                terms.append((-v if isinstance(n.op, ast.Sub) else v, b))
            return self._sum(terms)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Div)):
            first, rest = _chain(node, (ast.Mult, ast.Div))
            factors = [self._expr(first, depth + 1)]
            for n in rest:
                v, b = self._expr(n.right, depth + 1)
                factors.append(self._inverse(v, b, self._pos(n.right)) if isinstance(n.op, ast.Div) else (v, b))
            return self._product(factors)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            base = self._expr(node.left, depth + 1)
            exp, _ = self._expr(node.right, depth + 1)
            return self._power(base, exp, self._op_pos(node), self._span(node))
        if isinstance(node, ast.BinOp):
            j = self._op_pos(node)
            self.fail(f"unsupported operator '{self.src[j:self._pos(node.right)].strip(' (')}'", j)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
            v, b = self._expr(node.operand, depth + 1)
            return (-v if isinstance(node.op, ast.USub) else v), b
        if isinstance(node, ast.UnaryOp):
            self.fail(f"unsupported operator '{self._snip(self._pos(node), self._pos(node.operand))}'", self._pos(node))
        if isinstance(node, ast.Constant):
            return self._constant(node)
        if isinstance(node, ast.Name):
            return self._name(node.id, self._pos(node))
        if isinstance(node, ast.Call) and not self.poly and isinstance(node.func, ast.Name) \
                and node.func.id in ("sqrt", "root", "CRootOf"):
            return self._call(node, depth)
        shown = node.func if isinstance(node, ast.Call) else node
        self.fail(f"unsupported {_KINDS.get(type(node), 'expression')} '{self._snip(*self._span(shown))}'",
                  self._pos(node))

    def _constant(self, node):
        v = node.value
        if isinstance(v, bool) or v is None or v is Ellipsis:
            self.fail(f"unsupported constant '{v}'", self._pos(node))
        if isinstance(v, int):
            return sympy.Integer(v), v.bit_length() + 1
        if isinstance(v, float):
            return self._decimal(node)
        kind = "complex number" if isinstance(v, complex) else "string literal"
        self.fail(f"unsupported {kind} '{self._snip(*self._span(node))}'", self._pos(node))

    def _decimal(self, node):
        """Exact value of a decimal literal, from its source text (never via float)."""
        i, j = node.col_offset, node.end_col_offset
        literal = self.src[self.start + i:self.start + j] if self.bytes is None else self.bytes[i:j].decode()
        m = _DECIMAL.fullmatch(literal.replace("_", "").lower())
        digits = (m.group(1) + m.group(2)) if m else ""
        if not m or len(digits) > 4000:
            self.fail(f"unsupported decimal literal '{self._snip(*self._span(node))}'", self._pos(node))
        exp = int(m.group(3) or 0) - len(m.group(2))
        if abs(exp) > MAX_EXPONENT + 4000:
            self.fail(f"decimal exponent over the limit of {MAX_EXPONENT}", self._pos(node))
        n, d = int(digits) * 10 ** max(exp, 0), 10 ** max(-exp, 0)
        return sympy.Rational(n, d), n.bit_length() + d.bit_length()

    def _name(self, name, j):
        if not self.poly:
            self.fail(f"unexpected name '{name}' (a number cannot contain variables)", j)
        if name.startswith("__"):
            self.fail(f"name '{name}' is not allowed (names may not start with '__')", j)
        self.names.add(name)
        if len(self.names) > MAX_VARIABLES:
            self.fail(f"more than {MAX_VARIABLES} distinct variables (limit) ('{name}')", j)
        return sympy.Symbol(name), 0

    def _call(self, node, depth):
        name, j = node.func.id, self._pos(node)  # CRootOf: sympy's name for root (its output reads back)
        want = 1 if name == "sqrt" else 2
        if node.keywords or len(node.args) != want or any(isinstance(a, ast.Starred) for a in node.args):
            self.fail(f"{name}() takes exactly {want} argument{'s' if want > 1 else ''}", j)
        if name == "sqrt":
            v, b = self._expr(node.args[0], depth + 1)
            if _sign(v) < 0:
                self.fail("square root of a negative number", self._pos(node.args[0]))
            return sympy.sqrt(v), b
        self.poly = True
        try:
            p, b = self._expr(node.args[0], depth + 1)
        finally:
            self.poly, self.names = False, set()
        k, _ = self._expr(node.args[1], depth + 1)
        j0, j1 = self._pos(node.args[0]), self._pos(node.args[1])
        if len(p.free_symbols) != 1:
            self.fail("root() needs a polynomial in exactly one variable", j0)
        if _degree(p) > MAX_ROOT_DEGREE:
            self.fail(f"root() polynomial degree over the limit of {MAX_ROOT_DEGREE}", j0)
        if not (k.is_Integer and k >= 0):
            self.fail("root() index must be a non-negative integer", j1)
        poly = sympy.Poly(p, *p.free_symbols)
        n_real = len(poly.real_roots(radicals=False))
        if k >= n_real:
            self.fail(f"root() index {k} but the polynomial has {n_real} real root(s)", j1)
        return sympy.CRootOf(poly, int(k)), b

    # ---- arithmetic with limits ---------------------------------------------------------------
    def _sum(self, terms):
        """Add; like terms are combined in a balanced tree (linear chains of fractions are slow)."""
        bits = sum(b for _, b in terms) + len(terms)
        if bits > MAX_NUMBER_BITS:
            self.fail(f"numbers too large (over {MAX_NUMBER_BITS} bits)")
        groups = {}
        for v, _ in terms:
            for t in sympy.Add.make_args(v):
                c, m = t.as_coeff_Mul()
                groups.setdefault(m, []).append(c)
        return sympy.Add(*(_tree(cs, operator.add) * m for m, cs in groups.items())), bits

    def _product(self, factors):
        bits = sum(b for _, b in factors)
        if bits > MAX_NUMBER_BITS:
            self.fail(f"numbers too large (over {MAX_NUMBER_BITS} bits)")
        split = [v.as_coeff_Mul() for v, _ in factors]
        return sympy.Mul(_tree([c for c, _ in split], operator.mul), *(m for _, m in split)), bits

    def _inverse(self, v, b, j):
        if v.free_symbols:
            self.fail("division by a non-constant", j)
        if _sign(v) == 0:
            self.fail("division by zero", j)
        return 1 / v, b

    def _power(self, base, exp, j, span):
        (v, b), shown = base, self._snip(*span)
        if exp.free_symbols:
            self.fail("non-constant exponent", j, f" ('{shown}' is not a polynomial)")
        if not exp.is_Integer:
            self.fail("exponent is not an integer", j, f" ('{shown}')")
        if exp < 0 and self.poly:
            self.fail("negative exponent", j, f" ('{shown}' is not a polynomial)")
        if abs(exp) > MAX_EXPONENT:
            self.fail(f"exponent over the limit of {MAX_EXPONENT}", j)
        if b * abs(exp) > MAX_NUMBER_BITS:
            self.fail(f"number too large (over {MAX_NUMBER_BITS} bits)", j, f" ('{shown}')")
        if exp < 0 and _sign(v) == 0:
            self.fail("division by zero", j, f" ('{shown}')")
        return sympy.Pow(v, exp), b * max(int(abs(exp)), 1)

    # ---- fallback for expressions too long for one ast.parse ----------------------------------
    def _split(self, s, e, depth):
        if depth > MAX_DEPTH:
            self.fail(f"nesting depth over the limit of {MAX_DEPTH}", s)
        toks = self._tokens(s, e)
        for t, j, _ in toks:
            if keyword.iskeyword(t) or t[0] in "'\"" or t in (",", ":", ":="):
                self.fail(f"unsupported syntax '{t}'", j)
        top, level = [], 0  # depth-0 tokens: (text, start, end, index in toks)
        for i, (t, j, k) in enumerate(toks):
            level -= t in ")]}"
            if level == 0:
                top.append((t, j, k, i))
            level += t in "([{"
        ops = [x for n, x in enumerate(top) if n and x[0] in "+-" and _operand_end(top[n - 1][0])]
        if ops:  # a sum: parse batches of terms; each batch after the first starts at its operator
            size = min(_BATCH, (len(ops) + 1) // 2)  # at least two batches, so this terminates
            cuts = [s] + [x[1] for x in ops[size - 1::size]] + [e]
            return self._sum([self._range(a, b, depth + 1) for a, b in zip(cuts, cuts[1:])])
        ops = [x for x in top if x[0] in "*/"]
        if ops:  # a product: parse each factor; a '/' must be followed by a constant
            factors, cuts = [], [(None, s)] + [(t, k) for t, _, k, _ in ops]
            for (op, a), b in zip(cuts, [j for _, j, _, _ in ops] + [e]):
                v, bits = self._range(a, b, depth + 1)
                factors.append(self._inverse(v, bits, a) if op == "/" else (v, bits))
            return self._product(factors)
        if top[0][0] in "+-":
            v, b = self._range(top[0][2], e, depth + 1)
            return (-v if top[0][0] == "-" else v), b
        pows = [x for x in top if x[0] == "**"]
        if pows:
            base = self._range(s, pows[0][1], depth + 1)
            exp, _ = self._range(pows[0][2], e, depth + 1)
            return self._power(base, exp, pows[0][1], (s, e))
        if top[0][0] == "(" and len(top) == 2:
            return self._range(top[0][2], top[1][1], depth + 1)
        self.fail("expression too long to parse (split it with fewer terms per parenthesis)", s)

    def _tokens(self, s, e):
        if self.tokens is None:
            keep = (tokenize.OP, tokenize.NAME, tokenize.NUMBER, tokenize.STRING, tokenize.ERRORTOKEN)
            try:
                gen = tokenize.generate_tokens(io.StringIO(self.src.lstrip()).readline)
                lead = len(self.src) - len(self.src.lstrip())
                self.tokens = [(t.string, lead + t.start[1], lead + t.end[1]) for t in gen if t.type in keep]
            except (tokenize.TokenError, SyntaxError):
                self.fail("cannot parse")
        starts = [j for _, j, _ in self.tokens]
        return self.tokens[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]


def _chain(node, ops):
    """Flatten a left-associative chain ``a op b op c`` into ``a`` and the BinOps, iteratively."""
    rest = []
    while isinstance(node, ast.BinOp) and isinstance(node.op, ops):
        rest.append(node)
        node = node.left
    return node, rest[::-1]


def _tree(values, op):
    """Combine ``values`` pairwise in a balanced tree (fast for long lists of big rationals)."""
    while len(values) > 1:
        values = [op(*values[i:i + 2]) if i + 1 < len(values) else values[i] for i in range(0, len(values), 2)]
    return values[0]


def _operand_end(tok):
    return tok in ")]}" or tok[0].isalnum() or tok[0] in "_." or ord(tok[0]) > 127


def _sign(v):
    """Sign (-1, 0, 1) of a real constant, exactly when sympy can decide it."""
    if v.is_Rational:
        return (v.p > 0) - (v.p < 0)
    if v.is_zero or (v.is_zero is None and v.equals(0)):
        return 0
    neg = v.is_negative
    if neg is None:
        neg = bool(sympy.re(v.evalf(50)) < 0)
    return -1 if neg else 1


def _degree(expr):
    """Upper bound on the total degree of ``expr`` (cheap: no expansion)."""
    if expr.is_Symbol:
        return 1
    if expr.is_Add:
        return max(_degree(a) for a in expr.args)
    if expr.is_Mul:
        return sum(_degree(a) for a in expr.args)
    if expr.is_Pow:
        return _degree(expr.base) * int(expr.exp) if expr.exp.is_Integer else 0
    return 0


def _run(text, what, poly, report=None):
    try:
        return _Parser(text, what, poly, report).parse()
    except RecursionError:
        _fail(what, f"nesting depth over the limit of {MAX_DEPTH}")
    except MemoryError:
        _fail(what, "expression too large")


def parse_polynomial(text: str | bytes, what: str = "K") -> sympy.Expr:
    """Parse a polynomial with rational coefficients, e.g. ``"x^2*y - 0.5*x"``.

    Parameters
    ----------
    text : str or bytes
        Integers, decimals (exact), variable names, ``+ - *``, ``/`` by a non-zero constant,
        ``**`` or ``^`` with a constant non-negative integer exponent, and parentheses.
    what : str
        Label naming the input in error messages.

    Returns
    -------
    sympy.Expr
        The polynomial, built from plain ``sympy.Symbol`` s (not expanded).

    Raises
    ------
    RLCTInputError
        Anything else (calls, attributes, ``x**-1``, ``1/x``, syntax errors, limits), with a one-line
        message naming the problem and its column.

    Examples
    --------
    >>> parse_polynomial("x^2*y - 0.5*x")
    x**2*y - x/2
    >>> parse_polynomial("sin(x)")
    Traceback (most recent call last):
    ...
    rlct.errors.RLCTInputError: K: unsupported function call 'sin' at column 1
    """
    return _run(_prepare(text, what), what, True)


def parse_number(text: str | bytes, what: str = "point") -> sympy.Expr:
    """Parse an exact real number such as ``"1/3"``, ``"sqrt(2)/2"`` or ``"root(x**3-x-1, 0)"``.

    Parameters
    ----------
    text : str or bytes
        Integers, decimals, ``+ - * /`` (by non-zero numbers), integer powers (also negative),
        ``sqrt(q)`` with ``q >= 0``, and ``root(p, k)``: the ``k``-th real root (0-based, ascending,
        counted with multiplicity) of the one-variable rational polynomial ``p``.
    what : str
        Label naming the input in error messages.

    Returns
    -------
    sympy.Expr
        An exact real number without free symbols (Rational, radical expression or CRootOf).

    Raises
    ------
    RLCTInputError
        Names outside ``root``, other functions, ``sqrt`` of a negative number, a missing root, ...

    Examples
    --------
    >>> parse_number("sqrt(2)/2 + 0.25")
    1/4 + sqrt(2)/2
    >>> parse_number("root(x**3 - x - 1, 0)")
    CRootOf(x**3 - x - 1, 0)
    """
    return _run(_prepare(text, what), what, False)


def _split_top(text):
    """Split ``text`` at commas outside parentheses; return ``(start, piece)`` pairs."""
    pieces, level, start = [], 0, 0
    for i, c in enumerate(text):
        level += (c in "([{") - (c in ")]}")
        if c == "," and level <= 0:
            pieces.append((start, text[start:i]))
            start = i + 1
    return pieces + [(start, text[start:])]


def _identifier(name, what):
    name = unicodedata.normalize("NFKC", name.strip())
    if not name:
        _fail(what, "empty name")
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("__"):
        _fail(what, f"'{name}' is not a valid variable name")
    return name


def parse_point(text: str | bytes, names: list[str] | None = None, *, what: str = "--at",
                of: str = "K") -> dict[str, sympy.Expr]:
    """Parse ``"x=1, y=sqrt(2)/2"`` into ``{name: exact number}``.

    Parameters
    ----------
    text : str or bytes
        ``name=value`` items separated by commas (commas inside parentheses belong to the value);
        each value is read by :func:`parse_number`.
    names : list of str, optional
        The allowed variable names; by default any identifier is allowed.
    what, of : str
        Labels for messages: the option (``--at``) and the polynomial whose variables ``names`` are.

    Returns
    -------
    dict of str to sympy.Expr
        The values, in the order given.

    Raises
    ------
    RLCTInputError
        A missing ``=``, an empty or invalid name, a repeated name, a name not in ``names``, a bad value.

    Examples
    --------
    >>> parse_point("x=1/2, y=root(t**2-2, 1)")
    {'x': 1/2, 'y': CRootOf(x**2 - 2, 1)}
    >>> parse_point("z=1", ["x", "y"])
    Traceback (most recent call last):
    ...
    rlct.errors.RLCTInputError: --at: 'z' is not a variable of K (variables: x, y)
    """
    text = _prepare(text, what)
    point = {}
    for start, item in _split_top(text):
        if not item.strip():
            _fail(what, f"empty entry at {_where(text, start)}")
        name, eq, value = item.partition("=")
        if not eq:
            _fail(what, f"missing '=' in '{' '.join(item.split())[:40]}' (write name=value)")
        name = _identifier(name, what)
        if name in point:
            _fail(what, f"'{name}' is given twice")
        if names is not None and name not in names:
            _fail(what, f"'{name}' is not a variable of {of} (variables: {', '.join(names)})")
        if not value.strip():
            _fail(what, f"no value for '{name}'")
        base = start + item.index("=") + 1
        point[name] = _run(value, f"{what} {name}", False, report=(text, base))
    return point


def parse_vars(text: str | bytes, what: str = "--vars") -> list[str]:
    """Parse a comma-separated list of distinct variable names.

    Parameters
    ----------
    text : str or bytes
        Identifiers separated by commas (spaces allowed), at most ``MAX_VARIABLES``.
    what : str
        Label naming the input in error messages.

    Returns
    -------
    list of str
        The names, in the order given.

    Raises
    ------
    RLCTInputError
        An empty entry, an invalid or repeated name, or too many names.

    Examples
    --------
    >>> parse_vars("x, y ,w_1")
    ['x', 'y', 'w_1']
    """
    names = [_identifier(n, what) for n in _prepare(text, what).split(",")]
    if len(names) > MAX_VARIABLES:
        _fail(what, f"more than {MAX_VARIABLES} variables (limit)")
    for i, n in enumerate(names):
        if n in names[:i]:
            _fail(what, f"'{n}' is given twice")
    return names


def polynomial_variables(expr: sympy.Expr) -> list[str]:
    """Sorted names of the free symbols of ``expr``.

    Parameters
    ----------
    expr : sympy.Expr
        Typically the result of :func:`parse_polynomial`.

    Returns
    -------
    list of str
        The variable names, sorted.

    Examples
    --------
    >>> polynomial_variables(parse_polynomial("y*x + z0"))
    ['x', 'y', 'z0']
    """
    return sorted(s.name for s in expr.free_symbols)
