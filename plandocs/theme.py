"""What Material for MkDocs knows about a language: its word list (theme words) and its search stemmer."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.core import LOCALE_ALIASES


@cache
def _templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def _candidates(locale: str) -> list[str]:
    """The locale, its language alone, and the language Babel takes it for (Norwegian 'no' is Bokmål)."""
    primary = re.split(r"[-_]", locale)[0].lower()
    alias = re.split(r"[-_]", LOCALE_ALIASES.get(primary, primary))[0].lower()
    return list(dict.fromkeys([locale, primary, alias]))


def theme_language(locale: str) -> str | None:
    """The Material word list (partials/languages/<code>.html) that serves `locale`, or None."""
    for name in _candidates(locale):
        if (_templates() / "partials" / "languages" / f"{name}.html").is_file():
            return name
    return None


def search_language(locale: str) -> str | None:
    """The language Material's search (lunr) stems `locale` in, or None where it has no stemmer for it.

    Material's own word list for the language says it (`search.config.lang`: Norwegian Bokmål is
    searched as 'no'); otherwise lunr's stemmer of the language's own name, if there is one.
    """
    words = theme_language(locale)
    if words is not None:
        partial = (_templates() / "partials" / "languages" / f"{words}.html").read_text(encoding="utf-8")
        found = re.search(r'"search\.config\.lang":\s*"([^"]+)"', partial)
        if found:
            return found.group(1)
    primary = re.split(r"[-_]", locale)[0].lower()
    stemmer = _templates() / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{primary}.min.js"
    return primary if stemmer.is_file() else None
