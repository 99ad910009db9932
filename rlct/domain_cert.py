"""The certificate of an exact domain answer (``rlct-domain-certificate/1``, docs/certificate.md,
"Domain certificates"), written from what :mod:`rlct.domain` computed, and the self-check.

The record lists the box, ``K``, the claimed ``(λ, m)``, the representation ``K = c·Π B_j^{k_j}``
(pieces with their generators, weights, units, face pieces, one-sign claims and smooth charts
``(S, cols, δ)``), a witness point of each smooth / normal-crossing stratum found, and every
solved point with its proof (a local ``rlct-certificate/1``, ``morse``, or ``rule``: the checker
classifies it itself).  The independent checker :mod:`rlct.checker_domain` re-derives the
covering (which points must be listed) on its own; this module only reports data."""
from __future__ import annotations

import itertools
from fractions import Fraction

from .domain_exact import _is_zero
from .strata import lam_str

FORMAT = "rlct-domain-certificate/1"


def _num(v) -> str:
    return str(v).replace(" ", "")


def _point(names, p) -> dict:
    return {n: str(v) for n, v in zip(names, p)}


def _chart_rows(pc, syms) -> list:
    """``[(S, cols, δ)]``: the resolver's charts ``(c, δ, cols)`` with the generator rows ``S``
    recovered (the ``c``-subset whose minor on ``cols`` is ``δ``), or the trivial charts
    ``S = all`` (every full-size non-zero minor) when the resolver computed none."""
    import sympy

    G = pc.gens
    J = sympy.Matrix([[sympy.diff(g, s) for s in syms] for g in G])
    out = []
    if pc.charts is None:
        for cols in itertools.combinations(range(len(syms)), len(G)):
            dl = sympy.expand(J[:, list(cols)].det())
            if dl != 0:
                out.append((list(range(len(G))), list(cols), dl))
        return out
    for c, dl, cols in pc.charts:
        for S in itertools.combinations(range(len(G)), c):
            if sympy.expand(J[list(S), list(cols)].det() - dl) == 0:
                out.append((list(S), list(cols), dl))
                break
    return out


def _pieces(expr, pieces, syms, kind) -> tuple:
    """``(constant, [piece records])`` or ``None`` when ``K / Π B_j^{k_j}`` is not a rational."""
    import sympy

    prod, out = sympy.Integer(1), []
    for pc in pieces:
        k = int(2 * pc.s) if pc.weights is None else int(pc.s)
        base = pc.gens[0] if pc.weights is None else sympy.Add(*[w * g ** 2 for w, g in zip(pc.weights, pc.gens)])
        prod *= base ** k
        rec = {"gens": [str(g) for g in pc.gens], "weights": None if pc.weights is None else [str(w) for w in pc.weights],
               "power": k, "s": str(pc.s), "face": None if not pc.face else [pc.face[0], str(pc.face[1])],
               "unit": None, "one_sign": None, "finite": False,
               "charts": [{"S": S, "cols": cols, "delta": str(dl)} for S, cols, dl in _chart_rows(pc, syms)]}
        if kind == "strata":
            rec["unit"] = None if pc.unit is None else {"gen": pc.unit[0], "sign": pc.unit[1]}
            rec["one_sign"] = pc.sign or None if pc.one_sign else None
            rec["finite"] = pc.charts is None and pc.unit is None
        out.append(rec)
    c = sympy.cancel(expr / prod)
    if not c.is_Rational or c == 0:
        return None
    return str(c), out


def _where(pieces, syms, box, p):
    """The stratum of a witness ``p``: ``("smooth", j, S, cols, δ)`` or ``("crossing", J)``."""
    import sympy

    from .domain_exact import _q

    sub = dict(zip(syms, p))
    free = [i for i, (v, (lo, hi)) in enumerate(zip(p, box)) if v != _q(lo) and v != _q(hi)]
    V = [j for j, pc in enumerate(pieces) if pc.unit is None
         and all(_is_zero(sympy.expand(g.xreplace(sub))) for g in pc.gens)]
    if len(V) == 1 and not pieces[V[0]].face:
        for S, cols, dl in _chart_rows(pieces[V[0]], syms):
            if set(cols) <= set(free) and _is_zero(sympy.expand(dl.xreplace(sub))) is False:
                return ("smooth", V[0], S, cols, dl)
    return ("crossing", V)


