"""Edits of catalogue files that change only the bytes they must (comments and layout are kept)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .yamlsource import YMap, iter_mappings, parse_yaml_text, read_yaml

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#{}\[\],\n]*(?<![\s:])$")


def scalar(value: str) -> str:
    """`value` as a one-line YAML scalar that reads back the same in block and flow context."""
    if _PLAIN.match(value) and ": " not in value and " #" not in value:
        try:
            # plain only when YAML 1.1 readers (editors, other tools) and ours (1.2 core) agree
            for doc in (f"k: {value}", f"{{k: {value}}}"):
                if yaml.safe_load(doc) != {"k": value} or parse_yaml_text(doc) != {"k": value}:
                    break
            else:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Edit:
    """Replace characters [start, end) of a file by `text`."""

    start: int
    end: int
    text: str


def apply_edits(path: Path, edits: list[Edit]) -> bool:
    """Apply non-overlapping edits to a file at once; True if its content changed."""
    if not edits:
        return False
    content = path.read_text(encoding="utf-8")
    updated = content
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        updated = updated[: edit.start] + edit.text + updated[edit.end:]
    if updated == content:
        return False
    path.write_text(updated, encoding="utf-8")
    return True


def set_key(content: str, mapping: YMap, key: str, value: str) -> Edit:
    """The edit that sets `key` to the text `value` in `mapping`, replacing or inserting one entry."""
    new = scalar(value)
    if key in mapping:
        mark = mapping.marks[key]
        old = content[mark.start:mark.end]
        trailing = old[len(old.rstrip()):]  # block scalars end with their line break: keep it
        return Edit(mark.start, mark.end, new + trailing)
    if mapping.flow:
        close = content.rindex("}", mapping.mark.start, mapping.mark.end)
        at = len(content[:close].rstrip())
        separator = ", " if mapping else ""
        return Edit(at, at, f"{separator}{key}: {new}")
    last = max(mapping.marks.values(), key=lambda m: m.end)
    if content[last.end - 1] == "\n":  # a block scalar's mark ends after its line break
        at = last.end - 1
    else:
        newline = content.find("\n", last.end)
        at = len(content) if newline == -1 else newline
    indent = " " * (next(iter(mapping.key_marks.values())).col - 1)
    return Edit(at, at, f"\n{indent}{key}: {new}")


class CatalogueFile:
    """One YAML file read with positions, for locating mappings by their start offset."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.content = path.read_text(encoding="utf-8")
        self.doc = read_yaml(path, path.name)
        self._by_start = {m.mark.start: m for m in iter_mappings(self.doc)}

    def mapping_at(self, start: int) -> YMap:
        """The mapping that starts at character `start` (from a Text's `start`)."""
        return self._by_start[start]
