"""`optout catalog …`: signed catalog updates for users, bundles and link checks for maintainers.

Only `update` (and `verify` of an https:// address) and `check-links` open a connection, and
only when run. Each action is one parser in `register` and one function in `ACTIONS`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

from optout_tui.commands.common import JSON_FORMAT_VERSION, CommandError
from optout_tui.paths import bundled_catalog_dir, catalog_updates_dir, data_dir

DEFAULT_URL: str | None = None
"""Where `optout catalog update` looks without --url: set it once the project publishes
signed bundles (see CONTRIBUTING.md, "Cut and sign a catalog release")."""
STALE_AFTER_DAYS = 90

EXAMPLES = """\
examples:
  optout catalog status                     which catalog is in use, and how old it is
  optout catalog update --url https://example.org/optout-catalog.tar.gz
  optout catalog update --url /media/usb/optout-catalog.tar.gz   (offline: a bundle you carry)
  optout catalog rollback                   back to the catalog before the last update
  optout catalog check-links --json         maintainers: is every link and source still there?
  optout catalog keygen --out ~/keys/optout-catalog
  optout catalog bundle catalog/ --key ~/keys/optout-catalog.key -o optout-catalog.tar.gz
"""


def register(parser: argparse.ArgumentParser,
             common: Callable[[], argparse.ArgumentParser]) -> None:
    """Add the catalog actions to the `catalog` command's parser."""
    parser.epilog = EXAMPLES
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    sub = parser.add_subparsers(dest="catalog_action", metavar="ACTION")

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common()])

    p = action("status", "which catalog is in use: bundled or updated, its version, date and "
                         "origin (the default)")
    p.add_argument("--json", action="store_true", help="JSON output (format_version 1)")

    p = action("update", "download a signed catalog bundle, check it and install it (the "
                         "previous catalog is kept)")
    p.add_argument("--url", metavar="URL|FILE",
                   help="an https:// address, or the path of a bundle file (offline); its "
                        "signature is URL.sig")
    p.add_argument("--public-key", metavar="FILE",
                   help="trust this public key instead of the one shipped with optout")

    action("rollback", "go back to the catalog in use before the last update")

    p = action("verify", "check a bundle's signature and contents without installing it")
    p.add_argument("source", metavar="URL|FILE")
    p.add_argument("--public-key", metavar="FILE",
                   help="trust this public key instead of the one shipped with optout")

    p = action("keygen", "maintainers: write a new signing key pair (KEYBASE.key, KEYBASE.pub)")
    p.add_argument("--out", required=True, metavar="KEYBASE",
                   help="path and name of the two files, without extension")

    p = action("bundle", "maintainers: write a signed bundle of a catalog folder (OUT and "
                         "OUT.sig)")
    p.add_argument("folder", metavar="CATALOG_DIR",
                   help="a catalog folder (its catalog.toml gives the version and date)")
    p.add_argument("--key", required=True, metavar="SECRET_KEY_FILE")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the bundle to write "
                   "(.tar.gz)")
    p.add_argument("--version", dest="bundle_version", metavar="VERSION",
                   help="the catalog version (default: from catalog.toml)")

    p = action("check-links", "maintainers: fetch every deep link and source URL and report "
                              "what is gone, moved or unreachable")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="platform files or folders (default: the bundled catalog)")
    p.add_argument("--json", action="store_true", help="JSON output (format_version 1)")
    p.add_argument("--all", action="store_true", help="list the links that are fine too")
    p.add_argument("--concurrency", type=int, default=8, metavar="N",
                   help="requests in flight at once (default 8; one at a time per host)")
    p.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                   help="pause between two requests to the same host (default 1)")
    p.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS",
                   help="give up on a request after this long (default 15)")
    p.add_argument("--retries", type=int, default=2, metavar="N",
                   help="tries again after a timeout, HTTP 429 or 5xx (default 2)")
    p.add_argument("--fail-on", default="gone", metavar="LIST",
                   help="exit 1 when a link is one of these, comma-separated: gone, "
                        "unreachable, redirected, suspicious (default: gone)")


def cmd_catalog(args: argparse.Namespace) -> int:
    return ACTIONS[args.catalog_action or "status"](args)


# -- where things are ----------------------------------------------------------------------
def _updates_root(args: argparse.Namespace) -> Path:
    return catalog_updates_dir(data_dir(args.data_dir))


def _keys(args: argparse.Namespace):
    from optout_tui.updates.signing import KeyFileError, load_public_key, trusted_keys

    try:
        if args.public_key:
            return [load_public_key(Path(args.public_key).expanduser())]
        keys = trusted_keys()
    except KeyFileError as error:
        raise CommandError(str(error)) from None
    if not keys:
        raise CommandError("this optout has no public key to check bundles with; give one "
                           "with --public-key FILE")
    return keys


