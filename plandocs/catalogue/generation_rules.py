"""The rules of generations.yml: generations, cumulative plans and what they add, limits, usage levels and the
transition from an earlier generation. Functions over the shared checker (it records every problem)."""

from __future__ import annotations

from typing import Any

from plandocs.catalogue import shapes as s
from plandocs.catalogue.checker import Checker
from plandocs.catalogue.validation import closest
from plandocs.generations import (
    CUMULATIVE,
    SOLUTIONS,
    CumulativePlan,
    Generation,
    Limit,
    Metric,
    Transition,
    UsageLevel,
)
from plandocs.model import Feature, Plan

FILE = "generations.yml"


def generation_feature_lists(check: Checker) -> list[tuple[tuple, list[Any]]]:
    """Each cumulative plan's features: (location, entries), for the catalogue-wide feature definitions."""
    return [(("generations", i, "plans", j, "features"), plan.features)
            for i, generation in enumerate(check.shapes[FILE].generations)
            for j, plan in enumerate(generation.plans)]


def generations(check: Checker, plans: tuple[Plan, ...], features: dict[str, Feature],
                common: tuple[Feature, ...]) -> tuple[Generation, ...]:
    """Every generation of generations.yml, checked. `plans` are the base plans, retired ones too (the licenses
    a transition moves: every one sold needs a line); `features` every feature written out anywhere but in the
    common set."""
    seen: dict[Any, Any] = {}
    solutions_kind: int | None = None
    kinds = {g.id: g.kind for g in check.shapes[FILE].generations}
    built: list[Generation] = []
    leaves = _leaves(common)
    known = {**{f.id: f for group in common for f in (group, *group.children)}, **features}
    for i, shape in enumerate(check.shapes[FILE].generations):
        loc = ("generations", i)
        if not check.unique(seen, shape.id, FILE, (*loc, "id"), "generation id"):
            continue
        description = check.text(shape.description, FILE, (*loc, "description"), f"generation.{shape.id}.description")
        if shape.kind == SOLUTIONS:
            if solutions_kind is not None:
                check.fail(FILE, (*loc, "kind"), "a second generation of kind 'solutions' (the catalogue's "
                           "solutions belong to one)", "make one of them 'cumulative'")
            solutions_kind = i
            for key in ("plans", "limits", "scaling_metrics", "usage_levels", "transition"):
                if getattr(shape, key):
                    check.fail(FILE, (*loc, key), f"a generation of kind 'solutions' sells solutions.yml's plans: "
                               f"'{key}' belongs to a generation of kind 'cumulative'")
            built.append(Generation(id=shape.id, name=shape.name, short_name=shape.short_name, kind=SOLUTIONS,
                                    description=description))
            continue
        cumulative, own = _plans(check, shape, loc, known, leaves)
        transition = _transition(check, shape, loc, cumulative, plans, kinds)
        built.append(Generation(
            id=shape.id, name=shape.name, short_name=shape.short_name, kind=CUMULATIVE, description=description,
            plans=cumulative, features=own, metrics=_metrics(check, shape, loc),
            limits=_limits(check, shape, loc, cumulative), usage_levels=_usage_levels(check, shape, loc),
            transition=transition))
    return tuple(built)


def _leaves(common: tuple[Feature, ...]) -> dict[str, frozenset[str]]:
    """Feature id -> the leaf features it stands for (a common-set group: all of its own)."""
    result: dict[str, frozenset[str]] = {}
    for group in common:
        ids = frozenset(child.id for child in group.children) or frozenset({group.id})
        result[group.id] = ids
        for child in group.children:
            result[child.id] = frozenset({child.id})
    return result


def _plans(check: Checker, shape: s.GenerationShape, loc: tuple, features: dict[str, Feature],
           leaves: dict[str, frozenset[str]]) -> tuple[tuple[CumulativePlan, ...], tuple[Feature, ...]]:
    """The plans in order, each with everything the plans before it have; and the features new here."""
    if not shape.plans:
        check.fail(FILE, (*loc, "plans"), f"generation '{shape.id}' has no plans", "a cumulative generation "
                   "sells at least one plan")
    seen: dict[Any, Any] = {}
    listed: dict[str, tuple] = {}
    so_far: frozenset[str] = frozenset()
    plans, own = [], []
    for j, plan in enumerate(shape.plans):
        where = (*loc, "plans", j)
        fresh = check.unique(seen, plan.id, FILE, (*where, "id"), "plan id")
        adds = []
        for k, item in enumerate(plan.features):
            fid = item.id if isinstance(item, s.FeatureShape) else item
            at = (*where, "features", k)
            if fid in listed:
                first, _ = check.at(FILE, *listed[fid])
                check.fail(FILE, at, f"'{fid}' is listed twice in this generation (first at line {first.line})",
                           "a plan includes every plan before it: list a feature once, where it is added")
                continue
            listed[fid] = at
            if isinstance(item, s.FeatureShape):
                if fid in features:
                    own.append(features[fid])
                    adds.append(features[fid])
                continue
            if fid not in features:
                check.fail(FILE, at, f"unknown feature '{fid}'",
                           closest(fid, features) or "write it out once as {id: ..., label: ...}")
                continue
            adds.append(features[fid])
        if not fresh:
            continue
        so_far = so_far | frozenset().union(*(_ids(f, leaves) for f in adds))
        plans.append(CumulativePlan(
            id=plan.id, name=plan.name, rank=len(plans), adds=tuple(adds), features=so_far,
            description=check.text(plan.description, FILE, (*where, "description"),
                                   f"generation.{shape.id}.{plan.id}.description")))
    return tuple(plans), tuple(own)


def _ids(feature: Feature, leaves: dict[str, frozenset[str]]) -> frozenset[str]:
    return leaves.get(feature.id, frozenset({feature.id}))


