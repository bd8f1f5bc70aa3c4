"""Facts computed from the catalogue: combinations, matrix sections and feature counts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from math import prod

from plandocs.model import Bundle, Catalogue, Combination, Feature, Plan, Solution, Text

# Above this many combinations the pages show the rule and the plan finder instead of a list:
# combinations grow as (tiers + 1) ^ solutions, and a page of thousands of rows helps no one.
LIST_LIMIT = 200
# Above this many rows a feature matrix is split in collapsed parts, one per group: a table of
# thousands of rows is not one a reader can use, and each part keeps its own header in view.
SPLIT_ROWS = 500


def combinations_listed(catalogue: Catalogue) -> bool:
    """Whether the pages list every combination (never enumerated otherwise)."""
    return combination_count(catalogue) <= LIST_LIMIT


def iter_combinations(catalogue: Catalogue) -> Iterator[Combination]:
    """Every multi-plan combination sold (two or more solutions, one tier each, within the catalogue's
    rules), in the sources' order.

    The order is a depth-first walk: for each solution in catalogue order and each of its
    tiers (lowest first), a combination is emitted as soon as it holds two plans, then
    extended with the solutions after the last one chosen. A choice the rules exclude is not
    extended either when an excluded pair or the cap is what rules it out.
    """
    rules = catalogue.rules
    if not rules.sold:
        return iter(())
    groups = [catalogue.plans_of(solution) for solution in catalogue.solutions]
    cap = rules.max_solutions or len(groups)

    def walk(start: int, chosen: tuple[Plan, ...]) -> Iterator[Combination]:
        for index in range(start, len(groups)):
            for plan in groups[index]:
                extended = chosen + (plan,)
                if any(frozenset((plan.solution.id, other.solution.id)) in rules.excluded_pairs for other in chosen):
                    continue
                if len(extended) >= 2 and rules.allows(extended):
                    yield Combination(plans=extended)
                if len(extended) < cap:
                    yield from walk(index + 1, extended)

    return walk(0, ())


def combination_count(catalogue: Catalogue) -> int:
    """How many combinations are sold, without listing them.

    Under the default rule, prod(tiers + 1) - 1 - sum(tiers). Otherwise by solution subsets of
    allowed size without an excluded pair, each worth the product of its solutions' tier counts.
    """
    rules = catalogue.rules
    sizes = [len(catalogue.plans_of(solution)) for solution in catalogue.solutions]
    if rules.default:
        return prod(size + 1 for size in sizes) - 1 - sum(sizes)
    if not rules.sold:
        return 0
    ids = [solution.id for solution in catalogue.solutions]
    cap = rules.max_solutions or len(ids)

    def count(start: int, chosen: tuple[int, ...]) -> int:
        total = 0
        for index in range(start, len(ids)):
            if any(frozenset((ids[index], ids[c])) in rules.excluded_pairs for c in chosen):
                continue
            extended = chosen + (index,)
            if len(extended) >= 2:
                total += prod(sizes[c] for c in extended)
            if len(extended) < cap:
                total += count(index + 1, extended)
        return total

    return count(0, ()) - len(rules.retired)


def leaf_features(features: tuple[Feature, ...]) -> Iterator[Feature]:
    """Features without sub-features, depth first (a group counts through its sub-features)."""
    for feature in features:
        if feature.children:
            yield from leaf_features(feature.children)
        else:
            yield feature


def feature_count(catalogue: Catalogue, plans: tuple[Plan | Bundle, ...]) -> int:
    """How many distinct features a user holding `plans` (base plans or bundles) gets, the common set included."""
    sold = frozenset().union(*(plan.features for plan in plans))
    return catalogue.common_leaf_count + len(sold)


@dataclass(frozen=True)
class Section:
    """A block of matrix rows under one heading (no heading for a lone common feature)."""

    id: str
    heading: Text | None
    features: tuple[Feature, ...]


def matrix_sections(catalogue: Catalogue, solutions: tuple[Solution, ...] | None = None,
                    bundles: tuple[Bundle, ...] | None = None) -> tuple[Section, ...]:
    """The matrix rows: each common group, then per solution the features it introduces, then per
    bundle the features of its own.

    A feature sold by several solutions is listed once, under the first solution that sells it; a
    feature only a retired plan has is not listed. With `solutions` given, only their features are
    listed (the common set is left out), and bundles only when `bundles` are given.
    """
    sections: list[Section] = []
    if solutions is None:
        solutions = catalogue.solutions
        bundles = catalogue.bundles if bundles is None else bundles
        for group in catalogue.common:
            if group.children:
                sections.append(Section(group.id, group.label, group.children))
            else:
                sections.append(Section(group.id, None, (group,)))
    placed: set[str] = set()
    for solution in solutions:
        sold = frozenset().union(*(plan.features for plan in catalogue.plans_of(solution)))
        offers = sorted(solution.offers + solution.retired_offers, key=lambda offer: offer.tier.rank)
        rows = _new_rows((f for offer in offers for f in offer.adds if f.id in sold), placed)
        if rows:
            sections.append(Section(solution.id, solution.name, rows))
    for bundle in bundles or ():
        rows = _new_rows(bundle.adds, placed)
        if rows:
            sections.append(Section(f"bundle-{bundle.bundle_id}", bundle.name, rows))
    return tuple(sections)


def _new_rows(features: Iterable[Feature], placed: set[str]) -> tuple[Feature, ...]:
    """The features not `placed` yet, each once (and now placed)."""
    rows: list[Feature] = []
    for feature in features:
        if feature.id not in placed:
            placed.add(feature.id)
            rows.append(feature)
    return tuple(rows)


def sections_with(sections: tuple[Section, ...], sold: frozenset[str]) -> tuple[Section, ...]:
    """The sections with only the common features and the sold features in `sold` (empty sections dropped)."""
    kept = (Section(section.id, section.heading, tuple(f for f in section.features if f.common or f.id in sold))
            for section in sections)
    return tuple(section for section in kept if section.features)


def group_starts(plans: tuple[Plan, ...], bundles: tuple[Bundle, ...]) -> set[str]:
    """The plan ids of the columns that open a group in a matrix: each solution's first, and the first bundle's."""
    starts: dict[str, str] = {}
    for plan in plans:
        starts.setdefault(plan.solution.id, plan.id)
    return set(starts.values()) | ({bundles[0].id} if bundles else set())


@dataclass(frozen=True)
class Part:
    """A collapsed part of a long matrix: the common set (all its groups, each under its heading), or the
    features one solution or bundle introduces."""

    id: str
    heading: Text | None
    sections: tuple[Section, ...]


def matrix_parts(sections: tuple[Section, ...], limit: int | None = None) -> tuple[Part, ...]:
    """The matrix in parts when it has more than `limit` rows (SPLIT_ROWS); () when it stays one table."""
    if sum(len(section.features) for section in sections) <= (SPLIT_ROWS if limit is None else limit):
        return ()
    common = tuple(section for section in sections if all(f.common for f in section.features))
    in_common = {id(section) for section in common}  # identity: comparing whole sections is quadratic
    parts = [Part("common", None, common)] if common else []
    return tuple(parts + [Part(section.id, section.heading, (section,)) for section in sections
                          if id(section) not in in_common])


def finder_sections(catalogue: Catalogue, shared_heading: Text) -> tuple[tuple[Section, ...], dict[str, tuple]]:
    """The plan finder's features, each listed once, and where each is sold.

    A feature only one solution sells stays under that solution (as in the matrix); one that several
    solutions sell is listed under `shared_heading`, after the solutions, so that it is not taken
    for one solution's. With them: {feature id: the plans that sell it}, each selling solution's
    lowest sold plan with it, then each bundle that adds it.
    """
    sold_in: dict[str, list] = {}
    for solution in catalogue.solutions:
        for plan in catalogue.plans_of(solution):  # lowest tier first
            for feature_id in plan.features:
                sellers = sold_in.setdefault(feature_id, [])
                if all(seller.solution.id != solution.id for seller in sellers if isinstance(seller, Plan)):
                    sellers.append(plan)
    for bundle in catalogue.bundles:
        for feature in bundle.adds:
            sold_in.setdefault(feature.id, []).append(bundle)
    by_solutions = {fid: {s.solution.id for s in sellers if isinstance(s, Plan)} for fid, sellers in sold_in.items()}
    sections: list[Section] = []
    shared: list[Feature] = []
    for section in matrix_sections(catalogue, catalogue.solutions, catalogue.bundles):
        own = tuple(f for f in section.features if len(by_solutions.get(f.id, ())) < 2)
        shared.extend(f for f in section.features if len(by_solutions.get(f.id, ())) >= 2)
        if own:
            sections.append(Section(section.id, section.heading, own))
    if shared:
        at = next((i for i, s in enumerate(sections) if s.id.startswith("bundle-")), len(sections))
        sections.insert(at, Section("shared", shared_heading, tuple(shared)))
    return tuple(sections), {fid: tuple(sellers) for fid, sellers in sold_in.items()}
