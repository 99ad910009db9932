"""Issue 7 item 4: the pieces of the top-level splits and chart subdivisions as tasks on a
concurrent.futures executor (rlct/parallel.py); results and certificates identical to the
sequential run."""
import json
import pickle
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from fractions import Fraction

import pytest

from helpers import load
from resolve.fan import chart_cones
from resolve.newton import newton_polyhedron
from resolve.poly import Poly, from_sympy
from rlct import known, parallel, rlct, verify
from rlct.errors import RLCTInputError
from rlct.values import INF, Value

CORPUS = {c["id"]: c for c in load("known_results.json")}
# A product of two cusps plus a term in z: orthant splits and a toric subdivision of 52 chart
# tasks (the value follows from the Newton polygon of the cusps' product, λ = 1/4 with m = 2; the
# answer is also checked against the sequential run, which the other test files check).
CORPUS["many_charts"] = {"id": "many_charts", "K": "(x**2+y**3)**2*(x**3-y**2)**2 + x**10*z**2",
                         "vars": ["x", "y", "z"], "lam": "1/4"}
MANY_CHARTS = 52
# many_charts: many chart tasks; tanh_1d_H2: group rule with a split; the other two: orthant
# splits and chart subdivisions.
CASES = ["many_charts", "tanh_1d_H2", "degen_cusp_sq", "realcx_sq_quadric3"]


class Counting:
    """An executor that counts the tasks given to it (so the tests know it was used)."""

    def __init__(self, ex):
        self.ex, self.n = ex, 0

    def submit(self, fn, *a, **k):
        self.n += 1
        return self.ex.submit(fn, *a, **k)


def run(case, **kw):
    return rlct(case["K"], vars=case["vars"], at=case.get("point") or None,
                prior=None if case.get("prior", "1") == "1" else case["prior"], **kw)


def dump(r):
    d = r.to_dict()
    d.pop("seconds")
    return d, json.dumps(r.certificate, sort_keys=True)


@pytest.fixture(scope="module")
def pools():
    with ThreadPoolExecutor(2) as tp, ProcessPoolExecutor(2) as pp:
        yield {"threads": tp, "processes": pp}


def test_pieces_pickle():
    """What a task carries: polynomials, cones, values (INF stays the singleton), the config."""
    import sympy

    x, y = sympy.symbols("x y")
    K = from_sympy((x ** 2 - y ** 3) ** 2 + Fraction(1, 3) * x ** 5, [x, y])
    assert pickle.loads(pickle.dumps(K)) == K and hash(pickle.loads(pickle.dumps(K))) == hash(K)
    cones = chart_cones(newton_polyhedron(K.support()))
    assert pickle.loads(pickle.dumps(cones)) == cones
    v = pickle.loads(pickle.dumps(Value.exact(INF, 0)))
    assert v.lo is INF and v == Value.exact(INF, 0)
    cfg = parallel.TaskConfig(1.0, time.time(), 10, 14, 12, "toric", True, True, 0, 0, "t0.0.")
    assert pickle.loads(pickle.dumps(cfg)) == cfg
    r = parallel.run_task(cfg, "chart", (K, (0, 0), cones[0]))
    assert pickle.loads(pickle.dumps(r)).value == r.value and r.status == "ok"


@pytest.mark.parametrize("cid", CASES)
@pytest.mark.parametrize("kind", ["threads", "processes"])
def test_executor_gives_the_sequential_result(cid, kind, pools, monkeypatch):
    """Identical to_dict() (but seconds) and identical certificate, and the executor got tasks."""
    monkeypatch.setattr(parallel, "MIN_WORK", 0)   # small cases too go to the executor
    case = CORPUS[cid]
    seq = run(case, timeout=120)
    assert seq.status == "exact" and seq.lam == Fraction(case["lam"])
    ex = Counting(pools[kind])
    par = run(case, timeout=120, executor=ex)
    assert ex.n >= 2
    assert dump(par) == dump(seq)
    assert verify(par.certificate).ok


