"""Translation workflow: fingerprints, status, PO export and import, confirming, adding a language."""

from __future__ import annotations

import hashlib
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .loader import I18N_DIR, load_catalogue
from .model import Catalogue, Text
from .yamledit import CatalogueFile, Edit, apply_edits, scalar, set_key


def fingerprint(source_text: str) -> str:
    """Short hash of a source-language text: a translation records the one it was made from."""
    return hashlib.sha256(unicodedata.normalize("NFC", source_text).encode("utf-8")).hexdigest()[:8]


@dataclass
class LanguageStatus:
    """Per language: which texts are translated, missing, or stale (source changed since)."""

    lang: str
    total: int = 0
    translated: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    # translated together with the source (no fingerprint yet): fine, but a later change of the
    # source cannot be detected until `plandocs i18n confirm` records one
    unrecorded: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)  # fingerprints of texts that no longer exist

    @property
    def complete(self) -> bool:
        return not self.missing and not self.stale

    def as_dict(self) -> dict:
        return {"language": self.lang, "total": self.total, "translated": len(self.translated),
                "missing": len(self.missing), "stale": len(self.stale), "unrecorded": len(self.unrecorded),
                "missing_ids": self.missing, "stale_ids": self.stale, "unrecorded_ids": self.unrecorded,
                "obsolete_ids": self.obsolete, "complete": self.complete}


def text_state(catalogue: Catalogue, text: Text, lang: str) -> str:
    """'translated', 'missing', 'stale' or 'unrecorded' for one text in one translated language."""
    if lang not in text.values:
        return "missing"
    recorded = catalogue.fingerprints.get(lang, {}).get(text.id)
    if recorded is None:
        return "unrecorded"
    return "translated" if recorded == fingerprint(text.values[catalogue.source_language]) else "stale"


def status(catalogue: Catalogue, lang: str) -> LanguageStatus:
    """The translation status of one language."""
    result = LanguageStatus(lang, total=len(catalogue.texts))
    for text in catalogue.texts:
        state = text_state(catalogue, text, lang)
        getattr(result, state).append(text.id)
        if state == "unrecorded":
            result.translated.append(text.id)
    known = {text.id for text in catalogue.texts}
    result.obsolete = sorted(set(catalogue.fingerprints.get(lang, {})) - known)
    return result


# -- PO files ---------------------------------------------------------------------------------


PO_HEADER = ("# Translations of the plan catalogue ({lang}).\n"
             "# msgctxt is the text id, msgid the source text; fuzzy marks a stale translation.\n"
             "# Edit msgstr only, then: plandocs i18n import FILE.po")


def _catalog_for(lang: str):  # noqa: ANN202 - babel's Catalog, imported when PO files are used
    from babel import Locale, UnknownLocaleError
    from babel.messages.catalog import Catalog

    options = dict(project="plandocs", version="catalogue", fuzzy=False,
                   header_comment=PO_HEADER.format(lang=lang), msgid_bugs_address="",
                   last_translator="", language_team="")
    try:
        return Catalog(locale=Locale.parse(lang, sep="-" if "-" in lang else "_"), **options)
    except (UnknownLocaleError, ValueError):
        catalog = Catalog(**options)
        catalog.locale = None
        return catalog


def export_po(catalogue: Catalogue, lang: str) -> bytes:
    """A PO file of every text: id as msgctxt, source as msgid, translation as msgstr, stale ones fuzzy."""
    from babel.messages.pofile import write_po

    po = _catalog_for(lang)
    for text in catalogue.texts:
        state = text_state(catalogue, text, lang)
        po.add(text.values[catalogue.source_language], text.values.get(lang, ""), context=text.id,
               auto_comments=[text.note] if text.note else [], locations=[(text.file, text.line)],
               flags=["fuzzy"] if state == "stale" else [])
    buffer = io.BytesIO()
    write_po(buffer, po, width=0, sort_output=False, include_previous=False)
    return buffer.getvalue()


@dataclass
class ImportReport:
    """What an import changed and what it passed over."""

    lang: str
    changed: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "id: reason"


