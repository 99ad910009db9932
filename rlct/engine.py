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

Problems met again are not solved again: the same ``(K, e, sides)`` becomes a ``ref`` node, and
(issue 7 item 3, :mod:`rlct.symmetry`) so does one equal to an earlier problem up to a
permutation of the variables preserving ``e`` and the sides (``ref`` with ``perm``); group-rule
parameter problems likewise become program steps ``same``.  In the root solver of
:func:`rlct.rlct` (``tasks=True``, issue 7 item 4, :mod:`rlct.parallel`) the pieces of an orthant
split or a toric subdivision are solved as independent tasks, inline or on an executor, with the
same result either way.
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
from .groups import GroupMixin, NoGo
from .rules import RulesMixin
from .strata import StrataMixin, lam_str, monomial_value  # noqa: F401  (re-exported)
from .symmetry import MAX_TERMS as SYM_MAX_TERMS
from .symmetry import Shape, find_perm, permute_terms
from . import parallel as _parallel
from .parallel import AUTO, AutoExecutor, TaskConfig, run_batch
from .values import INF, Value, combine_min


STRATEGIES = ("toric", "polyhedra-game", "auto")
_ROLE = {"L": 0, "P": 1, "G": 2}
SYMMETRY = True   # default of Solver(symmetry=...): problems equal up to a permutation solved once


class BudgetExceeded(Exception):
    """Raised inside the solver when time or chart budget runs out."""


