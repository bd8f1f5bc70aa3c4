"""Looking up reader-visible words in one language (with fallback and pseudo-localisation)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping

from markupsafe import Markup, escape

from plandocs.model import PLACEHOLDER, Bundle, Catalogue, Combination, Offering, Plan, Text

# Every capital has a twin, so that an acronym ("GDPR", "HTML") is pseudo-localised too.
_ACCENTS = str.maketrans("aeiouyAEIOUYcnsCNSzZBDFGHJKLMPRTVWX", "áéíóúýÁÉÍÓÚÝçñšÇÑŠžŽḂĎḞĜĤĴḰĹḾṔŔŤṼŴẊ")


class MissingText(LookupError):
    """A template asked for a UI string the catalogue does not define."""


class Translator:
    """`t(text)` gives a catalogue text in this language; `t("ui-key", name=value)` a UI string.

    An untranslated text shows the source text through `untranslated` (a visible marker); the
    build has already warned about it. In the pseudo language every text is pseudo-localised.
    """

    def __init__(self, catalogue: Catalogue, lang: str,
                 untranslated: Callable[[str, Text], str] | None = None) -> None:
        self.catalogue = catalogue
        self.lang = lang
        self.untranslated = untranslated

    def __call__(self, item: Text | str, **values: str) -> str:
        text = item if isinstance(item, Text) else self._ui(item)
        source = text.values[self.catalogue.source_language]
        if self.lang == self.catalogue.pseudo_language:
            return fill(pseudolocalize(source), values)
        if self.lang in text.values:
            return fill(text.values[self.lang], values)
        shown = fill(source, values)
        return self.untranslated(shown, text) if self.untranslated else shown

    def brand(self, name: str) -> str:
        """A brand name (a generation's, a cumulative plan's): the same in every language, pseudo-localised in
        the pseudo language like every word a reader sees."""
        return pseudolocalize(name) if self.lang == self.catalogue.pseudo_language else name

    def plan_name(self, plan: Plan | Bundle) -> str:
        """A plan's name (HTML). A bundle has its own; a base plan is named by ui.yml's `plan-name` with the
        solution's and the tier's names, or by the solution's name alone when it is sold in one tier and
        this is that tier (the tier would say nothing)."""
        if isinstance(plan, Bundle):
            return Markup(escape(self(plan.name)))
        if plan.solution.single_tier and not plan.retired:
            return Markup(escape(self(plan.solution.name)))
        return self("plan-name", solution=self(plan.solution.name), tier=self(plan.tier.name))

    def combination_name(self, plans: Iterable[Plan | Bundle]) -> str:
        """Plans named one after another with ui.yml's `combination-joiner` (HTML)."""
        return Markup(escape(self("combination-joiner"))).join(self.plan_name(plan) for plan in plans)

    def offering_name(self, offering: Offering) -> str:
        """The name of a base plan, a bundle or a combination (HTML)."""
        if isinstance(offering, Combination):
            return self.combination_name(offering.plans)
        return self.plan_name(offering)

    def _ui(self, key: str) -> Text:
        if key not in self.catalogue.ui:
            raise MissingText(f"data/ui.yml has no UI string '{key}'")
        return self.catalogue.ui[key]


def plain_text(shown: str) -> str:
    """A translated text as plain text (for JSON and scripts, which are not HTML)."""
    return shown.unescape() if isinstance(shown, Markup) else shown


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace `{name}` placeholders by `values`, HTML-escaping the text and every plain value (once).

    Only `{name}` with a known name is replaced: no format-string features (`{{`, `{0}`, `{a.b}`)
    reach catalogue text.
    """
    if not values:
        return text
    parts = PLACEHOLDER.split(text)  # text, name, text, name, ...
    out = [escape(part) if i % 2 == 0 else escape(values[part]) if part in values else escape("{" + part + "}")
           for i, part in enumerate(parts)]
    return Markup("".join(out))


def pseudolocalize(text: str) -> str:
    """Accented, about 30 % longer and bracketed; `{placeholders}` are kept as they are."""
    parts = re.split(r"(\{[a-z_]+\})", text)
    return bracket("".join(part if part.startswith("{") else accent(part) for part in parts), text)


def accent(text: str) -> str:
    """The letters of `text` that have an accented twin, accented."""
    return text.translate(_ACCENTS)


def bracket(shown: str, original: str) -> str:
    """`shown` in brackets and padded, so that it is at least 30 % longer than `original`."""
    padding = max(1, math.ceil(len(original) * 1.3) - len(original) - 2)
    return f"[{shown}{'~' * padding}]"
