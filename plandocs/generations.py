"""Product generations in the typed catalogue: CRM Online's solutions beside CRM Suite's cumulative plans,
their limits and scaling metrics, and the move from one generation to the next, license by license."""

from __future__ import annotations

from dataclasses import dataclass

from plandocs.offerings import Combination, Feature, Plan, Text

SOLUTIONS, CUMULATIVE = "solutions", "cumulative"  # the two shapes a generation can have


@dataclass(frozen=True, kw_only=True)
class CumulativePlan:
    """A plan of a cumulative generation: it includes every plan before it (`rank` counts them)."""

    id: str
    name: str  # a brand name, the same in every language
    description: Text
    rank: int
    adds: tuple[Feature, ...]  # what it adds to the plan before it, in the catalogue's order
    features: frozenset[str]  # everything it has: its own and every earlier plan's features (leaf ids)


@dataclass(frozen=True, kw_only=True)
class Limit:
    """A plan limit: one value per plan, in plan order (None: unlimited; 0: not in the plan)."""

    id: str
    label: Text
    values: tuple[int | None, ...]
    note: Text | None = None


@dataclass(frozen=True, kw_only=True)
class Metric:
    """A scaling metric: usage beyond the plan's allowance is billed in blocks."""

    id: str
    label: Text


@dataclass(frozen=True, kw_only=True)
class UsageLevel:
    """A level of the usage indicator, from `at_least` percent of a limit up to the next level."""

    id: str
    at_least: int
    indicator: Text
    meaning: Text


@dataclass(frozen=True, kw_only=True)
class Move:
    """Where a license, or a combination of licenses, of the earlier generation moves, and what changes."""

    licenses: Plan | Combination
    plan: CumulativePlan
    decided_by: Plan  # the license whose plan is highest (the only one for a single license)
    gained: frozenset[str]  # feature ids the user did not have
    lost: frozenset[str]  # feature ids the user had and the plan does not include


@dataclass(frozen=True, kw_only=True)
class Transition:
    """How customers of `source` move: a line per license, and the rule for several (derive/transition.py)."""

    source: str  # the earlier generation's id
    rule: str  # "highest-tier": several licenses move to the plan of the license whose plan is highest
    lines: tuple[tuple[Plan, CumulativePlan], ...]

    def plan_for(self, license: Plan) -> CumulativePlan:
        """The plan one license moves to."""
        return next(plan for held, plan in self.lines if held.id == license.id)


@dataclass(frozen=True, kw_only=True)
class Generation:
    """A product generation. One of kind SOLUTIONS sells the catalogue's solutions in tiers (its plans are the
    catalogue's base plans); one of kind CUMULATIVE sells `plans`, each including the one before."""

    id: str
    name: str  # brand names, the same in every language
    short_name: str
    kind: str
    description: Text
    plans: tuple[CumulativePlan, ...] = ()
    features: tuple[Feature, ...] = ()  # features new in this generation (its plans' `adds` written out here)
    metrics: tuple[Metric, ...] = ()
    limits: tuple[Limit, ...] = ()
    usage_levels: tuple[UsageLevel, ...] = ()
    transition: Transition | None = None

    def plan(self, plan_id: str) -> CumulativePlan:
        """The plan with this id (KeyError names the id if unknown)."""
        for plan in self.plans:
            if plan.id == plan_id:
                return plan
        raise KeyError(plan_id)
