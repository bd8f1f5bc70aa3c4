"""Reading a catalogue folder: the YAML files, checked against their shapes, and the PO files of its
translations; then the rules across files (rules.py). Every problem of a round comes out at once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plandocs.catalogue.checker import Checker, Translations
from plandocs.catalogue.po import read_po
from plandocs.catalogue.rules import build_catalogue
from plandocs.catalogue.shapes import FILES, LANG_PATTERN, OPTIONAL_FILES
from plandocs.catalogue.validation import closest, validate
from plandocs.catalogue.yamlsource import Mark, YMap, read_text_file, read_yaml
from plandocs.errors import CatalogueError, Problem
from plandocs.model import Catalogue

I18N_DIR = "i18n"  # data/i18n/<lang>.po: one PO file per translated language
TEMPLATE_NAME = "messages.pot"  # data/i18n/messages.pot: the template for new languages


@dataclass(frozen=True)
class LanguageSettings:
    """The source language and the pseudo language."""

    source: str
    pseudo: str | None


def language_settings(data_dir: Path) -> LanguageSettings:
    """data/languages.yml, read without loading the whole catalogue."""
    doc = read_yaml(Path(data_dir) / "languages.yml", f"{Path(data_dir).name}/languages.yml", within=Path(data_dir))
    source = str(doc.get("source", ""))
    pseudo = doc.get("pseudo") if isinstance(doc.get("pseudo"), str) else None
    return LanguageSettings(source, pseudo)


def translated_languages(data_dir: Path) -> list[str]:
    """The languages that have a PO file in data/i18n/."""
    return sorted(p.stem for p in (data_dir / I18N_DIR).glob("*.po") if not ignored(p.name))


# Editors' backups and swap files (Vim, Emacs, most others), and the temporary files of whole-file writes:
# never catalogue files, so never read, and never a reason to refuse the folder.
_IGNORED = re.compile(r"^[.#]|~$|\.(swp|swo|swx|tmp|bak|orig)$")


def ignored(name: str) -> bool:
    """A file beside the catalogue's files that is not one: hidden, a backup, a swap or a temporary file."""
    return bool(_IGNORED.search(name))


def read_translations(path: Path, display: str) -> Translations:
    """Read data/i18n/<lang>.po (located CatalogueError on any problem)."""
    po = read_po(read_text_file(path, display, within=path.parent.parent), display)
    problems = []
    declared = po.header_field("Language")
    if declared and not same_language(declared, path.stem):
        problems.append(Problem(display, po.header_line("Language"), 1, "Language",
                                f"the header says Language: {declared}, but this is the file of '{path.stem}'",
                                f"set it to {path.stem}, or rename the file to <language code>.po"))
    for entry in po.entries:
        if entry.msgctxt is None and not entry.obsolete:
            problems.append(Problem(display, entry.line, 1, "", "an entry without msgctxt: every text of this "
                                    "catalogue is found by its id", "`plandocs i18n update` keeps it as obsolete, "
                                    "for you to move its translation to the right entry"))
    if problems:
        raise CatalogueError(problems)
    return Translations(display, {e.msgctxt: e for e in po.entries if not e.obsolete and e.msgctxt is not None})


def same_language(declared: str, code: str) -> bool:
    """A PO header's `Language` names the file's language (sv_SE in sv.po does; fr does not)."""
    declared, code = declared.replace("_", "-").lower(), code.replace("_", "-").lower()
    return declared == code or declared.startswith(code + "-")


def load_catalogue(data_dir: Path, *, translations: bool = True) -> Catalogue:
    """Load and validate every catalogue file under `data_dir`; raise CatalogueError listing all problems.

    Two rounds: every file's syntax and shape (all files at once), then the rules across files.
    Without `translations`, the PO files are not read (the source-language catalogue alone, as
    `plandocs i18n update` needs it to bring them up to date).
    """
    data_dir = Path(data_dir)
    docs, problems = _read_documents(data_dir)
    po_files = _read_translations(data_dir, problems, translations)
    shapes: dict[str, Any] = {}
    for name, doc in docs.items():
        shape, found = validate(doc, FILES[name])
        shapes[name] = shape
        problems.extend(found)
    if problems:
        raise CatalogueError(problems)
    check = Checker(shapes, docs, po_files)
    catalogue = build_catalogue(check)
    if catalogue is None:
        raise CatalogueError(check.problems)
    return catalogue


def _read_documents(data_dir: Path) -> tuple[dict[str, YMap], list[Problem]]:
    prefix = data_dir.name
    docs: dict[str, YMap] = {}
    problems: list[Problem] = []
    for name in FILES:
        path = data_dir / name
        display = f"{prefix}/{name}"
        if not path.exists() and not path.is_symlink():
            if name in OPTIONAL_FILES:  # absent: every value its default
                docs[name] = YMap()
                docs[name].mark, docs[name].marks, docs[name].key_marks = Mark(display, 1, 1), {}, {}
            else:
                problems.append(Problem(display, 1, 1, "", "file is missing"))
            continue
        try:
            docs[name] = read_yaml(path, display, within=data_dir)
        except CatalogueError as error:
            problems.extend(error.problems)
    for name in sorted(p.name for p in data_dir.glob("*.y*ml") if p.name not in FILES and not ignored(p.name)):
        problems.append(Problem(f"{prefix}/{name}", 1, 1, "", "not a catalogue file",
                                closest(name, FILES) or f"catalogue files: {', '.join(FILES)}"))
    return docs, problems


def _read_translations(data_dir: Path, problems: list[Problem], read: bool) -> dict[str, Translations]:
    po_files: dict[str, Translations] = {}
    for path in sorted((data_dir / I18N_DIR).glob("*")):
        display = f"{data_dir.name}/{I18N_DIR}/{path.name}"
        if path.name == TEMPLATE_NAME or ignored(path.name):
            continue
        if path.suffix != ".po" or not LANG_PATTERN.fullmatch(path.stem):
            problems.append(Problem(display, 1, 1, "", "not a translations file",
                                    f"name it <language code>.po; {TEMPLATE_NAME} is the template"))
            continue
        if not read:
            po_files[path.stem] = Translations(display, {})
            continue
        try:
            po_files[path.stem] = read_translations(path, display)
        except CatalogueError as error:
            problems.extend(error.problems)
    return po_files
