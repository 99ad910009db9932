"""Exact rules on a local problem (mixed into :class:`rlct.engine.Solver`).

Each rule either returns ``(Value, certificate node)`` or ``None`` when it does not apply:

* ``_eliminate``: a generator of ``K = Σ w_i g_i²`` linear in a two-sided variable with a unit
  coefficient (Lin 2011 Prop 4.3, Cor 3.12; sum rule);
* ``_coords``: generators ``y^μ · Π F_k^c · unit`` with smooth ``F_k`` transversal to the
  divisors: in the coordinates ``(y, F)`` the ideal is monomial (Lin 2011 Prop 3.11, Cor 3.12);
* ``_sum_rule``: disjoint-variable sum (Lin 2011 Prop 4.5), components of the variable
  co-occurrence graph (connected components, :func:`components`);
* ``_factor_rules``: factorisation over Q (python-flint): unit factors (comparison), rule (S)
  for smooth factors, product rule over groups of factors in disjoint variables, power rule.
"""
from __future__ import annotations

import itertools
from fractions import Fraction


from resolve.linalg import rank
from resolve.poly import Poly, TooLarge, from_flint, sum_of_squares, to_flint

from .errors import RLCTInputError
from .values import Value, power_value, product_values, sum_values

MAX_NODE_TERMS = 200_000   # the checker's limit on the terms of a node's K (rlct.checker.MAX_TERMS)
MAX_COORDS_TERMS = 4_000   # rule coords: generators factored only up to this many terms in all

