"""Files written once every language is built: per-language search indexes and catalogue exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from plandocs.model import Catalogue
from plandocs.rendering.export import resolved_catalogue
from plandocs.theme import search_language
from plandocs.upstream import SiteLanguage, i18n_languages, merged_search_index


def write_language_files(config: Any, catalogue: Catalogue) -> None:
    """Once every language is built: each language's catalogue.json, and its own search index.

    mkdocs-static-i18n writes one search index for all languages; it is split per language here.

    The default language keeps the root index; each other language gets
    `<link>/search/search_index.json` with locations relative to its own root. The
    theme override (overrides/main.html) points that language's search at it. Called once,
    after mkdocs-static-i18n has built every language.
    """
    site = Path(config.site_dir)
    languages = [lang for lang in i18n_languages(config) if lang.build]
    _write_exports(catalogue, languages, site)
    _write_sitemaps(site)
    index_file = merged_search_index(config)
    if not index_file.is_file():
        return
    merged = json.loads(index_file.read_text(encoding="utf-8"))
    prefixes = {lang.locale: lang.root + "/" for lang in languages if not lang.default}
    for locale, prefix in prefixes.items():
        docs = [dict(doc, location=doc["location"][len(prefix):])
                for doc in merged["docs"] if doc["location"].startswith(prefix)]
        _write(site / prefix / "search" / "search_index.json", merged, locale, docs)
    default = next(lang.locale for lang in i18n_languages(config) if lang.default)
    docs = [doc for doc in merged["docs"] if not doc["location"].startswith(tuple(prefixes.values()))]
    _write(index_file, merged, default, docs)


STEMMED = ("stemmer", "stopWordFilter", "trimmer")


def _write(path: Path, merged: dict, locale: str, docs: list[dict]) -> None:
    # The language's own trimmer, stop words and stemmer on the index; the search worker
    # (overrides/assets/javascripts/workers/stemming.js) runs the same pipeline on the reader's words.
    # A language lunr has no stemmer for keeps lunr's default pipeline, as the theme does.
    lunr = search_language(locale)
    config = dict(merged["config"], lang=[lunr] if lunr else [], pipeline=list(STEMMED if lunr else ()))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")


EXPORT_NAME = "catalogue.json"


def _write_exports(catalogue: Catalogue, languages: list[SiteLanguage], site: Path) -> None:
    """<language root>/catalogue.json: the resolved catalogue in each built language."""
    for lang in languages:
        root = site / lang.root
        root.mkdir(parents=True, exist_ok=True)
        (root / EXPORT_NAME).write_text(json.dumps(resolved_catalogue(catalogue, lang.locale),
                                                   ensure_ascii=False, indent=1), encoding="utf-8")


EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')


def _write_sitemaps(site: Path) -> None:
    """Answer the theme's sitemap look-ups beside each page with an empty sitemap.

    Material fetches `sitemap.xml` beside each `<link rel="alternate" hreflang>` target, expecting
    those to be language roots; mkdocs-static-i18n points them at the same page in each language,
    which is what readers and search engines need. An empty sitemap there answers the look-up
    (no 404 in the console) and leaves the language switcher's links, which already lead to the
    same page, as they are. The site's real sitemap stays at the root.
    """
    root_sitemap = site / "sitemap.xml"
    for index in site.rglob("index.html"):
        target = index.parent / "sitemap.xml"
        if target != root_sitemap and not target.exists():
            target.write_text(EMPTY_SITEMAP, encoding="utf-8")
