"""Review of the group step ``stratified`` (rlct/groups_strata.py, rlct/checker_stratified.py):
attacks the checker must refuse.

Two kinds of attack:

* tampering with real certificates (det of a generic 3x3 matrix: kind ``linear`` with two-equation
  components; the deep linear network 2x2x2x2x2: kind ``unit`` with a ``cover``) in ways the
  tests in tests/test_groups_stratified.py do not try;
* direct calls of :func:`rlct.checker_stratified.gstratified` on small hand-made parameter problems,
  with the checker's recursion into the children replaced by a stub that returns chosen values:
  this isolates the step's own logic (the cover, triangular equations, the base points in the
  cube, the box, the lower/upper bound bookkeeping, the derived ``off`` and ``on`` problems).

No hole was found: every attack here is refused (regression tests).
"""
from __future__ import annotations

import copy
from fractions import Fraction as Fr

import pytest
from helpers import dicts, load

import rlct.checker as C
from rlct import rlct, verify
from rlct.checker_stratified import gstratified

DET3 = "a*e*i - a*f*h - b*d*i + b*f*g + c*d*h - c*e*g"
CORPUS = {c["id"]: c for c in load("known_results.json")}


# ---------------------------------------------------------------- real certificates


def steps_of(cert):
    """The stratified steps, last child first (the controls below rely on this order)."""
    return [n for n in dicts(cert) if n.get("step") == "stratified"][::-1]


@pytest.fixture(scope="module")
def det3():
    r = rlct(f"({DET3})**2", timeout=60)
    assert (r.status, r.lam, r.m) == ("exact", Fr(1, 2), 1)
    assert verify(r.certificate).ok
    return r.certificate


@pytest.fixture(scope="module")
def det3_ideal():
    """The ideal form (generators given): the certificate the brief names."""
    r = rlct(None, ideal=[DET3], vars="a,b,c,d,e,f,g,h,i", timeout=60)
    assert (r.status, r.lam, r.m) == ("exact", Fr(1, 2), 1)
    assert verify(r.certificate).ok
    return r.certificate


@pytest.fixture(scope="module")
def dln():
    case = CORPUS["dln_2x2x2x2x2_r0"]
    r = rlct(case["K"], vars=case["vars"], timeout=60)
    assert r.status == "exact" and r.m == 5
    assert verify(r.certificate).ok
    return r.certificate


def refused(cert, pred, fn):
    bad = copy.deepcopy(cert)
    hits = [s for s in steps_of(bad) if pred(s)]
    assert hits, "no stratified step of that shape"
    fn(hits[0])
    return not verify(bad).ok


def two_eqs(s):
    return any(c and len(c["eqs"]) >= 2 for c in s["components"])


def comp2(s):
    return next(c for c in s["components"] if c and len(c["eqs"]) >= 2)


def strip_gens(obj):
    """Remove every recorded ``gens``, ``roles``, ``e``, ``sides`` of program steps (the checker
    then derives them instead of comparing); nodes of other rules keep theirs."""
    if isinstance(obj, dict):
        if "step" in obj:
            for k in ("gens", "roles", "e", "sides"):
                obj.pop(k, None)
        for v in obj.values():
            strip_gens(v)
    elif isinstance(obj, list):
        for v in obj:
            strip_gens(v)


def drop_eq(s):              # a locus equation (minor) left out
    c = comp2(s)
    c["eqs"].pop()
    c["pivots"].pop()


def drop_eq_unrecorded(s):   # the same, with the sub-problem's recorded generators removed
    drop_eq(s)
    strip_gens(comp2_or_first(s)["node"])


def comp2_or_first(s):
    return next(c for c in s["components"] if c)


def swap_pivots(s):
    c = comp2(s)
    c["pivots"].reverse()


def reorder_eqs(s):
    c = comp2(s)
    c["eqs"].reverse()
    c["pivots"].reverse()


def other_minor(s):          # an equation naming another column set
    c = comp2(s)
    Y = s["Y"]
    cols = c["eqs"][0]["minor"]
    c["eqs"][0]["minor"] = [next(y for y in Y if y not in cols and y not in c["eqs"][1]["minor"])]


