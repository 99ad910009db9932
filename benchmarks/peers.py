#!/usr/bin/env python3
"""Time rlct against Singular and Macaulay2 on the benchmark set and the public corpus.

Usage: python benchmarks/peers.py [--cap 20] [--only SUBSTR] [--sets bench,corpus]
                                  [--no-peers] [--peer-max-vars 6] [--out benchmarks/RESULTS.md]

For every case, one after the other (nothing runs concurrently, so the timings are comparable):
* ours, CLI: ``python -m rlct K --vars ... --json --timeout CAP`` as a whole process (wall seconds,
  peak RSS of that process from GNU ``/usr/bin/time``);
* ours, API: ``rlct.rlct(K, timeout=CAP)`` in this process;
* the peers, when ``Singular`` / ``M2`` are on PATH, through the driver scripts in
  ``../shared/tools/anchors`` (``singular_lct.py``, ``m2_lct.py``; their README/NOTES document every
  method and the complex-versus-real caveats), each run capped at CAP seconds.

Cases: ``benchmarks/bench_polys.json`` (copied from ``../shared/tools/anchors``: K = Σ g_i², real
answer and source per case) and ``tests/data/known_results.json`` (the public corpus, K only).
A peer computes a *complex* invariant; its implied RLCT candidate is value/2 for the ideal ⟨g⟩ or
for f (K = f²) and the value itself for K.  A peer run counts as right for the REAL question when
its candidate equals the known real λ and its multiplicity (if it gives one) equals the known real
m.  A wrong, missing, timed-out or not-run answer counts as the cap in the totals and ratios.
Without Singular / M2 on PATH (or without the anchors folder) their columns are skipped.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH = ROOT / "benchmarks" / "bench_polys.json"
CORPUS = ROOT / "tests" / "data" / "known_results.json"
ANCHORS = ROOT.parent / "shared" / "tools" / "anchors"
COMMAND = "python benchmarks/peers.py --cap 20"

# (system, method): which cases it is run on (see the anchors' run_all.py `applicable`).
# bench cases carry generators; corpus cases only K (then every method is applied to K).
PLAN = [
    ("Singular", "bfctVarIn"),   # BMS b-function of the ideal <g> (k > 1)
    ("Singular", "bernstein"),   # local b-function at 0, isolated singularities (k = 1 or K)
    ("Singular", "bfct"),        # global b-function of f (k = 1) or of K
    ("Singular", "resolve"),     # Villamayor resolution + nu/N (n <= 3)
    ("Macaulay2", "lct"),        # Dmodules lct of the ideal <g> (bench only)
    ("Macaulay2", "localBFunction"),  # local b-function at 0 of f (k = 1) or of K
    ("Macaulay2", "multiplierIdeals"),  # closed formulas: monomial / arrangement / determinantal
]
SHORT = {"Singular": "S", "Macaulay2": "M2"}
EXE = {"Singular": "Singular", "Macaulay2": "M2"}


# ----------------------------------------------------------------------------------------- cases
def load_cases(sets, only):
    """Both sets as uniform dicts: id, set, vars, K, gens (None for corpus), point, prior, lam, m."""
    cases = []
    if "bench" in sets:
        for c in json.loads(BENCH.read_text())["cases"]:
            e = c["expected"]
            cases.append(dict(id=c["id"], set="bench", vars=c["vars"], K=c["K"], gens=c["gens"],
                              point={}, prior="1", lam=e["rlct_K"], m=e["m_K"], check_m=True,
                              determinantal=c.get("determinantal")))
    if "corpus" in sets:
        for c in json.loads(CORPUS.read_text()):
            cases.append(dict(id=c["id"], set="corpus", vars=c["vars"], K=c["K"], gens=None,
                              point=c.get("point") or {}, prior=c.get("prior", "1"), lam=c["lam"],
                              m=c["m"], check_m=c.get("check_m", True), determinantal=None))
    return [c for c in cases if not only or any(s in c["id"] for s in only.split(","))]


def correct(c, lam, m):
    """Right for the real question: λ equal, and m equal when m is given and checkable."""
    if lam is None:
        return False
    try:
        if Fraction(str(lam)) != Fraction(str(c["lam"])):
            return False
    except (ValueError, ZeroDivisionError):
        return False
    return m is None or not c["check_m"] or int(m) == int(c["m"])


# ------------------------------------------------------------------------------------------ ours
GNU_TIME = "/usr/bin/time"


def run_process(argv, timeout):
    """Run argv in its own process group; kill the group at the deadline.
    Returns (stdout, wall seconds, peak RSS in MB, timed_out).

    The peak RSS comes from GNU time when present: a child forked straight from this process
    inherits this process's high-water RSS (which grows with the in-process API runs), so
    ``os.wait4`` alone over-reports; it is the fallback."""
    rss_file = None
    if os.access(GNU_TIME, os.X_OK):
        fd, rss_file = tempfile.mkstemp(prefix="rlct_rss_")
        os.close(fd)
        argv = [GNU_TIME, "-f", "%M", "-o", rss_file] + argv
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                         cwd=str(ROOT), start_new_session=True)
    killed = []

    def _kill():
        killed.append(True)
        try:
            os.killpg(p.pid, signal.SIGKILL)  # the group started just above
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, _kill)
    timer.start()
    out = p.stdout.read()
    _, _, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    timer.cancel()
    p.returncode = 0
    kb = ru.ru_maxrss
    if rss_file:
        try:
            kb = int(Path(rss_file).read_text().split()[-1])
        except (ValueError, IndexError):
            pass  # killed before GNU time wrote it: keep the wait4 figure
        os.unlink(rss_file)
    return out, wall, kb / 1024.0, bool(killed)


def cli_argv(c, cap):
    # generators when the case has them (as Singular's bfctVarIn gets the ideal), else K
    what = ["--ideal", *c["gens"]] if c.get("gens") else [c["K"]]
    argv = [sys.executable, "-m", "rlct", *what, "--vars", ",".join(c["vars"]), "--json",
            "--timeout", str(cap)]
    if c["point"]:
        argv += ["--at", ",".join(f"{k}={v}" for k, v in c["point"].items())]
    if c["prior"] not in ("1", None):
        argv += ["--prior", c["prior"]]
    return argv


def run_ours_cli(c, cap):
    # grace beyond the solver's own timeout: process start-up and the final bounds report
    out, wall, mb, killed = run_process(cli_argv(c, cap), cap + 10)
    rec = dict(lam=None, m=None, status="killed" if killed else "error", seconds=wall, mb=mb)
    try:
        j = json.loads(out.strip().splitlines()[-1])
        rec.update(status=j["status"], m=j.get("m"),
                   lam=j["lambda"] if j["status"] == "exact" else f"[{j['lambda_lower']},{j['lambda_upper']}]")
    except (ValueError, IndexError, KeyError):
        pass
    rec["right"] = rec["status"] == "exact" and correct(c, rec["lam"], rec["m"])
    return rec


def run_ours_api(c, cap):
    from rlct import rlct
    t0 = time.perf_counter()
    try:
        r = rlct(None if c.get("gens") else c["K"], ideal=c.get("gens") or None, vars=c["vars"],
                 at=c["point"] or None,
                 prior=None if c["prior"] in ("1", None) else c["prior"], timeout=cap)
        status = r.status
    except Exception as exc:  # report, keep going
        status = type(exc).__name__
    return dict(status=status, seconds=time.perf_counter() - t0)


# ----------------------------------------------------------------------------------------- peers
def load_anchors(path):
    """Import the anchors' drivers; returns (singular_lct, m2_lct, anchor_common) or None."""
    if not (Path(path) / "anchor_common.py").exists():
        return None
    sys.path.insert(0, str(path))
    import anchor_common
    import m2_lct
    import singular_lct
    return singular_lct, m2_lct, anchor_common


