"""Exact mathematics as text: Markdown (plain, sympy-like formulas) or LaTeX (amsmath only).

Both styles read the certificate's encodings directly (rationals ``"p/q"``, polynomials as
``[[exponents], "c"]`` term lists) and never go through floats.

>>> L, M = Latex(), Markdown()
>>> L.name("a1_2"), L.name("x"), L.name("alpha"), L.name("w10"), L.name("rate")
('a_{1,2}', 'x', '\\\\alpha', 'w_{10}', '\\\\mathit{rate}')
>>> L.num("5/8"), M.num("5/8"), L.num("-3"), L.num("inf")
('\\\\frac{5}{8}', '5/8', '-3', '+\\\\infty')
>>> terms = [[[2, 1], "-2"], [[0, 2], "1/2"], [[0, 0], "1"]]
>>> L.poly(terms, ["x", "y"])
'-2 x^{2} y + \\\\frac{1}{2} y^{2} + 1'
>>> M.poly(terms, ["x", "y"])
'-2*x**2*y + (1/2)*y**2 + 1'
"""
from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

_GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "mu",
          "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma",
          "Delta", "Theta", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"}
_OPERATOR = re.compile(r"(?<![\\{A-Za-z_])(det|min|max|log)(?![A-Za-z}])")
_IDENT = re.compile(r"^([A-Za-z]+?)(\d*)((?:_[A-Za-z0-9]+)*)$")
_TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
                "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\~{}", "|": "$|$", "<": "$<$",
                ">": "$>$"}


def frac(q) -> Fraction | None:
    """A certificate rational (``"p/q"``, int, Fraction) as a Fraction; ``None`` for ``"inf"``."""
    if isinstance(q, (int, Fraction)):
        return Fraction(q)
    s = str(q).strip()           # also the engine's INF, whose str is "inf"
    return None if s in ("inf", "+inf", "oo") else Fraction(s)


def sorted_terms(terms) -> list[tuple[tuple[int, ...], Fraction]]:
    """Terms in the display order of :meth:`resolve.poly.Poly.to_str` (degree, then lex, descending)."""
    items = [(tuple(e), Fraction(c)) for e, c in terms]
    return sorted(items, key=lambda t: (-sum(t[0]), tuple(-a for a in t[0])))


class Style:
    """Common logic; subclasses say how names, numbers, monomials and blocks are written."""

    width = 90            # characters of a display line before it is broken
    LAM = "λ"

    def num(self, q) -> str:
        raise NotImplementedError

    def name(self, v: str) -> str:
        raise NotImplementedError

    def power(self, base: str, k) -> str:
        return base if k == 1 else self.POW.format(b=base, k=k)

    def sub(self, base: str, i) -> str:
        return self.SUB.format(b=base, i=i)

    def coef(self, mag: Fraction) -> str:
        raise NotImplementedError

    def _term(self, e, mag: Fraction, names) -> str:
        mono = self.mono(e, names) if any(e) else ""
        if not mono:
            return self.num(mag)
        return mono if mag == 1 else self.coef(mag) + mono

    def mono(self, exps, names) -> str:
        """The monomial ``Π names_j^exps_j`` (``1`` when every exponent is 0)."""
        parts = [self.power(self.name(n), a) for n, a in zip(names, exps) if a]
        return self.MUL.join(parts) if parts else "1"

    def poly_terms(self, terms, names, max_terms: int | None = None) -> list[str]:
        """Signed terms (``"+ 2 x"``, ``"- y"``), the first without ``+``; an honest tail
        ``+ … (k more terms)`` when ``max_terms`` cuts the list."""
        items = sorted_terms(terms)
        if not items:
            return ["0"]
        cut = max_terms is not None and len(items) > max_terms
        shown = items[:max_terms] if cut else items
        out = []
        for i, (e, c) in enumerate(shown):
            body = self._term(e, abs(c), names)
            sign = "-" if c < 0 else "+"
            out.append(("-" if c < 0 else "") + body if i == 0 else f"{sign} {body}")
        if cut:
            out.append(self.more_terms(len(items) - len(shown)))
        return out

    def poly(self, terms, names, max_terms: int | None = None) -> str:
        return " ".join(self.poly_terms(terms, names, max_terms))

    def paren_poly(self, terms, names, max_terms: int | None = None) -> str:
        """The polynomial, parenthesised when it has more than one term."""
        s = self.poly(terms, names, max_terms)
        return f"({s})" if len(terms) > 1 else s

    def tuple_(self, items) -> str:
        return "(" + ", ".join(str(x) for x in items) + ")"

    def lam_m(self, lam, m) -> str:
        return f"({self.LAM}, m) = ({self.num(lam)}, {m})"

    def join_lines(self, pieces: list[str], first: str) -> list[str]:
        """Greedy line breaking of ``first`` followed by the ``pieces``."""
        lines, cur = [], first
        for p in pieces:
            if cur and self.visible(cur) + self.visible(p) > self.width and self.visible(cur) > 20:
                lines.append(cur)
                cur = p
            else:
                cur = f"{cur} {p}" if cur else p
        lines.append(cur)
        return lines

    def visible(self, s: str) -> int:
        return len(s)


