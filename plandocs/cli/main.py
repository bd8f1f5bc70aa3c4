"""`plandocs`: check the catalogue and run the translation workflow without building the site."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from plandocs.catalogue.load import load_catalogue
from plandocs.catalogue.schema import outdated_schemas, write_schemas
from plandocs.cli.publish import publish
from plandocs.errors import CatalogueError, printable
from plandocs.project import Project
from plandocs.theme import search_language
from plandocs.translation import pages, po_files, workflow


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `plandocs` command."""
    parser = _parser()
    args = parser.parse_args(argv)
    project = Project(Path(args.project).resolve())
    try:
        code = args.run(project, args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except KeyboardInterrupt:
        print("plandocs: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader closed the pipe (`plandocs i18n status | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except CatalogueError as error:
        print(error, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) in the catalogue", file=sys.stderr)
        return 1
    except (ValueError, OSError) as error:
        print(printable(f"plandocs: {error}"), file=sys.stderr)
        return 2
    except Exception as error:  # a defect of ours: say so in one line (PLANDOCS_DEBUG=1 shows the traceback)
        if os.environ.get("PLANDOCS_DEBUG"):
            raise
        print(printable(f"plandocs: internal error ({type(error).__name__}: {error}); please report it "
                        "(PLANDOCS_DEBUG=1 shows where)"), file=sys.stderr)
        return 70


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plandocs", description=__doc__)
    parser.add_argument("--project", default=".", help="the folder with mkdocs.yml and data/ (default: here)")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate the catalogue without building the site")
    check.set_defaults(run=cmd_check)

    schema = commands.add_parser("schema", help="write the JSON Schemas of the catalogue files to schema/")
    schema.add_argument("--check", action="store_true", help="write nothing; fail if schema/ differs from the shapes")
    schema.set_defaults(run=cmd_schema)

    publish = commands.add_parser("build", help="build the site strictly and replace the output folder "
                                  "only if the build succeeds")
    publish.add_argument("--site-dir", default="site", help="the output folder (default: site)")
    publish.set_defaults(run=cmd_build)

    i18n = commands.add_parser("i18n", help="translations: status, PO files kept in step, pages, new languages")
    sub = i18n.add_subparsers(required=True, metavar="ACTION")
    status = sub.add_parser("status", help="per language: texts and pages translated, missing and stale")
    status.add_argument("languages", nargs="*", help="languages to show (default: all translated)")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(run=cmd_status)
    update = sub.add_parser("update", help="bring data/i18n/*.po and messages.pot in step with the catalogue")
    update.set_defaults(run=cmd_update)
    confirm = sub.add_parser("confirm", help="record that translated pages render their current source pages")
    confirm.add_argument("language")
    confirm.add_argument("pages", nargs="*", help="page files, like docs/matrix.md (default: every stale page)")
    confirm.set_defaults(run=cmd_confirm)
    add = sub.add_parser("add", help="start a new language: its PO file, its pages and its site entry")
    add.add_argument("language")
    add.add_argument("--name", help="the language's name in itself, for the language switcher")
    add.set_defaults(run=cmd_add)
    return parser


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    catalogue = load_catalogue(project.data)
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


if __name__ == "__main__":
    sys.exit(main())
