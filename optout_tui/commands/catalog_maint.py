"""`optout catalog verify / keygen / bundle / check-links`: tools for the people who keep the
catalog (their reports are in English, like the validator's); the parsers are in catalog_cmd.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from optout_tui.commands.catalog_cmd import keys
from optout_tui.commands.common import JSON_FORMAT_VERSION, CommandError
from optout_tui.paths import bundled_catalog_dir

FAIL_ON = ("gone", "unreachable", "redirected", "suspicious")


def cmd_verify(args: argparse.Namespace) -> int:
    import tempfile

    from optout_tui.updates import Refused
    from optout_tui.updates.bundle import unpack
    from optout_tui.updates.download import MAX_BUNDLE_BYTES, FetchError, Missing, fetch
    from optout_tui.updates.signing import MAX_SIGNATURE_BYTES, parse_signature, verify
    from optout_tui.updates.update import validate_staged

    trusted = keys(args)
    try:
        try:
            signature = parse_signature(fetch(args.source + ".sig", MAX_SIGNATURE_BYTES))
        except Missing:
            raise Refused(
                "there is no signature at {source}.sig: an unsigned bundle is never installed",
                source=args.source,
            ) from None
        data = fetch(args.source, MAX_BUNDLE_BYTES, progress=sys.stderr.isatty())
        key = verify(data, signature, trusted)
        with tempfile.TemporaryDirectory() as folder:
            info = unpack(data, Path(folder))
            validate_staged(Path(folder))
    except (Refused, FetchError) as error:
        raise CommandError(
            "the bundle is not valid: {reason}", reason=error.text(args.lang)
        ) from None
    print(
        f"Valid: catalog {info.version} of {info.date.isoformat()}, {len(info.files)} "
        f"platform file(s), signed with key {key.key_id}."
    )
    return 0


def cmd_keygen(args: argparse.Namespace) -> int:
    from optout_tui.updates.signing import KeyFileError, generate_keypair

    try:
        secret, public, key_id = generate_keypair(Path(args.out).expanduser())
    except KeyFileError as error:
        raise CommandError.wrap(error) from None
    print(
        f"Key {key_id}:\n  secret key: {secret}  (keep it offline; never commit it)\n"
        f"  public key: {public}  (ship it in optout_tui/updates/keys/)"
    )
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from optout_tui.catalog.validate import validate
    from optout_tui.updates.bundle import make_bundle
    from optout_tui.updates.manifest import ManifestError
    from optout_tui.updates.signing import KeyFileError, load_secret_key, sign

    folder = Path(args.folder)
    if not folder.is_dir():
        raise CommandError("no such catalog folder: {folder}", folder=folder, code=2)
    try:
        secret = load_secret_key(Path(args.key).expanduser())
    except KeyFileError as error:
        raise CommandError.wrap(error) from None
    report = validate([folder])
    if report.errors:
        shown = "\n".join(str(p) for p in report.findings if p.severity == "error")
        raise CommandError("not bundled: the catalog has errors:\n{problems}", problems=shown)
    try:
        data, info = make_bundle(folder, version=args.bundle_version)
    except ManifestError as error:
        raise CommandError("not bundled: {reason}", reason=error.text(args.lang)) from None
    out = Path(args.output)
    signature = sign(data, secret)
    try:
        out.write_bytes(data)
        Path(f"{out}.sig").write_text(signature, encoding="ascii")
    except OSError as error:
        raise CommandError("cannot write the bundle: {error}", error=error) from None
    print(
        f"Wrote {out} ({len(data):,} bytes: catalog {info.version} of "
        f"{info.date.isoformat()}, {len(info.files)} platform file(s)) and {out}.sig."
    )
    return 0


def cmd_check_links(args: argparse.Namespace) -> int:
    from optout_tui.catalog.loader import check_platform
    from optout_tui.catalog.validate import expand
    from optout_tui.updates.links import Checker, Settings, as_json, collect

    fail_on = {w.strip() for w in args.fail_on.split(",") if w.strip()}
    unknown = fail_on - set(FAIL_ON)
    if unknown:
        raise CommandError(
            "--fail-on: unknown {words} (choose from {choices})",
            words=", ".join(sorted(unknown)),
            choices=", ".join(FAIL_ON),
            code=2,
        )
    paths = [Path(p) for p in args.paths] or [bundled_catalog_dir()]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise CommandError("no such file or folder: {path}", path=missing[0], code=2)
    platforms, broken = [], []
    for path in expand(paths):
        platform, _ = check_platform(path)
        if platform is None:
            broken.append(path)
        else:
            platforms.append(platform)
    for path in broken:
        print(f"{path}: not checked: the file has errors (see optout validate)", file=sys.stderr)
    uses = collect(platforms)
    settings = Settings(
        concurrency=args.concurrency,
        host_delay=args.delay,
        timeout=args.timeout,
        retries=args.retries,
    )
    results = Checker(settings).run(u.url for u in uses)
    report = as_json(uses, results)
    if args.json:
        print(
            json.dumps(
                {"format_version": JSON_FORMAT_VERSION, **report}, indent=2, ensure_ascii=False
            )
        )
    else:
        _print_links(report, args.all)
    failed = bool(broken) or any(
        (r["status"] in fail_on) or ("suspicious" in fail_on and r["suspicious"])
        for r in report["results"]
    )
    return 1 if failed else 0


def _print_links(report: dict, show_all: bool) -> None:
    from optout_tui.text import clean

    for r in report["results"]:
        if r["status"] == "ok" and not show_all:
            continue
        flag = f"  [suspicious: {r['suspicious']}]" if r["suspicious"] else ""
        detail = f"  ({r['detail']})" if r["detail"] else ""
        print(
            clean(
                f"{r['status']:<11} {r['file']}: {r['platform']}/{r['action']} "
                f"{r['field']}: {r['url']}{detail}{flag}"
            )
        )
    c = report["counts"]
    print(
        f"{report['links']} link(s) checked ({report['urls']} distinct URL(s)): {c['ok']} ok, "
        f"{c['redirected']} redirected ({report['suspicious']} suspicious), {c['gone']} gone, "
        f"{c['unreachable']} unreachable."
    )


ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "verify": cmd_verify,
    "keygen": cmd_keygen,
    "bundle": cmd_bundle,
    "check-links": cmd_check_links,
}
