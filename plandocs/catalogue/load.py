"""Read data/*.yml, check every rule, and build the typed catalogue (all problems at once)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from plandocs.errors import CatalogueError, Problem
from plandocs.translation.lookup import placeholders
from plandocs.catalogue.model import (
    AddOn,
    BillingPeriod,
    Catalogue,
    Contract,
    Feature,
    FlagMeaning,
    LicenseExample,
    Licensing,
    Offer,
    Plan,
    Solution,
    Text,
    Tier,
    TranslationState,
    frozen_map,
)
from plandocs.translation.po import Entry, read_po
from plandocs.catalogue.yamlsource import Located, Mark, YList, YMap, read_text_file, read_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
I18N_DIR = "i18n"  # data/i18n/<lang>.po: one PO file per translated language
TEMPLATE_NAME = "messages.pot"  # data/i18n/messages.pot: the template for new languages

# file name -> the top-level keys it may hold (all required)
FILES: dict[str, tuple[str, ...]] = {
    "languages.yml": ("source",),
    "ui.yml": ("ui",),
    "tiers.yml": ("tiers",),
    "features.yml": ("common",),
    "solutions.yml": ("solutions",),
    "addons.yml": ("addons",),
    "billing.yml": ("billing_periods", "contract"),
    "licensing.yml": ("extra_flags", "user_plan_flag", "extra_info_prefix", "examples"),
}


def _closest(word: str, choices: Iterable[str]) -> str | None:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else None


@dataclass(frozen=True)
class Translations:
    """One language's PO file, as the loader uses it: entries by text id (msgctxt)."""

    display: str
    entries: dict[str, Entry]


def read_translations(path: Path, display: str) -> Translations:
    """Read data/i18n/<lang>.po (located CatalogueError on any problem)."""
    po = read_po(read_text_file(path, display), display)
    return Translations(display, {e.msgctxt: e for e in po.entries if not e.obsolete and e.msgctxt is not None})


