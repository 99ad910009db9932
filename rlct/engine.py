"""The local solver: exact rules, orthant split, toric charts, assembly, certificate nodes.

A local problem is ``(K, e, sides)``: ``K`` a :class:`resolve.poly.Poly` vanishing at the
origin, ``e_j`` the exponent of ``|y_j|`` in prior x Jacobian (ratios use ``e_j + 1``), and
``sides[j]`` ``"two"`` or ``"one"``.  :meth:`Solver.solve` returns a :class:`rlct.values.Value`
and the certificate node of docs/certificate.md.  Order of steps (docs/algorithm.md §8):

1. not a zero / monomial x unit (T1);
2. disjoint-variable sum rule (T4), found as connected components of the variable
   co-occurrence graph (networkx);
3. factorisation over Q (python-flint): unit factors dropped (T3), product rule over groups
   of factors in disjoint variables, power rule;
4. orthant split of two-sided coordinates (children equal up to sign share one node);
5. toric charts from the normal fan (T8), with exact zero decisions on every fiber stratum.

Where a piece cannot be finished it gets rigorous bounds (Hölder with ``1/deg``, T9), never a
guess.
"""
from __future__ import annotations

import itertools
import time
from fractions import Fraction

import networkx as nx

from resolve.cones import ConeError
from resolve.fan import ChartCone, chart_cones, total_volume
from resolve.game import GameBudget, game_charts
from resolve.linalg import rank
from resolve.newton import newton_polyhedron
from resolve.poly import Poly
from resolve.zeros import stratum_proof

from .errors import RLCTInputError
from .values import INF, Value, combine_min, power_value, product_values, sum_values


STRATEGIES = ("toric", "polyhedra-game", "auto")


class BudgetExceeded(Exception):
    """Raised inside the solver when time or chart budget runs out."""


def lam_str(x) -> str:
    return "inf" if x is INF else str(x)


