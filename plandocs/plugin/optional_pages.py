"""Pages shown only when the catalogue has what they describe: a page whose front matter says
`needs: bundles` is left out of the site (every language, and the navigation) while the catalogue
has no bundle, so that no page stands empty. And the navigation's sections by product generation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from plandocs.errors import printable
from plandocs.generations import CUMULATIVE
from plandocs.model import Catalogue

KEY = "needs"
NEEDS: dict[str, Callable[[Catalogue], bool]] = {
    "bundles": lambda catalogue: bool(catalogue.bundles),
    "retired-plans": lambda catalogue: bool(catalogue.retirements),
    "combinations": lambda catalogue: catalogue.rules.sold,
    "generations": lambda catalogue: any(g.kind == CUMULATIVE for g in catalogue.generations),
    "transition": lambda catalogue: any(g.transition is not None for g in catalogue.generations),
}


def page_stem(src_uri: str, languages: set[str]) -> str:
    """A page's path without `.md` and without its language suffix (`bundles.en.md` -> `bundles`)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    base, _, suffix = stem.rpartition(".")
    return base if base and suffix in languages else stem


def unneeded_pages(docs: Path, catalogue: Catalogue, languages: set[str],
                   problem: Callable[[str], None] | None = None) -> set[str]:
    """The page stems whose `needs` the catalogue does not meet.

    `needs` is one need or a list of them (all must be met). An unknown one is a problem, located
    at its line: `problem` is told of it (a preview keeps the page), or the build stops.
    """
    left_out: set[str] = set()
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8-sig")
        _body, meta = get_data(text)
        need = meta.get(KEY) if isinstance(meta, dict) else None
        if need is None:
            continue
        relative = path.relative_to(docs).as_posix()
        needs = need if isinstance(need, list) else [need]
        unknown = [item for item in needs if not isinstance(item, str) or item not in NEEDS]
        if unknown or not needs:
            line = next((n for n, row in enumerate(text.splitlines(), start=1) if row.startswith(f"{KEY}:")), 1)
            message = printable(f"{docs.name}/{relative}:{line}: {KEY}: '{unknown[0] if unknown else need}' is not "
                                f"something the catalogue can have (one of: {', '.join(NEEDS)}, or a list of them)")
            if problem is None:
                raise PluginError(message)
            problem(message)
            continue
        if not all(NEEDS[item](catalogue) for item in needs):
            left_out.add(page_stem(relative, languages))
    return left_out


def without_pages(nav: Any, left_out: set[str], languages: set[str]) -> Any:
    """The navigation without the entries of `left_out` pages (sections that end up empty go too)."""
    if isinstance(nav, list):
        kept = [without_pages(item, left_out, languages) for item in nav]
        return [item for item in kept if item not in (None, [], {})]
    if isinstance(nav, dict):
        kept = {title: without_pages(value, left_out, languages) for title, value in nav.items()}
        return {title: value for title, value in kept.items() if value not in (None, [], {})} or None
    if isinstance(nav, str) and page_stem(nav, languages) in left_out:
        return None
    return nav


def by_generation(nav: Any, catalogue: Catalogue) -> Any:
    """The navigation with each section titled by a generation id (`crm-suite:`) kept for the plugin to name
    (on_nav, in the language built); with fewer than two generations there is nothing to tell apart, and such
    a section's pages take its place."""
    ids = {generation.id for generation in catalogue.generations}
    if isinstance(nav, list):
        items: list = []
        for item in nav:
            if isinstance(item, dict) and len(item) == 1 and next(iter(item)) in ids and len(ids) < 2:
                pages = next(iter(item.values()))
                items.extend(by_generation(pages if isinstance(pages, list) else [pages], catalogue))
            else:
                items.append(by_generation(item, catalogue))
        return items
    if isinstance(nav, dict):
        return {title: by_generation(value, catalogue) for title, value in nav.items()}
    return nav


def name_generations(items: Any, names: dict[str, str]) -> None:
    """Sections of a built navigation titled by a generation id, titled by its name (`names`: id -> name)."""
    for item in items or ():
        if getattr(item, "is_section", False):
            if item.title in names:
                item.title = names[item.title]
            name_generations(item.children, names)
