"""Translation workflow: the status of texts and pages, PO files kept in step, pages confirmed, languages added."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from babel import Locale, UnknownLocaleError

from plandocs.catalogue.load import I18N_DIR, TEMPLATE_NAME, load_catalogue, translated_languages
from plandocs.catalogue.po import Entry, PoFile, read_po, write_po
from plandocs.catalogue.shapes import LANG_PATTERN
from plandocs.catalogue.yamlsource import read_text_file
from plandocs.files import newline_of, write_atomic
from plandocs.model import Catalogue
from plandocs.project import Project
from plandocs.theme import theme_language

PAGE_KEY = "translated_from"  # front matter of a translated page: fingerprint of the source page it renders
PROJECT_ID = "plandocs catalogue"


def fingerprint(text: str) -> str:
    """Short hash of a source page's text (line endings and Unicode form do not count)."""
    normal = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


# -- status ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    """One missing or stale translation (a text or a page), located where a translator fixes it."""

    kind: str  # "missing" or "stale"
    lang: str
    item: str  # a text id, or a page's path
    file: str
    line: int
    hint: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.lang}: {self.kind} translation of '{self.item}' (hint: {self.hint})"


@dataclass
class LanguageStatus:
    """Per language: texts and pages translated, missing and stale."""

    lang: str
    total: int = 0
    translated: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    pages: int = 0
    pages_missing: list[str] = field(default_factory=list)
    pages_stale: list[str] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.gaps

    def as_dict(self) -> dict:
        return {"language": self.lang, "texts": self.total, "translated": len(self.translated),
                "missing": len(self.missing), "stale": len(self.stale), "missing_ids": self.missing,
                "stale_ids": self.stale, "pages": self.pages, "pages_missing": self.pages_missing,
                "pages_stale": self.pages_stale, "complete": self.complete,
                "gaps": [str(gap) for gap in self.gaps]}


def text_status(catalogue: Catalogue, lang: str) -> LanguageStatus:
    """The catalogue texts of one translated language: translated, missing, stale."""
    report = LanguageStatus(lang, total=len(catalogue.texts))
    states = catalogue.translation_states.get(lang, {})
    source = catalogue.source_language
    for text in catalogue.texts:
        state = states.get(text.id)
        kind = state.state if state else "missing"
        getattr(report, kind).append(text.id)
        if kind == "missing":
            report.gaps.append(Gap("missing", lang, text.id, state.file if state else text.file,
                                   state.line if state else text.line,
                                   f"translate it in data/{I18N_DIR}/{lang}.po; run `plandocs i18n update` "
                                   "if it has no entry yet; previews show the " + source + " text, marked"))
        elif kind == "stale":
            report.gaps.append(Gap("stale", lang, text.id, state.file, state.line,
                                   f"its {source} text changed: check the translation, then clear the fuzzy mark"))
    return report


def status(project: Project, catalogue: Catalogue, lang: str) -> LanguageStatus:
    """Texts and pages of one translated language."""
    report = text_status(catalogue, lang)
    source = catalogue.source_language
    for page in page_states(project, source, lang):
        report.pages += 1
        if page.state == "translated":
            continue
        shown = page.file.relative_to(project.root).as_posix()
        if page.state == "missing":
            report.pages_missing.append(shown)
            report.gaps.append(Gap("missing", lang, shown, page.source.relative_to(project.root).as_posix(), 1,
                                   f"`plandocs i18n add {lang}` creates it from the {source} page"))
        else:
            report.pages_stale.append(shown)
            why = ("it has not been confirmed as translated" if page.state == "unconfirmed" else
                   f"its {source} page {page.source.relative_to(project.root).as_posix()} changed")
            report.gaps.append(Gap("stale", lang, shown, shown, page.line,
                                   f"{why}; update it, then `plandocs i18n confirm {lang} {shown}`"))
    return report


# -- pages ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageState:
    """A translated page against its source page."""

    file: Path
    source: Path
    state: str  # translated, missing, stale, unconfirmed
    line: int = 1  # the front matter line that records the fingerprint


_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)^---\r?$", re.S | re.M)
_RECORD = re.compile(rf"^{PAGE_KEY}:[ \t]*[\"']?([0-9a-f]+)[\"']?[ \t]*\r?$", re.M)


