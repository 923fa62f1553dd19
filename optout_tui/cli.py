"""The `optout` command line: starts the app, or browses and checks the catalog without it.

Textual is imported only inside `run_app`, so the plain commands stay fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from optout_tui import __version__
from optout_tui.paths import DATA_DIR_ENV

EXAMPLES = """\
examples:
  optout                              start the app on the bundled catalog
  optout --data-dir ./visitor         keep progress in ./visitor instead of the usual place
  optout list --kind ai-training      every AI-training action
  optout list --region FR --json      what applies in France, as JSON for scripts
  optout search grok                  platforms and actions matching a word (typos are fine)
  optout show x/grok-training         the steps as a numbered checklist, with sources
  optout show linkedin --lang fr --surface ios
  optout qr x/grok-training           a QR code of the link, to scan with a phone
  optout qr x/grok-training > code.txt   block characters alone: scans from a printout
  optout walk x                       step by step with a plain prompt (screen readers)
  optout validate my-platforms/       check platform files: path:line:column: message
  optout stats                        how many platforms and actions, how well sourced
  optout profiles                     the people whose progress is kept here
  optout export --profile "Visitor 14:30" --format html -o handout.html
  optout catalog status               which catalog is in use, and how old it is
  optout catalog update --url URL     install a newer signed catalog (https:// or a file)
"""
KINDS = ("ai-training", "third-party-sharing", "personalisation", "biometrics", "advertising",
         "history-deletion", "no-opt-out", "other")


def default_lang() -> str:
    """French when the locale says so, else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def _common() -> argparse.ArgumentParser:
    """Options every command takes, before or after its name."""
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--data-dir", metavar="DIR",
                        help=f"where progress is saved (also ${DATA_DIR_ENV}; default: the "
                             "user data folder)")
    common.add_argument("--catalog", metavar="DIR", action="append",
                        help="a folder of platform files added on top of the bundled catalog "
                             "(repeatable; the same id replaces the bundled platform)")
    common.add_argument("--profile", metavar="NAME", help="whose progress (default: default)")
    common.add_argument("--lang", choices=("en", "fr"),
                        help="language of the catalog text (default: from the locale)")
    return common


def _fast_gettext() -> None:
    """argparse looks up a translation of each of its phrases through gettext, which searches
    the disk for catalogue files every time: about a tenth of `optout list`'s run. Python ships
    no translations for argparse, so the English phrase is what would be shown anyway."""
    argparse._ = lambda message: message  # type: ignore[attr-defined]
    argparse.ngettext = (  # type: ignore[attr-defined]
        lambda singular, plural, n: singular if n == 1 else plural)


