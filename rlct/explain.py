"""Worked derivations: the certificate of an answer written out step by step, in Markdown or LaTeX.

Every formula is read from the exact certificate (``result.certificate``, docs/certificate.md):
the substitutions, Jacobians, pulled-back ``K`` as monomial × remainder, the proofs that the
remainder does not vanish, the ratios ``(h_j+1)/k_j`` and how the values combine.  The only
thing recomputed (exactly) is the Newton polyhedron and its τ-ray, which the certificate leaves
implicit.  Large certificates are cut honestly: at most ``max_charts`` charts and ``max_steps``
steps are written out, the rest is counted.

>>> from rlct import rlct
>>> text = explain(rlct("x**2*y**2"))
>>> print(text.splitlines()[0])
# Derivation of the RLCT of `x**2*y**2` at the origin
>>> "(λ, m) = (1/2, 2)" in text
True
>>> "\\\\frac{1}{2}" in explain(rlct("x**2*y**2"), format="latex")
True
"""
from __future__ import annotations


from .errors import RLCTInputError
from .mathfmt import Latex, Markdown, Style, frac

FORMATS = ("markdown", "latex")
HEAD_TERMS = 8        # terms of K in a heading; the full K (up to max_terms) follows it


class Doc:
    """A list of blocks (headings, paragraphs, displays, lists) in one :class:`Style`."""

    def __init__(self, S: Style):
        self.S = S
        self.blocks: list[str] = []

    def fmt(self, template: str, *args) -> str:
        """``template`` is text; each ``{}`` takes an argument: ``str`` is math (set inline),
        :class:`Text` is more text, :class:`Raw` is inserted as it is."""
        pieces = template.split("{}")
        if len(pieces) != len(args) + 1:  # pragma: no cover - programming error
            raise ValueError(f"template {template!r} wants {len(pieces) - 1} arguments")
        out = [self.S.t(pieces[0])]
        for a, p in zip(args, pieces[1:]):
            out.append(a.s if isinstance(a, Raw) else self.S.t(a.s) if isinstance(a, Text) else self.S.m(a))
            out.append(self.S.t(p))
        return "".join(out)

    def h(self, level: int, template: str, *args) -> None:
        self.blocks.append(self.S.heading(level, self.fmt(template, *args)))

    def p(self, template: str, *args) -> None:
        self.blocks.append(self.fmt(template, *args))

    def eq(self, lhs: str, rel: str, pieces: list[str] | str) -> None:
        self.blocks.append(self.S.display(lhs, rel, [pieces] if isinstance(pieces, str) else pieces))

    def eqs(self, rows: list[tuple[str, str, list[str]]]) -> None:
        """Several equations: one aligned block when each fits on a line, else one display each."""
        if all(len(self.S.join_lines(p, f"{lhs} {rel}")) == 1 for lhs, rel, p in rows):
            self.blocks.append(self.S.aligned([(lhs, rel, " ".join(p)) for lhs, rel, p in rows]))
        else:
            for row in rows:
                self.eq(*row)

    def items(self, rows: list[str]) -> None:
        if rows:
            self.blocks.append(self.S.items(rows))

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


class Text:
    """An argument of :meth:`Doc.fmt` that is text, not math."""

    def __init__(self, s: str):
        self.s = s


class Raw:
    """An argument of :meth:`Doc.fmt` already in the target format."""

    def __init__(self, s: str):
        self.s = s


def value_key(v):
    """Order of values ``(λ, m)``: smaller λ first (``None`` = +∞ last), then larger m."""
    lam, m = v
    return (lam is None, lam if lam is not None else 0, -m)


def min_value(values):
    """λ the minimum, m the maximum among those attaining it (docs/certificate.md)."""
    vals = [v for v in values if v is not None]
    return min(vals, key=value_key) if vals else None


