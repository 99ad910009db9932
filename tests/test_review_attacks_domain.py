"""Review attacks on the domain certificates (rlct/checker_domain.py) and on the ``crossing`` rule at
irrational points (``_alg_crossing`` in rlct/checker.py, rlct/algebraic.py).

Plain tests: attacks that are correctly rejected (or resolver answers that agree with independent
computations).  Four of them were genuine bugs (a wrong exact answer accepted), fixed in
rlct/checker_domain.py: two pieces on one face counted as two coordinates (pieces must now be
pairwise coprime), and a face piece flagged 'finite' hiding its face's zero (refused).
"""
import copy
import json
from fractions import Fraction as F

import pytest

from rlct import rlct, verify
from rlct.checker_domain import verify_domain


def accepted(cert):
    v = verify(json.loads(json.dumps(cert)))       # rlct.verify dispatches by format
    return v.ok, v


def rejected(cert, why=""):
    v = verify(json.loads(json.dumps(cert)))
    assert not v.ok, f"a tampered certificate verified: {v}"
    assert why in v.reason, v.reason
    return v.reason


def domain_cert(K, box):
    r = rlct(K, domain=box)
    assert r.status == "exact" and r.certificate["format"] == "rlct-domain-certificate/1", r
    v = verify_domain(r.certificate)
    assert v.ok and (v.lam, v.m) == (r.lam, r.m), v
    return r


def face_piece(i, b, gen, power=1):
    return {"gens": [gen], "weights": None, "power": power, "s": str(F(power, 2)), "face": [i, b],
            "unit": None, "one_sign": None, "finite": False, "charts": []}


# ============================================================================ (a) domain certificates
# ---------------------------------------------------------------- genuine bugs

def test_duplicate_face_pieces_wrong_lambda():
    cert = {"format": "rlct-domain-certificate/1", "vars": ["x"], "K": "x**2", "box": {"x": ["0", "1"]},
            "lambda": "1", "m": 2, "zero_set": "strata", "constant": "1",
            "pieces": [face_piece(0, "0", "x"), face_piece(0, "0", "x")], "strata": [], "points": []}
    ok, v = accepted(cert)
    assert not ok, f"wrong (lambda, m) = (1, 2) accepted for x**2 on [0, 1] (true (1/2, 1)): {v}"


def test_duplicate_face_pieces_wrong_m():
    assert rlct("x**2*y**2", domain="x=0..1,y=-1..1").m == 2          # the resolver's own answer
    cert = {"format": "rlct-domain-certificate/1", "vars": ["x", "y"], "K": "x**2*y**2",
            "box": {"x": ["0", "1"], "y": ["-1", "1"]}, "lambda": "1/2", "m": 1, "zero_set": "strata",
            "constant": "1/2",
            "pieces": [face_piece(0, "0", "2*x"), face_piece(0, "0", "x"),
                       {"gens": ["y"], "weights": None, "power": 2, "s": "1", "face": None, "unit": None,
                        "one_sign": None, "finite": False, "charts": [{"S": [0], "cols": [1], "delta": "1"}]}],
            "strata": [], "points": []}
    ok, v = accepted(cert)
    assert not ok, f"wrong m = 1 accepted for x**2*y**2 on [0,1]x[-1,1] (true (1/2, 2)): {v}"


def test_duplicate_face_pieces_cli(tmp_path, capsys):
    from rlct.cli import main

    cert = {"format": "rlct-domain-certificate/1", "vars": ["x"], "K": "x**2", "box": {"x": ["0", "1"]},
            "lambda": "1", "m": 2, "zero_set": "finite", "constant": "1",
            "pieces": [face_piece(0, "0", "x"), face_piece(0, "0", "x")], "strata": [],
            "points": [{"point": {"x": "0"}, "proof": {"kind": "rule"}, "lambda": "1", "m": 2}]}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(cert))
    rc = main(["verify", str(path)])
    out = capsys.readouterr().out
    assert rc != 0 and "certificate holds" not in out, out


