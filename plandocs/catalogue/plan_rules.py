"""The rules of plans.yml: bundles (parts known, no cycle, one tier per solution), the limits on
combinations, and retired plans with the current plans that replace them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plandocs.catalogue import shapes as s
from plandocs.catalogue.checker import Checker
from plandocs.catalogue.validation import closest
from plandocs.catalogue.yamlsource import Mark
from plandocs.derive.plans import bundle_features, held_plans
from plandocs.model import Bundle, Combination, CombinationRules, Feature, Plan, Retirement, Solution


def read_bundles(check: Checker, base: dict[str, Plan], defined: dict[str, Feature],
                 common_ids: dict[Any, Mark]) -> dict[str, Bundle]:
    """The bundles by plan id, retired ones included: parts known, no cycle, one tier per solution."""
    seen: dict[Any, Mark] = {}
    shapes: dict[str, tuple[int, s.BundleShape]] = {}
    for i, bundle in enumerate(check.shapes["plans.yml"].bundles):
        fresh = check.unique(seen, bundle.id, "plans.yml", ("bundles", i, "id"), "bundle id")
        if check.unique(check.seen_plans, bundle.plan_id, "plans.yml", ("bundles", i, "plan_id"), "plan id") \
                and fresh:
            shapes[bundle.plan_id] = (i, bundle)
    bundles = _Bundles(check, base, shapes, defined, common_ids, check.retired_ids())
    for plan_id in shapes:
        bundles.resolve(plan_id, ())
    return {plan_id: bundles.built[plan_id] for plan_id in shapes if plan_id in bundles.built}


@dataclass
class _Bundles:
    """Bundles resolved part by part, each once: a bundle may hold another bundle, never itself."""

    check: Checker
    base: dict[str, Plan]
    shapes: dict[str, tuple[int, s.BundleShape]]
    defined: dict[str, Feature]
    common_ids: dict[Any, Mark]
    retired: set[str]
    built: dict[str, Bundle] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)

    def resolve(self, plan_id: str, path: tuple[str, ...]) -> Bundle | None:
        if plan_id in self.built or plan_id in self.broken:
            return self.built.get(plan_id)
        i, shape = self.shapes[plan_id]
        loc = ("bundles", i)
        parts = self.parts(plan_id, shape, loc, path)
        adds = self.check.feature_list("plans.yml", loc, shape.features, self.defined, self.common_ids)
        plans = held_plans(tuple(parts), {pid: n for n, pid in enumerate(self.base)}) if parts is not None else ()
        if parts is None or not self.one_tier_each(shape, loc, plans):
            self.broken.add(plan_id)
            return None
        check = self.check
        bundle = Bundle(
            bundle_id=shape.id, id=plan_id, parts=tuple(parts), adds=adds, plans=plans,
            features=bundle_features(tuple(parts), frozenset(f.id for f in adds)), retired=plan_id in self.retired,
            name=check.text(shape.name, "plans.yml", (*loc, "name"), f"bundle.{shape.id}.name"),
            description=check.text(shape.description, "plans.yml", (*loc, "description"),
                                   f"bundle.{shape.id}.description"),
            link=None if shape.link is None else check.link(shape.link, "plans.yml", (*loc, "link"),
                                                            f"bundle.{shape.id}.link", f"bundles[{shape.id}]"))
        self.built[plan_id] = bundle
        return bundle

    def parts(self, plan_id: str, shape: s.BundleShape, loc: tuple,
              path: tuple[str, ...]) -> list[Plan | Bundle] | None:
        """The bundle's parts, or None when one is unknown, broken, in a cycle or listed twice."""
        if not shape.parts:
            self.check.fail("plans.yml", (*loc, "parts"), f"bundle '{shape.id}' has no parts",
                            "a bundle is made of at least one plan")
        parts = [self.part(plan_id, part, (*loc, "parts", j), path) for j, part in enumerate(shape.parts)]
        twice = [j for j, part in enumerate(shape.parts) if part in shape.parts[:j]]
        for j in twice:
            self.check.fail("plans.yml", (*loc, "parts", j), f"'{shape.parts[j]}' is listed twice")
        return [part for part in parts if part is not None] if shape.parts and not twice and None not in parts \
            else None

    def part(self, plan_id: str, part: str, loc: tuple, path: tuple[str, ...]) -> Plan | Bundle | None:
        if part in path or part == plan_id:
            cycle = [*path[path.index(part):], plan_id, part] if part in path else [plan_id, part]
            self.check.fail("plans.yml", loc, f"bundles contain each other in a cycle: {' -> '.join(cycle)}")
            return None
        if part in self.base:
            return self.base[part]
        if part in self.shapes:
            return self.resolve(part, (*path, plan_id))
        self.check.fail("plans.yml", loc, f"unknown plan '{part}'", closest(part, [*self.base, *self.shapes]))
        return None

    def one_tier_each(self, shape: s.BundleShape, loc: tuple, plans: tuple[Plan, ...]) -> bool:
        by_solution: dict[str, Plan] = {}
        ok = True
        for plan in plans:
            other = by_solution.setdefault(plan.solution.id, plan)
            if other is not plan:
                self.check.fail("plans.yml", (*loc, "parts"), f"bundle '{shape.id}' holds two tiers of "
                                f"'{plan.solution.id}': {other.id} and {plan.id}",
                                "a bundle holds one tier per solution")
                ok = False
        return ok