def pivot_on_y(s):           # a Y (local) variable named as pivot
    comp2(s)["pivots"][0] = s["Y"][0]


def pivot_repeat(s):
    c = comp2(s)
    c["pivots"][1] = c["pivots"][0]


def duplicate_component(s):
    s["components"].append(copy.deepcopy(comp2_or_first(s)))


def no_component(s):
    s["components"] = []


def null_component(s):
    s["components"] = [None]


def drop_off(s):
    s.pop("off")


def off_is_on(s):            # the off problem replaced by a component's problem
    s["off"] = copy.deepcopy(comp2_or_first(s)["node"])


def on_is_off(s):
    comp2_or_first(s)["node"] = copy.deepcopy(s["off"])


def slots_not_y(s):
    s["slots"] = [next(j for j, r in enumerate(s["roles"]) if r == "P")]


def y_shrunk(s):             # a Y column left out (the minors change)
    s["Y"] = list(s["slots"])


def y_param(s):              # a parameter listed as a Y variable
    s["Y"] = s["Y"] + [next(j for j, r in enumerate(s["roles"]) if r == "P")]


def kind_missing_unit(s):
    s.pop("kind")


def sub_e(s):                # an exponent changed inside a component's problem
    node = comp2_or_first(s)["node"]
    node["e"] = [x + 1 if i == 0 else x for i, x in enumerate(node["e"])]


def sub_sides(s):            # a side changed inside a component's problem
    node = comp2_or_first(s)["node"]
    node["sides"] = ["one"] + node["sides"][1:]


def sub_roles(s):            # a pivot kept as a parameter in the component's problem
    c = comp2_or_first(s)
    c["node"]["roles"][c["pivots"][0]] = "P"


def off_e(s):
    s["off"]["e"] = [x + 1 if i == 0 else x for i, x in enumerate(s["off"]["e"])]


def nonconstant_coefficient(s):   # scale the equation by a polynomial: a non-constant coefficient
    c = comp2_or_first(s)
    c["eqs"][0]["scale"] = "x"


def zero_scale(s):
    comp2_or_first(s)["eqs"][0]["scale"] = "0"


def box_outside(s):          # a box added that reaches out of the cube, node = off's
    P = [j for j, r in enumerate(s["roles"]) if r == "P"]
    s["box"] = {"a": ["1/2"] * len(P), "b": ["1"] * len(P), "node": copy.deepcopy(s["off"])}


DET3_TAMPER = {f.__name__: f for f in (
    drop_eq, drop_eq_unrecorded, swap_pivots, other_minor, pivot_on_y, pivot_repeat,
    duplicate_component, no_component, null_component, drop_off, off_is_on, on_is_off, slots_not_y,
    y_shrunk, y_param, sub_e, sub_sides, sub_roles, off_e, nonconstant_coefficient, zero_scale,
    box_outside)}


@pytest.mark.parametrize("what", sorted(DET3_TAMPER))
def test_det3_tampering_refused(det3, what):
    assert refused(det3, two_eqs, DET3_TAMPER[what]), what


@pytest.mark.parametrize("what", ["drop_eq_unrecorded", "other_minor", "duplicate_component", "off_is_on",
                                  "on_is_off", "sub_e", "sub_sides", "sub_roles", "y_shrunk"])
def test_det3_ideal_tampering_refused(det3_ideal, what):
    pred = (lambda s: two_eqs(s)) if any(two_eqs(s) for s in steps_of(det3_ideal)) else (lambda s: True)
    assert refused(det3_ideal, pred, DET3_TAMPER[what]), what


def test_det3_reordered_diagonal_equations_accepted(det3):
    """Control: in the first step both equations are free of the other's pivot, so the order of
    the equations (with their pivots) does not change the coordinates: accepted."""
    ok = copy.deepcopy(det3)
    reorder_eqs(next(s for s in steps_of(ok) if two_eqs(s)))
    assert verify(ok).ok


def test_det3_every_step_drop_eq_refused(det3):
    """Each stratified step of the certificate, one locus equation dropped (with the recorded
    generators of the subtree removed, so the checker derives them)."""
    n = len([s for s in steps_of(det3) if two_eqs(s)])
    assert n >= 2
    for k in range(n):
        bad = copy.deepcopy(det3)
        s = [s for s in steps_of(bad) if two_eqs(s)][k]
        drop_eq_unrecorded(s)
        assert not verify(bad).ok, k