def recorded_fingerprint(content: str) -> tuple[str | None, int]:
    """(fingerprint, line) of a page's `translated_from`, or (None, 1)."""
    front = _FRONT_MATTER.match(content)
    record = _RECORD.search(front.group(1)) if front else None
    if not front or not record:
        return None, 1
    return record.group(1), content[: front.start(1) + record.start()].count("\n") + 1


def page_states(project: Project, source: str, lang: str) -> list[PageState]:
    """Every source page, with the state of its translation into `lang`."""
    states = []
    for stem, source_file in project.pages(source).items():
        target = project.docs / project.page_name(stem, lang)
        if not target.is_file():
            states.append(PageState(target, source_file, "missing"))
            continue
        recorded, line = recorded_fingerprint(target.read_text(encoding="utf-8"))
        current = fingerprint(source_file.read_text(encoding="utf-8"))
        state = "translated" if recorded == current else "unconfirmed" if recorded is None else "stale"
        states.append(PageState(target, source_file, state, line))
    return states


def confirm_pages(project: Project, source: str, lang: str, pages: list[str]) -> list[Path]:
    """Record that each page (a docs path, or all stale ones when empty) renders its current source page."""
    known = {state.file.resolve(): state for state in page_states(project, source, lang)}
    if pages:
        chosen = []
        for name in pages:
            path = ((project.root / name) if (project.root / name).exists() else Path.cwd() / name).resolve()
            if path not in known:
                raise ValueError(f"{name}: not a {lang} page of a {source} page (pages are docs/<page>.md files)")
            chosen.append(known[path])
    else:
        chosen = [state for state in known.values() if state.state in ("stale", "unconfirmed")]
    missing = next((state for state in chosen if state.state == "missing"), None)
    if missing is not None:  # refused before any page is written
        raise ValueError(f"{missing.file.relative_to(project.root)}: no such page yet "
                         f"(hint: `plandocs i18n add {lang}` creates it)")
    confirmed = []
    for state in chosen:
        content = state.file.read_bytes().decode("utf-8")
        stamp = f"{PAGE_KEY}: {fingerprint(state.source.read_text(encoding='utf-8'))}"
        if write_atomic(state.file, _with_record(content, stamp).encode("utf-8")):
            confirmed.append(state.file)
    return confirmed


def _with_record(content: str, stamp: str) -> str:
    """`content` with its front matter's fingerprint line set to `stamp` (front matter added if none)."""
    newline = newline_of(content)
    front = _FRONT_MATTER.match(content)
    if front is None:
        return f"---{newline}{stamp}{newline}---{newline}{content}"
    record = _RECORD.search(front.group(1))
    if record is None:
        at = front.end(1)
        return content[:at] + stamp + newline + content[at:]
    start, end = front.start(1) + record.start(), front.start(1) + record.end()
    line_end = "\r" if content[end - 1:end] == "\r" else ""
    return content[:start] + stamp + line_end + content[end:]


# -- PO files -------------------------------------------------------------------------------------


def _header(comments: list[str], fields: list[tuple[str, str]]) -> Entry:
    return Entry(msgid="", msgstr="".join(f"{key}: {value}\n" for key, value in fields), comments=comments)


