"""`plandocs i18n update` never loses a translation: a live entry beats an obsolete one, and every translated
entry it cannot place is kept (as obsolete) and named. Each check runs on every translated language."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.sitebuild import copy_project

from plandocs.catalogue.load import load_catalogue, translated_languages
from plandocs.catalogue.po import read_po
from plandocs.cli.main import main

LANGUAGES = translated_languages(Path(__file__).resolve().parents[1] / "data")


def run(capsys: pytest.CaptureFixture, project: Path, *args: str) -> tuple[int, str]:
    code = main(["--project", str(project), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", ("mkdocs.yml", "data", "docs"))


def live(po_path: Path) -> dict[str, str]:
    return {e.msgctxt: e.msgstr for e in read_po(po_path.read_bytes(), po_path.name).entries
            if not e.obsolete and e.msgctxt}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_obsolete_entry_never_overwrites_a_live_translation(capsys, project: Path, lang: str) -> None:
    po = project / "data" / "i18n" / f"{lang}.po"
    catalogue = load_catalogue(project / "data")
    text = catalogue.texts[0]
    before = live(po)[text.id]
    english = text.values[catalogue.source_language]
    with po.open("a", encoding="utf-8") as handle:
        handle.write(f'\n#~ msgctxt "{text.id}"\n#~ msgid "{english}"\n#~ msgstr "OLD AND WRONG"\n')
    code, out = run(capsys, project, "i18n", "update")
    assert code == 0, out
    assert live(po)[text.id] == before
    assert "OLD AND WRONG" in po.read_text(encoding="utf-8"), "the obsolete entry is kept as it was"
    assert f"'{text.id}'" in out and "live translation is kept" in out, out
    assert load_catalogue(project / "data").texts[0].values[lang] == before


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translated_entries_without_msgctxt_are_all_kept_and_named(capsys, project: Path, lang: str) -> None:
    po = project / "data" / "i18n" / f"{lang}.po"
    with po.open("a", encoding="utf-8") as handle:
        handle.write('\nmsgid "First orphan"\nmsgstr "Erste"\n\nmsgid "Second orphan"\nmsgstr "Zweite"\n')
    code, out = run(capsys, project, "check")
    assert code == 1 and "without msgctxt" in out, out
    code, out = run(capsys, project, "i18n", "update")
    assert code == 0, out
    content = po.read_text(encoding="utf-8")
    assert '#~ msgid "First orphan"\n#~ msgstr "Erste"' in content
    assert '#~ msgid "Second orphan"\n#~ msgstr "Zweite"' in content
    assert out.count("cannot be placed; kept as obsolete") == 2, out
    code, out = run(capsys, project, "check")
    assert code == 0, out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_obsolete_translation_comes_back_only_where_no_live_one_is(capsys, project: Path, lang: str) -> None:
    po = project / "data" / "i18n" / f"{lang}.po"
    text = load_catalogue(project / "data").texts[0]
    content = po.read_text(encoding="utf-8")
    entry = next(e for e in read_po(po.read_bytes(), po.name).entries if e.msgctxt == text.id)
    start = content.index(f'msgctxt "{text.id}"')
    end = content.index("\n\n", start)
    # The live entry is gone; an obsolete one of the same id holds the translation.
    po.write_text(content[:start] + content[end + 2:] + f'\n#~ msgctxt "{text.id}"\n#~ msgid "{entry.msgid}"\n'
                  f'#~ msgstr "{entry.msgstr}"\n', encoding="utf-8")
    code, out = run(capsys, project, "i18n", "update")
    assert code == 0 and "brought back" in out, out
    assert live(po)[text.id] == entry.msgstr