def _metrics(check: Checker, shape: s.GenerationShape, loc: tuple) -> tuple[Metric, ...]:
    seen: dict[Any, Any] = {}
    return tuple(Metric(id=m.id, label=check.text(m.label, FILE, (*loc, "scaling_metrics", j, "label"),
                                                  f"metric.{m.id}.label"))
                 for j, m in enumerate(shape.scaling_metrics)
                 if check.unique(seen, m.id, FILE, (*loc, "scaling_metrics", j, "id"), "metric id"))


def _limits(check: Checker, shape: s.GenerationShape, loc: tuple,
            plans: tuple[CumulativePlan, ...]) -> tuple[Limit, ...]:
    """Each limit with a value for every plan, in plan order; a later plan never allows less."""
    seen: dict[Any, Any] = {}
    order = [plan.id for plan in plans]
    limits = []
    for j, limit in enumerate(shape.limits):
        where = (*loc, "limits", j)
        if not check.unique(seen, limit.id, FILE, (*where, "id"), "limit id"):
            continue
        for plan_id in limit.values:
            if plan_id not in order:
                check.fail(FILE, (*where, "values", plan_id), f"unknown plan '{plan_id}'", closest(plan_id, order))
        missing = [plan_id for plan_id in order if plan_id not in limit.values]
        if missing:
            check.fail(FILE, (*where, "values"), f"no value for plan '{missing[0]}'",
                       f"give every plan a number (0: not in the plan) or '{s.UNLIMITED}'")
        values = tuple(None if limit.values.get(p) == s.UNLIMITED else limit.values.get(p, 0) for p in order)
        for k in range(1, len(values)):
            earlier, later = values[k - 1], values[k]
            if earlier is None and later is not None or None not in (earlier, later) and later < earlier:
                check.fail(FILE, (*where, "values", order[k]), f"'{plans[k].name}' allows less than "
                           f"'{plans[k - 1].name}' before it", "a plan includes everything of the plans before it")
                break
        limits.append(Limit(id=limit.id, values=values,
                            label=check.text(limit.label, FILE, (*where, "label"), f"limit.{limit.id}.label"),
                            note=None if limit.note is None else check.text(limit.note, FILE, (*where, "note"),
                                                                            f"limit.{limit.id}.note")))
    return tuple(limits)


def _usage_levels(check: Checker, shape: s.GenerationShape, loc: tuple) -> tuple[UsageLevel, ...]:
    """The indicator's levels, from 0 % up, each starting higher than the one before."""
    seen: dict[Any, Any] = {}
    levels: list[UsageLevel] = []
    for j, level in enumerate(shape.usage_levels):
        where = (*loc, "usage_levels", j)
        if not check.unique(seen, level.id, FILE, (*where, "id"), "usage level id"):
            continue
        if not levels and level.at_least != 0:
            check.fail(FILE, (*where, "at_least"), "the first level starts at 0", "set at_least: 0")
        elif levels and level.at_least <= levels[-1].at_least:
            check.fail(FILE, (*where, "at_least"), f"starts at {level.at_least} %, not above the level before "
                       f"({levels[-1].at_least} %)", "list the levels from the lowest up")
        levels.append(UsageLevel(id=level.id, at_least=level.at_least,
                                 indicator=check.text(level.indicator, FILE, (*where, "indicator"),
                                                      f"usage.{level.id}.indicator"),
                                 meaning=check.text(level.meaning, FILE, (*where, "meaning"),
                                                    f"usage.{level.id}.meaning")))
    return tuple(levels)


def _transition(check: Checker, shape: s.GenerationShape, loc: tuple, plans: tuple[CumulativePlan, ...],
                base: tuple[Plan, ...], kinds: dict[str, str]) -> Transition | None:
    """A line per license of the earlier generation: every base plan sold, once, and retired ones if the
    catalogue says where they go (derive/transition.py moves every plan and combination sold from them)."""
    if shape.transition is None:
        return None
    where = (*loc, "transition")
    transition = shape.transition
    ok = True
    if kinds.get(transition.source) != SOLUTIONS:
        known = [gid for gid, kind in kinds.items() if kind == SOLUTIONS]
        check.fail(FILE, (*where, "source"), f"unknown generation '{transition.source}'" if transition.source
                   not in kinds else f"'{transition.source}' is not a generation of kind 'solutions'",
                   closest(transition.source, known) or f"generations of kind 'solutions': {', '.join(known)}")
        ok = False
    licenses = {plan.id: plan for plan in base}  # retired ones too: their holders still move
    by_id = {plan.id: plan for plan in plans}
    lines: list[tuple[Plan, CumulativePlan]] = []
    seen: dict[Any, Any] = {}
    for k, line in enumerate(transition.licenses):
        at = (*where, "licenses", k)
        if line.license not in licenses:
            check.fail(FILE, (*at, "license"), f"unknown license '{line.license}'",
                       closest(line.license, licenses) or "licenses are the base plan ids of solutions.yml")
            ok = False
        elif line.plan not in by_id:
            check.fail(FILE, (*at, "plan"), f"unknown plan '{line.plan}'",
                       closest(line.plan, by_id) or f"plans of '{shape.id}': {', '.join(by_id)}")
            ok = False
        elif check.unique(seen, line.license, FILE, (*at, "license"), "license"):
            lines.append((licenses[line.license], by_id[line.plan]))
    missing = [plan_id for plan_id, plan in licenses.items() if plan_id not in seen and not plan.retired]
    if missing and ok:
        check.fail(FILE, (*where, "licenses"), f"no line for license '{missing[0]}'",
                   "every base plan sold moves somewhere: add `- {license: ..., plan: ...}`")
    return Transition(source=transition.source, rule=transition.rule, lines=tuple(lines))
