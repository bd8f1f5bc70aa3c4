"""The project's structure as the README promises it: one plugin, no hooks, small modules, a table that matches."""

from __future__ import annotations

import re
import tomllib

from support.sources import ROOT

from plandocs.mkdocs_yml import read_config

MAX_LINES = 400


def test_mkdocs_uses_the_plugin_and_no_hooks() -> None:
    config = read_config(ROOT / "mkdocs.yml")
    assert "hooks" not in config
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "plandocs" in names and names.index("plandocs") < names.index("macros")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["mkdocs.plugins"]["plandocs"] == "plandocs.plugin.plugin:PlandocsPlugin"


def test_no_module_is_large_or_rewires_the_import_system() -> None:
    for path in sorted((ROOT / "plandocs").rglob("*.py")):
        content = path.read_text(encoding="utf-8")
        assert len(content.splitlines()) <= MAX_LINES, f"{path.relative_to(ROOT)} has over {MAX_LINES} lines"
        assert "sys.modules" not in content and "sys.path" not in content, path.relative_to(ROOT)


def test_macros_holds_the_templates_pages_call() -> None:
    files = sorted(p.name for p in (ROOT / "macros").iterdir())
    assert files and all(name.endswith(".jinja") for name in files), files


def test_the_readme_table_names_every_part_of_the_tree() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Where things live"):readme.index("## Editing the catalogue")]
    named = set(re.findall(r"`([\w./-]+)`", table))
    for folder in sorted(p for p in (ROOT / "plandocs").iterdir() if p.is_dir() and p.name != "__pycache__"):
        assert f"plandocs/{folder.name}/" in named, f"plandocs/{folder.name}/ is missing from the README"
        for module in sorted(folder.glob("*.py")):
            assert module.name == "__init__.py" or module.name in table, f"{module.relative_to(ROOT)} not described"
    for module in sorted((ROOT / "plandocs").glob("*.py")):
        assert module.name == "__init__.py" or module.name in table, f"{module.name} not described"
