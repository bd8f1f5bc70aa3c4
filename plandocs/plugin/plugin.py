"""The `plandocs` MkDocs plugin: the catalogue, its page macros, the pseudo language and the per-language files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from plandocs.catalogue.load import language_settings
from plandocs.errors import CatalogueError, printable
from plandocs.model import Catalogue
from plandocs.plugin.cache import CatalogueCache
from plandocs.plugin.config import PlandocsConfig
from plandocs.plugin.icons import icon_css
from plandocs.plugin.language_files import write_language_files
from plandocs.plugin.languages import check_languages, localise_config, not_found_context, translation_gaps
from plandocs.plugin.optional_pages import by_generation, name_generations, page_stem, unneeded_pages, without_pages
from plandocs.plugin.page_jinja import located, sandbox
from plandocs.plugin.preview import keep_answering
from plandocs.plugin.pseudo import add_pseudo_pages, fill_pseudo_pages, serve_theme_words
from plandocs.plugin.settings import check_site_url, escape_language_names, escape_meta, for_templates, full_width
from plandocs.plugin.slots import Slots, searchable
from plandocs.project import Project
from plandocs.rendering.components import WIDE_MACROS, Site
from plandocs.translation.lookup import Translator, pseudolocalize
from plandocs.upstream import (
    Macros,
    building_language,
    built_languages,
    every_language_built,
    has_i18n,
    i18n_languages,
    inner_language_build,
    keep_previewing_on_macro_errors,
    page_language,
    set_built,
    skip_git_lookup,
    unpin_title,
    version_problems,
)

log = get_plugin_logger("plandocs")


class CatalogueView:
    """The catalogue as pages see it (`{{ catalogue.contract.months }}`), with a short text of its own:
    mkdocs-macros-plugin writes every variable out for its debug trace on each build."""

    __slots__ = ("_catalogue",)

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    def __getattr__(self, name: str) -> Any:
        return getattr(self._catalogue, name)

    def __repr__(self) -> str:
        return "<catalogue>"


class PlandocsPlugin(BasePlugin[PlandocsConfig]):
    """Loads the catalogue once per change and gives pages its macros, in the language of each page.

    Its state lives on this object, which `mkdocs serve` keeps across rebuilds: the catalogue is
    read again only when data/ changed, and a preview keeps the last good catalogue while a new
    one has problems. mkdocs-static-i18n builds one language at a time; the events below run per
    language, the post-build files once at the end.
    """

    def __init__(self) -> None:
        self.command = ""
        self.cache: CatalogueCache | None = None
        self.project: Project | None = None
        self.not_found_page: bytes | None = None  # the default language's 404.html of the build in progress
        self.left_out: set[str] = set()  # pages whose `needs` the catalogue does not meet
        self.slots = Slots()  # components between their macro and the written page (slots.py)
        self.page_problems: list[str] = []  # pages whose Jinja failed, in this build (shown while previewing)

    # -- set-up -------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        for line in version_problems():
            log.warning(line)

    def previewing(self, config: Any) -> bool:
        """Under `mkdocs serve` without --strict (and preview leniency on): problems are shown, not fatal."""
        return self.command == "serve" and not config.strict and self.config.preview_lenient

    @event_priority(60)  # before mkdocs-static-i18n (-100) reads which languages to build
    def _configure(self, config: Any) -> None:
        root = Path(config.config_file_path).parent
        data, templates = root / self.config.data_dir, root / self.config.templates_dir
        if self.cache is None or (self.cache.data, self.cache.templates) != (data, templates):
            self.cache = CatalogueCache(data, templates)
        self.project = Project(root)
        try:
            pseudo = language_settings(data).pseudo
        except CatalogueError:
            pseudo = None  # languages.yml is broken: loading the catalogue reports it, located
        if pseudo is not None:
            set_built(config, pseudo, self.config.pseudo)
        check_site_url(config)
        escape_language_names(config)
        skip_git_lookup()
        self.slots = Slots()  # a build that stopped half-way (a preview) leaves nothing behind for the next
        self.page_problems = []
        self.left_out = unneeded_pages(Path(config.docs_dir), self.site(config).catalogue, self.page_languages(config),
                                       self.preview_problem if self.previewing(config) else None)
        if self.left_out and config.nav:
            config.nav = without_pages(config.nav, self.left_out, self.page_languages(config))
        if config.nav:
            config.nav = by_generation(config.nav, self.site(config).catalogue)
        if self.previewing(config):
            keep_previewing_on_macro_errors(config)  # a failing macro shows in the page; the server keeps running

    @event_priority(-150)  # after mkdocs-static-i18n (-100) set up the language being built, and the macros plugin
    def _localise(self, config: Any) -> Any:
        site = self.site(config)
        catalogue = site.catalogue
        try:
            check_languages(config, catalogue)
        except PluginError as error:
            if not self.previewing(config):
                raise
            self.preview_problem(str(error))  # pages of that language show the source texts, marked
        if config.strict:
            # Before anything is written: every gap of every language stops a strict build. The outer build,
            # which comes first, checks them; the languages built inside it read the same catalogue and pages.
            gaps = [] if inner_language_build(config) else \
                [line for lang in built_languages(config) for line in translation_gaps(self.project, catalogue, lang)]
            if gaps:
                raise PluginError(f"{len(gaps)} translation(s) missing or stale:\n" + "\n".join(gaps))
        else:
            for line in translation_gaps(self.project, catalogue, building_language(config)):
                log.warning(line)
        localise_config(config, catalogue)
        if self.pseudo_building(config):
            config.site_name = pseudolocalize(config.site_name)
        self.register_macros(config, site)
        return config

    on_config = CombinedEvent(_configure, _localise)

    @staticmethod
    def page_languages(config: Any) -> set[str]:
        """The language codes pages carry as a suffix (`page.en.md`)."""
        return {entry.locale for entry in i18n_languages(config)}

    def preview_problem(self, line: str) -> None:
        """A problem that stops a build, while previewing: logged, and shown at the top of every page."""
        log.error(line)
        self.page_problems.append(line)

    def site(self, config: Any) -> Site:
        """The catalogue bound to its templates; a problem stops the build unless a preview has a last good one."""
        assert self.cache is not None
        try:
            site = self.cache.load(keep_last_good=self.previewing(config))
        except CatalogueError as error:
            raise PluginError(f"the catalogue has {len(error.problems)} problem(s):\n{error}") from None
        for problem in self.cache.problems:
            log.error(problem)
        if self.cache.problems:
            log.error("the preview shows the last good catalogue until these are fixed")
        return site

    def register_macros(self, config: Any, site: Site) -> None:
        """Give mkdocs-macros-plugin the page macros (`{{ plan_matrix() }}`) and the `catalogue` variable."""
        macros = Macros.of(config)
        slots = self.slots
        site.split_above(self.config.split_rows)
        def failed(name: str, problem: CatalogueError) -> str:
            line = printable(f"docs/{macros.page().file.src_uri}: {name}(): {problem}")
            self.preview_problem(line)
            return site.renderer.render_problems([line])

        def place(html: str, name: str, grid: bool) -> str:
            if name in WIDE_MACROS:
                full_width(macros.page())
            return slots.put(html, searchable(html, grid))

        page_macros = site.macros(lambda: page_language(macros.page()), place,
                                  keep=self.command == "serve", failed=failed if self.previewing(config) else None)
        macros.register(page_macros, {"catalogue": CatalogueView(site.catalogue)})

        def report(error: Exception, markdown: str) -> None:
            self.preview_problem(located(error, macros.page(), markdown))

        # Pages are untrusted: they render in a sandbox that calls only these macros (page_jinja.py).
        macros.replace_environment(lambda env: sandbox(env, page_macros.values(), report))

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        """A preview that answers whatever broke (preview.py)."""
        if not self.previewing(config):
            return server

        def banner(problems: list[str]) -> str:
            assert self.cache is not None and self.cache.site is not None
            return self.cache.site.renderer.render_failure(problems)

        return keep_answering(server, banner, log)

    # -- the pseudo language --------------------------------------------------------------------

    def pseudo_code(self, config: Any) -> str | None:
        """The pseudo language when this build makes it, else None."""
        code = self.catalogue().pseudo_language
        return code if code is not None and code in built_languages(config) else None

    def catalogue(self) -> Catalogue:
        """The catalogue of this build (loaded when the configuration was)."""
        assert self.cache is not None and self.cache.site is not None
        return self.cache.site.catalogue

    def pseudo_building(self, config: Any) -> bool:
        code = self.pseudo_code(config)
        return code is not None and building_language(config) == code

    @event_priority(50)  # before mkdocs-static-i18n (-100) sorts the files by language
    def _choose_pages(self, files: Any, config: Any) -> Any:
        """Announce the pseudo language's pages, and leave out the pages the catalogue has nothing for
        (in every language, the pseudo one included)."""
        code = self.pseudo_code(config)
        if code is not None:
            assert self.project is not None
            files = add_pseudo_pages(files, config, self.project, self.catalogue().source_language, code)
        languages = self.page_languages(config)
        for file in [f for f in files if f.is_documentation_page()
                     and page_stem(f.src_uri, languages) in self.left_out]:
            files.remove(file)  # optional_pages.py
        return files

    @event_priority(-150)  # after it sorted them
    def _fill_pseudo_pages(self, files: Any, config: Any) -> Any:
        code = self.pseudo_code(config)
        if code is None:
            return files
        assert self.project is not None
        return fill_pseudo_pages(files, self.project, self.catalogue().source_language, code)

    on_files = CombinedEvent(_choose_pages, _fill_pseudo_pages)

    @event_priority(-150)  # after mkdocs-static-i18n (-100) made the navigation of the language built
    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        """Sections titled by a generation id show its name (a brand name; pseudo-localised in the pseudo language)."""
        t = Translator(self.catalogue(), building_language(config))
        name_generations(nav.items, {g.id: t.brand(g.name) for g in self.catalogue().generations})
        return nav

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        """The matrix symbols' icons for overrides/main.html; while the pseudo language builds, the theme's
        own words are pseudo-localised too."""
        env.globals["plandocs_icon_css"] = Markup(icon_css(config.theme.dirs))
        if self.pseudo_building(config):
            serve_theme_words(env, self.catalogue().source_language, building_language(config))
        return env

    # -- pages and files ----------------------------------------------------------------------

    def on_template_context(self, context: dict, *, template_name: str, config: Any) -> dict:
        """The not-found page's heading, in the language being built (overrides/404.html)."""
        if template_name == "404.html":
            context["plandocs_not_found"] = Translator(self.catalogue(), building_language(config))("not-found")
            not_found_context(context, config)
        return for_templates(context, config)

    @event_priority(-100)  # after mkdocs-macros-plugin rendered the page
    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        """Let MkDocs title the page from its rendered first heading, as plain text.

        mkdocs-macros-plugin renders a title written with a macro and pins the result, which is
        Markdown source (with backslash escapes); dropping the pin lets MkDocs take the title from
        the heading it renders, the same text the reader sees there.
        """
        unpin_title(page)
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        """After Markdown: each component's placeholder holds what search should index (slots.py)."""
        return self.slots.for_search(html)

    @event_priority(-100)  # after the other plugins looked at the page: the components are large
    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        """The written page gets its components."""
        return self.slots.for_reader(output, page.file.abs_dest_path)

    @event_priority(-200)  # after the plugins that read the front matter as written (search, mkdocs-static-i18n)
    def on_page_context(self, context: dict, *, page: Any, config: Any, nav: Any) -> dict:
        """The front matter as text for the theme; in a preview with problems, the theme's announcement bar
        lists them (overrides/main.html)."""
        escape_meta(page.meta)
        for_templates(context, config)
        assert self.cache is not None
        problems = self.cache.problems + self.page_problems
        context["plandocs_problems"] = Markup(self.cache.site.renderer.render_problems(problems)) \
            if problems and self.cache.site is not None else ""
        return context

    @event_priority(10)  # before mkdocs-static-i18n (-100) builds the next language
    def _write_large_components(self, config: Any) -> None:
        """The large components into the pages just written (slots.py)."""
        self.slots.write_large()

    @event_priority(0)  # before mkdocs-static-i18n (-100) builds the other languages over the same folder
    def _keep_not_found_page(self, config: Any) -> None:
        """Every language build writes 404.html at the site's root: keep each language's own.

        The default language's page goes back to the root at the end; each other language's is
        kept under its own root (`/en/404.html`), for a web server to answer in that language.
        """
        page = Path(config.site_dir) / "404.html"
        if not has_i18n(config) or not page.is_file():
            return
        language = next(entry for entry in i18n_languages(config) if entry.locale == building_language(config))
        if language.default:
            self.not_found_page = page.read_bytes()
        else:
            target = Path(config.site_dir) / language.root / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.read_bytes())

    @event_priority(-200)  # after mkdocs-static-i18n (-100) merged every language's output
    def _write_language_files(self, config: Any) -> None:
        if not has_i18n(config) or not every_language_built(config):
            return  # without mkdocs-static-i18n, or an inner per-language build: the merged index is not final yet
        if self.not_found_page is not None:
            (Path(config.site_dir) / "404.html").write_bytes(self.not_found_page)
        write_language_files(config, self.site(config).catalogue)

    on_post_build = CombinedEvent(_write_large_components, _keep_not_found_page, _write_language_files)
