"""Editing a copy of the catalogue in tests: one textual change, asserted to apply exactly once."""

from __future__ import annotations

from pathlib import Path


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in `path`; fails if `old` is not there exactly once."""
    content = path.read_text(encoding="utf-8")
    assert content.count(old) == 1, f"{old!r} occurs {content.count(old)} times in {path.name}"
    path.write_text(content.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based number of the first line that starts with `needle` after its indentation."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith(needle):
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def translate(data: Path, lang: str, translations: dict[str, str]) -> None:
    """Bring the PO files in step with data/ (`plandocs i18n update`) and translate these text ids in `lang`."""
    from dataclasses import replace

    from plandocs.catalogue.po import read_po, write_po
    from plandocs.translation.po_files import update

    update(data)  # (changed files, notes): not needed here
    path = data / "i18n" / f"{lang}.po"
    po = read_po(path.read_bytes(), path.name)
    missing = set(translations) - {entry.msgctxt for entry in po.entries}
    assert not missing, f"no PO entry for {sorted(missing)}"
    po.entries = [replace(entry.with_flags(fuzzy=False), msgstr=translations[entry.msgctxt], previous_msgid=None)
                  if entry.msgctxt in translations else entry for entry in po.entries]
    path.write_bytes(write_po(po))


def translation_of(po_path: Path, text_id: str) -> str:
    """The msgstr of the live entry of `text_id` in a PO file."""
    from plandocs.catalogue.po import read_po

    po = read_po(po_path.read_bytes(), po_path.name)
    return next(entry.msgstr for entry in po.entries if entry.msgctxt == text_id and not entry.obsolete)


def set_translation(po_path: Path, text_id: str, msgstr: str) -> None:
    """Write `msgstr` as the translation of `text_id` in a PO file, as a translator's tool would save it."""
    from dataclasses import replace

    from plandocs.catalogue.po import read_po, write_po

    po = read_po(po_path.read_bytes(), po_path.name)
    assert any(entry.msgctxt == text_id for entry in po.entries), f"no entry {text_id} in {po_path.name}"
    po.entries = [replace(entry, msgstr=msgstr) if entry.msgctxt == text_id and not entry.obsolete else entry
                  for entry in po.entries]
    po_path.write_bytes(write_po(po))
