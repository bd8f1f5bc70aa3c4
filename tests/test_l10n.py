"""The translation workflow, through the `plandocs` command on copies of the project: PO files, pages, languages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.pofile import read_po as babel_read_po
from support.ci import IN_CI
from support.edit import replace_once, set_translation, translation_of
from support.languages import TRANSLATED, a_language_the_site_lacks, url
from support.oracle import Oracle
from support.sitebuild import build_here, copy_project, text
from support.sources import ROOT

from plandocs import mkdocs_yml
from plandocs.catalogue.po import read_po, write_po
from plandocs.cli.main import main
from plandocs.mkdocs_yml import read_config
from plandocs.project import Project
from plandocs.theme import search_language
from plandocs.translation import workflow


def run(capsys: pytest.CaptureFixture, project: Path, *args: str) -> tuple[int, str]:
    code = main(["--project", str(project), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def page_file(project: Path, lang: str, stem: str) -> Path:
    """The docs/ file of a page in a language (`matrix` is docs/matrix.md in the default language)."""
    return project / "docs" / Project(project).page_name(Path(stem), lang)


def po_files(project: Path) -> list[Path]:
    return sorted((project / "data" / "i18n").glob("*.po"))


def gettext_tool(name: str) -> str:
    """A GNU gettext program (Debian's `gettext` package); missing, the test is skipped, but never under CI."""
    found = shutil.which(name)
    if found is None:
        message = f"GNU {name} is not installed (apt-get install gettext)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


# -- the committed state ------------------------------------------------------------------------


def test_status_is_clean_on_main(capsys) -> None:
    code, out = run(capsys, ROOT, "i18n", "status", "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"], out
    for language in report["languages"]:
        assert language["missing"] == language["stale"] == 0
        assert language["texts"] == language["translated"] > 0
        assert language["pages"] > 0 and language["pages_missing"] == language["pages_stale"] == []


def test_update_on_a_clean_tree_changes_no_byte(capsys, project: Path) -> None:
    """The committed PO files and template are exactly what the tool writes (sorted, wrapped)."""
    before = snapshot(project)
    code, out = run(capsys, project, "i18n", "update")
    assert code == 0 and "up to date" in out, out
    assert snapshot(project) == before, "run `plandocs i18n update` and commit data/i18n/"


def test_no_translation_is_written_in_the_catalogue(oracle: Oracle) -> None:
    """Every translation lives in its language's PO file; data/*.yml holds the source language alone."""
    catalogue_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").glob("*.yml")))
    for lang in oracle.languages[1:]:
        translated = {texts[lang] for texts in oracle.labels.values() if texts[lang] != texts[oracle.source]}
        assert translated, lang
        assert not [t for t in translated if t in catalogue_text], f"{lang} texts in data/*.yml"


def test_every_po_file_passes_msgfmt_check() -> None:
    msgfmt = gettext_tool("msgfmt")
    for po in po_files(ROOT):
        result = subprocess.run([msgfmt, "--check", "-o", os.devnull, str(po)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stderr, f"{po.name}: {result.stderr}"


def test_po_files_are_formatted_as_msgcat_formats_them() -> None:
    """A diff of a PO file shows only the entries that changed, whichever tool saved it last."""
    msgcat = gettext_tool("msgcat")
    for po in [*po_files(ROOT), ROOT / "data" / "i18n" / "messages.pot"]:
        result = subprocess.run([msgcat, str(po)], capture_output=True)
        assert result.returncode == 0, result.stderr
        assert result.stdout == po.read_bytes(), f"{po.name} is not formatted as msgcat formats it"


# -- when the English changes ----------------------------------------------------------------------


@pytest.mark.build
def test_a_changed_english_text_becomes_fuzzy_with_its_previous_english(capsys, project: Path) -> None:
    lang = TRANSLATED[0]
    po = project / "data" / "i18n" / f"{lang}.po"
    before = po.read_text(encoding="utf-8").splitlines()
    translated = translation_of(po, "feature.sales-guide.label")
    replace_once(project / "data" / "solutions.yml", "label: Sales guide\n", "label: Guided selling\n")
    code, out = run(capsys, project, "i18n", "update")
    assert code == 0 and f"data/i18n/{lang}.po" in out

    after = po.read_text(encoding="utf-8").splitlines()
    added = [line for line in after if line not in before]
    removed = [line for line in before if line not in after]
    assert added == ["#, fuzzy", '#| msgid "Sales guide"', 'msgid "Guided selling"'], added
    assert removed == ['msgid "Sales guide"'], removed
    with po.open("rb") as handle:  # another tool's reading agrees
        entry = next(m for m in babel_read_po(handle) if m.context == "feature.sales-guide.label")
    assert entry.fuzzy and entry.id == "Guided selling" and entry.string == translated

    code, out = run(capsys, project, "i18n", "status")
    assert code == 1 and "stale translation of 'feature.sales-guide.label'" in out and "1 stale" in out
    result = build_here(project, project / "site")
    assert result.returncode != 0
    assert f"data/i18n/{lang}.po:" in result.output and f"{lang}: stale translation of " \
        "'feature.sales-guide.label'" in result.output

    # The translators check it and clear the mark: translated again, the previous English gone.
    for other in TRANSLATED:
        path = project / "data" / "i18n" / f"{other}.po"
        parsed = read_po(path.read_bytes(), path.name)
        parsed.entries = [replace(e.with_flags(fuzzy=False), previous_msgid=None)
                          if e.msgctxt == "feature.sales-guide.label" else e for e in parsed.entries]
        path.write_bytes(write_po(parsed))
    assert run(capsys, project, "i18n", "status")[0] == 0
    assert run(capsys, project, "i18n", "update")[1].strip() == "the PO files are up to date"


def test_new_texts_arrive_untranslated_and_removed_ones_are_kept_obsolete(capsys, project: Path) -> None:
    replace_once(project / "data" / "solutions.yml", "        plan_id: marketingpremium\n        features:\n",
                 "        plan_id: marketingpremium\n        features:\n          - id: journey-analytics\n"
                 "            label: {text: Journey analytics, note: A product area; ask product management}\n")
    lang = TRANSLATED[0]
    po = project / "data" / "i18n" / f"{lang}.po"
    legend = translation_of(po, "ui.legend")
    replace_once(project / "data" / "ui.yml", "  legend: Legend\n", "")
    run(capsys, project, "i18n", "update")
    content = po.read_text(encoding="utf-8")
    assert ('#. A product area; ask product management\n#: data/solutions.yml:'
            in content) and 'msgctxt "feature.journey-analytics.label"\nmsgid "Journey analytics"\nmsgstr ""' in content
    assert f'#~ msgctxt "ui.legend"\n#~ msgid "Legend"\n#~ msgstr "{legend}"' in content
    template = (project / "data" / "i18n" / "messages.pot").read_text(encoding="utf-8")
    assert 'msgctxt "feature.journey-analytics.label"' in template and '"ui.legend"' not in template
    code, out = run(capsys, project, "i18n", "status", lang)
    assert code == 1 and "missing translation of 'feature.journey-analytics.label'" in out

    # The text comes back: its old translation is used again.
    replace_once(project / "data" / "ui.yml", "  legend-included:", "  legend: Legend\n  legend-included:")
    run(capsys, project, "i18n", "update")
    content = po.read_text(encoding="utf-8")
    assert '#~ msgctxt "ui.legend"' not in content and f'msgid "Legend"\nmsgstr "{legend}"' in content


@pytest.mark.build
def test_a_preview_shows_a_missing_translation_in_english_marked(project: Path) -> None:
    lang, source = TRANSLATED[0], Oracle(project / "data").source
    set_translation(project / "data" / "i18n" / f"{lang}.po", "feature.sales-forecasting.label", "")
    result = build_here(project, project / "site", strict=False)
    assert result.returncode == 0, result.output[-2000:]
    assert "WARNING" in result.output and f"{lang}: missing translation of 'feature.sales-forecasting.label'" \
        in result.output
    marked = result.page(url(lang, "matrix/")).select('[data-untranslated="feature.sales-forecasting.label"]')
    assert marked and all(text(m) == "Sales forecasting" and m["lang"] == source for m in marked)
    assert result.page(url(source, "matrix/")).select("[data-untranslated]") == []


def test_a_translation_that_is_no_web_address_is_refused_where_it_is_written(capsys, project: Path) -> None:
    po = project / "data" / "i18n" / f"{TRANSLATED[0]}.po"
    set_translation(po, "addon.superoffice-ai.link", "www.example")
    code, out = run(capsys, project, "check")
    assert code == 1 and out.startswith(f"data/i18n/{po.name}:") and "not an https:// address" in out, out


# -- pages ----------------------------------------------------------------------------------------


@pytest.mark.build
def test_an_edited_english_page_makes_its_translation_stale_until_confirmed(capsys, project: Path) -> None:
    english = page_file(project, Oracle(project / "data").source, "matrix")
    content = english.read_text(encoding="utf-8")
    sentence = content.split("\n\n")[1].split(". ")[0]
    replace_once(english, sentence, sentence + ", as sold today")
    code, out = run(capsys, project, "i18n", "status", "--json")
    assert code == 1, out
    for report in json.loads(out)["languages"]:
        translated = page_file(project, report["language"], "matrix").relative_to(project).as_posix()
        assert report["pages_stale"] == [translated] and report["stale"] == 0, out
    lang = TRANSLATED[0]
    translated = page_file(project, lang, "matrix").relative_to(project).as_posix()
    result = build_here(project, project / "site")
    assert result.returncode != 0 and f"{translated}:" in result.output and \
        f"{lang}: stale translation of '{translated}'" in result.output

    for lang in TRANSLATED:
        translated = page_file(project, lang, "matrix").relative_to(project).as_posix()
        code, out = run(capsys, project, "i18n", "confirm", lang, translated)
        assert code == 0 and f"confirmed {translated}" in out
    assert run(capsys, project, "i18n", "status")[0] == 0


def test_confirming_a_page_keeps_its_line_endings(capsys, project: Path) -> None:
    lang = TRANSLATED[0]
    page = page_file(project, lang, "billing")
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    replace_once(page_file(project, Oracle(project / "data").source, "billing"), "# ", "# The ")  # its English changes
    for other in TRANSLATED:
        assert run(capsys, project, "i18n", "confirm", other)[0] == 0
    raw = page.read_bytes()
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n"), "line endings changed"
    assert run(capsys, project, "i18n", "status")[0] == 0


# -- PO files from outside -----------------------------------------------------------------------


def test_update_writes_every_po_file_in_one_form_whatever_tool_saved_it(capsys, project: Path) -> None:
    """A platform or Poedit saves CRLF line endings, header fields of its own, reordered fields and format
    flags: update writes the file back as it was, and says what it changed."""
    po = project / "data" / "i18n" / f"{TRANSLATED[0]}.po"
    original = po.read_bytes()
    text_now = original.decode("utf-8")
    language = next(line for line in text_now.splitlines() if line.startswith('"Language: '))
    mime = next(line for line in text_now.splitlines() if line.startswith('"MIME-Version: '))
    saved = text_now.replace(language + "\n", "").replace(mime, f'{mime}\n{language}\n"X-Generator: Poedit 3.4\\n"\n'
                                                             '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', 1)
    saved = saved.replace('\nmsgctxt "ui.feature"\n', '\n#, c-format\nmsgctxt "ui.feature"\n', 1)
    po.write_bytes(saved.replace("\n", "\r\n").encode("utf-8"))
    assert run(capsys, project, "check")[0] == 0  # every tool's form reads
    code, out = run(capsys, project, "i18n", "update")
    assert code == 0, out
    assert po.read_bytes() == original
    for said in ("line endings written as LF", "Plural-Forms, X-Generator dropped", "flags other than fuzzy"):
        assert said in out, out


def test_a_po_file_cut_off_inside_a_translation_is_refused_and_not_rewritten(capsys, project: Path) -> None:
    po = project / "data" / "i18n" / f"{TRANSLATED[0]}.po"
    content = po.read_bytes()
    translated = f'msgstr "{translation_of(po, "ui.feature")}"'.encode()
    cut = content[: content.index(translated) + len(translated) - 3]
    po.write_bytes(cut)
    last_line = cut.count(b"\n") + 1
    code, out = run(capsys, project, "check")
    assert code == 1 and out.startswith(f"data/i18n/{po.name}:{last_line}:"), out
    assert "Traceback" not in out
    code, out = run(capsys, project, "i18n", "update")
    assert code == 1 and po.read_bytes() == cut, "update must not rewrite a PO file it cannot read"


# -- a new language --------------------------------------------------------------------------------


def _stand_in_translator(po: Path, prefix: str) -> None:
    """Translate every text of a PO file (web addresses are kept), as a translator's tool would save it."""
    parsed = read_po(po.read_bytes(), po.name)
    parsed.entries = [replace(e, msgstr=e.msgid if e.msgid.startswith("https://") else f"{prefix} {e.msgid}")
                      for e in parsed.entries]
    po.write_bytes(write_po(parsed))


@pytest.mark.build
def test_a_language_added_by_the_guide_builds_a_complete_section(capsys, project: Path) -> None:
    code = a_language_the_site_lacks()
    status, out = run(capsys, project, "i18n", "add", code)
    assert status == 0 and workflow.language_name(code) in out, out
    config = read_config(project / "mkdocs.yml")
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert code in [entry["locale"] for entry in i18n["languages"]]  # read back as the code, never as false
    status, out = run(capsys, project, "i18n", "status", code)
    assert status == 1 and " 0 translated" in out  # shipped now, nothing translated yet

    mark = code.upper()
    _stand_in_translator(project / "data" / "i18n" / f"{code}.po", mark)
    assert run(capsys, project, "i18n", "confirm", code)[0] == 0  # the pages, as a translator would
    assert run(capsys, project, "i18n", "status")[0] == 0
    assert run(capsys, project, "i18n", "update")[1].strip() == "the PO files are up to date"

    result = build_here(project, project / "site")
    assert result.returncode == 0, result.output[-3000:]
    oracle = Oracle(project / "data")
    assert oracle.languages == [oracle.source, *sorted([*TRANSLATED, code])]
    for page in ("", "matrix/", "combinations/", "solutions/sales/", "addons/", "billing/", "developers/"):
        soup = result.page(f"{code}/{page}")
        for element in soup.select("article table th, article table caption, article li"):
            shown = text(element)
            assert not shown or shown.startswith(f"{mark} ") or shown in {"✓", "–", "✓ ↑"} or shown.isdigit() \
                or element.find("code") or f"{mark} " in shown, f"{code}/{page}: {shown!r}"
    matrix = result.page(f"{code}/matrix/").select("#matrix tr[data-feature]")
    assert len(matrix) == len(result.page(url(oracle.source, "matrix/")).select("#matrix tr[data-feature]"))
    index = json.loads((result.site / code / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [search_language(code)]  # lunr's stemmer of the language


NOT_NEW = ["xx", "../x", Oracle().source, Oracle().raw.get("pseudo"), f"{TRANSLATED[0]}\n", TRANSLATED[0], "zz:"]


@pytest.mark.parametrize("code", NOT_NEW)
def test_add_refuses_what_is_no_new_language(capsys, project: Path, code: str) -> None:
    before = snapshot(project)
    status, out = run(capsys, project, "i18n", "add", code)
    assert status == 2 and len(out.strip().splitlines()) == 1 and "Traceback" not in out, out
    assert "\n" not in out.strip() and snapshot(project) == before


def test_add_failing_half_way_leaves_nothing_and_can_be_run_again(capsys, project: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(project)
    calls = []
    real = workflow.write_atomic

    def failing(path: Path, content: bytes) -> bool:
        calls.append(path)
        if len(calls) == 4:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, content)

    monkeypatch.setattr(workflow, "write_atomic", failing)
    new = a_language_the_site_lacks()
    status, out = run(capsys, project, "i18n", "add", new)
    assert status == 2 and "Permission denied" in out and "Traceback" not in out, out
    assert snapshot(project) == before
    monkeypatch.setattr(workflow, "write_atomic", real)
    status, out = run(capsys, project, "i18n", "add", new)
    assert status == 0, out
    assert (project / "data" / "i18n" / f"{new}.po").is_file() and (project / "docs" / f"matrix.{new}.md").is_file()


FOUR_SPACES = """site_name: X  # a comment
site_url: !ENV [SOME_URL, "http://127.0.0.1:8000/"]
plugins:
    - search
    - i18n:
        languages:
            - locale: 'sv'
              name: Svenska
              default: true
            # a comment between entries
            - locale: en
              name: "English"
"""


@pytest.mark.parametrize("layout", ["the project's", "four spaces", "windows line ends"])
def test_add_changes_mkdocs_yml_by_its_entry_alone(tmp_path: Path, layout: str) -> None:
    original = {"the project's": (ROOT / "mkdocs.yml").read_bytes(), "four spaces": FOUR_SPACES.encode(),
                "windows line ends": FOUR_SPACES.replace("\n", "\r\n").encode()}[layout]
    path = tmp_path / "mkdocs.yml"
    path.write_bytes(original)
    mkdocs_yml.add_site_language(path, "no", "Norsk", "en", "nb")
    new = path.read_bytes()
    newline = b"\r\n" if b"\r\n" in original else b"\n"
    kept, added = new[:len(original.rstrip(newline))], new[len(original.rstrip(newline)):].split(newline)
    assert kept == original.rstrip(newline), new.decode()  # every line before it, byte for byte
    assert added[1].strip() == b'- locale: "no"' and added[-1] == b"" and all(line.strip() for line in added[1:-1])
    entry = next(e for e in mkdocs_yml.i18n_settings(read_config(path))["languages"] if e.get("name") == "Norsk")
    assert entry["locale"] == "no" and entry["theme"] == {"language": "nb"}  # "no", never false
