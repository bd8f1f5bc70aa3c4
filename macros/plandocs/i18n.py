"""Looking up reader-visible words in one language."""

from __future__ import annotations

import string
from typing import Mapping

from markupsafe import Markup, escape

from .model import Text


class MissingText(LookupError):
    """A template asked for a UI string the catalogue does not define."""


class Translator:
    """`t(text)` gives a catalogue text in this language; `t("ui-key", name=value)` a UI string."""

    def __init__(self, ui: Mapping[str, Text], lang: str) -> None:
        self.ui = ui
        self.lang = lang

    def __call__(self, item: Text | str, **values: str) -> str:
        if isinstance(item, Text):
            text = item.get(self.lang)
        else:
            if item not in self.ui:
                raise MissingText(f"data/ui.yml has no UI string '{item}'")
            text = self.ui[item].get(self.lang)
        return fill(text, values) if values else text


def placeholders(text: str) -> set[str]:
    """The `{name}` placeholders in a catalogue string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def fill(text: str, values: Mapping[str, str]) -> Markup:
    """Replace `{name}` placeholders, HTML-escaping the text and every plain value (once)."""
    return Markup(escape(text)).format_map(dict(values))