def import_po(data_dir: Path, po_bytes: bytes, lang: str | None = None) -> ImportReport:
    """Write the PO's non-fuzzy translations into data/, changing only the lines that differ."""
    from babel.messages.pofile import read_po

    catalogue = load_catalogue(data_dir)
    po = read_po(io.BytesIO(po_bytes))
    lang = lang or (str(po.locale).replace("_", "-") if po.locale else None)
    if lang is None or lang not in catalogue.translated_languages:
        raise ValueError(f"the PO file's language {lang!r} is not a translated catalogue language "
                         f"({', '.join(catalogue.translated_languages)}); use --lang or `plandocs i18n add`")
    report = ImportReport(lang)
    texts = {text.id: text for text in catalogue.texts}
    translations: dict[str, str] = {}
    confirm: list[str] = []
    for message in po:
        if not message.id or not message.context:
            continue
        text = texts.get(message.context)
        if text is None:
            report.skipped.append(f"{message.context}: no such text in the catalogue")
            continue
        if message.fuzzy or not message.string:
            continue
        source = text.values[catalogue.source_language]
        if message.id != source:
            report.skipped.append(f"{text.id}: translated from an older source text; export again")
            continue
        if text.values.get(lang) != message.string:
            translations[text.id] = message.string
            report.changed.append(text.id)
        if text_state(catalogue, text, lang) == "stale" or text.id in translations:
            confirm.append(text.id)
    before = {path: path.read_bytes() for path in data_dir.rglob("*.yml")}
    try:
        write_translations(data_dir, catalogue, lang, translations)
        report.confirmed = write_fingerprints(data_dir, catalogue, lang, confirm)
        load_catalogue(data_dir)  # the result must be a valid catalogue, or nothing is written
    except BaseException:
        for path, content in before.items():
            path.write_bytes(content)
        raise
    return report


def write_translations(data_dir: Path, catalogue: Catalogue, lang: str, values: dict[str, str]) -> None:
    """Set translations in the catalogue files, one edit per text."""
    by_file: dict[str, list[Text]] = {}
    for text in catalogue.texts:
        if text.id in values:
            by_file.setdefault(text.file, []).append(text)
    for display, texts in by_file.items():
        path = data_dir.parent / display
        file = CatalogueFile(path)
        apply_edits(path, [set_key(file.content, file.mapping_at(t.start), lang, values[t.id]) for t in texts])


def write_fingerprints(data_dir: Path, catalogue: Catalogue, lang: str, ids: list[str]) -> list[str]:
    """Record that the translations of `ids` match the current source; returns the ids that changed."""
    path = data_dir / I18N_DIR / f"{lang}.yml"
    file = CatalogueFile(path)
    table = file.doc.get("fingerprints")
    texts = {text.id: text for text in catalogue.texts}
    wanted = {i: fingerprint(texts[i].values[catalogue.source_language]) for i in ids}
    changed = [i for i, fp in wanted.items() if (table or {}).get(i) != fp]
    if not changed:
        return []
    if not table:  # `fingerprints: {}`: the first entries replace the empty mapping with a block
        mark = file.doc.marks["fingerprints"]
        start = mark.start
        while file.content[start - 1] == " ":
            start -= 1
        block = "".join(f"\n  {scalar(i)}: {scalar(wanted[i])}" for i in changed)
        apply_edits(path, [Edit(start, mark.end, block)])
        return changed
    apply_edits(path, [set_key(file.content, table, i, wanted[i]) for i in changed])
    return changed


def confirm(data_dir: Path, lang: str, ids: list[str] | None = None) -> list[str]:
    """Mark stale or unrecorded translations (all, or `ids`) as checked against the current source."""
    catalogue = load_catalogue(data_dir)
    report = status(catalogue, lang)
    stale = report.stale + report.unrecorded
    unknown = sorted(set(ids or []) - {t.id for t in catalogue.texts})
    if unknown:
        raise ValueError(f"no such text id: {', '.join(unknown)}")
    chosen = [i for i in stale if ids is None or i in ids]
    return write_fingerprints(data_dir, catalogue, lang, chosen)