def _sign_change(pieces, names, syms, box, st) -> dict | None:
    """A smooth stratum shown to exist by a sign change of its irreducible factor ``F``: a vertex or
    the centre of the box where ``F > 0`` and one where ``F < 0`` (exact rational values)."""
    import sympy

    from .domain_exact import _q

    js = [j for j, pc in enumerate(pieces) if pc.unit is None and len(pc.gens) == 1
          and [f"{pc.gens[0]} = 0"] == st.equations]
    if not js:
        return None
    F = pieces[js[0]].gens[0]
    pts = list(itertools.product(*box)) + [tuple((lo + hi) / 2 for lo, hi in box)]
    by_sign = {}
    for p in pts:
        by_sign.setdefault(int(sympy.sign(F.xreplace({s: _q(v) for s, v in zip(syms, p)}))), p)
    if 1 not in by_sign or -1 not in by_sign:
        return None
    return {"equations": st.equations, "lambda": lam_str(st.lam), "m": st.m, "type": "smooth", "piece": js[0],
            "S": [0], "s": str(pieces[js[0]].s),
            "sign_change": [_point(names, by_sign[1]), _point(names, by_sign[-1])]}


def build(expr, names, syms, box, lam, m, kind, pieces, proofs, strata=(), cylinders=()) -> dict | None:
    """The domain certificate of an exact answer (see the module docstring), or ``None`` when
    ``K`` is not ``c·Π B_j^{k_j}`` for the pieces."""
    got = _pieces(expr, pieces, syms, kind)
    if got is None:
        return None
    const, recs = got
    cert = {"format": FORMAT, "vars": list(names), "K": str(expr),
            "box": {n: [str(lo), str(hi)] for n, (lo, hi) in zip(names, box)},
            "lambda": lam_str(lam), "m": m, "zero_set": kind, "constant": const, "pieces": recs,
            "strata": [], "points": []}
    for st in strata:
        if isinstance(st.witness, str):    # a factor taking both signs: two points of opposite signs
            rec = _sign_change(pieces, names, syms, box, st)
            if rec:
                cert["strata"].append(rec)
            continue
        if not isinstance(st.witness, tuple):
            continue
        where = _where(pieces, syms, box, st.witness)
        face = {names[i]: str(v) for i, v in enumerate(st.witness) if v in (box[i][0], box[i][1])}
        rec = {"equations": st.equations, "lambda": lam_str(st.lam), "m": st.m,
               "witness": _point(names, st.witness), "face": face}
        if where[0] == "smooth":
            _, j, S, cols, dl = where
            rec.update(type="smooth", piece=j, S=S, cols=cols, delta=str(dl), s=str(pieces[j].s))
        else:
            rec.update(type="crossing", pieces=where[1])
        cert["strata"].append(rec)
    for p, proof, lo, mm in proofs:
        cert["points"].append({"point": _point(names, p), "proof": proof,
                               "lambda": None if lo is None else lam_str(lo), "m": mm})
    if cylinders:
        cert["cylinders"] = list(cylinders)
    return cert


def attach(res, cert, check: bool, floor: Fraction, deadline) -> None:
    """Attach ``cert`` to the exact ``res``; with ``check``, first re-verify it with
    :func:`rlct.checker_domain.verify_domain` and turn ``res`` into the bounds ``[1/deg K, λ]``
    (Kollár's bound; λ is attained at a checked point) when it does not verify."""
    from resolve.watchdog import HardTimeout, hard_deadline

    from .checker_domain import verify_domain

    if not check:
        res.certificate = cert
        return
    failure = None
    if cert is None:
        failure = "K is not a rational multiple of the product of its pieces"
    else:
        try:
            with hard_deadline(deadline):
                v = verify_domain(cert)
            failure = None if v.ok else f"the domain certificate did not verify ({v.reason[:240]})"
        except HardTimeout:
            failure = "time budget exhausted (during the domain certificate self-check)"
    if failure is None:
        res.certificate = cert
        return
    lam = res.lam
    res.lam, res.m, res.status = None, None, "bounds"
    res.lambda_lower, res.lambda_upper, res.reason = floor, lam, failure
