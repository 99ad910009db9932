import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import os

from hypothesis import settings

# CI runs are reproducible: the same examples every run (local runs keep exploring).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
