"""rlct: exact real log canonical thresholds (Watanabe's learning coefficient) of polynomials.

``rlct(K)`` returns ``(λ, m)`` of ``ζ(z) = ∫ K(w)^z φ(w) dw`` near a point, with a certificate
that :func:`verify` re-checks independently; where the engine cannot finish it returns rigorous
bounds, never a guess.

>>> from rlct import rlct
>>> r = rlct("x**2 + y**4")
>>> str(r.lam), r.m
('3/4', 1)
"""
from .api import RLCTResult, rlct
from .check import CheckResult, check
from .errors import RLCTInputError


def verify(certificate):
    """Re-check a certificate with the independent checker (:mod:`rlct.checker`).

    Returns a :class:`rlct.checker.Verification` (``ok``, ``reason``, ``lam``, ``m``).
    """
    from .checker import verify as _verify

    return _verify(certificate)


__all__ = ["rlct", "RLCTResult", "RLCTInputError", "verify", "check", "CheckResult"]
__version__ = "0.1.0"