def applicable(c, system, method, peer_max_vars, ac):
    """None when the run applies, else the reason it is not run."""
    n, gens = len(c["vars"]), c["gens"]
    if c["point"] or c["prior"] not in ("1", None):
        return "point/prior: peers compute at the origin, no prior"
    if gens is None:  # corpus: K only
        if method in ("bfctVarIn", "lct", "multiplierIdeals"):
            return "corpus: no generators"
        if n > peer_max_vars:
            return f"n={n} > --peer-max-vars"
    k = 0 if gens is None else len(gens)
    if method == "bfctVarIn" and k <= 1:
        return "k=1: same as bfct"
    if method == "bernstein" and k > 1:
        return "k>1: K is not isolated"
    if method == "localBFunction" and k > 1:
        return "k>1"
    if method == "resolve" and n > 3:
        return "resolve: n>3 times out (anchors NOTES)"
    if method == "multiplierIdeals":
        case = ac.parse_case(c["vars"], gens)
        if not (c.get("determinantal") or all(ac.is_monomial(g) for g in case["gens"])
                or (k == 1 and ac.linear_factorisation(case["gens"][0], case["xs"]) is not None)):
            return "not monomial/arrangement/determinantal"
    return None


def run_peer(c, system, method, cap, mods):
    singular_lct, m2_lct, ac = mods
    if c["gens"] is None:
        case = ac.parse_case(c["vars"], [c["K"]])  # f = K: candidate is the value itself
    else:
        case = ac.parse_case(c["vars"], c["gens"])
    if system == "Singular":
        r = singular_lct.run_method(case, method, timeout=cap, mem_limit_gb=8)
    else:
        det = tuple(c["determinantal"]) if c.get("determinantal") else None
        r = m2_lct.run_method(case, method, timeout=cap, det=det, mem_limit_gb=8)
    cand = r.get("value") if c["gens"] is None else r.get("rlct_candidate")
    if cand == "infinity":
        cand = None
    lam_ok = r["status"] == "ok" and correct(c, cand, None)
    # right = the full real answer: λ and (where the case checks it) m; a method that gives no
    # multiplicity (M2 lct, multiplierIdeals) is "λ only", not right
    ok = lam_ok and (r.get("mult") is not None or not c["check_m"]) and correct(c, cand, r.get("mult"))
    return dict(status=r["status"], lam=cand, m=r.get("mult"), seconds=r.get("time_wall_s") or 0.0,
                right=ok, lam_right=lam_ok)