def test_finite_face_piece_hides_its_face_zero():
    assert (rlct("x**4*(x-1/2)**2", domain="x=0..1").lam) == F(1, 4)     # the resolver's own answer
    cert = {"format": "rlct-domain-certificate/1", "vars": ["x"], "K": "x**4*(x-1/2)**2", "box": {"x": ["0", "1"]},
            "lambda": "1/2", "m": 1, "zero_set": "strata", "constant": "1",
            "pieces": [dict(face_piece(0, "0", "x", 4), finite=True),
                       {"gens": ["x - 1/2"], "weights": None, "power": 2, "s": "1", "face": None,
                        "charts": [{"S": [0], "cols": [0], "delta": "1"}]}],
            "strata": [{"type": "smooth", "piece": 1, "S": [0], "cols": [0], "delta": "1", "s": "1",
                        "witness": {"x": "1/2"}, "face": {}, "lambda": "1/2", "m": 1}],
            "points": []}
    c = copy.deepcopy(cert)
    c["pieces"][0]["finite"] = False
    rejected(c, "possible stratum")                # without the flag: rejected
    ok, v = accepted(cert)
    assert not ok, f"wrong (1/2, 1) accepted for x^4 (x-1/2)^2 on [0, 1] (true (1/4, 1)): {v}"


# ---------------------------------------------------------------- attacks correctly rejected

@pytest.fixture(scope="module")
def cusp():
    return domain_cert("(x**2-y**3)**2", "x=-1..1,y=-1..1").certificate


@pytest.fixture(scope="module")
def circle():
    return domain_cert("(x**2+y**2-1)**2", "x=-2..2,y=-2..2").certificate


@pytest.fixture(scope="module")
def circle_face():
    return domain_cert("(x**2+y**2-1)**2*y**2", "x=-1..1,y=0..1").certificate


@pytest.fixture(scope="module")
def tangent():
    return domain_cert("(x**2+y**2-1)**2", "x=1..2,y=-1..1").certificate


def test_cusp_dropping_the_bad_point_is_rejected(cusp):
    c = copy.deepcopy(cusp)
    c["points"] = [p for p in c["points"] if p["point"] != {"x": "0", "y": "0"}]
    c["lambda"] = "1/2"
    rejected(c, "not listed")


def test_cusp_origin_as_rule_is_rejected(cusp):
    c = copy.deepcopy(cusp)
    for p in c["points"]:
        if p["point"] == {"x": "0", "y": "0"}:
            p["proof"] = {"kind": "rule"}
            p["lambda"], p["m"] = "1/2", 1
    c["lambda"] = "1/2"
    rejected(c)


def test_circle_fake_one_sign_is_rejected(circle):
    c = copy.deepcopy(circle)
    c["pieces"][0]["one_sign"] = 1          # x^2 + y^2 - 1 takes both signs on [-2, 2]^2
    c["strata"] = []
    rejected(c, "one sign")


def test_circle_fake_unit_is_rejected(circle):
    c = copy.deepcopy(circle)
    c["pieces"][0]["unit"] = {"gen": 0, "sign": 1}
    rejected(c, "strict sign")


def test_circle_fake_finite_is_rejected(circle):
    c = copy.deepcopy(circle)
    c["pieces"][0]["finite"] = True
    c["strata"] = []
    rejected(c, "not finite")


def test_circle_without_witness_smaller_claim_is_rejected(circle):
    c = copy.deepcopy(circle)
    c["strata"] = []
    c["lambda"], c["m"] = "1/2", 2
    rejected(c)


def test_circle_witness_off_the_circle_is_rejected(circle):
    c = copy.deepcopy(circle)
    c["strata"][0]["witness"] = {"x": "1/2", "y": "1/2"}
    rejected(c)


