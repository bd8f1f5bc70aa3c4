"""Whether the tests run under CI, where a missing tool fails the run instead of skipping its tests."""

from __future__ import annotations

import os

IN_CI = os.environ.get("CI", "").lower() in {"true", "1", "yes"}
