"""Values from settings and front matter reach the theme's templates as text, never as markup.

MkDocs renders the theme without autoescaping, and Material writes many such values as they are
(the site's name, a language's name in the switcher, a page's description or keywords). They are
escaped once here, where they enter, so that every template that prints them prints text; a value
escaped this way is left alone by a template's own `| e`.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError

from plandocs.addresses import site_url_problem
from plandocs.errors import printable
from plandocs.upstream import map_language_names, switchers

SITE_URL_HINT = "PLANDOCS_SITE_URL=https://help.example.com/"
# Settings of mkdocs.yml that the theme prints into pages.
TEXT_SETTINGS = ("site_name", "site_description", "site_author", "copyright")


def check_site_url(config: Any) -> None:
    """A site address that is set must be an absolute http(s) address with a host, and nothing else."""
    url = config.site_url
    problem = site_url_problem(url) if url else None
    if problem is not None:
        raise PluginError(printable(f"mkdocs.yml: site_url '{url}': {problem} (hint: {SITE_URL_HINT})"))


def as_text(value: Any) -> Any:
    """Strings escaped (already escaped ones kept), lists and mappings walked, everything else as it is."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [as_text(item) for item in value]
    if isinstance(value, dict):
        return {key: as_text(item) for key, item in value.items()}
    return value


def escape_language_names(config: Any) -> None:
    """Each language's name as text, before mkdocs-static-i18n copies the names into the language switcher."""
    map_language_names(config, as_text)


class TextConfig:
    """The MkDocs configuration as the theme's templates see it: its texts (TEXT_SETTINGS) escaped.

    The configuration itself keeps plain strings: mkdocs-static-i18n overrides `site_name` per
    language only while its type is exactly `str`.
    """

    __slots__ = ("_config",)

    def __init__(self, config: Any) -> None:
        self._config = config

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._config, name)
        return as_text(value) if name in TEXT_SETTINGS else value

    def __getitem__(self, key: str) -> Any:
        value = self._config[key]
        return as_text(value) if key in TEXT_SETTINGS else value

    def __contains__(self, key: str) -> bool:
        return key in self._config

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._config else default


def for_templates(context: dict, config: Any) -> dict:
    """A template context whose configuration texts and language names are text."""
    context["config"] = TextConfig(config)
    for alternate in switchers(config):
        if alternate.get("name"):
            alternate["name"] = as_text(alternate["name"])
    return context


def escape_meta(meta: dict) -> None:
    """A page's front matter, as text, for the theme (after the plugins that read it raw have run)."""
    for key, value in list(meta.items()):
        meta[key] = as_text(value)


def full_width(page: Any) -> None:
    """Give the page the content's full width: the theme leaves out its table of contents (Material's
    front matter `hide: [toc]`, added to what the page's own front matter hides)."""
    hidden = page.meta.get("hide")
    hidden = [hidden] if isinstance(hidden, str) else list(hidden or [])
    if "toc" not in hidden:
        page.meta["hide"] = [*hidden, "toc"]
