"""Shared fixtures: the sources, the raw-data oracle, and one strict build of the real site."""

from __future__ import annotations

import pytest
from support.languages import LANGUAGES
from support.oracle import Oracle
from support.sitebuild import Build, build
from support.sources import ROOT, SourcePage, parse_page

from plandocs.catalogue.load import load_catalogue
from plandocs.model import Catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The real catalogue, loaded once (a broken one fails the tests that use it, by name)."""
    return load_catalogue(ROOT / "data")


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




# Fixtures that build, serve or drive a browser: the tests that use them are marked `build`, so that
# `pytest -m "not build"` gives the quick tests alone.
BUILDING_FIXTURES = {"site", "hostile_site", "pseudo_site", "served", "base_url", "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