def _describe(info, today: dt.date) -> str:
    when = f" of {info.date.isoformat()}" if info.date else " (no date)"
    age = info.age_days(today)
    old = f", {age} day(s) old" if age is not None else ""
    return f"catalog {info.version}{when}{old}"


# -- users ---------------------------------------------------------------------------------
def cmd_status(args: argparse.Namespace) -> int:
    from optout_tui.updates.installed import StateError, in_use, read_state
    from optout_tui.updates.manifest import bundled_info

    root = _updates_root(args)
    bundled = bundled_info(bundled_catalog_dir())
    using = in_use(bundled_catalog_dir(), root)
    problem = None
    try:
        state = read_state(root)
    except StateError as error:
        state, problem = None, str(error)
    current = state.current if state else None
    previous = state.previous if state else None
    today = dt.date.today()
    if getattr(args, "json", False):
        print(json.dumps({
            "format_version": JSON_FORMAT_VERSION, "in_use": using.as_dict(),
            "age_days": using.age_days(today), "bundled": bundled.as_dict(),
            "installed": current.as_dict() if current else None,
            "previous": previous.as_dict() if previous else None,
            "updates_folder": str(root), "problem": problem}, indent=2))
        return 0
    kind = "an installed update" if using.source == "update" else "bundled with optout"
    print(f"In use: {_describe(using, today)}, {kind}")
    print(f"  folder: {using.folder}")
    if using.source == "update":
        print(f"  from: {using.origin}, installed {using.installed}")
    if using.source != "update":
        print(f"Bundled with optout: the same catalog" if current is None else
              f"Installed update: {_describe(current, today)} (not used: the bundled catalog "
              "is as new or newer)")
    else:
        print(f"Bundled with optout: {_describe(bundled, today)}")
    if current is not None:
        back = _describe(previous, today) if previous else "the bundled catalog"
        print(f"`optout catalog rollback` goes back to: {back}")
    print(f"Updates are installed in: {root}")
    if problem:
        print(f"optout: {problem}; the bundled catalog is used", file=sys.stderr)
    age = using.age_days(today)
    if age is not None and age > STALE_AFTER_DAYS:
        print(f"This catalog is more than {STALE_AFTER_DAYS} days old: `optout catalog "
              "update` fetches a newer one.")
    return 0


def _fail(error: Exception) -> CommandError:
    return CommandError(f"catalog update refused: {error}. Nothing was changed.")


def cmd_update(args: argparse.Namespace) -> int:
    from optout_tui.updates import Refused
    from optout_tui.updates.download import FetchError
    from optout_tui.updates.update import update

    source = args.url or DEFAULT_URL
    if not source:
        raise CommandError("no update address is built into this optout: give one with --url "
                           "(an https:// address, or the path of a bundle file)", 2)
    keys = _keys(args)
    root = _updates_root(args)
    try:
        info = update(source, root=root, bundled=bundled_catalog_dir(), keys=keys,
                      progress=sys.stderr.isatty())
    except Refused as error:
        raise _fail(error) from None
    except FetchError as error:
        raise CommandError(f"catalog update failed: {error}. Nothing was changed.") from None
    except OSError as error:
        raise CommandError(f"catalog update failed: cannot write in {root}: {error}. "
                           "Nothing was changed.") from None
    when = f" of {info.date.isoformat()}" if info.date else ""
    print(f"Installed catalog {info.version}{when} from {info.origin}.")
    print("The catalog before it is kept: `optout catalog rollback` goes back to it.")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from optout_tui.updates.installed import StateError, rollback

    try:
        left, now = rollback(_updates_root(args))
    except StateError as error:
        raise CommandError(f"nothing to roll back: {error}") from None
    except OSError as error:
        raise CommandError(f"the rollback failed: {error}") from None
    target = f"catalog {now.version}" if now else "the bundled catalog"
    print(f"Rolled back from catalog {left.version} to {target}.")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    import tempfile

    from optout_tui.updates import Refused
    from optout_tui.updates.bundle import unpack
    from optout_tui.updates.download import MAX_BUNDLE_BYTES, FetchError, Missing, fetch
    from optout_tui.updates.signing import MAX_SIGNATURE_BYTES, parse_signature, verify
    from optout_tui.updates.update import validate_staged

    keys = _keys(args)
    try:
        try:
            signature = parse_signature(fetch(args.source + ".sig", MAX_SIGNATURE_BYTES))
        except Missing:
            raise Refused(f"there is no signature at {args.source}.sig") from None
        data = fetch(args.source, MAX_BUNDLE_BYTES, progress=sys.stderr.isatty())
        key = verify(data, signature, keys)
        with tempfile.TemporaryDirectory() as folder:
            info = unpack(data, Path(folder))
            validate_staged(Path(folder))
    except (Refused, FetchError) as error:
        raise CommandError(f"the bundle is not valid: {error}") from None
    print(f"Valid: catalog {info.version} of {info.date.isoformat()}, {len(info.files)} "
          f"platform file(s), signed with key {key.key_id}.")
    return 0