def test_circle_box_tangent_one_sided_value(tangent):
    # the circle touches [1,2]x[-1,1] only at (1, 0), tangent to the face x = 1: one-sided value
    # of K(1 + t^2, y) with prior |t| -- computed independently -- is (3/4, 1)
    r = rlct("((1+t**2)**2+y**2-1)**2", at="t=0,y=0", prior="t")
    assert (r.lam, r.m) == (F(3, 4), 1)
    v = verify_domain(tangent)
    assert (v.lam, v.m) == (F(3, 4), 1)
    c = copy.deepcopy(tangent)
    c["pieces"][0]["one_sign"] = None     # without one_sign the smooth chart (1/2) is 'possible'
    rejected(c, "no witness")
    c = copy.deepcopy(tangent)
    c["points"][0]["lambda"] = "1/2"
    c["lambda"] = "1/2"
    rejected(c)


def test_circle_face_smooth_claims(circle_face):
    # circle x face y = 0: crossing (1/2, 2) at (+-1, 0) -- must not be lowered to m = 1
    c = copy.deepcopy(circle_face)
    c["m"] = 1
    rejected(c, "derived")
    c = copy.deepcopy(circle_face)
    c["points"] = [p for p in c["points"] if p["point"]["y"] != "0"]
    c["m"] = 1
    v = verify(json.loads(json.dumps(c)))
    # (+-1, 0) are classified by the checker itself (crossing of the circle and the face piece): still m = 2
    assert not v.ok or (v.lam, v.m) == (F(1, 2), 2)


def test_e30_origin_multiplicity_cannot_be_lowered():
    r = domain_cert("x**2*y**2", "x=-1..1,y=-1..1")
    assert (r.lam, r.m) == (F(1, 2), 2)
    c = copy.deepcopy(r.certificate)
    c["m"] = 1
    c["points"] = []
    c["strata"] = [st for st in c["strata"] if st.get("type") != "crossing" or len(st.get("pieces", [])) < 2]
    rejected(c)


def test_nodal_cubic_node_as_rule_is_rejected():
    # the node of y^2 = x^2 (x + 1) is a singular point of one irreducible piece: (1/2, 2) by a local proof
    r = domain_cert("(y**2-x**2*(x+1))**2", "x=-1/2..1/2,y=-1/2..1/2")
    assert (r.lam, r.m) == (F(1, 2), 2)
    c = copy.deepcopy(r.certificate)
    for p in c["points"]:
        if p["point"] == {"x": "0", "y": "0"}:
            p["proof"], p["m"] = {"kind": "rule"}, 1
    c["m"] = 1
    rejected(c)
    c = copy.deepcopy(r.certificate)
    c["points"] = [p for p in c["points"] if p["point"] != {"x": "0", "y": "0"}]
    c["m"] = 1
    rejected(c, "not listed")


def test_face_piece_on_a_non_bound_is_rejected():
    cert = {"format": "rlct-domain-certificate/1", "vars": ["x"], "K": "x**2", "box": {"x": ["-1", "1"]},
            "lambda": "1", "m": 1, "zero_set": "strata", "constant": "1",
            "pieces": [face_piece(0, "0", "x", 2)], "strata": [], "points": []}
    rejected(cert, "face bound")


def test_face_piece_not_linear_is_rejected():
    cert = {"format": "rlct-domain-certificate/1", "vars": ["x", "y"], "K": "(x+y**2)**2",
            "box": {"x": ["0", "1"], "y": ["-1", "1"]}, "lambda": "1", "m": 1, "zero_set": "strata",
            "constant": "1", "pieces": [face_piece(0, "0", "x+y**2", 2)], "strata": [], "points": []}
    rejected(cert, "not a")


