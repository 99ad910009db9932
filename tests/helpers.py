"""Shared test utilities: the cited oracle data, a comparison helper, a certificate walk."""
import json
from fractions import Fraction
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def load(name):
    return json.loads((DATA / name).read_text())


def contains(result, lam: Fraction, m: int | None = None, check_m: bool = True) -> bool:
    """True if an rlct result is right about (lam, m): exact and equal, or bounds containing lam."""
    if result.status == "exact":
        return result.lam == lam and (not check_m or m is None or result.m == m)
    return result.lambda_lower <= lam <= result.lambda_upper


def dicts(obj):
    """Every dict in a certificate (nodes, charts, points, records), depth first, parents first."""
    if isinstance(obj, dict):
        yield obj
        for v in obj.values():
            yield from dicts(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from dicts(v)


def verdicts_both_ways(ck, cert, monkeypatch):
    """``ck.verify(cert)`` with the checker's fast paths (``ck._FAST``) on, then off."""
    out = []
    for fast in (True, False):
        monkeypatch.setattr(ck, "_FAST", fast)
        out.append(ck.verify(cert))
    return out
