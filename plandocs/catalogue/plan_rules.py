"""The rules of plans.yml: bundles (parts known, no cycle, one tier per solution), the limits on
combinations, and retired plans with the current plans that replace them."""

from __future__ import annotations

from typing import Any

from plandocs.catalogue import shapes as s
from plandocs.catalogue.checker import Checker
from plandocs.catalogue.validation import closest
from plandocs.catalogue.yamlsource import Mark
from plandocs.derive.plans import bundle_features, held_plans
from plandocs.model import Bundle, Combination, CombinationRules, Feature, Plan, Retirement, Solution


class PlanRules(Checker):
    """Checks plans.yml against the base plans the solutions define."""

    def bundles(self, base: dict[str, Plan], defined: dict[str, Feature],
                common_ids: dict[Any, Mark]) -> dict[str, Bundle]:
        """The bundles by plan id, retired ones included: parts known, no cycle, one tier per solution."""
        entries = self.shapes["plans.yml"].bundles
        retired = self.retired_ids()
        seen: dict[Any, Mark] = {}
        shapes: dict[str, tuple[int, s.BundleShape]] = {}
        for i, bundle in enumerate(entries):
            fresh = self.unique(seen, bundle.id, "plans.yml", ("bundles", i, "id"), "bundle id")
            if self.unique(self.seen_plans, bundle.plan_id, "plans.yml", ("bundles", i, "plan_id"), "plan id") \
                    and fresh:
                shapes[bundle.plan_id] = (i, bundle)
        order = {plan_id: n for n, plan_id in enumerate(base)}
        built: dict[str, Bundle] = {}
        broken: set[str] = set()

        def resolve(plan_id: str, path: tuple[str, ...]) -> Bundle | None:
            if plan_id in built or plan_id in broken:
                return built.get(plan_id)
            i, shape = shapes[plan_id]
            loc = ("bundles", i)
            if not shape.parts:
                self.fail("plans.yml", (*loc, "parts"), f"bundle '{shape.id}' has no parts",
                          "a bundle is made of at least one plan")
            parts: list[Plan | Bundle] = []
            ok = bool(shape.parts)
            for j, part in enumerate(shape.parts):
                if part in path or part == plan_id:
                    cycle = [*path[path.index(part):], plan_id, part] if part in path else [plan_id, part]
                    self.fail("plans.yml", (*loc, "parts", j),
                              f"bundles contain each other in a cycle: {' -> '.join(cycle)}")
                    ok = False
                elif part in base:
                    parts.append(base[part])
                elif part in shapes:
                    inner = resolve(part, (*path, plan_id))
                    ok = ok and inner is not None
                    if inner is not None:
                        parts.append(inner)
                else:
                    self.fail("plans.yml", (*loc, "parts", j), f"unknown plan '{part}'",
                              closest(part, [*base, *shapes]))
                    ok = False
            for j, part in enumerate(shape.parts):
                if part in shape.parts[:j]:
                    self.fail("plans.yml", (*loc, "parts", j), f"'{part}' is listed twice")
                    ok = False
            adds = self.feature_list("plans.yml", loc, shape.features, defined, common_ids)
            plans = held_plans(tuple(parts), order) if ok else ()
            by_solution: dict[str, Plan] = {}
            for plan in plans:
                other = by_solution.setdefault(plan.solution.id, plan)
                if other is not plan:
                    self.fail("plans.yml", (*loc, "parts"), f"bundle '{shape.id}' holds two tiers of "
                              f"'{plan.solution.id}': {other.id} and {plan.id}", "a bundle holds one tier per solution")
                    ok = False
            if not ok:
                broken.add(plan_id)
                return None
            bundle = Bundle(
                id=shape.id, plan_id=plan_id, parts=tuple(parts), adds=adds, plans=plans,
                features=bundle_features(tuple(parts), frozenset(f.id for f in adds)), retired=plan_id in retired,
                name=self.text(shape.name, "plans.yml", (*loc, "name"), f"bundle.{shape.id}.name"),
                description=self.text(shape.description, "plans.yml", (*loc, "description"),
                                      f"bundle.{shape.id}.description"),
                link=None if shape.link is None else self.link(shape.link, "plans.yml", (*loc, "link"),
                                                               f"bundle.{shape.id}.link", f"bundles[{shape.id}]"))
            built[plan_id] = bundle
            return bundle

        for plan_id in shapes:
            resolve(plan_id, ())
        return {plan_id: built[plan_id] for plan_id in shapes if plan_id in built}

    def combination_rules(self, solutions: tuple[Solution, ...]) -> CombinationRules:
        """plans.yml `combinations`: the cap and the excluded pairs name known solutions."""
        shape = self.shapes["plans.yml"].combinations
        known = {solution.id for solution in solutions}
        pairs: set[frozenset[str]] = set()
        seen: dict[Any, Mark] = {}
        for i, pair in enumerate(shape.exclude):
            loc = ("combinations", "exclude", i)
            unknown = [(j, sid) for j, sid in enumerate(pair) if sid not in known]
            for j, sid in unknown:
                self.fail("plans.yml", (*loc, j), f"unknown solution '{sid}'", closest(sid, known))
            if not unknown and pair[0] == pair[1]:
                self.fail("plans.yml", loc, f"'{pair[0]}' is paired with itself",
                          "a combination holds one tier per solution anyway")
            elif not unknown and self.unique(seen, " and ".join(sorted(pair)), "plans.yml", loc, "excluded pair"):
                pairs.add(frozenset(pair))
        if shape.max_solutions is not None and shape.max_solutions > len(known):
            self.fail("plans.yml", ("combinations", "max_solutions"),
                      f"{shape.max_solutions} is more than the {len(known)} solutions there are")
        return CombinationRules(sold=shape.sold, max_solutions=shape.max_solutions, excluded_pairs=frozenset(pairs))

    def retirements(self, base: dict[str, Plan], bundles: dict[str, Bundle],
                    rules: CombinationRules) -> tuple[tuple[Retirement, ...], CombinationRules]:
        """plans.yml `retired`: what each retired plan was, and the current plans that replace it."""
        entries = self.shapes["plans.yml"].retired
        seen: dict[Any, Mark] = {}
        order = {plan_id: n for n, plan_id in enumerate(base)}
        combinations: list[tuple[str, ...]] = []
        pending: list[tuple[int, Plan | Bundle | Combination]] = []
        for i, entry in enumerate(entries):
            retired = self.offering(entry.plans, ("retired", i, "plans"), base, bundles, order)
            if retired is None:
                continue
            key = tuple(p.id for p in retired.plans) if isinstance(retired, Combination) else retired.plan_id
            if not self.unique(seen, key, "plans.yml", ("retired", i, "plans"), "retired plan"):
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
                self.fail("plans.yml", (*loc, j), f"'{pid}' is itself retired",
                          "name the current plan that replaces it")
            if gone:
                continue
            replacement = self.offering(ids, loc, base, bundles, order)
            if replacement is None:
                continue
            if isinstance(replacement, Combination) and not rules.allows(replacement.plans):
                self.fail("plans.yml", loc, f"{' + '.join(ids)} is not a combination that is sold",
                          "see `combinations` in plans.yml")
                continue
            result.append(Retirement(retired=retired, replaced_by=replacement.plans
                                     if isinstance(replacement, Combination) else (replacement,)))
        return tuple(result), rules

    def offering(self, ids: list[str], loc: tuple, base: dict[str, Plan], bundles: dict[str, Bundle],
                 order: dict[str, int]) -> Plan | Bundle | Combination | None:
        """The plan or bundle one id names, or the combination several base plan ids make."""
        known = True
        for j, pid in enumerate(ids):
            if pid not in base and pid not in bundles:
                self.fail("plans.yml", (*loc, j), f"unknown plan '{pid}'", closest(pid, [*base, *bundles]))
                known = False
        if not known:
            return None
        if len(ids) == 1:
            return base.get(ids[0]) or bundles[ids[0]]
        if any(pid in bundles for pid in ids):
            j = next(j for j, pid in enumerate(ids) if pid in bundles)
            self.fail("plans.yml", (*loc, j), f"'{ids[j]}' is a bundle; a combination is made of base plans")
            return None
        plans = sorted((base[pid] for pid in dict.fromkeys(ids)), key=lambda p: order[p.id])
        if len(plans) != len(ids) or len({p.solution.id for p in plans}) != len(plans):
            self.fail("plans.yml", loc, "a combination holds one tier per solution, each once")
            return None
        return Combination(plans=tuple(plans))
