"""Shared fixtures: the sources, the raw-data oracle, and one strict build of the real site."""

from __future__ import annotations

from pathlib import Path

import pytest
from plandocs.project import Project

from oracle import Oracle
from sitebuild import Build, build
from sources import ROOT, SourcePage, parse_page


def site_languages() -> tuple[str, list[str]]:
    """(default language, languages the published site builds) as mkdocs.yml configures them."""
    project = Project(ROOT)
    return project.default_language(), project.shipped_languages()


DEFAULT_LANGUAGE, LANGUAGES = site_languages()


@pytest.fixture(scope="session")
def oracle() -> Oracle:
    return Oracle()


@pytest.fixture(scope="session", params=LANGUAGES)
def lang(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def source_pages() -> dict[str, SourcePage]:
    return {lang: parse_page(lang) for lang in LANGUAGES}


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real project built once with --strict; every site test reads this."""
    result = build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.output[-4000:]}"
    return result


def url(lang: str, page: str = "") -> str:
    """Site path of `page` in `lang`."""
    return page if lang == DEFAULT_LANGUAGE else f"{lang}/{page}"


def project_file(*parts: str) -> Path:
    return ROOT.joinpath(*parts)
