"""Tests for rlct.parse: exact parsing of user text without eval."""

import re
from pathlib import Path

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rlct.errors import RLCTInputError
from rlct.parse import (MAX_EXPONENT, MAX_INPUT_CHARS, MAX_VARIABLES, parse_number, parse_point,
                        parse_polynomial, parse_vars, polynomial_variables)

x, y, z, w = sympy.symbols("x y z w")
a11, b11 = sympy.symbols("a1_1 b1_1")


def same(a, b):
    return sympy.expand(a - b) == 0


def error(func, text, *args):
    """The RLCTInputError message raised by ``func(text)``; fails on any other outcome."""
    with pytest.raises(RLCTInputError) as info:
        func(text, *args)
    message = str(info.value)
    assert "\n" not in message and "\r" not in message
    return message


# ---- valid polynomials ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("x", x),
    ("x^2 + 2*x*y + y^2", (x + y) ** 2),
    ("x**2 + 2*x*y + y**2", (x + y) ** 2),
    ("(x + y)^2", (x + y) ** 2),
    ("x^2^3", x ** 8),  # right-associative, like **
    ("0.1*x", x / 10),
    ("1.5e-3*x + 2E2", sympy.Rational(3, 2000) * x + 200),
    (".5*x + 5.", x / 2 + 5),
    ("1_000*x", 1000 * x),
    ("x/2", x / 2),
    ("(x+y)/(3/4)", sympy.Rational(4, 3) * (x + y)),
    ("x/2/3*y", x * y / 6),
    ("x**(1+1)", x ** 2),
    ("x**(4/2)", x ** 2),
    ("((((x))))", x),
    ("((x + (y*(z - w)))^2)", (x + y * (z - w)) ** 2),
    ("-x + +y - -z", -x + y + z),
    ("-x**2", -(x ** 2)),
    ("a1_1*b1_1", a11 * b11),
    ("  x\t+\ny  ", x + y),
    ("2*3 - 6 + x", x),
    ("x - x", sympy.Integer(0)),
    ("7", sympy.Integer(7)),
    ("x**0", sympy.Integer(1)),
    ("0x10*x", 16 * x),
])
def test_valid_polynomials(text, expected):
    result = parse_polynomial(text)
    assert same(result, expected)


def test_symbols_are_plain():
    result = parse_polynomial("x*y")
    assert result.free_symbols == {sympy.Symbol("x"), sympy.Symbol("y")}
    assert sympy.Symbol("x", real=True) not in result.free_symbols


def test_bytes_input():
    assert same(parse_polynomial(b"x^2 + y"), x ** 2 + y)


def test_sympy_special_names_are_plain_symbols():
    result = parse_polynomial("I + E + pi + oo + S + N")
    assert polynomial_variables(result) == ["E", "I", "N", "S", "oo", "pi"]


def test_decimal_is_exact_not_float():
    assert parse_polynomial("0.1") == sympy.Rational(1, 10)
    assert parse_polynomial("0.1000000000000000000000000001") == sympy.Rational(10 ** 27 + 1, 10 ** 28)
    assert parse_polynomial("1e-3") == sympy.Rational(1, 1000)


def test_long_sums_and_products_beyond_ast_recursion_limit():
    n = 5000  # ast.parse alone raises RecursionError here
    assert parse_polynomial("+".join(["x"] * n)) == n * x
    assert parse_polynomial(" - ".join(["x"] * n)) == (2 - n) * x
    assert parse_polynomial("(" + "+".join(["x"] * n) + ")*y - 1") == n * x * y - 1
    assert parse_polynomial("-(" + "+".join(["y"] * n) + ")^2") == -(n * y) ** 2
    assert parse_polynomial("*".join(["x"] * 3000)) == x ** 3000
    assert parse_polynomial("*".join(["2"] * 3000) + "/2/4*x") == 2 ** 2997 * x
    terms = [f"{i}*x^{i % 7}*y" for i in range(4000)]
    assert same(parse_polynomial(" + ".join(terms)), sum(i * x ** (i % 7) * y for i in range(4000)))


