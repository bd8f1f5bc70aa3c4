"""`plandocs`: check the catalogue and run the translation workflow without building the site."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

# Only the standard library and errors.py at start-up: the commands (and MkDocs, pydantic, Babel) load inside
# main(), so that a Ctrl-C while they load ends in one line.
from plandocs.errors import CatalogueError, printable


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `plandocs` command."""
    try:
        args = _parser().parse_args(argv)
        # Ctrl-C is held back while the libraries load (an interrupted import can leave a native extension
        # half set up, and it fails loudly); one that came meanwhile is raised right after, and ends here.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            from plandocs.cli import commands
            from plandocs.project import Project
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        code = getattr(commands, f"cmd_{args.run}")(Project(Path(args.project).resolve()), args)
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
    check.set_defaults(run="check")

    schema = commands.add_parser("schema", help="write the JSON Schemas of the catalogue files to schema/")
    schema.add_argument("--check", action="store_true", help="write nothing; fail if schema/ differs from the shapes")
    schema.set_defaults(run="schema")

    publish = commands.add_parser("build", help="build the site strictly and replace the output folder "
                                  "only if the build succeeds")
    publish.add_argument("--site-dir", default="site", help="the output folder (default: site)")
    publish.set_defaults(run="build")

    i18n = commands.add_parser("i18n", help="translations: status, PO files kept in step, pages, new languages")
    sub = i18n.add_subparsers(required=True, metavar="ACTION")
    status = sub.add_parser("status", help="per language: texts and pages translated, missing and stale")
    status.add_argument("languages", nargs="*", help="languages to show (default: all translated)")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(run="status")
    update = sub.add_parser("update", help="bring data/i18n/*.po and messages.pot in step with the catalogue")
    update.set_defaults(run="update")
    confirm = sub.add_parser("confirm", help="record that translated pages render their current source pages")
    confirm.add_argument("language")
    confirm.add_argument("pages", nargs="*", help="page files, like docs/matrix.md (default: every stale page)")
    confirm.set_defaults(run="confirm")
    add = sub.add_parser("add", help="start a new language: its PO file, its pages and its site entry")
    add.add_argument("language")
    add.add_argument("--name", help="the language's name in itself, for the language switcher")
    add.set_defaults(run="add")
    return parser


if __name__ == "__main__":
    sys.exit(main())
