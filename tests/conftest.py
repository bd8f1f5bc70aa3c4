"""Shared fixtures: the sources, the raw-data oracle, and one strict build of the real site."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from support.languages import LANGUAGES, sourced
from support.oracle import Oracle
from support.plan_models import NAMES, compose
from support.sitebuild import Build, build_here, shared_build
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


@pytest.fixture(params=LANGUAGES)
def lang(request: pytest.FixtureRequest) -> str:
    """Each site language in turn. Function-scoped: a session-scoped parameter would make pytest regroup the
    tests of every module by language, building each module's own site once per language."""
    return request.param


@pytest.fixture(scope="session")
def source_pages() -> dict[str, SourcePage]:
    return {lang: parse_page(lang) for lang in sourced()}


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real project built once with --strict (once for all the runs tests/tiers.py starts); every site test
    reads this."""
    result, _ = shared_build("site", lambda folder: build_here(ROOT, folder / "site"),
                             lambda: tmp_path_factory.mktemp("site"))
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.output[-4000:]}"
    return result




@dataclass
class PlanModel:
    """A plan-model fixture (tests/fixtures/plan-models/) built strictly, with its oracle."""

    name: str
    build: Build
    oracle: Oracle
    project: Path


@pytest.fixture(scope="session")
def plan_model_builds() -> dict[str, PlanModel]:
    """The plan models built so far, each once in the session (pytest may set a parametrized fixture up again
    when the tests it orders come back to one of its values)."""
    return {}


@pytest.fixture(scope="session", params=NAMES)
def plan_model(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
               plan_model_builds: dict[str, PlanModel]) -> PlanModel:
    name = request.param
    if name not in plan_model_builds:
        result, root = shared_build(f"plan-model-{name}", lambda folder: build_here(compose(name, folder / "project"),
                                                                                    folder / "site"),
                                    lambda: tmp_path_factory.mktemp(f"plan-model-{name}"))
        project = root / "project"
        assert result.returncode == 0, f"{name}: mkdocs build --strict failed:\n{result.output[-4000:]}"
        plan_model_builds[name] = PlanModel(name, result, Oracle(project / "data"), project)
    return plan_model_builds[name]


# Fixtures that build, serve or drive a browser: the tests that use them are marked `build`, so that
# `pytest -m "not build"` gives the quick tests alone; those that drive Chromium are marked `browser` too
# (`-m "build and not browser"`: the build tier; `-m browser`: the browser tier), and those on the plan models'
# builds `plan_model`.
BUILDING_FIXTURES = {"site", "hostile_site", "pseudo_site", "served", "base_url", "browser", "plan_model",
                     "plan_model_url", "split_url", "survey"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BUILDING_FIXTURES & fixtures:
            item.add_marker(pytest.mark.build)
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if "plan_model" in fixtures:
            item.add_marker(pytest.mark.plan_model)