def test_corner_only_zero_set_needs_a_local_proof():
    # (x + y)^2 on [0,1]^2: the line meets the box only at the corner; one-sided value (1, 1)
    r = domain_cert("(x+y)**2", "x=0..1,y=0..1")
    assert (r.lam, r.m) == (F(1), 1)
    c = copy.deepcopy(r.certificate)
    for p in c["points"]:
        p["proof"], p["lambda"] = {"kind": "rule"}, "1/2"
    c["lambda"] = "1/2"
    rejected(c)
    # no listed points at all: the corner must be listed / classified
    c = copy.deepcopy(r.certificate)
    c["points"] = []
    c["strata"] = [{"type": "smooth", "piece": 0, "S": [0], "cols": [0], "delta": "1", "s": "1",
                    "witness": {"x": "0", "y": "0"}, "face": {"x": "0", "y": "0"}, "lambda": "1/2", "m": 1}]
    c["lambda"] = "1/2"
    rejected(c)


def test_sign_change_same_sign_is_rejected(circle):
    c = copy.deepcopy(circle)
    c["strata"] = [{"type": "smooth", "piece": 0, "S": [0], "sign_change": [{"x": "2", "y": "0"}, {"x": "2", "y": "2"}],
                    "lambda": "1/2", "m": 1}]
    rejected(c, "generator")


def test_listed_point_not_a_zero_is_rejected(circle):
    c = copy.deepcopy(circle)
    c["points"] = [{"point": {"x": "sqrt(2)/2", "y": "sqrt(2)/2 + 1/10**30"}, "proof": {"kind": "morse"},
                    "lambda": "1", "m": 1}]
    rejected(c, "does not vanish")


def test_point_outside_box_by_a_tiny_irrational_amount_is_rejected():
    # sqrt(2) - p/q with p/q a convergent just above sqrt(2): slightly negative, box lo = 0
    from rlct.checker_domain import _Ctx, _Refuse, _sign
    import sympy

    p, q = 665857, 470832        # p/q > sqrt(2), |sqrt(2) - p/q| ~ 1.6e-12
    v = sympy.sqrt(2) - sympy.Rational(p, q)
    assert _sign(v) == -1
    p2, q2 = 1572584048032918633353217, 1111984844349868137938112      # ~ 3e-49, above sqrt 2
    assert _sign(sympy.sqrt(2) - sympy.Rational(p2, q2)) == -1
    assert _sign(sympy.Rational(p2, q2) - sympy.sqrt(2)) == 1
    ctx = _Ctx({"vars": ["x"], "box": {"x": ["0", "1"]}, "K": "x**2"})
    with pytest.raises(_Refuse):
        ctx.point({"x": f"sqrt(2) - {p2}/{q2}"}, "p")


def test_tampered_lambda_rejected_through_cli(tmp_path, capsys, circle):
    from rlct.cli import main

    c = copy.deepcopy(circle)
    c["lambda"] = "1/4"
    path = tmp_path / "c.json"
    path.write_text(json.dumps(c))
    assert main(["verify", str(path)]) != 0


def test_cylinder_tampering_is_rejected():
    # (x^2 - y^3)^2 z^2, z in [0, 1]: the cusp x the z-interval is a cylinder of value (5/12, 1)
    r = domain_cert("(x**2-y**3)**2*z**2", "x=-1..1,y=-1..1,z=0..1")
    assert (r.lam, r.m) == (F(5, 12), 1)
    base = r.certificate
    assert base.get("cylinders")
    # 1. drop the cylinder and every 5/12 point, claim 1/2
    c = copy.deepcopy(base)
    c["cylinders"] = []
    c["points"] = [p for p in c["points"] if p["lambda"] != "5/12"]
    c["lambda"], c["m"] = "1/2", 2
    rejected(c)
    # 2. keep the cylinder without its witness, drop the 5/12 points: it still ties below 1/2
    c = copy.deepcopy(base)
    for cy in c["cylinders"]:
        cy.pop("witness", None)
    c["points"] = [p for p in c["points"] if p["lambda"] != "5/12"]
    c["lambda"], c["m"] = "1/2", 2
    rejected(c)
    # 3. a wrong value on the cylinder
    c = copy.deepcopy(base)
    for cy in c["cylinders"]:
        cy["lambda"] = "1/2"
    rejected(c)
    # 4. a cylinder whose witness is not over q
    c = copy.deepcopy(base)
    for cy in c["cylinders"]:
        cy["witness"] = {"x": "1", "y": "1", "z": "1/2"}
    rejected(c)


