"""What Material for MkDocs knows about a language: its word list (theme words) and its search stemmer."""

from __future__ import annotations

import re

from babel.core import LOCALE_ALIASES

from plandocs.upstream import has_stemmer, word_list, word_list_search_language


def _candidates(locale: str) -> list[str]:
    """The locale, its language alone, and the language Babel takes it for (Norwegian 'no' is Bokmål)."""
    primary = re.split(r"[-_]", locale)[0].lower()
    alias = re.split(r"[-_]", LOCALE_ALIASES.get(primary, primary))[0].lower()
    return list(dict.fromkeys([locale, primary, alias]))


def theme_language(locale: str) -> str | None:
    """The Material word list (partials/languages/<code>.html) that serves `locale`, or None."""
    for name in _candidates(locale):
        if word_list(name).is_file():
            return name
    return None


def search_language(locale: str) -> str | None:
    """The language Material's search (lunr) stems `locale` in, or None where it has no stemmer for it.

    Material's own word list for the language says it (`search.config.lang`: Norwegian Bokmål is
    searched as 'no'); otherwise lunr's stemmer of the language's own name, if there is one.
    """
    words = theme_language(locale)
    said = word_list_search_language(words) if words is not None else None
    if said is not None:
        return said
    primary = re.split(r"[-_]", locale)[0].lower()
    return primary if has_stemmer(primary) else None