def versions(systems):
    v = {"python": platform.python_version(), "machine": f"{platform.platform()} cpus={os.cpu_count()}"}
    if "Singular" in systems:
        out = subprocess.run(["Singular", "-v", "-q", "--no-rc", "-c", "quit;"], capture_output=True,
                             text=True, timeout=60).stdout
        v["Singular"] = next((ln.strip() for ln in out.splitlines() if "version" in ln), "?")
    if "Macaulay2" in systems:
        v["Macaulay2"] = subprocess.run(["M2", "--version"], capture_output=True, text=True,
                                        timeout=60).stdout.strip()
    return v


# ----------------------------------------------------------------------------------------- table
def fmt_peer(p):
    if p is None:
        return ""
    if p["status"] == "na":
        return "n/a"
    if p["status"] == "notrun":
        return "—"
    if p["status"] != "ok":
        return {"timeout": "T", "error": "err"}.get(p["status"], p["status"])
    mark = "" if p["right"] else " λ-only" if p["lam_right"] and p["m"] is None else " ✗"
    m = "" if p["m"] is None else f"({p['m']})"
    return f"{p['lam']}{m}{mark} {p['seconds']:.1f}s"


def best_peer(row, system, cap):
    """Fastest run of `system` that is right for the real question: (seconds, method) or (cap, None)."""
    ok = [(p["seconds"], meth) for (s, meth), p in row["peers"].items() if s == system and p["right"]]
    return min(ok) if ok else (cap, None)


def ours_charged(row, cap):
    return row["cli"]["seconds"] if row["cli"]["right"] else max(cap, row["cli"]["seconds"])


def median_or_dash(xs):
    return f"{statistics.median(xs):.2f}" if xs else "-"


