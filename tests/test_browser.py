"""The reader's experience in real Chromium (Debian's), against the built site served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import http.server
import itertools
import os
import threading
import unicodedata
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from support.ci import IN_CI
from support.edit import replace_once
from support.languages import DEFAULT_LANGUAGE, LANGUAGES, url
from support.oracle import Oracle
from support.sitebuild import build_here, copy_project
from support.sources import ROOT

# Where Debian's Chromium is looked for; PLANDOCS_CHROMIUM names another build of it.
CHROMIUM = os.environ.get("PLANDOCS_CHROMIUM", "/usr/bin/chromium")
MISSING = "" if Path(CHROMIUM).is_file() else (
    f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium) or set PLANDOCS_CHROMIUM to its path")
if MISSING and not IN_CI:
    # One line in the summary for the whole module.
    pytest.skip(f"browser tests skipped: {MISSING}", allow_module_level=True)
if MISSING:
    # Under CI a missing browser fails the run at once, before anything is built for the browser tests.
    pytest.fail(f"browser tests cannot run under CI: {MISSING}", pytrace=False)
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
# For a person to look through (slow: opt in): a screenshot of every page with tables, per palette and width, and
# the printed matrix as a PDF.
PAGE_SCREENSHOTS = os.environ.get("PLANDOCS_SCREENSHOTS", "").lower() in {"1", "true", "yes"}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# Where the test server offers axe to the pages it serves: a script the browser caches, compiled once for
# all the pages a tab visits (injected as text, it would be compiled again on every page).
AXE_PATH = "/__tests__/axe.min.js"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """The built site as a static host serves it, and the vendored axe at AXE_PATH."""

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        return str(AXE) if path == AXE_PATH else super().translate_path(path)

    def end_headers(self) -> None:
        if self.path == AXE_PATH:
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()


@contextlib.contextmanager
def serving(directory: Path):
    """`directory` served on 127.0.0.1, at the address yielded."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(site):
    with serving(site.site) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    if MISSING:
        pytest.fail(f"browser tests cannot run under CI: {MISSING}", pytrace=False)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield instance
        instance.close()


class Tabs:
    """Tabs kept for the session, one with JavaScript and one without, each reused by test after test (a new
    tab costs a third of a second, more than most pages take to load): `open` gives a fresh document at the
    size and palette asked, with the requests it made and the console errors it logged."""

    LEAVE = "() => { try { localStorage.clear(); sessionStorage.clear(); } catch (error) {} }"

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.pages: dict[bool, Page] = {}
        self.logs: dict[bool, tuple[list[str], list[str]]] = {}

    def open(self, address: str, *, width: int = 1280, height: int = 900, scheme: str = "light",
             javascript: bool = True) -> tuple[Page, list[str], list[str]]:
        page = self.pages.get(javascript)
        if page is None:
            page = self.pages[javascript] = self.browser.new_context(java_script_enabled=javascript).new_page()
            page.on("request", lambda request: self.logs[javascript][0].append(request.url))
            page.on("console", lambda message: self.logs[javascript][1].append(message.text)
                    if message.type == "error" else None)
            page.on("pageerror", lambda error: self.logs[javascript][1].append(str(error)))
        else:
            page.evaluate(self.LEAVE)  # what the last test's page kept (the palette chosen, say) goes with it
            page.goto("about:blank")  # a new document even where only the address's #fragment differs
        page.set_viewport_size({"width": width, "height": height})
        page.emulate_media(media="screen", color_scheme=scheme)
        self.logs[javascript] = ([], [])
        page.goto(address, wait_until="load")
        return page, *self.logs[javascript]

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="session")
def tabs(browser) -> Tabs:
    kept = Tabs(browser)
    yield kept
    kept.close()


class Tab:
    """One tab at one width and palette, visiting page after page (a new context per page costs more than
    the page), with the requests and console errors of the page visited last."""

    def __init__(self, browser: Browser, width: int, scheme: str) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 740},
                                           color_scheme=scheme)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error"
                     else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.scheme = scheme  # the palette the theme opens the next page in: the one chosen last

    def visit(self, address: str) -> Page:
        self.requests.clear()
        self.errors.clear()
        self.page.goto(address, wait_until="load")
        return self.page

    def each_palette(self) -> Iterator[str]:
        """The page visited last in both palettes: first in the one it opened in, then switched to the other
        (which the next page then opens in)."""
        for scheme in (self.scheme, "dark" if self.scheme == "light" else "light"):
            switch_palette(self.page, scheme)
            self.scheme = scheme
            yield scheme

    def close(self) -> None:
        self.context.close()


