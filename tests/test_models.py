"""Model builders (rlct.models) against the closed forms of the literature (rlct.known), the
closed forms against the cited corpus, and tables (rlct.table): incremental output, resume,
any Executor, the CLI."""
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path

import pytest

from helpers import load
from rlct import known, models, verify
from rlct.table import table

ROOT = Path(__file__).resolve().parents[1]


def _corpus_formula(case):
    i = case["id"]
    if i.startswith("rrr_"):
        M, N, H, r = map(int, re.match(r"rrr_M(\d+)_N(\d+)_H(\d+)_r(\d+)", i).groups())
        return [known.reduced_rank_regression(M, N, H, r), known.deep_linear_network([M, H, N], r)]
    if i.startswith("dln_"):
        widths, r = re.match(r"dln_([\dx]+)_r(\d+)", i).groups()
        return [known.deep_linear_network([int(w) for w in widths.split("x")], int(r))]
    if i.startswith("tanh_1d_H"):
        return [known.tanh_network(int(i.split("H")[1]))]
    return []


FORMULA_CASES = [c for c in load("known_results.json") if _corpus_formula(c)]


@pytest.mark.parametrize("case", FORMULA_CASES, ids=[c["id"] for c in FORMULA_CASES])
def test_closed_forms_reproduce_the_corpus(case):
    """The formulas implemented in rlct.known give the corpus values (a two-layer network is a
    reduced-rank regression, so Aoyagi 2024 must also agree with Aoyagi-Watanabe 2005)."""
    for lam, m in _corpus_formula(case):
        assert (lam, m) == (Fraction(case["lam"]), case["m"])


RRR = [(M, N, H, r) for M in (1, 2, 3) for N in (1, 2, 3) for H in (1, 2) for r in range(min(M, N, H) + 1)
       if M * H + N * H <= 10] + [(2, 3, 3, 1), (3, 3, 3, 0), (3, 3, 3, 1), (3, 3, 3, 2)]


@pytest.mark.parametrize("M, N, H, r", RRR)
def test_reduced_rank_regression_matches_aoyagi_watanabe(M, N, H, r):
    res = models.reduced_rank_regression(M, N, H, r).solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact",) + known.reduced_rank_regression(M, N, H, r)
    assert verify(res.certificate).ok


DLN = [(w, r) for w in ([1, 2, 2, 1], [2, 2, 2, 2], [2, 1, 2, 2], [1, 2, 2, 2], [2, 2, 2]) for r in (0, 1)]


@pytest.mark.parametrize("widths, r", DLN)
def test_deep_linear_network_matches_aoyagi(widths, r):
    res = models.deep_linear_network(widths, r).solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact",) + known.deep_linear_network(widths, r)


@pytest.mark.parametrize("H", [1, 2])
def test_tanh_network_matches_aoyagi(H):
    res = models.tanh_network(H).solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact",) + known.tanh_network(H)


def test_builders_reject_bad_sizes():
    with pytest.raises(ValueError):
        models.reduced_rank_regression(1, 1, 1, 2)
    with pytest.raises(ValueError):
        models.deep_linear_network([2, 2])


def test_table_writes_incrementally_and_resumes(tmp_path):
    out = tmp_path / "rrr.csv"
    grid = {"M": [1, 2], "N": [2], "H": [1], "r": [0, 1, 5]}       # r = 5 is skipped
    rows = table("rrr", grid, executor="serial", out=out, timeout=20)
    assert [(r["M"], r["r"]) for r in rows] == [(1, 0), (1, 1), (2, 0), (2, 1)]
    assert all(r["status"] == "exact" and r["lambda"] == r["known_lambda"] for r in rows)
    lines = out.read_text().splitlines()
    assert len(lines) == 5
    out.write_text("\n".join(lines[:3]) + "\n")     # as if the run had crashed after two rows
    again = table("rrr", grid, executor=ThreadPoolExecutor(2), out=out, timeout=20)
    assert [r["lambda"] for r in again] == [r["lambda"] for r in rows]
    assert len(out.read_text().splitlines()) == 5


def test_fixtures_export(tmp_path):
    from rlct.table import export_fixtures

    rows = table("rrr", {"M": [2], "N": [2], "H": [2], "r": [0, 1]}, executor="serial")
    fx = export_fixtures("rrr", rows, tmp_path / "fx.json")
    loaded = json.loads((tmp_path / "fx.json").read_text())
    assert loaded == fx and [(f["lambda"], f["m"]) for f in fx] == [("3/2", 1), ("2", 2)]
    assert fx[1]["point"]["a1_1"] == "1" and "b1_1" in fx[1]["K"]


