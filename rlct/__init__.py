"""rlct: exact real log canonical thresholds (Watanabe's learning coefficient) of polynomials.

``rlct(K)`` returns ``(λ, m)`` of ``ζ(z) = ∫ K(w)^z φ(w) dw`` near a point, with a certificate
that :func:`verify` re-checks independently; where the engine cannot finish it returns rigorous
bounds, never a guess.

>>> from rlct import rlct
>>> r = rlct("x**2 + y**4")
>>> str(r.lam), r.m
('3/4', 1)
"""
from .errors import RLCTInputError

_LAZY = {"rlct": "api", "RLCTResult": "api", "check": "claims", "CheckResult": "claims",
         "check_charts": "charts_check"}


def __getattr__(name):
    """Import the engine (sympy, flint) only when it is used, so ``rlct --help`` starts fast."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'rlct' has no attribute {name!r}")


def verify(certificate):
    """Re-check a certificate with the independent checker (:mod:`rlct.checker`).

    Returns a :class:`rlct.checker.Verification` (``ok``, ``reason``, ``lam``, ``m``).
    """
    from .checker import verify as _verify

    return _verify(certificate)


__all__ = ["rlct", "RLCTResult", "RLCTInputError", "verify", "check", "CheckResult", "check_charts"]
__version__ = "0.1.0"