# -- maintainers ---------------------------------------------------------------------------
def cmd_keygen(args: argparse.Namespace) -> int:
    from optout_tui.updates.signing import KeyFileError, generate_keypair

    try:
        secret, public, key_id = generate_keypair(Path(args.out).expanduser())
    except KeyFileError as error:
        raise CommandError(str(error)) from None
    print(f"Key {key_id}:\n  secret key: {secret}  (keep it offline; never commit it)\n"
          f"  public key: {public}  (ship it in optout_tui/updates/keys/)")
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from optout_tui.catalog.validate import validate
    from optout_tui.updates.bundle import make_bundle
    from optout_tui.updates.manifest import ManifestError
    from optout_tui.updates.signing import KeyFileError, load_secret_key, sign

    folder = Path(args.folder)
    if not folder.is_dir():
        raise CommandError(f"no such catalog folder: {folder}", 2)
    try:
        secret = load_secret_key(Path(args.key).expanduser())
    except KeyFileError as error:
        raise CommandError(str(error)) from None
    report = validate([folder])
    if report.errors:
        shown = "\n".join(str(p) for p in report.findings if p.severity == "error")
        raise CommandError(f"not bundled: the catalog has errors:\n{shown}")
    try:
        data, info = make_bundle(folder, version=args.bundle_version)
    except ManifestError as error:
        raise CommandError(f"not bundled: {error}") from None
    out = Path(args.output)
    signature = sign(data, secret)
    try:
        out.write_bytes(data)
        Path(f"{out}.sig").write_text(signature, encoding="ascii")
    except OSError as error:
        raise CommandError(f"cannot write the bundle: {error}") from None
    print(f"Wrote {out} ({len(data):,} bytes: catalog {info.version} of "
          f"{info.date.isoformat()}, {len(info.files)} platform file(s)) and {out}.sig.")
    return 0


def cmd_check_links(args: argparse.Namespace) -> int:
    from optout_tui.catalog.loader import check_platform
    from optout_tui.catalog.validate import expand
    from optout_tui.updates.links import Checker, Settings, as_json, collect

    fail_on = {w.strip() for w in args.fail_on.split(",") if w.strip()}
    unknown = fail_on - {"gone", "unreachable", "redirected", "suspicious"}
    if unknown:
        raise CommandError(f"--fail-on: unknown {', '.join(sorted(unknown))} (choose from "
                           "gone, unreachable, redirected, suspicious)", 2)
    paths = [Path(p) for p in args.paths] or [bundled_catalog_dir()]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise CommandError(f"no such file or folder: {missing[0]}", 2)
    platforms, broken = [], []
    for path in expand(paths):
        platform, findings = check_platform(path)
        if platform is None:
            broken.append(path)
        else:
            platforms.append(platform)
    for path in broken:
        print(f"{path}: not checked: the file has errors (see optout validate)",
              file=sys.stderr)
    uses = collect(platforms)
    settings = Settings(concurrency=args.concurrency, host_delay=args.delay,
                        timeout=args.timeout, retries=args.retries)
    results = Checker(settings).run(u.url for u in uses)
    report = as_json(uses, results)
    if args.json:
        print(json.dumps({"format_version": JSON_FORMAT_VERSION, **report}, indent=2,
                         ensure_ascii=False))
    else:
        _print_links(report, args.all)
    failed = bool(broken) or any(
        (r["status"] in fail_on) or ("suspicious" in fail_on and r["suspicious"])
        for r in report["results"])
    return 1 if failed else 0


def _print_links(report: dict, show_all: bool) -> None:
    from optout_tui.text import clean

    for r in report["results"]:
        if r["status"] == "ok" and not show_all:
            continue
        flag = f"  [suspicious: {r['suspicious']}]" if r["suspicious"] else ""
        detail = f"  ({r['detail']})" if r["detail"] else ""
        print(clean(f"{r['status']:<11} {r['file']}: {r['platform']}/{r['action']} "
                    f"{r['field']}: {r['url']}{detail}{flag}"))
    c = report["counts"]
    print(f"{report['links']} link(s) checked ({report['urls']} distinct URL(s)): {c['ok']} ok, "
          f"{c['redirected']} redirected ({report['suspicious']} suspicious), {c['gone']} gone, "
          f"{c['unreachable']} unreachable.")


ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "status": cmd_status, "update": cmd_update, "rollback": cmd_rollback,
    "verify": cmd_verify, "keygen": cmd_keygen, "bundle": cmd_bundle,
    "check-links": cmd_check_links,
}
