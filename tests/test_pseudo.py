"""The pseudo language: every word a reader sees must come out pseudo-localised, so none is hard-coded."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from support.languages import LANGUAGES
from support.sitebuild import Build, build, build_here
from support.sources import ROOT

from plandocs.project import Project
from plandocs.translation.lookup import pseudolocalize

# A word pseudo-localisation did not touch: two or more plain ASCII letters (it accents at least
# one letter of every word: vowels, y, c, n, s and z all have accented twins).
PLAIN_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]{2,}(?![^\W\d_])")
SHOWN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, str]:
    result = build_here(ROOT, tmp_path_factory.mktemp("pseudo") / "site", env={"PLANDOCS_PSEUDO": "true"})
    assert result.returncode == 0, result.output[-3000:]
    code = next(entry.locale for entry in Project(ROOT).site_languages() if entry.locale not in LANGUAGES)
    return result, code


def not_pseudo(soup: BeautifulSoup, language_names: set[str]) -> list[str]:
    """Reader-visible strings that are not pseudo-localised (code and language names excepted)."""
    for hidden in soup.find_all(["script", "style", "code"]):
        hidden.decompose()
    found = []
    for node in soup.body.find_all(string=True):
        shown = node.strip()
        if node.parent.name == "a" and (shown in language_names or shown == node.parent.get("href")):
            continue  # a language's own name in the switcher, or a web address shown as itself
        found += PLAIN_WORD.findall(shown)
    for tag in soup.body.find_all(True):
        for attribute in SHOWN_ATTRIBUTES:
            found += [f"{attribute}={word}" for word in PLAIN_WORD.findall(tag.get(attribute) or "")]
    return found


def test_every_visible_word_of_the_pseudo_site_is_pseudo_localised(pseudo_site) -> None:
    result, code = pseudo_site
    # a language is named in itself in the switcher: those names are the one exception
    names = {language["name"] for language in _i18n_languages()}
    pages = sorted((result.site / code).rglob("index.html"))
    assert len(pages) == len(list((result.site / "en").rglob("index.html")))
    problems = {}
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == code
        found = not_pseudo(soup, names)
        if found:
            problems[str(page.relative_to(result.site))] = sorted(set(found))
    assert not problems, problems


def test_pseudo_tables_are_the_source_texts_pseudo_localised(pseudo_site, oracle) -> None:
    result, code = pseudo_site
    table = BeautifulSoup((result.site / code / "matrix" / "index.html").read_text(encoding="utf-8"),
                          "html.parser").select_one("#matrix table")
    labels = [(row.th.summary or row.th).get_text() for row in table.select("tr[data-feature]")]  # the label
    expected = [pseudolocalize(oracle.labels[row["data-feature"]][oracle.source])
                for row in table.select("tr[data-feature]")]
    assert labels == expected
    assert all(len(p) >= 1.3 * len(oracle.labels[r["data-feature"]][oracle.source])
               for p, r in zip(labels, table.select("tr[data-feature]")))


def test_the_published_site_has_no_pseudo_section(site) -> None:
    assert not any(p.name.startswith("en-") for p in site.site.iterdir())


def test_the_detector_finds_a_hard_coded_word(pseudo_site) -> None:
    """The check itself: an English word slipped into a page is reported."""
    result, code = pseudo_site
    html = (result.site / code / "matrix" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html.replace("</caption>", " Included</caption>", 1), "html.parser")
    assert not_pseudo(soup, {language["name"] for language in _i18n_languages()}) == ["Included"]


def _i18n_languages() -> list[dict]:

    from plandocs.mkdocs_yml import read_config
    config = read_config(ROOT / "mkdocs.yml")
    return next(p["i18n"]["languages"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)


@pytest.mark.build
def test_a_pseudo_build_leaves_no_temporary_folders(tmp_path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = build(ROOT, tmp_path / "site", env={"PLANDOCS_PSEUDO": "true", "TMPDIR": str(scratch)})
    assert result.returncode == 0, result.output[-3000:]
    assert list(scratch.iterdir()) == []
