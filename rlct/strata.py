"""Charts and the fiber over the origin (mixed into :class:`rlct.engine.Solver`).

``_chart`` pulls ``K`` back to one toric chart (``K(y^B) = y^N · strict``, exponents of prior x
Jacobian ``e``), then proves, stratum by stratum of the fiber, that ``strict`` has no zero there
(docs/algorithm.md §5), or handles the zeros: rational points on a stratum with one free variable
(translation and recursion, §4.3), irrational ones in two variables (m-adic Newton polygons,
:mod:`resolve.madic`; where those are degenerate, the Newton–Puiseux recursion over real number
fields, :mod:`resolve.numberfield`), a smooth zero factor (rule S along the stratum), several smooth zero
factors with rational crossing points (``_crossing_stratum``).  Unfinished charts give bounds.
"""
from __future__ import annotations

import itertools
from fractions import Fraction

from resolve.poly import Poly
from resolve.zeros import groebner_is_one, stratum_proof, torus_points

from .errors import RLCTInputError
from .rules import factor
from .values import INF, Value, combine_min


def lam_str(x) -> str:
    return "inf" if x is INF else str(x)


class StrataMixin:
    def _chart(self, K: Poly, e, cone, gens=None):
        d = K.nvars
        B = cone.B
        Kc = K.monomial_map(B)
        N = Kc.min_exponents()
        strict = Kc.div_monomial(N)
        if strict.constant_term() <= 0:
            raise RLCTInputError("K takes negative values near the point (it must be >= 0 there)")
        gens = chart_gens(gens, B, N)
        ee = [sum(B[i][j] * (e[i] + 1) for i in range(d)) - 1 for j in range(d)]
        chart = {"B": B, "vertex": list(cone.vertex), "lift": [str(x) for x in cone.lift],
                 "N": list(N), "e": ee, "strict": strict.to_terms(), "strata": []}
        value = monomial_value(N, ee)
        if d > self.max_strata_vars:
            self.budget_hit.add("strata")
            chart["unfinished"] = True
            return chart, Value.bounds(hoelder_lower(value, strict), value.lo, "too many variables for strata")
        positive: list[int] = []   # bitmasks of strata proven by positivity (cover supersets)
        point_vals: list[Value] = []
        ok = True
        for size in range(1, d + 1):
            for J in itertools.combinations(range(d), size):
                if not all(any(B[i][j] for j in J) for i in range(d)):
                    continue
                mask = sum(1 << j for j in J)
                if any(p & mask == p for p in positive):
                    continue
                g = strict.restrict_zero(J)
                free = [k for k in range(d) if k not in J]
                proof = self._proof(g, free)
                if proof is None:
                    found = self._fiber_points(strict, N, ee, J, free, g, gens)
                    if found is None:
                        found = self._smooth_stratum(strict, N, ee, J, free, gens)
                    if found is None:
                        ok = False
                        chart["strata"].append({"J": list(J), "proof": None})
                        continue
                    proof, pts = found
                    for pt, child_val in pts:
                        if pt is not None:
                            chart.setdefault("points", []).append(pt)
                        point_vals.append(child_val)
                if proof["kind"] == "positive":
                    positive.append(mask)
                chart["strata"].append({"J": list(J), "proof": proof})
        if not ok:
            chart["unfinished"] = True
            return chart, Value.bounds(hoelder_lower(value, strict), value.lo, "zeros on an exceptional divisor")
        value = combine_min([value] + point_vals)
        if not value.is_exact:
            chart["unfinished"] = True
            return chart, value
        chart["lambda"], chart["m"] = lam_str(value.lo), value.m
        return chart, value

    def _smooth_stratum(self, strict: Poly, N, e, J, free, gens=None):
        """Rule (S) along a stratum: ``strict = f^c q`` where ``q`` has no zero on the stratum and
        ``f_J`` has real zeros (sign change) but no singular point in the torus.  At every zero
        the coordinates ``(y_J, f, z)`` make the chart a normal crossing: value
        ``min({r_j : j in J} ∪ {1/c})`` (docs/algorithm.md §5.1)."""
        if len(free) < 1:
            return None
        self._check_time()
        const, factors = factor(strict)
        zero_factors, q = [], Poly.constant(strict.nvars, const)
        for f, c in factors:
            fJ = f.restrict_zero(J)
            if self._proof(fJ * fJ, free) is None:
                zero_factors.append((f, c))
            else:
                q = q * f ** c
        if len(zero_factors) >= 2:
            return self._crossing_stratum(strict, N, e, J, free, zero_factors, q, gens)
        if len(zero_factors) != 1:
            return None
        if len(free) > 4:
            return None
        q_proof = self._proof(q.restrict_zero(J), free)
        found = smooth_zero_factor(*zero_factors[0], N, e, J, free) if q_proof is not None else None
        if found is None:
            return None
        rec, value = found
        proof = dict(kind="smooth", **rec, q=q.to_terms(), q_proof=q_proof)
        return proof, [(None, value)]

    def _crossing_stratum(self, strict: Poly, N, e, J, free, zero_factors, q, gens=None):
        """Several smooth zero factors on a stratum with >= 2 free variables.

        Each ``f_J`` is smooth in the torus with real zeros (witness): rule (S) value
        ``min(r_J ∪ {1/c})`` along it.  Where two of them meet -- a finite set of rational points,
        found exactly with a lex Groebner basis -- translate there and recurse (§4.3, §5.1).
        """
        if len(free) < 2 or len(free) > 3 or len(zero_factors) > 6:
            return None
        q_proof = self._proof(q.restrict_zero(J), free)
        if q_proof is None:
            return None
        recs, vals = [], []
        for f, c in zero_factors:
            found = smooth_zero_factor(f, c, N, e, J, free)
            if found is None:
                return None
            recs.append(found[0])
            vals.append((None, found[1]))
        points = set()
        for (fa, _), (fb, _) in itertools.combinations(zero_factors, 2):
            self._check_time()
            pts = intersection_points(fa.restrict_zero(J), fb.restrict_zero(J), free)
            if pts is None:
                return None
            points |= pts
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                self.budget_hit.add("depth")
                return None
            for p in sorted(points):
                shift = [Fraction(0)] * strict.nvars
                for k, v in zip(free, p):
                    shift[k] = v
                if not self._translation_affordable(strict, free):
                    return None
                NJ = [0 if i in free else N[i] for i in range(strict.nvars)]
                child_K = strict.translate(shift).mul_monomial(NJ)
                child_e = [0 if i in free else e[i] for i in range(strict.nvars)]
                child_sides = ["two" if i in free else "one" for i in range(strict.nvars)]
                v, node = self.solve(child_K, child_e, child_sides, gens=translated_gens(gens, shift, NJ))
                at = {str(k): str(x) for k, x in zip(free, p)}
                vals.append(({"J": list(J), "at": at, "node": node}, v))
        finally:
            self.depth -= 1
        proof = {"kind": "crossing", "factors": recs, "q": q.to_terms(), "q_proof": q_proof,
                 "points": [[str(x) for x in p] for p in sorted(points)]}
        return proof, vals

    def _translation_affordable(self, strict: Poly, moved) -> bool:
        """Check the time, and refuse translations whose binomial expansion would be huge
        (terms x (degree + 1) per moved variable, or very long coefficients): the chart then
        stays unfinished (bounds) instead of running away."""
        self._check_time()
        cost = len(strict)
        for k in moved:
            cost *= 1 + max((ex[k] for ex in strict.terms), default=0)
        bits = max((abs(c.numerator).bit_length() + c.denominator.bit_length() for c in strict.terms.values()),
                   default=0)
        if cost > 200_000 or bits > 2_000:
            self.budget_hit.add("terms")
            return False
        return True

    def _fiber_points(self, strict: Poly, N, e, J, free, g, gens=None):
        """Isolated zeros on a stratum with one free variable: translate there and recurse (§4.3).

        ``gens``: the chart's generators (``strict = Σ w G²``, :func:`chart_gens`); the child at a
        point gets them translated (``child K = Σ w (G(y + ρ)·y^{N_J/2})²``), so that the rules on
        generators act on the small ``G`` instead of on the expanded ``K``.

        Returns ``(proof, [(point record, value)])`` or ``None`` when the zeros are not isolated
        rational points (then the chart stays unfinished).
        """
        from resolve.zeros import unit_roots

        if len(free) != 1:
            return None
        k = free[0]
        content = g.min_exponents()
        coeffs = {ex[k] - content[k]: c for ex, c in g.terms.items()}
        roots, has_irrational = unit_roots(coeffs)   # rational roots in (0, 1], increasing
        if not roots and not has_irrational:
            return None
        irrational = []
        if has_irrational:
            irrational = self._irrational_zeros(strict, N, e, J, k, coeffs, gens)
            if irrational is None:
                return None
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                self.budget_hit.add("depth")
                return None
            out = []
            for rho in roots:
                shift = [Fraction(0)] * strict.nvars
                shift[k] = rho
                # two-sided even on the cube face rho = 1: the extension overlaps the neighbour
                # chart's cube, harmless for min/max (positive integrands, T2)
                if not self._translation_affordable(strict, [k]):
                    return None
                child_K = strict.translate(shift)
                NJ = [0 if i == k else N[i] for i in range(strict.nvars)]
                child_K = child_K.mul_monomial(NJ)
                child_e = [0 if i == k else e[i] for i in range(strict.nvars)]
                child_sides = ["two" if i == k else "one" for i in range(strict.nvars)]
                v, node = self.solve(child_K, child_e, child_sides, gens=translated_gens(gens, shift, NJ))
                out.append(({"J": list(J), "var": k, "at": str(rho), "node": node}, v))
        finally:
            self.depth -= 1
        proof = {"kind": "zeros", "var": k, "roots": [str(r) for r in roots]}
        if irrational:
            proof["irrational"] = [rec for rec, _ in irrational]
            out += [(None, v) for _, v in irrational]
        return proof, out

    def _irrational_zeros(self, strict: Poly, N, e, J, k, coeffs, gens=None):
        """Values at the irrational zeros of a univariate stratum, per irreducible factor ``m``.

        First the m-adic Newton polygon (:mod:`resolve.madic`: one step, all conjugates at once);
        where that is degenerate, the generators as coordinates when the chart has them
        (:meth:`_coords_at_roots`, also all conjugates at once), else the full Newton–Puiseux
        recursion over the real number field ``Q(ρ)``, one child per real root ``ρ`` of ``m`` in
        ``(0, 1)`` (:mod:`resolve.numberfield`).
        """
        import sympy

        from resolve.madic import madic_value

        if strict.nvars != 2 or len(J) != 1:
            return None
        j = J[0]
        t = sympy.Symbol("t")
        p = sympy.Poly({(a,): sympy.Rational(c.numerator, c.denominator) for a, c in coeffs.items()}, t, domain="QQ")
        out = []
        for fac, _mult in sorted(p.factor_list()[1], key=lambda f: (f[0].degree(), str(f[0]))):
            if fac.degree() < 2 or fac.count_roots(0, 1) == 0:
                continue
            fac = fac.monic()
            m = {int(a[0]): Fraction(int(c.p), int(c.q)) for a, c in fac.terms()}
            try:
                val = madic_value(strict, j, k, N[j], e[j], m)
            except ValueError:
                return None
            rec = {"m": [[a, str(c)] for a, c in sorted(m.items())]}
            coords = self._coords_at_roots(strict, N, e, j, k, m, gens) if val is None else None
            if coords is not None and coords[1].is_exact:
                rec["coords"], v = coords
                out.append((rec, v))
                continue
            if val is None:
                found = self._numberfield_zeros(strict, N, e, j, k, m)
                if found is None:
                    return None
                rec["nf"], val = found
            else:
                rec.update({"lambda": str(val[0]), "m_mult": val[1]})
            lam, mult = val
            out.append((rec, Value.exact(INF if lam is None else lam, mult)))
        return out

    def _coords_at_roots(self, strict: Poly, N, e, j, k, m, gens):
        """The rule ``coords`` at every real root ``ρ`` of the irreducible ``m`` on ``y_j = 0`` at once.

        ``strict = Σ w G_i²`` with ``G_i = y_j^{μ_i} · F^{c_i} · unit_i``, one polynomial ``F`` with
        ``m | F(0, y_k)`` and ``gcd(m, ∂_k F(0, y_k)) = 1`` (so ``F`` vanishes at every ``(0, ρ)``
        and is transversal to the divisor there), ``gcd(m, unit_i(0, y_k)) = 1`` (units at every
        ``ρ``).  At each ``ρ``, ``(y_j, z = F)`` are coordinates fixing ``y_j`` and the local problem
        ``y_j^{N_j} strict`` is ``≍ Σ w y_j^{N_j + 2μ_i} z^{2c_i}`` with prior ``y_j^{e_j}`` -- the
        same for every root, no number-field arithmetic.  Returns ``(record, Value)`` or ``None``.
        """
        import sympy

        if not gens or sum(len(g) for _, g in gens) > 4_000:
            return None
        self._check_time()
        t = sympy.Symbol("t")
        M = sympy.Poly({(a,): sympy.Rational(c.numerator, c.denominator) for a, c in m.items()}, t, domain="QQ")

        def on_divisor(p: Poly):
            terms = {(a[k],): sympy.Rational(c.numerator, c.denominator) for a, c in p.terms.items() if a[j] == 0}
            return sympy.Poly(terms, t, domain="QQ") if terms else sympy.Poly(0, t, domain="QQ")

        def coprime(p: Poly) -> bool:
            pj = on_divisor(p)
            return not pj.is_zero and sympy.gcd(M, pj).degree() == 0

        F, parts = None, []
        for _, G in gens:
            mu = min(a[j] for a in G.terms)
            R = G.div_monomial([mu if i == j else 0 for i in range(G.nvars)])
            if coprime(R):
                parts.append((mu, 0, R))
                continue
            const, facs = factor(R)
            unit, c = Poly.constant(G.nvars, const), 0
            for f, kf in facs:
                if coprime(f):
                    unit = unit * f ** kf
                    continue
                lead = f.terms[max(f.terms)]
                f = f.scale(1 / lead)
                unit = unit.scale(lead ** kf)
                if F is None:
                    F = f
                elif f != F:   # two different factors through the point: not one coordinate
                    return None
                c += kf
            parts.append((mu, c, unit))
        if F is None or not on_divisor(F).rem(M).is_zero or not coprime(F.diff(k)):
            return None
        n2 = N[j] // 2 if N[j] % 2 == 0 else None
        mono = [(w, Poly(2, {(N[j] + 2 * mu, 2 * c): Fraction(1)})) for (w, _), (mu, c, _) in zip(gens, parts)]
        Kc = Poly.constant(2, 0)
        for w, q in mono:
            Kc = Kc + q.scale(w)
        child_gens = [(w, Poly(2, {(n2 + mu, c): Fraction(1)})) for (w, _), (mu, c, _) in zip(gens, parts)] \
            if n2 is not None else None
        v, node = self.solve(Kc, [e[j], 0], ["one", "two"], gens=child_gens)
        rec = {"gens": [[str(w), g.to_terms()] for w, g in gens], "F": F.to_terms(),
               "parts": [{"mu": mu, "c": c, "unit": u.to_terms()} for mu, c, u in parts], "node": node}
        return rec, v

    def _numberfield_zeros(self, strict: Poly, N, e, j, k, m):
        """Newton–Puiseux over ``Q(ρ)`` at each real root ``ρ ∈ (0, 1)`` of ``m`` (two variables)."""
        from resolve import numberfield as nf

        const, facs = factor(strict)
        factors = [({(0, 0): const}, 1)] + [(dict(f.terms), c) for f, c in facs]
        try:
            roots = nf.solve_at_root(dict(strict.terms), j, k, N[j], e[j], m, tick=self._check_time,
                                     factors=factors, ids=self._ids)
        except nf.NegativeK as exc:
            raise RLCTInputError(f"{exc} (it must be >= 0 there)") from None
        except (nf.Unfinished, ArithmeticError):  # gave up (caps, depth): the chart stays unfinished
            return None
        recs = [{"interval": [str(lo), str(hi)], "node": node} for (lo, hi), _v, node in roots]
        return recs, nf.vmin([v for _i, v, _n in roots])

    def _proof(self, g: Poly, free):
        key = (g, tuple(free))
        if key not in self._proof_cache:
            self._check_time()
            self._proof_cache[key] = stratum_proof(g, free)
        return self._proof_cache[key]