class Derivation:
    """Walks a certificate: numbers the steps (pre-order, within the caps), then writes them.

    Kinds of items: ``"node"`` (a local problem with a rule) and ``"step"`` (a step of a
    ``group`` program).  Toric charts and blow-up charts are written inside their step.
    """

    def __init__(self, cert: dict, S: Style, max_charts: int = 40, max_steps: int = 150, max_terms: int = 40):
        from . import explain_rules

        self.cert, self.S, self.doc = cert, S, Doc(S)
        self.rules = explain_rules
        self.max_charts, self.max_steps, self.max_terms = max_charts, max_steps, max_terms
        self.by_id: dict = {}
        self._index(cert["root"])
        self.order: list[tuple] = []      # (kind, obj, names, parent number, label)
        self.number: dict[int, int] = {}  # id(obj) -> step number
        self.full: set[int] = set()       # id(chart) of the charts written out in full
        self.charts_total = 0
        self.omitted_steps = 0
        self._values: dict = {}
        self._visit("node", cert["root"], list(cert["vars"]), None, "")

    # ------------------------------------------------------------ structure
    def _index(self, obj) -> None:
        if isinstance(obj, dict):
            if "rule" in obj and "id" in obj:
                self.by_id.setdefault(obj["id"], obj)
            for v in obj.values():
                self._index(v)
        elif isinstance(obj, list):
            for v in obj:
                self._index(v)

    def kids(self, kind: str, obj: dict, names: list[str], mark: bool = False) -> list[tuple]:
        """``(label, kind, child, child names)`` of an item; with ``mark`` the chart caps apply
        (charts past the cap are left out, their sub-steps counted as omitted)."""
        return self.rules.children(self, kind, obj, names, mark)

    def chart_budget(self, chart: dict, mark: bool) -> bool:
        """Whether ``chart`` is written in full (counts it against ``max_charts``)."""
        if not mark:
            return id(chart) in self.full
        self.charts_total += 1
        if len(self.full) < self.max_charts:
            self.full.add(id(chart))
            return True
        return False

    def count(self, kind: str, obj: dict, names: list[str]) -> int:
        """Steps in the subtree of an item (no caps)."""
        return 1 + sum(self.count(k, c, n) for _, k, c, n in self.kids(kind, obj, names))

    def _visit(self, kind, obj, names, parent, label) -> None:
        if len(self.order) >= self.max_steps:
            self.omitted_steps += self.count(kind, obj, names)
            return
        self.number[id(obj)] = n = len(self.order) + 1
        self.order.append((kind, obj, names, parent, label))
        for lab, k2, child, nm in self.kids(kind, obj, names, mark=True):
            self._visit(k2, child, nm, n, lab)

    def ref(self, obj) -> str:
        """``Step k``, or a note when the step is not written out."""
        n = self.number.get(id(obj))
        return f"Step {n}" if n else "a step not written out"

    # ------------------------------------------------------------ values
    def value(self, kind: str, obj) -> tuple | None:
        """``(λ or None for +∞, m)`` of an item from the certificate's own fields."""
        key = id(obj)
        if key not in self._values:
            self._values[key] = None        # guards against a cyclic ref
            self._values[key] = self.rules.item_value(self, kind, obj)
        return self._values[key]

    def show_value(self, v) -> str:
        if v is None:
            return "unknown"
        return self.S.lam_m(v[0] if v[0] is not None else "inf", v[1])

    # ------------------------------------------------------------ writing
    def write(self) -> str:
        self.setting()
        for n, (kind, obj, names, parent, label) in enumerate(self.order, 1):
            head = f"Step {n}: " + self.rules.title(self, kind, obj, names)
            self.doc.blocks.append(self.S.heading(2, head))
            if parent is not None:
                self.doc.p("From Step {}" + (", " if label else "") + "{}.", Text(str(parent)), Raw(label))
            self.rules.write(self, kind, obj, names)
            self.doc.p("Value of this step: {}.", self.show_value(self.value(kind, obj)))
        if self.omitted_steps:
            self.doc.p("… and {} more steps not written out (the limit is {} steps); the certificate "
                       "holds them all and rlct.verify checks them.", Text(str(self.omitted_steps)),
                       Text(str(self.max_steps)))
        self.conclusion()
        return self.doc.text()

    def setting(self) -> None:
        S, d, c = self.S, self.doc, self.cert
        names = list(c["vars"])
        d.h(1, "Derivation of the RLCT of {} at {}", S.poly(c["K_terms"], names, HEAD_TERMS),
            Raw(point_text(self, c["point"], names)))
        if len(c["K_terms"]) > HEAD_TERMS:
            d.eq("K", "=", S.poly_terms(c["K_terms"], names, self.max_terms))
        write_setting(self, names, c)
        if any(frac(c["point"].get(n, "0")) != 0 for n in names):
            d.p("The point is not the origin: every step below uses local coordinates centred at it "
                "(w minus the point), written with the same names.")
        d.p("Result: {}, exact. Every step below is read from the certificate (format {}); the "
            "independent checker rlct.verify re-derives each of them in exact arithmetic.",
            S.lam_m(c["lambda"], c["m"]), Text(str(c.get("format", "rlct-certificate/1"))))
        d.p("Conventions: in a chart where {} and prior × |Jacobian| = {} with {} near the chart's point, "
            "the chart contributes {} and m = the number of j attaining it; over charts and points λ is the "
            "minimum and m the maximum.", f"K = u^k {S.CDOT} α", f"|u^h| {S.CDOT} β", "α, β ≠ 0",
            f"λ = {S.MIN}_j (h_j + 1)/k_j")

    def conclusion(self) -> None:
        S, d, c = self.S, self.doc, self.cert
        d.h(2, "Conclusion")
        d.p("The value of Step 1 is the answer: {}. Hence the free energy is {}.",
            S.lam_m(c["lambda"], c["m"]), free_energy(S, c["lambda"], c["m"]))
        if self.charts_total > len(self.full):
            d.p("Charts written out: {} of {}; the others are summarized where they occur.",
                Text(str(len(self.full))), Text(str(self.charts_total)))