def test_long_sum_errors_still_reported():
    text = "+".join(["x"] * 4000) + "+1/x"
    assert "division by a non-constant at column 8003" in error(parse_polynomial, text)
    assert "unsupported" in error(parse_polynomial, "+".join(["x"] * 4000) + "+sin(x)")


# ---- hostile and invalid input -------------------------------------------------------------------
HOSTILE = [
    "__import__('os').system('touch /tmp/pwned')",
    "().__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "x.real",
    "(lambda: 1)()",
    "[i for i in range(3)]",
    "x**10**10",
    "2**(10**100)",
    "10**10**10**10",
    "(9**9999)**9999",
    "(" * 10000 + "x" + ")" * 10000,
    "-" * 100000 + "x",
    "x**" * 50000 + "x",
    "x**-1",
    "x^-1",
    "x**(1/2)",
    "x**y",
    "x**x",
    "1/x",
    "x/(y-y)",
    "1/0",
    "sin(x)",
    "sqrt(x)",
    "x y",
    "",
    "   \t\n ",
    b"\xff\xfe",
    "x\x00",
    b"x\x00",
    "x + \x07",
    "x\u200b",
    "1j",
    "2.5j*x",
    "x if y else z",
    "x == y",
    "x < y",
    "x and y",
    "not x",
    "~x",
    "x % 2",
    "x // 2",
    "x @ y",
    "x | y",
    "'abc'",
    "b'abc'",
    "f'{x}'",
    "(x := 1)",
    "*x",
    "x, y",
    "[x]",
    "{x}",
    "{x: 1}",
    "x[0]",
    "None",
    "True",
    "False",
    "...",
    "x # comment",
    "await x",
    "x +",
    "(x",
    "x)",
    "1" * 5000,
    "1e99999*x",
    "1e-99999*x",
    "+".join(f"v{i}" for i in range(MAX_VARIABLES + 1)),
    "x" * (MAX_INPUT_CHARS + 1),
    "x**10000*x**10000*x**10000*x**10000*x**10000*x**10000*x**10000*x**10000*x**10000*x**10000*x",
    42,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t)[:40])
def test_hostile_inputs_raise_input_error(text):
    error(parse_polynomial, text)


@pytest.mark.parametrize("target", ["/tmp/pwned", None])
def test_import_payload_is_not_executed(tmp_path, target):
    target = Path(target) if target else tmp_path / "pwned"
    existed = target.exists()
    payload = f"__import__('os').system('touch {target}')"
    error(parse_polynomial, payload)
    error(parse_number, payload)
    error(parse_point, "x=" + payload)
    assert existed or not target.exists()


@pytest.mark.parametrize("text, fragment", [
    ("sin(x)", "K: unsupported function call 'sin' at column 1"),
    ("x**-1", "K: negative exponent at column 2 ('x**-1' is not a polynomial)"),
    ("x^2 + y^-1", "negative exponent at column 8 ('y^-1'"),
    ("1/x", "K: division by a non-constant at column 3"),
    ("x/(y-y)", "division by zero"),
    ("", "K: is empty"),
    (" \n ", "K: is empty"),
    ("x**(1/2)", "exponent is not an integer"),
    ("x**y", "non-constant exponent"),
    ("x**10**10", f"exponent over the limit of {MAX_EXPONENT}"),
    ("2**(10**100)", f"exponent over the limit of {MAX_EXPONENT}"),
    ("(" * 10000 + "x" + ")" * 10000, "nesting depth over the limit of 200"),
    ("-" * 500 + "x", "nesting depth over the limit of 200"),
    ("x y", "invalid syntax at column 3 ('y')"),
    ("x +\n  $", "at line 2, column 3"),
    ("x +", "at end of input"),
    (b"\xff\xfe", "not valid UTF-8"),
    ("x\x00", "control character U+0000 at column 2"),
    ("1j", "complex number '1j'"),
    ("x.real", "attribute access 'x.real'"),
    ("x == y", "comparison"),
    ("x if y else z", "conditional expression"),
    ("'abc'", "string literal"),
    ("[i for i in range(3)]", "comprehension"),
    ("__x + 1", "name '__x' is not allowed"),
    ("+".join(f"v{i}" for i in range(65)), "more than 64 distinct variables"),
    ("x" * (MAX_INPUT_CHARS + 1), f"longer than the limit of {MAX_INPUT_CHARS} characters"),
    ("(9**9999)**9999", "number too large"),
    ("x % 2", "unsupported operator '%' at column 3"),
])
def test_error_messages(text, fragment):
    assert fragment in error(parse_polynomial, text)


