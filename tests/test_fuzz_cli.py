"""Fuzzing the command line in-process: any text as K (and as --at / --prior) gives exit code 0
(an answer) or 2 (a one-line input error) -- never a traceback and never exit 3 (internal)."""
import io
from contextlib import redirect_stderr, redirect_stdout

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rlct.cli import main

ALPHABET = st.sampled_from(list("xyz012 +-*/^().,=_") + ["**", "x**2", "y**4", "sqrt(", "root("])
TEXT = st.one_of(st.text(max_size=40), st.lists(ALPHABET, max_size=25).map("".join))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        rc = main(args)
    return rc, out.getvalue(), err.getvalue()


@SETTINGS
@given(TEXT)
def test_any_polynomial_text(text):
    rc, out, err = run(["--", text, "--json", "--timeout", "2"] if text.startswith("-") else [text, "--json", "--timeout", "2"])
    assert rc in (0, 2), err
    assert "Traceback" not in err
    if rc == 2:
        assert err.count("\n") == 1


@SETTINGS
@given(TEXT, TEXT)
def test_any_point_and_prior_text(at, prior):
    rc, out, err = run(["x**2 + y**4", "--at", at, "--prior", prior, "--json", "--timeout", "2"])
    assert rc in (0, 2), err
    assert "Traceback" not in err