def test_table_jsonl_with_lists(tmp_path):
    out = tmp_path / "dln.jsonl"
    rows = table("dln", {"widths": [[1, 2, 1], [2, 2, 2]], "r": [0]}, executor="serial", out=out)
    assert [json.loads(x)["widths"] for x in out.read_text().splitlines()] == [[1, 2, 1], [2, 2, 2]]
    assert [(r["lambda"], r["m"]) for r in rows] == [("1/2", 1), ("3/2", 1)]


def test_table_cli(tmp_path):
    out = tmp_path / "t.csv"
    p = subprocess.run([sys.executable, "-m", "rlct", "table", "rrr", "--M", "1..2", "--N", "1", "--H", "1",
                        "--r", "0", "--out", str(out), "--serial"], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0 and "exact" in p.stdout and out.exists()
    bad = subprocess.run([sys.executable, "-m", "rlct", "table", "rrr", "--M", "x"], capture_output=True,
                         text=True, cwd=ROOT)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--M" in bad.stderr


def test_unit_elimination_is_checked():
    """rrr(3, 3, 3) at a rank-1 point needs eliminations whose coefficient is a unit, not a
    constant (x' = u x + r); tampering with the substituted generators must fail."""
    import copy

    res = models.reduced_rank_regression(3, 3, 3, 1).solve(timeout=60)
    assert (res.status, res.lam, res.m) == ("exact",) + known.reduced_rank_regression(3, 3, 3, 1)
    stack, units = [res.certificate["root"]], []
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            if n.get("step") == "eliminate" and n["node"]["gens"] != n["gens"]:
                units.append(n)
            stack.extend(v for v in n.values() if isinstance(v, (dict, list)))
        elif isinstance(n, list):
            stack.extend(n)
    assert units
    bad = copy.deepcopy(res.certificate)
    stack = [bad["root"]]
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            if n.get("step") == "eliminate":
                n["var"] = (n["var"] + 1) % len(n["e"])
                break
            stack.extend(v for v in n.values() if isinstance(v, (dict, list)))
        elif isinstance(n, list):
            stack.extend(n)
    assert not verify(bad).ok


def test_regression_by_moments_and_samples():
    """Watanabe (2009) §7.1: K = E[(f(x, w) − f(x, w*))²]/(2σ²).  With standard normal inputs
    the moment matrix of (x, x², x³) is non-singular, so K ≍ (a−1 + 3ab)² + b² + (ab)² at
    (a, b) = (1, 0): a regular model in two parameters, (1, 1).  With samples {0, 1} only the
    span of (1, x) is seen: f = ab + c x gives K ≍ (ab)² + c², (1/2, 2) + (1/2, 1) -> (1, 2)."""
    normal = {(k,): (0 if k % 2 else [1, 1, 3, 15, 105, 945][k // 2]) for k in range(12)}
    m = models.regression("a*x + b*x**2 + a*b*x**3", ["a", "b"], ["x"], {"a": 1}, moments=normal)
    r = m.solve(timeout=20)
    assert (r.status, r.lam, r.m) == ("exact", Fraction(1), 1)
    m = models.regression("a*b + c*x", ["a", "b", "c"], ["x"], {}, samples=[[0], [1]])
    assert (m.solve(timeout=20).lam, m.solve(timeout=20).m) == (Fraction(1), 2)
    with pytest.raises(ValueError):
        models.regression("a*x + z", ["a"], ["x"], {}, samples=[[1]])


def test_threads_give_the_serial_answers():
    """rlct() calls in threads (each re-verifies its certificate) agree with serial calls."""
    ms = [models.reduced_rank_regression(2, 2, 2, r) for r in (0, 1, 2)] + [models.tanh_network(2)]
    serial = [(m.solve(timeout=30).lam, m.solve(timeout=30).m) for m in ms]
    with ThreadPoolExecutor(4) as ex:
        threaded = list(ex.map(lambda m: (lambda r: (r.status, r.lam, r.m))(m.solve(timeout=30)), ms * 2))
    assert [(lam, m) for _, lam, m in threaded] == serial * 2
    assert all(s == "exact" for s, _, _ in threaded)