# ---------------------------------------------------------------- resolver vs independent computations

@pytest.mark.parametrize("K, box, lam, m", [
    ("(x**2+y**2-1)**2", "x=1..2,y=-1..1", F(3, 4), 1),          # tangent to a face, only one zero
    ("(x**2+y**2-1)**2", "x=1/2..2,y=-2..2", F(1, 2), 1),        # cut at irrational points
    ("(x*y*(x-y))**2", "x=0..1,y=0..1", F(1, 3), 1),             # three lines at a corner
    ("(x**2-y**3)**2", "x=0..1,y=-1..1", F(5, 12), 1),           # cusp on a face
    ("(x**2+y**2-1)**2*(x-1)**2", "x=-2..1,y=-2..2", F(3, 8), 1),  # circle tangent to a line on a face
    ("(x**2+y**2-1)**2*y**2", "x=-1..1,y=0..1", F(1, 2), 2),     # circle crossing a face piece
    ("x**2*y**2", "x=0..1,y=-1..1", F(1, 2), 2),
    ("(x**2+y**2-1)**2", "x=1..2,y=0..1", F(3, 4), 1),           # tangent at a corner only
    ("(x-y)**2", "x=0..1,y=1..2", F(1), 1),                      # a line through a corner only
    ("(y-x**2)**2*y**2", "x=-1..1,y=0..1", F(3, 8), 1),          # tangent to a face piece (local 3/8)
    ("(y-x**2)**2*y**4", "x=-1..1,y=0..1", F(1, 4), 2),
    ("(y-x**2)**4*y**2", "x=-1..1,y=0..1", F(1, 4), 2),
    ("(x**2+y**2-3)**2*(x-y)**2", "x=0..2,y=0..2", F(1, 2), 2),    # crossing at an irrational point
    ("(x**2+y**2-3)**2*x**2", "x=0..2,y=0..2", F(1, 2), 2),        # ... on a face (face piece)
    ("(x**2+y**2-3)**2*x**4", "x=0..2,y=0..2", F(1, 4), 1),
    ("(x**2+y**2-2)**2*(x-y)**2", "x=0..1,y=0..1", F(1, 2), 2),    # circle touching the corner (1, 1)
    ("(x**2+y**2-2)**2*(x*y-1)**2", "x=0..2,y=0..2", F(3, 8), 1),  # tangent curves
])
def test_resolver_domain_values(K, box, lam, m):
    r = domain_cert(K, box)
    assert (r.lam, r.m) == (lam, m)


@pytest.mark.parametrize("K, at, prior, lam, m", [
    ("(t**2-x**2)**2*t**4", "x=0,t=0", "t", F(3, 8), 1),       # (y-x^2)^2 y^2 at the origin, y = t^2
    ("(t**2-x**2)**2*t**8", "x=0,t=0", "t", F(1, 4), 2),
    ("(t**2-x**2)**4*t**4", "x=0,t=0", "t", F(1, 4), 2),
    ("((1+t**2)**2+s**4-1)**2", "t=0,s=0", "s*t", F(3, 4), 1),  # circle at the corner (1, 0) of [1,2]x[0,1]
    ("((1-t**2)**2+(1-s**2)**2-2)**2*(s**2-t**2)**2", "t=0,s=0", "s*t", F(1, 2), 2),   # corner (1, 1)
])
def test_one_sided_local_values(K, at, prior, lam, m):
    r = rlct(K, at=at, prior=prior)
    assert (r.lam, r.m) == (lam, m)


