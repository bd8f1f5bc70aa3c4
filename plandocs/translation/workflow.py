"""Translation workflow: the status of texts and pages per language, and new languages."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel import UnknownLocaleError
from babel.core import LOCALE_ALIASES

from plandocs.catalogue.load import I18N_DIR, load_catalogue
from plandocs.catalogue.po import PoFile, write_po
from plandocs.catalogue.shapes import LANG_PATTERN
from plandocs.files import write_atomic
from plandocs.model import Catalogue, Status
from plandocs.project import Project
from plandocs.theme import theme_language
from plandocs.translation.pages import new_page_code, page_states
from plandocs.translation.po_files import language_header, locale_of, name_in, template_entries

# -- status ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    """One missing or stale translation (a text or a page), located where a translator fixes it."""

    kind: Status  # missing or stale
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
        kind = state.state if state else Status.MISSING
        getattr(report, kind).append(text.id)
        if kind == Status.MISSING:
            report.gaps.append(Gap(Status.MISSING, lang, text.id, state.file if state else text.file,
                                   state.line if state else text.line,
                                   f"translate it in data/{I18N_DIR}/{lang}.po; run `plandocs i18n update` "
                                   "if it has no entry yet; previews show the " + source + " text, marked"))
        elif kind == Status.STALE:
            report.gaps.append(Gap(Status.STALE, lang, text.id, state.file, state.line,
                                   f"its {source} text changed: check the translation, then clear the fuzzy mark"))
    return report


def status(project: Project, catalogue: Catalogue, lang: str) -> LanguageStatus:
    """Texts and pages of one translated language."""
    report = text_status(catalogue, lang)
    source = catalogue.source_language
    for page in page_states(project, source, lang):
        report.pages += 1
        if page.state != Status.MISSING:
            extra = new_page_code(page.source.read_text(encoding="utf-8"), page.file.read_text(encoding="utf-8"))
            if extra is not None:
                shown = page.file.relative_to(project.root).as_posix()
                report.pages_stale.append(shown)
                report.gaps.append(Gap(Status.STALE, lang, shown, shown, extra[0], (
                    f"it has page code its {source} page does not: {extra[1]}; a translation keeps the "
                    f"{{{{ }}}} and {{% %}} of {page.source.relative_to(project.root).as_posix()} as they are")))
                continue
        if page.state == Status.TRANSLATED:
            continue
        shown = page.file.relative_to(project.root).as_posix()
        if page.state == Status.MISSING:
            report.pages_missing.append(shown)
            report.gaps.append(Gap(Status.MISSING, lang, shown, page.source.relative_to(project.root).as_posix(), 1,
                                   f"`plandocs i18n add {lang}` creates it from the {source} page"))
        else:
            report.pages_stale.append(shown)
            why = ("it has not been confirmed as translated" if page.state == Status.UNCONFIRMED else
                   f"its {source} page {page.source.relative_to(project.root).as_posix()} changed")
            report.gaps.append(Gap(Status.STALE, lang, shown, shown, page.line,
                                   f"{why}; update it, then `plandocs i18n confirm {lang} {shown}`"))
    return report


# -- a new language -------------------------------------------------------------------------------


def language_name(lang: str) -> str:
    """The language's name in itself, as a language switcher shows it ('Norsk', 'Deutsch')."""
    name = name_in(lang, lang)
    return name[:1].upper() + name[1:]


def canonical_code(lang: str) -> str:
    """The code a language goes by everywhere (BCP 47, as browsers read `<html lang>`): Babel's language
    for it, with the region written if one was given. Norwegian `no` is Bokmål, `nb`; `nb_NO` is `nb-NO`."""
    primary, *region = re.split(r"[-_]", lang)
    language = locale_of(LOCALE_ALIASES.get(primary.lower(), primary)).language  # no -> nb_NO -> nb
    return f"{language}-{region[0].upper()}" if region else language


def check_new_language(lang: str, catalogue: Catalogue) -> None:
    """Refuse a code that is not a language Babel knows, or is the source or pseudo language, or a language the
    catalogue has already under another code."""
    if not LANG_PATTERN.fullmatch(lang):
        raise ValueError(f"'{lang}' is not a language code (hint: an ISO 639 code such as no, da, de or nl, "
                         "optionally with a region: pt-BR)")
    try:
        locale_of(lang)
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
    language = canonical_code(lang).split("-")[0]
    for existing in catalogue.translated_languages:
        try:
            same = canonical_code(existing).split("-")[0] == language and existing != lang
        except (UnknownLocaleError, ValueError):
            same = False
        if same:
            raise ValueError(f"'{lang}' is {language_name(lang)}, which the catalogue has already as '{existing}' "
                             f"(data/{I18N_DIR}/{existing}.po); one file per language")


@dataclass
class AddReport:
    """What `add` created."""

    lang: str
    name: str
    po: Path | None = None
    pages: list[Path] = field(default_factory=list)
    site_entry: bool = False


def _write_language(project: Project, catalogue: Catalogue, report: AddReport, po_path: Path,
                    pages: list[tuple[Path, Path]], in_site: bool) -> None:
    """Write what a new language lacks; a failure removes what this wrote, and is raised."""
    lang, source = report.lang, catalogue.source_language
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


def add_language(project: Project, lang: str, name: str | None = None) -> AddReport:
    """Start a language: its PO file, a copy of every source page, its entry in mkdocs.yml.

    Whatever already exists is kept, so a run that failed half-way can simply be run again; a
    run that fails removes what it created.
    """
    catalogue = load_catalogue(project.data)
    if LANG_PATTERN.fullmatch(lang):
        try:
            lang = canonical_code(lang)  # one code per language: the PO file, the pages, <html lang>, hreflang
        except (UnknownLocaleError, ValueError):
            pass  # check_new_language says why
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
    _write_language(project, catalogue, report, po_path, pages, in_site)
    return report
