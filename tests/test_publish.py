"""`plandocs build` replaces the output folder only when the whole build (every language) succeeded."""

from __future__ import annotations

import hashlib
from pathlib import Path

from plandocs.cli import main

from edit import replace_once
from sitebuild import copy_project


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_failing_midway_leaves_the_published_site_untouched(tmp_path: Path, capsys) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "public"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    published = digest(site)
    assert "index.html" in published and "en/index.html" in published

    # The Swedish pages build first; the English matrix page then fails, midway through the build.
    replace_once(project / "docs" / "matrix.en.md", "{{ plan_matrix() }}", "{{ plan_matrix() }}{{ no_such() }}")
    replace_once(project / "docs" / "matrix.md", "# Funktionsmatris", "# Funktionsmatris (ny)")
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) != 0
    assert "was not changed" in capsys.readouterr().err
    assert digest(site) == published
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "staging folders left behind"

    # Fixed: the next build replaces the whole site at once.
    replace_once(project / "docs" / "matrix.en.md", "{{ no_such() }}", "")
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    assert "Funktionsmatris (ny)" in (site / "matrix" / "index.html").read_text(encoding="utf-8")
