"""The built site says everything the source pages say, with only the documented fixes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from support.fidelity import catalogue_vs_source
from support.languages import LANGUAGES, sourced, url
from support.oracle import Oracle
from support.sitebuild import copy_project, text
from support.sources import (
    ROOT,
    documented_moves,
    documented_typos,
    is_current,
    parse_page,
    rejected_tier_spelling,
    same_text,
)
from support.sources import apply_documented_fixes as fix

from plandocs.translation.pages import PAGE_KEY


def _norm(value: str) -> str:
    """Whitespace collapsed and no space before punctuation or a joining hyphen (inline markup splits text nodes:
    `"set="`-waarde)."""
    return re.sub(r"\s+([.,:;!?]|-(?=\w))", r"\1", " ".join(value.split()))


SOURCED = sourced()
CURRENT = [lang for lang in SOURCED if is_current(parse_page(lang), parse_page(Oracle().source))]


@pytest.mark.parametrize("lang", SOURCED)
def test_catalogue_texts_equal_the_source_lists(oracle: Oracle, lang: str) -> None:
    assert catalogue_vs_source(oracle, parse_page(lang)) == []


def test_a_misspelt_english_label_is_reported_by_its_id(tmp_path: Path) -> None:
    data = copy_project(tmp_path, ("data",)) / "data"
    solutions = data / "solutions.yml"
    solutions.write_text(solutions.read_text(encoding="utf-8").replace(
        "label: Sales forecasting\n", "label: Sales forcasting\n"), encoding="utf-8")
    problems = catalogue_vs_source(Oracle(data), parse_page("en"))
    assert len(problems) == 1 and "feature.sales-forecasting.label [en]" in problems[0], problems


def _article(site, lang: str, page: str = ""):
    return site.page(url(lang, page)).find("article")


def _section(article, heading: str) -> list:
    """The elements after the h2 with this text, up to the next h2."""
    h2 = next((h for h in article.find_all("h2") if text(h) == heading), None)
    assert h2 is not None, f"no heading {heading!r}; headings: {[text(h) for h in article.find_all('h2')]}"
    elements = []
    for sibling in h2.find_next_siblings():
        if sibling.name == "h2":
            break
        elements.append(sibling)
    return elements


def _list_after(elements: list, label: str | None, kind: str | None):
    """The first list after the element that carries `label` (an h3 for bold labels, else a p)."""
    start = 0
    if label is not None:
        tag = "h3" if kind == "bold" else "p"
        wanted = _norm(fix(label.rstrip(":") if kind == "bold" else label))
        found = [i for i, e in enumerate(elements) if e.name == tag and _norm(text(e)) == wanted]
        assert found, f"no {tag} {wanted!r} in the section"
        start = found[0] + 1
    for element in elements[start:]:
        if element.name == "ul":
            return element
    raise AssertionError(f"no list after {label!r}")


def _own_text(li) -> str:
    return _norm(" ".join(s for s in li.find_all(string=True) if s.find_parent("ul") is li.parent))


@pytest.mark.parametrize("lang", SOURCED)
def test_every_source_list_item_is_under_its_heading(site, lang: str) -> None:
    source = parse_page(lang)
    article = _article(site, lang)
    assert _norm(text(article.find("h1"))) == fix(source.title)
    for section in (s for s in source.sections if s.blocks):
        elements = _section(article, fix(section.heading))
        for block in section.blocks:
            built = _list_after(elements, block.label, block.label_kind)
            items = built.find_all("li", recursive=False)
            shown = [_own_text(li) for li in items]
            assert len(shown) == len(block.items) and all(
                same_text(ours, fix(i.text)) for ours, i in zip(shown, block.items)), (section.heading, shown)
            for item, li in zip(block.items, items):
                nested = li.find("ul")
                children = [_own_text(c) for c in nested.find_all("li", recursive=False)] if nested else []
                assert children == [fix(c.text) for c in item.children], item.text


@pytest.mark.parametrize("lang", CURRENT)
def test_every_source_paragraph_is_on_the_page_in_order(site, lang: str) -> None:
    """The prose of a source page of the current version (an older page's prose describes an older product: the
    site translates the current English there, and checks the older page's lists)."""
    source = parse_page(lang)
    page_text = _norm(text(_article(site, lang)))
    paragraphs = source.intro + [p for s in source.sections for p in s.paragraphs]
    moves = documented_moves()
    position = 0
    for paragraph in paragraphs:
        plain = _norm(fix(re.sub(r"\*\*|`", "", paragraph)))  # bold and code marks are markup, not text
        moved = next((path for word, path in moves.items() if word in paragraph), None)
        if moved is not None:  # shown on the page the sources' notes name, in the same words
            assert plain in _norm(text(site.page(url(lang, moved)).find("article"))), f"not on {moved}: {paragraph!r}"
            continue
        found = page_text.find(plain, position)
        assert found >= 0, f"missing or out of order: {paragraph!r}"
        position = found
    assert moves, "the sources' notes name no paragraph that moves (the overview's developer facts)"


@pytest.mark.parametrize("lang", SOURCED)
def test_combinations_are_one_list_in_the_source_order(site, lang: str) -> None:
    source = parse_page(lang)
    section, block = next((s, b) for s in source.sections for b in s.blocks if b.groups > 1)
    assert block.groups == 3  # the defect: three groups that Markdown renders as one loose list
    built = _list_after(_section(_article(site, lang), fix(section.heading)), block.label, block.label_kind)
    assert [_own_text(li) for li in built.find_all("li", recursive=False)] == [fix(i.text) for i in block.items]
    assert not built.find("p"), "combinations render as a loose list"


def test_rejected_spellings_appear_nowhere_on_the_site(site) -> None:
    rejected, chosen = rejected_tier_spelling()
    wrong = [rf"\b{rejected}\b"] + [rf"(?<!\w){re.escape(w)}" for w in documented_typos()]
    for page in site.site.rglob("*.html"):
        visible = text(__import__("bs4").BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"))
        for pattern in wrong:
            assert not re.search(pattern, visible), f"{page.relative_to(site.site)} shows {pattern!r}"


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


@pytest.mark.parametrize("page_lang", SOURCED)
def test_overview_front_matter_is_the_sources_corrected(page_lang: str) -> None:
    source = parse_page(page_lang).front_matter
    name = "index.md" if page_lang == LANGUAGES[0] else f"index.{page_lang}.md"
    ours = _front_matter(ROOT / "docs" / name)
    # the fingerprint of the English page a translation renders is the tool's, not the source's
    assert (ours.pop(PAGE_KEY, None) is not None) == (page_lang != Oracle().source)
    # documented fixes: the right `language`, and a `title` on every page
    expected = dict(source, language=page_lang)
    english = parse_page(Oracle().source)
    if not is_current(parse_page(page_lang), english):
        # documented drift: a page versions behind the English takes the English page's facts, in its language
        own = {key: source[key] for key in ("uid", "title", "description", "keywords") if key in source}
        expected = dict(english.front_matter, **own, language=page_lang)
    assert ours.get("title"), "the overview needs a title"
    expected.setdefault("title", ours["title"])
    assert ours == expected


def test_overview_front_matter_agrees_across_languages() -> None:
    pages = [_front_matter(ROOT / "docs" / ("index.md" if lang == LANGUAGES[0] else f"index.{lang}.md"))
             for lang in SOURCED]
    for key in ("version", "date", "author", "content_type", "deployment", "platform", "topic", "audience"):
        assert len({str(p[key]) for p in pages}) == 1, f"front matter {key} differs between languages"
    assert [p["uid"] for p in pages] == [f"help-{lang}-user-plans" for lang in SOURCED]
