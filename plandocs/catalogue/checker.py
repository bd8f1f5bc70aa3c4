"""The ground the catalogue rules stand on: locating values in their files, recording problems, and
reading each text with its translations (from the language's PO file)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plandocs.catalogue import shapes as s
from plandocs.catalogue.po import Entry
from plandocs.catalogue.validation import closest, locate
from plandocs.catalogue.yamlsource import Mark, YMap
from plandocs.errors import Problem
from plandocs.model import Feature, Status, Text, TranslationState, frozen_map, placeholders


@dataclass(frozen=True)
class Translations:
    """One language's PO file, as the loader uses it: entries by text id (msgctxt)."""

    display: str
    entries: dict[str, Entry]


class Checker:
    """What every rule needs: where a value is in its file, recording problems, reading texts and their
    translations, and the lists of features a tier or a bundle adds."""

    def __init__(self, shapes: dict[str, Any], docs: dict[str, YMap], translations: dict[str, Translations]) -> None:
        self.shapes, self.docs, self.translations = shapes, docs, translations
        self.problems: list[Problem] = []
        self.texts: list[Text] = []
        self.states: dict[str, dict[str, TranslationState]] = {lang: {} for lang in translations}
        self.source = shapes["languages.yml"].source
        self.seen_plans: dict[Any, Mark] = {}  # plan ids of base plans and bundles: one namespace

    # -- helpers ---------------------------------------------------------------------------

    def at(self, file: str, *loc: Any) -> tuple[Mark, str]:
        """The mark and key path of a place in a file."""
        _parent, _key, mark, path = locate(self.docs[file], loc)
        return mark, path

    def fail(self, file: str, loc: tuple, message: str, hint: str | None = None) -> None:
        mark, path = self.at(file, *loc)
        self.problems.append(Problem(mark.file, mark.line, mark.col, path, message, hint))

    def unique(self, seen: dict[Any, Mark], value: Any, file: str, loc: tuple, what: str) -> bool:
        """Record `value` as used; a second use is a problem naming the first. True if it was new."""
        mark, _ = self.at(file, *loc)
        if value in seen:
            first = seen[value]
            where = f"line {first.line}" if first.file == mark.file else f"{first.file}:{first.line}"
            self.fail(file, loc, f"duplicate {what} '{value}' (first at {where})")
            return False
        seen[value] = mark
        return True

    def text(self, value: str | s.TextWithNote, file: str, loc: tuple, text_id: str) -> Text:
        """A reader-visible text: the source text, and each translation that is current in its PO file."""
        source_text, note = (value.text, value.note) if isinstance(value, s.TextWithNote) else (value, None)
        mark, _ = self.at(file, *loc)
        values = {self.source: source_text}
        for lang, po in self.translations.items():
            values.update(self._translation(po, lang, text_id, source_text, mark))
        text = Text(text_id, frozen_map(values), note=note, file=mark.file, line=mark.line)
        self.texts.append(text)
        return text

    def _translation(self, po: Translations, lang: str, text_id: str, source_text: str, mark: Mark) -> dict:
        """{lang: translation} when the PO has a current one; records the text's state either way."""
        entry = po.entries.get(text_id)
        if entry is None or not entry.msgstr:
            where = (po.display, entry.line) if entry else (mark.file, mark.line)
            self.states[lang][text_id] = TranslationState(Status.MISSING, *where)
            return {}
        if entry.fuzzy or entry.msgid != source_text:
            self.states[lang][text_id] = TranslationState(Status.STALE, po.display, entry.line)
            return {}
        self.states[lang][text_id] = TranslationState(Status.TRANSLATED, po.display, entry.line)
        control = s.first_control(entry.msgstr)
        expected = placeholders(source_text)
        if control is not None:
            message = f"the {lang} translation contains the control character U+{ord(control):04X}"
            hint = "translations are plain text: remove it"
        elif placeholders(entry.msgstr) != expected:
            message = (f"the {lang} translation must use the placeholders of the source text: "
                       f"{', '.join('{' + p + '}' for p in sorted(expected)) or 'none'}")
            hint = None
        else:
            return {lang: entry.msgstr}
        self.problems.append(Problem(po.display, entry.msgstr_line, 1, text_id, message, hint))
        return {}

    def feature_list(self, file: str, loc: tuple, entries: list, defined: dict[str, Feature],
                     common_ids: dict[Any, Mark]) -> tuple[Feature, ...]:
        """The features a tier or a bundle adds: each known, sold (not common), and listed once."""
        adds: list[Feature] = []
        listed: dict[str, int] = {}
        for k, item in enumerate(entries):
            fid = item.id if isinstance(item, s.FeatureShape) else item
            where = (*loc, "features", k)
            if isinstance(item, str) and fid in common_ids:
                self.fail(file, where, f"'{fid}' is a common feature: every plan has it already")
            elif isinstance(item, str) and fid not in defined:
                self.fail(file, where, f"unknown feature '{fid}'",
                          closest(fid, defined) or "write it out once as {id: ..., label: ...}")
            elif fid in listed:
                first, _ = self.at(file, *loc, "features", listed[fid])
                self.fail(file, where, f"duplicate feature '{fid}' (first at line {first.line})")
            elif fid in defined:
                listed[fid] = k
                adds.append(defined[fid])
        return tuple(adds)

    def retired_ids(self) -> set[str]:
        """The plan ids plans.yml retires one by one (a base plan or a bundle)."""
        return {entry.plans[0] for entry in self.shapes["plans.yml"].retired if len(entry.plans) == 1}

    def link(self, value: str | s.TextWithNote, file: str, loc: tuple, text_id: str, where: str) -> Text:
        """A text that is an https:// address in every language (a translation's is located in its PO file)."""
        link = self.text(value, file, loc, text_id)
        for lang, url in link.values.items():
            if not s.is_https_address(url):
                state = self.states.get(lang, {}).get(link.id)
                if state is not None:
                    self.problems.append(Problem(state.file, state.line, 1, f"{where}.link.{lang}",
                                                 f"'{url}' is not an https:// address"))
                else:
                    self.fail(file, loc, f"'{url}' is not an https:// address")
        return link

    def explained(self, shape: Any, file: str, loc: tuple, prefix: str) -> dict[str, Text | None]:
        """The optional `description` and `link` of a feature, plan or bundle, as texts ({} keys when absent)."""
        description = shape.description if "description" in type(shape).model_fields else None
        return {
            "description": None if description is None else self.text(description, file, (*loc, "description"),
                                                                      f"{prefix}.description"),
            "link": None if shape.link is None else self.link(shape.link, file, (*loc, "link"), f"{prefix}.link",
                                                                 prefix),
        }