def test_det3_claims_refused(det3):
    for key, val in (("m", 0), ("m", 2), ("lambda", "1/3"), ("lambda", "1")):
        bad = copy.deepcopy(det3)
        bad[key] = val
        assert not verify(bad).ok, (key, val)


# ---------------------------------------------------------------- kind unit with a cover (dln)


def unit_cover(s):
    return s.get("kind") == "unit" and "cover" in s


def cover_exps(s):
    s["cover"]["exps"][0] += 1


def cover_minor_cols(s):
    s["cover"]["minor"] = [0]


def cover_swap_components(s):   # components reordered (no longer one per factor, in order)
    s["components"].reverse()


def cover_swap_all(s):           # factors, exps and components reordered together: still a valid cover
    for k in ("factors", "exps"):
        s["cover"][k].reverse()
    s["components"].reverse()
    for n, c in enumerate(s["components"]):
        for q in c["eqs"]:
            if "factor" in q:
                q["factor"] = n


def cover_extra_component(s):
    s["components"].append(copy.deepcopy(s["components"][0]))


def cover_two_factor_eqs(s):     # a component holding another component's factor too
    c0 = s["components"][0]
    c0["eqs"].append({"factor": 1, "scale": "1"})
    c0["pivots"].append(s["components"][1]["pivots"][0])


def cover_factor_as_bool(s):     # JSON true for factor index 1
    for n, c in enumerate(s["components"]):
        for q in c["eqs"]:
            if q.get("factor") == 1:
                q["factor"] = True


def unit_drop_cover(s):          # without the cover the factor equations are not allowed
    s.pop("cover")


def unit_kind_linear(s):
    s["kind"] = "linear"


def unit_I_other(s):
    s["I"] = [0 if s["I"][0] else 1]


def unit_F_scaled(s):            # F doubled, q unchanged: the product is wrong
    s["F"][0] = [[t[0], str(Fr(t[1]) * 2)] for t in s["F"][0]]


def unit_q_and_F_rescaled(s):    # F doubled, q halved: a valid factorization, but the cover no longer multiplies out
    s["F"][0] = [[t[0], str(Fr(t[1]) * 2)] for t in s["F"][0]]
    s["q"][0] = [[t[0], str(Fr(t[1]) / 2)] for t in s["q"][0]]


DLN_TAMPER = {f.__name__: f for f in (
    cover_exps, cover_minor_cols, cover_swap_components, cover_extra_component, cover_two_factor_eqs,
    unit_drop_cover, unit_kind_linear, unit_I_other, unit_F_scaled, unit_q_and_F_rescaled,
    kind_missing_unit, sub_e, sub_sides, sub_roles, off_is_on, on_is_off, nonconstant_coefficient,
    zero_scale, drop_off)}


@pytest.mark.parametrize("what", sorted(DLN_TAMPER))
def test_dln_unit_cover_tampering_refused(dln, what):
    assert refused(dln, unit_cover, DLN_TAMPER[what]), what


def test_dln_honest_rewrites_accepted(dln):
    """Control: rewrites that keep the mathematics valid are accepted (the tampering tests above
    are refused for a reason, not because any change is)."""
    for fn in (cover_swap_all, cover_factor_as_bool):
        ok = copy.deepcopy(dln)
        fn(next(s for s in steps_of(ok) if unit_cover(s)))
        assert verify(ok).ok, fn.__name__


def test_dln_unit_without_cover_refused(dln):
    # every kind-unit step (with or without a cover): the unit q replaced by a non-unit multiple
    for k, s0 in enumerate(s for s in steps_of(dln) if s.get("kind") == "unit"):
        bad = copy.deepcopy(dln)
        s = [s for s in steps_of(bad) if s.get("kind") == "unit"][k]
        L = [j for j, r in enumerate(s["roles"]) if r == "L"]
        # q's value on {L = 0} made identically 1 (then "q is a unit everywhere" would be claimed)
        s["q"][0] = [t for t in s["q"][0] if any(t[0][j] for j in L)] + [[[0] * len(s["roles"]), "1"]]
        assert not verify(bad).ok, k


