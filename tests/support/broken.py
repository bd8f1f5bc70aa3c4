"""The broken-catalogue corpus (tests/broken/): its cases, and applying one to a copy of data/."""

from __future__ import annotations

from pathlib import Path

import yaml

CASES = sorted((Path(__file__).resolve().parents[1] / "broken").glob("*.yml"))


def load_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def break_catalogue(case: dict, data: Path) -> tuple[str, int]:
    """Apply the case to `data`; returns (file reported, expected line)."""
    target = data / case["file"]
    where = f"data/{case.get('where', case['file'])}"
    if "content" in case:
        target.write_text(case["content"], encoding="utf-8")
        return where, case["line"]
    original = target.read_bytes()
    find = case["find"].encode("utf-8")
    assert original.count(find) == 1, f"{case['find']!r} must occur once in {case['file']}"
    start = original.index(find)
    first_line = original[:start].count(b"\n") + 1
    if "bytes_at_find" in case:
        broken = original[:start] + bytes.fromhex(case["bytes_at_find"]) + original[start:]
    else:
        broken = original.replace(find, case["replace"].encode("utf-8"))
    target.write_bytes(broken)
    return where, first_line + case["line"] - 1
