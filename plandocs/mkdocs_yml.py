"""mkdocs.yml: read as MkDocs reads it, and the one edit the command line makes to it (a new site language).

Reading goes through MkDocs' own loader, so `!ENV` and `!relative` mean here what they mean to a build.
The edit goes through a round-trip YAML editor, which keeps comments, quotes, tags and layout, and is
checked before it is written: every line of the file is kept as it was, and MkDocs reads the new entry back.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import yaml

from plandocs.files import newline_of, write_atomic


def read_config(path: Path) -> dict:
    """mkdocs.yml as MkDocs reads it (environment variables resolved); ValueError, naming it, if it cannot."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with path.open(encoding="utf-8") as handle:
            config = yaml_load(handle) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
        raise ValueError(f"{path.name}: cannot read it: {' '.join(str(error).split())}") from None
    if not isinstance(config, dict):
        raise ValueError(f"{path.name}: cannot read it: it holds no settings")
    return config


def i18n_settings(config: dict) -> dict | None:
    """The settings of mkdocs-static-i18n under `plugins` (None when it is not listed with settings)."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            return plugin["i18n"]
    return None


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#{}\[\],\n]*(?<![\s:])$")


def plain_reads_back(value: str) -> bool:
    """Whether `value` written plain reads back the same in block and flow context, by YAML 1.1 readers
    (MkDocs, editors) and the catalogue's YAML 1.2 reader alike: a language code `no` must be quoted, or
    YAML 1.1 reads it as false."""
    from plandocs.catalogue.yamlsource import parse_yaml_text

    if not _PLAIN.match(value) or ": " in value or " #" in value:
        return False
    try:
        return all(yaml.safe_load(doc) == {"k": value} and parse_yaml_text(doc) == {"k": value}
                   for doc in (f"k: {value}", f"{{k: {value}}}"))
    except yaml.YAMLError:
        return False


def scalar(value: str) -> str:
    """`value` as a one-line YAML scalar that every reader reads back the same (see `plain_reads_back`)."""
    return value if plain_reads_back(value) else json.dumps(value, ensure_ascii=False)


def add_site_language(path: Path, lang: str, name: str, like: str, theme_language: str | None = None) -> None:
    """Append `lang` to mkdocs-static-i18n's languages in mkdocs.yml, as a copy of `like`'s entry's texts.

    `theme_language` names the theme word list to use where the theme has none of `lang`'s own.
    ValueError (nothing written) when the file has no such list, or the edit would change anything else.
    """
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    content = path.read_bytes().decode("utf-8")
    newline = newline_of(content)
    text = content.replace("\r\n", "\n")
    editor, document = _round_trip(text, path.name)
    languages = (i18n_settings(document) or {}).get("languages") if isinstance(document, dict) else None
    if not isinstance(languages, list) or not languages:
        raise ValueError(f"{path.name}: plugins.i18n.languages is missing; add the language there by hand")
    template = next((entry for entry in languages if isinstance(entry, dict) and entry.get("locale") == like),
                    languages[0])

    def written(value: str) -> Any:
        return value if plain_reads_back(value) else DoubleQuotedScalarString(value)

    entry = CommentedMap([("locale", written(lang)), ("name", written(name)), ("build", True)])
    for key in ("site_name", "site_description"):
        if key in template:
            entry[key] = written(str(template[key]))
    if theme_language is not None and theme_language != lang:
        entry["theme"] = CommentedMap([("language", written(theme_language))])
    languages.append(entry)
    out = io.StringIO()
    editor.dump(document, out)
    new = out.getvalue()
    if not _only_added(text, new):
        raise ValueError(f"{path.name}: adding '{lang}' would change more than its entry; add it by hand")
    from mkdocs.utils.yaml import yaml_load

    config = yaml_load(new) or {}
    if not any(isinstance(item, dict) and item.get("locale") == lang
               for item in (i18n_settings(config) or {}).get("languages") or []):
        raise ValueError(f"{path.name}: the entry for '{lang}' would not read back; add it by hand")
    write_atomic(path, new.replace("\n", newline).encode("utf-8"))


def _round_trip(text: str, name: str) -> tuple[Any, Any]:
    """An editor that writes `text` back exactly as it is, with the document it read (ValueError if none does)."""
    from ruamel.yaml import YAML, YAMLError

    editor = YAML()
    editor.preserve_quotes = True
    editor.width = 4096
    try:
        document = editor.load(text)
    except YAMLError as error:
        raise ValueError(f"{name}: cannot read it: {' '.join(str(error).split())}") from None
    for mapping, sequence, offset in _LAYOUTS:  # the layout is the writer's; the document is read once
        editor.indent(mapping=mapping, sequence=sequence, offset=offset)
        out = io.StringIO()
        editor.dump(document, out)
        if out.getvalue() == text:
            return editor, document
    raise ValueError(f"{name}: its layout cannot be kept by an edit; add the language there by hand")


# Indentation of mappings, of sequences and of a sequence's dash, as YAML files are commonly laid out
_LAYOUTS = [(mapping, dash + gap, dash) for mapping in (2, 4, 3) for dash in (mapping, 0, 2, 4)
            for gap in (2, 1, 3)]


def _only_added(old: str, new: str) -> bool:
    """Whether `new` holds every line of `old`, in order, and only adds lines to them."""
    import difflib

    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    return all(tag == "insert" for tag, *_ in matcher.get_opcodes() if tag != "equal")