@pytest.mark.parametrize("K, bx, by", [
    ("(x**2+y**2-1)**2*(x-1)**2", (-2, 1), (-2, 2)),
    ("(y-x**2)**2*y**2", (-1, 1), (0, 1)),
    ("(x**2+y**2-3)**2*x**2", (0, 2), (0, 2)),
])
def test_domain_value_invariant_under_a_rational_affine_map(K, bx, by):
    # x = -2u + 3 (reverses the x-faces), y = 3v - 1: the global (lambda, m) must not change
    import sympy

    x, y, u, v = sympy.symbols("x y u v")
    r0 = domain_cert(K, f"x={bx[0]}..{bx[1]},y={by[0]}..{by[1]}")
    Kt = sympy.expand(sympy.sympify(K).subs({x: -2 * u + 3, y: 3 * v - 1}, simultaneous=True))
    ub = (sympy.Rational(3 - bx[1], 2), sympy.Rational(3 - bx[0], 2))
    vb = (sympy.Rational(by[0] + 1, 3), sympy.Rational(by[1] + 1, 3))
    r1 = domain_cert(str(Kt), f"u={ub[0]}..{ub[1]},v={vb[0]}..{vb[1]}")
    assert (r0.lam, r0.m) == (r1.lam, r1.m)


def test_tangent_circle_line_local_value():
    # independent: the one-sided value at (1, 0) of the circle x line x = 1 (box x <= 1): x = 1 - t^2
    r = rlct("((1-t**2)**2+y**2-1)**2*(t**2)**2", at="t=0,y=0", prior="t")
    assert (r.lam, r.m) == (F(3, 8), 1)


# ============================================================================ (b) crossing at irrational points

@pytest.fixture(scope="module")
def cross2():
    r = rlct("(x**2-2)**2*y**2", at="x=sqrt(2),y=0")
    assert (r.status, r.lam, r.m) == ("exact", F(1, 2), 2)
    return r.certificate


@pytest.fixture(scope="module")
def sum2():
    r = rlct("((x+y)**2-2)**2 + (x-y)**4", at="x=sqrt(2)/2,y=sqrt(2)/2")
    assert (r.status, r.lam, r.m) == ("exact", F(3, 4), 1)
    return r.certificate


def _poly(s, names=("x", "y")):
    import sympy

    syms = sympy.symbols(names)
    P = sympy.Poly(sympy.sympify(s), *syms)
    return [[list(a), str(c)] for a, c in P.terms()]


def test_crossing_wrong_m_rejected(cross2):
    c = copy.deepcopy(cross2)
    c["m"] = c["root"]["m"] = 1
    rejected(c)


def test_crossing_product_claimed_as_sum_rejected(cross2):
    # the two factors moved into one block of two terms: the identity fails
    c = copy.deepcopy(cross2)
    b0, b1 = c["root"]["blocks"]
    c["root"]["blocks"] = [{"power": 1, "terms": [
        {"weight": "1", "factors": [{"f": b0["terms"][0]["factors"][0]["f"], "exp": 2}]},
        {"weight": "1", "factors": [{"f": b1["terms"][0]["factors"][0]["f"], "exp": 2}]}]}]
    c["lambda"] = c["root"]["lambda"] = "1"
    c["m"] = c["root"]["m"] = 1
    rejected(c, "expansion")


