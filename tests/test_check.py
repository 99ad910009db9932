"""rlct.check / 'rlct check': a hand calculation is accepted only when proven, and a wrong one
is rejected with the place where the claim fails (issue 6)."""
import subprocess
import sys
from pathlib import Path

import pytest

from rlct import RLCTInputError, check

ROOT = Path(__file__).resolve().parents[1]


def test_wrong_multiplicity_is_rejected_and_located():
    # (x² − y²)² = (x − y)²(x + y)²: two smooth factors crossing at the origin, (1/2, 2)
    r = check("(x**2 - y**2)**2", lam="1/2", m=1)
    assert not r.agrees and r.computed.m == 2
    assert "wrong" in r.explanation and "meet" in r.explanation and "point" in r.explanation


@pytest.mark.parametrize("K, lam, m", [("x**2*y**2", "1/2", 2), ("(y - x**2)**2 + y**4", "5/8", 1),
                                       ("x**2 + y**2 + z**2", "3/2", 1)])
def test_right_claims_agree(K, lam, m):
    assert check(K, lam=lam, m=m).agrees


def test_wrong_lambda_and_unfinished():
    r = check("x**2 + y**2 + z**2", lam=1, m=1)     # the complex threshold, not the real one
    assert not r.agrees and "3/2 > 1" in r.explanation
    hard = "+".join("(" + "+".join(f"a{h}*b{h}**{2 * k - 1}" for h in range(1, 5)) + ")**2" for k in range(1, 5))
    r = check(hard, lam=1, m=2, timeout=2)
    assert not r.agrees and "not excluded" in r.explanation
    with pytest.raises(RLCTInputError):
        check("x**2", lam="sqrt(2)")


def test_cli_exit_codes():
    def run(*a):
        return subprocess.run([sys.executable, "-m", "rlct", "check", *a], capture_output=True, text=True, cwd=ROOT)

    assert run("x**2*y**2", "--claim", "1/2,2").returncode == 0
    wrong = run("(x**2 - y**2)**2", "--claim", "1/2,1")
    assert wrong.returncode == 1 and "wrong" in wrong.stdout
    bad = run("x**2", "--claim", "1/2,z")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