class Solver:
    """Solve local problems, recording certificate nodes.

    Parameters
    ----------
    deadline : ``time.monotonic()`` value after which unfinished pieces become bounds.
    max_charts : budget on the number of toric charts over the whole run.
    """

    def __init__(self, deadline: float | None = None, max_charts: int = 20000, max_strata_vars: int = 14,
                 max_depth: int = 12, strategy: str = "toric"):
        self.deadline = deadline
        self.max_charts = max_charts
        self.max_strata_vars = max_strata_vars
        self.charts = 0
        self._ids = itertools.count()
        self._cache: dict = {}
        self._proof_cache: dict = {}
        self.budget_hit: set[str] = set()
        if strategy not in STRATEGIES:
            raise RLCTInputError(f"strategy must be one of {', '.join(STRATEGIES)}, not {strategy!r}")
        self.strategy = "toric" if strategy == "auto" else strategy
        self.depth = 0
        self.max_depth = max_depth

    # ------------------------------------------------------------------ helpers
    def _new(self, K: Poly, e, sides, rule: str, **fields) -> dict:
        node = {"id": f"n{next(self._ids)}", "K": K.to_terms(), "e": list(e), "sides": list(sides), "rule": rule}
        node.update(fields)
        return node

    def _check_time(self):
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.budget_hit.add("time")
            raise BudgetExceeded("time")

    @staticmethod
    def _finish(node: dict, v: Value) -> tuple[Value, dict]:
        if v.is_exact:
            node["lambda"], node["m"] = lam_str(v.lo), v.m
        return v, node

    # ------------------------------------------------------------------ main entry
    def solve(self, K: Poly, e, sides, rules: bool = True, gens=None) -> tuple[Value, dict]:
        """Solve ``(K, e, sides)``; ``gens`` = optional ``[(weight, g)]`` with ``K = Σ weight·g²``."""
        e, sides = tuple(e), tuple(sides)
        gens = tuple(gens) if gens else None
        key = (K, e, sides, rules, gens)
        if key in self._cache:
            v, node = self._cache[key]
            return v, {"id": f"n{next(self._ids)}", "same_as": node["id"], "K": node["K"], "e": node["e"],
                       "sides": node["sides"], "rule": "ref"}
        v, node = self._solve(K, e, sides, rules, gens)
        self._cache[key] = (v, node)
        return v, node

    def _solve(self, K: Poly, e, sides, rules, gens=None) -> tuple[Value, dict]:
        d = K.nvars
        c0 = K.constant_term()
        if c0:
            if c0 < 0:
                raise RLCTInputError("K is negative at the point (it must be >= 0 near it)")
            return self._finish(self._new(K, e, sides, "monomial", N=[0] * d, unit=K.to_terms()), Value.exact(INF, 0))
        a = K.min_exponents()
        U = K.div_monomial(a)
        u0 = U.constant_term()
        if u0:
            if u0 < 0 or any(s == "two" and x % 2 for s, x in zip(sides, a)):
                raise RLCTInputError("K takes negative values near the point (it must be >= 0 there)")
            node = self._new(K, e, sides, "monomial", N=list(a), unit=U.to_terms())
            return self._finish(node, monomial_value(a, e))
        if rules and gens:
            out = self._eliminate(K, e, sides, gens)
            if out is not None:
                return out
        if rules:
            out = self._sum_rule(K, e, sides, gens)
            if out is None:
                out = self._factor_rules(K, e, sides)
            if out is not None:
                return out
        if any(s == "two" for s in sides):
            return self._split(K, e, sides)
        return self._toric(K, e, sides)

    # ------------------------------------------------------------------ sum rule
    def _eliminate(self, K: Poly, e, sides, gens):
        """Eliminate a variable that enters a generator linearly with a unit coefficient.

        If ``f = u·x + g`` (``u(0) != 0``, ``x`` two-sided with prior exponent 0), then near 0
        ``x' = f`` is a coordinate and the ideal ``<f, f_i>`` equals ``<f, h_i>`` with
        ``h_i = u^{deg_x f_i} f_i(x = -g/u)`` free of ``x``; so ``K ≍ x'^2 + Σ h_i^2`` (Lin 2011
        Prop 4.3 and Cor 3.12) and the sum rule gives ``(1/2 + λ_h, m_h)`` (``(1/2, 1)`` if every
        ``h_i`` vanishes).
        """
        d = K.nvars
        best = None
        for p, (w, f) in enumerate(gens):
            for x in range(d):
                if sides[x] != "two" or e[x] != 0 or f.constant_term():
                    continue
                if max((ex[x] for ex in f.terms), default=0) != 1:
                    continue
                u = Poly(d, {ex[:x] + (0,) + ex[x + 1:]: c for ex, c in f.terms.items() if ex[x] == 1})
                if not u.constant_term():
                    continue
                score = (len(u) > 1, len(f), p, x)
                if best is None or score < best[0]:
                    best = (score, p, x, u)
        if best is None:
            return None
        _, p, x, u = best
        f = gens[p][1]
        g = Poly(d, {ex: c for ex, c in f.terms.items() if ex[x] == 0})
        rest = [i for i in range(d) if i != x]
        new_gens = []
        for i, (w, fi) in enumerate(gens):
            if i == p:
                continue
            h = eliminated(fi, x, g, u)
            if not h.is_zero():
                new_gens.append((w, h.select(rest)))
        fields = {"var": x, "pivot": p, "gens": [[str(w), f.to_terms()] for w, f in gens]}
        half = Value.exact(Fraction(1, 2), 1)
        if not new_gens:
            return self._finish(self._new(K, e, sides, "eliminate", node=None, **fields), half)
        Kc = Poly(len(rest), {})
        for w, h in new_gens:
            Kc = Kc + (h * h).scale(w)
        v, child = self.solve(Kc, [e[i] for i in rest], [sides[i] for i in rest], gens=new_gens)
        return self._finish(self._new(K, e, sides, "eliminate", node=child, **fields), sum_values([half, v]))

    def _sum_rule(self, K: Poly, e, sides, gens=None):
        used = K.used_vars()
        g = nx.Graph()
        g.add_nodes_from(used)
        for ex in K.terms:
            vs = [i for i in used if ex[i]]
            g.add_edges_from(zip(vs, vs[1:]))
        comps = sorted(sorted(c) for c in nx.connected_components(g))
        if len(comps) == 1 and len(used) == K.nvars:
            return None
        parts, vals = [], []
        for comp in comps:
            sub = Poly(K.nvars, {ex: c for ex, c in K.terms.items() if any(ex[i] for i in comp)}).select(comp)
            sub_gens = None
            if gens:
                sub_gens = [(w, g.select(comp)) for w, g in gens if g.used_vars() and set(g.used_vars()) <= set(comp)]
                if len(sub_gens) != sum(1 for w, g in gens if set(g.used_vars()) & set(comp)):
                    sub_gens = None
            v, child = self.solve(sub, [e[i] for i in comp], [sides[i] for i in comp], gens=sub_gens)
            parts.append({"vars": comp, "node": child})
            vals.append(v)
        return self._finish(self._new(K, e, sides, "sum", parts=parts), sum_values(vals))

    # ------------------------------------------------------------------ factor rules
    def _factor_rules(self, K: Poly, e, sides):
        if len(K) < 2:
            return None
        const, factors = factor(K)
        out = self._smooth_rule(K, e, sides, const, factors)
        if out is not None:
            return out
        if len(factors) == 1 and factors[0][1] == 1:
            return None
        units = [(f, k) for f, k in factors if f.constant_term()]
        nonunits = [(f, k) for f, k in factors if not f.constant_term()]
        if units:
            U = Poly.constant(K.nvars, 1)
            for f, k in units:
                U = U * f ** k
            R = Poly.constant(K.nvars, 1)
            for f, k in nonunits:
                R = R * f ** k
            R = R.scale(const)
            if U.constant_term() < 0:
                U, R = -U, -R
            sgn = leading_sign(R)
            if sgn < 0:
                U, R = -U, -R
            if U.constant_term() < 0:
                raise RLCTInputError("K takes negative values near the point (it must be >= 0 there)")
            v, child = self.solve(R, e, sides)
            return self._finish(self._new(K, e, sides, "unit", unit=U.to_terms(), node=child), v)
        # group the non-unit factors by shared variables
        g = nx.Graph()
        g.add_nodes_from(range(len(nonunits)))
        vsets = [set(f.used_vars()) for f, _ in nonunits]
        for i, j in itertools.combinations(range(len(nonunits)), 2):
            if vsets[i] & vsets[j]:
                g.add_edge(i, j)
        groups = sorted(sorted(c) for c in nx.connected_components(g))
        if len(groups) >= 2:
            c = const
            factors_out, vals = [], []
            for grp in groups:
                G = Poly.constant(K.nvars, 1)
                for i in grp:
                    G = G * nonunits[i][0] ** nonunits[i][1]
                if leading_sign(G) < 0:
                    G, c = -G, -c
                idx = sorted(set().union(*(vsets[i] for i in grp)))
                v, child = self.solve(G.select(idx), [e[i] for i in idx], [sides[i] for i in idx])
                factors_out.append({"vars": idx, "node": child})
                vals.append(v)
            if c <= 0:
                raise RLCTInputError("K takes negative values near the point (it must be >= 0 there)")
            node = self._new(K, e, sides, "product", c=str(c), factors=factors_out)
            return self._finish(node, product_values(vals))
        # one group: power rule with the gcd of the multiplicities
        from math import gcd

        k = 0
        for _, mult in nonunits:
            k = gcd(k, mult)
        base = Poly.constant(K.nvars, 1)
        for f, mult in nonunits:
            base = base * f ** (mult // k)
        if k % 2 == 1 and k >= 3:
            if leading_sign(base) < 0:
                base, const = -base, -const
            if const <= 0:
                raise RLCTInputError("K takes negative values near the point (it must be >= 0 there)")
            return self._power(K, e, sides, const, base, k, None)
        if k % 2 == 0 and k >= 4:
            if const <= 0:
                raise RLCTInputError("K takes negative values near the point (it must be >= 0 there)")
            return self._power(K, e, sides, const, base * base, k // 2, base)
        return None

    def _smooth_rule(self, K, e, sides, const, factors):
        """Rule (S): ``K = y^a · Π f_k^{c_k} · unit`` with ``{dy_j (j divisor or one-sided)} ∪ {df_k}``
        independent at 0 -- normal crossing in the coordinates ``(y_J', f, z)`` (T1)."""
        d = K.nvars
        a = [0] * d
        unit = Poly.constant(d, const)
        smooth = []
        for f, c in factors:
            if len(f) == 1 and sum(next(iter(f.terms))) == 1:
                a[next(iter(f.terms)).index(1)] += c
            elif f.constant_term():
                unit = unit * f ** c
            else:
                smooth.append((f, c))
        if not smooth or unit.constant_term() <= 0:
            return None
        if any(c % 2 for _, c in smooth) or any(s == "two" and x % 2 for s, x in zip(sides, a)):
            return None
        div = [j for j in range(d) if sides[j] == "one" or a[j] > 0 or e[j] > 0]
        rows = [[int(i == j) for i in range(d)] for j in div]
        for f, _ in smooth:
            rows.append([f.terms.get(tuple(int(i == j) for i in range(d)), 0) for j in range(d)])
        if rank(rows) != len(rows):
            return None
        ratios = [Fraction(e[j] + 1, a[j]) for j in div if a[j] > 0] + [Fraction(1, c) for _, c in smooth]
        lam = min(ratios)
        node = self._new(K, e, sides, "smooth", N=a, factors=[{"f": f.to_terms(), "c": c} for f, c in smooth],
                         unit=unit.to_terms())
        return self._finish(node, Value.exact(lam, ratios.count(lam)))

    def _power(self, K, e, sides, const, H, k, square_of):
        v, child = self.solve(H, e, sides)
        fields = {"k": k, "node": child}
        if square_of is not None:
            fields["square_of"] = square_of.to_terms()
        inner = K.scale(1 / const) if const != 1 else K
        node = self._new(inner, e, sides, "power", **fields)
        val = power_value(v, k)
        if const != 1:
            self._finish(node, val)
            node = self._new(K, e, sides, "unit", unit=Poly.constant(K.nvars, const).to_terms(), node=node)
        return self._finish(node, val)

    # ------------------------------------------------------------------ orthants
    def _split(self, K: Poly, e, sides):
        two = [i for i, s in enumerate(sides) if s == "two"]
        children, vals = [], []
        for signs in itertools.product((1, -1), repeat=len(two)):
            s = [1] * K.nvars
            for i, sg in zip(two, signs):
                s[i] = sg
            v, child = self.solve(K.signs(s), e, ["one"] * K.nvars, rules=False)
            children.append({"signs": s, "node": child})
            vals.append(v)
        return self._finish(self._new(K, e, sides, "split", children=children), combine_min(vals))

    # ------------------------------------------------------------------ toric charts
    def _toric(self, K: Poly, e, sides):
        self._check_time()
        d = K.nvars
        paths = None
        try:
            P = newton_polyhedron(K.support(), deadline=self.deadline)
            if self.strategy == "polyhedra-game":
                cones, paths = self._game_cones(K)
            else:
                cones = chart_cones(P, deadline=self.deadline)
        except (ConeError, GameBudget) as exc:
            self.budget_hit.add("time" if "time" in str(exc) else "charts")
            raise BudgetExceeded(str(exc)) from None
        if total_volume(cones) != 1:  # pragma: no cover - internal consistency
            raise RuntimeError("chart cones do not tile the orthant")
        charts, vals = [], []
        for n, cone in enumerate(cones):
            self.charts += 1
            if self.charts > self.max_charts:
                self.budget_hit.add("charts")
                raise BudgetExceeded("charts")
            self._check_time()
            chart, v = self._chart(K, e, cone)
            if paths is not None:
                chart["path"] = paths[n]
            charts.append(chart)
            vals.append(v)
        val = combine_min(vals)
        if val.is_exact:
            # T8: the read-off of the charts equals the Newton value (1/l, theta)
            # and with zeros on the fiber it can only be more singular (T7)
            l, theta = P.tau_distance([x + 1 for x in e])
            newton = 1 / l
            if any(st["proof"]["kind"] in ("zeros", "smooth") for c in charts for st in c["strata"] if st["proof"]):
                bad = val.lo > newton or (val.lo == newton and val.m < theta)
            else:
                bad = val.lo != newton or val.m != theta
            if bad:  # pragma: no cover - would be a bug
                val = Value.bounds(min(val.lo, newton), newton, "internal check failed: charts vs Newton")
        return self._finish(self._new(K, e, sides, "toric", charts=charts), val)

    def _game_cones(self, K: Poly):
        """Leaves of the polyhedra-game blow-up tree as chart cones (the second, independent path)."""
        cones, paths = [], []
        for B, path in game_charts(K.support(), K.nvars, deadline=self.deadline):
            d = K.nvars
            cols = [[B[i][j] for i in range(d)] for j in range(d)]
            N = K.monomial_map(B).min_exponents()
            vertex = next(a for a in K.terms if tuple(sum(c * x for c, x in zip(col, a)) for col in cols) == N)
            cones.append(ChartCone(tuple(tuple(c) for c in cols), vertex, (Fraction(0),) * d))
            paths.append(path)
        return cones, paths

    def _chart(self, K: Poly, e, cone):
        d = K.nvars
        B = cone.B
        Kc = K.monomial_map(B)
        N = Kc.min_exponents()
        strict = Kc.div_monomial(N)
        if strict.constant_term() <= 0:
            raise RLCTInputError("K takes negative values near the point (it must be >= 0 there)")
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
                    found = self._fiber_points(strict, N, ee, J, free, g)
                    if found is None:
                        found = self._smooth_stratum(strict, N, ee, J, free)
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

    def _smooth_stratum(self, strict: Poly, N, e, J, free):
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
            return self._crossing_stratum(strict, N, e, J, free, zero_factors, q)
        if len(zero_factors) != 1:
            return None
        f, c = zero_factors[0]
        fJ = f.restrict_zero(J)
        if c % 2 or len(fJ) > 60 or len(free) > 4:
            return None
        q_proof = self._proof(q.restrict_zero(J), free)
        if q_proof is None:
            return None
        witness = sign_change_witness(fJ, free)
        if witness is None or not no_singular_point(fJ, free):
            return None
        ratios = [Fraction(e[j] + 1, N[j]) for j in J if N[j] > 0] + [Fraction(1, c)]
        lam = min(ratios)
        proof = {"kind": "smooth", "f": f.to_terms(), "c": c, "q": q.to_terms(), "q_proof": q_proof,
                 "witness": [[str(x) for x in w] for w in witness]}
        return proof, [(None, Value.exact(lam, ratios.count(lam)))]

    def _crossing_stratum(self, strict: Poly, N, e, J, free, zero_factors, q):
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
            fJ = f.restrict_zero(J)
            if c % 2 or len(fJ) > 60:
                return None
            witness = sign_change_witness(fJ, free)
            if witness is None or not no_singular_point(fJ, free):
                return None
            ratios = [Fraction(e[j] + 1, N[j]) for j in J if N[j] > 0] + [Fraction(1, c)]
            lam = min(ratios)
            vals.append((None, Value.exact(lam, ratios.count(lam))))
            recs.append({"f": f.to_terms(), "c": c, "witness": [[str(x) for x in w] for w in witness]})
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
                child_K = strict.translate(shift).mul_monomial([0 if i in free else N[i] for i in range(strict.nvars)])
                child_e = [0 if i in free else e[i] for i in range(strict.nvars)]
                child_sides = ["two" if i in free else "one" for i in range(strict.nvars)]
                v, node = self.solve(child_K, child_e, child_sides)
                at = {str(k): str(x) for k, x in zip(free, p)}
                vals.append(({"J": list(J), "at": at, "node": node}, v))
        finally:
            self.depth -= 1
        proof = {"kind": "crossing", "factors": recs, "q": q.to_terms(), "q_proof": q_proof,
                 "points": [[str(x) for x in p] for p in sorted(points)]}
        return proof, vals

    def _fiber_points(self, strict: Poly, N, e, J, free, g):
        """Isolated zeros on a stratum with one free variable: translate there and recurse (§4.3).

        Returns ``(proof, [(point record, value)])`` or ``None`` when the zeros are not isolated
        rational points (then the chart stays unfinished).
        """
        from resolve.zeros import univariate_roots_in_unit

        if len(free) != 1:
            return None
        k = free[0]
        content = g.min_exponents()
        coeffs = {ex[k] - content[k]: c for ex, c in g.terms.items()}
        roots = univariate_roots_in_unit(coeffs)
        if not roots:
            return None
        irrational = []
        if not all(r.is_Rational for r in roots):
            irrational = self._irrational_zeros(strict, N, e, J, k, coeffs)
            if irrational is None:
                return None
            roots = [r for r in roots if r.is_Rational]
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                self.budget_hit.add("depth")
                return None
            out = []
            for r in roots:
                rho = Fraction(int(r.p), int(r.q))
                shift = [Fraction(0)] * strict.nvars
                shift[k] = rho
                # two-sided even on the cube face rho = 1: the extension overlaps the neighbour
                # chart's cube, harmless for min/max (positive integrands, T2)
                child_K = strict.translate(shift)
                NJ = [0 if i == k else N[i] for i in range(strict.nvars)]
                child_K = child_K.mul_monomial(NJ)
                child_e = [0 if i == k else e[i] for i in range(strict.nvars)]
                child_sides = ["two" if i == k else "one" for i in range(strict.nvars)]
                v, node = self.solve(child_K, child_e, child_sides)
                out.append(({"J": list(J), "var": k, "at": str(rho), "node": node}, v))
        finally:
            self.depth -= 1
        proof = {"kind": "zeros", "var": k, "roots": [str(Fraction(int(r.p), int(r.q))) for r in roots]}
        if irrational:
            proof["irrational"] = [rec for rec, _ in irrational]
            out += [(None, v) for _, v in irrational]
        return proof, out

    def _irrational_zeros(self, strict: Poly, N, e, J, k, coeffs):
        """Values at the irrational zeros of a univariate stratum, per irreducible factor (madic)."""
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
            if val is None:
                return None
            lam, mult = val
            rec = {"m": [[a, str(c)] for a, c in sorted(m.items())], "lambda": str(lam), "m_mult": mult}
            out.append((rec, Value.exact(lam, mult)))
        return out

    def _proof(self, g: Poly, free):
        key = (g, tuple(free))
        if key not in self._proof_cache:
            self._check_time()
            self._proof_cache[key] = stratum_proof(g, free)
        return self._proof_cache[key]


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


def leading_sign(p: Poly) -> int:
    """Sign of the coefficient at the lexicographically smallest exponent (a Newton vertex)."""
    e = min(p.terms)
    return 1 if p.terms[e] > 0 else -1


def factor(p: Poly) -> tuple[Fraction, list[tuple[Poly, int]]]:
    """Factor over Q with python-flint: ``p = const * prod f_i^k_i``."""
    import flint

    n = p.nvars
    ctx = flint.fmpq_mpoly_ctx.get(("x", n), "lex")
    fp = ctx.from_dict({e: flint.fmpq(c.numerator, c.denominator) for e, c in p.terms.items()})
    c, facs = fp.factor()
    c = Fraction(int(c.p), int(c.q))
    out = []
    for f, k in facs:
        d = {tuple(int(x) for x in ex): Fraction(int(v.p), int(v.q)) for ex, v in f.to_dict().items()}
        out.append((Poly.from_dict(n, d), int(k)))
    out.sort(key=lambda t: (t[0].to_terms(), t[1]))
    return c, out


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


def no_singular_point(f: Poly, free) -> bool:
    """Groebner certificate: ``f`` and its partials in ``free`` have no common zero in the torus."""
    from resolve.zeros import sos_groebner_is_one

    return sos_groebner_is_one([f] + [f.diff(k) for k in free], free)


def eliminated(f: Poly, x: int, g: Poly, u: Poly) -> Poly:
    """``u^{deg_x f} · f(x = -g/u)`` as a polynomial (``x`` no longer occurs)."""
    deg = max((ex[x] for ex in f.terms), default=0)
    coeffs: dict[int, Poly] = {}
    for ex, c in f.terms.items():
        k = ex[x]
        coeffs.setdefault(k, Poly(f.nvars, {}))
        coeffs[k] = coeffs[k] + Poly(f.nvars, {ex[:x] + (0,) + ex[x + 1:]: c})
    out = Poly(f.nvars, {})
    for k, a in coeffs.items():
        out = out + a * (-g) ** k * u ** (deg - k)
    return out


def intersection_points(fa: Poly, fb: Poly, free) -> set | None:
    """Common zeros of ``fa, fb`` in ``(0, 1]^free`` (other coordinates 0), exactly.

    ``None`` unless the complex torus solutions are finitely many and all rational.
    """
    import sympy

    ys = sympy.symbols(f"y0:{fa.nvars}")
    t = sympy.Symbol("t_sat")
    vs = [ys[k] for k in free]
    polys = [fa.to_sympy(ys), fb.to_sympy(ys), 1 - t * sympy.Mul(*vs)]
    G = sympy.groebner(polys, *vs, t, order="lex", domain="QQ")
    if list(G.exprs) == [1]:
        return set()
    if not G.is_zero_dimensional:
        return None
    sols = sympy.solve(list(G.exprs), [*vs, t], dict=True)
    out = set()
    for sol in sols:
        vals = [sol.get(v) for v in vs]
        if any(x is None or not x.is_Rational for x in vals):
            return None
        fr = tuple(Fraction(int(x.p), int(x.q)) for x in vals)
        if all(0 < x <= 1 for x in fr):
            out.add(fr)
    return out
