"""The `plandocs` commands: each takes the project and the parsed arguments, and returns the exit code."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from plandocs.catalogue.load import load_catalogue
from plandocs.catalogue.schema import outdated_schemas, write_schemas
from plandocs.cli.publish import publish
from plandocs.errors import CatalogueError, Problem, printable
from plandocs.project import Project
from plandocs.theme import search_language
from plandocs.translation import pages, po_files, workflow


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    catalogue = load_catalogue(project.data)
    known = {*catalogue.languages, catalogue.pseudo_language}
    missing = [lang for lang in project.shipped_languages() if lang not in known]
    if missing:
        lines = project.config_file.read_text(encoding="utf-8").splitlines()
        raise CatalogueError([Problem(
            "mkdocs.yml", next((n for n, row in enumerate(lines, start=1) if row.strip() in (
                f"- locale: {lang}", f'- locale: "{lang}"', f"- locale: '{lang}'")), 1), 1, "plugins.i18n.languages",
            f"the site builds '{lang}', but {project.data.name}/i18n/{lang}.po is missing",
            f"restore it, or start the language with `plandocs i18n add {lang}`") for lang in missing])
    print(f"{project.data.name}/: ok ({len(catalogue.solutions)} solutions, {len(catalogue.plans)} base plans, "
          f"{len(catalogue.texts)} texts in {', '.join(catalogue.languages)})")
    return 0


def cmd_schema(project: Project, args: argparse.Namespace) -> int:
    if args.check:
        outdated = outdated_schemas(project.root)
        for path in outdated:
            print(f"{path.relative_to(project.root)}: differs from the catalogue's shapes (run `plandocs schema`)")
        return 1 if outdated else 0
    changed = write_schemas(project.root)
    print(f"{len(changed)} schema file(s) written" if changed else "schemas are up to date")
    return 0


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    site_dir = Path(args.site_dir)
    return publish(project.config_file, site_dir if site_dir.is_absolute() else Path.cwd() / site_dir,
                   project.shipped_languages())


def cmd_status(project: Project, args: argparse.Namespace) -> int:
    catalogue = load_catalogue(project.data)
    languages = args.languages or list(catalogue.translated_languages)
    unknown = [lang for lang in languages if lang not in catalogue.translated_languages]
    if unknown:
        raise ValueError(f"not a translated language: {', '.join(unknown)}")
    shipped = set(project.shipped_languages())
    reports = [workflow.status(project, catalogue, lang) for lang in languages]
    failing = [r.lang for r in reports if r.lang in shipped and not r.complete]
    if args.json:
        print(json.dumps({"source": catalogue.source_language, "languages": [
            dict(r.as_dict(), shipped=r.lang in shipped) for r in reports], "ok": not failing},
            indent=2, ensure_ascii=True))
        return 1 if failing else 0
    for r in reports:
        where = "shipped" if r.lang in shipped else "not shipped"
        print(f"{r.lang} ({where}): {r.total} texts: {len(r.translated)} translated, {len(r.missing)} missing, "
              f"{len(r.stale)} stale; {r.pages} pages: {len(r.pages_missing)} missing, {len(r.pages_stale)} stale")
        for gap in r.gaps:
            print(printable(f"  {gap}"))
    return 1 if failing else 0


def cmd_update(project: Project, args: argparse.Namespace) -> int:
    changed, notes = po_files.update(project.data)
    for note in notes:
        print(printable(note))
    for path in changed:
        print(printable(f"updated {path.relative_to(project.root)}"))
    if not changed:
        print("the PO files are up to date")
    return 0


def cmd_confirm(project: Project, args: argparse.Namespace) -> int:
    catalogue = load_catalogue(project.data)
    if args.language not in catalogue.translated_languages:
        raise ValueError(f"not a translated language: {args.language}")
    confirmed = pages.confirm_pages(project, catalogue.source_language, args.language, args.pages)
    for path in confirmed:
        print(printable(f"confirmed {path.relative_to(project.root)}"))
    print(f"{args.language}: {len(confirmed)} page(s) confirmed")
    return 0


def cmd_add(project: Project, args: argparse.Namespace) -> int:
    report = workflow.add_language(project, args.language, args.name)
    lang = report.lang
    search = search_language(lang)
    print(printable(f"added {lang} ({report.name}):"))
    if report.po:
        print(f"  {report.po.relative_to(project.root)}: every text, to translate")
    print(f"  {len(report.pages)} page(s) in docs/ to translate (copies of the source pages)")
    if report.site_entry:
        print("  a language entry in mkdocs.yml")
    print(f"  search: {'stemming for ' + search if search else 'no stemmer for this language; words match as written'}")
    print(f"next: translate data/i18n/{lang}.po and the pages, then `plandocs i18n confirm {lang}` and "
          f"`plandocs i18n status {lang}`")
    return 0