def summarize(rows, systems, cap):
    lines = []
    for label, sel in (("all", rows), ("bench", [r for r in rows if r["case"]["set"] == "bench"]),
                       ("corpus", [r for r in rows if r["case"]["set"] == "corpus"])):
        if not sel:
            continue
        ours = [ours_charged(r, cap) for r in sel]
        exact = sum(1 for r in sel if r["cli"]["status"] == "exact")
        right = sum(1 for r in sel if r["cli"]["right"])
        over10 = [r["case"]["id"] for r in sel if r["cli"]["seconds"] > 10]
        mb = max(sel, key=lambda r: r["cli"]["mb"])
        api = sum(r["api"]["seconds"] for r in sel)
        lines.append(f"* **{label}** ({len(sel)} cases): ours (CLI, whole process; wrong/unfinished "
                     f"counted as the cap) total **{sum(ours):.1f} s**, API in-process {api:.1f} s; "
                     f"exact {exact}/{len(sel)}, right (λ, m) {right}/{len(sel)}; over 10 s: "
                     f"{len(over10)}{' (' + ', '.join(over10) + ')' if over10 else ''}; max peak RSS "
                     f"{mb['cli']['mb']:.0f} MB ({mb['case']['id']}).")
        for s in systems:
            best = [best_peer(r, s, cap) for r in sel]
            nright = sum(1 for _, meth in best if meth)
            ratios_raw = [o / max(b, 1e-3) for o, (b, _) in zip(ours, best)]
            ratios = sorted(ratios_raw)
            api_ratios = [(r["api"]["seconds"] if r["cli"]["right"] else cap) / max(b, 1e-3)
                          for r, (b, _) in zip(sel, best)]
            lines.append(f"  * vs {s}'s fastest right method per case: {s} total **{sum(b for b, _ in best):.1f} s** "
                         f"({nright}/{len(sel)} cases have a right {s} method; the rest count as {cap:g} s); "
                         f"ours/{s} median per-case ratio **{statistics.median(ratios):.2f}** (CLI), "
                         f"{statistics.median(api_ratios):.2f} (API); over the {nright} cases where {s} is right: "
                         f"{median_or_dash([x for x, (_, meth) in zip(ratios_raw, best) if meth])} (CLI); "
                         f"ours faster on {sum(1 for x in ratios if x < 1)}/{len(sel)} (CLI).")
    return lines


def render(rows, systems, methods, cap, header_notes):
    cols = ["case", "n", "real λ (m)", "ours λ (m)", "status", "CLI s", "API s", "MB"]
    for s in systems:
        cols += [f"{SHORT[s]} best", f"ours/{SHORT[s]}"]
    cols += [f"{SHORT[s]} {m}" for s, m in methods]
    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        c, o = r["case"], r["cli"]
        ours = f"{o['lam']} ({o['m'] if o['m'] is not None else '-'})" + ("" if o["right"] else " ✗")
        cells = [c["id"], str(len(c["vars"])), f"{c['lam']} ({c['m']})", ours, o["status"],
                 f"{o['seconds']:.2f}", f"{r['api']['seconds']:.2f}", f"{o['mb']:.0f}"]
        for s in systems:
            b, meth = best_peer(r, s, cap)
            cells += [f"{b:.2f} {meth}" if meth else "none", f"{ours_charged(r, cap) / max(b, 1e-3):.2f}"]
        cells += [fmt_peer(r["peers"].get(sm)) for sm in methods]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(header_notes + [""] + out)


