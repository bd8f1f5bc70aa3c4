"""The translation workflow, through the `plandocs` command on copies of the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plandocs.cli import main

from edit import replace_once
from oracle import Oracle
from sitebuild import build, copy_project, text
from sources import ROOT


# the English label of one feature, as solutions.yml writes it (unique in the file)
FORECASTING = "- id: sales-forecasting\n            label: {en: Sales forecasting,"


def run(capsys: pytest.CaptureFixture, project: Path, *args: str) -> tuple[int, str]:
    code = main(["--project", str(project), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_status_is_clean_on_main(capsys) -> None:
    code, out = run(capsys, ROOT, "i18n", "status", "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"], out
    for language in report["languages"]:
        assert language["missing"] == language["stale"] == 0
        assert language["total"] == language["translated"] > 0


def test_check_validates_without_building(capsys, project: Path) -> None:
    assert run(capsys, project, "check")[0] == 0
    replace_once(project / "data" / "tiers.yml", "extends: essential", "extends: essentail")
    code, out = run(capsys, project, "check")
    assert code == 1 and "data/tiers.yml:" in out and "did you mean 'essential'?" in out and "Traceback" not in out


def test_a_changed_english_label_makes_its_translation_stale_until_confirmed(capsys, project: Path) -> None:
    replace_once(project / "data" / "solutions.yml", FORECASTING, FORECASTING.replace("Sales forecasting", "Sales forecasts"))
    code, out = run(capsys, project, "i18n", "status")
    assert code == 1
    assert "stale    feature.sales-forecasting.label" in out and "1 stale" in out
    code, out = run(capsys, project, "i18n", "status", "--json")
    assert json.loads(out)["languages"][0]["stale_ids"] == ["feature.sales-forecasting.label"]

    result = build(project, project / "site")
    assert result.returncode != 0 and "stale translation of 'feature.sales-forecasting.label'" in result.output

    assert run(capsys, project, "i18n", "confirm", "sv", "feature.sales-forecasting.label")[0] == 0
    assert run(capsys, project, "i18n", "status")[0] == 0


def test_po_round_trip_changes_no_byte(capsys, project: Path, tmp_path: Path) -> None:
    before = snapshot(project / "data")
    po = tmp_path / "sv.po"
    assert run(capsys, project, "i18n", "export", "sv", "-o", str(po))[0] == 0
    content = po.read_text(encoding="utf-8")
    assert 'msgctxt "feature.sales-forecasting.label"\nmsgid "Sales forecasting"\nmsgstr "Försäljningsprognoser"' \
        in content
    assert run(capsys, project, "i18n", "import", str(po))[0] == 0
    assert snapshot(project / "data") == before


def test_one_edited_msgstr_changes_one_line(capsys, project: Path, tmp_path: Path) -> None:
    before = snapshot(project / "data")
    po = tmp_path / "sv.po"
    run(capsys, project, "i18n", "export", "sv", "-o", str(po))
    replace_once(po, 'msgstr "Försäljningsprognoser"', 'msgstr "Säljprognoser"')
    code, out = run(capsys, project, "i18n", "import", str(po))
    assert code == 0 and "1 translations changed" in out
    after = snapshot(project / "data")
    changed = [name for name in after if after[name] != before[name]]
    assert changed == ["solutions.yml"]
    old_lines = before["solutions.yml"].decode().splitlines()
    new_lines = after["solutions.yml"].decode().splitlines()
    assert len(old_lines) == len(new_lines)
    differing = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
    assert len(differing) == 1, differing
    assert differing[0][1] == differing[0][0].replace("Försäljningsprognoser", "Säljprognoser")
    assert run(capsys, project, "i18n", "status")[0] == 0


def test_stale_strings_are_fuzzy_in_the_po(capsys, project: Path, tmp_path: Path) -> None:
    replace_once(project / "data" / "solutions.yml", FORECASTING, FORECASTING.replace("Sales forecasting", "Sales forecasts"))
    po = tmp_path / "sv.po"
    run(capsys, project, "i18n", "export", "sv", "-o", str(po))
    assert '#, fuzzy\nmsgctxt "feature.sales-forecasting.label"\nmsgid "Sales forecasts"' in po.read_text("utf-8")
    # importing it unchanged keeps it stale; the translator un-fuzzies it to confirm
    run(capsys, project, "i18n", "import", str(po))
    assert run(capsys, project, "i18n", "status")[0] == 1
    replace_once(po, '#, fuzzy\nmsgctxt "feature.sales-forecasting.label"', 'msgctxt "feature.sales-forecasting.label"')
    run(capsys, project, "i18n", "import", str(po))
    assert run(capsys, project, "i18n", "status")[0] == 0


def test_notes_reach_translators_as_po_comments(capsys, project: Path, tmp_path: Path) -> None:
    replace_once(project / "data" / "solutions.yml", "label: {en: Quote Management, sv: Quote Management}",
                 "label: {en: Quote Management, sv: Quote Management, note: Product name; keep it in English}")
    po = tmp_path / "sv.po"
    run(capsys, project, "i18n", "export", "sv", "-o", str(po))
    assert '#. Product name; keep it in English\n#: data/solutions.yml:' in po.read_text("utf-8")


def test_a_scaffolded_and_translated_language_builds_a_complete_section(capsys, project: Path,
                                                                        tmp_path: Path) -> None:
    code, out = run(capsys, project, "i18n", "add", "de")
    assert code == 0, out
    code, out = run(capsys, project, "i18n", "status", "de")
    assert code == 1 and "0 translated" in out  # shipped now, nothing translated yet

    po = tmp_path / "de.po"
    run(capsys, project, "i18n", "export", "de", "-o", str(po))
    from babel.messages.pofile import read_po, write_po
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id:  # a stand-in translator, who keeps web addresses
            message.string = message.id if message.id.startswith("https://") else f"DE {message.id}"
    with po.open("wb") as handle:
        write_po(handle, catalog)
    code, out = run(capsys, project, "i18n", "import", str(po))
    assert code == 0, out
    assert run(capsys, project, "i18n", "status")[0] == 0

    result = build(project, project / "site")
    assert result.returncode == 0, result.output[-3000:]
    oracle = Oracle(project / "data")
    for page in ("", "matrix/", "combinations/", "solutions/sales/", "addons/", "billing/", "developers/"):
        soup = result.page(f"de/{page}")
        assert soup.html["lang"] == "de"
        for element in soup.select("article table th, article table caption, article li"):
            shown = text(element)
            assert not shown or shown.startswith("DE ") or shown in {"✓", "–", "✓ ↑"} or shown.isdigit() \
                or element.find("code") or "DE " in shown, f"de/{page}: {shown!r}"
    matrix = result.page("de/matrix/").select("#matrix tr[data-feature]")
    assert len(matrix) == len(result.page("en/matrix/").select("#matrix tr[data-feature]"))
    assert oracle.languages == ["en", "de", "sv"]


def test_an_import_that_breaks_the_catalogue_writes_nothing(capsys, project: Path, tmp_path: Path) -> None:
    before = snapshot(project / "data")
    po = tmp_path / "sv.po"
    run(capsys, project, "i18n", "export", "sv", "-o", str(po))
    replace_once(po, 'msgstr "https://docs.superoffice.com/sv/ai/learn/index.html"', 'msgstr "www.example"')
    replace_once(po, 'msgstr "Försäljningsprognoser"', 'msgstr "Säljprognoser"')
    code, out = run(capsys, project, "i18n", "import", str(po))
    assert code == 1 and "addons[superoffice-ai].link.sv" in out and "not an https:// address" in out
    assert snapshot(project / "data") == before


def test_a_preview_shows_a_missing_translation_in_english_marked(project: Path) -> None:
    replace_once(project / "data" / "solutions.yml", FORECASTING + " sv: Försäljningsprognoser}",
                 FORECASTING.rstrip(",") + "}")
    result = build(project, project / "site", strict=False)
    assert result.returncode == 0, result.output[-2000:]
    assert "WARNING" in result.output and "sv: missing translation of 'feature.sales-forecasting.label'" \
        in result.output
    marked = result.page("matrix/").select('[data-untranslated="feature.sales-forecasting.label"]')
    assert marked and all(text(m) == "Sales forecasting" and m["lang"] == "en" for m in marked)
    assert result.page("en/matrix/").select("[data-untranslated]") == []
