"""Smoke test of the peer runner's table code on one tiny case, without peers and without timing
claims.  benchmarks/ is outside the default test paths; run it explicitly:

    python benchmarks/test_peers_smoke.py      (or: python -m pytest -p no:cacheprovider benchmarks/test_peers_smoke.py)
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers  # noqa: E402


def test_table_one_case_without_peers(tmp_path):
    out = tmp_path / "RESULTS.md"
    rows = peers.main(["--no-peers", "--sets", "bench", "--only", "basic_x2y2", "--cap", "20",
                       "--out", str(out)])
    assert [r["case"]["id"] for r in rows] == ["basic_x2y2"]
    assert rows[0]["cli"]["right"] and rows[0]["peers"] == {}
    text = out.read_text()
    assert "Regenerate: `python benchmarks/peers.py" in text
    assert "| basic_x2y2 | 2 | 1/2 (2) | 1/2 (2) | exact |" in text
    assert "Not measured:** Singular, Macaulay2" in text


if __name__ == "__main__":
    import tempfile
    test_table_one_case_without_peers(Path(tempfile.mkdtemp()))
    print("ok")
