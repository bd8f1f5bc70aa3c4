"""Every page in the reader's language: the theme's own words (search, copy to clipboard), the palette
toggle, and the navigation, in each language the site builds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
from bs4 import BeautifulSoup
from support.languages import url
from support.oracle import Oracle
from support.sitebuild import text

THEME_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


def theme_word(lang: str, key: str) -> str:
    """A word from the theme's own translation of `lang` (its partial, read as text)."""
    found = re.search(rf'"{re.escape(key)}":\s*"([^"]*)"', (THEME_LANGUAGES / f"{lang}.html").read_text("utf-8"))
    assert found, f"the theme has no {key} for {lang}"
    return found.group(1)


def test_the_theme_and_the_navigation_speak_the_page_language(site, oracle: Oracle, lang: str) -> None:
    page = site.page(url(lang, "matrix/"))
    assert page.html["lang"] == lang
    search = page.select_one("input.md-search__input")
    assert search["placeholder"] == theme_word(lang, "search.placeholder")
    config = json.loads(page.select_one("#__config").string)
    assert config["translations"]["clipboard.copy"] == theme_word(lang, "clipboard.copy")
    toggles = [label["title"] for label in page.select("label.md-header__button[for^=__palette]")]
    assert toggles == [oracle.ui("palette-to-dark", lang), oracle.ui("palette-to-light", lang)]
    links = page.select("nav.md-nav--primary a.md-nav__link[href]")
    assert links
    here = (site.site / url(lang, "matrix/")).resolve()
    for link in links:  # each entry is named as its page is titled, in this language
        target = BeautifulSoup(((here / link["href"]).resolve() / "index.html").read_text("utf-8"), "html.parser")
        title = text(target.find("title")).rsplit(" - ", 1)[0]
        assert text(link) in (title, text(target.select_one("h1"))), f"{lang}: '{text(link)}' for '{title}'"
