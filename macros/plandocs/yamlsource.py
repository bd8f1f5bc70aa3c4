"""Safe YAML reading that remembers where every value came from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import CatalogueError, Problem


@dataclass(frozen=True)
class Mark:
    """A position in a catalogue file (1-based line and column; 0-based character offsets)."""

    file: str
    line: int
    col: int
    start: int = 0
    end: int = 0


class Located:
    """Mixin for parsed containers: the mark of the container and of each item."""

    mark: Mark
    marks: dict[Any, Mark]
    key_marks: dict[Any, Mark]
    flow: bool = False

    def mark_of(self, key: Any) -> Mark:
        """Where the value under `key` (a mapping key or a list index) starts."""
        return self.marks.get(key, self.mark)


class YMap(dict, Located):
    """A mapping read from YAML."""


class YList(list, Located):
    """A sequence read from YAML."""


def _mark(file: str, node: yaml.Node) -> Mark:
    return Mark(file, node.start_mark.line + 1, node.start_mark.column + 1,
                node.start_mark.index, node.end_mark.index)


# LibYAML parses about ten times faster than PyYAML's pure-Python parser; both keep positions.
_Base = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loading (no Python tags) that keeps positions and refuses duplicate keys and aliases."""

    filename = ""

    def get_single_data(self):  # type: ignore[override]
        node = self.get_single_node()
        if node is None:
            return None
        _refuse_aliases(node)
        return self.construct_document(node)

    def construct_yaml_map(self, node: yaml.MappingNode):  # type: ignore[override]
        data = YMap()
        data.mark = _mark(self.filename, node)
        data.marks = {}
        data.key_marks = {}
        data.flow = bool(node.flow_style)
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text", key_node.start_mark
                )
            if key in data:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            data[key] = self.construct_object(value_node, deep=True)
            data.marks[key] = _mark(self.filename, value_node)
            data.key_marks[key] = _mark(self.filename, key_node)

    def construct_yaml_seq(self, node: yaml.SequenceNode):  # type: ignore[override]
        data = YList()
        data.mark = _mark(self.filename, node)
        data.marks = {}
        data.key_marks = {}
        yield data
        for index, child in enumerate(node.value):
            data.append(self.construct_object(child, deep=True))
            data.marks[index] = _mark(self.filename, child)


def _refuse_aliases(root: yaml.Node) -> None:
    """An alias (*name) reuses a node: a catalogue needs none, and they can expand without bound."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise yaml.composer.ComposerError(None, None, "this anchored value is reused by an alias: aliases (*name) are not allowed", node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)


def iter_mappings(value: Any):
    """Every mapping inside a parsed document, depth first."""
    if isinstance(value, YMap):
        yield value
        for item in value.values():
            yield from iter_mappings(item)
    elif isinstance(value, YList):
        for item in value:
            yield from iter_mappings(item)


class _LocalTagLoader(_Loader):
    """For configuration files (mkdocs.yml): local tags such as !ENV read as their plain value."""


def _untagged(loader: _Loader, suffix: str, node: yaml.Node):  # noqa: ARG001 - PyYAML's signature
    if isinstance(node, yaml.MappingNode):
        return loader.construct_yaml_map(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_yaml_seq(node)
    return loader.construct_scalar(node)


_LocalTagLoader.add_multi_constructor("!", _untagged)


def read_yaml(path: Path, display_name: str, *, local_tags: bool = False) -> YMap:
    """Parse one catalogue file; any syntax problem becomes a located CatalogueError.

    With `local_tags`, tags like `!ENV` (not `!!python/...`) are read as plain values.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CatalogueError([Problem(display_name, 1, 1, "", f"cannot read file: {error.strerror}")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CatalogueError([Problem(display_name, line, 1, "", "file is not valid UTF-8")])
    for number, line_text in enumerate(text.splitlines(), start=1):
        if "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
            raise CatalogueError([
                Problem(display_name, number, 1, "", "indentation uses a tab", "indent with spaces")
            ])

    loader = (_LocalTagLoader if local_tags else _Loader)(text)
    loader.filename = display_name
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        last_line = len(text.splitlines()) or 1
        if line > last_line:  # the end of a truncated file: point at its last line
            line, col = last_line, len(text.splitlines()[-1]) + 1 if text.strip() else 1
        message = error.problem or str(error)
        if error.context and "constructor" not in type(error).__module__:
            message = f"{error.context}: {message}"
        raise CatalogueError([Problem(display_name, line, col, "", f"invalid YAML: {message}")])
    except yaml.YAMLError as error:
        raise CatalogueError([Problem(display_name, 1, 1, "", f"invalid YAML: {error}")])
    finally:
        loader.dispose()
    if not isinstance(data, YMap):
        raise CatalogueError([
            Problem(display_name, 1, 1, "", "the file must be a mapping of keys to values")
        ])
    return data
