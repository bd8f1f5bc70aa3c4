"""Safe YAML reading that remembers where every value came from."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from plandocs.errors import CatalogueError, Problem


@dataclass(frozen=True)
class Mark:
    """A position in a catalogue file (1-based line and column)."""

    file: str
    line: int
    col: int


class Located:
    """Mixin for parsed containers: the mark of the container and of each item."""

    mark: Mark
    marks: dict[Any, Mark]
    key_marks: dict[Any, Mark]

    def mark_of(self, key: Any) -> Mark:
        """Where the value under `key` (a mapping key or a list index) starts."""
        return self.marks.get(key, self.mark)


class YMap(dict, Located):
    """A mapping read from YAML."""


class YList(list, Located):
    """A sequence read from YAML."""


def _mark(file: str, node: yaml.Node) -> Mark:
    return Mark(file, node.start_mark.line + 1, node.start_mark.column + 1)


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
            raise yaml.composer.ComposerError(
                None, None, "this anchored value is reused by an alias: aliases (*name) are not allowed",
                node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)

# YAML 1.2's core schema for plain scalars, instead of PyYAML's YAML 1.1: `no`, `on` and `yes`
# stay text (a language code `no` is Norwegian, not false) and `6:30` is not the number 390.
_BOOL, _INT, _FLOAT = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_CORE_SCALARS = [
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (_FLOAT, re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), "-+.0123456789"),
]
_NULL = "tag:yaml.org,2002:null"
_Loader.yaml_implicit_resolvers = {  # of YAML 1.1's own, only null stays (no timestamps, no `<<` merges)
    first: [(tag, regexp) for tag, regexp in resolvers if tag == _NULL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _tag, _regexp, _first in _CORE_SCALARS:
    _Loader.add_implicit_resolver(_tag, _regexp, list(_first))


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    """A YAML 1.2 integer: decimal (a leading zero is not octal), 0o octal or 0x hexadecimal."""
    value = loader.construct_scalar(node)
    return int(value, 0) if value.startswith(("0o", "0x")) else int(value, 10)


_Loader.add_constructor(_INT, _construct_int)

MAX_BYTES = 16 * 1024 * 1024  # a catalogue file is text written by people; far larger is a mistake
MAX_DEPTH = 32  # the catalogue nests 4 levels; parsing deeper input recursively can exhaust the stack


def _refuse_deep_nesting(text: str, display_name: str) -> None:
    """Walk the parser's events (no recursion) and refuse nesting deeper than MAX_DEPTH."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Base):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise CatalogueError([Problem(display_name, mark.line + 1, mark.column + 1, "",
                                                  f"nested more than {MAX_DEPTH} levels deep")])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error: the full parse below reports it with its position


def read_text_file(path: Path, display_name: str, *, within: Path | None = None) -> bytes:
    """The bytes of a regular file of reasonable size; a device, pipe or folder is refused unread, and so is
    a link that leads out of the folder `within` (the catalogue folder: no file elsewhere is ever quoted)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise CatalogueError([Problem(display_name, 1, 1, "", "not a regular file (a folder, device or pipe)",
                                          "the catalogue reads only ordinary text files")])
        if within is not None and path.is_symlink():
            target, folder = path.resolve(), within.resolve()
            if folder not in target.parents:
                raise CatalogueError([Problem(display_name, 1, 1, "", f"a link to a file outside {within.name}/; "
                                              "not read", "keep the file itself in the catalogue folder")])
        if info.st_size > MAX_BYTES:
            raise CatalogueError([Problem(display_name, 1, 1, "", f"larger than {MAX_BYTES // 2**20} MiB")])
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise CatalogueError([Problem(display_name, 1, 1, "", f"cannot read file: {error.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise CatalogueError([Problem(display_name, 1, 1, "", f"larger than {MAX_BYTES // 2**20} MiB")])
    return raw


def read_yaml(path: Path, display_name: str, *, within: Path | None = None) -> YMap:
    """Parse one catalogue file; any syntax problem becomes a located CatalogueError."""
    raw = read_text_file(path, display_name, within=within)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CatalogueError([Problem(display_name, line, 1, "", "file is not valid UTF-8")]) from None
    for number, line_text in enumerate(text.splitlines(), start=1):
        if "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
            raise CatalogueError([
                Problem(display_name, number, 1, "", "indentation uses a tab", "indent with spaces")
            ])

    _refuse_deep_nesting(text, display_name)
    loader = _Loader(text)
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
        raise CatalogueError([Problem(display_name, line, col, "", f"invalid YAML: {message}")]) from None
    except yaml.YAMLError as error:
        raise CatalogueError([Problem(display_name, 1, 1, "", f"invalid YAML: {error}")]) from None
    finally:
        loader.dispose()
    if not isinstance(data, YMap):
        raise CatalogueError([
            Problem(display_name, 1, 1, "", "the file must be a mapping of keys to values")
        ])
    return data


def parse_yaml_text(text: str) -> Any:
    """`text` read as the catalogue reads YAML (1.2 core scalars, no aliases), without positions kept."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
