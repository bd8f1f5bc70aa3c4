"""JSON Schemas of the catalogue files, for editors (autocompletion, underlined mistakes).

The shapes below are what the loader accepts; whole-catalogue rules (references between files,
duplicates, cycles, placeholders) need `plandocs check`. A test keeps the two in agreement
over the broken-catalogue corpus.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from plandocs.files import write_atomic
from plandocs.catalogue.load import FILES, ID_PATTERN, LANG_PATTERN

SCHEMA_DIR = "schema"
NON_BLANK = r"\S"


def _text_value() -> dict:
    return {"type": "string", "pattern": NON_BLANK}


def _id() -> dict:
    return {"type": "string", "pattern": ID_PATTERN.pattern}


def _url() -> dict:
    return {"type": "string", "pattern": r"^https://[^\s/]+\S*$"}


def _object(required: dict[str, dict], optional: dict[str, dict] | None = None, description: str = "") -> dict:
    schema = {"type": "object", "properties": {**required, **(optional or {})},
              "required": list(required), "additionalProperties": False}
    if description:
        schema["description"] = description
    return schema


def _list(item: dict, min_items: int = 1) -> dict:
    return {"type": "array", "items": item, "minItems": min_items}


def _text(source: str, languages: list[str], value: dict | None = None) -> dict:
    value = value or _text_value()
    return {
        "description": f"A reader-visible text, in '{source}' (translations are in data/i18n/<language>.po); "
                       "as {text, note} it carries a note for translators.",
        "oneOf": [value, _object({"text": value}, {"note": _text_value()})],
    }


def schemas(source: str, languages: list[str]) -> dict[str, dict]:
    """File name -> JSON Schema, for a catalogue with these languages."""
    text = _text(source, languages)
    feature = _object({"id": _id(), "label": text})
    shapes: dict[str, dict] = {
        "languages.yml": _object({"source": {"type": "string", "pattern": LANG_PATTERN.pattern}},
                                 {"pseudo": {"type": "string", "pattern": LANG_PATTERN.pattern}}),
        "ui.yml": _object({"ui": {"type": "object", "propertyNames": {"pattern": ID_PATTERN.pattern},
                                  "additionalProperties": text}}),
        "tiers.yml": _object({"tiers": _list(_object({"id": _id(), "name": text}, {"extends": _id()}))}),
        "features.yml": _object({"common": _list(_object(
            {"id": _id(), "label": text}, {"features": _list(feature)}))}),
        "solutions.yml": _object({"solutions": _list(_object({
            "id": _id(), "name": text, "audience": text, "link": _url(),
            "tiers": _list(_object({
                "tier": _id(),
                "plan_id": {"type": "string", "pattern": "^[a-z0-9]+$"},
                "features": _list({"oneOf": [_id(), feature]}),
            })),
        }))}),
        "addons.yml": _object({"addons": _list(_object({
            "id": _id(), "name": text, "description": text, "link": _text(source, languages, _url()),
        }), min_items=0)}),
        "billing.yml": _object({
            "billing_periods": _list(_object({"id": _id(), "months": {"type": "integer", "minimum": 1},
                                              "label": text})),
            "contract": _object({"months": {"type": "integer", "minimum": 1},
                                 "renews_automatically": {"type": "boolean"}}),
        }),
        "licensing.yml": _object({
            "extra_flags": _list(_object({"value": {"type": "integer", "minimum": 0}, "meaning": text})),
            "user_plan_flag": {"type": "integer", "minimum": 0},
            "extra_info_prefix": _text_value(),
            "examples": _list(_object(
                {"plans": _list({"type": "string"}), "license": _text_value()},
                {"hidden_licenses": _list(_id()), "marker": _text_value(), "description": _text_value()},
            ), min_items=0),
        }),
    }
    assert set(shapes) == set(FILES), "every catalogue file needs a schema"
    for name, schema in shapes.items():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"plandocs catalogue: {name.removesuffix('.schema.json')}"
    return shapes


def schema_file_name(catalogue_file: str) -> str:
    """schema/ file for a data/ file."""
    return catalogue_file.replace(".yml", ".schema.json")


def write_schemas(project_root: Path, source: str, languages: list[str]) -> list[Path]:
    """Write schema/*.schema.json; returns the files whose content changed."""
    folder = project_root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    changed = []
    for name, schema in schemas(source, languages).items():
        path = folder / schema_file_name(name)
        content = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        if write_atomic(path, content.encode("utf-8")):
            changed.append(path)
    return changed


def schema_for(name: str, source: str, languages: list[str]) -> Any:
    """The schema of one data/ file (by its path relative to data/)."""
    return schemas(source, languages)[name]