def test_label_used_in_messages():
    assert error(parse_polynomial, "cos(x)", "prior").startswith("prior: unsupported function call 'cos'")
    assert error(parse_polynomial, "", "ideal generator 2") == "ideal generator 2: is empty"


def test_module_never_evaluates_text():
    source = Path(__file__).resolve().parents[1].joinpath("rlct", "parse.py").read_text()
    assert not re.search(r"\b(sympify|parse_expr|eval|exec)\s*\(|(?<!re\.)\bcompile\s*\(", source)
    assert "__import__" not in source


# ---- property tests ------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.text(alphabet="xy0123456789+-*/^().e ,_[]'\"jab=<>!~%@#\\\n\t"), st.binary()))
def test_random_text_only_raises_input_error(text):
    try:
        result = parse_polynomial(text)
    except RLCTInputError as err:
        assert "\n" not in str(err)
    else:
        assert isinstance(result, sympy.Expr)
        assert len(polynomial_variables(result)) <= MAX_VARIABLES


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_random_text_number_and_point(text):
    for func in (parse_number, parse_point, parse_vars):
        try:
            func(text)
        except RLCTInputError:
            pass


def _space():
    return st.sampled_from(["", " ", "  "])


@st.composite
def _leaf(draw):
    kind = draw(st.sampled_from(["var", "int", "dec"]))
    if kind == "var":
        name = draw(st.sampled_from(["x", "y", "z", "w", "a1_1"]))
        return name, sympy.Symbol(name)
    if kind == "int":
        n = draw(st.integers(0, 10 ** 6))
        return str(n), sympy.Integer(n)
    whole, frac = draw(st.integers(0, 999)), draw(st.integers(0, 999))
    return f"{whole}.{frac:03d}", sympy.Rational(whole * 1000 + frac, 1000)


def _combine(children):
    def binary(draw_pair):
        (sa, ea), (sb, eb), op, sp = draw_pair
        if op == "+":
            return f"({sa}){sp}+{sp}({sb})", ea + eb
        if op == "-":
            return f"({sa}){sp}-{sp}({sb})", ea - eb
        return f"({sa}){sp}*{sp}({sb})", ea * eb

    def power(args):
        (s, e), n, op = args
        return f"({s}){op}{n}", e ** n

    def divide(args):
        (s, e), d = args
        return f"({s})/{d}", e / d

    return st.one_of(
        st.tuples(children, children, st.sampled_from("+-*"), _space()).map(binary),
        st.tuples(children, st.integers(0, 4), st.sampled_from(["**", "^", " ** ", " ^ "])).map(power),
        st.tuples(children, st.integers(1, 9)).map(divide),
        children.map(lambda se: (f"-({se[0]})", -se[1])),
    )


@settings(max_examples=200, deadline=None)
@given(st.recursive(_leaf(), _combine, max_leaves=12))
def test_random_polynomials_round_trip(case):
    text, expected = case
    assert same(parse_polynomial(text), expected)


# ---- numbers and points --------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("1/3", sympy.Rational(1, 3)),
    ("0.25", sympy.Rational(1, 4)),
    ("-1.5e-1", sympy.Rational(-3, 20)),
    ("sqrt(2)/2", sympy.sqrt(2) / 2),
    ("1 + sqrt(3)", 1 + sympy.sqrt(3)),
    ("sqrt(2)*sqrt(3)", sympy.sqrt(6)),
    ("sqrt(1/4)", sympy.Rational(1, 2)),
    ("2**-2", sympy.Rational(1, 4)),
    ("sqrt(2)^2", sympy.Integer(2)),
    ("root(x**3-x-1, 0)", sympy.CRootOf(x ** 3 - x - 1, 0)),
    ("root(x^2 - 2, 1)", sympy.sqrt(2)),
    ("root(t**2 - 2, 0)", -sympy.sqrt(2)),
    ("root((x-1)**2*(x+1), 2)", sympy.Integer(1)),  # real roots counted with multiplicity
])
def test_parse_number(text, expected):
    result = parse_number(text)
    assert result.free_symbols == set()
    assert sympy.simplify(result - expected) == 0


