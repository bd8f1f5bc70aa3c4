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
