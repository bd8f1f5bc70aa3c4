"""The typed, immutable catalogue that templates receive (no raw dicts past the loader).

Its plans, features and texts are declared in plandocs/offerings.py and named here too, so that every part
imports the catalogue's types from one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from plandocs.generations import Generation
from plandocs.offerings import (
    PLACEHOLDER as PLACEHOLDER,
)
from plandocs.offerings import (
    Bundle as Bundle,
)
from plandocs.offerings import (
    Cell as Cell,
)
from plandocs.offerings import (
    CellState as CellState,
)
from plandocs.offerings import (
    Combination as Combination,
)
from plandocs.offerings import (
    CombinationRules as CombinationRules,
)
from plandocs.offerings import (
    Feature as Feature,
)
from plandocs.offerings import (
    Offer as Offer,
)
from plandocs.offerings import (
    Offering as Offering,
)
from plandocs.offerings import (
    Plan as Plan,
)
from plandocs.offerings import (
    Retirement as Retirement,
)
from plandocs.offerings import (
    Solution as Solution,
)
from plandocs.offerings import (
    Status as Status,
)
from plandocs.offerings import (
    Text as Text,
)
from plandocs.offerings import (
    Tier as Tier,
)
from plandocs.offerings import (
    TranslationState as TranslationState,
)
from plandocs.offerings import (
    frozen_map as frozen_map,
)
from plandocs.offerings import (
    placeholders as placeholders,
)


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