def template_header(source: str) -> Entry:
    """The header of data/i18n/messages.pot."""
    return _header([f"Template for translations of the plan catalogue (data/*.yml); the {source} texts.",
                    "Written by `plandocs i18n update`; never edit it by hand."],
                   [("Project-Id-Version", PROJECT_ID), ("MIME-Version", "1.0"),
                    ("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "8bit")])


def language_header(lang: str, source: str) -> Entry:
    """The header of a new language's PO file (its comments are for translators, in the source language)."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    name, source_name = _name_in(lang, source), _name_in(source, source)
    return _header([f"{name} translations of the plan catalogue (data/*.yml).",
                    f"msgctxt is a text's id, msgid its {source_name} text, msgstr the {name} translation.",
                    "Translate with any PO editor; `plandocs i18n update` keeps this file in step."],
                   [("Project-Id-Version", PROJECT_ID), ("PO-Revision-Date", stamp), ("Last-Translator", ""),
                    ("Language-Team", name), ("Language", lang), ("MIME-Version", "1.0"),
                    ("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "8bit")])


def template_entries(catalogue: Catalogue) -> list[Entry]:
    """One untranslated entry per catalogue text, in catalogue order."""
    source = catalogue.source_language
    return [Entry(msgctxt=text.id, msgid=text.values[source], notes=[text.note] if text.note else [],
                  references=[f"{text.file}:{text.line}"]) for text in catalogue.texts]


def merge(po: PoFile, template: list[Entry], display: str = "") -> tuple[PoFile, list[str]]:
    """Bring a PO up to date, as GNU msgmerge does: new texts untranslated, changed ones fuzzy with the
    previous source text as `#| msgid`, texts that left the catalogue kept as obsolete entries.

    A live entry always wins over an obsolete one of the same id; an obsolete entry comes back
    only for a text that has no live entry (fuzzy if its source text changed). A translated entry
    that cannot be placed (no msgctxt, or its id left the catalogue) is kept as obsolete, never
    dropped. Returns the merged file and one line for each entry that did not simply stay in place.
    """
    live = {e.msgctxt: e for e in po.entries if not e.obsolete and e.msgctxt is not None}
    obsolete: dict[str, Entry] = {}
    for entry in po.entries:
        if entry.obsolete and entry.msgctxt is not None and entry.msgstr:
            obsolete.setdefault(entry.msgctxt, entry)
    notes: list[str] = []
    entries, revived = [], set()
    for new in template:
        old = live.get(new.msgctxt)
        if old is None and new.msgctxt in obsolete:
            old = obsolete[new.msgctxt]
            revived.add(id(old))
            notes.append(f"{display}:{old.line}: '{new.msgctxt}': translation brought back from an obsolete entry"
                         + ("" if old.msgid == new.msgid else " (fuzzy: its source text changed)"))
        elif old is not None and new.msgctxt in obsolete:
            notes.append(f"{display}:{obsolete[new.msgctxt].line}: '{new.msgctxt}': an obsolete entry beside the "
                         "live one; the live translation is kept, and the obsolete entry as it was")
        if old is None:
            entries.append(new)
            continue
        entry = replace(new, msgstr=old.msgstr, comments=old.comments, flags=old.flags,
                        previous_msgid=old.previous_msgid if old.fuzzy and not old.obsolete else None)
        if old.msgid != new.msgid and old.msgstr:
            entry = replace(entry.with_flags(fuzzy=True), previous_msgid=entry.previous_msgid or old.msgid)
        entries.append(entry)
    placed = {new.msgctxt for new in template}
    leftovers = []
    for entry in po.entries:
        if not entry.msgstr or id(entry) in revived:
            continue  # nothing is lost: untranslated, or back in place
        if entry.obsolete:
            leftovers.append(entry)
            continue
        if entry.msgctxt is None:
            notes.append(f"{display}:{entry.line}: an entry without msgctxt ('{_short(entry.msgid)}') cannot be "
                         "placed; kept as obsolete")
        elif entry.msgctxt in placed:
            continue
        else:
            notes.append(f"{display}:{entry.line}: '{entry.msgctxt}' is no longer a text of the catalogue; "
                         "its translation is kept as obsolete")
        leftovers.append(replace(entry, obsolete=True, references=[], previous_msgid=None))
    return PoFile(header=po.header, entries=entries + leftovers, newline=po.newline), notes


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def update(data_dir: Path) -> tuple[list[Path], list[str]]:
    """Write the template and bring every language's PO up to date.

    Returns the files that changed, and a line for each translation that was kept aside or brought back.
    """
    catalogue = load_catalogue(data_dir, translations=False)
    template = template_entries(catalogue)
    folder = data_dir / I18N_DIR
    pot = folder / TEMPLATE_NAME
    changed = []
    # Every file is read, merged and checked before any is written: a broken PO stops the update whole.
    merged: dict[Path, bytes] = {}
    notes: list[str] = []
    for lang in translated_languages(data_dir):
        path = folder / f"{lang}.po"
        display = f"{data_dir.name}/{I18N_DIR}/{path.name}"
        po, said = merge(read_po(read_text_file(path, display), display), template, display)
        merged[path] = _checked(po, display)
        notes.extend(said)
    pot_po = PoFile(template_header(catalogue.source_language), template)
    if pot.is_file():
        pot_po.newline = newline_of(pot.read_bytes().decode("utf-8", "replace"))
    merged[pot] = _checked(pot_po, f"{data_dir.name}/{I18N_DIR}/{TEMPLATE_NAME}")
    for path, content in merged.items():
        if write_atomic(path, content):
            changed.append(path)
    return changed, notes


def _checked(po: PoFile, display: str) -> bytes:
    """The file's bytes, once they read back as the same entries (nothing is written otherwise)."""
    content = write_po(po)

    def key(entry: Entry) -> tuple:
        return entry.msgctxt, entry.msgid, entry.msgstr, entry.fuzzy, entry.obsolete

    if [key(e) for e in read_po(content, display).entries] != [key(e) for e in po.entries]:
        raise ValueError(f"{display}: the updated file would not read back as written; nothing was written")
    return content


# -- a new language -------------------------------------------------------------------------------


def _name_in(lang: str, language: str) -> str:
    """The name of `lang` in `language` ('Swedish' in English)."""
    return _locale(lang).get_display_name(_locale(language)) or lang


def _locale(lang: str) -> Locale:
    return Locale.parse(lang, sep="-" if "-" in lang else "_")


def language_name(lang: str) -> str:
    """The language's name in itself, as a language switcher shows it ('Norsk', 'Deutsch')."""
    name = _name_in(lang, lang)
    return name[:1].upper() + name[1:]


def check_new_language(lang: str, catalogue: Catalogue) -> None:
    """Refuse a code that is not a language Babel knows, or is the source or pseudo language."""
    if not LANG_PATTERN.fullmatch(lang):
        raise ValueError(f"'{lang}' is not a language code (hint: an ISO 639 code such as no, da, de or nl, "
                         "optionally with a region: pt-BR)")
    try:
        _locale(lang)
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"'{lang}' is not a language in Babel's locale data (hint: an ISO 639 code such as "
                         "no, da, de or nl)") from None
    if lang == catalogue.source_language:
        raise ValueError(f"'{lang}' is the source language: its texts are data/*.yml themselves")
    if lang == catalogue.pseudo_language:
        raise ValueError(f"'{lang}' is the pseudo language, made at build time")
    if theme_language(lang) is None:
        raise ValueError(f"'{lang}': the theme (Material for MkDocs) has no words for this language, so its "
                         "pages would not build")


@dataclass
class AddReport:
    """What `add` created."""

    lang: str
    name: str
    po: Path | None = None
    pages: list[Path] = field(default_factory=list)
    site_entry: bool = False


def add_language(project: Project, lang: str, name: str | None = None) -> AddReport:
    """Start a language: its PO file, a copy of every source page, its entry in mkdocs.yml.

    Whatever already exists is kept, so a run that failed half-way can simply be run again; a
    run that fails removes what it created.
    """
    catalogue = load_catalogue(project.data)
    check_new_language(lang, catalogue)
    source = catalogue.source_language
    report = AddReport(lang, name or language_name(lang))
    po_path = project.data / I18N_DIR / f"{lang}.po"
    pages = [(project.docs / project.page_name(stem, lang), path) for stem, path in project.pages(source).items()]
    pages = [(target, path) for target, path in pages if not target.exists()]
    in_site = lang in {language.locale for language in project.site_languages()}
    if po_path.exists() and not pages and in_site:
        raise ValueError(f"'{lang}' is already a catalogue language")
    folders = {po_path.parent, *(target.parent for target, _ in pages)} | ({project.root} if not in_site else set())
    for folder in sorted(folders):
        if not os.access(folder if folder.exists() else folder.parent, os.W_OK):
            raise ValueError(f"cannot write to {folder}; nothing was changed")
    created: list[Path] = []
    try:
        if not po_path.exists():
            po_path.parent.mkdir(exist_ok=True)
            po = PoFile(language_header(lang, source), template_entries(catalogue))
            write_atomic(po_path, write_po(po))
            created.append(po_path)
            report.po = po_path
        for target, path in pages:
            write_atomic(target, project.page_copy(path, source, lang).encode("utf-8"))
            created.append(target)
            report.pages.append(target)
        if not in_site:
            project.add_site_language(lang, report.name, source, theme_language(lang))
            report.site_entry = True
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return report