class Markdown(Style):
    """Markdown with formulas in code spans, sympy syntax (``x**2*y``), so they can be pasted."""

    MUL, POW, SUB = "*", "{b}**{k}", "{b}_{i}"
    INF = "+∞"
    TEX = False
    MIN = "min"
    LBR, RBR = "{", "}"
    LE, MAPSTO, CDOT, TIMES, APPROX, NE, EPS = "<=", "↦", "*", "×", "≍", "!=", "ε"

    def num(self, q) -> str:
        f = frac(q)
        return self.INF if f is None else str(f)

    def name(self, v: str) -> str:
        return v

    def coef(self, mag: Fraction) -> str:
        return f"({mag})*" if mag.denominator != 1 else f"{mag}*"

    def more_terms(self, k: int) -> str:
        return f"+ … ({k} more terms)"

    def absmono(self, exps, names) -> str:
        return f"|{self.mono(exps, names)}|"

    def frac_expr(self, a: str, b: str) -> str:
        return f"({a})/{b}" if " " in a else f"{a}/{b}"

    def matrix(self, rows) -> str:
        return "[" + ", ".join("[" + ", ".join(str(x) for x in r) + "]" for r in rows) + "]"

    def m(self, s: str) -> str:
        return f"`{s}`"

    def t(self, s: str) -> str:
        return s

    def heading(self, level: int, text: str) -> str:
        return "#" * level + " " + text

    def display(self, lhs: str, rel: str, pieces: list[str]) -> str:
        lines = self.join_lines(pieces, f"{lhs} {rel}" if lhs else "")
        return "\n".join(("    " if i == 0 else "        ") + ln for i, ln in enumerate(lines))

    def aligned(self, rows) -> str:
        return "\n".join(f"    {lhs} {rel} {rhs}" for lhs, rel, rhs in rows)

    def items(self, rows: list[str]) -> str:
        return "\n".join(f"* {r}" for r in rows)

    def emph(self, s: str) -> str:
        return f"**{s}**"


