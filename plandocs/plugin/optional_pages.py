"""Pages shown only when the catalogue has what they describe: a page whose front matter says
`needs: bundles` is left out of the site (every language, and the navigation) while the catalogue
has no bundle, so that no page stands empty."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from plandocs.model import Catalogue

KEY = "needs"
NEEDS: dict[str, Callable[[Catalogue], bool]] = {
    "bundles": lambda catalogue: bool(catalogue.bundles),
    "retired-plans": lambda catalogue: bool(catalogue.retirements),
    "combinations": lambda catalogue: catalogue.rules.sold,
}


def page_stem(src_uri: str, languages: set[str]) -> str:
    """A page's path without `.md` and without its language suffix (`bundles.en.md` -> `bundles`)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    base, _, suffix = stem.rpartition(".")
    return base if base and suffix in languages else stem


def unneeded_pages(docs: Path, catalogue: Catalogue, languages: set[str]) -> set[str]:
    """The page stems whose `needs` the catalogue does not meet (an unknown need stops the build)."""
    left_out: set[str] = set()
    for path in sorted(docs.rglob("*.md")):
        _body, meta = get_data(path.read_text(encoding="utf-8-sig"))
        need = meta.get(KEY) if isinstance(meta, dict) else None
        if need is None:
            continue
        relative = path.relative_to(docs).as_posix()
        if need not in NEEDS:
            raise PluginError(f"{docs.name}/{relative}: {KEY}: '{need}' is not something the catalogue can have "
                              f"(one of: {', '.join(NEEDS)})")
        if not NEEDS[need](catalogue):
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
