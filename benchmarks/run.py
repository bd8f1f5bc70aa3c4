"""Benchmark of the plan site: build overhead of the macro layer, scale, preview loop, validation.

    python benchmarks/run.py [--quick] [--out FILE]

Everything is measured in one run on this machine and reported as ratios where it can be, since
shared machines are noisy. The last line sums it up:

    overhead=<ratio> scale=<time 100x / time 10x> big=<time 100x / real site> reload=<serve loop / full build>
    validate_ms=<ms> peak_mib=<peak memory of the 100x build> langs=<the languages built> suite_s=<make test>

overhead is the median, over pairs of builds run one after the other, of the real site's CPU time over
the same pages' pre-rendered (the macro layer's share of the work); the table also gives it in elapsed time.

(Every language the site ships, for the overhead and for scale, big and peak_mib; the full run also
builds the synthetic sites in two languages, the default and the source, as earlier runs did.)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import yaml

from plandocs.catalogue.load import load_catalogue
from plandocs.catalogue.po import PoFile, write_po
from plandocs.mkdocs_yml import read_config
from plandocs.project import Project, copy_project
from plandocs.translation.pages import confirm_pages
from plandocs.translation.po_files import language_header, template_entries

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")

# Runs `mkdocs build` in a fresh interpreter and reports that process's peak memory and CPU time.
BUILD = """
import resource, sys
from mkdocs.__main__ import cli
try:
    cli(["build", "-q", "--strict", "-f", sys.argv[1], "-d", sys.argv[2]])
except SystemExit as stop:
    if stop.code:
        raise
usage, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime  # a plugin's commands count too
print("PEAK_KB", usage.ru_maxrss, "CPU_S", cpu)
"""

# Pre-rendering: a hook that writes each page's Markdown as the macros left it, with each component's
# HTML in place of its placeholder (plandocs/plugin/slots.py).
DUMP_HOOK = """
import os
import re
import yaml
from mkdocs.plugins import event_priority

@event_priority(-500)
def on_page_markdown(markdown, page, config, files):
    slots = config.plugins["plandocs"].slots
    markdown = re.sub(r'<div data-pd-slot="(\\d+)"></div>', lambda m: slots.component(m.group(1)), markdown)
    target = os.path.join(os.environ["PLANDOCS_DUMP"], page.file.src_path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
    with open(target, "w", encoding="utf-8") as handle:
        handle.write("---\\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\\n\\n" + markdown)
    return markdown
"""


def build(project: Path, config: str = "mkdocs.yml") -> tuple[float, float, float]:
    """(seconds, peak MiB, CPU seconds) of one strict build of `project` into a fresh folder. The CPU seconds
    are the build's (user and system, its process and the commands it ran): the work it did, without the
    time it waited for a core that another process held."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", BUILD, str(project / config), out],
                                capture_output=True, text=True, env=ENV, cwd=project)
        seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    usage = re.search(r"PEAK_KB (\d+) CPU_S ([\d.]+)", result.stdout)
    return seconds, int(usage.group(1)) / 1024, float(usage.group(2))


# -- 1. overhead against the same pages pre-rendered -----------------------------------------

def plain_config(project: Path) -> dict:
    """mkdocs.yml without the macro layer (the plandocs and macros plugins), !ENV values resolved."""
    config = read_config(project / "mkdocs.yml")
    config.pop("hooks", None)
    config.pop("watch", None)
    config["site_url"] = "http://127.0.0.1:8000/"
    plugins = []
    for plugin in config["plugins"]:
        if plugin == "plandocs" or isinstance(plugin, dict) and ("macros" in plugin or "plandocs" in plugin):
            continue
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"].pop("build_only_locale", None)
            for language in plugin["i18n"]["languages"]:
                language["build"] = bool(language.get("build"))
        plugins.append(plugin)
    config["plugins"] = plugins
    return config


