"""Worked derivations (Markdown, LaTeX), pictures (TikZ, matplotlib) and their command-line flags.

The LaTeX documents are compiled when pdflatex is installed (skipped otherwise)."""
import re
import shutil
import subprocess

import pytest

from rlct import rlct
from rlct.errors import RLCTInputError
from rlct.explain import explain
from rlct.models import reduced_rank_regression
from test_cli import cli

ACCEPT = "(y - x**2)**2 + y**4"
TANH_H4 = ("(a1*b1+a2*b2+a3*b3+a4*b4)**2+(a1*b1**3+a2*b2**3+a3*b3**3+a4*b4**3)**2"
           "+(a1*b1**5+a2*b2**5+a3*b3**5+a4*b4**5)**2+(a1*b1**7+a2*b2**7+a3*b3**7+a4*b4**7)**2")


def toric_charts(cert):
    """Number of toric charts anywhere in a certificate."""
    out = 0

    def walk(x):
        nonlocal out
        if isinstance(x, dict):
            if x.get("rule") == "toric":
                out += len(x["charts"])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(cert)
    return out


def compiles(tex: str, tmp_path, name="d") -> bool:
    (tmp_path / f"{name}.tex").write_text(tex)
    p = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    return p.returncode == 0 and (tmp_path / f"{name}.pdf").exists()


needs_pdflatex = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")


@pytest.fixture(scope="module")
def charted():
    """The acceptance polynomial with the charts doing all the work (12 toric charts)."""
    return rlct(ACCEPT, exact_rules=False)


def test_every_chart_and_the_answer_in_both_formats(charted):
    n = toric_charts(charted.certificate)
    assert n == 12
    md, tex = charted.explain(), charted.explain(format="latex")
    assert len(re.findall(r"^### Chart \d+$", md, re.M)) == n
    assert len(re.findall(r"\\subsubsection\*\{Chart \d+\}", tex)) == n
    assert "`(λ, m) = (5/8, 1)`" in md.split("## Conclusion")[1]
    assert r"(\lambda, m) = (\frac{5}{8}, 1)" in tex.split("Conclusion")[1]
    # the Newton polyhedron and the tau-ray of the first toric step
    assert "meets the boundary of Γ at `t = l = 4/3`" in md and "`1/l = 3/4`" in md
    # a chart's substitution, Jacobian and pulled-back K as monomial x remainder
    assert "x ↦ x*y, y ↦ y**2" in md
    assert "K∘w = y**4 * (x**4 + y**4 - 2*x**2 + 1)" in md
    assert "vanishes in `x ∈ (0, 1]` exactly at `x = 1`" in md
    steps = [int(s) for s in re.findall(r"^## Step (\d+):", md, re.M)]
    assert steps == list(range(1, len(steps) + 1))


def test_default_rules_explained():
    md = rlct(ACCEPT).explain()
    assert "eliminating `y`" in md and "`x**8`" in md and "`(λ, m) = (5/8, 1)`" in md
    assert "x: (0 + 1)/8 = 1/8" in md


def test_caps_are_honest(charted):
    md = explain(charted, max_charts=3)
    assert len(re.findall(r"^### Chart", md, re.M)) == 3
    assert "more charts of the same kind" in md and "Charts written out: 3 of " in md
    short = explain(charted, max_steps=2)
    assert len(re.findall(r"^## Step", short, re.M)) == 2
    assert re.search(r"… and \d+ more steps not written out", short)


@pytest.mark.parametrize("K, answer", [("x**2*y**2", "(1/2, 2)"), ("x**2 + y**2 + z**2", "(3/2, 1)"),
                                       ("(x - y)**2", "(1/2, 1)"), ("x**2*y**2 + x**4", "(1/2, 2)")])
def test_small_cases(K, answer):
    r = rlct(K)
    md, tex = r.explain(), r.explain(format="latex")
    assert f"(λ, m) = {answer}" in md.split("## Conclusion")[1]
    assert "Conclusion" in tex and "λ" not in tex and "`" not in tex


def test_latex_identifiers_and_rationals():
    r = reduced_rank_regression(2, 2, 1, 0).solve()
    tex = r.explain(format="latex")
    assert "a_{1,2}" in tex and "b_{2,1}" in tex and "a1_2" not in tex
    assert r"\frac{1}{2}" in rlct("x**2*y**2").explain(format="latex")
    assert "blowing up" in r.explain()


def test_bounds_and_not_a_zero():
    r = rlct(TANH_H4, timeout=2)
    assert r.status == "bounds"
    md = r.explain()
    assert md.startswith("# Bounds on the RLCT")
    assert f"`{r.lambda_lower} ≤ λ ≤ {r.lambda_upper}`" in md and r.reason in md
    assert "no certificate" in md
    nz = rlct("x**2 + 1").explain(format="latex")
    assert r"+\infty" in nz


def test_bad_format():
    r = rlct("x**2")
    with pytest.raises(RLCTInputError):
        r.explain(format="html")
    with pytest.raises(RLCTInputError):
        r.explain(standalone=True)


def test_deterministic(charted):
    assert charted.explain(format="latex") == rlct(ACCEPT, exact_rules=False).explain(format="latex")


