"""Pictures with matplotlib (optional: ``pip install "rlct[plot]"``): the resolution graph and
the Newton polygon / polyhedron with its τ-ray.

matplotlib is imported only inside these functions, so ``import rlct`` and ``rlct --help`` never
load it, and everything else works without it.

>>> import pytest; _ = pytest.importorskip("matplotlib")
>>> fig = newton("x**2*y**2 + x**6 + y**6")
>>> type(fig).__name__
'Figure'
"""
from __future__ import annotations

import os
from fractions import Fraction

IMAGE_FORMATS = (".svg", ".png", ".pdf", ".eps", ".ps")


def _require():
    try:
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("drawing needs matplotlib: pip install 'rlct[plot]'") from None
    return Figure


def figure_problem(path: str) -> str | None:
    """Why ``--figure path`` cannot be written (one line), or ``None``."""
    ext = os.path.splitext(path)[1].lower()
    if ext == ".tex":
        return None
    if ext not in IMAGE_FORMATS:
        return f"--figure: unknown format '{ext or path}' (use .tex for TikZ, or {', '.join(IMAGE_FORMATS)})"
    import importlib.util

    if importlib.util.find_spec("matplotlib") is None:
        return f"--figure {path} needs matplotlib (pip install 'rlct[plot]'); a .tex file (TikZ) does not"
    return None


def save_figure(result, path: str) -> None:
    """Write the resolution graph: TikZ for ``.tex``, else a matplotlib image."""
    if path.lower().endswith(".tex"):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(result.to_tikz())
        return
    fig = draw(result)
    fig.savefig(path, bbox_inches="tight")


def draw(result, ax=None, max_nodes: int = 150):
    """The resolution graph of an :class:`rlct.RLCTResult` (or a networkx graph) as a Figure.

    Parameters
    ----------
    ax : a matplotlib Axes to draw into (default: a new Figure).
    max_nodes : nodes drawn (pre-order); a note counts the rest.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from .picture import layout

    Figure = _require()
    graph = result.graph if hasattr(result, "graph") else result
    pic = layout(graph, max_nodes)
    if ax is None:
        fig = Figure(figsize=(min(2 + 1.6 * pic.width, 40), min(1.5 + 1.2 * pic.depth, 40)))
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    ax.set_axis_off()
    for a, b, label in pic.edges:
        A, B = pic.nodes[a], pic.nodes[b]
        ax.annotate("", xy=(B.x, B.y), xytext=(A.x, A.y),
                    arrowprops=dict(arrowstyle="->", color="0.3", shrinkA=10, shrinkB=12))
        if label:
            ax.text((A.x + B.x) / 2, (A.y + B.y) / 2, label, fontsize=7, color="0.3", ha="right")
    for a, b in pic.refs:
        A, B = pic.nodes[a], pic.nodes[b]
        ax.annotate("", xy=(B.x, B.y), xytext=(A.x, A.y),
                    arrowprops=dict(arrowstyle="->", linestyle="--", color="0.6", connectionstyle="arc3,rad=0.2"))
    for n in pic.nodes:
        text = n.title
        if n.lam is not None:
            text += "\n" + (f"best ratio {n.lam}" if n.chart else f"λ = {n.lam}, m = {n.m}")
        ax.text(n.x, n.y, text, ha="center", va="center", fontsize=8,
                bbox=dict(boxstyle="round", fc="0.92" if n.chart else "white", ec="0.2"))
    if not pic.nodes:
        ax.text(0.5, 0.5, "no resolution graph", ha="center", va="center")
    elif pic.omitted:
        ax.text(pic.width / 2, -pic.depth, f"… and {pic.omitted} more nodes", ha="center", fontsize=8)
    if pic.nodes:
        ax.set_xlim(-0.7, pic.width - 0.3)
        ax.set_ylim(-pic.depth + 0.3 - (1 if pic.omitted else 0), 0.7)
    return fig


def _support(K, vars=None, at=None, prior=None):
    """Exponents of ``K`` at the point, ``τ = h + 1`` and the variable names."""
    import sympy

    from resolve.poly import from_sympy

    from .parse import parse_point, parse_polynomial

    expr = parse_polynomial(K) if isinstance(K, str) else sympy.sympify(K)
    pexpr = parse_polynomial(prior, what="prior") if isinstance(prior, str) else sympy.sympify(prior or 1)
    names = list(vars) if vars else sorted({s.name for s in expr.free_symbols | pexpr.free_symbols})
    syms = [sympy.Symbol(n) for n in names]
    pt = parse_point(at, names) if isinstance(at, str) else dict(at or {})
    w0 = [Fraction(str(pt.get(n, 0))) for n in names]
    P = from_sympy(expr, syms).translate(w0)
    h = from_sympy(pexpr, syms).translate(w0).min_exponents()
    return [e for e in P.terms if any(e)], [x + 1 for x in h], names


def newton(K, vars=None, at=None, prior=None, ax=None):
    """Draw the Newton polygon (2 variables) or polyhedron (3 variables) of ``K`` and its τ-ray.

    ``τ = h + 1`` for the prior ``|w^h|``; the ray ``t·τ`` meets the boundary at ``t = l``, and
    ``1/l`` is the Newton value (= λ for nondegenerate ``K``).  Exact throughout; only the
    drawing uses floats.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from resolve.newton import newton_polyhedron

    from .errors import RLCTInputError

    Figure = _require()
    pts, tau, names = _support(K, vars, at, prior)
    if len(names) not in (2, 3):
        raise RLCTInputError(f"newton: draws 2 or 3 variables, K has {len(names)}")
    if not pts:
        raise RLCTInputError("newton: K has no non-constant term at the point")
    P = newton_polyhedron(pts)
    l, theta = P.tau_distance(tau)
    if ax is None:
        fig = Figure(figsize=(5.5, 5))
        ax = fig.add_subplot(projection="3d" if len(names) == 3 else None)
    else:
        fig = ax.figure
    title = f"Newton value 1/l = {1 / l if l else 'inf'}, codim θ = {theta}"
    (_polygon if len(names) == 2 else _polyhedron)(ax, P, pts, tau, l, names)
    ax.set_title(title, fontsize=10)
    return fig


