"""The plan-model fixtures (tests/fixtures/plan-models/): a copy of the project with a fixture's
catalogue files in data/ and its translations added to data/i18n/."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from plandocs.catalogue.po import read_po, write_po
from plandocs.translation.po_files import update
from support.sitebuild import copy_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plan-models"
NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def compose(name: str, target: Path) -> Path:
    """The project with fixture `name` applied, in `target`: its YAML files replace data/'s, and the
    entries of its PO files (the header aside) are added to the language's PO file.

    A fixture carries every language the site ships: where it has no PO file of a language, its new
    texts get a stand-in translation (the language's code before the English; a web address as it
    is), as a translator's tool would save them."""
    project = copy_project(target)
    fixture = FIXTURES / name
    for path in sorted(fixture.glob("*.yml")):
        shutil.copy2(path, project / "data" / path.name)
    for path in sorted((fixture / "i18n").glob("*.po")):
        entries = path.read_text(encoding="utf-8").split("\n\n", 1)[1]  # the first block is the header
        po = project / "data" / "i18n" / path.name
        po.write_text(po.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + entries, encoding="utf-8")
    provided = {path.stem for path in (fixture / "i18n").glob("*.po")}
    update(project / "data")
    for po_path in sorted((project / "data" / "i18n").glob("*.po")):
        if po_path.stem in provided:
            continue
        po = read_po(po_path.read_bytes(), po_path.name)
        po.entries = [entry if entry.msgstr or entry.obsolete else replace(
            entry, msgstr=entry.msgid if entry.msgid.startswith("https://") else f"{po_path.stem} {entry.msgid}")
            for entry in po.entries]
        po_path.write_bytes(write_po(po))
    return project