def test_repr_markdown():
    assert "(exact, 0 charts)" in rlct("x**2")._repr_markdown_()
    assert "bounds" in rlct(TANH_H4, timeout=2)._repr_markdown_()


@needs_pdflatex
def test_standalone_documents_compile(tmp_path, charted):
    p = cli(ACCEPT, "--explain", "--latex-standalone")
    assert p.returncode == 0 and p.stdout.startswith("\\documentclass")
    assert r"(\lambda, m) = (\frac{5}{8}, 1)" in p.stdout
    assert compiles(p.stdout, tmp_path, "accept")
    assert compiles(charted.explain(format="latex", standalone=True), tmp_path, "charts")
    rrr = reduced_rank_regression(2, 2, 2, 0).solve()
    assert compiles(rrr.explain(format="latex", standalone=True), tmp_path, "rrr")
    assert compiles(rlct(TANH_H4, timeout=2).explain(format="latex", standalone=True), tmp_path, "bounds")


def test_tikz(charted):
    tex = charted.to_tikz()
    assert tex.startswith("\\begin{tikzpicture}") and tex.rstrip().endswith("\\end{tikzpicture}")
    assert tex.count("\\node") == charted.graph.number_of_nodes()
    assert "dashed" in tex                      # repeated orthants point to the first one
    assert "usetikzlibrary" not in tex
    small = charted.to_tikz(max_nodes=5)
    assert small.count("\\node") == 6 and "more nodes" in small


@pytest.mark.skipif(shutil.which("pdflatex") is None or shutil.which("kpsewhich") is None
                    or not subprocess.run(["kpsewhich", "tikz.sty"], capture_output=True).stdout,
                    reason="pdflatex with TikZ is not installed")
def test_tikz_compiles(tmp_path, charted):
    assert compiles(charted.to_tikz(standalone=True), tmp_path, "graph")


def test_draw_and_newton():
    pytest.importorskip("matplotlib")
    from rlct.plot import newton

    fig = rlct(ACCEPT, exact_rules=False).draw()
    assert type(fig).__name__ == "Figure" and fig.axes
    assert type(rlct("x**2 + 1").draw()).__name__ == "Figure"     # no graph: an empty picture
    assert type(newton(ACCEPT)).__name__ == "Figure"
    assert type(newton("x**2*y**2 + x**4*z**2 + y**6 + z**4", prior="x")).__name__ == "Figure"
    with pytest.raises(RLCTInputError):
        newton("a*b*c*d")


def test_cli_explain_and_figures(tmp_path):
    p = cli("x**2*y**2", "--explain")
    assert p.returncode == 0 and p.stdout.startswith("# Derivation") and not p.stderr
    p = cli("x**2*y**2", "--explain", "--latex")
    assert p.returncode == 0 and p.stdout.startswith("\\section*")
    fig = tmp_path / "g.tex"
    p = cli("(x**2 + y**2)**2", "--figure", str(fig))
    assert p.returncode == 0 and fig.read_text().startswith("\\begin{tikzpicture}")


def test_cli_svg(tmp_path):
    pytest.importorskip("matplotlib")
    svg = tmp_path / "g.svg"
    p = cli("(x**2 + y**2)**2", "--figure", str(svg))
    assert p.returncode == 0 and "<svg" in svg.read_text()


@pytest.mark.parametrize("args", [["--latex"], ["--latex-standalone"], ["--explain", "--json"],
                                  ["--figure", "g.gif"], ["--figure", "/no/such/dir/g.tex"]])
def test_cli_bad_combinations(args):
    p = cli("x**2", *args)
    assert p.returncode == 2 and p.stdout == ""
    assert len(p.stderr.strip().splitlines()) == 1 and p.stderr.startswith("rlct: error:")


@pytest.mark.slow
def test_every_corpus_case_explains(tmp_path):
    """Every public corpus case: both formats, and the LaTeX compiles (when pdflatex is there)."""
    from helpers import load

    for case in load("known_results.json"):
        r = rlct(case["K"], vars=case["vars"], at=case["point"] or None,
                 prior=None if case["prior"] == "1" else case["prior"], timeout=10)
        md, tex = r.explain(), r.explain(format="latex", standalone=True)
        if r.status == "exact":
            assert f"(λ, m) = ({r.lam}, {r.m})" in md.split("## Conclusion")[1], case["id"]
        if shutil.which("pdflatex"):
            assert compiles(tex, tmp_path, case["id"]), case["id"]


def test_stratified_step_is_explained_with_its_value():
    """The group step ``stratified`` (det of a 3x3 matrix: the parameter matrix drops rank where two
    rows are parallel) is written in words, and every step's value is known."""
    r = rlct(None, ideal=["a*e*i - a*f*h - b*d*i + b*f*g + c*d*h - c*e*g"], vars="a,b,c,d,e,f,g,h,i")
    assert (str(r.lam), r.m) == ("1/2", 1)
    text = r.explain()
    assert "splitting the cube along a rank-drop locus" in text and "locus component 1" in text
    assert "unknown" not in text and "see docs/certificate.md" not in text
