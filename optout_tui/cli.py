"""The `optout` command line: starts the app, or browses and checks the catalog without it.

Textual is imported only inside `run_app`, so the plain commands stay fast; argparse only when
the command line is more than the app's own launch options (launch_args).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from optout_tui.i18n import LANGUAGES, translator

if TYPE_CHECKING:
    import argparse

    from optout_tui.progress.store import ProgressStore


def default_lang() -> str:
    """The locale's language when there are words for it, else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            code = value.lower()[:2]
            return code if code in LANGUAGES else "en"
    return "en"


# The options of the app's own launch, by the name build_parser gives their values.
_LAUNCH_OPTIONS = {
    "--data-dir": "data_dir",
    "--catalog": "catalog",
    "--profile": "profile",
    "--lang": "lang",
    "--recheck-days": "recheck_days",
}


def launch_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """What build_parser reads from `argv` when it holds the app's launch options alone, each
    option in full (`--data-dir DIR` or `--data-dir=DIR`; `--catalog` again adds a folder, any
    other again replaces): a person's `optout` starts without importing argparse and building
    the parser. None for anything else (a command, help, an abbreviated option, a value that
    starts with a dash, a language or a number the parser would refuse): argparse reads those,
    and says what is wrong."""
    args = SimpleNamespace(
        data_dir=None, catalog=[], profile=None, lang=default_lang(), command=None, recheck_days=90
    )
    index = 0
    while index < len(argv):
        option, equals, value = argv[index].partition("=")
        name = _LAUNCH_OPTIONS.get(option)
        if name is None:
            return None
        if not equals:
            index += 1
            if index == len(argv) or argv[index].startswith("-"):
                return None
            value = argv[index]
        if name == "lang" and value not in LANGUAGES:
            return None
        if name == "recheck_days":
            try:
                args.recheck_days = int(value)
            except ValueError:
                return None
        elif name == "catalog":
            args.catalog.append(value)
        else:
            setattr(args, name, value)
        index += 1
    return args


def run_app(args: argparse.Namespace) -> int:
    from optout_tui.heap import pause_for_start, resume

    pause_for_start()  # until the app's first frame (or its end, whatever comes first)
    try:
        return _run_app(args)
    finally:
        resume()


def _run_app(args: argparse.Namespace) -> int:
    from optout_tui.commands.common import load_for_app
    from optout_tui.paths import data_dir

    # The first frame shows the catalog the cache served at the last launch, and the app
    # checks its files just after; when they changed, it ends and starts again on them.
    as_last_served = True
    while True:
        catalog, info, confirm = load_for_app(args, as_last_served=as_last_served)
        profile, people, store = _whose(args, data_dir(args.data_dir))
        from optout_tui.tui.app import OptOutApp

        app = OptOutApp(
            catalog,
            data_dir(args.data_dir),
            profile=profile,
            recheck_days=args.recheck_days,
            lang=args.lang,
            catalog_info=info,
            ask_whose=args.profile is None and people > 1,
            store=store,
            confirm_catalog=confirm,
        )
        app.run()
        if not app.catalog_changed:
            break
        as_last_served = False
    if app.return_code:  # the app stopped on an error (Textual printed what it was)
        print(
            "optout: "
            + translator(args.lang).gettext(
                "the app stopped after an unexpected error; your ticks up to then are saved"
            ),
            file=sys.stderr,
        )
        return app.return_code
    if app.progress.pending or app.progress.pending_done:
        error = app.progress.last_error
        print(
            "optout: "
            + translator(args.lang)
            .gettext("{n} change(s) could not be saved: {error}")
            .format(n=len(app.progress.pending), error=error.text(args.lang) if error else ""),
            file=sys.stderr,
        )
        return 1
    return 0


def _whose(args: argparse.Namespace, folder) -> tuple[str, int, ProgressStore | None]:
    """The person the app starts with (--profile, which must exist, else the last one), how
    many people have progress here, and the store opened to find out, still open when it is
    that person's (the app goes on with it rather than opening the file again). A store that
    cannot be opened is the app's to report."""
    from optout_tui.commands.common import CommandError
    from optout_tui.progress.people import UnknownPerson, choose
    from optout_tui.progress.store import DEFAULT_PROFILE, ProgressStore, StoreError

    try:
        store = ProgressStore(folder)
    except StoreError:
        return args.profile or DEFAULT_PROFILE, 0, None
    try:
        profile, people = choose(store, args.profile, folder), len(store.profiles())
    except UnknownPerson as error:
        store.close()
        raise CommandError.wrap(error) from None
    except BaseException:
        store.close()
        raise
    if profile != store.profile:
        store.close()
        return profile, people, None
    return profile, people, store


def _handler(name: str | None):
    if name is None:
        return run_app
    module, function = {
        "list": ("browse", "cmd_list"),
        "show": ("browse", "cmd_show"),
        "search": ("browse", "cmd_search"),
        "qr": ("qr_cmd", "cmd_qr"),
        "walk": ("walk", "cmd_walk"),
        "validate": ("maintain", "cmd_validate"),
        "stats": ("maintain", "cmd_stats"),
        "stamp": ("maintain", "cmd_stamp"),
        "schema": ("maintain", "cmd_schema"),
        "profiles": ("profiles", "cmd_profiles"),
        "export": ("profiles", "cmd_export"),
        "import": ("profiles", "cmd_import"),
        "catalog": ("catalog_cmd", "cmd_catalog"),
    }[name]
    from importlib import import_module

    return getattr(import_module(f"optout_tui.commands.{module}"), function)


# Commands that read the catalog, print and exit: every object they make (the parser, the
# modules, the catalog) stays alive until the exit, so the collector is paused for the whole
# run, rather than walking them again and again, and never started again when the process
# is the command's own (`argv` not given): it would walk them all once more on the way out
# (7 ms of `optout list`, 22 ms at 20,000 platforms). What is alive at the exit is frozen
# out of its reach too (gc.freeze, from atexit), for the last collection Python makes. The
# app pauses the collector until its first frame itself, and the other commands run as usual.
QUICK = frozenset({"list", "search", "show"})


def main(argv: Sequence[str] | None = None) -> int:
    own_process = argv is None  # the `optout` command itself, not a caller's function call
    argv = sys.argv[1:] if own_process else list(argv)
    from optout_tui.heap import collector_paused

    with collector_paused():  # the parser and the modules imported stay alive too
        args: Any = launch_args(argv)
        if args is None:
            from optout_tui.cli_parser import build_parser, lang_asked

            args = build_parser(lang_asked(argv)).parse_args(argv)
    if args.command not in QUICK:
        return _run(args)
    import atexit
    import gc

    atexit.unregister(gc.freeze)  # registered once however often main runs
    atexit.register(gc.freeze)
    with collector_paused(to_the_end=own_process):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run the command `args` name, turning its errors into a message and an exit status."""
    from optout_tui.commands.common import CommandError

    try:
        return _handler(args.command)(args)
    except CommandError as error:
        _ = translator(args.lang).gettext
        prefix = _("the app did not start: ") if args.command is None else ""
        print("optout: " + prefix + error.text(args.lang), file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:  # `optout list | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