class _Reader:
    """Typed access to parsed YAML that records a located problem instead of failing early."""

    def __init__(self, translations: dict[str, Translations] | None = None) -> None:
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ()
        self.texts: list[Text] = []
        self.translations = translations or {}
        # language -> text id -> (state, file, line): where each text stands in each PO file
        self.states: dict[str, dict[str, TranslationState]] = {lang: {} for lang in self.translations}

    def fail(self, mark: Mark, path: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(mark.file, mark.line, mark.col, path, message, hint))

    # -- containers ---------------------------------------------------------------------

    def mapping(self, value: Any, mark: Mark, path: str, required: tuple[str, ...],
                optional: tuple[str, ...] = ()) -> YMap | None:
        """`value` as a mapping with exactly the allowed keys, or None after a problem."""
        if not isinstance(value, YMap):
            self.fail(mark, path, f"expected a mapping, found {_kind(value)}")
            return None
        allowed = required + optional
        for key in value:
            if key not in allowed:
                self.fail(value.key_marks.get(key, value.mark), _join(path, str(key)), "unknown key",
                          _closest(str(key), allowed) or f"allowed keys: {', '.join(allowed)}")
        for key in required:
            if key not in value:
                self.fail(value.mark, path, f"missing key '{key}'")
        return value

    def items(self, parent: YMap, key: str, path: str, *, allow_empty: bool = False) -> list[tuple[Any, Mark, int]]:
        """The entries of the list under `key`, each with its mark and index."""
        if key not in parent:
            return []
        value = parent[key]
        mark = parent.mark_of(key)
        if not isinstance(value, YList):
            self.fail(mark, _join(path, key), f"expected a list, found {_kind(value)}")
            return []
        if not value and not allow_empty:
            self.fail(mark, _join(path, key), "the list is empty")
        return [(item, value.mark_of(i), i) for i, item in enumerate(value)]

    # -- scalars ------------------------------------------------------------------------

    def string(self, parent: YMap, key: str, path: str) -> str | None:
        if key not in parent:
            return None
        value, mark = parent[key], parent.mark_of(key)
        if not isinstance(value, str):
            self.fail(mark, _join(path, key), f"expected text, found {_kind(value)}")
            return None
        if not value.strip():
            self.fail(mark, _join(path, key), "is empty")
            return None
        control = next((ch for ch in value if _is_control(ch)), None)
        if control is not None:
            self.fail(mark, _join(path, key), f"contains the control character U+{ord(control):04X}",
                      "catalogue texts are plain text: remove it")
            return None
        return value

    def ident(self, parent: YMap, key: str, path: str) -> str | None:
        value = self.string(parent, key, path)
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.fail(parent.mark_of(key), _join(path, key), f"'{value}' is not a valid id",
                      "use lower-case letters, digits and single hyphens, like 'feature-name'")
            return None
        return value

    def integer(self, parent: YMap, key: str, path: str, minimum: int = 0) -> int | None:
        if key not in parent:
            return None
        value, mark = parent[key], parent.mark_of(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(mark, _join(path, key), f"expected a whole number, found {_kind(value)}")
            return None
        if value < minimum:
            self.fail(mark, _join(path, key), f"must be at least {minimum}")
            return None
        return value

    def boolean(self, parent: YMap, key: str, path: str) -> bool | None:
        if key not in parent:
            return None
        value = parent[key]
        if not isinstance(value, bool):
            self.fail(parent.mark_of(key), _join(path, key), f"expected true or false, found {_kind(value)}")
            return None
        return value

    def text(self, parent: YMap, key: str, path: str, text_id: str) -> Text:
        """A reader-visible string: written once in the source language, plain or as {text, note}.

        Its translations come from the PO files: one counts only when its msgid is the current
        source text and it is not fuzzy. Missing and stale ones are recorded for the status and
        the build, which report them; they are not errors of the catalogue.
        """
        where = _join(path, key)
        if key not in parent:
            return Text(text_id, {})
        mark = parent.mark_of(key)
        note = None
        if isinstance(parent[key], YMap):
            entry = self.mapping(parent[key], mark, where, ("text",), ("note",))
            if entry is None:
                return Text(text_id, {})
            source_text = self.string(entry, "text", where)
            note = self.string(entry, "note", where) if "note" in entry else None
        else:
            source_text = self.string(parent, key, path)
        if source_text is None:
            if self.problems:  # string() reported wrong type or emptiness; name the id too
                self.problems[-1] = _with_id(self.problems[-1], text_id)
            return Text(text_id, {})
        values = {self.languages[0]: source_text} if self.languages else {}
        for lang, po in self.translations.items():
            values.update(self._translation(po, lang, text_id, source_text, mark))
        text = Text(text_id, frozen_map(values), note=note, file=mark.file, line=mark.line, start=mark.start)
        self.texts.append(text)
        return text

    def _translation(self, po: Translations, lang: str, text_id: str, source_text: str, mark: Mark) -> dict:
        """{lang: translation} when the PO has a current one; records the text's state either way."""
        entry = po.entries.get(text_id)
        if entry is None or not entry.msgstr:
            where = (po.display, entry.line) if entry else (mark.file, mark.line)
            self.states[lang][text_id] = TranslationState("missing", *where)
            return {}
        if entry.fuzzy or entry.msgid != source_text:
            self.states[lang][text_id] = TranslationState("stale", po.display, entry.line)
            return {}
        self.states[lang][text_id] = TranslationState("translated", po.display, entry.line)
        location = Mark(po.display, entry.msgstr_line, 1)
        control = next((ch for ch in entry.msgstr if _is_control(ch)), None)
        if control is not None:
            self.fail(location, text_id, f"the {lang} translation contains the control character "
                      f"U+{ord(control):04X}", "translations are plain text: remove it")
            return {}
        expected = placeholders(source_text)
        if placeholders(entry.msgstr) != expected:
            self.fail(location, text_id, f"the {lang} translation must use the placeholders of the source "
                      f"text: {', '.join('{' + p + '}' for p in sorted(expected)) or 'none'}")
            return {}
        return {lang: entry.msgstr}

    def unique(self, seen: dict[str, Mark], value: str | None, mark: Mark, path: str, what: str) -> None:
        """Record `value` as used; a second use is a problem naming the first."""
        if value is None:
            return
        if value in seen:
            first = seen[value]
            self.fail(mark, path, f"duplicate {what} '{value}' (first at line {first.line})")
        else:
            seen[value] = mark


def _is_control(ch: str) -> bool:
    """A character that is no text: C0/C1 controls (but tab and newline), and bidirectional overrides."""
    return (unicodedata.category(ch) == "Cc" and ch not in "\t\n") or "\u202a" <= ch <= "\u202e" \
        or "\u2066" <= ch <= "\u2069"


def _with_id(problem: Problem, text_id: str) -> Problem:
    return Problem(problem.file, problem.line, problem.col, problem.path,
                   f"{problem.message} (text '{text_id}')", problem.hint)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {bool: "true/false", int: "a number", float: "a number", str: "text",
            YMap: "a mapping", YList: "a list"}.get(type(value), type(value).__name__)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _entry(path: str, key: str, index: int, ident: str | None) -> str:
    return f"{_join(path, key)}[{ident if ident else index}]"


# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageSettings:
    """The source language, the pseudo language and all catalogue languages, source first."""

    source: str
    pseudo: str | None
    languages: tuple[str, ...]


def language_settings(data_dir: Path) -> LanguageSettings:
    """data/languages.yml and the names in data/i18n/, read without loading the whole catalogue."""
    doc = read_yaml(Path(data_dir) / "languages.yml", f"{Path(data_dir).name}/languages.yml")
    source = str(doc.get("source", ""))
    pseudo = doc.get("pseudo") if isinstance(doc.get("pseudo"), str) else None
    translated = translated_languages(Path(data_dir))
    return LanguageSettings(source, pseudo, tuple(dict.fromkeys([source, *translated])))


def translated_languages(data_dir: Path) -> list[str]:
    """The languages that have a PO file in data/i18n/."""
    return sorted(p.stem for p in (data_dir / I18N_DIR).glob("*.po"))


def load_catalogue(data_dir: Path, *, translations: bool = True) -> Catalogue:
    """Load and validate every catalogue file under `data_dir`; raise CatalogueError listing all problems.

    Without `translations`, the PO files are not read (the source-language catalogue alone, as
    `plandocs i18n update` needs it to bring them up to date).
    """
    data_dir = Path(data_dir)
    prefix = data_dir.name
    documents: dict[str, YMap] = {}
    problems: list[Problem] = []
    for name in FILES:
        path = data_dir / name
        display = f"{prefix}/{name}"
        if not path.exists() and not path.is_symlink():
            problems.append(Problem(display, 1, 1, "", "file is missing"))
            continue
        try:
            documents[name] = read_yaml(path, display)
        except CatalogueError as error:
            problems.extend(error.problems)
    extra = sorted(p.name for p in data_dir.glob("*.y*ml") if p.name not in FILES)
    for name in extra:
        problems.append(Problem(f"{prefix}/{name}", 1, 1, "", "not a catalogue file",
                                _closest(name, FILES) or f"catalogue files: {', '.join(FILES)}"))
    po_files: dict[str, Translations] = {}
    for path in sorted((data_dir / I18N_DIR).glob("*")):
        display = f"{prefix}/{I18N_DIR}/{path.name}"
        if path.name == TEMPLATE_NAME:
            continue
        if path.suffix != ".po" or not LANG_PATTERN.fullmatch(path.stem):
            problems.append(Problem(display, 1, 1, "", "not a translations file",
                                    f"name it <language code>.po; {TEMPLATE_NAME} is the template"))
            continue
        if translations:
            try:
                po_files[path.stem] = read_translations(path, display)
            except CatalogueError as error:
                problems.extend(error.problems)
        else:
            po_files[path.stem] = Translations(display, {})
    if problems:
        raise CatalogueError(problems)

    reader = _Reader(po_files if translations else None)
    for name, keys in FILES.items():
        doc = documents[name]
        reader.mapping(doc, doc.mark, "", keys, ("pseudo",) if name == "languages.yml" else ())
    catalogue = _build(reader, documents, sorted(po_files))
    if reader.problems:
        raise CatalogueError(reader.problems)
    assert catalogue is not None
    return catalogue


def _build(r: _Reader, docs: dict[str, YMap], translated: list[str]) -> Catalogue | None:
    source, languages, pseudo = _languages(r, docs["languages.yml"], translated)
    r.languages = languages
    ui = _ui(r, docs["ui.yml"])
    tiers = _tiers(r, docs["tiers.yml"])
    common, feature_ids = _common_features(r, docs["features.yml"])
    solutions, features = _solutions(r, docs["solutions.yml"], tiers, feature_ids)
    plans = _plans(solutions, tiers)
    addons = _addons(r, docs["addons.yml"])
    periods, contract = _billing(r, docs["billing.yml"])
    licensing = _licensing(r, docs["licensing.yml"], plans)
    if r.problems or contract is None or licensing is None:
        return None
    return Catalogue(
        source_language=source, languages=languages, ui=frozen_map(ui), tiers=tuple(tiers.values()),
        common=common, features=tuple(features.values()), solutions=solutions, plans=plans,
        addons=addons, billing_periods=periods, contract=contract, licensing=licensing,
        texts=tuple(r.texts), pseudo_language=pseudo,
        translation_states=frozen_map({lang: frozen_map(states) for lang, states in r.states.items()}),
    )


def _languages(r: _Reader, doc: YMap, translated: list[str]) -> tuple[str, tuple[str, ...], str | None]:
    """(source, all languages with the source first, pseudo language or None)."""
    source = r.string(doc, "source", "")
    pseudo = r.string(doc, "pseudo", "") if "pseudo" in doc else None
    for key, code in (("source", source), ("pseudo", pseudo)):
        if code is not None and not LANG_PATTERN.fullmatch(code):
            r.fail(doc.mark_of(key), key, f"'{code}' is not a language code",
                   "use an ISO 639 code, optionally with a region")
    if pseudo is not None and (pseudo == source or pseudo in translated):
        r.fail(doc.mark_of("pseudo"), "pseudo", f"'{pseudo}' is a real language of the catalogue; the pseudo "
               "language would replace its pages with pseudo text", "use a private code such as en-XA")
    if source in translated:
        r.fail(doc.mark_of("source"), "source", f"the source language '{source}' has a translations file",
               f"remove {I18N_DIR}/{source}.po")
    languages = tuple(dict.fromkeys([source or "", *translated]))
    return source or "", languages, pseudo


def _ui(r: _Reader, doc: YMap) -> dict[str, Text]:
    ui: dict[str, Text] = {}
    table = doc.get("ui")
    if not isinstance(table, YMap):
        if "ui" in doc:
            r.fail(doc.mark_of("ui"), "ui", f"expected a mapping of UI ids to texts, found {_kind(table)}")
        return ui
    for key in table:
        path = f"ui[{key}]"
        if not isinstance(key, str) or not ID_PATTERN.fullmatch(key):
            r.fail(table.mark_of(key), path, f"'{key}' is not a valid id")
            continue
        ui[key] = r.text(table, key, "ui", f"ui.{key}")
    return ui


def _tiers(r: _Reader, doc: YMap) -> dict[str, Tier]:
    raw: dict[str, tuple[YMap, Mark, str]] = {}
    seen: dict[str, Mark] = {}
    names: dict[str, Text] = {}
    for value, mark, index in r.items(doc, "tiers", ""):
        entry = r.mapping(value, mark, f"tiers[{index}]", ("id", "name"), ("extends",))
        if entry is None:
            continue
        tier_id = r.ident(entry, "id", f"tiers[{index}]")
        path = _entry("", "tiers", index, tier_id)
        r.unique(seen, tier_id, entry.mark_of("id"), path, "tier id")
        if tier_id is None:
            continue
        names[tier_id] = r.text(entry, "name", path, f"tier.{tier_id}.name")
        raw[tier_id] = (entry, mark, path)

    # resolve `extends`, refusing unknown tiers and cycles
    parents: dict[str, str | None] = {}
    for tier_id, (entry, _mark, path) in raw.items():
        parent = r.ident(entry, "extends", path) if "extends" in entry else None
        if parent is not None and parent not in raw:
            r.fail(entry.mark_of("extends"), f"{path}.extends", f"unknown tier '{parent}'",
                   _closest(parent, raw))
            parent = None
        parents[tier_id] = parent
    tiers: dict[str, Tier] = {}
    for tier_id in raw:
        chain, current = [tier_id], parents[tier_id]
        while current is not None and current not in chain:
            chain.append(current)
            current = parents[current]
        if current is not None:
            entry, _mark, path = raw[tier_id]
            r.fail(entry.mark_of("extends"), f"{path}.extends",
                   f"tiers extend each other in a cycle: {' -> '.join(chain + [current])}")
            continue
        tiers[tier_id] = Tier(id=tier_id, name=names[tier_id], extends=parents[tier_id],
                              rank=len(chain) - 1)
    return tiers


def _feature(r: _Reader, value: Any, mark: Mark, path: str, seen: dict[str, Mark], *,
             common: bool, groups: bool) -> Feature | None:
    """A feature written out as {id, label} (and, for a common group, its sub-features)."""
    entry = r.mapping(value, mark, path, ("id", "label"), ("features",) if groups else ())
    if entry is None:
        return None
    fid = r.ident(entry, "id", path)
    where = f"{path.rsplit('[', 1)[0]}[{fid}]" if fid else path
    r.unique(seen, fid, entry.mark_of("id"), where, "feature id")
    label = r.text(entry, "label", where, f"feature.{fid}.label")
    children = [child for v, m, i in r.items(entry, "features", where)
                if (child := _feature(r, v, m, f"{where}.features[{i}]", seen, common=common, groups=False))]
    if fid is None:
        return None
    return Feature(id=fid, label=label, children=tuple(children), common=common)


def _common_features(r: _Reader, doc: YMap) -> tuple[tuple[Feature, ...], dict[str, Mark]]:
    """The common feature set, and every feature id it uses (ids are unique catalogue-wide)."""
    seen: dict[str, Mark] = {}
    common = [f for v, m, i in r.items(doc, "common", "")
              if (f := _feature(r, v, m, f"common[{i}]", seen, common=True, groups=True))]
    return tuple(common), seen


def _solutions(r: _Reader, doc: YMap, tiers: dict[str, Tier],
               common_ids: dict[str, Mark]) -> tuple[tuple[Solution, ...], dict[str, Feature]]:
    """Solutions with their offers; features are defined inline once and referenced by id elsewhere."""
    entries = r.items(doc, "solutions", "")
    # First pass: every feature written out in full, so references may come before definitions.
    seen = dict(common_ids)
    defined: dict[str, Feature] = {}
    # A tier whose `features` is missing or misspelt hides its definitions: then a reference to
    # an undefined feature is most likely a consequence, and only the cause is reported.
    lists_complete = True
    for value, mark, index in entries:
        if not isinstance(value, YMap):
            continue
        offers = value.get("tiers")
        for tindex, tvalue in enumerate(offers if isinstance(offers, YList) else []):
            if not isinstance(tvalue, YMap) or not isinstance(tvalue.get("features"), YList):
                lists_complete = False
                continue
            listed = tvalue["features"]
            for findex, fvalue in enumerate(listed):
                if isinstance(fvalue, YMap):
                    path = f"solutions[{value.get('id', index)}].tiers[{tvalue.get('tier', tindex)}].features[{findex}]"
                    feature = _feature(r, fvalue, listed.mark_of(findex), path, seen, common=False, groups=False)
                    if feature is not None and feature.id not in defined:
                        defined[feature.id] = feature

    solutions: list[Solution] = []
    seen_ids: dict[str, Mark] = {}
    seen_plans: dict[str, Mark] = {}
    for value, mark, index in entries:
        entry = r.mapping(value, mark, f"solutions[{index}]", ("id", "name", "audience", "link", "tiers"))
        if entry is None:
            continue
        sid = r.ident(entry, "id", f"solutions[{index}]")
        path = f"solutions[{sid or index}]"
        r.unique(seen_ids, sid, entry.mark_of("id"), path, "solution id")
        name = r.text(entry, "name", path, f"solution.{sid}.name")
        audience = r.text(entry, "audience", path, f"solution.{sid}.audience")
        link = _url(r, entry, "link", path)
        offers: list[Offer] = []
        offered: dict[str, tuple[Mark, dict[str, Mark]]] = {}
        for offer_value, offer_mark, offer_index in r.items(entry, "tiers", path):
            offer_entry = r.mapping(offer_value, offer_mark, f"{path}.tiers[{offer_index}]",
                                    ("tier", "plan_id", "features"))
            if offer_entry is None:
                continue
            tier_id = r.ident(offer_entry, "tier", f"{path}.tiers[{offer_index}]")
            opath = f"{path}.tiers[{tier_id or offer_index}]"
            if tier_id is not None and tier_id not in tiers:
                r.fail(offer_entry.mark_of("tier"), f"{opath}.tier", f"unknown tier '{tier_id}'",
                       _closest(tier_id, tiers))
                tier_id = None
            if tier_id is not None and tier_id in offered:
                r.fail(offer_entry.mark_of("tier"), f"{opath}.tier", f"tier '{tier_id}' is offered twice")
                tier_id = None
            plan_id = r.string(offer_entry, "plan_id", opath)
            if plan_id is not None and not re.fullmatch(r"[a-z0-9]+", plan_id):
                r.fail(offer_entry.mark_of("plan_id"), f"{opath}.plan_id",
                       f"'{plan_id}' is not a plan identifier", "use lower-case letters and digits")
            r.unique(seen_plans, plan_id, offer_entry.mark_of("plan_id"), f"{opath}.plan_id", "plan id")
            adds: list[Feature] = []
            listed: dict[str, Mark] = {}
            for fvalue, fmark, findex in r.items(offer_entry, "features", opath):
                fpath = f"{opath}.features[{findex}]"
                if isinstance(fvalue, YMap):
                    fid = fvalue.get("id") if isinstance(fvalue.get("id"), str) else None
                elif isinstance(fvalue, str):
                    fid = fvalue
                    if fid in common_ids:
                        r.fail(fmark, fpath, f"'{fid}' is a common feature: every plan has it already")
                        continue
                    if fid not in defined:
                        if lists_complete:
                            r.fail(fmark, fpath, f"unknown feature '{fid}'",
                                   _closest(fid, defined) or "write it out once as {id: ..., label: {...}}")
                        continue
                else:
                    r.fail(fmark, fpath, f"expected a feature id or {{id, label}}, found {_kind(fvalue)}")
                    continue
                if fid is None or fid not in defined:
                    continue  # its definition was reported in the first pass
                if fid in listed:
                    r.fail(fmark, fpath, f"duplicate feature '{fid}' (first at line {listed[fid].line})")
                    continue
                listed[fid] = fmark
                adds.append(defined[fid])
            if tier_id is not None:
                offered[tier_id] = (offer_entry.mark_of("tier"), listed)
                if plan_id is not None:
                    offers.append(Offer(tier=tiers[tier_id], plan_id=plan_id, adds=tuple(adds)))
        _check_inheritance(r, path, offered, tiers)
        offers.sort(key=lambda o: o.tier.rank)
        if sid is not None and link is not None:
            solutions.append(Solution(id=sid, name=name, audience=audience, link=link, offers=tuple(offers)))
    return tuple(solutions), defined


def _check_inheritance(r: _Reader, path: str, offered: dict[str, tuple[Mark, dict[str, Mark]]],
                       tiers: dict[str, Tier]) -> None:
    """A tier must not list a feature that a tier it extends (in the same solution) already gives."""
    for tier_id, (_mark, listed) in offered.items():
        lower = tiers[tier_id].extends
        while lower is not None:
            if lower in offered:
                for fid, fmark in listed.items():
                    if fid in offered[lower][1]:
                        r.fail(fmark, f"{path}.tiers[{tier_id}].features",
                               f"'{fid}' is already included from tier '{lower}'",
                               "a tier lists only what it adds to the tier it extends")
            lower = tiers[lower].extends


def _plans(solutions: tuple[Solution, ...], tiers: dict[str, Tier]) -> tuple[Plan, ...]:
    """Resolve every base plan's features through tier inheritance."""
    plans: list[Plan] = []
    for solution in solutions:
        by_tier = {offer.tier.id: offer for offer in solution.offers}
        for offer in solution.offers:
            sources: dict[str, Tier] = {}
            current: str | None = offer.tier.id
            while current is not None:
                if current in by_tier:
                    for feat in by_tier[current].adds:
                        sources.setdefault(feat.id, tiers[current])
                current = tiers[current].extends
            plans.append(Plan(id=offer.plan_id, solution=solution, tier=offer.tier, sources=frozen_map(sources)))
    return tuple(plans)


def _url(r: _Reader, entry: YMap, key: str, path: str) -> str | None:
    value = r.string(entry, key, path)
    if value is not None and not re.fullmatch(r"https://[^\s/]+\S*", value):
        r.fail(entry.mark_of(key), _join(path, key), f"'{value}' is not an https:// address")
        return None
    return value


def _addons(r: _Reader, doc: YMap) -> tuple[AddOn, ...]:
    addons: list[AddOn] = []
    seen: dict[str, Mark] = {}
    for value, mark, index in r.items(doc, "addons", "", allow_empty=True):
        entry = r.mapping(value, mark, f"addons[{index}]", ("id", "name", "description", "link"))
        if entry is None:
            continue
        aid = r.ident(entry, "id", f"addons[{index}]")
        path = f"addons[{aid or index}]"
        r.unique(seen, aid, entry.mark_of("id"), path, "add-on id")
        name = r.text(entry, "name", path, f"addon.{aid}.name")
        description = r.text(entry, "description", path, f"addon.{aid}.description")
        link = r.text(entry, "link", path, f"addon.{aid}.link")
        for lang, url in link.values.items():
            if not re.fullmatch(r"https://[^\s/]+\S*", url):
                state = r.states.get(lang, {}).get(link.id)  # a translation: located in its PO file
                where = Mark(state.file, state.line, 1) if state else entry.mark_of("link")
                r.fail(where, f"{path}.link.{lang}", f"'{url}' is not an https:// address")
        if aid is not None:
            addons.append(AddOn(id=aid, name=name, description=description, link=link))
    return tuple(addons)


def _billing(r: _Reader, doc: YMap) -> tuple[tuple[BillingPeriod, ...], Contract | None]:
    periods: list[BillingPeriod] = []
    seen: dict[str, Mark] = {}
    months_seen: dict[str, Mark] = {}
    for value, mark, index in r.items(doc, "billing_periods", ""):
        entry = r.mapping(value, mark, f"billing_periods[{index}]", ("id", "months", "label"))
        if entry is None:
            continue
        pid = r.ident(entry, "id", f"billing_periods[{index}]")
        path = f"billing_periods[{pid or index}]"
        r.unique(seen, pid, entry.mark_of("id"), path, "billing period id")
        months = r.integer(entry, "months", path, minimum=1)
        r.unique(months_seen, None if months is None else str(months), entry.mark_of("months"),
                 f"{path}.months", "number of months")
        label = r.text(entry, "label", path, f"billing.{pid}.label")
        if pid is not None and months is not None:
            periods.append(BillingPeriod(id=pid, months=months, label=label))
    contract = None
    entry = r.mapping(doc.get("contract"), doc.mark_of("contract"), "contract", ("months", "renews_automatically"))
    if entry is not None:
        months = r.integer(entry, "months", "contract", minimum=1)
        renews = r.boolean(entry, "renews_automatically", "contract")
        if months is not None and renews is not None:
            contract = Contract(months=months, renews_automatically=renews)
    return tuple(periods), contract


def _licensing(r: _Reader, doc: YMap, plans: tuple[Plan, ...]) -> Licensing | None:
    flags: list[FlagMeaning] = []
    seen: dict[str, Mark] = {}
    for value, mark, index in r.items(doc, "extra_flags", ""):
        entry = r.mapping(value, mark, f"extra_flags[{index}]", ("value", "meaning"))
        if entry is None:
            continue
        number = r.integer(entry, "value", f"extra_flags[{index}]")
        path = f"extra_flags[{number if number is not None else index}]"
        r.unique(seen, None if number is None else str(number), entry.mark_of("value"), path, "flag value")
        meaning = r.text(entry, "meaning", path, f"licensing.flag-{number}.meaning")
        if number is not None:
            flags.append(FlagMeaning(value=number, meaning=meaning))
    flag = r.integer(doc, "user_plan_flag", "")
    if flag is not None and flags and flag not in {f.value for f in flags}:
        r.fail(doc.mark_of("user_plan_flag"), "user_plan_flag", f"{flag} is not one of the extra_flags values")
    prefix = r.string(doc, "extra_info_prefix", "")
    by_id = {plan.id: plan for plan in plans}
    examples: list[LicenseExample] = []
    for value, mark, index in r.items(doc, "examples", "", allow_empty=True):
        path = f"examples[{index}]"
        entry = r.mapping(value, mark, path, ("plans", "license"), ("hidden_licenses", "marker", "description"))
        if entry is None:
            continue
        chosen: list[Plan] = []
        for pvalue, pmark, pindex in r.items(entry, "plans", path):
            if not isinstance(pvalue, str):
                r.fail(pmark, f"{path}.plans[{pindex}]", f"expected a plan id, found {_kind(pvalue)}")
            elif pvalue not in by_id:
                r.fail(pmark, f"{path}.plans[{pindex}]", f"unknown plan id '{pvalue}'", _closest(str(pvalue), by_id))
            else:
                chosen.append(by_id[pvalue])
        if len({p.solution.id for p in chosen}) != len(chosen):
            r.fail(entry.mark_of("plans"), f"{path}.plans", "holds two plans of one solution")
        hidden = []
        for hvalue, hmark, hindex in r.items(entry, "hidden_licenses", path):
            if not isinstance(hvalue, str) or not ID_PATTERN.fullmatch(hvalue):
                r.fail(hmark, f"{path}.hidden_licenses[{hindex}]", f"'{hvalue}' is not a license name")
            else:
                hidden.append(hvalue)
        license_name = r.string(entry, "license", path)
        marker = r.string(entry, "marker", path)
        description = r.string(entry, "description", path)
        if license_name is not None:
            examples.append(LicenseExample(plans=tuple(chosen), license=license_name,
                                           hidden_licenses=tuple(hidden), marker=marker, description=description))
    if flag is None or prefix is None:
        return None
    return Licensing(extra_flags=tuple(flags), user_plan_flag=flag, extra_info_prefix=prefix,
                     examples=tuple(examples))
