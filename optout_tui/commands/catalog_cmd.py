"""`optout catalog …`: which catalog is in use, and signed catalog updates (and the
maintainers' tools of catalog_maint.py).

Only `update`, `verify` of an https:// address and `check-links` open a connection, and only
when run. Each action is one parser in `register` and one function in `ACTIONS`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

from optout_tui.commands.common import JSON_FORMAT_VERSION, CommandError
from optout_tui.i18n import N_, Localised, translator
from optout_tui.paths import bundled_catalog_dir, catalog_updates_dir, data_dir

DEFAULT_URL: str | None = None
"""Where `optout catalog update` looks without --url: set it once the project publishes
signed bundles (see CONTRIBUTING.md, "Maintainers: cut and sign a catalog release")."""
STALE_AFTER_DAYS = 90

EXAMPLES = N_("""\
examples:
  optout catalog status                     which catalog is in use, and how old it is
  optout catalog update --url https://example.org/optout-catalog.tar.gz
  optout catalog update --url /media/usb/optout-catalog.tar.gz   (offline: a bundle you carry)
  optout catalog rollback                   back to the catalog before the last update
  optout catalog check-links --json         maintainers: is every link and source still there?
  optout catalog keygen --out ~/keys/optout-catalog
  optout catalog bundle catalog/ --key ~/keys/optout-catalog.key -o optout-catalog.tar.gz
""")


def register(
    parser: argparse.ArgumentParser, common: Callable[[], argparse.ArgumentParser], lang: str = "en"
) -> None:
    """Add the catalog actions to the `catalog` command's parser."""
    _ = translator(lang).gettext
    parser.epilog = _(EXAMPLES)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    sub = parser.add_subparsers(dest="catalog_action", metavar="ACTION")

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common()])

    p = action(
        "status",
        _(
            "which catalog is in use: bundled or updated, its version, date and "
            "origin (the default)"
        ),
    )
    p.add_argument("--json", action="store_true", help=_("JSON output (format_version 1)"))

    p = action(
        "update",
        _(
            "download a signed catalog bundle, check it and install it (the "
            "previous catalog is kept)"
        ),
    )
    p.add_argument(
        "--url",
        metavar="URL|FILE",
        help=_(
            "an https:// address, or the path of a bundle file (offline); its signature is URL.sig"
        ),
    )
    p.add_argument(
        "--public-key",
        metavar="FILE",
        help=_("trust this public key instead of the one shipped with optout"),
    )

    action("rollback", _("go back to the catalog in use before the last update"))

    p = action("verify", _("check a bundle's signature and contents without installing it"))
    p.add_argument("source", metavar="URL|FILE")
    p.add_argument(
        "--public-key",
        metavar="FILE",
        help=_("trust this public key instead of the one shipped with optout"),
    )

    p = action("keygen", _("maintainers: write a new signing key pair (KEYBASE.key, KEYBASE.pub)"))
    p.add_argument(
        "--out",
        required=True,
        metavar="KEYBASE",
        help=_("path and name of the two files, without extension"),
    )

    p = action(
        "bundle", _("maintainers: write a signed bundle of a catalog folder (OUT and OUT.sig)")
    )
    p.add_argument(
        "folder",
        metavar="CATALOG_DIR",
        help=_("a catalog folder (its catalog.toml gives the version and date)"),
    )
    p.add_argument("--key", required=True, metavar="SECRET_KEY_FILE")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help=_("the bundle to write (.tar.gz)")
    )
    p.add_argument(
        "--version",
        dest="bundle_version",
        metavar="VERSION",
        help=_("the catalog version (default: from catalog.toml)"),
    )

    p = action(
        "check-links",
        _(
            "maintainers: fetch every deep link and source URL and report "
            "what is gone, moved or unreachable"
        ),
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=_("platform files or folders (default: the bundled catalog)"),
    )
    p.add_argument("--json", action="store_true", help=_("JSON output (format_version 1)"))
    p.add_argument("--all", action="store_true", help=_("list the links that are fine too"))
    p.add_argument(
        "--concurrency",
        type=int,
        default=8,
        metavar="N",
        help=_("requests in flight at once (default 8; one at a time per host)"),
    )
    p.add_argument(
        "--delay",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help=_("pause between two requests to the same host (default 1)"),
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=15.0,
        metavar="SECONDS",
        help=_("give up on a request after this long (default 15)"),
    )
    p.add_argument(
        "--retries",
        type=int,
        default=2,
        metavar="N",
        help=_("tries again after a timeout, HTTP 429 or 5xx (default 2)"),
    )
    p.add_argument(
        "--fail-on",
        default="gone",
        metavar="LIST",
        help=_(
            "exit 1 when a link is one of these, comma-separated: gone, "
            "unreachable, redirected, suspicious (default: gone)"
        ),
    )

    p = action("export", _("the whole catalog as JSON, for tools that read no YAML"))
    p.add_argument(
        "--json",
        action="store_true",
        default=True,
        help=_("JSON output (the only format; the default)"),
    )


def cmd_catalog(args: argparse.Namespace) -> int:
    action = args.catalog_action or "status"
    if action in ACTIONS:
        return ACTIONS[action](args)
    from optout_tui.commands import catalog_maint

    return catalog_maint.ACTIONS[action](args)


# -- shared with catalog_maint -------------------------------------------------------------
def updates_root(args: argparse.Namespace) -> Path:
    return catalog_updates_dir(data_dir(args.data_dir))