# ---------------------------------------------------------------- the step's own logic, in isolation


def mono(d, **exps):
    a = [0] * d
    for k, v in exps.items():
        a[int(k[1:])] = v
    return tuple(a)


def poly(d, *terms):
    """terms: (coefficient, {index: exponent})"""
    out = {}
    for c, ex in terms:
        a = [0] * d
        for j, x in ex.items():
            a[j] = x
        out[tuple(a)] = out.get(tuple(a), Fr(0)) + Fr(c)
    return {a: v for a, v in out.items() if v}


def terms(p):
    return [[list(a), str(c)] for a, c in p.items()]


class Stub:
    """Replaces ``C._gstep``: a child's value is ``raw["value"]``; the states passed are recorded."""

    def __init__(self):
        self.seen = {}

    def __call__(self, raw, st, d, depth):
        C._need(isinstance(raw, dict) and "value" in raw, "stub: no value")
        self.seen[raw["tag"]] = st
        lam, m = raw["value"]
        return Fr(lam), m


@pytest.fixture
def stub(monkeypatch):
    s = Stub()
    monkeypatch.setattr(C, "_gstep", s)
    return s


def child(tag, lam, m):
    return {"tag": tag, "value": [lam, m]}


# Problem A: variables x0 (L), x1 (L, the Y column), x2, x3 (P); one generator
#   f = m(P)·x1 + x0²,  m = x2 + x3 - 3/2  (zero set x2 = 3/2 - x3 meets the cube, but the base
#   points 3/2 - x3 leave it for x3 < 1/2).
D = 4
ROLES = ["L", "L", "P", "P"]
E = [2, 0, 0, 0]
SIDES = ["two"] * 4


def problem(m):
    f = dict(C._mul(m, {mono(D, x1=1): Fr(1)}))
    f[mono(D, x0=2)] = f.get(mono(D, x0=2), Fr(0)) + 1
    return ([Fr(1)], [C._clean(f)], list(ROLES), list(E), list(SIDES))


def linear_raw(f, comps, **extra):
    raw = {"step": "stratified", "kind": "linear", "I": [0], "Y": [1], "slots": [1],
           "F": [[[[0] * D, "1"]]], "q": [terms(f)], "off": child("off", "1", 1), "components": comps}
    raw.update(extra)
    return raw


M_OUT = poly(D, (1, {2: 1}), (1, {3: 1}), ("-3/2", {}))      # base points x2 = 3/2 - x3
M_IN = poly(D, (1, {2: 1}), ("1/2", {3: 1}), ("-1/2", {}))   # base points x2 = 1/2 - x3/2: in the cube


def comp(tag, lam, m, pivots=(2,), eqs=None):
    return {"eqs": eqs or [{"minor": [1], "scale": "1"}], "pivots": list(pivots), "node": child(tag, lam, m)}


def test_synthetic_honest_inside_accepted(stub):
    st = problem(M_IN)
    raw = linear_raw(st[1][0], [comp("on", "1/2", 1)])
    assert gstratified(raw, st, D, 0) == (Fr(1, 2), 1)
    # the derived problems: off has x1 in place of q; on has x2 = y - x3/2 + 1/2 (y in slot 2, local)
    off = stub.seen["off"]
    assert off[1] == [poly(D, (1, {1: 1}))] and off[2] == ["G", "L", "G", "G"]
    on = stub.seen["on"]
    want = C._clean(C._mul(poly(D, (1, {2: 1})), {mono(D, x1=1): Fr(1)}))
    want[mono(D, x0=2)] = Fr(1)
    assert on[1] == [want] and on[2] == ["L", "L", "L", "G"]


