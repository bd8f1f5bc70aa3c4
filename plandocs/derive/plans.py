"""Tier inheritance: what each base plan includes, through the tiers its tier extends."""

from __future__ import annotations

from plandocs.model import Plan, Solution, Tier, frozen_map


def base_plans(solutions: tuple[Solution, ...], tiers: dict[str, Tier]) -> tuple[Plan, ...]:
    """One plan per solution and tier, with each sold feature and the tier that brings it.

    A tier includes what the tiers it extends include in the same solution: a higher tier's plan
    has the lower tier's features, each marked as coming from the tier that sells it.
    """
    plans: list[Plan] = []
    for solution in solutions:
        by_tier = {offer.tier.id: offer for offer in solution.offers}
        for offer in solution.offers:
            sources: dict[str, Tier] = {}
            current: str | None = offer.tier.id
            while current is not None:
                if current in by_tier:
                    for feature in by_tier[current].adds:
                        sources.setdefault(feature.id, tiers[current])
                current = tiers[current].extends
            plans.append(Plan(id=offer.plan_id, solution=solution, tier=offer.tier, sources=frozen_map(sources)))
    return tuple(plans)