def test_crossing_dependent_gradients_in_different_blocks_rejected():
    # K = u^2 (u^2 + y^2) (z a spectator), u = x^2 - 2: block [u^2] x block [u^2 + y^2] uses u twice;
    # the value the blocks would give, (1/2, 2), is wrong (u^2 (u^2 + y^2): lambda = 1/2 ... from
    # the factor u^2 alone, but it must not be certified this way)
    u = "x**2-2"
    K = f"({u})**2*(({u})**2+y**2)"
    r = rlct(K, at="x=sqrt(2),y=0")
    assert r.status == "bounds"      # the resolver does not claim it
    n3 = ("x", "y", "z")
    c = {"format": "rlct-certificate/1", "vars": list(n3), "K": K, "K_terms": _poly(K, n3),
         "point": {"x": "sqrt(2)", "y": "0", "z": "0"}, "prior_exponents": [0, 0, 0], "lambda": "1/2", "m": 2,
         "root": {"id": "n0", "vars": list(n3), "e": [0, 0, 0], "sides": ["two"] * 3,
                  "point": {"x": "sqrt(2)", "y": "0", "z": "0"}, "rule": "crossing", "const": "1", "units": [],
                  "blocks": [{"power": 2, "terms": [{"weight": "1", "factors": [{"f": _poly(u, n3), "exp": 1}]}]},
                             {"power": 1, "terms": [{"weight": "1", "factors": [{"f": _poly(u, n3), "exp": 2}]},
                                                    {"weight": "1", "factors": [{"f": _poly("y", n3), "exp": 2}]}]}],
                  "columns": [0, 1, 2], "lambda": "1/2", "m": 2}}
    rejected(c, "dependent")


def test_crossing_odd_exponent_in_a_sum_rejected():
    # (x^2 - 2) + y^2 is not >= 0; as a block of two terms the odd exponent must be refused
    K = "x**2-2+y**2"
    c = {"format": "rlct-certificate/1", "vars": ["x", "y"], "K": K, "K_terms": _poly(K),
         "point": {"x": "sqrt(2)", "y": "0"}, "prior_exponents": [0, 0], "lambda": "3/2", "m": 1,
         "root": {"id": "n0", "vars": ["x", "y"], "e": [0, 0], "sides": ["two", "two"],
                  "point": {"x": "sqrt(2)", "y": "0"}, "rule": "crossing", "const": "1", "units": [],
                  "blocks": [{"power": 1, "terms": [{"weight": "1", "factors": [{"f": _poly("x**2-2"), "exp": 1}]},
                                                    {"weight": "1", "factors": [{"f": _poly("y"), "exp": 2}]}]}],
                  "columns": [0, 1], "lambda": "3/2", "m": 1}}
    rejected(c)


def test_crossing_unit_vanishing_at_the_point_rejected(cross2):
    # (x^2-2)^2 declared a unit, y^2 the only block: (1/2, 1) instead of (1/2, 2)
    c = copy.deepcopy(cross2)
    root = c["root"]
    u = root["blocks"][1]["terms"][0]["factors"][0]["f"]
    root["units"] = [{"f": u, "exp": 2}]
    root["blocks"] = [root["blocks"][0]]
    root["columns"] = [1]
    c["m"] = root["m"] = 1
    rejected(c, "vanishes")


def test_crossing_term_unit_vanishing_rejected():
    # K = (x^2-2)^2 y^2 as one term with the 'unit' (x^2-2)^2: identity holds, the unit vanishes
    K = "(x**2-2)**2*y**2"
    c = {"format": "rlct-certificate/1", "vars": ["x", "y"], "K": K, "K_terms": _poly(K),
         "point": {"x": "sqrt(2)", "y": "0"}, "prior_exponents": [0, 0], "lambda": "1/2", "m": 1,
         "root": {"id": "n0", "vars": ["x", "y"], "e": [0, 0], "sides": ["two", "two"],
                  "point": {"x": "sqrt(2)", "y": "0"}, "rule": "crossing", "const": "1", "units": [],
                  "blocks": [{"power": 1, "terms": [{"weight": "1", "units": [{"f": _poly("x**2-2"), "exp": 2}],
                                                     "factors": [{"f": _poly("y"), "exp": 2}]}]}],
                  "columns": [1], "lambda": "1/2", "m": 1}}
    rejected(c, "vanishes")


