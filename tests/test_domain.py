"""Compact domains (issue 5, item 2): the global (λ, m) over a box, one-sided at its faces."""
import json
from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from rlct import rlct
from rlct.cli import main
from rlct.domain import parse_domain
from rlct.errors import RLCTInputError


def within(r, lam):
    assert r.status == "bounds", r
    assert r.lambda_lower <= lam <= r.lambda_upper, r


def test_two_zeros_one_variable():
    r = rlct("x**2*(x-1)**2", domain="x=-2..2")
    assert (r.status, r.lam, r.m) == ("exact", F(1, 2), 1)
    assert r.attained_at == ["x=0", "x=1"]


def test_two_zeros_two_variables():
    r = rlct("(x**2+y**2)*((x-1)**2+y**2)", domain="x=-1..2,y=-1..1")
    assert (r.status, r.lam, r.m) == ("exact", F(1), 1)
    assert sorted(r.attained_at) == ["x=0,y=0", "x=1,y=0"]


def test_only_zeros_in_the_box_count():
    r = rlct("x**2*(x-1)**4", domain="x=-1..1/2")      # (x-1)**4 (λ = 1/4) is outside
    assert (r.status, r.lam, r.m, r.attained_at) == ("exact", F(1, 2), 1, ["x=0"])
    r = rlct("x**2*(x-1)**4", domain="x=-1..1")        # ... and on the face x = 1 it counts
    assert (r.status, r.lam, r.m, r.attained_at) == ("exact", F(1, 4), 1, ["x=1"])


def test_max_multiplicity_among_minimizers():
    # (1/2, 2) at the origin, (1/2, 1) at (1, 0): m is the maximum, never the sum
    r = rlct("(x**2*y**2+x**6+y**6)*((x-1)**4+y**4)", domain="x=-1..2,y=-1..1")
    assert (r.status, r.lam, r.m) == ("exact", F(1, 2), 2)
    assert r.attained_at == ["x=0,y=0", "x=1,y=0"]
    r = rlct("(x**2*y**2+x**6+y**6)*((x-1)**4+y**4)", domain="x=1/2..2,y=-1..1")
    assert (r.status, r.lam, r.m, r.attained_at) == ("exact", F(1, 2), 1, ["x=1,y=0"])


def test_zeros_on_faces_need_not_be_critical():
    # K >= 0 on the box only: x on [0, 1] vanishes at 0 with K' = 1 (λ = 1); x + y on a corner: 2
    assert (rlct("x", domain="x=0..1").lam, rlct("x", domain="x=0..1").m) == (F(1), 1)
    assert rlct("x + y", domain="x=0..1,y=0..1").lam == F(2)
    assert rlct("x + y**2", domain="x=0..1,y=-1..1").lam == F(3, 2)
    r = rlct("x + (y**2-2)**2", domain="x=0..1,y=0..2")      # irrational zero on a face: bounds
    within(r, F(3, 2))
    assert r.lambda_upper == 2


@pytest.mark.parametrize("K, box", [("(x**2+y**2)*((x-1)**2+y**2)", "x=2..3,y=-1..1"),
                                    ("x**2 + (y-3)**2", "x=-1..1,y=0..1"),
                                    ("x**2 + 1", "x=-5..5")])
def test_no_zero(K, box):
    r = rlct(K, domain=box)
    assert r.status == "no-zero" and r.to_dict()["status"] == "no-zero"
    assert "no real zero" in str(r)


def test_faces_are_one_sided():
    # K = (x - y^2)^2 + y^6: two-sided 2/3 (x' = x - y^2); from x <= 0 it is (|x| + y^2)^2: 3/4
    K = "(x-y**2)**2 + y**6"
    assert rlct(K, domain="x=-1..1,y=-1..1").lam == F(2, 3)
    assert rlct(K, domain="x=0..1,y=-1..1").lam == F(2, 3)
    assert rlct(K, domain="x=-1..0,y=-1..1").lam == F(3, 4)
    assert rlct(K, domain="x=-1..0,y=0..1").lam == F(3, 4)     # a corner


def test_positive_dimensional_zero_set_without_finite_bad_locus_gives_bounds():
    # Whitney umbrella x^2 = y^2 z: singular along the whole z-axis (not finite): bounds.  Truth
    # 1/2: smooth points and z < 0 on the axis give 1/2 (m = 1), z > 0 two crossing branches (1/2, 2)
    r = rlct("(x**2 - y**2*z)**2", domain="x=-1..1,y=-1..1,z=-1..1")
    within(r, F(1, 2))
    assert "positive-dimensional" in r.reason and "not finite" in r.reason
    # z = (x-y)^2 touches the face z = 0 along the line x = y (non-transversal contact along a
    # curve, in a factor of all the variables).  Truth (1/4, 1): interior smooth zeros give 1/4, and
    # on the contact line the one-sided value is squeezed between the two-sided (1/4, 1) and the
    # 1/4 of the interior zeros nearby
    r = rlct("(z-(x-y)**2)**4", domain="x=-1..1,y=-1..1,z=0..1")
    within(r, F(1, 4))
    assert "not finite" in r.reason
    # the same contact in a factor of fewer variables is a cylinder over a point: exact
    # (x - y)^2 (z - x^2)^4: z = x^2 touches z = 0 along the y-direction; u^2 v^4 crossings: (1/4, 1)
    r = rlct("(x-y)**2*(z-x**2)**4", domain="x=0..1,y=-1..1,z=0..1/2")
    exact(r, F(1, 4), 1)
    assert "x=0,z=0 (any y)" in r.attained_at
    # variables absent from K do not matter (ζ factors): (x^2+y^2)^2 expanded, in 3 variables
    r = rlct("x**4+2*x**2*y**2+y**4", vars="x,y,z", domain="x=-1..1,y=-1..1,z=-1..1")
    exact(r, F(1, 2), 1)
    assert r.attained_at == ["x=0,y=0 (any z)"]


