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
