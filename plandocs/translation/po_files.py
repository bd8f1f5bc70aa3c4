"""The PO files kept in step with the catalogue: the template, new languages' headers, and merging as msgmerge
does, without ever losing a translation."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from babel import Locale

from plandocs.catalogue.load import I18N_DIR, TEMPLATE_NAME, load_catalogue, translated_languages
from plandocs.catalogue.po import FUZZY, Entry, PoFile, read_po, write_po
from plandocs.catalogue.yamlsource import read_text_file
from plandocs.files import remove_leftovers, write_atomic
from plandocs.model import Catalogue

PROJECT_ID = "plandocs catalogue"


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
    name, source_name = name_in(lang, source), name_in(source, source)
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
        old = _previous_entry(new, live, obsolete, display, notes)
        if old is not None and old.obsolete:
            revived.add(id(old))
        entries.append(new if old is None else _carried_over(new, old))
    placed = {new.msgctxt for new in template}
    leftovers = [_kept_as_obsolete(entry, placed, display, notes) for entry in po.entries
                 if entry.msgstr and id(entry) not in revived]  # else nothing is lost: untranslated, or back in place
    return PoFile(header=po.header, entries=entries + [e for e in leftovers if e is not None],
                  newline=po.newline), notes


def _previous_entry(new: Entry, live: dict, obsolete: dict, display: str, notes: list[str]) -> Entry | None:
    """The entry a template entry takes its translation from: the live one, else an obsolete one."""
    old = live.get(new.msgctxt)
    if old is None and new.msgctxt in obsolete:
        old = obsolete[new.msgctxt]
        notes.append(f"{display}:{old.line}: '{new.msgctxt}': translation brought back from an obsolete entry"
                     + ("" if old.msgid == new.msgid else " (fuzzy: its source text changed)"))
    elif old is not None and new.msgctxt in obsolete:
        notes.append(f"{display}:{obsolete[new.msgctxt].line}: '{new.msgctxt}': an obsolete entry beside the "
                     "live one; the live translation is kept, and the obsolete entry as it was")
    return old


def _carried_over(new: Entry, old: Entry) -> Entry:
    """The template entry with the old entry's translation, fuzzy when its source text changed."""
    entry = replace(new, msgstr=old.msgstr, comments=old.comments, flags=old.flags,
                    previous_msgid=old.previous_msgid if old.fuzzy and not old.obsolete else None)
    if old.msgid != new.msgid and old.msgstr:
        entry = replace(entry.with_flags(fuzzy=True), previous_msgid=entry.previous_msgid or old.msgid)
    return entry


def _kept_as_obsolete(entry: Entry, placed: set, display: str, notes: list[str]) -> Entry | None:
    """A translated entry the template did not place, as an obsolete entry (None when it is in place)."""
    if entry.obsolete:
        return entry
    if entry.msgctxt is None:
        notes.append(f"{display}:{entry.line}: an entry without msgctxt ('{_short(entry.msgid)}') cannot be "
                     "placed; kept as obsolete")
    elif entry.msgctxt in placed:
        return None
    else:
        notes.append(f"{display}:{entry.line}: '{entry.msgctxt}' is no longer a text of the catalogue; "
                     "its translation is kept as obsolete")
    return replace(entry, obsolete=True, references=[], previous_msgid=None)


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
    names = [TEMPLATE_NAME, *(f"{lang}.po" for lang in translated_languages(data_dir))]
    notes = [f"removed {data_dir.name}/{I18N_DIR}/{leftover.name}, left by an update that was stopped"
             for leftover in remove_leftovers(folder, names)]
    for lang in translated_languages(data_dir):
        path = folder / f"{lang}.po"
        display = f"{data_dir.name}/{I18N_DIR}/{path.name}"
        po, said = merge(read_po(read_text_file(path, display, within=data_dir), display), template, display)
        po, normalised = canonical(po, lang, catalogue.source_language, display)
        merged[path] = _checked(po, display)
        notes.extend(said + normalised)
    pot_po = PoFile(template_header(catalogue.source_language), template)
    merged[pot] = _checked(pot_po, f"{data_dir.name}/{I18N_DIR}/{TEMPLATE_NAME}")
    for path, content in merged.items():
        if write_atomic(path, content):
            changed.append(path)
    return changed, notes


# The header fields a language's PO file has, in their order (language_header); tools add others.
HEADER_FIELDS = ("Project-Id-Version", "PO-Revision-Date", "Last-Translator", "Language-Team", "Language",
                 "MIME-Version", "Content-Type", "Content-Transfer-Encoding")


def canonical(po: PoFile, lang: str, source: str, display: str) -> tuple[PoFile, list[str]]:
    """A PO file as `update` writes it, whichever tool saved it last: LF line endings, the header's fields
    in their order (a translator's name and the revision date kept; fields tools add dropped), and no flag
    but `fuzzy`. Returns it with a line for each kind of change."""
    notes: list[str] = []
    if po.newline != "\n":
        notes.append(f"{display}: line endings written as LF (the file had CRLF)")
    fresh = language_header(lang, source)
    fields = dict(line.split(": ", 1) for line in fresh.msgstr.splitlines() if ": " in line)
    for name in ("PO-Revision-Date", "Last-Translator", "Language-Team"):
        if po.header_field(name) is not None:
            fields[name] = po.header_field(name) or ""
    extra = sorted({line.split(":", 1)[0].strip() for line in po.header.msgstr.splitlines() if ":" in line}
                   - set(HEADER_FIELDS))
    if extra:
        notes.append(f"{display}: header field(s) {', '.join(extra)} dropped (tools add them; this catalogue "
                     "does not use them)")
    header = replace(po.header, msgstr="".join(f"{name}: {fields[name]}\n" for name in HEADER_FIELDS), flags=[])
    if header.flags != po.header.flags or header.msgstr != po.header.msgstr and not extra:
        notes.append(f"{display}: header written in its usual form")
    flagged = 0
    entries = []
    for entry in po.entries:
        kept = [flag for flag in entry.flags if flag == FUZZY]
        flagged += kept != entry.flags
        entries.append(replace(entry, flags=kept))
    if flagged:
        notes.append(f"{display}: flags other than fuzzy dropped from {flagged} entr{'y' if flagged == 1 else 'ies'}")
    return PoFile(header=header, entries=entries, newline="\n"), notes


def _checked(po: PoFile, display: str) -> bytes:
    """The file's bytes, once they read back as the same entries (nothing is written otherwise)."""
    content = write_po(po)

    def key(entry: Entry) -> tuple:
        return entry.msgctxt, entry.msgid, entry.msgstr, entry.fuzzy, entry.obsolete

    if [key(e) for e in read_po(content, display).entries] != [key(e) for e in po.entries]:
        raise ValueError(f"{display}: the updated file would not read back as written; nothing was written")
    return content


def name_in(lang: str, language: str) -> str:
    """The name of `lang` in `language` ('Swedish' in English)."""
    return locale_of(lang).get_display_name(locale_of(language)) or lang


def locale_of(lang: str) -> Locale:
    return Locale.parse(lang, sep="-" if "-" in lang else "_")