def chart_gens(gens, B, N):
    """The generators of the strict transform: ``K = Σ w g²`` (``w > 0``) gives
    ``K(y^B) = y^N · Σ w G²`` with ``G = g(y^B) / y^{N/2}``, since for a sum of squares with positive
    weights ``N_j = 2 min_i ord_{y_j} g_i(y^B)`` (the lowest coefficients in ``y_j`` are squares,
    which cannot cancel).  ``None`` when there are no generators (or, defensively, when that
    identity fails)."""
    if not gens:
        return None
    mapped = [(w, g.monomial_map(B)) for w, g in gens]
    d = len(N)
    half = [min(g.min_exponents()[j] for _, g in mapped) for j in range(d)]
    if any(w <= 0 for w, _ in gens) or [2 * x for x in half] != list(N):
        return None
    return tuple((w, g.div_monomial(half)) for w, g in mapped)


def translated_gens(gens, shift, NJ):
    """Generators of the child at a fiber point: ``strict(y + ρ)·y^{N_J} = Σ w (G(y + ρ)·y^{N_J/2})²``."""
    if not gens or any(x % 2 for x in NJ):
        return None
    return tuple((w, g.translate(shift).mul_monomial([x // 2 for x in NJ])) for w, g in gens)


def monomial_value(N, e) -> Value:
    """T1 (Lin 2011 Prop 3.7): ``λ = min_{N_j>0} (e_j+1)/N_j``, ``m`` = number attaining it."""
    ratios = [Fraction(x + 1, n) for n, x in zip(N, e) if n > 0]
    if not ratios:
        return Value.exact(INF, 0)
    lam = min(ratios)
    return Value.exact(lam, ratios.count(lam))


def hoelder_lower(mono: Value, strict: Poly) -> Fraction:
    """Lower bound for a chart whose strict transform vanishes somewhere on the fiber (T9).

    At a fiber point the pulled-back ``K`` is ``y^N g`` with ``ord(g) <= deg(g)``; Hölder gives
    ``λ >= 1/(1/λ_mono + deg g)`` (the prior only raises λ).
    """
    deg = max(strict.degree(), 1)
    if mono.lo is INF:
        return Fraction(1, deg)
    return 1 / (1 / mono.lo + deg)


def sign_change_witness(f: Poly, free) -> tuple | None:
    """Two rational points of the positive orthant (free coordinates; others 0) where ``f`` has
    opposite signs, proving a real zero in between (the orthant is connected)."""
    grid = [Fraction(1, 4), Fraction(1, 2), Fraction(1), Fraction(2), Fraction(4)]
    if len(free) == 1:  # exact: endpoints of isolating intervals and points between them
        import sympy

        k = free[0]
        t = sympy.Symbol("t")
        p = sympy.Poly({(ex[k],): sympy.Rational(c.numerator, c.denominator) for ex, c in f.terms.items()}, t)
        ends = sorted({Fraction(int(x.p), int(x.q)) for iv, _ in p.intervals(eps=sympy.Rational(1, 10 ** 6))
                       for x in iv if x > 0})
        mids = [(a + b) / 2 for a, b in zip(ends, ends[1:])] + ([ends[-1] + 1, ends[0] / 2] if ends else [])
        grid = sorted(set(grid) | set(ends) | set(mids))
    pos = neg = None
    for vals in itertools.product(grid, repeat=len(free)):
        pt = [Fraction(0)] * f.nvars
        for k, v in zip(free, vals):
            pt[k] = v
        x = f.evaluate(pt)
        if x > 0 and pos is None:
            pos = pt
        elif x < 0 and neg is None:
            neg = pt
        if pos is not None and neg is not None:
            return pos, neg
    return None


def intersection_points(fa: Poly, fb: Poly, free) -> set | None:
    """Common zeros of ``fa, fb`` in ``(0, 1]^free`` (other coordinates 0), exactly.

    ``None`` unless the complex torus solutions are finitely many and all rational.
    python-flint decides (:func:`resolve.zeros.torus_points`); sympy (lex Groebner basis and
    ``solve``) where that hits its limits.
    """
    fast = torus_points([fa, fb], free)
    if fast is not None:
        pts = fast[1]
        return None if pts is None else {p for p in pts if all(0 < x <= 1 for x in p)}
    return _intersection_points_sympy(fa, fb, free)


def _intersection_points_sympy(fa: Poly, fb: Poly, free) -> set | None:
    """:func:`intersection_points` with sympy (the fallback).  Same method as the flint path:
    ``sympy.solve`` is not used, since it silently returns no solution for an irreducible
    quintic elimination polynomial (which made the old code report "no crossing point")."""
    from resolve.zeros import torus_points_sympy

    pts = torus_points_sympy([fa, fb], free)[1]
    return None if pts is None else {p for p in pts if all(0 < x <= 1 for x in p)}


def smooth_zero_factor(f: Poly, c: int, N, e, J, free):
    """Rule (S) along ``f = 0`` on a stratum: ``c`` even, ``f_J`` smooth in the torus (Groebner)
    with real zeros (sign-change witness); value ``min({r_j : j in J} ∪ {1/c})``.
    Returns ``(record, Value)`` or ``None``."""
    fJ = f.restrict_zero(J)
    if c % 2 or len(fJ) > 60:
        return None
    witness = sign_change_witness(fJ, free)
    if witness is None or not groebner_is_one(fJ, free):
        return None
    ratios = [Fraction(e[j] + 1, N[j]) for j in J if N[j] > 0] + [Fraction(1, c)]
    lam = min(ratios)
    rec = {"f": f.to_terms(), "c": c, "witness": [[str(x) for x in w] for w in witness]}
    return rec, Value.exact(lam, ratios.count(lam))