def prerendered_twin(project: Path, twin: Path) -> Path:
    """A copy of `project` whose pages are the macros' output, built without the macro layer."""
    dump = twin / "dump"
    hook = twin / "dump_hook.py"
    twin.mkdir(parents=True)
    hook.write_text(DUMP_HOOK, encoding="utf-8")
    config = read_config(project / "mkdocs.yml")
    dump_config = project / "mkdocs.dump.yml"
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text += f"\nhooks:\n  - {hook}\n"
    dump_config.write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(dump_config), "-d", out],
                       check=True, env=dict(ENV, PLANDOCS_DUMP=str(dump)), cwd=project)
    dump_config.unlink()
    plain = twin / "plain"
    shutil.copytree(project / "docs", plain / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(dump, plain / "docs", dirs_exist_ok=True)
    shutil.copytree(project / "overrides", plain / "overrides")
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(plain_config(project), allow_unicode=True), encoding="utf-8")
    del config
    return plain


def measure_overhead(runs: int, work: Path) -> dict:
    project = copy_project(ROOT, work / "real")
    plain = prerendered_twin(project, work / "twin")
    real, plain_runs = [], []
    for _ in range(runs):  # alternate, so that load on the machine hits both alike
        real.append(build(project))
        plain_runs.append(build(plain))
    real_times, plain_times = [r[0] for r in real], [p[0] for p in plain_runs]
    real_cpu, plain_cpu = [r[2] for r in real], [p[2] for p in plain_runs]
    return {"runs": runs, "real_s": real_times, "plain_s": plain_times, "real_cpu_s": real_cpu,
            "plain_cpu_s": plain_cpu,
            "real_median_s": statistics.median(real_times), "plain_median_s": statistics.median(plain_times),
            # The ratio of the work done (CPU seconds); on a shared machine the elapsed time also counts waits
            # for a core, which hit the pairs unevenly. The elapsed ratio is kept beside it.
            "overhead": statistics.median(r / p for r, p in zip(real_cpu, plain_cpu)),
            "overhead_elapsed": statistics.median(r / p for r, p in zip(real_times, plain_times))}


# -- 2. scale ----------------------------------------------------------------------------------

