"""Budgets that hold (issue 4): ``timeout=T`` returns within T + 10 %, with honest bounds.

The inputs of ``tests/data/hard_inputs.json`` are models of :mod:`rlct.known` composed with
invertible integer maps of their parameters; before the hard deadline of
:mod:`resolve.watchdog` they overran their budget by up to 3x inside sympy's Groebner bases.
"""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from resolve.watchdog import HardTimeout, hard_deadline
from rlct import known, rlct

CASES = json.loads((Path(__file__).parent / "data" / "hard_inputs.json").read_text())


def _truth(model):
    if model["family"] == "rrr":
        return known.reduced_rank_regression(model["M"], model["N"], model["H"], model["r"])
    return known.deep_linear_network(model["widths"], 0)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_timeout_holds_on_hard_inputs(case):
    T = 3.0
    t0 = time.monotonic()
    r = rlct(case["K"], vars=case["vars"], timeout=T)
    wall = time.monotonic() - t0
    assert wall <= 1.1 * T + 0.5, wall     # T + 10 % (+ slack for a loaded CI machine)
    lam, m = _truth(case["model"])
    if r.status == "exact":
        assert (r.lam, r.m) == (lam, m)
    else:
        assert r.status == "bounds" and r.lambda_lower <= lam <= r.lambda_upper
        assert "time" in r.reason


def test_hard_deadline_stops_a_loop_that_never_checks_the_clock():
    t0 = time.monotonic()
    with pytest.raises(HardTimeout):
        with hard_deadline(time.monotonic() + 0.1):
            while True:
                pass
    assert time.monotonic() - t0 < 1.0


def test_hard_deadline_is_not_swallowed_by_except_exception():
    def swallow():
        try:
            while True:
                pass
        except Exception:  # noqa: BLE001 - what library code does
            return "swallowed"

    with pytest.raises(HardTimeout):
        with hard_deadline(time.monotonic() + 0.05):
            swallow()


def test_hard_deadline_never_leaks_after_its_block():
    fired = 0
    for i in range(2000):
        try:
            with hard_deadline(time.monotonic() + 0.0001 * (i % 5)):
                sum(range(200))
        except HardTimeout:
            fired += 1
    # a leaked exception would surface in this plain loop
    deadline = time.monotonic() + 0.3
    while time.monotonic() < deadline:
        pass
    assert fired > 0


def test_hard_deadline_in_worker_threads_hits_only_its_own_thread():
    results = {}

    def slow(name, secs):
        try:
            with hard_deadline(time.monotonic() + secs):
                end = time.monotonic() + 0.4
                while time.monotonic() < end:
                    pass
            results[name] = "finished"
        except HardTimeout:
            results[name] = "stopped"

    a = threading.Thread(target=slow, args=("short", 0.1))
    b = threading.Thread(target=slow, args=("long", 5.0))
    a.start(), b.start()
    a.join(), b.join()
    assert results == {"short": "stopped", "long": "finished"}


def test_hard_deadline_is_delivered_again_when_a_delivery_is_lost():
    """A delivery swallowed (as in a garbage-collector callback) is repeated while the block runs."""
    from resolve.watchdog import REPEAT

    caught = 0
    t0 = time.monotonic()
    with pytest.raises(HardTimeout):
        with hard_deadline(time.monotonic() + 0.05):
            while True:
                try:
                    while True:
                        pass
                except HardTimeout:      # the first delivery is lost
                    caught += 1
                    if caught > 1:
                        raise
    assert caught == 2 and time.monotonic() - t0 < 0.05 + 2 * REPEAT + 1.0
