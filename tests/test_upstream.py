"""Contract tests of plandocs/upstream.py: one per package whose internals it touches.

Each contract returns the promises the package broke (empty when it keeps them all). It is run once
against the installed package, where it must keep them, and once with the behaviour it relies on
faked away, where it must not: so an upgrade that changes that behaviour fails here, by name.
"""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

import mkdocs_macros.plugin
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs_macros.plugin import MacrosPlugin
from mkdocs_static_i18n.plugin import I18n
from support.sources import ROOT

from plandocs import upstream
from plandocs.plugin.preview import keep_answering

PROJECT = ROOT / "tests" / "fixtures" / "upstream"


class Probe(BasePlugin):
    """Uses the adapter as the plandocs plugin does, and writes down what it saw."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, str]] = []  # (language being built, page's language, page)
        self.final: list[bool] = []  # every_language_built, at each post-build
        self.switchers: set[str] = set()
        self.pinned: list[bool] = []
        self.commands: list[list[str]] = []  # the commands the build ran (subprocess.check_output)
        self.machine_variables: list[str] = []  # build-machine variables pages were still given

    @event_priority(60)  # before the macros plugin sets itself up, as the plandocs plugin does
    def _before_macros(self, config: Any) -> Any:
        upstream.skip_git_lookup()
        return config

    @event_priority(-150)  # after the macros plugin set itself up
    def _after_macros(self, config: Any) -> Any:
        macros = upstream.Macros.of(config)
        macros.register({"probe": lambda: f"probe:{upstream.page_language(macros.page())}"}, {})
        macros.replace_environment(lambda env: _with_global(env, "probe_environment", "replaced-environment"))
        self.machine_variables += [n for n in upstream.BUILD_MACHINE_VARIABLES if n in macros.plugin.variables]
        return config

    on_config = CombinedEvent(_before_macros, _after_macros)

    @event_priority(-150)  # after the macros plugin rendered the page
    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        self.seen.append((upstream.building_language(config), upstream.page_language(page), page.file.src_uri))
        self.pinned.append("title" in vars(page))
        return markdown

    @event_priority(-200)
    def on_page_context(self, context: dict, *, page: Any, config: Any, nav: Any) -> dict:
        self.switchers |= {alternate.get("lang") for alternate in upstream.switchers(config)}
        return context

    @event_priority(-200)  # after mkdocs-static-i18n built the other languages
    def on_post_build(self, *, config: Any) -> None:
        self.final.append(upstream.every_language_built(config))


def _with_global(env: Any, name: str, value: str) -> Any:
    replaced = env.overlay()
    replaced.globals[name] = value
    return replaced


def _build(tmp_path: Path) -> tuple[Probe, Any, str]:
    """The contract project built in this process, with the probe; what it saw, its config, what failed."""
    config = load_config(config_file=str(PROJECT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    probe = Probe()
    config.plugins["probe"] = probe
    config.plugins.on_startup(command="build", dirty=False)
    run = subprocess.check_output

    def recorded(command: Any, *args: Any, **kwargs: Any) -> Any:
        probe.commands.append(list(command))
        return run(command, *args, **kwargs)

    subprocess.check_output = recorded
    try:
        build(config)
    except Exception as error:
        return probe, config, f"the build failed: {type(error).__name__}: {error}"
    finally:
        subprocess.check_output = run
        config.plugins.on_shutdown()
    return probe, config, ""


def i18n_contract(tmp_path: Path) -> list[str]:
    probe, config, failed = _build(tmp_path)
    broken = [failed] if failed else []
    languages = upstream.i18n_languages(config)
    if [(lang.locale, lang.root, lang.default) for lang in languages] != [("sv", "", True), ("en", "en", False)]:
        broken.append(f"its configured languages read as {languages}")
    if {building for building, _, _ in probe.seen} != {"sv", "en"}:
        broken.append(f"the languages being built read as {sorted({b for b, _, _ in probe.seen})}")
    if any(building != page for building, page, _ in probe.seen):
        broken.append(f"a page's language differs from the language being built: {probe.seen}")
    if probe.final[-1:] != [True] or probe.final.count(True) != 1:
        broken.append(f"'every language built' was seen as {probe.final} at the post-builds")
    if probe.switchers != {"sv", "en"}:
        broken.append(f"the language switcher in extra.alternate held {probe.switchers}")
    index = upstream.merged_search_index(config)
    locations = [doc["location"] for doc in json.loads(index.read_text())["docs"]] if index.is_file() else []
    if not any(location.startswith("en/") for location in locations):
        broken.append(f"the merged search index holds no English page under en/: {locations}")
    return broken


def macros_contract(tmp_path: Path) -> list[str]:
    probe, config, failed = _build(tmp_path)
    broken = [failed] if failed else []
    for root, lang in (("", "sv"), ("en/", "en")):
        page = Path(config.site_dir) / root / "index.html"
        html = page.read_text(encoding="utf-8") if page.is_file() else ""
        if f"probe:{lang}" not in html:
            broken.append(f"{root}index.html: a registered macro did not see its page (no 'probe:{lang}')")
        if "replaced-environment" not in html:
            broken.append(f"{root}index.html: the page was not rendered through the replaced environment")
    git = [command for command in probe.commands if command[:1] == ["git"]]
    if git:
        broken.append(f"a build ran {len(git)} git command(s) that pages are not given the answers of: {git[0]}")
    if probe.machine_variables:
        broken.append(f"pages were still given the build machine's {sorted(set(probe.machine_variables))}")
    return broken


def title_contract(tmp_path: Path) -> list[str]:
    probe, _, failed = _build(tmp_path)
    broken = [failed] if failed else []
    if not probe.pinned or not all(probe.pinned):
        broken.append(f"a title written with a macro was not pinned on the page: {probe.pinned}")
    return broken


def server_contract(tmp_path: Path) -> list[str]:
    """The preview server rebuilds through its `builder` and injects into each page it serves."""
    (tmp_path / "index.html").write_text("<html><body><p>page</p></body></html>", encoding="utf-8")

    def failing_build() -> None:
        raise RuntimeError("broken")

    server = LiveReloadServer(builder=failing_build, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))
        keep_answering(server, lambda lines: "<div>BANNER</div>", logging.getLogger("contract"))
        broken = []
        if "self.builder()" not in _source(LiveReloadServer._build_loop):
            broken.append("the server no longer rebuilds by calling its `builder`")
        server.builder()  # fails, and is kept from stopping the server
        answer = b"".join(server.serve_request({"PATH_INFO": "/index.html", "wsgi.input": io.BytesIO()},
                                               lambda status, headers: None))
        if b"BANNER" not in answer:
            broken.append("a served page no longer passes through `_inject_js_into_html`")
        return broken
    finally:
        server.server_close()


def _source(function: Any) -> str:
    import inspect

    return inspect.getsource(function)


def material_contract(templates: Path) -> list[str]:
    broken = []
    base = (templates / "base.html").read_text(encoding="utf-8") if (templates / "base.html").is_file() else ""
    config = re.search(r'id="__config".*?</script>', base, flags=re.S)
    if config is None or '"base"' not in config.group(0) or '"search"' not in config.group(0):
        broken.append("base.html writes no __config with `base` and `search` (overrides/main.html rewrites them)")
    workers = sorted((templates / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    bundle = workers[0].read_text(encoding="utf-8") if workers else ""
    for name in ("lunr.Builder.prototype.build", "lunr.Query.prototype.clause"):
        if not re.search(re.escape(name.split(".", 2)[2]), bundle):
            broken.append(f"the search worker has no {name} (stemming.js wraps it)")
    if upstream.word_list_search_language("sv") != "sv" if upstream.word_list("sv").is_file() else True:
        broken.append("the Swedish word list does not name the language search stems in")
    if not upstream.has_stemmer("de"):
        broken.append("the theme ships no lunr stemmer for German")
    if upstream.theme_icon([str(templates)], "material/check-circle") is None:
        broken.append("the theme has no icon material/check-circle")
    return broken


# -- each contract, kept and broken ---------------------------------------------------------------------


@pytest.mark.build
def test_mkdocs_static_i18n_keeps_its_contract(tmp_path: Path) -> None:
    assert i18n_contract(tmp_path) == []


@pytest.mark.build
def test_the_i18n_contract_fails_when_the_language_being_built_is_not_said(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(I18n, "current_language", property(lambda self: None, lambda self, value: None),
                        raising=False)
    assert i18n_contract(tmp_path) != []


@pytest.mark.build
def test_mkdocs_macros_plugin_keeps_its_contract(tmp_path: Path) -> None:
    assert macros_contract(tmp_path) == []
    assert title_contract(tmp_path / "again") == []


@pytest.mark.build
def test_the_macros_contract_fails_when_pages_render_through_another_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    render = MacrosPlugin.render

    def own_environment(self: Any, *args: Any, **kwargs: Any) -> str:
        self._env = _with_global(self._env, "probe_environment", "its-own-environment")
        return render(self, *args, **kwargs)

    monkeypatch.setattr(MacrosPlugin, "render", own_environment)
    assert macros_contract(tmp_path) != []


@pytest.mark.build
def test_the_macros_contract_fails_when_git_is_looked_up_where_it_is_not_skipped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    define_env = mkdocs_macros.plugin.define_env

    def looks_up_git_elsewhere(env: Any) -> None:
        define_env(env)
        env.variables["git"] = {"commit": subprocess.check_output(["git", "rev-parse", "HEAD"], text=True)}

    monkeypatch.setattr(mkdocs_macros.plugin, "define_env", looks_up_git_elsewhere)
    assert macros_contract(tmp_path) != []


@pytest.mark.build
def test_the_title_contract_fails_when_titles_are_not_pinned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_page_markdown = MacrosPlugin.on_page_markdown

    def unpinned(self: Any, markdown: str, page: Any, config: Any, **kwargs: Any) -> str:
        result = on_page_markdown(self, markdown, page, config, **kwargs)
        vars(page).pop("title", None)
        return result

    monkeypatch.setattr(MacrosPlugin, "on_page_markdown", unpinned)
    assert title_contract(tmp_path) != []


def test_mkdocs_preview_server_keeps_its_contract(tmp_path: Path) -> None:
    assert server_contract(tmp_path) == []


def test_the_server_contract_fails_when_pages_are_served_as_they_are(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def plain(self: Any, environ: dict, start_response: Any) -> list[bytes]:
        return [(Path(self.root) / environ["PATH_INFO"].lstrip("/")).read_bytes()]

    monkeypatch.setattr(LiveReloadServer, "serve_request", plain)
    assert server_contract(tmp_path) != []


def test_material_keeps_its_contract() -> None:
    assert material_contract(upstream.material_templates()) == []


def theme_without(theme: Path, removed: Path, target: Path) -> Path:
    """`theme` in `target` without `removed`: links to all the rest (a copy of its thousands of icons would
    cost seconds), real folders only along the way to what is left out."""
    target.mkdir()
    first, rest = removed.parts[0], Path(*removed.parts[1:]) if len(removed.parts) > 1 else None
    for entry in theme.iterdir():
        if entry.name != first:
            (target / entry.name).symlink_to(entry)
        elif rest is not None:
            theme_without(entry, rest, target / entry.name)
    return target


@pytest.mark.parametrize("removed", ["base.html", "assets/javascripts/workers", "partials/languages/sv.html",
                                     "assets/javascripts/lunr/min/lunr.de.min.js", ".icons"])
def test_the_material_contract_fails_when_a_part_of_the_theme_is_gone(
        removed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = theme_without(upstream.material_templates(), Path("no-such-part"), tmp_path / "whole")
    assert material_contract(whole) == []  # the links alone break nothing
    theme = theme_without(upstream.material_templates(), Path(removed), tmp_path / "templates")
    assert not (theme / removed).exists()
    monkeypatch.setattr(upstream, "material_templates", lambda: theme)
    assert material_contract(theme) != []


def test_a_release_series_other_than_the_one_written_against_is_said_in_one_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert upstream.version_problems() == []
    name, series = next(iter(upstream.WRITTEN_AGAINST.items()))
    monkeypatch.setattr(metadata, "version", lambda dist: "0.0.1" if dist == name else
                        upstream.WRITTEN_AGAINST[dist] + ".0")
    [line] = upstream.version_problems()
    assert line.startswith(f"{name} 0.0.1 is installed") and f"{series}.x" in line and "\n" not in line