# ---------------------------------------------------------------- stratified zero sets (issue 5.2)


def exact(r, lam, m):
    assert (r.status, r.lam, r.m) == ("exact", F(lam), m), r


def test_E24_global_differs_from_local():
    r = rlct("x**2*(x-1/2)**4", domain="x=-1..1")
    exact(r, F(1, 4), 1)
    assert r.attained_at == ["x=1/2"]


def test_E25_circle():
    r = rlct("(x**2+y**2-1)**2", domain="x=-2..2,y=-2..2")
    exact(r, F(1, 2), 1)
    assert r.attained_at == ["x**2 + y**2 - 1 = 0"]
    assert r.strata == [{"equations": ["x**2 + y**2 - 1 = 0"], "codim": 1, "lambda": "1/2",
                         "m": 1, "point": "x=1,y=0"}]
    assert "x**2 + y**2 - 1 = 0 (smooth, codim 1" in str(r)


def test_E25_cli_json(capsys):
    assert main(["(x**2+y**2-1)**2", "--domain", "x=-2..2,y=-2..2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["status"], out["lambda"], out["m"], out["attained_at"]) == ("exact", "1/2", 1, ["x**2 + y**2 - 1 = 0"])
    assert out["strata"][0]["equations"] == ["x**2 + y**2 - 1 = 0"] and out["strata"][0]["codim"] == 1


def test_E30_crossing_axes():
    # the axes (1/2, 1) away from the origin; the origin (1/2, 2): m is the maximum
    r = rlct("x**2*y**2", domain="x=-1..1,y=-1..1")
    exact(r, F(1, 2), 2)
    assert "x=0,y=0" in r.attained_at and "x = 0" in r.attained_at and "y = 0" in r.attained_at
    assert {"point": "x=0,y=0", "lambda": "1/2", "m": 2} in r.zeros


def test_sphere_and_cylinder():
    exact(rlct("(x**2+y**2+z**2-1)**2", domain="x=-2..2,y=-2..2,z=-2..2"), F(1, 2), 1)
    r = rlct("(x**2+y**2-1)**2", vars="x,y,z", domain="x=-2..2,y=-2..2,z=-1..1")    # a cylinder
    exact(r, F(1, 2), 1)    # it crosses the faces z = ±1 transversally: the same value there
    assert r.attained_at == ["x**2 + y**2 - 1 = 0"]


def test_powers_give_one_over_the_exponent():
    exact(rlct("(x**2+y**2-1)**4", domain="x=-2..2,y=-2..2"), F(1, 4), 1)
    exact(rlct("(x**2+2*y**2-3)**6", domain="x=-2..2,y=-2..2"), F(1, 6), 1)   # irrational points only
    # a factor without real zeros is a unit, even with a high power (proved: it has one sign)
    exact(rlct("(x**2+y**2-1)**2*(x**2+y**2+1)**4", domain="x=-2..2,y=-2..2"), F(1, 2), 1)


def test_codimension_two_strata():
    # K = (x^2+y^2-1)^2 + z^2: a circle of codim 2 in R^3, K ≍ u^2 + v^2 there: (1, 1)
    K, box = "(x**2+y**2-1)**2 + z**2", "x=-2..2,y=-2..2,z=-2..2"
    r = rlct(K, domain=box)
    exact(r, 1, 1)
    assert r.strata[0]["codim"] == 2
    exact(rlct(ideal=["x**2+y**2-1", "z"], domain=box), 1, 1)
    # (x^2+y^2+z^2... )^2 as a power of a sum of squares: the z-axis, (u^2+v^2)^2: 2/4
    exact(rlct("(x**2+y**2)**2", vars="x,y,z", domain="x=-1..1,y=-1..1,z=-1..1"), F(1, 2), 1)
    # ((x^2+y^2-1)^2 + z^2)^2: the circle again, now (u^2+v^2)^2: 2/4
    exact(rlct("((x**2+y**2-1)**2 + z**2)**2", domain=box), F(1, 2), 1)


def test_generators_needing_saturation():
    # <x F, y F>, F = x^2+y^2-1: the circle (codim 1 where x y != 0, via (x F):(x y)^inf) and the
    # origin (codim 2, Jacobian of full rank): min 1/2 on the circle; (±1,0), (0,±1) are bad points
    r = rlct(ideal=["x*(x**2+y**2-1)", "y*(x**2+y**2-1)"], domain="x=-2..2,y=-2..2")
    exact(r, F(1, 2), 1)
    assert sorted(s["codim"] for s in r.strata) == [1, 2]
    r = rlct(ideal=["x*y", "x*z"], domain="x=-1..1,y=-1..1,z=-1..1")    # plane x = 0 and line y = z = 0
    exact(r, F(1, 2), 1)
    assert r.attained_at[0] == "x*y = 0 and x*z = 0 (its smooth part of codim 1)"


def test_zero_set_crossing_the_boundary():
    # a quarter circle from the face y = 0 to the face x = 0, crossing both transversally
    r = rlct("(x**2+y**2-1)**2", domain="x=0..2,y=0..2")
    exact(r, F(1, 2), 1)
    assert r.zeros == []       # no bad point: transversal crossings of faces are on the stratum
    # the line x = y through two corners: the corners are bad points, one-sided (u+v)^2: (1/2, 1)
    r = rlct("(x-y)**2", domain="x=-1..1,y=-1..1")
    exact(r, F(1, 2), 1)
    assert sorted(r.attained_at) == ["x - y = 0", "x=-1,y=-1", "x=1,y=1"]


def test_tangent_to_a_face_and_only_corners():
    # the circle touches the face x = 1 at (1, 0) from outside the box: the only zero, one-sided
    # 2u + u^2 + y^2 ≍ u + y^2 (u = x - 1 >= 0), K ≍ (u + y^2)^2: Newton 1/t, t/2 + t/4 = 1: 3/4
    r = rlct("(x**2+y**2-1)**2", domain="x=1..2,y=-2..2")
    exact(r, F(3, 4), 1)
    assert r.attained_at == ["x=1,y=0"] and r.strata == []
    # x^2 + y^2 = 2 meets [-1,1]^2 only at its corners; there K ≍ (u + v)^2 ≍ u^2 + v^2, u, v >= 0: 1
    r = rlct("(x**2+y**2-2)**2", domain="x=-1..1,y=-1..1")
    exact(r, 1, 1)
    assert len(r.attained_at) == 4


def test_node_on_a_curve():
    # y^2 = x^2 (x + 1): smooth except the node at 0, where y^2 - x^2(1+x) = (y - x√(1+x))(y + x√(1+x))
    # = u v with independent u, v, so K = u^2 v^2: (1/2, 2) there, (1/2, 1) on the rest of the curve
    r = rlct("(y**2-x**2*(x+1))**2", domain="x=-2..2,y=-2..2")
    exact(r, F(1, 2), 2)
    assert r.zeros == [{"point": "x=0,y=0", "lambda": "1/2", "m": 2}]
    assert r.attained_at == ["x**3 + x**2 - y**2 = 0", "x=0,y=0"]
    # two smooth curves crossing: the hyperbola x y = 1 and the line x = y meet at ±(1, 1)
    r = rlct("(x*y-1)**2*(x-y)**2", domain="x=-2..2,y=-2..2")
    exact(r, F(1, 2), 2)
    assert {"point": "x=1,y=1", "lambda": "1/2", "m": 2} in r.zeros


def test_rule_S_at_bad_points():
    # the cusp y^2 = x^3 (5/12 at 0, E14) reaches the corners (1, ±1); there the curve enters the box
    # (signed partials 3·(-1) < 0 and -2·(∓1) of both signs), so those corners are (1/2, 1)
    r = rlct("(x**3-y**2)**2", domain="x=-1..1,y=-1..1")
    exact(r, F(5, 12), 1)
    assert r.attained_at == ["x=0,y=0"]
    assert {"point": "x=1,y=1", "lambda": "1/2", "m": 1} in r.zeros
    # two lines and the circle: transversal crossings at irrational points (±1/√2, ±1/√2) are
    # normal crossings u^2 v^2: (1/2, 2), decided in Q(√2)
    r = rlct("(x**2-y**2)**2*(x**2+y**2-1)**2", domain="x=-2..2,y=-2..2")
    exact(r, F(1, 2), 2)
    assert {"point": "x=sqrt(2)/2,y=sqrt(2)/2", "lambda": "1/2", "m": 2} in r.zeros
    # a power on one branch: (x-y)^4 gives 1/4 along x = y; at the crossing u^4 v^2: min(1/4, 1/2), m = 1
    r = rlct("(x-y)**4*(x+y)**2", domain="x=-1..1,y=-1..1")
    exact(r, F(1, 4), 1)
    assert {"point": "x=0,y=0", "lambda": "1/4", "m": 1} in r.zeros


def test_zero_sets_on_faces():
    # factors x - b with b a bound: t = ±(x - b) >= 0 is a coordinate, K ≍ t^e: (1/e, 1) on the face
    r = rlct("(x-1)**2*(y**2+1)", domain="x=-1..1,y=-1..1")        # y^2 + 1 > 0: a unit
    exact(r, F(1, 2), 1)
    assert r.attained_at == ["x - 1 = 0"]
    exact(rlct("(x-1)**2", vars="x,y", domain="x=-1..1,y=-1..1"), F(1, 2), 1)
    exact(rlct("x", vars="x,y", domain="x=0..1,y=0..1"), 1, 1)          # odd powers are fine there
    exact(rlct("x*y", domain="x=0..1,y=0..1"), 1, 2)                     # ∫∫ x^z y^z: (1, 2) at 0
    exact(rlct("x**2*y**4", domain="x=0..1,y=0..1"), F(1, 4), 1)         # E26 over the whole square
    exact(rlct("x*y**2", domain="x=0..1,y=-1..1"), F(1, 2), 1)
    # a face and a curve crossing it at (0, ±1): t^2 u^2 there, (1/2, 2)
    r = rlct("x**2*(x**2+y**2-1)**2", domain="x=0..2,y=-2..2")
    exact(r, F(1, 2), 2)
    assert {"point": "x=0,y=1", "lambda": "1/2", "m": 2} in r.zeros
    # three lines through a corner of [0,1]^2: a = 0, b = 0 (faces) and a = b (inside); the blow-up
    # b = a v gives a^6 v^2 (1-v)^2 da dv a: (2/6, 1) at the corner
    exact(rlct("a**2*b**2*(a-b)**2", domain="a=0..1,b=0..1"), F(1, 3), 1)
    exact(rlct("x**4*(y-x**2)**2", domain="x=0..3,y=-3/2..1"), F(1, 4), 1)


def test_pieces_without_zeros_and_strata_found_on_faces():
    # the circle of radius 3 misses [-1,1]^3: x^2+y^2-9 < 0 there (proved from its critical values)
    r = rlct(ideal=["x**2+y**2-9", "z"], domain="x=-1..1,y=-1..1,z=-1..1")
    assert r.status == "no-zero", r
    # a small arc near the corner (1, 1), missed by the interior grid lines; found where it crosses
    # the face x = 1 (transversally: the value there is the stratum's)
    r = rlct("((x-2)**2+(y-2)**2-21/10)**2", domain="x=0..1,y=0..1")
    exact(r, F(1, 2), 1)
    assert r.strata[0]["point"] == "x=1,y=2-sqrt(110)/10"


def test_normal_crossings_along_curves():
    # in 3 variables two surfaces meet along curves: crossing strata (T1 in coordinates F_1, F_2, ...)
    r = rlct("(x*y*z)**2", domain="x=-1..1,y=-1..1,z=-1..1")
    exact(r, F(1, 2), 3)                              # the origin: three planes
    assert "x=0,y=0,z=0" in r.attained_at
    r = rlct("x**2*y**2*(z**2+1)", domain="x=-1..1,y=-1..1,z=-1..1")   # the z-axis: (1/2, 2)
    exact(r, F(1, 2), 2)
    assert "y = 0 and x = 0 (normal crossing)" in r.attained_at
    exact(rlct("x*y*z", domain="x=0..1,y=0..1,z=0..1"), 1, 3)          # faces only: ∫ (xyz)^z
    # the sphere and the plane z = 0 cross along the equator: (1/2, 2) there
    r = rlct("(x**2+y**2+z**2-1)**2*z**2", domain="x=-2..2,y=-2..2,z=-2..2")
    exact(r, F(1, 2), 2)
    assert r.strata[-1]["m"] == 2 and r.strata[-1]["codim"] == 2 and r.strata[-1]["point"]
    # different powers: u^2 v^4 along the curve: (1/4, 1), as on the surface z = x y alone
    exact(rlct("(x-y)**2*(z-x*y)**4", domain="x=-1..1,y=-1..1,z=-1..1"), F(1, 4), 1)


def test_cylinders_over_singular_points():
    # the node curve times a factor in z: the node is a whole line x = y = 0 of singular points of
    # the first factor (which does not involve z); solved once in the (x, y)-plane: (1/2, 2)
    r = rlct("(y**2-x**2*(x+1))**2*(z**2+1)", domain="x=-1..1,y=-1..1,z=-1..1")
    exact(r, F(1, 2), 2)
    assert {"point": "x=0,y=0 (any z)", "lambda": "1/2", "m": 2} in r.zeros
    # ... with a factor x y z - 1 that has no zero in the box (interval arithmetic: |xyz| <= 1/4)
    r = rlct("(y**2-x**2*(x+1))**2*(x*y*z-1)**4", domain="x=-1..1,y=-1/2..1/2,z=-1..1/2")
    exact(r, F(1, 2), 2)
    # the cusp times a plane through it: 5/12 along the line x = y = 0, where the plane z = x crosses
    # at the origin (engine: 5/12 there too)
    r = rlct("(x**3-y**2)**2*(z-x)**2", domain="x=-1..1,y=-1..1,z=-1..1")
    exact(r, F(5, 12), 1)
    assert "x=0,y=0 (any z)" in r.attained_at


def test_crossings_entering_at_edges_and_corners():
    from rlct.domain import _cone_meets
    # y with A y = 0 and sides[i] * y_i > 0: x - y at the corner (hi, hi) enters along (-1, -1)
    assert _cone_meets([[1, -1]], [-1, -1]) and not _cone_meets([[1, 1]], [-1, -1])
    assert _cone_meets([[1, -1, 0], [0, 1, -1]], [1, 1, 1]) and not _cone_meets([[1, -1, 0], [0, 1, 1]], [1, 1, 1])
    s = sympy.sqrt(2)
    assert _cone_meets([[2 * s, -1]], [1, 1], [s]) and not _cone_meets([[2 * s, 1]], [1, 1], [s])
    # x = y crosses z = x y along a curve through the corners ±(1, 1, 1), entering the box: (1/4, 1)
    r = rlct("(x-y)**2*(z-x*y)**4", domain="x=-1..1,y=-1..1,z=-1..1")
    exact(r, F(1, 4), 1)
    assert {"point": "x=1,y=1,z=1", "lambda": "1/4", "m": 1} in r.zeros
    # the plane x = √2 meets the plane y = z on the edges y = z = ±1 (an irrational point of Q(√2))
    r = rlct("(x**2-2)**4*(y-z)**2", domain="x=0..2,y=-1..1,z=-1..1")
    exact(r, F(1, 4), 1)
    assert {"point": "x=sqrt(2),y=1,z=1", "lambda": "1/4", "m": 1} in r.zeros


def test_cylinders_over_crossings():
    # x - 1 (a face) and x - y meet along the edge x = y = 1 for every z: there t^2 (s - t)^4 on
    # t, s >= 0 (t = 1 - x, s = 1 - y); blow-up s = t v: t^(6z+1) |v - 1|^(4z): min(2/6, 1/4) = 1/4.
    # Solved once in the (x, y)-square; the rest: z = 0 is a face, (1, -1, 0) is t^2 z^2: (1/2, 2)
    r = rlct("z**2*(x-1)**2*(x-y)**4", domain="x=0..1,y=-1..1,z=0..1")
    exact(r, F(1, 4), 1)
    assert {"point": "x=1,y=1 (any z)", "lambda": "1/4", "m": 1} in r.zeros
    assert {"point": "x=1,y=-1,z=0", "lambda": "1/2", "m": 2} in r.zeros


def test_stratum_proven_by_a_sign_change():
    # 2abcde = 1 crosses [-1,1]^5 (F(1,1,1,1,1) > 0 > F(0)), but no grid line hits it inside; an
    # irreducible factor taking both signs has smooth interior zeros (its singular set has
    # codim >= 2 and cannot separate the box): (1/2, 1)
    r = rlct("(a*b*c*d*e-1/2)**2", domain="a=-1..1,b=-1..1,c=-1..1,d=-1..1,e=-1..1", timeout=60)
    exact(r, F(1, 2), 1)
    assert r.strata[0]["point"].startswith("(exists")


def test_odd_power_changing_sign_is_an_input_error():
    with pytest.raises(RLCTInputError, match="negative values"):
        rlct("(x**2+y**2-1)**3", domain="x=-2..2,y=-2..2")     # corners are positive, (0,0) is not


@settings(max_examples=10, deadline=None)
@given(a=st.integers(-2, 2), b=st.integers(-2, 2), r=st.integers(1, 2), k=st.integers(1, 2),
       w=st.lists(st.sampled_from([F(1, 2), F(1), F(3, 2), F(3)]), min_size=4, max_size=4))
def test_circles_through_the_box(a, b, r, k, w):
    # the circle passes through (a + r, b), strictly inside the box: there it is smooth with
    # K = F^(2k) = u^(2k): λ = 1/(2k), m = 1, and no point of the circle has a smaller value
    # (one-sided values at faces are >= the two-sided ones, and their m is <= 1 when equal)
    K = f"((x-({a}))**2 + (y-({b}))**2 - {r * r})**{2 * k}"
    box = f"x={a + r - w[0]}..{a + r + w[1]},y={b - w[2]}..{b + w[3]}"
    res = rlct(K, domain=box, timeout=30)
    if res.status == "exact":
        assert (res.lam, res.m) == (F(1, 2 * k), 1), (K, box, res)
    else:   # bounds must contain the truth
        within(res, F(1, 2 * k))


def test_irrational_zeros():
    r = rlct("(x**2-2)**4", domain="x=0..2")        # sqrt(2): degenerate, but F = x^2 - 2 is regular
    assert (r.status, r.lam, r.m, r.attained_at) == ("exact", F(1, 4), 1, ["x=sqrt(2)"])
    # the lines x^2 = 2 and y^2 = 3 cross at an irrational point: normal crossing (1/2, 2) there
    r = rlct("(x**2-2)**2*(y**2-3)**2", domain="x=0..2,y=0..2")
    assert (r.status, r.lam, r.m) == ("exact", F(1, 2), 2)
    assert "x=sqrt(2),y=sqrt(3)" in r.attained_at
    # an isolated irrational zero of a power of a sum of squares: (u^2 + v^2)^2, 2/4 (rule C)
    r = rlct("((x**2-2)**2 + (y**2-3)**2)**2", domain="x=0..2,y=0..2")
    assert (r.status, r.lam, r.m, r.attained_at) == ("exact", F(1, 2), 1, ["x=sqrt(2),y=sqrt(3)"])
    r = rlct("(x**2-2)**2", domain="x=0..2")        # Morse at sqrt(2): exact d/2
    assert (r.status, r.lam, r.m, r.attained_at) == ("exact", F(1, 2), 1, ["x=sqrt(2)"])
    r = rlct("(x**3-x-1)**2*(x-1)**4", domain="x=0..2")   # the rational zero wins
    assert (r.status, r.lam, r.m, r.attained_at) == ("exact", F(1, 4), 1, ["x=1"])


@settings(max_examples=15, deadline=None)
@given(a=st.integers(-3, 3), b=st.integers(1, 3), k=st.integers(1, 3))
def test_interior_zero_matches_the_point(a, b, k):
    K = f"(x-({a}))**{2 * k} + (y-({a}))**{2 * b}"
    r = rlct(K, domain=f"x={a - 1}..{a + 1},y={a - 1}..{a + 1}")
    p = rlct(K, at=f"x={a},y={a}")
    assert (r.status, r.lam, r.m) == ("exact", p.lam, p.m)
    assert r.attained_at == [f"x={a},y={a}"]


def test_cli_json_and_text(capsys):
    assert main(["x**2*(x-1)**2", "--domain", "x=-2..2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["status"], out["lambda"], out["m"], out["attained_at"]) == ("exact", "1/2", 1, ["x=0", "x=1"])
    assert main(["x**2 + 1", "--domain", "x=-1..1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "no-zero"
    assert main(["x**2 + 1", "--domain", "x=-1..1"]) == 0
    assert "no real zero" in capsys.readouterr().out


@pytest.mark.parametrize("argv, msg", [
    (["x**2", "--domain", "x=1..0"], "lo < hi"),
    (["x**2", "--domain", "x=0..0"], "lo < hi"),
    (["x**2", "--domain", "x=0..1,z=0..1"], "'z' is not a variable"),
    (["x**2*y", "--domain", "x=0..1"], "no range for y"),
    (["x**2", "--domain", "x=0"], "range lo..hi"),
    (["x**2", "--domain", "x0..1"], "missing '='"),
    (["x**2", "--domain", "x=a..1"], "--domain x"),
    (["x**2", "--domain", "x=sqrt(2)..2"], "rational"),
    (["x**2", "--domain", "x=0..1,x=0..2"], "twice"),
    (["x**2", "--domain", "x=0..1", "--at", "x=0"], "--at"),
    (["x**2", "--domain", "x=-1..1", "--prior", "x"], "--prior"),
])
def test_errors_one_line_exit_2(capsys, argv, msg):
    assert main(argv) == 2
    cap = capsys.readouterr()
    assert cap.out == "" and cap.err.count("\n") == 1 and msg in cap.err, cap.err


def test_parse_domain_and_api_errors():
    assert parse_domain({"x": (0, F(1, 2))}, ["x"]) == {"x": (F(0), F(1, 2))}
    assert parse_domain("x = -1/2 .. 0.5", ["x"]) == {"x": (F(-1, 2), F(1, 2))}
    with pytest.raises(RLCTInputError, match="--at"):
        rlct("x**2", domain="x=0..1", at="x=0")
    with pytest.raises(RLCTInputError, match="negative"):
        rlct("1/4 - x**2", domain="x=-1..1")


@settings(max_examples=10, deadline=None)
@given(xs=st.lists(st.tuples(st.integers(-2, 2), st.integers(1, 2)), min_size=1, max_size=2, unique_by=lambda t: t[0]),
       ys=st.lists(st.tuples(st.integers(-2, 2), st.integers(1, 2)), min_size=1, max_size=2, unique_by=lambda t: t[0]),
       lo=st.integers(-2, 0), hi=st.integers(1, 2))
def test_lines_parallel_to_the_axes(xs, ys, lo, hi):
    # K = Π (x - a)^(2k) Π (y - b)^(2l) on [lo, hi]^2: T1 at each crossing, one-sided faces change
    # nothing; truth λ = min 1/(2k) over the lines meeting the box, m = 2 iff an x-line and a
    # y-line both attain it (they cross inside the closed box)
    K = "*".join([f"(x-({a}))**{2 * k}" for a, k in xs] + [f"(y-({b}))**{2 * k}" for b, k in ys])
    res = rlct(K, domain=f"x={lo}..{hi},y={lo}..{hi}", timeout=30)
    kx = [k for a, k in xs if lo <= a <= hi]
    ky = [k for b, k in ys if lo <= b <= hi]
    if not kx and not ky:
        assert res.status == "no-zero", res
        return
    lam = F(1, 2 * max(kx + ky))
    m = 2 if kx and ky and max(kx) == max(ky) else 1
    if res.status == "exact":
        assert (res.lam, res.m) == (lam, m), (K, res)
    else:
        within(res, lam)


# ---------------------------------------------------------------- domain certificates (checker_domain)


def domain_cert(K, box, **kw):
    from rlct.checker_domain import verify_domain

    r = rlct(K, domain=box, **kw)
    assert r.status == "exact" and r.certificate["format"] == "rlct-domain-certificate/1", r
    v = verify_domain(r.certificate)
    assert v.ok and (v.lam, v.m) == (r.lam, r.m), v
    return r.certificate


def rejected(cert, why=""):
    from rlct import verify

    v = verify(json.loads(json.dumps(cert)))    # through rlct.verify (dispatch by format)
    assert not v.ok, "a tampered certificate verified"
    assert why in v.reason, v.reason
    return v.reason


@pytest.mark.parametrize("K, box, lam, m", [
    ("(x**2+y**2-1)**2", "x=-2..2,y=-2..2", F(1, 2), 1),                        # E25 circle
    ("x**2*y**2", "x=-1..1,y=-1..1", F(1, 2), 2),                               # E30
    ("(x**2+y**2+z**2-1)**2", "x=-2..2,y=-2..2,z=-2..2", F(1, 2), 1),           # sphere
    ("x**2*(x-1/2)**4", "x=-1..1", F(1, 4), 1),                                 # E24
    ("(x*y-1)**2*(x-y)**2", "x=-2..2,y=-2..2", F(1, 2), 2),                     # crossings
    ("(x**3-y**2)**2", "x=-1..1,y=-1..1", F(5, 12), 1),                         # a local certificate
    ("(x-y)**2*(z-x*y)**4", "x=-1..1,y=-1..1,z=-1..1", F(1, 4), 1),             # entering at corners
    ("(y**2-x**2*(x+1))**2*(z**2+1)", "x=-1..1,y=-1..1,z=-1..1", F(1, 2), 2),   # cylinders, a unit
    ("x + y**2", "x=0..1,y=-1..1", F(3, 2), 1),                                 # finite, on a face
])
def test_domain_certificates_verify(K, box, lam, m):
    from rlct import verify

    cert = domain_cert(K, box)
    assert (cert["lambda"], cert["m"]) == (str(lam), m)
    v = verify(json.dumps(cert))
    assert v.ok and (v.lam, v.m) == (lam, m), v


def test_domain_certificate_contents():
    cert = domain_cert("(x**2+y**2-1)**2", "x=-2..2,y=-2..2")
    assert cert["box"] == {"x": ["-2", "2"], "y": ["-2", "2"]} and cert["zero_set"] == "strata"
    st, = cert["strata"]
    assert (st["type"], st["piece"], st["S"], st["s"], st["face"]) == ("smooth", 0, [0], "1", {})
    assert sympy.sympify(st["delta"]) == sympy.sympify("2*x") and st["witness"] == {"x": "1", "y": "0"}
    cert = domain_cert("(x**3-y**2)**2", "x=-1..1,y=-1..1")
    origin, = [p for p in cert["points"] if p["point"] == {"x": "0", "y": "0"}]
    assert origin["proof"]["kind"] == "local" and origin["proof"]["certificate"]["format"] == "rlct-certificate/1"


def test_domain_certificate_tampering_is_rejected():
    import copy

    circle = domain_cert("(x**2+y**2-1)**2", "x=-2..2,y=-2..2")
    rejected(dict(circle, **{"lambda": "1/4"}), "derived (lambda, m) = (1/2, 1)")
    rejected(dict(circle, m=2), "derived (lambda, m) = (1/2, 1)")
    c = copy.deepcopy(circle)
    c["strata"][0]["witness"] = {"x": "1", "y": "1/2"}          # off the circle
    rejected(c, "stratum 0: the witness is on no smooth")
    c = copy.deepcopy(circle)
    c["pieces"][0]["charts"][0]["delta"] = "3*x"                  # not the minor
    rejected(c, "delta is not the (non-zero) minor")
    c = copy.deepcopy(circle)
    c["strata"][0]["delta"] = "2*y"                               # vanishes at the witness (1, 0)
    rejected(c, "stratum 0")
    c = copy.deepcopy(circle)
    c["pieces"][0]["s"] = "1/2"                                   # wrong exponent
    rejected(c, "piece 0: s is 1")
    c = copy.deepcopy(circle)
    c["pieces"][0]["power"], c["pieces"][0]["s"] = 1, "1/2"      # K is not F^1
    rejected(c, "K != constant")
    c = copy.deepcopy(circle)
    c["strata"][0]["s"] = "1/2"
    rejected(c, "stratum 0: s is 1")
    rejected(dict(circle, strata=[]), "no zero of K in the box is certified")
    # a circle (1/4) and an isolated zero (1): without its witness the circle still bounds λ below
    two = domain_cert("(x**2+y**2-1)**4*((x-3/2)**2+y**2)", "x=-2..2,y=-2..2")
    assert (two["lambda"], [p["point"] for p in two["points"]]) == ("1/4", [{"x": "3/2", "y": "0"}])
    rejected(dict(two, strata=[]), "('smooth', 1, 1) (value (1/4, 1)) has no witness")
    c = copy.deepcopy(circle)
    c["box"]["x"] = ["-2", "1/2"]                                 # the witness (1, 0) leaves the box
    rejected(c, "outside the box")
    # the cusp: its singular point (5/12 by a local certificate) is a bad point
    cusp = domain_cert("(x**3-y**2)**2", "x=-1..1,y=-1..1")
    c = copy.deepcopy(cusp)
    c["points"] = [p for p in c["points"] if p["point"] != {"x": "0", "y": "0"}]
    rejected(c, "covering: the zero (0, 0)")
    c = copy.deepcopy(cusp)
    p = next(p for p in c["points"] if p["point"] == {"x": "0", "y": "0"})
    p["proof"]["certificate"]["lambda"] = "1/2"
    rejected(c, "local certificate")
    c = copy.deepcopy(cusp)
    p = next(p for p in c["points"] if p["point"] == {"x": "0", "y": "0"})
    p["proof"] = {"kind": "rule"}                                  # a singular point is not a crossing
    rejected(c, "point")
    # E24: the finite zero set {0, 1/2} (critical points of K on every face, recomputed), both
    # normal crossings u^2, v^4 that the checker classifies itself
    e24 = domain_cert("x**2*(x-1/2)**4", "x=-1..1")
    c = copy.deepcopy(e24)
    next(p for p in c["points"] if p["point"] == {"x": "1/2"})["lambda"] = "1/2"
    rejected(c, "derived (1/4, 1) but the certificate claims (1/2, 1)")
    c = copy.deepcopy(e24)      # dropping x = 1/2: found again by the covering and classified, not trusted
    c["points"] = [p for p in c["points"] if p["point"] != {"x": "1/2"}]
    from rlct import verify
    assert verify(c).ok and verify(c).lam == F(1, 4)
    c["points"].append({"point": {"x": "1/3"}, "proof": {"kind": "rule"}, "lambda": "1/2", "m": 1})
    rejected(c, "K does not vanish there")       # a listed point must be a zero
    # E30: the crossing at the origin; a stratum claimed as the wrong piece
    e30 = domain_cert("x**2*y**2", "x=-1..1,y=-1..1")
    c = copy.deepcopy(e30)
    c["strata"][0]["piece"] = 1 - c["strata"][0]["piece"]
    rejected(c, "stratum 0")
    c = copy.deepcopy(e30)
    c["pieces"][0]["gens"], c["pieces"][0]["charts"] = ["2*y"], [{"S": [0], "cols": [1], "delta": "2"}]
    rejected(c, "K != constant")                                  # K != c·Π base^power
    rejected(dict(e30, format="rlct-certificate/1"))              # not a local certificate


def test_domain_self_check_failure_gives_bounds(monkeypatch):
    import rlct.checker_domain as cd

    monkeypatch.setattr(cd, "verify_domain", lambda cert: cd.DomainVerification(False, "tampered"))
    r = rlct("(x**2+y**2-1)**2", domain="x=-2..2,y=-2..2")
    assert r.status == "bounds" and r.certificate is None and "tampered" in r.reason
    assert r.lambda_lower <= F(1, 2) <= r.lambda_upper
    r = rlct("(x**2+y**2-1)**2", domain="x=-2..2,y=-2..2", check=False)   # no self-check: exact
    exact(r, F(1, 2), 1)
    assert r.certificate["format"] == "rlct-domain-certificate/1"


def test_domain_certificate_cli(tmp_path, capsys):
    path = tmp_path / "c.json"
    assert main(["(x**2+y**2-1)**2", "--domain", "x=-2..2,y=-2..2", "--certificate", str(path)]) == 0
    capsys.readouterr()
    assert main(["verify", str(path)]) == 0
    assert "certificate holds: lambda = 1/2, m = 1" in capsys.readouterr().out
    cert = json.loads(path.read_text())
    cert["pieces"][0]["s"] = "1/4"
    path.write_text(json.dumps(cert))
    assert main(["verify", str(path)]) == 1
    assert "certificate does not hold" in capsys.readouterr().out


def test_checker_domain_shares_no_code_with_the_resolver():
    import ast
    import pathlib
    import sys

    import rlct.checker_domain as cd

    tree = ast.parse(pathlib.Path(cd.__file__).read_text())
    mods = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    mods |= {("." * n.level) + (n.module or "") for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    local = {m for m in mods if m.startswith(".")}
    assert local == {".checker"}, local                       # only rlct.checker's verify (local certificates)
    assert {m.split(".")[0] for m in mods - local} - {"__future__", "sympy"} <= set(sys.stdlib_module_names)


def test_domain_certificates_absent_variables_and_ideals():
    from rlct import verify

    r = rlct("x**4+2*x**2*y**2+y**4", vars="x,y,z", domain="x=-1..1,y=-1..1,z=-1..1")
    exact(r, F(1, 2), 1)
    assert r.certificate["vars"] == ["x", "y"] and r.certificate["extra_vars"] == {"z": ["-1", "1"]}
    assert verify(r.certificate).ok
    # ideal generators: a sum of squares with weights, the circle of codim 2 in R^3
    r = rlct(ideal=["x**2+y**2-1", "z"], domain="x=-2..2,y=-2..2,z=-2..2")
    exact(r, 1, 1)
    piece = r.certificate["pieces"][0]
    assert (piece["weights"], piece["power"], piece["s"]) == (["1", "1"], 1, "1")
    assert verify(r.certificate).ok
    c = json.loads(json.dumps(r.certificate))
    c["pieces"][0]["weights"] = ["1", "-1"]                       # not a sum of squares
    assert not verify(c).ok
    # a unit piece (strict sign on the box, proven) and a tampered sign claim
    r = rlct("(x**2+y**2-1)**2*(x**2+y**2+1)**4", domain="x=-2..2,y=-2..2")
    exact(r, F(1, 2), 1)
    c = json.loads(json.dumps(r.certificate))
    unit = next(p for p in c["pieces"] if p["unit"])
    assert unit["unit"] == {"gen": 0, "sign": 1} and verify(c).ok
    unit["unit"]["sign"] = -1
    assert "not proven of strict sign" in verify(c).reason
    circle = next(p for p in c["pieces"] if not p["unit"])
    unit["unit"]["sign"], circle["unit"] = 1, {"gen": 0, "sign": 1}    # the circle is no unit
    assert "not proven of strict sign" in verify(c).reason


def test_domain_certificate_one_sign_claims():
    from rlct import verify

    # the circle touches the face x = 1 from outside: F = x^2 + y^2 - 1 >= 0 on the box, so it has
    # no smooth stratum there (proven by F's critical values on every face); (3/4, 1) at (1, 0)
    r = rlct("(x**2+y**2-1)**2", domain="x=1..2,y=-2..2")
    exact(r, F(3, 4), 1)
    c = json.loads(json.dumps(r.certificate))
    assert c["pieces"][0]["one_sign"] == 1 and verify(c).ok
    c["pieces"][0]["one_sign"] = -1
    assert "not proven of one sign" in verify(c).reason
    c["pieces"][0]["one_sign"] = None      # then its smooth stratum (1/2, 1) might exist
    assert "no witness" in verify(c).reason