SWITCH_PALETTE = """target => new Promise(done => {
    const body = document.body;
    const settled = () => body.getAttribute('data-md-color-scheme') === target
        && !body.hasAttribute('data-md-color-switching');
    if (settled()) return done();
    new MutationObserver((_, observer) => { if (settled()) { observer.disconnect(); done(); } })
        .observe(body, {attributes: true});
    document.querySelector(`input[name=__palette][data-md-color-scheme=${target}]`).click();
})"""


def switch_palette(page: Page, scheme: str) -> None:
    """The page in `scheme`, as the header's palette toggle switches it (no new load: the page's structure is
    the same in both, only its colours change); the theme keeps the choice for the next page of the tab."""
    page.evaluate(SWITCH_PALETTE, "slate" if scheme == "dark" else "default")


def all_pages(site) -> list[str]:
    pages = []
    for lang in LANGUAGES:
        root = site.site if lang == DEFAULT_LANGUAGE else site.site / lang
        for index in sorted(root.rglob("index.html")):
            relative = index.parent.relative_to(site.site).as_posix()
            if lang == DEFAULT_LANGUAGE and any(relative.startswith(f"{other}") for other in LANGUAGES
                                                if other != DEFAULT_LANGUAGE and relative.split("/")[0] == other):
                continue
            pages.append("" if relative == "." else relative + "/")
    return pages