def synthetic_project(work: Path, scale: int, langs: list[str], solutions: int, tiers: int) -> tuple[Path, dict]:
    """A copy of the project whose catalogue has `scale` times the real number of features, built in `langs`
    (the site's own languages, its default among them; the others are switched off in mkdocs.yml)."""
    project = copy_project(ROOT, work / f"x{scale}-{len(langs)}l")
    data = project / "data"
    real = load_catalogue(ROOT / "data")

    tier_ids = ["essential", "premium", "enterprise", "ultimate"][:tiers]
    (data / "tiers.yml").write_text(yaml.safe_dump({"tiers": [
        dict({"id": t, "name": t.title()}, **({"extends": tier_ids[i - 1]} if i else {}))
        for i, t in enumerate(tier_ids)]}), encoding="utf-8")
    common_total = sum(max(1, len(g.children)) for g in real.common) * scale
    groups = []
    for g in range(max(1, common_total // 3)):
        groups.append({"id": f"group-{g}", "label": f"Group {g}",
                       "features": [{"id": f"common-{g}-{c}", "label": f"Common feature {g}.{c}"}
                                    for c in range(3)]})
    (data / "features.yml").write_text(yaml.safe_dump({"common": groups}, allow_unicode=True), encoding="utf-8")
    sold_total = len(real.features) * scale
    solution_ids = ["sales", "service", "marketing"] + [f"solution-{i}" for i in range(3, solutions)]
    per_offer = max(1, sold_total // (solutions * tiers))
    entries, counter = [], 0
    for sid in solution_ids:
        offers = []
        for tier in tier_ids:
            features = []
            for _ in range(per_offer):
                features.append({"id": f"feature-{counter}", "label": f"Feature {counter}"})
                counter += 1
            plan_id = {"essential": "essentials"}.get(tier, tier)
            offers.append({"tier": tier, "plan_id": f"{sid.replace('-', '')}{plan_id}", "features": features})
        entries.append({"id": sid, "name": sid.title(), "audience": f"For {sid}",
                        "link": "https://example.com/", "tiers": offers})
    (data / "solutions.yml").write_text(yaml.safe_dump({"solutions": entries}, allow_unicode=True), encoding="utf-8")
    # The generations name the real features; the synthetic catalogue is one generation (its pages are left out).
    (data / "generations.yml").unlink(missing_ok=True)
    english = load_catalogue(data, translations=False)
    site = Project(project)
    for lang in site.shipped_languages():
        if lang == english.source_language:
            continue
        # a stand-in translation of every text; the pages stay as they are (and count as translated)
        entries = [replace(e, msgstr=e.msgid if e.msgid.startswith("https://") else f"{lang} {e.msgid}")
                   for e in template_entries(english)]
        po = PoFile(language_header(lang, english.source_language), entries)
        (data / "i18n" / f"{lang}.po").write_bytes(write_po(po))
        confirm_pages(site, english.source_language, lang, [])
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for lang in set(site.shipped_languages()) - set(langs):
        config, switched = re.subn(rf"(- locale: {lang}\n(?:\s+\w+: .*\n)*?\s+build: )true", r"\1false", config)
        if not switched:
            raise SystemExit(f"cannot switch {lang} off in mkdocs.yml")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    catalogue = load_catalogue(data)
    shape = {"features": len(catalogue.features) + sum(max(1, len(g.children)) for g in catalogue.common),
             "solutions": solutions, "tiers": tiers, "plans": len(catalogue.plans), "languages": len(langs)}
    return project, shape


def language_sets() -> dict[str, list[str]]:
    """'all': every language the site ships; 'two': its default and the source language."""
    site = Project(ROOT)
    source = load_catalogue(ROOT / "data", translations=False).source_language
    return {"all": site.shipped_languages(), "two": sorted({site.default_language(), source})}


def measure_scale(work: Path, sets: list[str], runs: int) -> list[dict]:
    rows = []
    for name in sets:
        langs = language_sets()[name]
        for scale, solutions, tiers in ((1, 3, 2), (10, 6, 3), (100, 6, 3)):
            project, shape = synthetic_project(work, scale, langs, solutions, tiers)
            results = [build(project) for _ in range(runs)]
            rows.append(dict(shape, scale=scale, langs=name, build_s=statistics.median(r[0] for r in results),
                             peak_mib=max(r[1] for r in results)))
            shutil.rmtree(project)
    return rows


# -- 3. the preview loop -----------------------------------------------------------------------

def measure_reload(work: Path, runs: int) -> list[float]:
    project = copy_project(ROOT, work / "serve")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (work / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}",
                               "-f", str(project / "mkdocs.yml")], stdout=log, stderr=subprocess.STDOUT, env=ENV)
    address = f"http://127.0.0.1:{port}/en/matrix/"

    def get() -> str:
        with urllib.request.urlopen(address, timeout=30) as response:
            return response.read().decode("utf-8")

    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                get()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("mkdocs serve did not start") from None
                time.sleep(0.2)
        times = []
        ui = project / "data" / "ui.yml"
        original = ui.read_text(encoding="utf-8")
        for run in range(runs):
            token = f"Features in each base plan {run} {time.time_ns()}"
            changed = re.sub(r"matrix-caption: [^\n]*", f"matrix-caption: {token}", original, count=1)
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            start = time.perf_counter()
            ui.write_text(changed, encoding="utf-8")
            while token not in get():
                if time.perf_counter() - start > 120:
                    raise SystemExit("the preview did not show the change")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
        return times
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs then removes its temporary site
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a server that does not stop must not cost the run its figures
            server.kill()
            server.wait()
        log.close()


# -- 4. validation -----------------------------------------------------------------------------

def measure_validation(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        load_catalogue(ROOT / "data")
        times.append((time.perf_counter() - start) * 1000)
    return times


# -- 5. the test suite -------------------------------------------------------------------------

def measure_suite() -> tuple[float, str]:
    """Seconds of the whole suite as `make test` runs it (the linter, then every test, browser tests
    included, in three runs side by side), and pytest's closing line of each run."""
    start = time.perf_counter()
    lint = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    tests = subprocess.run([sys.executable, "tests/tiers.py", "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                           capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - start
    closing = "; ".join(line.strip("= ") for line in tests.stdout.splitlines()
                        if re.search(r"\d+ (passed|failed|errors?|deselected)", line) and " in " in line)
    if lint.returncode or tests.returncode:
        closing = f"FAILED: {closing}" if not lint.returncode else f"FAILED: ruff: {lint.stdout.strip()[-200:]}"
    return seconds, closing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a reduced run (a few minutes, and the suite's)")
    parser.add_argument("--no-suite", action="store_true", help="leave out timing the whole test suite")
    parser.add_argument("--out", help="where to write the figures (JSON)")
    args = parser.parse_args()
    quick = args.quick
    out = Path(args.out) if args.out else ROOT / "benchmarks" / ("results-quick.json" if quick else "results.json")

    with tempfile.TemporaryDirectory(prefix="plandocs-bench-") as folder:
        work = Path(folder)
        validation = measure_validation(10 if quick else 50)
        overhead = measure_overhead(5 if quick else 9, work)
        scale_rows = measure_scale(work, ["all"] if quick else ["all", "two"], 1 if quick else 3)
        reload_times = measure_reload(work, 2 if quick else 5)
    suite_s, suite = (None, "not run") if args.no_suite else measure_suite()

    full_build = overhead["real_median_s"]
    by = {(r["scale"], r["langs"]): r for r in scale_rows}
    scale = by[(100, "all")]["build_s"] / by[(10, "all")]["build_s"]
    big = by[(100, "all")]["build_s"] / full_build
    peak_mib = by[(100, "all")]["peak_mib"]
    langs = language_sets()["all"]
    reload_ratio = statistics.median(reload_times) / full_build
    validate_ms = statistics.median(validation)
    figures = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "quick": quick, "validation_ms": validation, "overhead": overhead, "scale": scale_rows,
        "reload_s": reload_times, "full_build_s": full_build,
        "summary": {"overhead": overhead["overhead"], "scale": scale, "big": big, "reload": reload_ratio,
                    "validate_ms": validate_ms, "peak_mib": peak_mib, "langs": langs, "suite_s": suite_s,
                    "suite": suite},
    }
    out.write_text(json.dumps(figures, indent=2), encoding="utf-8")

    print(f"{'measure':44} {'value':>12}")
    print(f"{'catalogue load + validation (median)':44} {validate_ms:>10.1f} ms")
    print(f"{'full build, real site (median)':44} {overhead['real_median_s']:>10.2f} s")
    print(f"{'same pages pre-rendered, no macros (median)':44} {overhead['plain_median_s']:>10.2f} s")
    print(f"{'overhead, CPU time (median of paired ratios)':44} {overhead['overhead']:>12.3f}")
    print(f"{'overhead, elapsed time (same pairs)':44} {overhead['overhead_elapsed']:>12.3f}")
    print(f"{'preview: save to served change (median)':44} {statistics.median(reload_times):>10.2f} s")
    print()
    print(f"{'scale':>5} {'langs':>5} {'solutions':>9} {'tiers':>5} {'plans':>5} {'features':>8} "
          f"{'build s':>8} {'peak MiB':>9}")
    for r in scale_rows:
        print(f"{r['scale']:>5} {r['languages']:>5} {r['solutions']:>9} {r['tiers']:>5} {r['plans']:>5} "
              f"{r['features']:>8} {r['build_s']:>8.2f} {r['peak_mib']:>9.0f}")
    print(f"\n{'the whole test suite, as make test runs it':44} "
          + (f"{suite_s:>10.0f} s ({suite})" if suite_s is not None else suite))
    print(f"\nfigures written to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    print(f"overhead={overhead['overhead']:.3f} scale={scale:.2f} big={big:.2f} reload={reload_ratio:.2f} "
          f"validate_ms={validate_ms:.1f} peak_mib={peak_mib:.0f} langs={','.join(langs)} "
          f"suite_s={'-' if suite_s is None else f'{suite_s:.0f}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
