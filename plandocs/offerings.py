"""Plans as a customer holds them: texts, tiers, features, solutions, base plans, bundles, combinations and
the rules that sell them (the parts of the typed catalogue that the product generations build on)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
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

    def get(self, lang: str) -> str:
        """The text in `lang` (KeyError if untranslated: pages go through i18n.Translator)."""
        return self.values[lang]


class Status(StrEnum):
    """Where a translation stands: of a text (translated, missing, stale) or of a page (also unconfirmed: its
    fingerprint of the source page is not recorded)."""

    TRANSLATED = "translated"
    MISSING = "missing"
    STALE = "stale"
    UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True)
class TranslationState:
    """Where one text stands in one language, and where to fix it."""

    state: Status
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


class CellState(StrEnum):
    """How a plan holds a feature (a matrix cell's `data-state`)."""

    INCLUDED = "included"
    INHERITED = "inherited"  # through the tier its tier extends
    EXCLUDED = "excluded"


@dataclass(frozen=True, kw_only=True)
class Cell:
    """Whether a plan includes a feature, and through which tier when it is inherited."""

    state: CellState
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
            return Cell(state=CellState.INCLUDED)
        tier = self.sources.get(feature.id)
        if tier is None:
            return Cell(state=CellState.EXCLUDED)
        if tier.id == self.tier.id:
            return Cell(state=CellState.INCLUDED)
        return Cell(state=CellState.INHERITED, via=tier)


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
        return Cell(state=CellState.INCLUDED if feature.common or feature.id in self.features else CellState.EXCLUDED)


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


def frozen_map(data: dict) -> Mapping:
    """A read-only view for mappings stored in the model."""
    return MappingProxyType(dict(data))