# The rules whose findings change with the palette; the others read the page's structure, the same in both.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page: Page, scheme: str = "light") -> list[dict]:
    """WCAG violations on the page; in the dark palette, those of the rules about colour (the page's structure is
    the one the light palette's run checked). Only violations are gathered: axe then skips collecting the
    passes, which on a large table cost more than the checks."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(url=urllib.parse.urljoin(page.url, AXE_PATH))
    only = {"type": "tag", "values": WCAG} if scheme == "light" else {"type": "rule", "values": COLOUR_RULES}
    result = page.evaluate("only => axe.run(document, {runOnly: only, resultTypes: ['violations']})", only)
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]} for v in result["violations"]]


# For every table of a page: pairs of neighbouring cells in a row whose visible texts are closer than
# `gap` pixels, and whether body rows are told apart (a rule above each, or a background of their own).
TABLE_FIGURES = """gap => {
  const textBox = cell => {  // the box of the cell's visible text (visually hidden texts left out)
    const boxes = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const holder = node.parentElement.getBoundingClientRect();
      if (!node.textContent.trim() || holder.width <= 1 || holder.height <= 1) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      boxes.push(...[...range.getClientRects()].filter(r => r.width > 1 && r.height > 1));
    }
    if (!boxes.length) return null;
    return {left: Math.min(...boxes.map(b => b.left)), right: Math.max(...boxes.map(b => b.right)),
            top: Math.min(...boxes.map(b => b.top)), bottom: Math.max(...boxes.map(b => b.bottom))};
  };
  const close = [], unruled = [];
  document.querySelectorAll("article table").forEach((table, index) => {
    table.querySelectorAll("tr").forEach(row => {
      const boxes = [...row.children].filter(c => c.offsetParent !== null).map(textBox).filter(Boolean);
      for (let i = 1; i < boxes.length; i++) {
        const a = boxes[i - 1], b = boxes[i];
        if (a.bottom > b.top && b.bottom > a.top && b.left - a.right < gap)
          close.push(`${table.id || index}: ${row.textContent.trim().slice(0, 40)}`);
      }
    });
    const rows = [...table.querySelectorAll("tbody tr")].filter(r => r.offsetParent !== null);
    const ruled = rows.slice(1).every(row => [...row.children].some(cell =>
      parseFloat(getComputedStyle(cell).borderTopWidth) > 0));
    const shaded = rows.length > 1 && new Set(rows.map(r => getComputedStyle(r).backgroundColor)).size > 1;
    if (rows.length > 1 && !ruled && !shaded) unruled.push(table.id || String(index));
  });
  return {close, unruled};
}"""


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def visible_rows(page: Page) -> list[str]:
    return page.eval_on_selector_all("#matrix tbody tr[data-feature]:not([hidden])",
                                     "rows => rows.map(r => r.dataset.feature)")


def test_filter_as_you_type(base_url, tabs, oracle: Oracle, lang: str) -> None:
    page, _, _ = tabs.open(base_url + url(lang, "matrix/"))
    query = "dashboard"
    page.fill("#matrix-filter", query)
    # a row shows when its label or its group's heading has the query
    groups = dict(page.eval_on_selector_all("#matrix tbody tr[data-feature]", """rows => rows.map(r => [
        r.dataset.feature, (r.parentNode.querySelector('tr.pd-section th') || {textContent: ''}).textContent])"""))
    expected = [fid for fid in groups if query in fold(oracle.labels[fid][lang]) or query in fold(groups[fid])]
    assert expected and visible_rows(page) == expected
    total = len(page.query_selector_all("#matrix tbody tr[data-feature]"))
    assert page.inner_text("[data-pd-count]") == oracle.ui("rows-shown", lang, shown=str(len(expected)),
                                                           total=str(total))


def test_chosen_plans_and_differences_only(base_url, tabs, oracle: Oracle, lang: str) -> None:
    page, _, _ = tabs.open(base_url + url(lang, "matrix/"))
    first, second = oracle.plans_of(oracle.solutions[0]["id"])[:2]
    for plan in oracle.plans():
        if plan not in (first, second):
            page.uncheck(f'[data-pd-plan="{plan.plan_id}"]')
    shown = page.eval_on_selector_all("#matrix thead th[data-plan]:not([hidden])", "h => h.map(x => x.dataset.plan)")
    assert shown == [first.plan_id, second.plan_id]
    page.check("[data-pd-differences]")
    a, b = oracle.states(first), oracle.states(second)
    differing = [fid for fid in page.eval_on_selector_all("#matrix tbody tr[data-feature]",
                                                           "rows => rows.map(r => r.dataset.feature)")
                 if (fid in a) != (fid in b)]
    assert differing and visible_rows(page) == differing


def shown_plans(page: Page) -> list[str]:
    return page.eval_on_selector_all("#matrix thead th[data-plan]:not([hidden])", "h => h.map(x => x.dataset.plan)")


def test_a_phone_compares_two_plans_and_the_choice_is_in_the_address(base_url, tabs, oracle: Oracle,
                                                                       lang: str) -> None:
    plans = [p.plan_id for p in oracle.plans()]
    page, _, _ = tabs.open(base_url + url(lang, "matrix/"), width=375, height=740)
    assert shown_plans(page) == plans[:2]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.check(f'[data-pd-plan="{plans[-1]}"]')
    page.uncheck(f'[data-pd-plan="{plans[0]}"]')
    address = page.url
    assert f"plans={plans[1]}%2C{plans[-1]}" in address or f"plans={plans[1]},{plans[-1]}" in address, address

    wide, _, _ = tabs.open(address, width=1280)  # the shared address shows the same plans
    assert shown_plans(wide) == [plans[1], plans[-1]]
    everything, _, _ = tabs.open(base_url + url(lang, "matrix/"), width=1280)
    assert shown_plans(everything) == plans  # without a choice, a wide screen compares every plan


def smallest_plan(oracle: Oracle, needed: set[str]) -> tuple:
    options = [[None] + oracle.plans_of(s["id"]) for s in oracle.solutions]
    rank = {tier: i for i, tier in enumerate(oracle.tiers)}
    best = None
    for choice in itertools.product(*options):
        plans = tuple(p for p in choice if p is not None)
        if not plans or not needed <= set().union(*(oracle.states(p) for p in plans)):
            continue
        key = (len(plans), sum(rank[p.tier] for p in plans))
        if best is None or key < best[0]:
            best = (key, plans)
    return best[1]


def test_plan_finder_and_a_shareable_selection(base_url, tabs, oracle: Oracle, lang: str) -> None:
    needed = ["quote-management", "knowledge-base"]
    page, _, _ = tabs.open(base_url + url(lang, "finder/"))
    for fid in needed:
        page.check(f'[data-pd-need][value="{fid}"]')
    expected = oracle.combination_name(smallest_plan(oracle, set(needed)), lang)
    assert " ".join(page.inner_text("[data-pd-result-name]").split()) == " ".join(expected.split())
    shared = page.url
    assert "need=" in shared

    page, _, _ = tabs.open(shared)
    assert sorted(page.eval_on_selector_all("[data-pd-need]:checked", "b => b.map(x => x.value)")) == sorted(needed)
    assert " ".join(page.inner_text("[data-pd-result-name]").split()) == " ".join(expected.split())


def finder_questions(oracle: Oracle) -> list[list[str]]:
    """Needs that lead to each kind of answer: a bundle's own features, the top tier of each solution
    alone, and of every two solutions together (a combination, a bundle, or nothing)."""
    questions = [[e["id"] if isinstance(e, dict) else e for e in b.get("features", [])]
                 for b in oracle.current_bundles()]
    tops = []
    for solution in oracle.solutions:  # a feature only the solution's top tier sells
        top = oracle.plans_of(solution["id"])[-1]
        elsewhere = set().union(*(oracle.states(p) for p in oracle.all_plans() if p.solution != solution["id"]),
                                *(oracle.states(p) for p in oracle.plans_of(solution["id"])[:-1]))
        tops.append(next(fid for fid in oracle.states(top) if fid not in elsewhere))
    questions += [[fid] for fid in tops]
    questions += [[a, b] for i, a in enumerate(tops) for b in tops[i + 1:]]
    return [q for q in questions if q]


@pytest.fixture(scope="session")
def plan_model_url(plan_model):
    with serving(plan_model.build.site) as address:
        yield address


@pytest.fixture(scope="session")
def plan_model_surveys() -> dict[str, dict[str, dict]]:
    """The problems found on each plan model's pages, by model and palette, each model surveyed once."""
    return {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_plan_model_pages_are_local_quiet_and_accessible(plan_model, plan_model_url, browser, scheme: str,
                                                         plan_model_surveys) -> None:
    """The pages that change with the plan model (bundle columns, bundle and replacement pages, explained
    features, the finder's card), at desktop and phone width, in both palettes (switched in the page)."""
    oracle = plan_model.oracle
    needed = ",".join(list(oracle.explained)[:1] + [finder_questions(oracle)[-1][0]])
    paths = [url(lang, path) for lang in LANGUAGES
             for path in ("matrix/", "bundles/", "replacements/", "combinations/", f"finder/?need={needed}")
             if (plan_model.build.site / url(lang, path.split("?")[0]) / "index.html").is_file()]
    if plan_model.name not in plan_model_surveys:
        found: dict[str, dict] = {"light": {}, "dark": {}}
        for width in (1280, 375):
            tab = Tab(browser, width, "light")
            for path in paths:
                page = tab.visit(plan_model_url + path)
                page.eval_on_selector_all("details", "all => all.forEach(d => d.open = true)")
                sideways = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
                # the phone: what does not change with the palette (overflow, requests, errors), seen in light
                for palette in tab.each_palette() if width > 375 else ["light"]:
                    violations = axe_violations(page, palette) if width > 375 else []
                    outside = [r for r in tab.requests if not r.startswith(plan_model_url)]
                    if outside or tab.errors or violations or sideways:
                        found[palette][f"{path} at {width}"] = {"outside": outside, "console": list(tab.errors),
                                                                "axe": violations, "sideways": sideways}
            tab.close()
        plan_model_surveys[plan_model.name] = found
    problems = plan_model_surveys[plan_model.name][scheme]
    assert paths and not problems, problems


def test_the_finder_answers_with_plans_bundles_and_combinations_as_sold(plan_model, plan_model_url, tabs,
                                                                        lang: str) -> None:
    """One page, ticked as a reader would: each question's features ticked, the previous one's unticked."""
    oracle = plan_model.oracle
    page, _, errors = tabs.open(plan_model_url + url(lang, "finder/"))
    page.wait_for_selector(".pd-finder-result:not([hidden])")
    ticked: set[str] = set()
    for needed in finder_questions(oracle):
        for fid in sorted(ticked - set(needed)) + [fid for fid in needed if fid not in ticked]:
            page.set_checked(f'[data-pd-need][value="{fid}"]', fid in needed)
        ticked = set(needed)
        answers = oracle.finder_answers(set(needed))
        if not answers:
            assert page.is_visible("[data-pd-result-impossible]"), f"{plan_model.name}: {needed}"
            continue
        shown = " ".join(page.inner_text("[data-pd-result-name]").split())
        assert shown in {oracle.name_of(ids, lang) for ids in answers}, f"{plan_model.name}: {needed}"
    assert not errors


@pytest.fixture(scope="session")
def split_url(tmp_path_factory: pytest.TempPathFactory):
    """The real site built with a low `split_rows`, so that its matrix comes in collapsed parts, served."""
    root = tmp_path_factory.mktemp("split")
    project = copy_project(root / "project")
    option = "      templates_dir: macros\n"
    replace_once(project / "mkdocs.yml", option, option + "      split_rows: 20\n")
    result = build_here(project, root / "site")
    assert result.returncode == 0, result.output[-3000:]
    with serving(root / "site") as address:
        yield address


def test_a_matrix_in_parts_opens_where_a_link_or_a_filter_leads(split_url, tabs, oracle: Oracle,
                                                                lang: str) -> None:
    last = oracle.solutions[-1]
    target = oracle.feature_ids(last["tiers"][-1])[-1]
    page, _, errors = tabs.open(split_url + url(lang, "matrix/") + f"#matrix-feature-{target}")
    parts = page.eval_on_selector_all("details.pd-part", "all => all.map(d => [d.id, d.open])")
    assert [part for part, _ in parts] == ["matrix-part-common"] + [f"matrix-part-{s['id']}" for s in oracle.solutions]
    assert [part for part, is_open in parts if is_open] == [f"matrix-part-{last['id']}"]
    assert page.is_visible(f"#matrix-feature-{target}")
    label = oracle.labels[oracle.feature_ids(oracle.solutions[0]["tiers"][0])[0]][lang]
    page.fill("[data-pd-filter]", label)
    page.wait_for_function("document.querySelector('details.pd-part[open] tr[data-feature]:not([hidden])')")
    shown = page.eval_on_selector_all("details.pd-part", "all => all.filter(d => d.checkVisibility()).map(d => d.id)")
    assert f"matrix-part-{oracle.solutions[0]['id']}" in shown and "matrix-part-common" not in shown
    assert not errors


def test_deep_links_and_language_switch_keep_the_place(base_url, tabs, oracle: Oracle) -> None:
    anchor = "matrix-feature-sales-forecasting"
    for lang in LANGUAGES:
        page, _, _ = tabs.open(base_url + url(lang, "matrix/") + "#" + anchor)
        assert page.evaluate(f"document.getElementById('{anchor}').matches(':target')")
        box = page.eval_on_selector(f"#{anchor}", "e => e.getBoundingClientRect().top")
        assert 0 <= box < 900
        other = next(code for code in LANGUAGES if code != lang)
        with page.expect_navigation():
            page.eval_on_selector(f'a.md-select__link[hreflang="{other}"]', "a => a.click()")
        page.wait_for_load_state("load")
        assert page.url == base_url + url(other, "matrix/") + "#" + anchor


def test_the_controls_work_with_the_keyboard_alone(base_url, tabs, lang: str) -> None:
    page, _, _ = tabs.open(base_url + url(lang, "matrix/"))
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "matrix-filter":
            break
    else:
        pytest.fail("the filter cannot be reached with Tab")
    page.keyboard.type("zzzz-no-such-feature")
    assert visible_rows(page) == []
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('data-pd-plan')")
    assert focused
    page.keyboard.press("Space")
    assert page.is_hidden(f'#matrix thead th[data-plan="{focused}"]')


def test_without_javascript_the_tables_are_complete(site, base_url, tabs, oracle: Oracle, lang: str) -> None:
    page, _, _ = tabs.open(base_url + url(lang, "matrix/"), javascript=False)
    rows = page.query_selector_all("#matrix tbody tr[data-feature]")
    assert len(rows) == len(site.page(url(lang, "matrix/")).select("#matrix tbody tr[data-feature]"))
    assert all(row.is_visible() for row in rows) and page.is_hidden(".pd-controls")
    page, _, _ = tabs.open(base_url + url(lang, "combinations/"), javascript=False)
    assert len(page.query_selector_all("#combinations-table tbody tr")) == len(oracle.combinations_by_rule())


def test_the_matrix_prints_on_a4_landscape(base_url, tabs, lang: str) -> None:
    """(PLANDOCS_SCREENSHOTS=1 keeps the printed matrix as a PDF in test-artifacts/.)"""
    # A4 landscape less 10 mm margins, at 96 px per inch
    page, _, _ = tabs.open(base_url + url(lang, "matrix/"), width=1047, height=718)
    page.emulate_media(media="print")
    assert page.is_hidden(".pd-controls")
    widths = page.eval_on_selector("#matrix table",
                                   "t => [t.scrollWidth, t.closest('.md-content').clientWidth]")
    assert widths[0] <= widths[1], widths
    if PAGE_SCREENSHOTS:
        ARTIFACTS.mkdir(exist_ok=True)
        page.pdf(path=str(ARTIFACTS / f"matrix-{lang}.pdf"), format="A4", landscape=True)


STEMS = """async ({words, scripts, lunrName}) => {
    for (const src of scripts)
        await new Promise((done, fail) => {
            const script = Object.assign(document.createElement("script"), {src, onload: done, onerror: fail});
            document.head.append(script);
        });
    // Each word its own document: the index's terms are the words as the index stems them.
    const index = lunr(function () {
        if (lunrName !== "en") this.use(lunr[lunrName]);
        this.ref("word");
        this.field("text");
        for (const word of words) this.add({word, text: word});
    });
    const indexed = {};
    for (const [term, posting] of Object.entries(index.invertedIndex))
        for (const word of Object.keys(posting.text || {})) indexed[word] = term;
    const queried = Object.fromEntries(words.map(word => [word, index.pipeline.runString(word)]));
    return {indexed, queried};
}"""


def stems(browser: Browser, base_url: str, site, lang: str, words: list[str]) -> tuple[dict, dict]:
    """How the language's search stems each word: {word: its term in the index}, {word: its query terms}."""
    from plandocs.theme import search_language

    lunr = search_language(lang) or "en"
    worker = next((site.site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).name
    scripts = [f"{base_url}assets/javascripts/workers/{worker}"]
    if lunr != "en":
        scripts += [f"{base_url}assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                    f"{base_url}assets/javascripts/lunr/min/lunr.{lunr}.min.js"]
    context = browser.new_context()
    page = context.new_page()
    blank = base_url + "__stems__.html"
    page.route(blank, lambda route: route.fulfill(body="<!doctype html><meta charset=utf-8><title>stems</title>",
                                                      content_type="text/html; charset=utf-8"))
    page.goto(blank)
    found = page.evaluate(STEMS, {"words": words, "scripts": scripts, "lunrName": lunr})
    context.close()
    return found["indexed"], found["queried"]


def inflected_query(site, browser: Browser, base_url: str, lang: str) -> tuple[str, set[str]]:
    """A word of the language's pages and the pages only its stem leads to: every page with a word of the
    same stem but none that begins with the word itself, so a search without stemming cannot find them."""
    import json
    import re

    root = site.site if lang == DEFAULT_LANGUAGE else site.site / lang
    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    words_on: dict[str, set[str]] = {}
    for doc in index["docs"]:
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", f'{doc["title"]} {doc["text"]}')}
        words_on.setdefault(doc["location"].split("#")[0], set()).update(words)
    vocabulary = sorted(set().union(*words_on.values()))
    indexed, queried = stems(browser, base_url, site, lang, vocabulary)
    candidates = []
    for word in vocabulary:
        query = queried.get(word) or []
        if len(word) < 5 or len(query) != 1 or query[0] == word:
            continue
        pages = {page for page, words in words_on.items()
                 if any(indexed.get(w) == query[0] for w in words) and not any(w.startswith(word) for w in words)}
        if pages:
            candidates.append((len(pages), word, pages))
    assert candidates, f"no word of the {lang} pages has an inflected form on another page"
    _, word, pages = min(candidates)
    return word, pages


def test_an_inflected_word_finds_its_page(site, base_url, browser, tabs, lang: str) -> None:
    """Search stems the reader's word with the page language's stemmer, as it stems the pages."""
    word, pages = inflected_query(site, browser, base_url, lang)
    page, _, errors = tabs.open(base_url + url(lang))
    page.keyboard.press("/")
    page.keyboard.type(word)
    for _ in range(15):
        # The theme searches on a key going up; a word typed before its index was ready is searched
        # again on the next key.
        page.keyboard.press("End")
        try:
            page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=1000)
            break
        except PlaywrightTimeout:
            continue
    root = base_url + url(lang)
    found = {href.split("?")[0].removeprefix(root) for href in page.locator(".md-search-result__item > a")
             .evaluate_all("links => links.map(link => link.href)")}
    assert found & pages, (f"searching {word!r} in {lang} finds {sorted(found)}, none of {sorted(pages)}",
                            page.inner_text(".md-search-result"), errors)
    assert not errors


# -- the reader, second round: focus, the finder's answer in view, tables on a phone ----------

FOCUS_STYLE = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    const label = el.closest('label');
    const around = label && getComputedStyle(label);
    const chip = around && around.outlineStyle !== 'none' && parseFloat(around.outlineWidth) >= 1;
    return {tag: el.tagName, id: el.id || el.getAttribute('value') || el.textContent.trim().slice(0, 30),
            inMain: Boolean(el.closest('article')), visible: ring || shadow || chip};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "matrix/", "finder/", "combinations/", "moving-to-crm-suite/"])