def _polygon(ax, P, pts, tau, l, names):
    verts = sorted(P.vertices)
    top = max(max(a for a, _ in pts), max(b for _, b in pts), float(l * max(tau))) + 1.5
    boundary = [(verts[0][0], top)] + [tuple(v) for v in verts] + [(top, verts[-1][1])]
    ax.fill(*zip(*(boundary + [(top, top)])), color="tab:blue", alpha=0.15, lw=0)
    ax.plot(*zip(*boundary), color="tab:blue", lw=1.5, label="boundary of Γ")
    ax.scatter(*zip(*pts), color="k", s=18, zorder=3, label="exponents of K")
    if l:
        hit = (float(l * tau[0]), float(l * tau[1]))
        ax.plot([0, top * tau[0] / max(tau)], [0, top * tau[1] / max(tau)], "--", color="tab:red", label=f"τ-ray, τ = {tuple(tau)}")
        ax.scatter([hit[0]], [hit[1]], color="tab:red", zorder=4)
        ax.annotate(f"l·τ, l = {l}", hit, textcoords="offset points", xytext=(6, 6), fontsize=8, color="tab:red")
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel(f"exponent of {names[0]}")
    ax.set_ylabel(f"exponent of {names[1]}")
    ax.set_aspect("equal")
    ax.legend(fontsize=8, loc="upper right")


def _polyhedron(ax, P, pts, tau, l, names):
    from mpl_toolkits.mplot3d.art3d import Poly3DCollection

    verts = set(P.vertices)
    polys = []
    for face, _normal in P.compact_faces():
        vs = [v for v in face if v in verts]
        if len(vs) < 3:
            continue
        polys.append(_ordered(vs))
    if polys:
        ax.add_collection3d(Poly3DCollection(polys, alpha=0.3, facecolor="tab:blue", edgecolor="tab:blue"))
    ax.scatter(*zip(*pts), color="k", s=14)
    top = max(max(max(p) for p in pts), float(l * max(tau)) if l else 0) + 1
    if l:
        end = [top * t / max(tau) for t in tau]
        ax.plot([0, end[0]], [0, end[1]], [0, end[2]], "--", color="tab:red", label=f"τ-ray, τ = {tuple(tau)}")
        ax.scatter(*[[float(l * t)] for t in tau], color="tab:red")
    for setter, n in zip((ax.set_xlabel, ax.set_ylabel, ax.set_zlabel), names):
        setter(n)
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_zlim(0, top)


def _ordered(vs):
    """The vertices of a planar convex polygon in 3-space, in cyclic order."""
    import math

    def cross(u, v):
        return [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]

    c = [sum(v[i] for v in vs) / len(vs) for i in range(3)]
    a = [vs[0][i] - c[i] for i in range(3)]
    # three vertices of a convex polygon are never collinear: their normal is the plane's
    n = cross([vs[1][i] - vs[0][i] for i in range(3)], [vs[2][i] - vs[0][i] for i in range(3)])
    b = cross(n, a)

    def angle(v):
        d = [v[i] - c[i] for i in range(3)]
        return math.atan2(sum(x * y for x, y in zip(d, b)), sum(x * y for x, y in zip(d, a)))

    return sorted(vs, key=angle)
