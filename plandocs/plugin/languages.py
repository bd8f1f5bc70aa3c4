"""The site's languages as mkdocs-static-i18n builds them: which, the one being built, their words and gaps."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from plandocs.model import Catalogue
from plandocs.project import Project
from plandocs.theme import theme_language
from plandocs.translation.lookup import Translator
from plandocs.translation.workflow import status
from plandocs.upstream import building_language, built_languages, has_i18n, i18n_languages, language_context, switchers


def check_languages(config: Any, catalogue: Catalogue) -> None:
    """Every built language is a catalogue language, and the theme has words for it."""
    known = set(catalogue.languages) | {catalogue.pseudo_language}
    for lang in built_languages(config):
        if lang not in known:
            raise PluginError(f"mkdocs.yml: plugins.i18n.languages: '{lang}' is not a catalogue language "
                              f"(hint: run `plandocs i18n add {lang}`)")
    for entry in i18n_languages(config):
        wanted = entry.theme_language or entry.locale
        if not entry.build or entry.locale == catalogue.pseudo_language or theme_language(wanted) == wanted:
            continue
        known_list = theme_language(entry.locale)
        hint = f"add `theme: {{language: {known_list}}}` to its entry" if known_list else \
            "choose a language the theme knows"
        raise PluginError(f"mkdocs.yml: plugins.i18n.languages: '{wanted}': the theme has no word list of this "
                          f"name (hint: {hint})")


def translation_gaps(project: Project, catalogue: Catalogue, lang: str) -> list[str]:
    """One line per missing or stale text or page of `lang`, naming file, line, language and id."""
    if lang not in catalogue.translated_languages:
        return []
    return [str(gap) for gap in status(project, catalogue, lang).gaps]


def localise_config(config: Any, catalogue: Catalogue) -> None:
    """Words that the theme and Markdown extensions write into pages, in the language being built.

    The heading permalink's title is ui.yml's `permalink`; a palette toggle's `name` in mkdocs.yml
    is the id of a ui.yml text.
    """
    t = Translator(catalogue, building_language(config))
    toc = config.mdx_configs.get("toc")
    if toc is not None and toc.get("permalink"):
        toc["permalink_title"] = str(t("permalink"))
    palettes = config.theme.get("palette") or []
    for palette in palettes if isinstance(palettes, list) else [palettes]:
        toggle = palette.get("toggle") or {}
        key = toggle.get("ui") or toggle.get("name")
        if key:
            toggle["ui"] = key  # keep the id: the theme config is reused by every language's build
            toggle["name"] = str(t(key))


def not_found_context(context: dict, config: Any) -> dict:
    """The not-found page of the language being built, as a page would have it: its language for the search
    index (overrides/main.html) and a language switcher that leads to each language's home, not to the last
    page built."""
    if not has_i18n(config):
        return context
    language_context(context, config, building_language(config))
    base = urlsplit(config.site_url or "").path.rstrip("/")
    homes = {entry.locale: f"{base}{entry.link}" for entry in i18n_languages(config)}
    for alternate in switchers(config):
        if alternate.get("lang") in homes:
            alternate["link"] = homes[alternate["lang"]]
    return context
