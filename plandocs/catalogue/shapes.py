"""The shape of each catalogue file, declared once: pydantic validates data/*.yml against these, and
`plandocs schema` writes them out as JSON Schemas for editors. Rules across files (references,
duplicates, cycles, tier order, placeholders) are the loader's (load.py)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag
from pydantic_core import PydanticCustomError

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
PLAN_ID_PATTERN = re.compile(r"^[a-z0-9]+$")
HTTPS_PATTERN = re.compile(r"^https://[^\s/]+\S*$")
NON_BLANK = r"\S"

# Tags of the two ways to write a text; they appear in validation locations and are not keys.
PLAIN_TEXT, TEXT_WITH_NOTE = "<text>", "<text and note>"
FEATURE_DEFINED, FEATURE_NAMED = "<feature written out>", "<feature id>"
LIMIT_NUMBER, LIMIT_WORD = "<number>", "<word>"
UNLIMITED = "unlimited"
TAGS = frozenset({PLAIN_TEXT, TEXT_WITH_NOTE, FEATURE_DEFINED, FEATURE_NAMED, LIMIT_NUMBER, LIMIT_WORD})


# A character that is no text: C0/C1 controls (but tab and newline), and bidirectional overrides.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def first_control(value: str) -> str | None:
    """The first character of `value` that is no text, or None."""
    found = _CONTROL.search(value)
    return found.group() if found else None


def _plain(value: str) -> str:
    control = first_control(value)
    if control is not None:
        raise PydanticCustomError("control_character", "contains the control character U+{code}",
                                  {"code": f"{ord(control):04X}"})
    return value


def is_https_address(url: str) -> bool:
    """An https:// address a browser can follow: a host, a valid port, no spaces, quotes or markup."""
    if not HTTPS_PATTERN.match(url) or any(ch in url for ch in "\"'<>`\\{}|^"):
        return False
    try:
        parts = urlsplit(url)
        _ = parts.port  # an invalid port raises here
    except ValueError:
        return False
    return bool(parts.hostname) and parts.username is None and parts.password is None


def _address(value: str) -> str:
    if HTTPS_PATTERN.match(value) and not is_https_address(value):
        raise PydanticCustomError("not_an_address", "'{value}' is not an address a browser can follow",
                                  {"value": value})
    return value


PlainStr = Annotated[str, StringConstraints(pattern=NON_BLANK), AfterValidator(_plain)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN.pattern)]
LangCode = Annotated[str, StringConstraints(pattern=LANG_PATTERN.pattern)]
PlanId = Annotated[str, StringConstraints(pattern=PLAN_ID_PATTERN.pattern)]
HttpsUrl = Annotated[str, StringConstraints(pattern=HTTPS_PATTERN.pattern), AfterValidator(_address)]


class Shape(BaseModel):
    """Strict: no coercion (text stays text, numbers numbers), no unknown keys."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class TextWithNote(Shape):
    """A text with a note for translators (it reaches them as a `#.` comment in the PO files)."""

    text: PlainStr
    note: PlainStr | None = None


def _text_kind(value: Any) -> str:
    return TEXT_WITH_NOTE if isinstance(value, dict) else PLAIN_TEXT


Text = Annotated[Annotated[PlainStr, Tag(PLAIN_TEXT)] | Annotated[TextWithNote, Tag(TEXT_WITH_NOTE)],
                 Discriminator(_text_kind)]
"""A reader-visible text, in the source language: plain, or {text, note}."""


class Languages(Shape):
    """languages.yml: the source language every text is written in, and the pseudo language."""

    source: LangCode
    pseudo: LangCode | None = None


class Ui(Shape):
    """ui.yml: the words of the page furniture (headers, captions, legends), by id."""

    ui: dict[Id, Text]


class TierShape(Shape):
    """A level solutions are sold at; `extends` names the tier whose features it includes too."""

    id: Id
    name: Text
    extends: Id | None = None


class Tiers(Shape):
    """tiers.yml."""

    tiers: list[TierShape] = Field(min_length=1)


class FeatureShape(Shape):
    """A feature, written out where it is defined; `description` and `link` (optional) explain it."""

    id: Id
    label: Text
    description: Text | None = None
    link: Text | None = None  # a text, so a translation can point at its own language's page


class CommonGroup(Shape):
    """A group of the common feature set, with its features (or standing alone)."""

    id: Id
    label: Text
    description: Text | None = None
    link: Text | None = None
    features: list[FeatureShape] | None = Field(default=None, min_length=1)


class Features(Shape):
    """features.yml: the common feature set every plan has."""

    common: list[CommonGroup] = Field(min_length=1)


def _feature_kind(value: Any) -> str | None:
    return FEATURE_DEFINED if isinstance(value, dict) else FEATURE_NAMED if isinstance(value, str) else None


SoldFeature = Annotated[Annotated[FeatureShape, Tag(FEATURE_DEFINED)] | Annotated[Id, Tag(FEATURE_NAMED)],
                        Discriminator(_feature_kind, custom_error_type="feature_entry",
                                      custom_error_message="expected a feature id or {id, label}")]
"""A feature a tier adds: written out where it is first sold, named by its id elsewhere."""


class OfferShape(Shape):
    """One tier of a solution: a base plan, and the features it adds to the tier it extends."""

    tier: Id
    plan_id: PlanId
    description: Text | None = None
    link: Text | None = None
    features: list[SoldFeature] = Field(min_length=1)


class SolutionShape(Shape):
    """A stand-alone solution with the tiers it is sold in."""

    id: Id
    name: Text
    audience: Text
    link: HttpsUrl
    tiers: list[OfferShape] = Field(min_length=1)


class Solutions(Shape):
    """solutions.yml."""

    solutions: list[SolutionShape] = Field(min_length=1)


class AddOnShape(Shape):
    """An add-on subscription; `link` is a text, so a translation can point at its own language's page."""

    id: Id
    name: Text
    description: Text
    link: Text