class Solver(RulesMixin, StrataMixin, GroupMixin):
    """Solve local problems, recording certificate nodes.

    Parameters
    ----------
    deadline : ``time.monotonic()`` value after which unfinished pieces become bounds.
    max_charts : budget on the number of toric charts over the whole run.
    symmetry : solve problems equal up to a permutation of the variables once (issue 7 item 3;
        :mod:`rlct.symmetry`); default :data:`SYMMETRY`.
    tasks : solve the pieces of splits and toric subdivisions as independent tasks
        (:mod:`rlct.parallel`; :func:`rlct.rlct` sets it) -- on ``executor`` when given
        (``"auto"``: a process pool for large batches).
    """

    def __init__(self, deadline: float | None = None, max_charts: int = 20000, max_strata_vars: int = 14,
                 max_depth: int = 12, strategy: str = "toric", use_rules: bool = True, symmetry: bool | None = None,
                 tasks: bool = False, executor=None):
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
        self.symmetry = SYMMETRY if symmetry is None else symmetry
        self._step_ids = itertools.count()
        self.sym_hits = {"solve": 0, "pstep": 0, "nogo": 0}
        self._nogo: dict = {}
        # issue 7 item 4: with ``tasks`` the pieces of orthant splits and toric subdivisions are
        # solved as independent tasks (rlct/parallel.py), inline or on ``executor``
        if executor is not None and not (executor in AUTO or callable(getattr(executor, "submit", None))):
            raise RLCTInputError("executor must be a concurrent.futures-style executor (with submit) or 'auto'")
        self.tasks = tasks
        self.executor = AutoExecutor() if executor in AUTO else executor
        self.id_prefix = ""
        self._batches = itertools.count()

    # ------------------------------------------------------------------ helpers
    def _nid(self) -> str:
        return f"{self.id_prefix}n{next(self._ids)}"

    def close(self) -> None:
        """Shut down an ``executor="auto"`` process pool (if one was started)."""
        if isinstance(self.executor, AutoExecutor):
            self.executor.close()
    def _new(self, K: Poly, e, sides, rule: str, **fields) -> dict:
        node = {"id": self._nid(), "K": K.to_terms(), "e": list(e), "sides": list(sides), "rule": rule}
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
        hit, shape = self._lookup(K, e, sides, rules, gens)
        if hit is not None:
            return hit
        v, node = self._solve(K, e, sides, rules, gens)
        self._store(K, e, sides, rules, gens, shape, v, node)
        return v, node

    def _lookup(self, K: Poly, e: tuple, sides: tuple, rules, gens):
        """``((value, ref node), shape)`` for a problem solved before -- the same, or the same up to
        a permutation of the variables (``perm`` in the ref node) -- else ``(None, shape)``."""
        key = (K, e, sides, rules, gens)
        if key in self._cache:
            v, node = self._cache[key]
            return (v, {"id": self._nid(), "same_as": node["id"], "K": node["K"], "e": node["e"],
                        "sides": node["sides"], "rule": "ref"}), None
        shape = self._local_shape(K, e, sides, gens)
        if shape is not None:
            for other, v, node, Ko in self._cache.get(("sym", "solve", rules, gens is not None, shape.key), ()):
                p = find_perm(shape, other)
                if p is not None and permute_terms(K.terms, p, K.nvars) == Ko.terms:
                    self.sym_hits["solve"] += 1
                    return (v, {"id": self._nid(), "same_as": node["id"], "perm": p, "K": K.to_terms(),
                                "e": list(e), "sides": list(sides), "rule": "ref"}), shape
        return None, shape

    def _store(self, K: Poly, e: tuple, sides: tuple, rules, gens, shape, v: Value, node: dict) -> None:
        self._cache[(K, e, sides, rules, gens)] = (v, node)
        if shape is not None:   # a tuple, never mutated: _attempt's shallow copy of the cache stays valid
            skey = ("sym", "solve", rules, gens is not None, shape.key)
            self._cache[skey] = self._cache.get(skey, ()) + ((shape, v, node, K),)

    # ------------------------------------------------------------------ tasks (issue 7 item 4)
    def _pieces(self, kind: str, argss: list, work: int) -> list:
        """Solve the pieces ``argss`` as independent tasks (:func:`rlct.parallel.run_batch`) and
        fold their counters into this solver; the first piece that did not finish raises here."""
        batch = next(self._batches)
        remaining = None
        if self.deadline is not None:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                self.budget_hit.add("time")
                raise BudgetExceeded("time")
        now = time.time()
        cfgs = [TaskConfig(remaining, now, self.max_charts - self.charts, self.max_strata_vars, self.max_depth,
                           self.strategy, self.use_rules, self.symmetry, self.depth, self.group_nesting,
                           f"{self.id_prefix}t{batch}.{i}.") for i in range(len(argss))]
        ex = self.executor if len(argss) >= 2 else None
        if isinstance(ex, AutoExecutor):   # start processes only for a batch worth it
            ex = ex.get() if work >= _parallel.MIN_WORK else None
        results = run_batch(ex, cfgs, kind, argss)
        for r in results:
            self.charts += r.charts
            self.budget_hit |= r.budget_hit
            for k, n in zip(("solve", "pstep", "nogo"), r.sym_hits):
                self.sym_hits[k] += n
        for r in results:
            if r.status == "budget":
                raise BudgetExceeded(r.error)
            if r.status == "raise":
                raise r.error
            if r.status == "nogo":
                raise NoGo(r.error)
        if self.charts > self.max_charts:
            self.budget_hit.add("charts")
            raise BudgetExceeded("charts")
        return [(r.value, r.out) for r in results]

    def _solve_pieces(self, problems: list) -> list:
        """``[(value, node)]`` for local problems ``(K, e, sides, rules)`` or ``(K, e, sides, rules,
        gens)`` (``K = Σ w g²``): those met before (also within the list, up to a permutation) become
        ``ref`` nodes, the others tasks."""
        slots, todo, reps = [], [], []    # reps: (index in todo, K, e, sides, rules, gens, shape)
        for K, e, sides, rules, *g in problems:
            e, sides, gens = tuple(e), tuple(sides), (tuple(g[0]) if g and g[0] else None)
            hit, shape = self._lookup(K, e, sides, rules, gens)
            if hit is not None:
                slots.append(("done", hit))
                continue
            match = None
            for t, K2, e2, s2, r2, _g2, sh2 in reps:
                if r2 != rules:
                    continue
                if (K2, e2, s2) == (K, e, sides):
                    match = (t, None)
                elif shape is not None and sh2 is not None:
                    p = find_perm(shape, sh2)
                    if p is not None and permute_terms(K.terms, p, K.nvars) == K2.terms:
                        self.sym_hits["solve"] += 1
                        match = (t, p)
                if match:
                    break
            if match:
                slots.append(("same", match, K, e, sides))
                continue
            slots.append(("task", len(todo)))
            reps.append((len(todo), K, e, sides, rules, gens, shape))
            todo.append((K, e, sides, rules) + ((gens,) if gens else ()))
        if len(todo) == 1:   # nothing to share out: solved here, so that its own pieces can be tasks
            K, e, sides, rules, *g = todo[0]
            done = [self.solve(K, e, sides, rules=rules, gens=g[0] if g else None)]
        else:
            done = self._pieces("solve", todo, sum(len(K) << K.nvars for K, *_ in todo)) if todo else []
            for t, K, e, sides, rules, gens, shape in reps:
                self._store(K, e, sides, rules, gens, shape, *done[t])
        out = []
        for slot in slots:
            if slot[0] == "done":
                out.append(slot[1])
            elif slot[0] == "task":
                out.append(done[slot[1]])
            else:
                (t, p), K, e, sides = slot[1:]
                v, node = done[t]
                ref = {"id": self._nid(), "same_as": node["id"], "K": K.to_terms(), "e": list(e),
                       "sides": list(sides), "rule": "ref"}
                if p is not None:
                    ref["perm"] = p
                out.append((v, ref))
        return out

    # ------------------------------------------------------------------ symmetry (issue 7 item 3)
    def _local_shape(self, K: Poly, e, sides, gens):
        """The :class:`rlct.symmetry.Shape` of a local problem (labels ``(e_j, side)``; items the
        generators with their weights, else ``K``), or ``None`` when not worth looking at."""
        if not self.symmetry or K.nvars < 2:
            return None
        items = [((w.numerator, w.denominator), g.terms) for w, g in gens] if gens else [((0, 0), K.terms)]
        if sum(len(t) for _, t in items) > SYM_MAX_TERMS:
            return None
        return Shape.of(K.nvars, [(x, s == "two") for x, s in zip(e, sides)], items)

    def _pstep(self, st, level: int, blown: bool, fresh: bool = False, steps: int = 0, splits: int = 0):
        """A group-rule parameter problem (:meth:`rlct.groups.GroupMixin._pstep`), solved once per
        class of problems equal up to a permutation of the variables.  A repeat becomes the step
        ``same``: the referenced step's ``id`` and the permutation (variable ``j`` here is
        variable ``perm[j]`` there), re-checked by the checker (``_gstep``).  A problem that gave up
        (``NoGo``) gives up again, without work, when met up to a permutation in the same context
        (level, blown, fresh, splits, nesting): giving up is never wrong, only less complete."""
        shape = self._pstep_shape(st)
        if shape is None:
            return super()._pstep(st, level, blown, fresh, steps, splits)
        skey = ("sym", "pstep", shape.key)
        for other, v, rec in self._cache.get(skey, ()):
            p = find_perm(shape, other)
            if p is not None:
                self.sym_hits["pstep"] += 1
                return v, self._same_step(st, p, rec)
        nkey = (shape.key, level, blown, fresh, splits, self.group_nesting, self.depth)
        if any(find_perm(shape, other) is not None for other in self._nogo.get(nkey, ())):
            self.sym_hits["nogo"] += 1
            raise NoGo("same as a problem that gave up")
        try:
            v, rec = super()._pstep(st, level, blown, fresh, steps, splits)
        except NoGo:
            self._nogo[nkey] = self._nogo.get(nkey, ()) + (shape,)
            raise
        self._cache[skey] = self._cache.get(skey, ()) + ((shape, v, rec),)
        return v, rec

    def _pstep_shape(self, st):
        if not self.symmetry or len(st.roles) < 2 or sum(len(g) for _, g in st.gens) > SYM_MAX_TERMS:
            return None
        return Shape.of(len(st.roles), [(_ROLE[r], x, s == "two") for r, x, s in zip(st.roles, st.e, st.sides)],
                        [((w.numerator, w.denominator), g.terms) for w, g in st.gens])

    def _same_step(self, st, p, rec) -> dict:
        if "id" not in rec:
            rec["id"] = f"{self.id_prefix}s{next(self._step_ids)}"
        pn = st.record()
        pn.update(step="same", same_as=rec["id"], perm=p)
        return pn

    def _pstep_pieces(self, states: list, level: int, blown: bool, fresh: bool, steps: int, splits: int) -> list:
        """``[(value, record)]`` of the parameter problems ``states`` (e.g. the charts of one group
        blow-up, :func:`rlct.groups.blowup`), all at ``(level, blown, fresh, steps, splits)``; the
        first one that gives up raises ``NoGo``.  With ``tasks`` (the root solver of
        :func:`rlct.rlct`) the problems not met before -- also within the list, up to a
        permutation -- are solved as independent tasks (:mod:`rlct.parallel`), the repeats become
        ``same`` steps; otherwise one after the other, as ``_pstep`` would."""
        if not self.tasks or len(states) < 2:
            return [self._pstep(st, level, blown, fresh, steps, splits) for st in states]
        slots, todo, reps = [], [], []
        for st in states:
            shape = self._pstep_shape(st)
            if shape is not None:
                met = next(((v, p, rec) for other, v, rec in self._cache.get(("sym", "pstep", shape.key), ())
                            for p in [find_perm(shape, other)] if p is not None), None)
                if met is None:
                    met = next(((t, p, None) for t, sh2 in reps for p in [find_perm(shape, sh2)] if p is not None),
                               None)
                if met is not None:   # found before (value, perm, record), or in this batch (task, perm, None)
                    slots.append((st, met))
                    continue
                reps.append((len(todo), shape))
            slots.append((st, len(todo)))
            todo.append(st)
        if len(todo) == 1:   # nothing to share out: solved here (and cached by _pstep)
            done = [self._pstep(todo[0], level, blown, fresh, steps, splits)]
        else:
            done = self._pieces("pstep", [(st, level, blown, fresh, steps, splits) for st in todo],
                                sum(len(g) << len(st.roles) for st in todo for _, g in st.gens)) if todo else []
            for t, shape in reps:
                skey = ("sym", "pstep", shape.key)
                self._cache[skey] = self._cache.get(skey, ()) + ((shape, *done[t]),)
        out = []
        for st, slot in slots:
            if isinstance(slot, int):
                out.append(done[slot])
                continue
            v, p, rec = slot
            if rec is None:
                v, rec = done[v]
            self.sym_hits["pstep"] += 1
            out.append((v, self._same_step(st, p, rec)))
        return out

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
            if out is None:
                out = self._coords(K, e, sides, gens)
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
            return self._split(K, e, sides, gens)
        return self._toric(K, e, sides, gens)

    # ------------------------------------------------------------------ sum rule
    def _split(self, K: Poly, e, sides, gens=None):
        two = [i for i, s in enumerate(sides) if s == "two"]
        children, vals = [], []
        patterns = []
        for signs in itertools.product((1, -1), repeat=len(two)):
            s = [1] * K.nvars
            for i, sg in zip(two, signs):
                s[i] = sg
            patterns.append(s)
        pieces = [(K.signs(s), e, ["one"] * K.nvars, False) for s in patterns]
        if gens:   # the generators go along (K(s∘y) = Σ w g(s∘y)²); orthants with equal K share them
            first: dict = {}
            for n, s in enumerate(patterns):
                Ks = pieces[n][0]
                if Ks not in first:
                    first[Ks] = tuple((w, g.signs(s)) for w, g in gens)
                pieces[n] += (first[Ks],)
        if self.tasks:
            solved = self._solve_pieces(pieces)
        else:
            solved = (self.solve(*piece[:3], rules=False, gens=piece[4] if gens else None) for piece in pieces)
        for s, (v, child) in zip(patterns, solved):
            children.append({"signs": s, "node": child})
            vals.append(v)
        return self._finish(self._new(K, e, sides, "split", children=children), combine_min(vals))

    # ------------------------------------------------------------------ toric charts
    def _toric(self, K: Poly, e, sides, gens=None):
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
        if self.tasks and len(cones) > 1:
            self.charts += len(cones)
            if self.charts > self.max_charts:
                self.budget_hit.add("charts")
                raise BudgetExceeded("charts")
            self._check_time()
            solved = self._pieces("chart", [(K, e, cone) + ((gens,) if gens else ()) for cone in cones],
                                  (len(K) << K.nvars) * len(cones))
        else:
            solved = None
        for n, cone in enumerate(cones):
            if solved is None:
                self.charts += 1
                if self.charts > self.max_charts:
                    self.budget_hit.add("charts")
                    raise BudgetExceeded("charts")
                self._check_time()
                chart, v = self._chart(K, e, cone, gens)
            else:
                v, chart = solved[n]
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
