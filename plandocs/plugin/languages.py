"""The site's languages as mkdocs-static-i18n builds them: which, the one being built, their words and gaps."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from plandocs.model import Catalogue
from plandocs.project import Project
from plandocs.theme import theme_language
from plandocs.translation.lookup import Translator
from plandocs.translation.workflow import status


def site_languages(config: Any) -> list[str]:
    """The languages mkdocs-static-i18n builds, or the theme language without it."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return [config.theme["language"]]
    return [lang.locale for lang in plugin.config.languages if lang.build]


def building_language(config: Any) -> str:
    """The language of the build in progress (mkdocs-static-i18n builds one language at a time)."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return config.theme["language"]
    return plugin.current_language or plugin.default_language


def page_language(page: Any) -> str:
    """The language of a page, as mkdocs-static-i18n assigned it."""
    locale = getattr(getattr(page, "file", None), "locale", None)
    if not locale:
        where = getattr(getattr(page, "file", None), "src_uri", "a page")
        raise PluginError(f"{where}: no language assigned (is the i18n plugin configured?)")
    return locale


def set_pseudo_build(config: Any, code: str | None, build: bool) -> None:
    """Build the pseudo language's site section, or not (its entry in plugins.i18n.languages)."""
    plugin = config.plugins.get("i18n")
    for entry in plugin.config.languages if plugin is not None and code else []:
        if entry.locale == code:
            entry["build"] = build


def check_languages(config: Any, catalogue: Catalogue) -> None:
    """Every built language is a catalogue language, and the theme has words for it."""
    known = set(catalogue.languages) | {catalogue.pseudo_language}
    for lang in site_languages(config):
        if lang not in known:
            raise PluginError(f"mkdocs.yml: plugins.i18n.languages: '{lang}' is not a catalogue language "
                              f"(hint: run `plandocs i18n add {lang}`)")
    plugin = config.plugins.get("i18n")
    for entry in plugin.config.languages if plugin is not None else []:
        wanted = (entry.theme or {}).get("language") or entry.locale
        if not entry.build or entry.locale == catalogue.pseudo_language or theme_language(wanted) == wanted:
            continue
        known_list = theme_language(entry.locale)
        hint = f"add `theme: {{language: {known_list}}}` to its entry" if known_list else \
            "choose a language the theme knows"
        raise PluginError(f"mkdocs.yml: plugins.i18n.languages: '{wanted}': the theme has no word list of this "
                          f"name (hint: {hint})")


def translation_gaps(config: Any, catalogue: Catalogue, lang: str) -> list[str]:
    """One line per missing or stale text or page of `lang`, naming file, line, language and id."""
    if lang not in catalogue.translated_languages:
        return []
    project = Project(Path(config.config_file_path).parent)
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
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return context
    lang = building_language(config)
    context["i18n_config"] = plugin.config
    context["i18n_page_locale"] = lang
    base = urlsplit(config.site_url or "").path.rstrip("/")
    homes = {entry.locale: f"{base}{entry.link}" for entry in plugin.config.languages}
    # mkdocs-static-i18n sets each page's switcher as an attribute of `extra`, over its key
    for switcher in (getattr(config.extra, "alternate", None), config.extra.get("alternate")):
        for alternate in switcher or []:
            if isinstance(alternate, dict) and alternate.get("lang") in homes:
                alternate["link"] = homes[alternate["lang"]]
    return context