class RulesMixin:
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
        try:   # a larger K could not be re-verified (checker limit) and costs uninterruptible time
            Kc = sum_of_squares(new_gens, len(rest), self._check_time, max_terms=MAX_NODE_TERMS)
        except TooLarge:
            return None
        v, child = self.solve(Kc, [e[i] for i in rest], [sides[i] for i in rest], gens=new_gens)
        return self._finish(self._new(K, e, sides, "eliminate", node=child, **fields), sum_values([half, v]))

    def _recombine(self, K: Poly, e, sides, gens):
        """Replace the generators by the reduced row echelon basis of their Q-span (same ideal, so
        ``K ≍ K'``; Lin 2011 Cor 3.12), when that basis is new and has fewer terms: it undoes
        constant linear mixing of the generators (e.g. invertible maps of a regression's inputs
        and outputs) before eliminations make the polynomials large."""
        from .groups import PState, recombine_step

        if len(gens) < 2:
            return None
        st = recombine_step(PState(tuple(gens), ("L",) * K.nvars, tuple(e), tuple(sides)))
        if st is None or sum(len(g) for _, g in st.gens) >= sum(len(g) for _, g in gens):
            return None
        Kc = sum_of_squares(st.gens, K.nvars)
        v, child = self.solve(Kc, e, sides, gens=list(st.gens))
        node = self._new(K, e, sides, "recombine", gens=[[str(w), g.to_terms()] for w, g in gens],
                         new_gens=[[str(w), g.to_terms()] for w, g in st.gens], node=child)
        return self._finish(node, v)

    def _common_monomial(self, K: Poly, e, sides, gens):
        """``K = y^{2μ} · Σ w_i (g_i / y^μ)²`` when every generator is divisible by ``y^μ`` and the
        quotients do not involve the variables of ``μ``: the product rule (Lin 2011 Prop 4.5) with
        the generators kept for the second factor."""
        d = K.nvars
        mu = [min(min(a[i] for a in g.terms) for _, g in gens) for i in range(d)]
        if not any(mu):
            return None
        red = [(w, g.div_monomial(mu)) for w, g in gens]
        vm = [i for i in range(d) if mu[i]]
        vr = sorted(set().union(*(g.used_vars() for _, g in red)))
        if set(vm) & set(vr) or not vr:
            return None
        mono = Poly(len(vm), {tuple(2 * mu[i] for i in vm): Fraction(1)})
        sub_gens = [(w, g.select(vr)) for w, g in red]
        rest = sum_of_squares(sub_gens, len(vr))
        v1, c1 = self.solve(mono, [e[i] for i in vm], [sides[i] for i in vm])
        v2, c2 = self.solve(rest, [e[i] for i in vr], [sides[i] for i in vr], gens=sub_gens)
        node = self._new(K, e, sides, "product", c="1", factors=[{"vars": vm, "node": c1}, {"vars": vr, "node": c2}])
        return self._finish(node, product_values([v1, v2]))

    def _coords(self, K: Poly, e, sides, gens):
        """Generators that are monomials times powers of smooth polynomials times units.

        If ``g_i = y^{μ_i} · Π_k F_k^{c_ik} · u_i`` with ``u_i(0) != 0``, ``F_k(0) = 0``, and the
        differentials of the ``y_j`` (``j ∈ D``: one-sided, ``e_j > 0`` or in some ``μ_i``) and of
        the ``F_k`` are linearly independent at 0, then ``(y_D, z = F, rest)`` are local coordinates
        fixing ``y_D`` (so the prior ``|y^e|``, the one-sided constraints and the monomials are
        unchanged; the Jacobian is a unit, Lin 2011 Lemma 3.8), the units drop (``c u_i² <= ... <=
        C u_i²``, comparison, Lin 2011 Prop 3.11 and Cor 3.12) and the rest of the variables do not
        occur.  So ``K ≍ Σ w_i y_D^{2μ_i} z^{2c_i}``, a sum of squared monomials in ``|D| + #F``
        variables (two-sided ``z``, ``e = 0``): the child, with the same value.  This is what a
        translated chart needs when one generator is smooth there and the others are monomials
        times units (Newton–Puiseux would otherwise expand ``K`` one Puiseux term at a time).
        """
        d = K.nvars
        if len(gens) < 2 or sum(len(g) for _, g in gens) > MAX_COORDS_TERMS:
            return None
        Fs: list[Poly] = []
        parts = []
        for _, g in gens:
            if g.is_zero():
                return None
            mu = g.min_exponents()
            r = g.div_monomial(mu)
            cs: dict[int, int] = {}
            if r.constant_term():
                unit = r
            else:
                self._check_time()
                const, facs = factor(r)
                unit = Poly.constant(d, const)
                for f, k in facs:
                    if f.constant_term():
                        unit = unit * f ** k
                        continue
                    piv = next((f.terms[x] for x in _unit_exps(d) if x in f.terms), None)
                    if piv is None:   # a singular factor: not a coordinate
                        return None
                    F = f.scale(1 / piv)
                    unit = unit.scale(piv ** k)
                    if F not in Fs:
                        Fs.append(F)
                    cs[Fs.index(F)] = cs.get(Fs.index(F), 0) + k
            parts.append((mu, cs, unit))
        if not Fs:
            return None
        D = [j for j in range(d) if sides[j] == "one" or e[j] > 0 or any(mu[j] for mu, _, _ in parts)]
        rows = [[int(i == j) for i in range(d)] for j in D]
        rows += [[F.terms.get(x, Fraction(0)) for x in _unit_exps(d)] for F in Fs]
        if rank(rows) != len(rows):
            return None
        r, n = len(Fs), len(D) + len(Fs)
        mono = [(w, Poly(n, {tuple(mu[j] for j in D) + tuple(cs.get(k, 0) for k in range(r)): Fraction(1)}))
                for (w, _), (mu, cs, _) in zip(gens, parts)]
        Kc = sum_of_squares(mono, n)
        v, child = self.solve(Kc, [e[j] for j in D] + [0] * r, [sides[j] for j in D] + ["two"] * r, gens=mono)
        recs = [{"mu": list(mu), "c": [cs.get(k, 0) for k in range(r)], "unit": unit.to_terms()}
                for mu, cs, unit in parts]
        node = self._new(K, e, sides, "coords", gens=[[str(w), g.to_terms()] for w, g in gens], D=D,
                         F=[F.to_terms() for F in Fs], parts=recs, node=child)
        return self._finish(node, v)

    def _complete_square(self, K: Poly, e, sides):
        """Exact completion of the square (docs/algorithm.md §5.1).

        If a two-sided variable ``x`` with prior exponent 0 enters ``K`` with degree 2,
        ``K = a x² + b x + c`` with ``a(0) > 0``, then ``4aK = (2ax + b)² + (4ac − b²)``; ``u = 2ax + b``
        is a coordinate (Jacobian ``2a``, a unit), ``4a`` a positive unit, so ``K ≍ u² + D`` with
        ``D = 4ac − b²`` free of ``x`` (``D >= 0`` since it is ``4a·min_x K``) and the sum rule gives
        ``(1/2 + λ_D, m_D)`` (``(1/2, 1)`` if ``D = 0``).
        """
        d = K.nvars
        for x in range(d):
            if sides[x] != "two" or e[x] != 0:
                continue
            if max(ex[x] for ex in K.terms) != 2:
                continue
            parts = [Poly(d, {ex[:x] + (0,) + ex[x + 1:]: c for ex, c in K.terms.items() if ex[x] == k})
                     for k in range(3)]
            c, b, a = parts
            if a.constant_term() <= 0:
                continue
            try:
                D = (a * c).scale(4) - b * b
            except TooLarge:
                continue
            rest = [i for i in range(d) if i != x]
            fields = {"var": x, "a": a.to_terms(), "b": b.to_terms(), "c": c.to_terms()}
            half = Value.exact(Fraction(1, 2), 1)
            if D.is_zero():
                return self._finish(self._new(K, e, sides, "square", node=None, **fields), half)
            v, child = self.solve(D.select(rest), [e[i] for i in rest], [sides[i] for i in rest])
            return self._finish(self._new(K, e, sides, "square", node=child, **fields), sum_values([half, v]))
        return None

    def _sum_rule(self, K: Poly, e, sides, gens=None):
        used = K.used_vars()
        edges = []
        for ex in K.terms:
            vs = [i for i in used if ex[i]]
            edges += zip(vs, vs[1:])
        comps = components(used, edges)
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
        vsets = [set(f.used_vars()) for f, _ in nonunits]
        groups = components(range(len(nonunits)), [(i, j) for i, j in itertools.combinations(range(len(nonunits)), 2)
                                                     if vsets[i] & vsets[j]])
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


