"""`plandocs`: check the catalogue and run the translation workflow without building the site."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from babel import Locale, UnknownLocaleError

from . import l10n
from .errors import CatalogueError, printable
from .loader import I18N_DIR, LANG_PATTERN, language_settings, load_catalogue
from .project import Project
from .publish import publish
from .schema import write_schemas

I18N_FILE_HEADER = """\
# yaml-language-server: $schema=../../schema/i18n.schema.json
# {name} ({lang}): for each text id, a fingerprint of the {source} text the translation
# was made from. Written by `plandocs i18n import` and `plandocs i18n confirm`; there is
# no need to edit it by hand. When the {source} text changes, its fingerprint no longer
# matches and the translation is reported as stale.
fingerprints: {{}}
"""


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
    schema.set_defaults(run=cmd_schema)

    publish = commands.add_parser("build", help="build the site strictly and replace the output folder "
                                  "only if the build succeeds")
    publish.add_argument("--site-dir", default="site", help="the output folder (default: site)")
    publish.set_defaults(run=cmd_build)

    i18n = commands.add_parser("i18n", help="translation status, PO export and import, new languages")
    sub = i18n.add_subparsers(required=True, metavar="ACTION")
    status = sub.add_parser("status", help="per language: texts translated, missing and stale")
    status.add_argument("languages", nargs="*", help="languages to show (default: all translated)")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(run=cmd_status)
    export = sub.add_parser("export", help="write a PO file of every text for one language")
    export.add_argument("language")
    export.add_argument("-o", "--output", required=True, help="the .po file to write")
    export.set_defaults(run=cmd_export)
    imp = sub.add_parser("import", help="write a PO file's translations into data/")
    imp.add_argument("file")
    imp.add_argument("--lang", help="the language, if the PO header does not say")
    imp.set_defaults(run=cmd_import)
    confirm = sub.add_parser("confirm", help="mark stale translations as checked against the source text")
    confirm.add_argument("language")
    confirm.add_argument("ids", nargs="*", help="text ids (default: every stale text of the language)")
    confirm.set_defaults(run=cmd_confirm)
    add = sub.add_parser("add", help="start a new language: its data file, its pages and its site entry")
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
    changed = _write_schemas(project)
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
    reports = [l10n.status(catalogue, lang) for lang in languages]
    failing = [r.lang for r in reports if r.lang in shipped and not r.complete]
    if args.json:
        print(json.dumps({"source": catalogue.source_language, "languages": [
            dict(r.as_dict(), shipped=r.lang in shipped) for r in reports], "ok": not failing}, indent=2))
    else:
        for r in reports:
            where = "shipped" if r.lang in shipped else "not shipped"
            print(f"{r.lang} ({where}): {r.total} texts, {len(r.translated)} translated, "
                  f"{len(r.missing)} missing, {len(r.stale)} stale")
            for text_id in r.missing:
                print(f"  missing  {text_id}")
            for text_id in r.stale:
                print(f"  stale    {text_id}")
            if r.unrecorded:
                print(f"  {len(r.unrecorded)} translated without a fingerprint; record them with "
                      f"`plandocs i18n confirm {r.lang}`")
            if r.obsolete:
                print(f"  {len(r.obsolete)} fingerprints of texts that no longer exist")
    return 1 if failing else 0


def cmd_export(project: Project, args: argparse.Namespace) -> int:
    catalogue = load_catalogue(project.data)
    if args.language not in catalogue.translated_languages:
        raise ValueError(f"'{args.language}' is not a translated language; start it with `plandocs i18n add`")
    Path(args.output).write_bytes(l10n.export_po(catalogue, args.language))
    report = l10n.status(catalogue, args.language)
    print(f"{args.output}: {report.total} texts, {len(report.missing)} to translate, {len(report.stale)} fuzzy")
    return 0


def cmd_import(project: Project, args: argparse.Namespace) -> int:
    report = l10n.import_po(project.data, Path(args.file).read_bytes(), args.lang)
    print(f"{report.lang}: {len(report.changed)} translations changed, {len(report.confirmed)} confirmed")
    for line in report.skipped:
        print(f"  skipped  {line}")
    return 1 if report.skipped else 0


def cmd_confirm(project: Project, args: argparse.Namespace) -> int:
    confirmed = l10n.confirm(project.data, args.language, args.ids or None)
    print(f"{args.language}: {len(confirmed)} translations confirmed")
    return 0


def cmd_add(project: Project, args: argparse.Namespace) -> int:
    lang = args.language
    if not LANG_PATTERN.match(lang):
        raise ValueError(f"'{lang}' is not a language code (an ISO 639 code, optionally with a region)")
    catalogue = load_catalogue(project.data)
    if lang in catalogue.languages or lang == catalogue.pseudo_language:
        raise ValueError(f"'{lang}' is already a catalogue language")
    name = args.name or _native_name(lang)
    source_name = _native_name(catalogue.source_language)
    i18n_file = project.data / I18N_DIR / f"{lang}.yml"
    i18n_file.parent.mkdir(exist_ok=True)
    i18n_file.write_text(I18N_FILE_HEADER.format(name=name, lang=lang, source=source_name), encoding="utf-8")
    pages = project.copy_pages(catalogue.source_language, lang)
    if lang not in {language.locale for language in project.site_languages()}:
        project.add_site_language(lang, name, catalogue.source_language)
    _write_schemas(project)
    print(f"added {lang} ({name}):")
    print(f"  {i18n_file.relative_to(project.root)}")
    print(f"  {len(pages)} pages in docs/ to translate (copies of the {source_name} pages)")
    print("  a language entry in mkdocs.yml, and schema/ updated for editors")
    print(f"next: plandocs i18n export {lang} -o {lang}.po, translate, plandocs i18n import {lang}.po")
    return 0


def _write_schemas(project: Project) -> list[Path]:
    settings = language_settings(project.data)
    return write_schemas(project.root, settings.source, list(settings.languages))


def _native_name(lang: str) -> str:
    try:
        name = Locale.parse(lang, sep="-" if "-" in lang else "_").get_display_name()
    except (UnknownLocaleError, ValueError):
        return lang
    return name[:1].upper() + name[1:] if name else lang


if __name__ == "__main__":
    sys.exit(main())