# ------------------------------------------------------------------------------------------ main
def warm_bytecode() -> float:
    """Compile the package to bytecode (what ``pip install`` does; a process started with
    PYTHONDONTWRITEBYTECODE would otherwise compile every module on every run) and return the
    best of three wall times of a trivial CLI run: the start-up cost inside every CLI figure."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", "rlct", "resolve"], cwd=ROOT,
                   stdout=subprocess.DEVNULL, check=False)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "rlct", "x**2", "--json"], cwd=ROOT, stdout=subprocess.DEVNULL,
                       check=False)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cap", type=float, default=20, help="seconds per run, ours and each peer method")
    ap.add_argument("--only", default="", help="comma-separated substrings of case ids")
    ap.add_argument("--sets", default="bench,corpus")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--peer-max-vars", type=int, default=6,
                    help="corpus cases (K only) with more variables are not given to the peers "
                         "(b-functions of K time out there); counted as the cap")
    ap.add_argument("--anchors", default=str(ANCHORS))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"), help="'-' for none")
    a = ap.parse_args(argv)

    mods = None if a.no_peers else load_anchors(a.anchors)
    systems = [s for s in ("Singular", "Macaulay2") if mods and shutil.which(EXE[s])]
    missing = [s for s in ("Singular", "Macaulay2") if s not in systems]
    methods = [(s, m) for s, m in PLAN if s in systems]
    cases = load_cases(a.sets.split(","), a.only)
    startup = warm_bytecode()
    t_start = time.perf_counter()
    rows = []
    for c in cases:
        row = dict(case=c, cli=run_ours_cli(c, a.cap), api=run_ours_api(c, a.cap), peers={})
        for s, m in methods:
            why = applicable(c, s, m, a.peer_max_vars, mods[2])
            if why is None:
                row["peers"][(s, m)] = run_peer(c, s, m, a.cap, mods)
            elif why.startswith("n="):
                row["peers"][(s, m)] = dict(status="notrun", lam=None, m=None, seconds=0.0, right=False)
        rows.append(row)
        o = row["cli"]
        print(f"{c['id']:28s} ours {str(o['lam']):>10s} ({o['m']}) {o['status']:7s} {o['seconds']:6.2f}s "
              f"{o['mb']:5.0f}MB  " + "  ".join(f"{SHORT[s]}:{m}={fmt_peer(p)}"
                                              for (s, m), p in row["peers"].items()), flush=True)
    wall = time.perf_counter() - t_start

    argv_shown = " ".join(sys.argv[1:]) if argv is None else " ".join(argv)
    notes = [
        "# rlct versus Singular and Macaulay2",
        "",
        f"Regenerate: `python benchmarks/peers.py {argv_shown}`".rstrip() + "  (from the project root; "
        f"default full run: `{COMMAND}`)",
        "",
        f"Generated {time.strftime('%Y-%m-%d %H:%M:%S')}; {len(rows)} cases, cap {a.cap:g} s per run "
        f"(ours and each peer method), everything sequential on one core at a time; run took {wall:.0f} s "
        "(wall clock on a 2-core machine whose other load is not controlled: expect ±20 % noise).",
        f"Versions: {json.dumps(versions(systems))}",
        "",
    ]
    if missing:
        notes.append(f"**Not measured:** {', '.join(missing)} (not on PATH or anchors folder "
                     f"{a.anchors} missing, or --no-peers): their columns are skipped.")
    notes += [
        "",
        "## Summary",
        "",
        *summarize(rows, systems, a.cap),
        "",
        "## Notes",
        "",
        "* ours = `python -m rlct K --vars ... --json --timeout CAP` as a whole process (start-up "
        f"included: `python -m rlct x**2 --json` takes {startup:.2f} s here; the runner first writes the "
        "bytecode with `python -m compileall rlct resolve`, as `pip install` does, because this machine "
        "sets PYTHONDONTWRITEBYTECODE); API = `rlct.rlct(K, timeout=CAP)` in the runner's process (warm imports); "
        "MB = peak RSS of the CLI process (GNU `/usr/bin/time -f %M`; it adds ~1 ms).",
        "* Peers run through `../shared/tools/anchors` (`singular_lct.py`, `m2_lct.py`), wall seconds "
        "of the whole CAS process.  Bench cases give the peers the generators g (K = Σ g²): "
        "Singular `bfctVarIn` on ⟨g⟩ (k > 1), `bfct` on f (k = 1) or on K, `bernstein` (local, k = 1), "
        "`resolve` (n ≤ 3); M2 `lct` on ⟨g⟩, `localBFunction` (k = 1), `multiplierIdeals` (monomial, "
        "arrangement, determinantal).  Corpus cases have only K, so the peers get K (Singular "
        "`bernstein`, `bfct`, `resolve`; M2 `localBFunction`) and can return at most lct_C(K) ≤ 1; "
        f"corpus cases with more than {a.peer_max_vars} variables, a point other than the origin or a "
        "prior are not given to the peers (`—` / blank) and count as the cap.",
        "* Peer cell: implied RLCT candidate (multiplicity) and seconds; ✗ = not the REAL answer "
        "(complex lct below the real one, e.g. Σx_i² or anything > 1 seen through K; or the complex "
        "multiplicity, e.g. x²+y²); λ-only = right λ but no multiplicity (M2 `lct`, `multiplierIdeals`): "
        "not counted as a right answer; T = timeout at the cap; err; n/a = method declined.",
        "* best = the fastest method of that system whose (λ, m) is right for the real question "
        "(`none` = no such method: counted as the cap); ours/peer = ours (CLI, wrong or unfinished "
        "counted as the cap) divided by that.",
        "",
        "## Per case",
    ]
    text = render(rows, systems, methods, a.cap, notes)
    print("\n".join(summarize(rows, systems, a.cap)))
    if a.out != "-":
        Path(a.out).write_text(text + "\n")
        print(f"wrote {a.out}")
    return rows


if __name__ == "__main__":
    main()
