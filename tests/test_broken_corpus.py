"""Every broken catalogue of tests/broken/ is refused with its file, line and message, and no traceback."""

from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from plandocs.cli.main import main

from sources import ROOT

CASES = sorted((Path(__file__).parent / "broken").glob("*.yml"))


def load_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def break_catalogue(case: dict, data: Path) -> tuple[str, int]:
    """Apply the case to `data`; returns (file reported, expected line)."""
    target = data / case["file"]
    where = f"data/{case.get('where', case['file'])}"
    if "content" in case:
        target.write_text(case["content"], encoding="utf-8")
        return where, case["line"]
    original = target.read_bytes()
    find = case["find"].encode("utf-8")
    assert original.count(find) == 1, f"{case['find']!r} must occur once in {case['file']}"
    start = original.index(find)
    first_line = original[:start].count(b"\n") + 1
    if "bytes_at_find" in case:
        broken = original[:start] + bytes.fromhex(case["bytes_at_find"]) + original[start:]
    else:
        broken = original.replace(find, case["replace"].encode("utf-8"))
    target.write_bytes(broken)
    return where, first_line + case["line"] - 1


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_a_broken_catalogue_is_refused_clearly(case_file: Path, tmp_path: Path, capsys,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    case = load_case(case_file)
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    where, line = break_catalogue(case, project / "data")
    monkeypatch.chdir(tmp_path)

    code = main(["--project", str(project), "check"])
    output = capsys.readouterr()
    text = output.out + output.err

    assert code == 1, text
    assert "Traceback" not in text
    assert not [ch for ch in text if unicodedata.category(ch) == "Cc" and ch != "\n"], "raw control characters printed"
    prefix = f"{where}:{line}:" + (f"{case['col']}:" if "col" in case else "")
    matching = [l for l in text.splitlines() if l.startswith(prefix) and case["message"] in l]
    assert matching, f"expected a line starting {prefix!r} with {case['message']!r}, got:\n{text}"
    assert not any(p.name == "plandocs-was-run" for p in tmp_path.rglob("*")), "YAML ran code"
    assert not os.path.exists("plandocs-was-run")