def test_root_is_crootof():
    assert parse_number("root(x**3 - x - 1, 0)") == sympy.CRootOf(x ** 3 - x - 1, 0)


@pytest.mark.parametrize("text, fragment", [
    ("sqrt(x)", "cannot contain variables"),
    ("x", "cannot contain variables"),
    ("sqrt(-2)", "square root of a negative number"),
    ("sqrt(1 - sqrt(2))", "square root of a negative number"),
    ("root(x**2+1, 0)", "has 0 real root"),
    ("root(x**3-x-1, 1)", "has 1 real root"),
    ("root(x*y, 0)", "exactly one variable"),
    ("root(3, 0)", "exactly one variable"),
    ("root(x**2-2, -1)", "non-negative integer"),
    ("root(x**2-2, 1/2)", "non-negative integer"),
    ("root(x**2-sqrt(2), 0)", "unsupported function call 'sqrt'"),
    ("root(x**2-2)", "takes exactly 2 arguments"),
    ("sqrt(2, 3)", "takes exactly 1 argument"),
    ("sin(1)", "unsupported function call 'sin'"),
    ("1/(sqrt(2) - sqrt(2))", "division by zero"),
    ("0**-1", "division by zero"),
    ("(-8)**(1/3)", "exponent is not an integer"),
    ("", "point: is empty"),
])
def test_parse_number_errors(text, fragment):
    assert fragment in error(parse_number, text)


def test_parse_point():
    assert parse_point("x=1,y=1/2") == {"x": 1, "y": sympy.Rational(1, 2)}
    point = parse_point(" x = sqrt(2)/2 , y=1/3 ", ["x", "y"])
    assert point == {"x": sympy.sqrt(2) / 2, "y": sympy.Rational(1, 3)}
    point = parse_point("a=root(x**3-x-1, 0), b=0.5")
    assert point == {"a": sympy.CRootOf(x ** 3 - x - 1, 0), "b": sympy.Rational(1, 2)}
    assert list(parse_point("y=1, x=2")) == ["y", "x"]


@pytest.mark.parametrize("text, names, fragment", [
    ("x=1,x=2", None, "'x' is given twice"),
    ("x", None, "missing '='"),
    ("=1", None, "empty name"),
    ("1x=2", None, "not a valid variable name"),
    ("x=", None, "no value for 'x'"),
    ("x=1,,y=2", None, "empty entry"),
    ("z=1", ["x", "y"], "--at: 'z' is not a variable of K (variables: x, y)"),
    ("x=sqrt(y)", None, "--at x: unexpected name 'y'"),
    ("x=1, y=2 +* 3", None, "invalid syntax at column 11"),
    ("", None, "--at: is empty"),
])
def test_parse_point_errors(text, names, fragment):
    assert fragment in error(parse_point, text, names)


# ---- variable lists ------------------------------------------------------------------------------
def test_parse_vars():
    assert parse_vars("x, y ,w_1") == ["x", "y", "w_1"]
    assert parse_vars(b"a1_1,b") == ["a1_1", "b"]


@pytest.mark.parametrize("text, fragment", [
    ("x,,y", "empty name"),
    ("x,", "empty name"),
    ("x,x", "'x' is given twice"),
    ("", "is empty"),
    ("1a", "not a valid variable name"),
    ("x y", "not a valid variable name"),
    ("lambda", "not a valid variable name"),
    (",".join(f"v{i}" for i in range(65)), "more than 64 variables"),
])
def test_parse_vars_errors(text, fragment):
    assert fragment in error(parse_vars, text)


def test_polynomial_variables():
    assert polynomial_variables(parse_polynomial("y*x + z0 + a^2")) == ["a", "x", "y", "z0"]
    assert polynomial_variables(parse_polynomial("3")) == []