def build_parser() -> argparse.ArgumentParser:
    _fast_gettext()
    parser = argparse.ArgumentParser(
        prog="optout", parents=[_common()],
        description="A terminal guide through opting out of AI training and data sharing.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(data_dir=None, catalog=[], profile="default", lang=default_lang(),
                        command=None)
    parser.add_argument("--version", action="version", version=f"optout {__version__}")
    parser.add_argument("--recheck-days", type=int, default=90, metavar="N",
                        help="flag a finished action for re-checking after N days (default 90)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        # A fresh copy per command: argparse shares parents' actions, and the defaults set on
        # the main parser must not leak into the commands (they would undo options given
        # before the command name).
        return sub.add_parser(name, help=help_text, parents=[_common()], description=help_text)

    p = command("list", "list platforms and their actions")
    p.add_argument("--category", help="only platforms of this category (social, work, …)")
    p.add_argument("--kind", choices=KINDS, help="only actions of this kind")
    p.add_argument("--region", metavar="CODE",
                   help="only actions that apply there (FR, GB, US, EU, …)")
    p.add_argument("--status", choices=("not-started", "in-progress", "done", "needs-recheck",
                                        "not-possible"),
                   help="only actions in this state for --profile")
    p.add_argument("--json", action="store_true", help="JSON output (format_version 1)")

    p = command("show", "show an action's steps as a numbered checklist")
    p.add_argument("target", metavar="PLATFORM[/ACTION]")
    p.add_argument("--surface", choices=("web", "ios", "android", "form", "email"))
    p.add_argument("--json", action="store_true", help="JSON output (format_version 1)")

    p = command("search", "find platforms and actions by name (typos are fine)")
    p.add_argument("text")
    p.add_argument("--json", action="store_true", help="JSON output (format_version 1)")

    p = command("qr", "print a scannable QR code of an action's link, or of a URL")
    p.add_argument("target", metavar="PLATFORM/ACTION|URL")

    p = command("walk", "go through the steps one at a time with a plain prompt")
    p.add_argument("target", metavar="PLATFORM[/ACTION]")
    p.add_argument("--surface", choices=("web", "ios", "android", "form", "email"))

    p = command("validate", "check catalog files and report problems")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="platform files or folders (default: the bundled catalog)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")

    p = command("stats", "count platforms and actions, and how well they are sourced, "
                         "dated and translated")
    p.add_argument("--json", action="store_true", help="print the counts as JSON")

    p = command("stamp", "stamp French texts with the English they translate, so later "
                         "changes show as stale")
    p.add_argument("paths", nargs="+", metavar="PATH", help="platform files or folders")

    command("schema", "print the JSON Schema of a platform file")

    p = command("profiles", "list, rename or delete progress profiles (one per person)")
    do = p.add_subparsers(dest="do", metavar="ACTION")
    do.add_parser("list", help="list the profiles (the default)", parents=[_common()])
    rename = do.add_parser("rename", help="rename a profile", parents=[_common()])
    rename.add_argument("old")
    rename.add_argument("new")
    delete = do.add_parser("delete", help="delete a profile and erase its progress",
                           parents=[_common()])
    delete.add_argument("name")

    p = command("export", "export a profile's progress: JSON (importable), Markdown, or a "
                          "printable HTML handout with QR codes")
    p.add_argument("--format", choices=("json", "md", "html"), default="json")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")

    p = command("import", "merge an exported JSON file into a profile (nothing is lost)")
    p.add_argument("file", metavar="FILE")

    from optout_tui.commands import catalog_cmd

    catalog_cmd.register(command("catalog", "the catalog in use, signed updates (the only "
                                            "commands that go online), and maintainers' tools"),
                         _common)
    return parser


def run_app(args: argparse.Namespace) -> int:
    from optout_tui.commands.common import load_with_info
    from optout_tui.paths import data_dir

    catalog, info = load_with_info(args)
    from optout_tui.tui.app import OptOutApp

    app = OptOutApp(catalog, data_dir(args.data_dir), profile=args.profile,
                    recheck_days=args.recheck_days, lang=args.lang, catalog_info=info)
    app.run()
    if app.store.pending or app.store.pending_done:
        print(f"optout: {len(app.store.pending)} change(s) could not be saved: "
              f"{app.store.last_error}", file=sys.stderr)
        return 1
    return 0


def _handler(name: str | None):
    if name is None:
        return run_app
    module, function = {
        "list": ("browse", "cmd_list"), "show": ("browse", "cmd_show"),
        "search": ("browse", "cmd_search"), "qr": ("qr_cmd", "cmd_qr"),
        "walk": ("walk", "cmd_walk"), "validate": ("maintain", "cmd_validate"),
        "stats": ("maintain", "cmd_stats"), "stamp": ("maintain", "cmd_stamp"),
        "schema": ("maintain", "cmd_schema"), "profiles": ("profiles", "cmd_profiles"),
        "export": ("profiles", "cmd_export"), "import": ("profiles", "cmd_import"),
        "catalog": ("catalog_cmd", "cmd_catalog"),
    }[name]
    from importlib import import_module

    return getattr(import_module(f"optout_tui.commands.{module}"), function)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from optout_tui.commands.common import CommandError

    try:
        return _handler(args.command)(args)
    except CommandError as error:
        prefix = "optout: the app did not start: " if args.command is None else "optout: "
        print(prefix + str(error), file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:  # `optout list | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
