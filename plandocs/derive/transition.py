"""Moving to a cumulative generation: where every license and every combination of licenses goes, and what its
holder gains and loses. The catalogue gives one line per license; the rest follows from the rule."""

from __future__ import annotations

from plandocs.derive.combinations import iter_combinations, leaf_features
from plandocs.generations import Generation, Move
from plandocs.model import Catalogue, Combination, Plan


def move(catalogue: Catalogue, generation: Generation, licenses: Plan | Combination) -> Move:
    """Where a holder of `licenses` moves: the plan of the license whose plan comes latest (highest-tier rule;
    of two licenses with the same plan, the first in price-list order decides)."""
    transition = generation.transition
    assert transition is not None, f"generation '{generation.id}' has no transition"
    decided_by = max(licenses.plans, key=lambda license: transition.plan_for(license).rank)
    plan = transition.plan_for(decided_by)
    held = frozenset(f.id for f in leaf_features(catalogue.common)) | licenses.features
    return Move(licenses=licenses, plan=plan, decided_by=decided_by, gained=plan.features - held,
                lost=held - plan.features)


def moves(catalogue: Catalogue, generation: Generation) -> tuple[Move, ...]:
    """Every base plan sold, then every combination sold, in price-list order, with where it moves."""
    if generation.transition is None:
        return ()
    return tuple(move(catalogue, generation, licenses)
                 for licenses in (*catalogue.plans, *iter_combinations(catalogue)))
