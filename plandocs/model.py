"""The typed, immutable catalogue that templates receive (no raw dicts past the loader)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plandocs.generations import Generation

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
    description: Text | None = None
    link: Text | None = None  # https:// address, per language


@dataclass(frozen=True, kw_only=True)
class Offer:
    """What one tier of one solution adds on top of the tier it extends: one base plan."""

    tier: Tier
    plan_id: str
    adds: tuple[Feature, ...]
    description: Text | None = None
    link: Text | None = None


@dataclass(frozen=True, kw_only=True)
class Solution:
    """A stand-alone solution with its tiers, lowest first."""

    id: str
    name: Text
    audience: Text
    link: str
    offers: tuple[Offer, ...]  # the tiers it is sold in
    retired_offers: tuple[Offer, ...] = ()  # tiers no longer sold (plans.yml `retired`)

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
    retired: bool = False
    description: Text | None = None  # the offer's, if the catalogue explains this plan
    link: Text | None = None

    @property
    def features(self) -> frozenset[str]:
        """The ids of every sold feature it includes (the common set aside)."""
        return frozenset(self.sources)

    @property
    def plans(self) -> tuple[Plan, ...]:
        """The base plans it consists of: itself."""
        return (self,)

    @property
    def inherits(self) -> bool:
        """Whether it includes features from a lower tier (its matrix cells can show 'from a lower tier')."""
        return any(tier.id != self.tier.id for tier in self.sources.values())

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

    @property
    def id(self) -> str:
        """Its plans' ids joined by '-' (plan ids have no '-'): an anchor, and a name in data attributes; every
        offering (a plan, a bundle, a combination) is named by its `id`."""
        return "-".join(plan.id for plan in self.plans)

    @property
    def features(self) -> frozenset[str]:
        """The ids of every sold feature its plans include (each once)."""
        return frozenset().union(*(plan.sources for plan in self.plans))

    def tier_for(self, solution: Solution) -> Tier | None:
        """The tier this combination holds of `solution`, or None."""
        for plan in self.plans:
            if plan.solution.id == solution.id:
                return plan.tier
        return None


@dataclass(frozen=True, kw_only=True)
class Bundle:
    """A named plan made of base plans (directly or through other bundles) and features of its own."""

    bundle_id: str  # its entry in plans.yml (text ids, anchors)
    id: str  # its plan identifier, in one namespace with the base plans' ids (license records, addresses)
    name: Text
    description: Text
    parts: tuple[Plan | Bundle, ...]
    adds: tuple[Feature, ...]  # its own features, beyond those of its parts
    plans: tuple[Plan, ...]  # the base plans it holds, parts of parts included, in price-list order
    features: frozenset[str]  # every sold feature it includes, each once
    retired: bool = False
    link: Text | None = None

    @property
    def rank(self) -> int:
        """How high its tiers are, summed (the plan finder prefers lower)."""
        return sum(plan.tier.rank for plan in self.plans)

    def cell(self, feature: Feature) -> Cell:
        """How this bundle shows `feature` in a matrix (a bundle has no tiers: included or not)."""
        return Cell(state="included" if feature.common or feature.id in self.features else "excluded")


Offering = Plan | Bundle | Combination
"""Something a customer holds: a base plan, a bundle, or a combination of base plans."""


@dataclass(frozen=True, kw_only=True)
class Retirement:
    """A plan no longer sold, and the current plan, bundle or combination that replaces it."""

    retired: Offering
    replaced_by: tuple[Plan | Bundle, ...]  # together: several base plans are a combination

    @property
    def gained(self) -> frozenset[str]:
        """Sold features the replacement includes that the retired plan did not."""
        return frozenset().union(*(p.features for p in self.replaced_by)) - self.retired.features

    @property
    def lost(self) -> frozenset[str]:
        """Sold features of the retired plan that the replacement no longer includes."""
        return self.retired.features - frozenset().union(*(p.features for p in self.replaced_by))


@dataclass(frozen=True, kw_only=True)
class CombinationRules:
    """Which combinations of base plans are sold (plans.yml)."""

    sold: bool = True
    max_solutions: int | None = None
    excluded_pairs: frozenset[frozenset[str]] = frozenset()  # solution ids never combined
    retired: frozenset[tuple[str, ...]] = frozenset()  # plan ids of combinations no longer sold

    def allows(self, plans: tuple[Plan, ...]) -> bool:
        """Whether this choice of base plans (one per solution) is a combination that is sold."""
        if not self.sold or len(plans) < 2 or tuple(p.id for p in plans) in self.retired:
            return False
        if self.max_solutions is not None and len(plans) > self.max_solutions:
            return False
        ids = [p.solution.id for p in plans]
        return not any(self.excludes(a, b) for i, a in enumerate(ids) for b in ids[i + 1:])

    def excludes(self, first: str, second: str) -> bool:
        """Whether these two solutions (by id) are never combined."""
        return frozenset((first, second)) in self.excluded_pairs

    @property
    def default(self) -> bool:
        """Today's rule: any two or more solutions, one tier each, every one sold."""
        return self.sold and self.max_solutions is None and not self.excluded_pairs and not self.retired


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
    plans: tuple[Plan, ...]  # the base plans sold, in price-list order (retired ones are in `retirements`)
    addons: tuple[AddOn, ...]
    billing_periods: tuple[BillingPeriod, ...]
    contract: Contract
    licensing: Licensing
    bundles: tuple[Bundle, ...] = ()  # the bundles sold, in price-list order
    rules: CombinationRules = CombinationRules()
    retirements: tuple[Retirement, ...] = ()
    texts: tuple[Text, ...] = field(default=(), repr=False)
    pseudo_language: str | None = None
    generations: tuple[Generation, ...] = ()  # generations.yml: the product generations, side by side
    # translated language -> text id -> where its translation stands (translated, missing, stale)
    translation_states: Mapping[str, Mapping[str, TranslationState]] = field(default_factory=dict, repr=False)

    @cached_property
    def common_leaf_count(self) -> int:
        """How many features the common set has (a group counts through its sub-features)."""
        def leaves(features: tuple[Feature, ...]) -> int:
            return sum(leaves(f.children) if f.children else 1 for f in features)
        return leaves(self.common)

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
        """The base plans of one solution that are sold, lowest tier first."""
        return tuple(p for p in self.plans if p.solution.id == solution.id)

    def feature(self, feature_id: str) -> Feature:
        """The feature with this id, common or sold (KeyError if unknown)."""
        for feature in self.all_features:
            if feature.id == feature_id:
                return feature
        raise KeyError(f"unknown feature id '{feature_id}'")

    @property
    def all_features(self) -> tuple[Feature, ...]:
        """Every feature, common groups and their features first, then the sold ones in catalogue order."""
        flat: list[Feature] = []
        for group in self.common:
            flat.append(group)
            flat.extend(group.children)
        return (*flat, *self.features)

    def generation(self, generation_id: str | None = None) -> Generation:
        """The generation with this id; without one, the first of kind cumulative (KeyError if none)."""
        for generation in self.generations:
            if generation.id == generation_id or generation_id is None and generation.kind == "cumulative":
                return generation
        raise KeyError(generation_id or "a cumulative generation")

    def in_order(self, feature_ids: frozenset[str]) -> tuple[Feature, ...]:
        """The sold features with these ids, in catalogue order."""
        return tuple(f for f in self.features if f.id in feature_ids)


def frozen_map(data: dict) -> Mapping:
    """A read-only view for mappings stored in the model."""
    return MappingProxyType(dict(data))
