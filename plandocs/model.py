"""The typed, immutable catalogue that templates receive (no raw dicts past the loader)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # `{name}` in a text: a value the page fills in


def placeholders(text: str) -> set[str]:
    """The `{name}` placeholders in a catalogue string (any other brace is plain text)."""
    return set(PLACEHOLDER.findall(text))


@dataclass(frozen=True)
class Text:
    """A reader-visible string: the source-language text and its translations, by language."""

    id: str
    values: Mapping[str, str]
    note: str | None = None  # for translators
    file: str = ""
    line: int = 0
    start: int = 0  # character offset of the text's mapping in its file (for edits that keep the rest)

    def get(self, lang: str) -> str:
        """The text in `lang` (KeyError if untranslated: pages go through i18n.Translator)."""
        return self.values[lang]


@dataclass(frozen=True)
class TranslationState:
    """Where one text stands in one language: 'translated', 'missing' or 'stale', and where to fix it."""

    state: str
    file: str  # the PO entry, or the data file for a text the PO does not have yet
    line: int


@dataclass(frozen=True, kw_only=True)
class Tier:
    """A level a solution is sold at; `extends` is the tier whose features it also includes."""

    id: str
    name: Text
    extends: str | None
    rank: int


@dataclass(frozen=True, kw_only=True)
class Feature:
    """A feature; a common-set group is a feature with sub-features."""

    id: str
    label: Text
    children: tuple[Feature, ...] = ()
    common: bool = False


@dataclass(frozen=True, kw_only=True)
class Offer:
    """What one tier of one solution adds on top of the tier it extends: one base plan."""

    tier: Tier
    plan_id: str
    adds: tuple[Feature, ...]


@dataclass(frozen=True, kw_only=True)
class Solution:
    """A stand-alone solution with its tiers, lowest first."""

    id: str
    name: Text
    audience: Text
    link: str
    offers: tuple[Offer, ...]

    @property
    def single_tier(self) -> bool:
        """Sold in one tier only: its plan is named by the solution alone, and no tier word is shown."""
        return len(self.offers) == 1


@dataclass(frozen=True, kw_only=True)
class Cell:
    """Whether a plan includes a feature: `state` is included, inherited or excluded."""

    state: str
    via: Tier | None = None


@dataclass(frozen=True, kw_only=True)
class Plan:
    """A base plan (one solution at one tier) with its resolved features."""

    id: str
    solution: Solution
    tier: Tier
    # feature id -> the tier whose offer brings it (this plan's tier or one it extends)
    sources: Mapping[str, Tier]

    def cell(self, feature: Feature) -> Cell:
        """How this plan shows `feature` in a matrix."""
        if feature.common:
            return Cell(state="included")
        tier = self.sources.get(feature.id)
        if tier is None:
            return Cell(state="excluded")
        if tier.id == self.tier.id:
            return Cell(state="included")
        return Cell(state="inherited", via=tier)


@dataclass(frozen=True, kw_only=True)
class Combination:
    """A multi-plan user's set of plans: two or more solutions, one tier each."""

    plans: tuple[Plan, ...]

    def tier_for(self, solution: Solution) -> Tier | None:
        """The tier this combination holds of `solution`, or None."""
        for plan in self.plans:
            if plan.solution.id == solution.id:
                return plan.tier
        return None


@dataclass(frozen=True, kw_only=True)
class AddOn:
    """An add-on subscription."""

    id: str
    name: Text
    description: Text
    link: Text


@dataclass(frozen=True, kw_only=True)
class BillingPeriod:
    """A billing period a customer can choose."""

    id: str
    months: int
    label: Text


@dataclass(frozen=True, kw_only=True)
class Contract:
    """The contract term and whether it renews by itself."""

    months: int
    renews_automatically: bool


@dataclass(frozen=True, kw_only=True)
class FlagMeaning:
    """One value of `ExtraFlags` in module license records."""

    value: int
    meaning: Text


@dataclass(frozen=True, kw_only=True)
class LicenseExample:
    """A plan license as it appears in license records."""

    plans: tuple[Plan, ...]
    license: str
    hidden_licenses: tuple[str, ...] = ()
    marker: str | None = None
    description: str | None = None


@dataclass(frozen=True, kw_only=True)
class Licensing:
    """How user plans are identified in module license records."""

    extra_flags: tuple[FlagMeaning, ...]
    user_plan_flag: int
    extra_info_prefix: str
    examples: tuple[LicenseExample, ...]


@dataclass(frozen=True, kw_only=True)
class Catalogue:
    """Everything the pages show, validated; derived data (plans) is computed by the loader."""

    source_language: str
    languages: tuple[str, ...]
    ui: Mapping[str, Text]
    tiers: tuple[Tier, ...]
    common: tuple[Feature, ...]
    features: tuple[Feature, ...]
    solutions: tuple[Solution, ...]
    plans: tuple[Plan, ...]
    addons: tuple[AddOn, ...]
    billing_periods: tuple[BillingPeriod, ...]
    contract: Contract
    licensing: Licensing
    texts: tuple[Text, ...] = field(default=(), repr=False)
    pseudo_language: str | None = None
    # translated language -> text id -> where its translation stands (translated, missing, stale)
    translation_states: Mapping[str, Mapping[str, TranslationState]] = field(default_factory=dict, repr=False)

    @property
    def translated_languages(self) -> tuple[str, ...]:
        """The catalogue languages other than the source."""
        return tuple(lang for lang in self.languages if lang != self.source_language)

    def solution(self, solution_id: str) -> Solution:
        """The solution with this id (KeyError names the id if unknown)."""
        for solution in self.solutions:
            if solution.id == solution_id:
                return solution
        raise KeyError(f"unknown solution id '{solution_id}'")

    def plans_of(self, solution: Solution) -> tuple[Plan, ...]:
        """The base plans of one solution, lowest tier first."""
        return tuple(p for p in self.plans if p.solution.id == solution.id)


def frozen_map(data: dict) -> Mapping:
    """A read-only view for mappings stored in the model."""
    return MappingProxyType(dict(data))
