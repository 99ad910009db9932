"""rlct.table with a dask.distributed client's executor (issue 5 item 4): the Executor interface
is all rlct.table uses, so a local cluster's executor gives the sequential rows.  Skipped when
dask.distributed is not installed (the optional extra ``rlct[dask]``)."""
import pytest

from rlct.table import table

distributed = pytest.importorskip("distributed")

KEYS = ("model", "status", "lambda", "m", "lambda_lower", "lambda_upper", "known_lambda", "known_m")


def test_dask_client_executor_gives_the_serial_rows(tmp_path):
    grid = {"n_observed": [3], "n_factors": [1], "true_factors": [0, 1]}
    serial = table("factor", grid, executor="serial", timeout=30)
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2,
                            dashboard_address=None) as client:
        out = tmp_path / "factor.jsonl"
        rows = table("factor", grid, executor=client.get_executor(), out=out, timeout=30)
        ran = client.run_on_scheduler(
            lambda dask_scheduler: {k: dict(v.state_counts) for k, v in dask_scheduler.task_prefixes.items()})
    assert ran["solve_point"]["memory"] == 2          # both rows were computed by the dask workers
    assert [tuple(r[k] for k in KEYS) for r in rows] == [tuple(r[k] for k in KEYS) for r in serial]
    assert [(r["lambda"], r["m"]) for r in rows] == [("9/4", 1), ("3", 1)]
    assert all(r["lambda"] == r["known_lambda"] for r in rows)
    assert len(out.read_text().splitlines()) == 2
