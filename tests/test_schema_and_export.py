"""The shipped JSON Schemas match the catalogue; the JSON export of each language matches the model."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from support.broken import CASES, break_catalogue, load_case
from support.languages import url
from support.oracle import Oracle
from support.sitebuild import copy_project
from support.sources import ROOT

from plandocs.catalogue.schema import schema_file_name, schema_for, schemas
from plandocs.catalogue.yamlsource import parse_yaml_text
from plandocs.cli.main import main


def data_files(data: Path) -> list[str]:
    return sorted(str(p.relative_to(data)) for p in data.rglob("*.yml"))


def test_shipped_schemas_are_the_generated_ones(capsys, tmp_path: Path) -> None:
    """`plandocs schema --check` passes on the committed schemas, and fails once one differs."""
    assert main(["--project", str(ROOT), "schema", "--check"]) == 0, capsys.readouterr().out
    project = copy_project(tmp_path / "project")
    stale = project / "schema" / schema_file_name("tiers.yml")
    stale.write_text(stale.read_text(encoding="utf-8").replace('"minItems": 1', '"minItems": 2', 1), encoding="utf-8")
    assert main(["--project", str(project), "schema", "--check"]) == 1
    assert "schema/tiers.schema.json: differs" in capsys.readouterr().out
    for schema in schemas().values():  # and they are valid JSON Schemas
        jsonschema.Draft202012Validator.check_schema(schema)


def test_every_data_file_names_its_schema_for_editors() -> None:
    for name in data_files(ROOT / "data"):
        first = (ROOT / "data" / name).read_text(encoding="utf-8").splitlines()[0]
        depth = "../" * (name.count("/") + 1)
        assert first == f"# yaml-language-server: $schema={depth}schema/{schema_file_name(name)}", name


def test_the_schemas_accept_the_real_catalogue() -> None:
    for name in data_files(ROOT / "data"):
        document = parse_yaml_text((ROOT / "data" / name).read_text(encoding="utf-8"))
        jsonschema.validate(document, schema_for(name))


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_the_schemas_see_the_structural_defects_of_the_corpus(case_file: Path, tmp_path: Path) -> None:
    case = load_case(case_file)
    data = copy_project(tmp_path, ("data",)) / "data"
    break_catalogue(case, data)
    name = case["file"]
    if not name.endswith(".yml"):  # a PO file: no JSON Schema applies
        assert case["schema"] == "not-yaml", f"{case_file.stem}: {name} is no YAML file"
        return
    try:
        document = parse_yaml_text((data / name).read_bytes().decode("utf-8"))
        errors = list(jsonschema.Draft202012Validator(schema_for(name))
                      .iter_errors(document))
        rejected = bool(errors) or document is None
    except (yaml.YAMLError, UnicodeDecodeError):
        rejected = True  # an editor underlines what does not even parse
    assert rejected == (case["schema"] == "rejects"), f"{case_file.stem}: {case['defect']}"


def test_each_language_publishes_its_resolved_catalogue(site, oracle: Oracle, lang: str) -> None:
    root = site.site / url(lang)
    export = json.loads((root / "catalogue.json").read_text(encoding="utf-8"))
    assert export["language"] == lang and export["source_language"] == oracle.source
    common = oracle.common_leaves()
    plans = {p["id"]: p for p in export["plans"]}
    assert list(plans) == [p.plan_id for p in oracle.plans()]
    for plan in oracle.plans():
        states = oracle.states(plan)
        assert plans[plan.plan_id]["features"] == common + list(states)
        assert plans[plan.plan_id]["inherited"] == {f: via for f, (s, via) in states.items() if s == "inherited"}
        assert plans[plan.plan_id]["feature_count"] == oracle.feature_count((plan,))
        assert plans[plan.plan_id]["name"] == oracle.plan_name(plan, lang)
    combos = {tuple(c["plans"]): c for c in export["combinations"]}
    assert set(combos) == oracle.combinations_by_rule()
    for ids, combo in combos.items():
        chosen = tuple(oracle.plan_by_id(i) for i in ids)
        assert combo["feature_count"] == oracle.feature_count(chosen) == len(combo["features"])
        assert " ".join(combo["name"].split()) == oracle.combination_name(chosen, lang)
    labels = {f["id"]: f["label"] for f in export["features"]}
    assert labels == {fid: oracle.labels[fid][lang] for fid in labels} and set(labels) >= set(common)
    link = site.page(url(lang, "developers/")).select_one('a[href$="catalogue.json"]')
    assert (root / "developers" / link["href"]).resolve() == (root / "catalogue.json").resolve()