def test_every_control_shows_where_the_focus_is(base_url, tabs, scheme: str, path: str) -> None:
    """Tab through the page's controls: each focused one in the content has a visible ring (WCAG 2.4.7)."""
    page, _, _ = tabs.open(base_url + url(DEFAULT_LANGUAGE, path), scheme=scheme)
    seen, unseen = 0, []
    for _ in range(80):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if not focus["inMain"]:
            continue
        seen += 1
        if not focus["visible"]:
            unseen.append(f'{focus["tag"]} {focus["id"]}')
    assert seen >= 3, f"only {seen} controls reached with Tab on {path or 'the overview'}"
    assert not unseen, f"{path} ({scheme}): focus not visible on {unseen[:5]}"


@pytest.mark.parametrize("width", [1280, 375])
def test_the_finders_answer_stays_in_view_while_ticking(base_url, tabs, oracle: Oracle, lang: str,
                                                        width: int) -> None:
    """Three features ticked, the last far up the list from where the answer is written: the answer is on
    screen after each."""
    page, _, _ = tabs.open(base_url + url(lang, "finder/"), width=width, height=900 if width > 500 else 740)
    boxes = page.eval_on_selector_all("[data-pd-need]", "boxes => boxes.map(b => b.value)")
    chosen = [boxes[-1], boxes[len(boxes) // 2], boxes[len(boxes) // 6]]
    answer = "[data-pd-result-name]" if width > 500 else "[data-pd-result-bar]"
    for count, fid in enumerate(chosen, start=1):
        page.locator(f'[data-pd-need][value="{fid}"]').scroll_into_view_if_needed()
        page.check(f'[data-pd-need][value="{fid}"]')
        box = page.locator(answer).bounding_box()
        assert box is not None, f"no answer shown at {width} px"
        assert 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"], \
            f"the answer is out of view at {width} px after {count} ticked: {box}"
    expected = " ".join(oracle.combination_name(smallest_plan(oracle, set(chosen)), lang).split())
    assert expected in " ".join(page.inner_text(answer).split())
    for fid in chosen:  # the card says which of its plans has each ticked feature
        item = page.locator(f'[data-pd-result-has] li[data-feature="{fid}"]')
        assert oracle.labels[fid][lang] in item.inner_text()


TABLES_ON_A_PHONE = """() => {
    const problems = [];
    for (const box of document.querySelectorAll('article .pd-scroll')) {
        if (box.closest('details:not([open])') || !box.offsetParent) continue;
        const caption = box.querySelector('caption');
        if (caption && caption.getBoundingClientRect().right > innerWidth + 1)
            problems.push('caption cut: ' + caption.textContent.slice(0, 40));
        box.scrollLeft = box.scrollWidth;
        for (const row of box.querySelectorAll('tbody tr:not([hidden])')) {
            const key = row.querySelector('th');
            if (!key) continue;
            const r = key.getBoundingClientRect();
            if (r.left < box.getBoundingClientRect().left - 1 || r.right > innerWidth + 1)
                problems.push('key column hidden: ' + key.textContent.trim().slice(0, 40));
            break;
        }
        box.scrollLeft = 0;
    }
    return problems;
}"""


# -- every page, once per palette and width --------------------------------------------------------

SCHEMES, WIDTHS = ("light", "dark"), (1280, 375)


@dataclass
class Visit:
    """What one page showed at one width in one palette."""

    outside: list[str]  # requests that left the site
    errors: list[str]  # console errors
    axe: list[dict] | None = None  # WCAG violations, where axe ran (every page at 1280; at 375 in light)
    tables: dict | None = None  # TABLE_FIGURES, on pages with tables
    width: int = 0  # the document's width (at 375: wider means the page scrolls sideways)
    phone_tables: list[str] = field(default_factory=list)  # TABLES_ON_A_PHONE, at 375 in light


@pytest.fixture(scope="session")
def survey(site, base_url, browser) -> dict[tuple[str, str, int], Visit]:
    """Every page of the site loaded once per width and seen in both palettes (switched in the page), with
    everything the page-wide tests check collected on that visit, in one tab per width. Its tests below each
    assert one kind of finding, so each fails on its own."""
    ARTIFACTS.mkdir(exist_ok=True)
    visits = {}
    for width in WIDTHS:
        tab = Tab(browser, width, "light")
        for path in all_pages(site):
            page = tab.visit(base_url + path)
            has_tables = "<table" in (site.site / path / "index.html").read_text(encoding="utf-8")
            for scheme in tab.each_palette():
                visit = Visit([], [], width=page.evaluate("document.documentElement.scrollWidth"))
                if has_tables:
                    visit.tables = page.evaluate(TABLE_FIGURES, 6)
                    if PAGE_SCREENSHOTS:
                        name = path.strip("/").replace("/", "-") or "home"
                        page.screenshot(path=str(ARTIFACTS / f"tables-{name}-{scheme}-{width}.png"), full_page=True)
                if width == 375 and scheme == "light":
                    visit.phone_tables = page.evaluate(TABLES_ON_A_PHONE)
                if width > 500 or scheme == "light":
                    visit.axe = axe_violations(page, scheme)
                # Read last, after the page's own late requests (its search index, its scripts' look-ups).
                visit.outside = [r for r in tab.requests if not r.startswith(base_url)]
                visit.errors = list(tab.errors)
                visits[(path, scheme, width)] = visit
        tab.close()
    return visits


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_is_local_quiet_and_accessible(survey, scheme: str) -> None:
    problems = {path: {"outside": v.outside, "console": v.errors, "axe": v.axe}
                for (path, s, width), v in survey.items()
                if s == scheme and width == 1280 and (v.outside or v.errors or v.axe)}
    assert survey and not problems, problems


def test_no_page_overflows_a_phone(survey) -> None:
    wide = [(path, v.width) for (path, scheme, width), v in survey.items() if width == 375 and v.width > 375]
    assert not wide


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_tables_read_as_tables(survey, scheme: str, width: int) -> None:
    """Every table, as a reader sees it: cell texts at least 6 px apart, rows told apart (PLANDOCS_SCREENSHOTS=1
    keeps a screenshot of each page in test-artifacts/)."""
    tables = {path: v.tables for (path, s, w), v in survey.items() if s == scheme and w == width and v.tables}
    problems = {path: figures for path, figures in tables.items() if figures["close"] or figures["unruled"]}
    assert tables and not problems, problems


def test_a_phone_keeps_every_tables_key_column_and_caption_in_view(survey) -> None:
    """Every page at 375 px: each table's key column stays in view scrolled to its far side, its caption is
    whole, and the page passes axe at that width too."""
    phone = {path: v for (path, scheme, width), v in survey.items() if width == 375 and scheme == "light"}
    problems = {path: (v.phone_tables + [f"axe: {a['id']} {a['nodes']}" for a in v.axe or []] + v.errors)[:3]
                for path, v in phone.items() if v.phone_tables or v.axe or v.errors}
    assert phone and not problems, problems