def keys(args: argparse.Namespace):
    """The public keys to check a bundle with: --public-key, else the shipped ones."""
    from optout_tui.updates.signing import KeyFileError, load_public_key, trusted_keys

    try:
        if args.public_key:
            return [load_public_key(Path(args.public_key).expanduser())]
        found = trusted_keys()
    except KeyFileError as error:
        raise CommandError.wrap(error) from None
    if not found:
        raise CommandError(
            "this optout has no public key to check bundles with; give one with --public-key FILE"
        )
    return found


def _describe(info, today: dt.date, lang: str) -> str:
    tr = translator(lang)
    age = info.age_days(today)
    if info.date is None:
        return tr.gettext("catalog {version} (no date)").format(version=info.version)
    return tr.gettext("catalog {version} of {date}, {days} day(s) old").format(
        version=info.version, date=info.date.isoformat(), days=age
    )


# -- users ---------------------------------------------------------------------------------
def cmd_status(args: argparse.Namespace) -> int:
    from optout_tui.updates.installed import StateError, in_use, read_state
    from optout_tui.updates.manifest import bundled_info

    _ = translator(args.lang).gettext
    root = updates_root(args)
    bundled = bundled_info(bundled_catalog_dir())
    using = in_use(bundled_catalog_dir(), root)
    problem = None
    try:
        state = read_state(root)
    except StateError as error:
        state, problem = None, error
    current = state.current if state else None
    previous = state.previous if state else None
    today = dt.date.today()
    if getattr(args, "json", False):
        print(
            json.dumps(
                {
                    "format_version": JSON_FORMAT_VERSION,
                    "in_use": using.as_dict(),
                    "age_days": using.age_days(today),
                    "bundled": bundled.as_dict(),
                    "installed": current.as_dict() if current else None,
                    "previous": previous.as_dict() if previous else None,
                    "updates_folder": str(root),
                    "problem": str(problem) if problem else None,
                },
                indent=2,
            )
        )
        return 0
    kind = _("an installed update") if using.source == "update" else _("bundled with optout")
    print(
        _("In use: {catalog}, {kind}").format(catalog=_describe(using, today, args.lang), kind=kind)
    )
    print(_("  folder: {folder}").format(folder=using.folder))
    if using.source == "update":
        print(
            _("  from: {origin}, installed {when}").format(
                origin=using.origin, when=using.installed
            )
        )
        print(
            _("Bundled with optout: {catalog}").format(catalog=_describe(bundled, today, args.lang))
        )
    elif current is not None:
        print(
            _(
                "Installed update: {catalog} (not used: the bundled catalog is as new or newer)"
            ).format(catalog=_describe(current, today, args.lang))
        )
    else:
        print(_("No update installed."))
    if current is not None:
        back = _describe(previous, today, args.lang) if previous else _("the bundled catalog")
        print(_("`optout catalog rollback` goes back to: {catalog}").format(catalog=back))
    print(_("Updates are installed in: {folder}").format(folder=root))
    if problem:
        print(
            "optout: "
            + _("{problem}; the bundled catalog is used").format(problem=problem.text(args.lang)),
            file=sys.stderr,
        )
    age = using.age_days(today)
    if age is not None and age > STALE_AFTER_DAYS:
        print(
            _(
                "This catalog is more than {days} days old: `optout catalog update` fetches a "
                "newer one."
            ).format(days=STALE_AFTER_DAYS)
        )
    return 0


def refusal(error: Localised, lang: str) -> CommandError:
    return CommandError(
        "catalog update refused: {reason}. Nothing was changed.", reason=error.text(lang)
    )


def cmd_update(args: argparse.Namespace) -> int:
    from optout_tui.updates import Refused
    from optout_tui.updates.download import FetchError
    from optout_tui.updates.update import update

    source = args.url or DEFAULT_URL
    if not source:
        raise CommandError(
            "no update address is built into this optout: give one with --url "
            "(an https:// address, or the path of a bundle file)",
            code=2,
        )
    trusted = keys(args)
    root = updates_root(args)
    try:
        info = update(
            source,
            root=root,
            bundled=bundled_catalog_dir(),
            keys=trusted,
            progress=sys.stderr.isatty(),
        )
    except Refused as error:
        raise refusal(error, args.lang) from None
    except FetchError as error:
        raise CommandError(
            "catalog update failed: {reason}. Nothing was changed.", reason=error.text(args.lang)
        ) from None
    except OSError as error:
        raise CommandError(
            "catalog update failed: cannot write in {folder}: {error}. Nothing was changed.",
            folder=root,
            error=error,
        ) from None
    _ = translator(args.lang).gettext
    print(
        _("Installed catalog {version} of {date} from {origin}.").format(
            version=info.version,
            date=info.date.isoformat() if info.date else "?",
            origin=info.origin,
        )
    )
    print(_("The catalog before it is kept: `optout catalog rollback` goes back to it."))
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from optout_tui.updates.installed import StateError, rollback

    try:
        left, now = rollback(updates_root(args))
    except StateError as error:
        raise CommandError("nothing to roll back: {reason}", reason=error.text(args.lang)) from None
    except OSError as error:
        raise CommandError("the rollback failed: {error}", error=error) from None
    _ = translator(args.lang).gettext
    if now is None:
        print(
            _("Rolled back from catalog {version} to the bundled catalog.").format(
                version=left.version
            )
        )
    else:
        print(
            _("Rolled back from catalog {version} to catalog {previous}.").format(
                version=left.version, previous=now.version
            )
        )
    return 0


ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "status": cmd_status,
    "update": cmd_update,
    "rollback": cmd_rollback,
    "export": lambda args: _export(args),
}


def _export(args: argparse.Namespace) -> int:
    from optout_tui.commands.catalog_export import cmd_catalog_export

    return cmd_catalog_export(args)
