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

from resolve.cones import ConeError
from resolve.fan import ChartCone, chart_cones, total_volume
from resolve.game import GameBudget, game_charts
from resolve.newton import newton_polyhedron
from resolve.poly import Poly

from .errors import RLCTInputError
from .groups import GroupMixin
from .rules import RulesMixin
from .strata import StrataMixin, lam_str, monomial_value  # noqa: F401  (re-exported)
from .values import INF, Value, combine_min


STRATEGIES = ("toric", "polyhedra-game", "auto")


class BudgetExceeded(Exception):
    """Raised inside the solver when time or chart budget runs out."""


class Solver(RulesMixin, StrataMixin, GroupMixin):
    """Solve local problems, recording certificate nodes.

    Parameters
    ----------
    deadline : ``time.monotonic()`` value after which unfinished pieces become bounds.
    max_charts : budget on the number of toric charts over the whole run.
    """

    def __init__(self, deadline: float | None = None, max_charts: int = 20000, max_strata_vars: int = 14,
                 max_depth: int = 12, strategy: str = "toric", use_rules: bool = True):
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
        self.use_rules = use_rules
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
        rules = rules and self.use_rules
        if rules and gens:
            out = self._recombine(K, e, sides, gens)
            if out is None:
                out = self._eliminate(K, e, sides, gens)
            if out is None:
                out = self._common_monomial(K, e, sides, gens)
            if out is not None:
                return out
        if rules:
            out = self._sum_rule(K, e, sides, gens)
            if out is None:
                out = self._complete_square(K, e, sides)
            if out is None and gens:   # before factoring, which would lose the generators
                out = self._group_rule(K, e, sides, gens)
            if out is None:
                out = self._factor_rules(K, e, sides)
            if out is not None:
                return out
        if any(s == "two" for s in sides):
            return self._split(K, e, sides)
        return self._toric(K, e, sides)

    # ------------------------------------------------------------------ sum rule
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