class Latex(Style):
    """LaTeX for amsmath: ``\\frac``, subscripted identifiers, ``multline*`` for long formulas."""

    LAM = r"\lambda"
    MUL, POW, SUB = " ", "{b}^{{{k}}}", "{b}_{{{i}}}"
    INF = r"+\infty"
    TEX = True
    MIN = r"\min"
    LBR, RBR = r"\{", r"\}"
    LE, MAPSTO, CDOT, TIMES, APPROX, NE, EPS = r"\le", r"\mapsto", r"\cdot", r"\times", r"\asymp", r"\ne", r"\varepsilon"
    width = 70

    def num(self, q) -> str:
        f = frac(q)
        if f is None:
            return self.INF
        if f.denominator == 1:
            return str(f.numerator)
        sign = "-" if f < 0 else ""
        return f"{sign}\\frac{{{abs(f.numerator)}}}{{{f.denominator}}}"

    def name(self, v: str) -> str:
        if not v.isascii():
            return self._unicode_name(v)
        mt = _IDENT.match(v)
        if not mt:
            return r"\mathit{" + self.t(v) + "}"
        base, digits, rest = mt.groups()
        subs = ([digits] if digits else []) + [p for p in rest.split("_") if p]
        if base in _GREEK:
            head = "\\" + base
        elif len(base) == 1:
            head = base
        else:
            head = r"\mathit{" + base + "}"
        return head + ("_{" + ",".join(subs) + "}" if subs else "")

    def _unicode_name(self, v: str) -> str:
        out = []
        for ch in v:
            word = unicodedata.name(ch, "").split()
            if len(word) == 4 and word[0] == "GREEK" and word[2] == "LETTER":
                g = word[3].lower() if word[1] == "SMALL" else word[3].capitalize()
                out.append("\\" + g + " " if g in _GREEK else r"\mathrm{?}")
            elif ch.isascii():
                out.append(self.t(ch))
            else:
                out.append(r"\mathrm{?}")
        return "{" + "".join(out).strip() + "}"

    def coef(self, mag: Fraction) -> str:
        return f"{self.num(mag)} "

    def more_terms(self, k: int) -> str:
        return rf"+ \dots\ (\text{{{k} more terms}})"

    def absmono(self, exps, names) -> str:
        return rf"\lvert {self.mono(exps, names)} \rvert"

    def frac_expr(self, a: str, b: str) -> str:
        return rf"\frac{{{a}}}{{{b}}}"

    def matrix(self, rows) -> str:
        cols = len(rows[0]) if rows else 1
        body = r" \\ ".join(" & ".join(str(x) for x in r) for r in rows)
        return r"\left(\begin{array}{" + "c" * cols + "}" + body + r"\end{array}\right)"

    def m(self, s: str) -> str:
        return f"${self.math(s)}$"

    @staticmethod
    def math(s: str) -> str:
        """Unicode symbols in a formula as LaTeX commands (``λ`` -> ``\\lambda``)."""
        s = _OPERATOR.sub(r"\\\1", s)
        return "".join(_UNICODE_MATH.get(ch, ch if ch.isascii() else r"\mathrm{?}") for ch in s)

    def t(self, s: str) -> str:
        s = "".join(_TEX_SPECIAL.get(ch, ch) for ch in s)
        return "".join(ch if ch.isascii() else _UNICODE_TEXT.get(ch) or _accented(ch) for ch in s)

    def heading(self, level: int, text: str) -> str:
        cmd = {1: "section*", 2: "subsection*", 3: "subsubsection*"}.get(level, "paragraph")
        return f"\\{cmd}{{{text}}}"

    def display(self, lhs: str, rel: str, pieces: list[str]) -> str:
        lines = [self.math(ln) for ln in self.join_lines(pieces, f"{lhs} {rel}" if lhs else "")]
        if len(lines) == 1:
            return r"\[ " + lines[0] + r" \]"
        return "\\begin{multline*}\n" + " \\\\\n".join(lines) + "\n\\end{multline*}"

    def aligned(self, rows) -> str:
        body = " \\\\\n".join(f"{self.math(lhs)} &{self.math(rel)} {self.math(rhs)}" for lhs, rel, rhs in rows)
        return "\\begin{align*}\n" + body + "\n\\end{align*}"

    def items(self, rows: list[str]) -> str:
        return "\\begin{itemize}\n" + "\n".join(f"\\item {r}" for r in rows) + "\n\\end{itemize}"

    def emph(self, s: str) -> str:
        return rf"\textbf{{{s}}}"

    def visible(self, s: str) -> int:
        s = re.sub(r"\\frac\{(\d+)\}\{(\d+)\}", r"\1/\2", s)
        return len(re.sub(r"\\[A-Za-z]+|[{}^_ ]", "", s))


_UNICODE_MATH = {"λ": r"\lambda ", "≤": r"\le ", "≥": r"\ge ", "∞": r"\infty ", "…": r"\dots ", "×": r"\times ",
                 "·": r"\cdot ", "→": r"\to ", "ε": r"\varepsilon ", "∘": r"\circ ", "≍": r"\asymp ", "τ": r"\tau ",
                 "Σ": r"\sum ", "Π": r"\prod ", "θ": r"\theta ", "ζ": r"\zeta ", "φ": r"\varphi ", "∫": r"\int ",
                 "ρ": r"\rho ", "μ": r"\mu ", "β": r"\beta ", "Γ": r"\Gamma ", "α": r"\alpha ", "≠": r"\ne ", "−": "-", "∂": r"\partial ",
                 "⟨": r"\langle ", "⟩": r"\rangle ", "∈": r"\in ", "∉": r"\notin ", "↦": r"\mapsto ", "ψ": r"\psi ",
                 "∖": r"\setminus "}
_UNICODE_TEXT = {**{k: f"${v.strip()}$" for k, v in _UNICODE_MATH.items()},
                 "…": r"\dots{}", "—": "---", "–": "--", "−": "-", "’": "'"}
_ACCENTS = {"\u0308": '\\"', "\u0301": "\\'", "\u0300": "\\`", "\u0302": "\\^", "\u0303": "\\~"}


def _accented(ch: str) -> str:
    """A Latin letter with an accent as a LaTeX accent command (``ö`` -> ``\\"{o}``), else ``?``."""
    parts = unicodedata.normalize("NFD", ch)
    if len(parts) == 2 and parts[0].isascii() and parts[1] in _ACCENTS:
        return _ACCENTS[parts[1]] + "{" + parts[0] + "}"
    return "?"
