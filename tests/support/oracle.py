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
        for group in self.raw["common"]:
            self.labels[group["id"]] = group["label"]
            for child in group.get("features", []):
                self.labels[child["id"]] = child["label"]
        for solution in self.solutions:
            for offer in solution["tiers"]:
                for entry in offer["features"]:
                    if isinstance(entry, dict):
                        self.labels[entry["id"]] = entry["label"]

    def _text(self, value: str | dict, text_id: str) -> dict[str, str]:
        english = value["text"] if isinstance(value, dict) else value
        texts = {self.source: english}
        for lang, table in self.translations.items():
            if (text_id, english) in table:
                texts[lang] = table[(text_id, english)]
        return texts

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
        for feature in features:
            feature["label"] = self._text(feature["label"], f"feature.{feature['id']}.label")
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
        return len(self.solution_by_id(solution)["tiers"]) == 1

    def plan_name(self, plan: RawPlan, lang: str) -> str:
        if self.single_tier(plan.solution):  # sold in one tier: the solution's name alone
            return self.solution_name(plan.solution, lang)
        return self.ui("plan-name", lang, solution=self.solution_name(plan.solution, lang),
                       tier=self.tier_name(plan.tier, lang))

    def plan_heading(self, plan: RawPlan, lang: str) -> str:
        """A plan's column heading under its solution: the tier, or the solution when that is sold in one tier."""
        return self.solution_name(plan.solution, lang) if self.single_tier(plan.solution) else \
            self.tier_name(plan.tier, lang)

    def combination_name(self, plans: tuple[RawPlan, ...], lang: str) -> str:
        return self.ui("combination-joiner", lang).join(self.plan_name(p, lang) for p in plans)

    # -- plans --------------------------------------------------------------------------

    @staticmethod
    def feature_ids(offer: dict) -> list[str]:
        return [e["id"] if isinstance(e, dict) else e for e in offer["features"]]

    def plans(self) -> list[RawPlan]:
        ordered = []
        rank = self._tier_rank()
        for solution in self.solutions:
            for offer in sorted(solution["tiers"], key=lambda o: rank[o["tier"]]):
                ordered.append(RawPlan(solution["id"], offer["tier"], offer["plan_id"]))
        return ordered

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
        """Every choice of at most one tier per solution holding two or more solutions (plan ids)."""
        options = [[None] + self.plans_of(s["id"]) for s in self.solutions]
        result = set()
        for choice in itertools.product(*options):
            chosen = tuple(p.plan_id for p in choice if p is not None)
            if len(chosen) >= 2:
                result.add(chosen)
        return result

    def plan_by_id(self, plan_id: str) -> RawPlan:
        return next(p for p in self.plans() if p.plan_id == plan_id)