class AddOns(Shape):
    """addons.yml."""

    addons: list[AddOnShape]


class PeriodShape(Shape):
    """A billing period a customer can choose."""

    id: Id
    months: int = Field(ge=1)
    label: Text


class ContractShape(Shape):
    """The contract term, and whether it renews by itself."""

    months: int = Field(ge=1)
    renews_automatically: bool


class Billing(Shape):
    """billing.yml."""

    billing_periods: list[PeriodShape] = Field(min_length=1)
    contract: ContractShape


class FlagShape(Shape):
    """One value of ExtraFlags in module license records."""

    value: int = Field(ge=0)
    meaning: Text


class ExampleShape(Shape):
    """A plan license as it appears in license records."""

    plans: list[PlainStr] = Field(min_length=1)
    license: PlainStr
    hidden_licenses: list[Id] = []
    marker: PlainStr | None = None
    description: PlainStr | None = None


class Licensing(Shape):
    """licensing.yml: how user plans are identified in module license records."""

    extra_flags: list[FlagShape] = Field(min_length=1)
    user_plan_flag: int = Field(ge=0)
    extra_info_prefix: PlainStr
    examples: list[ExampleShape]


class CombinationRules(Shape):
    """Which multi-plan combinations are sold: by default any two or more solutions, one tier each."""

    sold: bool = True  # false: bundles replace combinations altogether
    max_solutions: int | None = Field(default=None, ge=2)
    exclude: list[Annotated[list[Id], Field(min_length=2, max_length=2)]] = []  # solution pairs never combined


class BundleShape(Shape):
    """A named plan made of other plans (by plan id), with features of its own if any."""

    id: Id
    name: Text
    description: Text
    plan_id: PlanId
    link: Text | None = None
    parts: list[PlanId]
    features: list[SoldFeature] = []


class RetiredShape(Shape):
    """A plan no longer sold (one plan id, or several for a combination) and what replaces it."""

    plans: list[PlanId] = Field(min_length=1)
    replaced_by: list[PlanId] = Field(min_length=1)


class Plans(Shape):
    """plans.yml: how plans are sold together (combinations, bundles) and which are retired."""

    combinations: CombinationRules = CombinationRules()
    bundles: list[BundleShape] = []
    retired: list[RetiredShape] = []


def _limit_kind(value: Any) -> str | None:
    return LIMIT_NUMBER if isinstance(value, int) and not isinstance(value, bool) else \
        LIMIT_WORD if value == UNLIMITED else None


LimitValue = Annotated[Annotated[int, Field(ge=0), Tag(LIMIT_NUMBER)] | Annotated[Literal[UNLIMITED], Tag(LIMIT_WORD)],
                       Discriminator(_limit_kind, custom_error_type="limit_value",
                                     custom_error_message=f"expected a whole number or '{UNLIMITED}'")]
"""A plan limit: how many (0: none at all), or unlimited."""


class CumulativePlanShape(Shape):
    """A plan of a cumulative generation: it includes every plan before it, and adds `features` (written out
    where new, or a feature id of another generation; a common-set group stands for all its features)."""

    id: Id
    name: PlainStr  # a brand name, the same in every language
    description: Text
    features: list[SoldFeature] = []


class MetricShape(Shape):
    """A scaling metric: usage beyond the plan's allowance is billed."""

    id: Id
    label: Text


class LimitShape(Shape):
    """A plan limit, with its value for every plan of the generation (by plan id)."""

    id: Id
    label: Text
    values: dict[Id, LimitValue]
    note: Text | None = None


class UsageLevelShape(Shape):
    """A level of the usage indicator against a limit, from `at_least` percent of it."""

    id: Id
    at_least: int = Field(ge=0, le=100)
    indicator: Text
    meaning: Text


class TransitionLine(Shape):
    """One license of the earlier generation (a base plan id) and the plan it moves to."""

    license: PlanId
    plan: Id


class TransitionShape(Shape):
    """How customers of an earlier generation move to this one; `rule` decides for several licenses."""

    source: Id
    rule: Literal["highest-tier"]
    licenses: list[TransitionLine] = Field(min_length=1)


class GenerationShape(Shape):
    """A product generation: `solutions` (solutions.yml's solutions in tiers) or `cumulative` (plans in order)."""

    id: Id
    name: PlainStr  # brand names, the same in every language
    short_name: PlainStr
    kind: Literal["solutions", "cumulative"]
    description: Text
    plans: list[CumulativePlanShape] = []
    scaling_metrics: list[MetricShape] = []
    limits: list[LimitShape] = []
    usage_levels: list[UsageLevelShape] = []
    transition: TransitionShape | None = None


class Generations(Shape):
    """generations.yml: the product generations the site documents side by side."""

    generations: list[GenerationShape] = []


# file name -> its shape, in the order the loader reads them
FILES: dict[str, type[Shape]] = {
    "languages.yml": Languages,
    "ui.yml": Ui,
    "tiers.yml": Tiers,
    "features.yml": Features,
    "solutions.yml": Solutions,
    "plans.yml": Plans,
    "addons.yml": AddOns,
    "billing.yml": Billing,
    "licensing.yml": Licensing,
    "generations.yml": Generations,
}

# files a catalogue may leave out: each value then takes its default (plans.yml: today's rule, no bundles)
OPTIONAL_FILES = frozenset({"plans.yml", "generations.yml"})