def test_crossing_non_vanishing_factor_rejected():
    K = "(x**2-2)**2*(y**2+1)**2"
    c = {"format": "rlct-certificate/1", "vars": ["x", "y"], "K": K, "K_terms": _poly(K),
         "point": {"x": "sqrt(2)", "y": "0"}, "prior_exponents": [0, 0], "lambda": "1/2", "m": 2,
         "root": {"id": "n0", "vars": ["x", "y"], "e": [0, 0], "sides": ["two", "two"],
                  "point": {"x": "sqrt(2)", "y": "0"}, "rule": "crossing", "const": "1", "units": [],
                  "blocks": [{"power": 2, "terms": [{"weight": "1", "factors": [{"f": _poly("x**2-2"), "exp": 1}]}]},
                             {"power": 2, "terms": [{"weight": "1", "factors": [{"f": _poly("y**2+1"), "exp": 1}]}]}],
                  "columns": [0, 1], "lambda": "1/2", "m": 2}}
    rejected(c, "does not vanish")


def test_crossing_redundant_wrong_cofactor_rejected():
    # (x^2-2)^2 + (y^2-2)^2 + (x*y)^2: x*y does not vanish at (sqrt2, sqrt2): not redundant
    K = "(x**2-2)**2 + (y**2-2)**2 + (x*y)**2"
    c = {"format": "rlct-certificate/1", "vars": ["x", "y"], "K": K, "K_terms": _poly(K),
         "point": {"x": "sqrt(2)", "y": "sqrt(2)"}, "prior_exponents": [0, 0], "lambda": "1", "m": 1,
         "root": {"id": "n0", "vars": ["x", "y"], "e": [0, 0], "sides": ["two", "two"],
                  "point": {"x": "sqrt(2)", "y": "sqrt(2)"}, "rule": "crossing", "const": "1", "units": [],
                  "blocks": [{"power": 1, "terms": [{"weight": "1", "factors": [{"f": _poly("x**2-2"), "exp": 2}]},
                                                    {"weight": "1", "factors": [{"f": _poly("y**2-2"), "exp": 2}]}]}],
                  "redundant": [{"weight": "1", "g": _poly("x*y"), "cofactors": [[], []]}],
                  "columns": [0, 1], "lambda": "1", "m": 1}}
    rejected(c)


@pytest.mark.parametrize("K, at, lam, m", [
    ("((x**2-2)**2+y**2)**3*(z**2-2)**2", "x=sqrt(2),y=0,z=sqrt(2)", F(1, 3), 1),
    ("((x**2-2)*(x*y-2))**2", "x=sqrt(2),y=sqrt(2)", F(1, 2), 2),
    ("(x**2+y**2-4)**2*(x-y)**2", "x=sqrt(2),y=sqrt(2)", F(1, 2), 2),
    ("(x**2-2)**2+(y**2-2)**2+(x-y)**2", "x=sqrt(2),y=sqrt(2)", F(1), 1),
    ("(x**2-2)**4+(x-y)**2", "x=sqrt(2),y=sqrt(2)", F(3, 4), 1),
    ("(x**2-2)**2 + (x*y-2)**2 + (y**2-2)**2", "x=sqrt(2),y=sqrt(2)", F(1), 1),
])
def test_resolver_crossing_values(K, at, lam, m):
    r = rlct(K, at=at)
    assert (r.status, r.lam, r.m) == ("exact", lam, m)
    assert verify(r.certificate).ok


@pytest.mark.parametrize("K, at", [
    ("(x**2-2)**2*(y**2-2)**2*(x-y)**2", "x=sqrt(2),y=sqrt(2)"),       # three curves through a point in 2D
    ("((x**2-2)**2+y**2)*((x**2-2)**2+z**2)", "x=sqrt(2),y=0,z=0"),      # u shared by two blocks
])
def test_resolver_crossing_declines_dependent_cases(K, at):
    r = rlct(K, at=at)
    assert r.status == "bounds"
