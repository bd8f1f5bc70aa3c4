"""Facts computed from the catalogue: combinations, matrix sections and feature counts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from math import prod

from plandocs.model import Catalogue, Combination, Feature, Plan, Solution, Text

# Above this many combinations the pages show the rule and the plan finder instead of a list:
# combinations grow as (tiers + 1) ^ solutions, and a page of thousands of rows helps no one.
LIST_LIMIT = 200


def combinations_listed(catalogue: Catalogue) -> bool:
    """Whether the pages list every combination (never enumerated otherwise)."""
    return combination_count(catalogue) <= LIST_LIMIT


def iter_combinations(catalogue: Catalogue) -> Iterator[Combination]:
    """Every multi-plan combination (two or more solutions, one tier each), in the sources' order.

    The order is a depth-first walk: for each solution in catalogue order and each of its
    tiers (lowest first), a combination is emitted as soon as it holds two plans, then
    extended with the solutions after the last one chosen.
    """
    groups = [catalogue.plans_of(solution) for solution in catalogue.solutions]

    def walk(start: int, chosen: tuple[Plan, ...]) -> Iterator[Combination]:
        for index in range(start, len(groups)):
            for plan in groups[index]:
                extended = chosen + (plan,)
                if len(extended) >= 2:
                    yield Combination(plans=extended)
                yield from walk(index + 1, extended)

    return walk(0, ())


def combination_count(catalogue: Catalogue) -> int:
    """How many combinations there are, without listing them: prod(tiers + 1) - 1 - sum(tiers)."""
    sizes = [len(catalogue.plans_of(solution)) for solution in catalogue.solutions]
    return prod(size + 1 for size in sizes) - 1 - sum(sizes)


def leaf_features(features: tuple[Feature, ...]) -> Iterator[Feature]:
    """Features without sub-features, depth first (a group counts through its sub-features)."""
    for feature in features:
        if feature.children:
            yield from leaf_features(feature.children)
        else:
            yield feature


def feature_count(catalogue: Catalogue, plans: tuple[Plan, ...]) -> int:
    """How many distinct features a user holding `plans` gets, the common set included."""
    sold = set()
    for plan in plans:
        sold.update(plan.sources)
    return sum(1 for _ in leaf_features(catalogue.common)) + len(sold)


@dataclass(frozen=True)
class Section:
    """A block of matrix rows under one heading (no heading for a lone common feature)."""

    id: str
    heading: Text | None
    features: tuple[Feature, ...]


def matrix_sections(catalogue: Catalogue, solutions: tuple[Solution, ...] | None = None) -> tuple[Section, ...]:
    """The matrix rows: each common group, then per solution the features it introduces.

    A feature sold by several solutions is listed once, under the first solution that sells it.
    With `solutions` given, only their features are listed (the common set is left out).
    """
    sections: list[Section] = []
    if solutions is None:
        solutions = catalogue.solutions
        for group in catalogue.common:
            if group.children:
                sections.append(Section(group.id, group.label, group.children))
            else:
                sections.append(Section(group.id, None, (group,)))
    placed: set[str] = set()
    for solution in solutions:
        rows: list[Feature] = []
        for offer in solution.offers:
            for feature in offer.adds:
                if feature.id not in placed:
                    placed.add(feature.id)
                    rows.append(feature)
        if rows:
            sections.append(Section(solution.id, solution.name, tuple(rows)))
    return tuple(sections)
