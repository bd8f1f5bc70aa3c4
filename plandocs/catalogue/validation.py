"""Checking a parsed file against its shape: each pydantic error becomes one located, worded Problem."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from plandocs.catalogue.shapes import HTTPS_PATTERN, ID_PATTERN, LANG_PATTERN, NON_BLANK, PLAN_ID_PATTERN, TAGS, Shape
from plandocs.catalogue.yamlsource import Mark, YList, YMap
from plandocs.errors import Problem

# What a broken pattern means, and how to mend it.
_PATTERNS = {
    ID_PATTERN.pattern: ("'{value}' is not a valid id", "use lower-case letters, digits and single hyphens, "
                                                        "like 'feature-name'"),
    LANG_PATTERN.pattern: ("'{value}' is not a language code", "use an ISO 639 code, optionally with a region"),
    PLAN_ID_PATTERN.pattern: ("'{value}' is not a plan identifier", "use lower-case letters and digits"),
    HTTPS_PATTERN.pattern: ("'{value}' is not an https:// address", None),
    NON_BLANK: ("is empty", None),
}
# The id-like key that names a list entry in a key path: solutions[sales], not solutions[0].
_NAMING_KEYS = ("id", "tier", "value")


def kind(value: Any) -> str:
    """How a YAML value reads to a writer: 'text', 'a number', 'a list'..."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return {str: "text", YMap: "a mapping", YList: "a list"}.get(type(value), type(value).__name__)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """'did you mean ...?' for a near miss, or None."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else None


def entry_name(item: Any, index: int) -> str:
    """How a list entry is named in a key path: by its id (or tier, or value) when it has one."""
    if isinstance(item, YMap):
        for key in _NAMING_KEYS:
            if isinstance(item.get(key), (str, int)) and not isinstance(item.get(key), bool):
                return str(item[key])
    return str(index)


def locate(doc: YMap, loc: tuple) -> tuple[Any, Any, Mark, str]:
    """Follow a validation location through the parsed file: (parent, key, mark, key path).

    Union tags and pydantic's '[key]' marker are not part of the file and are passed over.
    """
    node: Any = doc
    parent: Any = None
    key: Any = None
    mark = doc.mark
    path = ""
    for step in loc:
        if step in TAGS or step == "[key]":
            continue
        if isinstance(node, YMap) and step in node:
            parent, key, mark = node, step, node.mark_of(step)
            path = f"{path}.{step}" if path else str(step)
            node = node[step]
        elif isinstance(node, YList) and isinstance(step, int) and step < len(node):
            parent, key, mark = node, step, node.mark_of(step)
            path = f"{path}[{entry_name(node[step], step)}]"
            node = node[step]
        else:  # a key that is not there (missing, or unknown)
            parent, key = node, step
            break
    return parent, key, mark, path


def validate(doc: YMap, shape: type[Shape]) -> tuple[Shape | None, list[Problem]]:
    """The file as its shape, or None and one Problem per mistake (all of them)."""
    try:
        return shape.model_validate(doc), []
    except ValidationError as error:
        return None, [_problem(doc, shape, item) for item in error.errors(include_url=False)]


def _problem(doc: YMap, shape: type[Shape], error: dict) -> Problem:
    kind_of_error, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    parent, key, mark, path = locate(doc, loc)
    hint = None
    if kind_of_error == "missing":  # located at the mapping that lacks the key
        where = parent.mark if isinstance(parent, (YMap, YList)) else mark
        return Problem(where.file, where.line, where.col, path, f"missing key '{key}'")
    if kind_of_error == "extra_forbidden":
        allowed = _allowed_keys(shape, loc)
        where = parent.key_marks.get(key, mark) if isinstance(parent, YMap) else mark
        return Problem(where.file, where.line, where.col, path, "unknown key",
                       closest(str(key), allowed) or (f"allowed keys: {', '.join(allowed)}" if allowed else None))
    if "[key]" in loc and isinstance(parent, YMap):  # a key that breaks its pattern
        mark = parent.key_marks.get(key, mark)
    message = {
        "string_type": f"expected text, found {kind(value)}",
        "int_type": f"expected a whole number, found {kind(value)}",
        "bool_type": f"expected true or false, found {kind(value)}",
        "list_type": f"expected a list, found {kind(value)}",
        "model_type": f"expected a mapping, found {kind(value)}",
        "model_attributes_type": f"expected a mapping, found {kind(value)}",
        "dict_type": f"expected a mapping, found {kind(value)}",
        "too_short": "the list is empty",
        "greater_than_equal": f"must be at least {error.get('ctx', {}).get('ge')}",
        "feature_entry": f"expected a feature id or {{id, label}}, found {kind(value)}",
        "limit_value": f"expected a whole number or 'unlimited', found {kind(value)}",
        "less_than_equal": f"must be at most {error.get('ctx', {}).get('le')}",
    }.get(kind_of_error)
    if kind_of_error == "string_pattern_mismatch":
        template, hint = _PATTERNS.get(error["ctx"]["pattern"], ("does not have the expected form", None))
        message = template.format(value=value)
    if message is None:
        message = error["msg"][:1].lower() + error["msg"][1:]
    return Problem(mark.file, mark.line, mark.col, path, message, hint)


def _allowed_keys(shape: type[Shape], loc: tuple) -> list[str]:
    """The keys the shape allows where an unknown key stands."""
    model: Any = shape
    for step in loc[:-1]:
        if isinstance(step, int) or step in TAGS or step == "[key]":
            continue
        field = getattr(model, "model_fields", {}).get(step)
        if field is None:
            return []
        model = _model_in(field.annotation)
    return list(getattr(model, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    """The first pydantic model inside a type annotation (list[X], X | None, Annotated[...])."""
    if isinstance(annotation, type) and issubclass(annotation, Shape):
        return annotation
    for argument in getattr(annotation, "__args__", ()) or getattr(annotation, "__metadata__", ()):
        found = _model_in(argument)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _model_in(origin) if origin is not None and origin is not annotation else None
