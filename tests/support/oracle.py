"""Expected values computed straight from the raw YAML in data/, independently of plandocs.

The tests compare the built pages with this, so a bug in the loader or the renderer
cannot hide behind itself.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

from support.sources import ROOT


def _current_translations(path: Path) -> dict[tuple[str, str], str]:
    """(text id, English) -> translation, for each entry that is translated and not fuzzy."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {(m.context, m.id): m.string for m in catalog if m.id and m.string and not m.fuzzy}


@dataclass(frozen=True)
class RawPlan:
    solution: str
    tier: str
    plan_id: str


class Oracle:
    """Plain-dict reading of a catalogue folder.

    Texts are written in English in data/*.yml (a string, or {text, note}) and translated in
    data/i18n/<lang>.po (read here with Babel's PO reader, not the project's). The oracle gives
    every text as {language: text}, with the languages whose PO has a current translation.
    """

    def __init__(self, data_dir: Path = ROOT / "data") -> None:
        self.raw: dict = {}
        for path in sorted(Path(data_dir).glob("*.yml")):
            self.raw.update(yaml.safe_load(path.read_text(encoding="utf-8")))
        self.source: str = self.raw["source"]
        po_files = sorted((Path(data_dir) / "i18n").glob("*.po"))
        self.languages: list[str] = [self.source] + [p.stem for p in po_files]
        self.translations = {p.stem: _current_translations(p) for p in po_files}
        self._resolve_texts()
        self.tiers = {t["id"]: t for t in self.raw["tiers"]}
        self.solutions = self.raw["solutions"]
        self.labels: dict[str, dict[str, str]] = {}
        self.explained: dict[str, dict] = {}  # feature id -> its entry, for features with a description or link
        for group in self.raw["common"]:
            self.labels[group["id"]] = group["label"]
            for child in group.get("features", []) or [group]:
                self.labels[child["id"]] = child["label"]
                if "description" in child or "link" in child:
                    self.explained[child["id"]] = child
        for solution in self.solutions:
            for offer in solution["tiers"]:
                for entry in offer["features"]:
                    if isinstance(entry, dict):
                        self.labels[entry["id"]] = entry["label"]
                        if "description" in entry or "link" in entry:
                            self.explained[entry["id"]] = entry
        # plans.yml (optional): combination rules, bundles, retired plans
        self.rules: dict = self.raw.get("combinations") or {}
        self.bundles: list[dict] = self.raw.get("bundles") or []
        self.retired: list[dict] = self.raw.get("retired") or []
        self.retired_ids = {entry["plans"][0] for entry in self.retired if len(entry["plans"]) == 1}
        for bundle in self.bundles:
            for entry in bundle.get("features", []):
                if isinstance(entry, dict):
                    self.labels[entry["id"]] = entry["label"]
                    if "description" in entry or "link" in entry:
                        self.explained[entry["id"]] = entry

    def _text(self, value: str | dict, text_id: str) -> dict[str, str]:
        english = value["text"] if isinstance(value, dict) else value
        texts = {self.source: english}
        for lang, table in self.translations.items():
            if (text_id, english) in table:
                texts[lang] = table[(text_id, english)]
        return texts

    def _explanation(self, item: dict, prefix: str, keys: tuple[str, ...] = ("description", "link")) -> None:
        """A feature's, plan's or bundle's optional description and link, as {language: text}."""
        for key in keys:
            if key in item:
                item[key] = self._text(item[key], f"{prefix}.{key}")

    def _resolve_texts(self) -> None:
        """Replace each text of the raw data by {language: text} (ids as the PO files' msgctxt)."""
        raw = self.raw
        raw["ui"] = {key: self._text(value, f"ui.{key}") for key, value in raw["ui"].items()}
        for tier in raw["tiers"]:
            tier["name"] = self._text(tier["name"], f"tier.{tier['id']}.name")
        features = list(raw["common"]) + [child for g in raw["common"] for child in g.get("features", [])]
        for solution in raw["solutions"]:
            for key in ("name", "audience"):
                solution[key] = self._text(solution[key], f"solution.{solution['id']}.{key}")
            features += [e for offer in solution["tiers"] for e in offer["features"] if isinstance(e, dict)]
        for bundle in raw.get("bundles") or []:
            for key in ("name", "description"):
                bundle[key] = self._text(bundle[key], f"bundle.{bundle['id']}.{key}")
            features += [e for e in bundle.get("features", []) if isinstance(e, dict)]
        for feature in features:
            feature["label"] = self._text(feature["label"], f"feature.{feature['id']}.label")
            self._explanation(feature, f"feature.{feature['id']}")
        for solution in raw["solutions"]:
            for offer in solution["tiers"]:
                self._explanation(offer, f"plan.{offer['plan_id']}")
        for bundle in raw.get("bundles") or []:
            self._explanation(bundle, f"bundle.{bundle['id']}", ("link",))
        for addon in raw["addons"]:
            for key in ("name", "description", "link"):
                addon[key] = self._text(addon[key], f"addon.{addon['id']}.{key}")
        for period in raw["billing_periods"]:
            period["label"] = self._text(period["label"], f"billing.{period['id']}.label")
        for flag in raw["extra_flags"]:
            flag["meaning"] = self._text(flag["meaning"], f"licensing.flag-{flag['value']}.meaning")

    # -- words --------------------------------------------------------------------------

    def ui(self, key: str, lang: str, **values: str) -> str:
        return self.raw["ui"][key][lang].format(**values)

    def tier_name(self, tier: str, lang: str) -> str:
        return self.tiers[tier]["name"][lang]

    def solution_name(self, solution: str, lang: str) -> str:
        return self.solution_by_id(solution)["name"][lang]

    def solution_by_id(self, solution: str) -> dict:
        return next(s for s in self.solutions if s["id"] == solution)

    def single_tier(self, solution: str) -> bool:
        """Sold in one tier (retired tiers aside)."""
        return len([o for o in self.solution_by_id(solution)["tiers"] if o["plan_id"] not in self.retired_ids]) == 1

    def plan_name(self, plan: RawPlan, lang: str) -> str:
        if self.single_tier(plan.solution) and plan.plan_id not in self.retired_ids:  # the solution's name alone
            return self.solution_name(plan.solution, lang)
        return self.ui("plan-name", lang, solution=self.solution_name(plan.solution, lang),
                       tier=self.tier_name(plan.tier, lang))

    def plan_heading(self, plan: RawPlan, lang: str) -> str:
        """A plan's column heading under its solution: the tier, or the solution when that is sold in one tier."""
        return self.solution_name(plan.solution, lang) if self.single_tier(plan.solution) else \
            self.tier_name(plan.tier, lang)

    def combination_name(self, plans: tuple[RawPlan, ...], lang: str) -> str:
        return shown(self.ui("combination-joiner", lang).join(self.plan_name(p, lang) for p in plans))

    # -- plans --------------------------------------------------------------------------

    @staticmethod
    def feature_ids(offer: dict) -> list[str]:
        return [e["id"] if isinstance(e, dict) else e for e in offer["features"]]

    def all_plans(self) -> list[RawPlan]:
        """Every base plan, retired ones too, in price-list order."""
        ordered = []
        rank = self._tier_rank()
        for solution in self.solutions:
            for offer in sorted(solution["tiers"], key=lambda o: rank[o["tier"]]):
                ordered.append(RawPlan(solution["id"], offer["tier"], offer["plan_id"]))
        return ordered

    def plans(self) -> list[RawPlan]:
        """The base plans sold."""
        return [p for p in self.all_plans() if p.plan_id not in self.retired_ids]

    def plans_of(self, solution: str) -> list[RawPlan]:
        return [p for p in self.plans() if p.solution == solution]

    def _tier_rank(self) -> dict[str, int]:
        def depth(tier: str) -> int:
            parent = self.tiers[tier].get("extends")
            return 0 if parent is None else 1 + depth(parent)
        return {tier: depth(tier) for tier in self.tiers}

    def states(self, plan: RawPlan) -> dict[str, tuple[str, str | None]]:
        """feature id -> ("included", None) or ("inherited", tier it comes from), for sold features."""
        offers = {o["tier"]: o for o in self.solution_by_id(plan.solution)["tiers"]}
        result: dict[str, tuple[str, str | None]] = {}
        tier: str | None = plan.tier
        while tier is not None:
            if tier in offers:
                for fid in self.feature_ids(offers[tier]):
                    result.setdefault(fid, ("included", None) if tier == plan.tier else ("inherited", tier))
            tier = self.tiers[tier].get("extends")
        return result

    def common_ids(self) -> list[str]:
        ids = []
        for group in self.raw["common"]:
            ids.append(group["id"])
            ids.extend(child["id"] for child in group.get("features", []))
        return ids

    def common_leaves(self) -> list[str]:
        leaves = []
        for group in self.raw["common"]:
            children = group.get("features", [])
            leaves.extend([c["id"] for c in children] if children else [group["id"]])
        return leaves

    def feature_count(self, plans: tuple[RawPlan, ...]) -> int:
        sold = set()
        for plan in plans:
            sold.update(self.states(plan))
        return len(self.common_leaves()) + len(sold)

    def combinations_by_rule(self) -> set[tuple[str, ...]]:
        """Every choice of at most one tier per solution holding two or more solutions (plan ids), within
        plans.yml's limits (see `sells`)."""
        rules = dict(self.rules, retired=[e["plans"] for e in self.retired if len(e["plans"]) > 1])
        options = [[None] + self.plans_of(s["id"]) for s in self.solutions]
        result = set()
        for choice in itertools.product(*options):
            chosen = [(p.plan_id, p.solution) for p in choice if p is not None]
            if sells(rules, chosen):
                result.add(tuple(plan_id for plan_id, _ in chosen))
        return result

    def plan_by_id(self, plan_id: str) -> RawPlan:
        return next(p for p in self.all_plans() if p.plan_id == plan_id)

    # -- bundles and retired plans --------------------------------------------------------

    def bundle(self, plan_id: str) -> dict:
        return next(b for b in self.bundles if b["plan_id"] == plan_id)

    def is_bundle(self, plan_id: str) -> bool:
        return any(b["plan_id"] == plan_id for b in self.bundles)

    def current_bundles(self) -> list[dict]:
        return [b for b in self.bundles if b["plan_id"] not in self.retired_ids]

    def features_of(self, plan_id: str) -> set[str]:
        """The sold features of a base plan or a bundle (a bundle's: its parts', through bundles, and its own)."""
        if not self.is_bundle(plan_id):
            return set(self.states(self.plan_by_id(plan_id)))
        bundle = self.bundle(plan_id)
        own = {e["id"] if isinstance(e, dict) else e for e in bundle.get("features", [])}
        return own.union(*(self.features_of(part) for part in bundle["parts"]))

    def base_plans_in(self, plan_id: str) -> list[str]:
        """The base plan ids a plan or bundle holds, through bundles, in price-list order."""
        if not self.is_bundle(plan_id):
            return [plan_id]
        held = {pid for part in self.bundle(plan_id)["parts"] for pid in self.base_plans_in(part)}
        return [p.plan_id for p in self.all_plans() if p.plan_id in held]

    def name_of(self, ids: list[str] | tuple[str, ...], lang: str) -> str:
        """A plan's, a bundle's or a combination's name."""
        names = [self.bundle(pid)["name"][lang] if self.is_bundle(pid) else self.plan_name(self.plan_by_id(pid), lang)
                 for pid in ids]
        return shown(self.ui("combination-joiner", lang).join(names))

    def sold_feature_order(self) -> list[str]:
        """Sold feature ids in the order the catalogue writes them out (solutions, then bundles)."""
        order = []
        for solution in self.solutions:
            for offer in solution["tiers"]:
                order += [e["id"] for e in offer["features"] if isinstance(e, dict)]
        for bundle in self.bundles:
            order += [e["id"] for e in bundle.get("features", []) if isinstance(e, dict)]
        return order

    # -- the plan finder --------------------------------------------------------------------

    def finder_answers(self, needed: set[str]) -> set[tuple[str, ...]]:
        """What the plan finder should answer for `needed` (every answer, should several tie): the plan,
        bundle or combination sold that has them all, with the fewest solutions, then the fewest plans
        to buy (a bundle is one), then the lowest tiers; at a tie, the plans rather than a bundle."""
        rank = self._tier_rank()
        candidates: list[tuple[tuple[int, int, int, int], tuple[str, ...]]] = []
        for ids in [(p.plan_id,) for p in self.plans()] + sorted(self.combinations_by_rule()):
            plans = [self.plan_by_id(pid) for pid in ids]
            if needed <= set().union(*(self.states(p) for p in plans)):
                candidates.append(((len(ids), len(ids), sum(rank[p.tier] for p in plans), 0), ids))
        for bundle in self.current_bundles():
            if needed <= self.features_of(bundle["plan_id"]):
                held = [self.plan_by_id(pid) for pid in self.base_plans_in(bundle["plan_id"])]
                key = (len({p.solution for p in held}), 1, sum(rank[p.tier] for p in held), 1)
                candidates.append((key, (bundle["plan_id"],)))
        if not candidates:
            return set()
        best = min(key for key, _ in candidates)
        return {ids for key, ids in candidates if key == best}

    def explanation(self, item: dict, name: str, lang: str) -> str:
        """The muted line under a name: the description, then the link's words ('' without either)."""
        parts = [item["description"][lang]] if "description" in item else []
        if "link" in item:
            parts.append(self.ui("more-about", lang, name=name))
        return " ".join(parts)

    # -- product generations (generations.yml) ----------------------------------------------

    def suite_moves(self) -> dict[tuple[str, ...], tuple[str, str, set[str], set[str]]]:
        """For every base plan and every combination sold (plan ids held): the plan of the cumulative generation
        it moves to, the license that decides (highest-tier rule: the one whose plan comes latest; the first
        of equals), the features gained and the features lost (leaf ids, the common set counted as held)."""
        generation = next(g for g in self.raw.get("generations", []) if g.get("transition"))
        order = [plan["id"] for plan in generation["plans"]]
        groups = {g["id"]: [c["id"] for c in g.get("features", [])] or [g["id"]] for g in self.raw["common"]}
        has: dict[str, set[str]] = {}
        running: set[str] = set()
        for plan in generation["plans"]:
            for entry in plan.get("features", []):
                feature_id = entry["id"] if isinstance(entry, dict) else entry
                running |= set(groups.get(feature_id, [feature_id]))
            has[plan["id"]] = set(running)
        target = {line["license"]: line["plan"] for line in generation["transition"]["licenses"]}
        result = {}
        for ids in [(p.plan_id,) for p in self.plans()] + sorted(self.combinations_by_rule()):
            decider = ids[0]
            for plan_id in ids[1:]:
                if order.index(target[plan_id]) > order.index(target[decider]):
                    decider = plan_id
            plan = target[decider]
            held = set(self.common_leaves()).union(*(self.features_of(plan_id) for plan_id in ids))
            result[ids] = (plan, decider, has[plan] - held, held - has[plan])
        return result


def shown(text: str) -> str:
    """A name as a page shows it: HTML makes each run of spaces one (a joiner such as " + " may meet a
    translation's own space)."""
    return " ".join(text.split())


def sells(rules: dict, chosen: list[tuple[str, str]]) -> bool:
    """Whether plans.yml's `combinations` (with `retired`: the plan ids of retired combinations) sell this
    choice of (plan id, solution): sold at all, two solutions or more, at most `max_solutions`, no excluded
    pair, not retired. The combination cases (tests/fixtures/combination-cases.json) hold it to account."""
    solutions = {solution for _, solution in chosen}
    cap = rules.get("max_solutions") or len(chosen)
    return rules.get("sold", True) is not False and 2 <= len(chosen) <= cap \
        and not any(set(pair) <= solutions for pair in rules.get("exclude", [])) \
        and [plan_id for plan_id, _ in chosen] not in rules.get("retired", [])
