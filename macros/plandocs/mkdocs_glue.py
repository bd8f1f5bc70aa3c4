"""The boundary to MkDocs: turn catalogue problems into PluginError and find a page's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from .errors import CatalogueError
from .site import Site


def load_site(config: Any) -> Site:
    """Load the catalogue next to mkdocs.yml and check it covers every site language."""
    project = Path(config.config_file_path).parent
    try:
        site = Site.load(project / "data")
    except CatalogueError as error:
        raise PluginError(f"the catalogue has {len(error.problems)} problem(s):\n{error}") from None
    for lang in site_languages(config):
        if lang not in site.catalogue.languages:
            raise PluginError(f"mkdocs.yml: plugins.i18n.languages: '{lang}' has no texts in the catalogue "
                              f"(hint: add it to data/languages.yml and translate every string)")
    return site


def site_languages(config: Any) -> list[str]:
    """The languages mkdocs-static-i18n builds, or the theme language without it."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return [config.theme["language"]]
    return [lang.locale for lang in plugin.config.languages if lang.build]


def page_language(page: Any) -> str:
    """The language of a page, as mkdocs-static-i18n assigned it."""
    locale = getattr(getattr(page, "file", None), "locale", None)
    if not locale:
        where = getattr(getattr(page, "file", None), "src_uri", "a page")
        raise PluginError(f"{where}: no language assigned (is the i18n plugin configured?)")
    return locale
