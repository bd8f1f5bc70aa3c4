"""A broken catalogue stops the build with one located line per problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.edit import line_of, replace_once, set_translation
from support.languages import TRANSLATED, a_language_the_site_lacks
from support.sitebuild import build_here, copy_project

from plandocs.catalogue.load import load_catalogue
from plandocs.errors import CatalogueError


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def problems_of(data: Path) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(data)
    return str(caught.value).splitlines()


@pytest.mark.build
@pytest.mark.parametrize("lang", sorted({TRANSLATED[0], TRANSLATED[-1]}))
def test_removing_a_translation_fails_the_build_naming_file_line_and_id(project: Path, lang: str) -> None:
    """In the language built first and in one built later: the build checks every language before it writes."""
    po = project / "data" / "i18n" / f"{lang}.po"
    set_translation(po, "feature.sales-forecasting.label", "")
    line = _line_of_context(po, "feature.sales-forecasting.label")
    result = build_here(project, project / "site")
    assert result.returncode != 0
    assert f"data/i18n/{lang}.po:{line}: {lang}: missing translation of 'feature.sales-forecasting.label'" \
        in result.output
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


def test_all_problems_of_a_round_are_reported_together(project: Path) -> None:
    """First round: every file's shape, all files at once. Second: the rules across files, all at once."""
    data = project / "data"
    replace_once(data / "ui.yml", "not-included: Not included", "not-included: ''")
    replace_once(data / "billing.yml", "months: 6", "months: six")
    replace_once(data / "solutions.yml", "link: https://www.superoffice.com/crm/sales-features/", "link: www.example")
    messages = problems_of(data)
    assert len(messages) == 3, messages
    assert {m.split(":")[0] for m in messages} == {"data/ui.yml", "data/billing.yml", "data/solutions.yml"}

    replace_once(data / "ui.yml", "not-included: ''", "not-included: Not included")
    replace_once(data / "billing.yml", "months: six", "months: 6")
    replace_once(data / "solutions.yml", "link: www.example", "link: https://www.superoffice.com/crm/sales-features/")
    replace_once(data / "tiers.yml", "extends: essential", "extends: essentail")
    replace_once(data / "licensing.yml", "user_plan_flag: 1", "user_plan_flag: 4")
    set_translation(data / "i18n" / f"{TRANSLATED[0]}.po", "ui.included-via", "no placeholder")
    messages = problems_of(data)
    assert len(messages) == 3, messages
    assert {m.split(":")[0] for m in messages} == {"data/tiers.yml", "data/licensing.yml",
                                                   f"data/i18n/{TRANSLATED[0]}.po"}


@pytest.mark.build
def test_a_site_language_without_texts_stops_the_build(project: Path) -> None:
    new = a_language_the_site_lacks()
    replace_once(project / "mkdocs.yml", "        - locale: en\n", f"        - locale: {new}\n          name: {new}\n"
                 "          build: true\n        - locale: en\n")
    result = build_here(project, project / "site")
    assert result.returncode != 0 and "Traceback" not in result.output
    assert f"'{new}' is not a catalogue language" in result.output


@pytest.mark.build
def test_a_macro_error_fails_the_build(project: Path) -> None:
    replace_once(project / "docs" / "matrix.md", "{{ plan_matrix() }}", "{{ plan_matrix() }}{{ no_such_macro() }}")
    result = build_here(project, project / "site")
    assert result.returncode != 0, "the macros plugin must not print errors into a page and exit 0"


@pytest.mark.parametrize(("needs", "left_out"), [("bundles", True), ("[bundles]", True), ("[]", None),
                                                 ("[bundles, foo]", None), ("{a: 1}", None), ("foo", None)])
def test_a_page_s_needs_is_one_need_or_a_list_and_anything_else_is_located(tmp_path: Path, needs: str,
                                                                            left_out: bool | None) -> None:
    from mkdocs.exceptions import PluginError

    from plandocs.plugin.optional_pages import unneeded_pages

    catalogue = load_catalogue(copy_project(tmp_path / "project", ("data",)) / "data")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(f"---\ntitle: A page\nneeds: {needs}\n---\n# A page\n", encoding="utf-8")
    if left_out is None:
        with pytest.raises(PluginError) as caught:
            unneeded_pages(docs, catalogue, set())
        assert str(caught.value).startswith("docs/page.md:3: needs: ")
        return
    assert unneeded_pages(docs, catalogue, set()) == ({"page"} if not catalogue.bundles else set())
