"""Every page exists in every language and calls the same macros, so no translation loses a table."""

from __future__ import annotations

import re

import yaml
from support.sources import ROOT

from plandocs.catalogue.load import language_settings
from plandocs.project import Project
from plandocs.translation.pages import PAGE_KEY

PROJECT = Project(ROOT)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def split(path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}, text
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


def test_every_page_exists_in_every_shipped_language() -> None:
    languages = PROJECT.shipped_languages()
    stems = {lang: set(PROJECT.pages(lang)) for lang in languages}
    everything = set().union(*stems.values())
    for lang in languages:
        assert stems[lang] == everything, f"{lang} lacks {sorted(map(str, everything - stems[lang]))}"


def test_translations_of_a_page_call_the_same_macros_and_keep_the_same_front_matter() -> None:
    languages = PROJECT.shipped_languages()
    default = PROJECT.default_language()
    source = language_settings(ROOT / "data").source
    for stem, reference_path in PROJECT.pages(default).items():
        reference_front, reference_body = split(reference_path)
        for lang in languages:
            front, body = split(PROJECT.pages(lang)[stem])
            where = f"{stem} ({lang})"
            assert JINJA.findall(body) == JINJA.findall(reference_body), f"{where}: macros differ from {default}"
            # the fingerprint of the source page is the tool's, on translated pages only
            assert set(front) - {PAGE_KEY} == set(reference_front) - {PAGE_KEY}, \
                f"{where}: front matter keys differ from {default}"
            assert (PAGE_KEY in front) == (lang != source), f"{where}: {PAGE_KEY} belongs on translated pages"
            if "uid" in front:
                assert front["uid"] == reference_front["uid"].replace(f"-{default}-", f"-{lang}-"), where
            if "language" in front:
                assert front["language"] == lang, where
