"""JSON Schemas of the catalogue files for editors (autocompletion, underlined mistakes), generated from
the shapes (shapes.py): `plandocs schema` writes them to schema/, `plandocs schema --check` compares."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from plandocs.catalogue.shapes import FILES
from plandocs.files import write_atomic

SCHEMA_DIR = "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict]:
    """Catalogue file name -> its JSON Schema."""
    result = {}
    for name, shape in FILES.items():
        schema: dict[str, Any] = {"$schema": DIALECT, "title": f"plandocs catalogue: {name}"}
        schema.update(shape.model_json_schema())
        schema["title"] = f"plandocs catalogue: {name}"
        result[name] = schema
    return result


def schema_file_name(catalogue_file: str) -> str:
    """schema/ file for a data/ file."""
    return catalogue_file.replace(".yml", ".schema.json")


def rendered(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(project_root: Path) -> list[Path]:
    """Write schema/*.schema.json; returns the files whose content changed."""
    folder = project_root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    return [path for name, schema in schemas().items()
            if write_atomic(path := folder / schema_file_name(name), rendered(schema).encode("utf-8"))]


def outdated_schemas(project_root: Path) -> list[Path]:
    """The schema/ files that differ from what the shapes generate (or are missing)."""
    folder = project_root / SCHEMA_DIR
    return [folder / schema_file_name(name) for name, schema in schemas().items()
            if not (folder / schema_file_name(name)).is_file()
            or (folder / schema_file_name(name)).read_text(encoding="utf-8") != rendered(schema)]


def schema_for(name: str) -> Any:
    """The schema of one data/ file (by its path relative to data/)."""
    return schemas()[name]
