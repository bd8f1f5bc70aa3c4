"""Values from settings, front matter and the command line reach pages as text, and the site's address is an
address: markup in any of them never becomes HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support.sitebuild import Build, build_here, copy_project

from plandocs.addresses import site_url_problem
from plandocs.cli.publish import PublishError, check_site_url

NAME = "</a><script>alert('name')</script> & Co"
SITE_NAME = "Plans <b onmouseover=alert('site')>bold</b> & more"
FRONT_MATTER = {
    "keywords": "\"><script>alert('keywords')</script>",
    "description": "<img src=x onerror=alert('description')>",
    "author": "'><svg onload=alert('author')>",
}


@pytest.fixture(scope="module")
def hostile_settings(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("settings") / "project")
    config = project / "mkdocs.yml"
    content = config.read_text(encoding="utf-8")
    head, languages = content.split("      languages:\n")  # the language entries of mkdocs-static-i18n
    languages = re.sub(r"^(\s+)name: .*$", lambda m: f'{m.group(1)}name: "{_yaml(NAME)}"', languages, flags=re.M)
    languages = re.sub(r"^(\s+)site_name: .*$", lambda m: f'{m.group(1)}site_name: "{_yaml(SITE_NAME)}"',
                       languages, flags=re.M)
    config.write_text(head + "      languages:\n" + languages, encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        extra = "".join(f'{key}: "{_yaml(value)}"\n' for key, value in FRONT_MATTER.items())
        if text.startswith("---\n"):  # at the end of the front matter: a key written twice takes the last value
            end = text.index("\n---\n", 3) + 1
            text = text[:end] + extra + text[end:]
        else:
            text = f"---\n{extra}---\n{text}"
        page.write_text(text, encoding="utf-8")
    result = build_here(project, project / "site", strict=False)  # edited pages: their translations are stale now
    assert result.returncode == 0, result.output[-3000:]
    return result


def _yaml(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def test_no_setting_or_front_matter_becomes_markup(hostile_settings: Build) -> None:
    pages = sorted(hostile_settings.site.rglob("*.html"))
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert not [s for s in soup.find_all("script") if "alert(" in s.get_text()], page
        assert not soup.find_all(attrs={"onerror": True}) and not soup.find_all(attrs={"onload": True}), page
        assert not soup.find_all(attrs={"onmouseover": True}) and not soup.select("svg[onload], b"), page


def test_each_value_shows_as_written(hostile_settings: Build) -> None:
    page = next(p for p in sorted(hostile_settings.site.rglob("index.html")) if "matrix" in p.parts)
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for key, value in FRONT_MATTER.items():
        assert soup.find("meta", attrs={"name": key})["content"] == value
    assert SITE_NAME in soup.title.get_text()
    switcher = [a.get_text().strip() for a in soup.select("a.md-select__link")]
    assert switcher and all(name == NAME for name in switcher), switcher


BAD_ADDRESSES = [
    'https://x.example/"><script>alert(1)</script>',
    "https://user:secret@help.example.com/",
    "ftp://help.example.com/",
    "https://help example.com/",
    "https://help.example.com/\n",
    "https:///nohost",
    "https://[x]/",
    "https://help.example.com/?q=1",
    "help.example.com",
]


@pytest.mark.parametrize("url", BAD_ADDRESSES)
def test_a_site_address_that_is_no_address_is_refused(url: str) -> None:
    assert site_url_problem(url) is not None
    with pytest.raises(PublishError, match="site_url"):
        check_site_url(url)


@pytest.mark.parametrize("url", ["https://help.example.com/", "http://docs.example.org/plans/",
                                 "https://help.example.com:8443/sv/"])
def test_a_real_address_is_accepted(url: str) -> None:
    assert site_url_problem(url) is None
    check_site_url(url)


@pytest.mark.build
def test_every_build_refuses_a_site_address_with_markup(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = build_here(project, tmp_path / "site", env={"PLANDOCS_SITE_URL": BAD_ADDRESSES[0]})
    assert result.returncode != 0
    assert any(line.split("-  ", 1)[-1].startswith("mkdocs.yml: site_url ") for line in result.output.splitlines())
    assert not (tmp_path / "site").exists() or not list((tmp_path / "site").rglob("*.html"))