def point_text(D, point: dict, names: list[str]) -> str:
    """``the origin`` or ``x = 1, y = 1/2`` (formatted)."""
    nz = [(n, point[n]) for n in names if frac(point.get(n, "0")) != 0]
    if not nz:
        return D.S.t("the origin")
    return D.S.m(", ".join(f"{D.S.name(n)} = {D.S.num(v)}" for n, v in nz))


def write_setting(D, names: list[str], data: dict) -> None:
    """Variables, point, prior (shared by exact and bounds explanations)."""
    S, d = D.S, D.doc
    d.p("Variables {}; the integral {} near the point; its largest pole is {} of order {}.",
        S.tuple_([S.name(n) for n in names]), "ζ(z) = ∫ K(w)^z φ(w) dw" if isinstance(S, Markdown)
        else r"\zeta(z) = \int K(w)^{z} \varphi(w)\, dw", f"z = -{S.LAM}", "m")
    h = data.get("prior_exponents") or [0] * len(names)
    if any(h):
        d.p("Prior: {} times a factor positive at the point (taken in absolute value).", S.absmono(h, names))
    else:
        d.p("Prior: positive at the point (its exact form does not change λ and m).")


def free_energy(S: Style, lam, m: int) -> str:
    lam_s = S.num(lam)
    loglog = "" if m == 1 else f" - {m - 1} log log n" if isinstance(S, Markdown) else rf" - {m - 1} \log\log n"
    if isinstance(S, Markdown):
        return f"F_n = n S_n + {lam_s} log n{loglog} + O_p(1)"
    return rf"F_n = n S_n + {lam_s} \log n{loglog} + O_p(1)"


def _style(format: str) -> Style:
    if format not in FORMATS:
        raise RLCTInputError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    return Latex() if format == "latex" else Markdown()


def explain(result, format: str = "markdown", standalone: bool = False, max_charts: int = 40,
            max_steps: int = 150, max_terms: int = 40) -> str:
    """The worked derivation of an :class:`rlct.RLCTResult`.

    Parameters
    ----------
    result : RLCTResult
        Exact answers are explained from their certificate; bounds and "not a zero" say what was
        found, the bounds and why.
    format : ``"markdown"`` or ``"latex"`` (a fragment for amsmath).
    standalone : with ``format="latex"``, a complete document for pdflatex.
    max_charts, max_steps : charts and steps written out in full; the rest are counted.
    max_terms : longest polynomial written out (longer ones end with "… (k more terms)").

    Returns
    -------
    str

    Examples
    --------
    >>> from rlct import rlct
    >>> doc = explain(rlct("x**2 + y**4"), format="latex", standalone=True)
    >>> doc.startswith("\\\\documentclass") and doc.rstrip().endswith("\\\\end{document}")
    True
    """
    S = _style(format)
    if standalone and format != "latex":
        raise RLCTInputError("standalone documents are LaTeX only (use format='latex')")
    if result.status == "exact" and result.certificate is not None:
        body = Derivation(result.certificate, S, max_charts, max_steps, max_terms).write()
    else:
        from .explain_bounds import explain_unfinished

        body = explain_unfinished(result, S, max_terms)
    return latex_document(body) if standalone else body


def latex_document(body: str) -> str:
    """A complete article around a fragment (amsmath only, compiles with pdflatex)."""
    return ("\\documentclass[11pt]{article}\n\\usepackage{amsmath}\n\\allowdisplaybreaks\n"
            "\\setlength{\\parindent}{0pt}\n\\setlength{\\parskip}{0.5em}\n"
            "\\begin{document}\n\\sloppy\n\n" + body + "\n\\end{document}\n")


def summary(result) -> str:
    """One line: the answer and its status (Jupyter's rich display).

    >>> from rlct import rlct
    >>> print(summary(rlct("x**2*y**2")))
    RLCT of `x**2*y**2` at the origin: $\\lambda = \\frac{1}{2}$, $m = 2$ (exact, 0 charts)
    """
    L = Latex()
    at = [f"{n}={v}" for n, v in result.point.items() if v != "0"]
    where = "the origin" if not at else ", ".join(at)
    head = f"RLCT of `{result.K}` at {where}: "
    if result.status == "exact":
        return head + f"${L.LAM} = {L.num(result.lam)}$, $m = {result.m}$ (exact, {result.charts} charts)"
    if result.status == "not-a-zero":
        return f"`{result.K}` does not vanish at {where}: $\\lambda = +\\infty$ (no pole)"
    return head + (f"${L.num(result.lambda_lower)} \\le \\lambda \\le {L.num(str(result.lambda_upper))}$ "
                   f"(bounds: {result.reason})")
