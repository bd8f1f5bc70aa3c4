"""A broken catalogue stops the build with one located line per problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from plandocs.errors import CatalogueError
from plandocs.loader import load_catalogue

from edit import line_of, replace_once
from sitebuild import build, copy_project
from sources import ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def problems_of(data: Path) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(data)
    return str(caught.value).splitlines()


def test_removing_a_swedish_label_fails_the_build_naming_the_id(project: Path) -> None:
    solutions = project / "data" / "solutions.yml"
    line = line_of(solutions, "- id: sales-forecasting") + 1
    replace_once(solutions, "- id: sales-forecasting\n            label: {en: Sales forecasting, sv: Försäljningsprognoser}",
                 "- id: sales-forecasting\n            label: {en: Sales forecasting}")
    result = build(project, project / "site")
    assert result.returncode != 0
    assert f"data/solutions.yml:{line}:" in result.output
    assert "sv: missing translation of 'feature.sales-forecasting.label'" in result.output
    assert "Traceback" not in result.output
    assert not (project / "site" / "index.html").exists(), "a failed build must not write pages"


def test_an_empty_translation_is_named_by_id(project: Path) -> None:
    replace_once(project / "data" / "ui.yml", "sv: Ingår inte}", "sv: ''}")
    (message,) = problems_of(project / "data")
    assert "ui.not-included.sv" in message and "is empty" in message and "ui.not-included" in message


def test_an_unknown_feature_reference_gets_a_hint(project: Path) -> None:
    solutions = project / "data" / "solutions.yml"
    replace_once(solutions, "        plan_id: servicepremium\n        features:\n",
                 "        plan_id: servicepremium\n        features:\n          - sales-forcasting\n")
    (message,) = problems_of(project / "data")
    assert message.startswith(f"data/solutions.yml:{line_of(solutions, '- sales-forcasting')}:")
    assert "unknown feature 'sales-forcasting'" in message and "did you mean 'sales-forecasting'?" in message


def test_all_problems_of_a_run_are_reported_together(project: Path) -> None:
    replace_once(project / "data" / "ui.yml", "sv: Ingår inte}", "sv: ''}")
    replace_once(project / "data" / "tiers.yml", "extends: essential", "extends: essentail")
    replace_once(project / "data" / "billing.yml", "months: 6", "months: six")
    messages = problems_of(project / "data")
    assert len(messages) == 3, messages
    assert {m.split(":")[0] for m in messages} == {"data/ui.yml", "data/tiers.yml", "data/billing.yml"}


def test_a_site_language_without_texts_stops_the_build(project: Path) -> None:
    replace_once(project / "mkdocs.yml", "        - locale: en\n", "        - locale: de\n          name: Deutsch\n"
                 "          build: true\n        - locale: en\n")
    result = build(project, project / "site")
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "'de' is not a catalogue language" in result.output


def test_a_macro_error_fails_the_build(project: Path) -> None:
    replace_once(project / "docs" / "matrix.md", "{{ plan_matrix() }}", "{{ plan_matrix() }}{{ no_such_macro() }}")
    result = build(project, project / "site")
    assert result.returncode != 0, "the macros plugin must not print errors into a page and exit 0"