def read_combination_rules(check: Checker, solutions: tuple[Solution, ...]) -> CombinationRules:
    """plans.yml `combinations`: the cap and the excluded pairs name known solutions."""
    shape = check.shapes["plans.yml"].combinations
    known = {solution.id for solution in solutions}
    pairs: set[frozenset[str]] = set()
    seen: dict[Any, Mark] = {}
    for i, pair in enumerate(shape.exclude):
        loc = ("combinations", "exclude", i)
        unknown = [(j, sid) for j, sid in enumerate(pair) if sid not in known]
        for j, sid in unknown:
            check.fail("plans.yml", (*loc, j), f"unknown solution '{sid}'", closest(sid, known))
        if not unknown and pair[0] == pair[1]:
            check.fail("plans.yml", loc, f"'{pair[0]}' is paired with itself",
                      "a combination holds one tier per solution anyway")
        elif not unknown and check.unique(seen, " and ".join(sorted(pair)), "plans.yml", loc, "excluded pair"):
            pairs.add(frozenset(pair))
    if shape.max_solutions is not None and shape.max_solutions > len(known):
        check.fail("plans.yml", ("combinations", "max_solutions"),
                  f"{shape.max_solutions} is more than the {len(known)} solutions there are")
    return CombinationRules(sold=shape.sold, max_solutions=shape.max_solutions, excluded_pairs=frozenset(pairs))

def read_retirements(check: Checker, base: dict[str, Plan], bundles: dict[str, Bundle],
                rules: CombinationRules) -> tuple[tuple[Retirement, ...], CombinationRules]:
    """plans.yml `retired`: what each retired plan was, and the current plans that replace it."""
    entries = check.shapes["plans.yml"].retired
    seen: dict[Any, Mark] = {}
    order = {plan_id: n for n, plan_id in enumerate(base)}
    combinations: list[tuple[str, ...]] = []
    pending: list[tuple[int, Plan | Bundle | Combination]] = []
    for i, entry in enumerate(entries):
        retired = read_offering(check, entry.plans, ("retired", i, "plans"), base, bundles, order)
        if retired is None:
            continue
        key = tuple(p.id for p in retired.plans) if isinstance(retired, Combination) else retired.id
        if not check.unique(seen, key, "plans.yml", ("retired", i, "plans"), "retired plan"):
            continue
        if isinstance(retired, Combination) and not any(p.retired for p in retired.plans) \
                and rules.allows(retired.plans):
            combinations.append(key)  # no longer sold: out of the combination lists
        pending.append((i, retired))
    rules = CombinationRules(sold=rules.sold, max_solutions=rules.max_solutions,
                             excluded_pairs=rules.excluded_pairs, retired=frozenset(combinations))
    result: list[Retirement] = []
    for i, retired in pending:
        loc = ("retired", i, "replaced_by")
        ids = entries[i].replaced_by
        gone = [(j, pid) for j, pid in enumerate(ids)
                if (pid in base and base[pid].retired) or (pid in bundles and bundles[pid].retired)]
        for j, pid in gone:
            check.fail("plans.yml", (*loc, j), f"'{pid}' is itself retired",
                      "name the current plan that replaces it")
        if gone:
            continue
        replacement = read_offering(check, ids, loc, base, bundles, order)
        if replacement is None:
            continue
        if isinstance(replacement, Combination) and not rules.allows(replacement.plans):
            check.fail("plans.yml", loc, f"{' + '.join(ids)} is not a combination that is sold",
                      "see `combinations` in plans.yml")
            continue
        result.append(Retirement(retired=retired, replaced_by=replacement.plans
                                 if isinstance(replacement, Combination) else (replacement,)))
    return tuple(result), rules

def read_offering(check: Checker, ids: list[str], loc: tuple, base: dict[str, Plan], bundles: dict[str, Bundle],
             order: dict[str, int]) -> Plan | Bundle | Combination | None:
    """The plan or bundle one id names, or the combination several base plan ids make."""
    known = True
    for j, pid in enumerate(ids):
        if pid not in base and pid not in bundles:
            check.fail("plans.yml", (*loc, j), f"unknown plan '{pid}'", closest(pid, [*base, *bundles]))
            known = False
    if not known:
        return None
    if len(ids) == 1:
        return base.get(ids[0]) or bundles[ids[0]]
    if any(pid in bundles for pid in ids):
        j = next(j for j, pid in enumerate(ids) if pid in bundles)
        check.fail("plans.yml", (*loc, j), f"'{ids[j]}' is a bundle; a combination is made of base plans")
        return None
    plans = sorted((base[pid] for pid in dict.fromkeys(ids)), key=lambda p: order[p.id])
    if len(plans) != len(ids) or len({p.solution.id for p in plans}) != len(plans):
        check.fail("plans.yml", loc, "a combination holds one tier per solution, each once")
        return None
    return Combination(plans=tuple(plans))
