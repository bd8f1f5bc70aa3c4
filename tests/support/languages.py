"""The site's languages as mkdocs.yml configures them (not the catalogue: that is loaded in fixtures)."""

from __future__ import annotations

from plandocs.project import Project
from support.sources import ROOT


def site_languages() -> tuple[str, list[str]]:
    """(default language, languages the published site builds)."""
    project = Project(ROOT)
    return project.default_language(), project.shipped_languages()


DEFAULT_LANGUAGE, LANGUAGES = site_languages()


def url(lang: str, page: str = "") -> str:
    """Site path of `page` in `lang`."""
    return page if lang == DEFAULT_LANGUAGE else f"{lang}/{page}"


def translated_languages() -> list[str]:
    """The languages the published site builds from translations (every one but the source language)."""
    from plandocs.catalogue.load import language_settings

    source = language_settings(ROOT / "data").source
    return [lang for lang in LANGUAGES if lang != source]


TRANSLATED = translated_languages()


def a_language_the_site_lacks() -> str:
    """A language the theme has words for, lunr a stemmer for, and the site does not have yet (for tests that
    add one by the translators' guide): chosen from the theme's own word lists, so no test names it."""
    from babel import Locale, UnknownLocaleError

    from plandocs.catalogue.load import language_settings, translated_languages
    from plandocs.theme import search_language, theme_language

    taken = {*(entry.locale for entry in Project(ROOT).site_languages()), language_settings(ROOT / "data").source,
             *translated_languages(ROOT / "data")}
    lists = sorted(p.stem for p in (_theme_templates() / "partials" / "languages").glob("*.html"))
    for code in lists:
        if "-" in code or "_" in code or code in taken or theme_language(code) != code or search_language(code) != code:
            continue
        try:
            if Locale.parse(code).character_order != "left-to-right":
                continue
        except (UnknownLocaleError, ValueError):
            continue
        return code
    raise AssertionError("the theme knows no language the site lacks")


def _theme_templates():
    from plandocs.upstream import material_templates

    return material_templates()


def sourced(page: str = "user-plans") -> list[str]:
    """The site's languages that SuperOffice publishes `page` in: their fidelity is checked against it (every
    other language is checked for completeness)."""
    from support.sources import source_languages

    return [lang for lang in LANGUAGES if lang in source_languages(page)]
