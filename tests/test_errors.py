"""A broken catalogue stops the build with one located line per problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from plandocs.errors import CatalogueError
from plandocs.catalogue.load import load_catalogue

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


def test_removing_a_swedish_translation_fails_the_build_naming_file_line_and_id(project: Path) -> None:
    po = project / "data" / "i18n" / "sv.po"
    replace_once(po, 'msgstr "Försäljningsprognoser"', 'msgstr ""')
    line = _line_of_context(po, "feature.sales-forecasting.label")
    result = build(project, project / "site")
    assert result.returncode != 0
    assert f"data/i18n/sv.po:{line}: sv: missing translation of 'feature.sales-forecasting.label'" in result.output
    assert "Traceback" not in result.output
    assert not (project / "site" / "index.html").exists(), "a failed build must not write pages"


def _line_of_context(po: Path, text_id: str) -> int:
    """The first line of the PO entry whose msgctxt is `text_id` (its comments included)."""
    lines = po.read_text(encoding="utf-8").splitlines()
    at = lines.index(f'msgctxt "{text_id}"')
    while at > 0 and lines[at - 1].startswith("#"):
        at -= 1
    return at + 1


def test_an_empty_english_text_is_named_by_id(project: Path) -> None:
    replace_once(project / "data" / "ui.yml", "not-included: Not included", "not-included: ''")
    (message,) = problems_of(project / "data")
    assert message.startswith(f"data/ui.yml:{line_of(project / 'data' / 'ui.yml', 'not-included:')}:")
    assert "ui.not-included" in message and "is empty" in message


def test_an_unknown_feature_reference_gets_a_hint(project: Path) -> None:
    solutions = project / "data" / "solutions.yml"
    replace_once(solutions, "        plan_id: servicepremium\n        features:\n",
                 "        plan_id: servicepremium\n        features:\n          - sales-forcasting\n")
    (message,) = problems_of(project / "data")
    assert message.startswith(f"data/solutions.yml:{line_of(solutions, '- sales-forcasting')}:")
    assert "unknown feature 'sales-forcasting'" in message and "did you mean 'sales-forecasting'?" in message


def test_all_problems_of_a_run_are_reported_together(project: Path) -> None:
    replace_once(project / "data" / "ui.yml", "not-included: Not included", "not-included: ''")
    replace_once(project / "data" / "tiers.yml", "extends: essential", "extends: essentail")
    replace_once(project / "data" / "billing.yml", "months: 6", "months: six")
    replace_once(project / "data" / "i18n" / "sv.po", 'msgstr "Ingår via {tier}"', 'msgstr "Ingår via nivån"')
    messages = problems_of(project / "data")
    assert len(messages) == 4, messages
    assert {m.split(":")[0] for m in messages} == {"data/ui.yml", "data/tiers.yml", "data/billing.yml",
                                                    "data/i18n/sv.po"}


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