def test_synthetic_base_points_outside_refused(stub):
    """The locus meets the cube, but its base points x2 = 3/2 - x3 leave it: the component's value
    is only a lower bound (it may come from points outside the cube), so with it below off's
    value the step needs a box."""
    st = problem(M_OUT)
    raw = linear_raw(st[1][0], [comp("on", "1/2", 1)])
    with pytest.raises(C._Fail, match="no upper bound"):
        gstratified(raw, st, D, 0)
    # a box inside the cube attaining the bound: accepted (the box's own program is its proof)
    raw["box"] = {"a": ["1/2", "1/2"], "b": ["1/2", "1/2"], "node": child("box", "1/2", 1)}
    assert gstratified(raw, st, D, 0) == (Fr(1, 2), 1)
    # a box attaining only a larger value: the lower bound is not attained
    raw["box"]["node"] = child("box", "1", 1)
    with pytest.raises(C._Fail, match="not attained"):
        gstratified(raw, st, D, 0)
    # a box reaching out of the cube
    raw["box"] = {"a": ["1", "1/2"], "b": ["1/2", "1/2"], "node": child("box", "1/2", 1)}
    with pytest.raises(C._Fail, match="outside the cube"):
        gstratified(raw, st, D, 0)


def test_synthetic_m_bookkeeping(stub):
    """Lower bound (λ, m) = min with the largest m among the attaining; an upper bound with the
    same λ but a smaller m does not attain it."""
    st = problem(M_IN)
    raw = linear_raw(st[1][0], [comp("on", "1/2", 1)], off=child("off", "1/2", 2))
    with pytest.raises(C._Fail, match="not attained"):
        gstratified(raw, st, D, 0)
    raw["box"] = {"a": ["1/2", "1/2"], "b": ["1/2", "1/2"], "node": child("box", "1/2", 2)}
    assert gstratified(raw, st, D, 0) == (Fr(1, 2), 2)


def test_synthetic_nonlinear_pivot_refused(stub):
    """A minor whose pivot coefficient is not constant (x2·x3 + x2 - 1/2 in x2), or which is not
    linear in its pivot, is not a coordinate."""
    for m in (poly(D, (1, {2: 1, 3: 1}), (1, {2: 1}), ("-1/2", {})),
              poly(D, (1, {2: 2}), (1, {2: 1}), ("-1/2", {}))):
        st = problem(m)
        raw = linear_raw(st[1][0], [comp("on", "1/2", 1)])
        with pytest.raises(C._Fail, match="not a·x"):
            gstratified(raw, st, D, 0)


def test_synthetic_triangular_refused(stub):
    """Two minors, each containing the other's pivot: not triangular."""
    d = 5    # x0 L, x1 x4 the Y columns, x2 x3 P; g0 = (x2 + x3/2)·x1 + (x3 + x2/2)·x4 + x0²
    roles, e, sides = ["L", "L", "P", "P", "L"], [2, 0, 0, 0, 0], ["two"] * 5
    # (an invertible linear change of the parameters, but not triangular: conservatively refused)
    g0 = poly(d, (1, {2: 1, 1: 1}), ("1/2", {3: 1, 1: 1}), (1, {3: 1, 4: 1}), ("1/2", {2: 1, 4: 1}), (1, {0: 2}))
    st = ([Fr(1)], [g0], roles, e, sides)
    raw = {"step": "stratified", "kind": "linear", "I": [0], "Y": [1, 4], "slots": [1],
           "F": [[[[0] * d, "1"]]], "q": [terms(g0)], "off": child("off", "1", 1),
           "components": [{"eqs": [{"minor": [1], "scale": "1"}, {"minor": [4], "scale": "1"}],
                           "pivots": [2, 3], "node": child("on", "1/2", 1)}]}
    with pytest.raises(C._Fail, match="not triangular"):
        gstratified(raw, st, d, 0)


