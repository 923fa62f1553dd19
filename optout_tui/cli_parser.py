"""The `optout` command line's parser (argparse), imported only when the command line is not
the app's own launch (see cli.launch_args): argparse and the parser cost a launch more than a
millisecond, for options a person starting the app rarely gives.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from optout_tui import __version__
from optout_tui.cli import default_lang
from optout_tui.i18n import LANGUAGES, N_, translator
from optout_tui.paths import DATA_DIR_ENV

EXAMPLES = N_("""\
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
""")
# progress.status.ActionState's values (a test keeps them equal; importing it here would
# slow every command down)
STATUSES = (
    "not-started",
    "in-progress",
    "done",
    "done-as-far-as-possible",
    "not-possible",
    "needs-recheck",
    "information",
)
# The catalog's words, spelled out here so that `optout --help` imports no catalog module.
KINDS = (
    "ai-training",
    "third-party-sharing",
    "personalisation",
    "biometrics",
    "advertising",
    "history-deletion",
    "no-opt-out",
    "other",
)
SURFACES = ("web", "ios", "android", "form", "email")


def _add_common(parser: argparse.ArgumentParser, lang: str) -> argparse.ArgumentParser:
    """Add the options every command takes, before or after its name. Each parser gets its
    own: an option not given sets nothing (so it never undoes one given before the command
    name), and the defaults set on the main parser do not leak into the commands."""
    _ = translator(lang).gettext
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=_("where progress is saved (also ${env}; default: the user data folder)").format(
            env=DATA_DIR_ENV
        ),
    )
    parser.add_argument(
        "--catalog",
        metavar="DIR",
        action="append",
        default=argparse.SUPPRESS,
        help=_(
            "a folder of platform files added on top of the bundled catalog "
            "(repeatable; the same id replaces the bundled platform)"
        ),
    )
    parser.add_argument(
        "--profile",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help=_("whose progress (default: the person last worked for, else default)"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("language of the catalog text (default: from the locale)"),
    )
    return parser


def _common(lang: str) -> argparse.ArgumentParser:
    """A parser of the common options alone, to be given as `parents=` (a fresh one each
    time: argparse shares a parent's options with every parser made from it)."""
    return _add_common(argparse.ArgumentParser(add_help=False), lang)


class _Commands(argparse._SubParsersAction):
    """Commands whose options are added only when the command is chosen: adding every
    command's options costs more than `optout list` itself, and the app needs none of them.
    The list of commands, with their help, is there from the start (for `optout --help` and
    for a mistyped name)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.builders: dict[str, Callable[[argparse.ArgumentParser], object]] = {}

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        build = self.builders.pop(values[0], None) if values else None
        if build is not None:
            build(self._name_parser_map[values[0]])
        super().__call__(parser, namespace, values, option_string)

    def build_all(self) -> None:
        """Add every command's options now (for a tool that walks the whole parser)."""
        for name in list(self.builders):
            self.builders.pop(name)(self._name_parser_map[name])


# argparse's own phrases that a person of this program can meet, so that they are extracted
# and translated with ours (Python ships no translations for argparse).
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def _argparse_words(lang: str) -> None:
    """argparse's phrases from our catalog, in `lang`. (Its own lookup also searches the disk
    for catalogue files for every phrase: about a tenth of `optout list`'s run.)"""
    words = translator(lang)
    argparse._ = words.gettext  # type: ignore[attr-defined]
    argparse.ngettext = words.ngettext  # type: ignore[attr-defined]


def lang_asked(argv: Sequence[str]) -> str:
    """The language of `--lang xx` or `--lang=xx` in `argv`, else the locale's: the help and
    the messages of the command line are in it."""
    for index, arg in enumerate(argv):
        value = (
            argv[index + 1]
            if arg == "--lang" and index + 1 < len(argv)
            else arg.removeprefix("--lang=")
            if arg.startswith("--lang=")
            else None
        )
        if value in LANGUAGES:
            return value
    return default_lang()


def build_parser(lang: str = "en", *, every_command: bool = False) -> argparse.ArgumentParser:
    """The command line's parser. A command's own options are added when it is chosen
    (`every_command` adds them all at once)."""
    _argparse_words(lang)
    _ = translator(lang).gettext
    parser = argparse.ArgumentParser(
        prog="optout",
        description=_("A terminal guide through opting out of AI training and data sharing."),
        epilog=_(EXAMPLES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(parser, lang)
    parser.set_defaults(data_dir=None, catalog=[], profile=None, lang=default_lang(), command=None)
    parser.add_argument("--version", action="version", version=f"optout {__version__}")
    parser.add_argument(
        "--recheck-days",
        type=int,
        default=90,
        metavar="N",
        help=_("flag a finished action for re-checking after N days (default 90)"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", action=_Commands)

    def command(name: str, help_text: str):
        """Declare a command; the function it decorates adds the command's options."""

        def declare(build: Callable[[argparse.ArgumentParser], object]):
            sub.add_parser(name, help=help_text, description=help_text, add_help=False)

            def build_with_common(p: argparse.ArgumentParser) -> None:
                p.add_argument(
                    "-h", "--help", action="help", help=_("show this help message and exit")
                )
                _add_common(p, lang)
                build(p)

            sub.builders[name] = build_with_common
            return build

        return declare

    json_help = _("JSON output (format_version 1)")

    @command("list", _("list platforms and their actions"))
    def _list(p: argparse.ArgumentParser) -> None:
        p.add_argument("--category", help=_("only platforms of this category (social, work, …)"))
        p.add_argument("--kind", choices=KINDS, help=_("only actions of this kind"))
        p.add_argument(
            "--region", metavar="CODE", help=_("only actions that apply there (FR, GB, US, EU, …)")
        )
        p.add_argument(
            "--status", choices=STATUSES, help=_("only actions in this state for --profile")
        )
        p.add_argument("--json", action="store_true", help=json_help)

    @command("show", _("show an action's steps as a numbered checklist"))
    def _show(p: argparse.ArgumentParser) -> None:
        p.add_argument("target", metavar="PLATFORM[/ACTION]")
        p.add_argument("--surface", choices=SURFACES)
        p.add_argument("--json", action="store_true", help=json_help)

    @command("search", _("find platforms and actions by name (typos are fine)"))
    def _search(p: argparse.ArgumentParser) -> None:
        p.add_argument("text")
        p.add_argument("--json", action="store_true", help=json_help)

    @command("qr", _("print a scannable QR code of an action's link, or of a URL"))
    def _qr(p: argparse.ArgumentParser) -> None:
        p.add_argument("target", metavar="PLATFORM/ACTION|URL")
        p.add_argument(
            "--invert",
            action="store_true",
            help=_("flip dark and light (the code is drawn dark on light by default)"),
        )

    @command("walk", _("go through the steps one at a time with a plain prompt"))
    def _walk(p: argparse.ArgumentParser) -> None:
        p.add_argument("target", metavar="PLATFORM[/ACTION]")
        p.add_argument("--surface", choices=SURFACES)

    @command("validate", _("check catalog files and report problems"))
    def _validate(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help=_("platform files or folders (default: the bundled catalog)"),
        )
        p.add_argument("--strict", action="store_true", help=_("treat warnings as errors"))
        p.add_argument("--json", action="store_true", help=_("print the findings as JSON"))

    @command(
        "stats",
        _("count platforms and actions, and how well they are sourced, dated and translated"),
    )
    def _stats(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help=_("print the counts as JSON"))

    @command(
        "stamp",
        _("stamp French texts with the English they translate, so later changes show as stale"),
    )
    def _stamp(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH", help=_("platform files or folders"))

    @command("schema", _("print the JSON Schema of a platform file"))
    def _schema(p: argparse.ArgumentParser) -> None:
        pass

    @command("profiles", _("list, rename or delete progress profiles (one per person)"))
    def _profiles(p: argparse.ArgumentParser) -> None:
        do = p.add_subparsers(dest="do", metavar="ACTION")
        do.add_parser("list", help=_("list the profiles (the default)"), parents=[_common(lang)])
        rename = do.add_parser("rename", help=_("rename a profile"), parents=[_common(lang)])
        rename.add_argument("old")
        rename.add_argument("new")
        delete = do.add_parser(
            "delete", help=_("delete a profile and erase its progress"), parents=[_common(lang)]
        )
        delete.add_argument("name")
        delete.add_argument(
            "--yes",
            action="store_true",
            help=_("do not ask first (a terminal is asked; a script is not)"),
        )

    @command(
        "export",
        _(
            "export a profile's progress: JSON (importable), Markdown, or a "
            "printable HTML handout with QR codes"
        ),
    )
    def _export(p: argparse.ArgumentParser) -> None:
        p.add_argument("--format", choices=("json", "md", "html"), default="json")
        p.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (default: stdout)"))

    @command("import", _("merge an exported JSON file into a profile (nothing is lost)"))
    def _import(p: argparse.ArgumentParser) -> None:
        p.add_argument("file", metavar="FILE")

    @command(
        "catalog",
        _(
            "the catalog in use, signed updates (the only "
            "commands that go online), and maintainers' "
            "tools"
        ),
    )
    def _catalog(p: argparse.ArgumentParser) -> None:
        from optout_tui.commands import catalog_cmd

        catalog_cmd.register(p, lambda: _common(lang), lang)

    if every_command:
        sub.build_all()
    return parser