def test_task_ids_are_unique_and_prefixed(pools, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_WORK", 0)
    r = run(CORPUS["degen_cusp_sq"], executor=pools["threads"])   # fiber points inside the chart tasks
    ids = []

    def walk(o):
        if isinstance(o, dict):
            if isinstance(o.get("id"), str) and "rule" in o:
                ids.append(o["id"])
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(r.certificate)
    assert len(ids) == len(set(ids))
    assert any(i.startswith("t") for i in ids)


def test_auto_executor_and_bad_executor():
    case = CORPUS["degen_cusp_sq"]
    assert dump(run(case, executor="auto")) == dump(run(case))
    with pytest.raises(RLCTInputError):
        rlct("x**2 + y**4", executor=object())


def test_deadline_is_kept_with_an_executor(pools, monkeypatch):
    """A case that cannot finish in 3 s (a deep linear network under invertible maps of its
    layers, tests/data/hard_inputs.json; its value is Aoyagi's): the answer (honest bounds) still
    comes within the budget."""
    monkeypatch.setattr(parallel, "MIN_WORK", 0)
    case = next(c for c in load("hard_inputs.json") if c["id"] == "dln_2x2x2x2x2_r0__vec+ps")
    lam, _ = known.deep_linear_network(case["model"]["widths"], 0)
    t0 = time.monotonic()
    r = run(case, timeout=3, executor=pools["threads"])
    assert time.monotonic() - t0 < 3 * 1.5
    assert r.status == "bounds" and r.lambda_lower <= lam <= r.lambda_upper


def test_dask_executor_if_installed(monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(parallel, "MIN_WORK", 0)
    case = CORPUS["many_charts"]
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as client:
        ex = Counting(client.get_executor())
        par = run(case, timeout=120, executor=ex)
    assert ex.n >= 2
    assert dump(par) == dump(run(case, timeout=120))


@pytest.mark.parametrize("max_charts", [5, MANY_CHARTS - 1, MANY_CHARTS])
def test_chart_budget_is_the_same_with_an_executor(max_charts, pools, monkeypatch):
    """The chart budget is shared out deterministically: one chart fewer than the case needs is
    too few with or without the executor, the exact number is enough."""
    monkeypatch.setattr(parallel, "MIN_WORK", 0)
    case = CORPUS["many_charts"]
    seq = run(case, max_charts=max_charts)
    assert seq.status == ("exact" if max_charts >= MANY_CHARTS else "bounds")
    for kind in ("threads", "processes"):
        assert dump(run(case, max_charts=max_charts, executor=pools[kind])) == dump(seq)


def test_input_error_in_a_task_is_raised(pools, monkeypatch):
    """A chart task that finds K negative raises the same input error as the sequential run."""
    monkeypatch.setattr(parallel, "MIN_WORK", 0)
    K = "(x**2 - y**3)**2 - x**7"
    with pytest.raises(RLCTInputError, match="negative"):
        rlct(K)
    ex = Counting(pools["processes"])
    with pytest.raises(RLCTInputError, match="negative"):
        rlct(K, executor=ex)
    assert ex.n >= 2


def test_group_blowup_charts_as_tasks(pools):
    """Solver._pstep_pieces, the hook for the charts of a group blow-up: the charts that are
    permutations of each other are solved once, the others as tasks; the same records with and
    without an executor, the values of the plain sequential loop, and the assembled program
    verifies."""
    import sympy

    from rlct.engine import Solver
    from rlct.groups import PState, blowup, normalize, ranked_blocks

    case = CORPUS["rrr_M3_N3_H2_r0"]
    syms = [sympy.Symbol(v) for v in case["vars"]]
    exprs = [g for g in sympy.Add.make_args(sympy.sympify(case["K"]))]
    gens = tuple((Fraction(1), from_sympy(e.base, syms)) for e in exprs)
    d = len(syms)
    st = normalize(PState(gens, ("L",) * d, (0,) * d, ("two",) * d))
    S = ranked_blocks(st)[0]
    states = [normalize(blowup(st, S, k)) for k in S]

    def pieces(**kw):
        s = Solver(**kw)
        s.group_nesting = 1
        return s._pstep_pieces(states, 1, True, True, 1, 0), s

    plain, _ = pieces()
    seq, s0 = pieces(tasks=True)
    assert s0.sym_hits["pstep"] >= 1 and any(rec.get("step") == "same" for _, rec in seq)
    for kind in ("threads", "processes"):
        ex = Counting(pools[kind])
        par, _ = pieces(tasks=True, executor=ex)
        assert ex.n >= 1
        assert json.dumps([rec for _, rec in par], sort_keys=True) == json.dumps([rec for _, rec in seq], sort_keys=True)
        assert [v for v, _ in par] == [v for v, _ in seq]
    assert [v for v, _ in seq] == [v for v, _ in plain]
    lam = min(v.lo for v, _ in seq)
    m = max(v.m for v, _ in seq if v.lo == lam)
    assert (lam, m) == (Fraction(case["lam"]), case["m"])
    K = sum((g * g for _, g in gens), Poly(d, {}))
    program = st.record()
    program.update(step="blowup", S=list(S), charts=[{"k": k, "node": rec} for k, (_, rec) in zip(S, seq)])
    root = {"id": "g", "K": K.to_terms(), "e": [0] * d, "sides": ["two"] * d, "rule": "group",
            "gens": [["1", g.to_terms()] for _, g in gens], "program": program}
    cert = {"format": "rlct-certificate/1", "vars": case["vars"], "K": case["K"], "K_terms": K.to_terms(),
            "point": {v: "0" for v in case["vars"]}, "prior_exponents": [0] * d, "lambda": str(lam), "m": m,
            "root": root}
    v = verify(cert)
    assert v.ok, v.reason