def test_synthetic_cover_must_multiply_out(stub):
    """Kind unit with a cover: c = x2·(x3 - 1/2); a cover that leaves out a factor (so the locus
    x3 = 1/2 has no component) is refused, and so is a null component for a factor with a zero
    on the cube."""
    d = 4
    roles, e, sides = ["L", "L", "P", "P"], [2, 0, 0, 0], ["two"] * 4
    c = poly(d, (1, {2: 1, 3: 1}), ("-1/2", {2: 1}))
    q = dict(c)
    q[mono(d, x1=1)] = Fr(1)
    f = C._mul(q, {mono(d, x0=1): Fr(1)})
    st = ([Fr(1)], [f], roles, e, sides)
    A = poly(d, (1, {2: 1}))
    B = poly(d, (1, {3: 1}), ("-1/2", {}))

    def raw_of(factors, exps, comps, const="1"):
        return {"step": "stratified", "kind": "unit", "I": [0], "F": [[[[0] * d, "1"]]], "q": [terms(q)],
                "off": child("off", "1", 1), "components": comps,
                "cover": {"minor": [], "const": const, "factors": [terms(x) for x in factors], "exps": exps}}

    ca = {"eqs": [{"factor": 0, "scale": "1"}], "pivots": [2], "node": child("onA", "1/2", 1)}
    cb = {"eqs": [{"factor": 1, "scale": "1"}], "pivots": [3], "node": child("onB", "1/2", 1)}
    assert gstratified(raw_of([A, B], [1, 1], [ca, cb]), st, d, 0) == (Fr(1, 2), 1)
    with pytest.raises(C._Fail, match="product of the factors"):
        gstratified(raw_of([A], [1], [ca]), st, d, 0)
    with pytest.raises(C._Fail, match="dominant constant"):
        gstratified(raw_of([A, B], [1, 1], [ca, None]), st, d, 0)
    with pytest.raises(C._Fail, match="product of the factors"):
        gstratified(raw_of([A, B], [1, 1], [ca, cb], const="0"), st, d, 0)
    # negative weight: q a unit gives K ≍ K_off only for a sum of squares
    st_neg = ([Fr(-1)], [f], roles, e, sides)
    with pytest.raises(C._Fail, match="weight"):
        gstratified(raw_of([A, B], [1, 1], [ca, cb]), st_neg, d, 0)


def test_synthetic_base_point_bound_is_sharp(stub):
    """Σ |coefficients of h| <= 1 exactly: x2 = 1/2 - x3/2 (sum 1) is inside, x2 = 501/1000 - x3/2
    is not (at x3 = -1 it is 1.001)."""
    st = problem(poly(D, (1, {2: 1}), ("1/2", {3: 1}), ("-501/1000", {})))
    raw = linear_raw(st[1][0], [comp("on", "1/2", 1)])
    with pytest.raises(C._Fail, match="no upper bound"):
        gstratified(raw, st, D, 0)


def test_synthetic_triangular_chain(stub):
    """Two equations, the second through the first's pivot: φ1 = x2 - 1/2 (pivot x2), φ2 = x3 - c·x2
    (pivot x3).  The on problem is the generator in (y1, y2) = (φ1, φ2) (substitution last pivot
    first); the base points h = (1/2, c/2) are in the cube for c = 1, not for c = 3."""
    d = 5
    roles, e, sides = ["L", "L", "P", "P", "L"], [2, 0, 0, 0, 0], ["two"] * 5
    for c, inside in ((1, True), (3, False)):
        g = poly(d, (1, {2: 1, 1: 1}), ("-1/2", {1: 1}), (1, {3: 1, 4: 1}), (-c, {2: 1, 4: 1}), (1, {0: 2}))
        st = ([Fr(1)], [g], roles, e, sides)
        raw = {"step": "stratified", "kind": "linear", "I": [0], "Y": [1, 4], "slots": [1],
               "F": [[[[0] * d, "1"]]], "q": [terms(g)], "off": child("off", "1", 1),
               "components": [{"eqs": [{"minor": [1], "scale": "1"}, {"minor": [4], "scale": "1"}],
                               "pivots": [2, 3], "node": child("on", "1/2", 1)}]}
        if inside:
            assert gstratified(raw, st, d, 0) == (Fr(1, 2), 1)
            on = stub.seen["on"]
            assert on[1] == [poly(d, (1, {2: 1, 1: 1}), (1, {3: 1, 4: 1}), (1, {0: 2}))]
            assert on[2] == ["L", "L", "L", "L", "L"]
        else:
            with pytest.raises(C._Fail, match="no upper bound"):
                gstratified(raw, st, d, 0)


def test_stripped_records_still_accepted(det3):
    """Control for the ``drop_eq_unrecorded`` attacks: without the recorded gens/roles/e/sides the
    honest certificate is still accepted (the checker derives them)."""
    ok = copy.deepcopy(det3)
    strip_gens(ok)
    assert verify(ok).ok
