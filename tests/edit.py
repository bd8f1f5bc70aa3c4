"""Editing a copy of the catalogue in tests: one textual change, asserted to apply exactly once."""

from __future__ import annotations

from pathlib import Path


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in `path`; fails if `old` is not there exactly once."""
    content = path.read_text(encoding="utf-8")
    assert content.count(old) == 1, f"{old!r} occurs {content.count(old)} times in {path.name}"
    path.write_text(content.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based number of the first line that starts with `needle` after its indentation."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith(needle):
            return number
    raise AssertionError(f"{needle!r} not in {path}")
