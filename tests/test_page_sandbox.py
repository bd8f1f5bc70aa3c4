"""Pages are untrusted: their Jinja runs in a sandbox that calls only the site's macros, a page that reaches for
anything else stops the build on its own line, and a translated page may not add page code of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.sitebuild import build, build_here, copy_project, keep_two_languages

from plandocs.catalogue.load import language_settings, translated_languages
from plandocs.cli.main import main
from plandocs.project import Project
from plandocs.upstream import BUILD_MACHINE_VARIABLES

pytestmark = pytest.mark.build

ATTACKS = [
    '{{ cycler.__init__.__globals__.os.system("touch PWNED") }}',
    "{{ config.plugins['plandocs'].project.add_site_language('xx', 'x', 'en') }}",
    '{{ "{0.__class__.__mro__}".format(catalogue) }}',
    "{{ lipsum.__globals__['os'].system('touch PWNED') }}",
    "{{ config.load_dict({'site_name': 'PWNED'}) }}",  # the configuration is a dict, but no plain one
]


def source_page(project: Path) -> Path:
    """The matrix page in the source language (the page every translation follows)."""
    source = language_settings(project / "data").source
    return Project(project).pages(source)[Path("matrix")]


def append(page: Path, text: str) -> int:
    """Add a line at the end of a page; returns its line number."""
    content = page.read_text(encoding="utf-8")
    page.write_text(content + "\n" + text + "\n", encoding="utf-8")
    return content.count("\n") + 2


@pytest.mark.parametrize("attack", ATTACKS)
def test_page_jinja_cannot_reach_python(tmp_path: Path, attack: str) -> None:
    project = copy_project(tmp_path / "project")
    page = source_page(project)
    line = append(page, attack)
    result = build(project, tmp_path / "site", strict=False)  # the translations, stale now, would stop it first
    assert result.returncode != 0
    assert not list(tmp_path.rglob("PWNED")) and not Path("PWNED").exists(), "page code ran a command"
    assert "xx" not in (project / "mkdocs.yml").read_text(encoding="utf-8")
    located = [row for row in result.output.splitlines() if f"docs/{page.relative_to(project / 'docs')}:{line}:" in row]
    assert located, result.output[-3000:]


@pytest.mark.parametrize("name", BUILD_MACHINE_VARIABLES)
def test_a_page_cannot_publish_the_build_machine(tmp_path: Path, name: str) -> None:
    """mkdocs-macros-plugin offers pages the clone's commits and authors (`git`) and the system (`environment`):
    a page that reads them stops the build on its line."""
    project = copy_project(tmp_path / "project")
    keep_two_languages(project)
    page = source_page(project)
    line = append(page, f"{{{{ {name} }}}}")
    result = build_here(project, tmp_path / "site", strict=False)
    assert result.returncode != 0
    assert f"docs/{page.relative_to(project / 'docs')}:{line}:" in result.output and name in result.output, \
        result.output[-3000:]


def test_a_macro_called_wrongly_is_named_by_plandocs_build(tmp_path: Path, capfd,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANDOCS_SITE_URL", "https://help.example.org/")
    project = copy_project(tmp_path / "project")
    page = source_page(project)
    line = append(page, "{{ plan_matrix(1, 2, 3) }}")
    for lang in translated_languages(project / "data"):
        assert main(["--project", str(project), "i18n", "confirm", lang]) == 0
    assert main(["--project", str(project), "build", "--site-dir", str(tmp_path / "site")]) != 0
    err = capfd.readouterr().err
    assert f"docs/{page.relative_to(project / 'docs')}:{line}: TypeError:" in err and "plan_matrix()" in err, err
    assert "Traceback" not in err


def test_a_translated_page_that_adds_page_code_is_not_complete(tmp_path: Path, capfd) -> None:
    project = copy_project(tmp_path / "project")
    for lang in translated_languages(project / "data"):
        page = project / "docs" / Project(project).page_name(Path("matrix"), lang)
        line = append(page, "{{ catalogue.__class__ }}")
        assert main(["--project", str(project), "i18n", "status", lang]) == 1
        out = capfd.readouterr().out
        assert f"docs/{page.relative_to(project / 'docs')}:{line}: {lang}: stale translation" in out, out
        assert "{{ catalogue.__class__ }}" in out