def _unit_exps(d: int) -> list[tuple]:
    """The exponents of ``y_0, ..., y_{d-1}`` (the linear part of a polynomial)."""
    return [tuple(int(i == j) for i in range(d)) for j in range(d)]


def leading_sign(p: Poly) -> int:
    """Sign of the coefficient at the lexicographically smallest exponent (a Newton vertex)."""
    e = min(p.terms)
    return 1 if p.terms[e] > 0 else -1


def factor(p: Poly) -> tuple[Fraction, list[tuple[Poly, int]]]:
    """Factor over Q with python-flint: ``p = const * prod f_i^k_i``."""
    c, facs = to_flint(p).factor()
    c = Fraction(int(c.p), int(c.q))
    out = [(from_flint(f, p.nvars), int(k)) for f, k in facs]
    out.sort(key=lambda t: (t[0].to_terms(), t[1]))
    return c, out


def eliminated(f: Poly, x: int, g: Poly, u: Poly, max_terms: int | None = None) -> Poly:
    """``u^{deg_x f} · f(x = -g/u)`` as a polynomial (``x`` no longer occurs unless ``g`` has it);
    raises :class:`resolve.poly.TooLarge` once the result passes ``max_terms``."""
    return f.substitute(x, -g, u, max_terms)


def components(nodes, edges) -> list[list]:
    """Connected components of a graph, each sorted, in sorted order (union-find).

    Plain code rather than networkx here: the sum rule runs on every problem and importing
    networkx costs a tenth of the start-up (issue 7); networkx still draws the resolution graph.

    >>> components([0, 1, 2, 3], [(0, 2)])
    [[0, 2], [1], [3]]
    """
    parent = {v: v for v in nodes}

    def root(v):
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    out: dict = {}
    for v in parent:
        out.setdefault(root(v), []).append(v)
    return sorted(sorted(c) for c in out.values())
