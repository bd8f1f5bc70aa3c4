"""Every broken catalogue of tests/broken/ is refused with its file, line and message, and no traceback."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from support.broken import CASES, break_catalogue, load_case
from support.sitebuild import copy_project

from plandocs.cli.main import main


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_a_broken_catalogue_is_refused_clearly(case_file: Path, tmp_path: Path, capsys,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    case = load_case(case_file)
    project = copy_project(tmp_path / "project", ("data",))
    where, line = break_catalogue(case, project / "data")
    monkeypatch.chdir(tmp_path)

    code = main(["--project", str(project), "check"])
    output = capsys.readouterr()
    text = output.out + output.err

    assert code == 1, text
    assert "Traceback" not in text
    assert not [ch for ch in text if unicodedata.category(ch) == "Cc" and ch != "\n"], "raw control characters printed"
    prefix = f"{where}:{line}:" + (f"{case['col']}:" if "col" in case else "")
    matching = [line for line in text.splitlines() if line.startswith(prefix) and case["message"] in line]
    assert matching, f"expected a line starting {prefix!r} with {case['message']!r}, got:\n{text}"
    assert not any(p.name == "plandocs-was-run" for p in tmp_path.rglob("*")), "YAML ran code"
    assert not os.path.exists("plandocs-was-run")
