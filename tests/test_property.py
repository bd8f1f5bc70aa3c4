"""Property: any valid catalogue (random solutions, tiers, features, languages) renders and builds,
and its matrix equals what the raw data says."""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.checks import check_matrix, expected_matrix_rows
from support.oracle import Oracle
from support.sitebuild import build_here, copy_project
from support.sources import ROOT

from plandocs.catalogue.load import load_catalogue
from plandocs.cli.main import main
from plandocs.model import placeholders
from plandocs.rendering.components import Site

OTHER_LANGUAGES = ["sv", "fi", "de", "nb", "pl"]
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöüéABCXYZ0123456789<>&|*_{[]()#!'\".:-/", min_size=1,
               max_size=8)
LABEL = st.lists(WORD, min_size=1, max_size=4).map(" ".join)


@functools.cache
def real_ui() -> dict:
    """The real catalogue's UI texts (read when the first example is drawn, not at collection)."""
    return yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))["ui"]


@st.composite
def catalogues(draw) -> dict[str, object]:
    """The files of a random valid catalogue: file name -> YAML document, or a Babel catalog for a PO file."""
    languages = ["en"] + draw(st.lists(st.sampled_from(OTHER_LANGUAGES), max_size=3, unique=True))
    counter = iter(range(10_000))
    translations: dict[str, dict[str, str]] = {lang: {} for lang in languages[1:]}

    def text(text_id: str) -> str:
        """The English of a new text; its translations go to the languages' PO files."""
        for lang in languages[1:]:
            translations[lang][text_id] = draw(LABEL)
        return draw(LABEL)

    def new_id(prefix: str) -> str:
        return f"{prefix}-{next(counter)}"

    def feature() -> dict:
        fid = new_id("feature")
        return {"id": fid, "label": text(f"feature.{fid}.label")}

    tier_ids = [new_id("tier") for _ in range(draw(st.integers(1, 3)))]
    tiers = [dict({"id": tid, "name": text(f"tier.{tid}.name")}, **({"extends": tier_ids[i - 1]} if i else {}))
             for i, tid in enumerate(tier_ids)]
    common = []
    for _ in range(draw(st.integers(1, 3))):
        gid = new_id("group")
        group = {"id": gid, "label": text(f"feature.{gid}.label")}
        children = []
        for _ in range(draw(st.integers(0, 2))):
            cid = new_id("common")
            children.append({"id": cid, "label": text(f"feature.{cid}.label")})
        if children:
            group["features"] = children
        common.append(group)
    solutions, defined = [], []
    for _ in range(draw(st.integers(1, 4))):
        sid = new_id("solution")
        offered = sorted(draw(st.sets(st.sampled_from(tier_ids), min_size=1)), key=tier_ids.index)
        offers, own = [], set()
        for tier in offered:
            features: list = [feature() for _ in range(draw(st.integers(0, 3)))]
            borrowable = [fid for fid in defined if fid not in own]
            if borrowable and draw(st.booleans()):
                features.append(draw(st.sampled_from(borrowable)))
            own.update(f["id"] if isinstance(f, dict) else f for f in features)
            offers.append({"tier": tier, "plan_id": sid.replace("-", "") + tier.replace("-", ""),
                           "features": features or [feature()]})
            own.update(f["id"] for f in offers[-1]["features"] if isinstance(f, dict))
        defined.extend(f["id"] for o in offers for f in o["features"] if isinstance(f, dict))
        solutions.append({"id": sid, "name": text(f"solution.{sid}.name"),
                          "audience": text(f"solution.{sid}.audience"), "link": "https://example.com/x",
                          "tiers": offers})
    ui = {}
    for key, value in real_ui().items():
        english = value["text"] if isinstance(value, dict) else value
        marks = [*("{" + p + "}" for p in sorted(placeholders(english)))]
        ui[key] = " ".join(["en", key, *marks])
        for lang in languages[1:]:
            translations[lang][f"ui.{key}"] = " ".join([lang, key, *marks])
    files: dict[str, object] = {
        "languages.yml": {"source": "en"},
        "ui.yml": {"ui": ui},
        "tiers.yml": {"tiers": tiers},
        "features.yml": {"common": common},
        "solutions.yml": {"solutions": solutions},
        "addons.yml": {"addons": []},
        "billing.yml": {"billing_periods": [{"id": "monthly", "months": 1, "label": text("billing.monthly.label")}],
                        "contract": {"months": 12, "renews_automatically": True}},
        "licensing.yml": {"extra_flags": [{"value": 1, "meaning": text("licensing.flag-1.meaning")}],
                          "user_plan_flag": 1, "extra_info_prefix": "set=", "examples": []},
    }
    files["_translations"] = translations
    return files


def write(files: dict[str, object], data: Path) -> None:
    """The YAML files, and a PO file per language written by Babel (another tool than the project's)."""
    for name, document in files.items():
        if name.startswith("_"):
            continue
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # JSON is YAML 1.2, which the catalogue reads: every text stays text (YAML 1.1 dumpers leave `1e5` plain)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    english = {text.id: text.values["en"] for text in load_catalogue(data, translations=False).texts}
    (data / "i18n").mkdir(exist_ok=True)
    for lang, texts in files["_translations"].items():  # type: ignore[union-attr]
        catalog = Catalog(locale=lang.replace("-", "_"))
        for text_id, translation in texts.items():
            catalog.add(english[text_id], translation, context=text_id)
        with (data / "i18n" / f"{lang}.po").open("wb") as handle:
            write_po(handle, catalog)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_any_valid_catalogue_renders_the_matrix_the_data_describes(files) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        write(files, data)
        site = Site.load(data, ROOT / "macros")
        oracle = Oracle(data)
        for lang in oracle.languages:
            table = BeautifulSoup(site.plan_matrix(lang), "html.parser").find("table")
            check_matrix(table, oracle, lang, oracle.plans(), expected_matrix_rows(oracle), common_row=False)


@pytest.mark.build
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_any_valid_catalogue_builds_strictly_in_every_language(files) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        write(files, project / "data")
        copy_project(project, ("macros", "overrides"))
        languages = ["en"] + sorted(p.stem for p in (project / "data" / "i18n").glob("*.po"))
        (project / "docs").mkdir()
        for lang in languages:
            name = "index.md" if lang == "en" else f"index.{lang}.md"
            (project / "docs" / name).write_text("# Plans\n\n{{ plan_matrix() }}\n", encoding="utf-8")
        config = {
            "site_name": "Test", "theme": {"name": "material", "custom_dir": "overrides", "language": "en"},
            "markdown_extensions": ["attr_list", "md_in_html", {"toc": {"permalink": True}}],
            "plugins": ["search", "plandocs", {"macros": {"on_undefined": "strict", "on_error_fail": True}},
                        {"i18n": {"docs_structure": "suffix", "fallback_to_default": False, "languages": [
                            {"locale": lang, "name": lang, "build": True, "default": lang == "en"}
                            for lang in languages]}}],
        }
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        for lang in languages[1:]:  # the pages, as their translator confirms them
            assert main(["--project", str(project), "i18n", "confirm", lang]) == 0
        result = build_here(project, project / "site")
        assert result.returncode == 0, result.output[-3000:]
        oracle = Oracle(project / "data")
        for lang in languages:
            page = result.page("" if lang == "en" else f"{lang}/")
            check_matrix(page.select_one("#matrix table"), oracle, lang, oracle.plans(),
                         expected_matrix_rows(oracle), common_row=False)
