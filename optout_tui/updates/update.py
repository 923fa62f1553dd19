"""`optout catalog update`: fetch, verify, check and install a signed catalog bundle.

The order matters: the signature and the bytes are checked before the archive is opened, the
version before anything is validated, and nothing is installed until every file passed the
catalog validator. Any refusal leaves the installed catalogs exactly as they were.
"""

from __future__ import annotations

from pathlib import Path

from optout_tui.i18n import N_
from optout_tui.updates import Refused
from optout_tui.updates.bundle import unpack
from optout_tui.updates.download import (
    MAX_BUNDLE_BYTES,
    Missing,
    check_source,
    fetch,
    is_url,
)
from optout_tui.updates.installed import in_use, install, staging
from optout_tui.updates.manifest import CatalogInfo, version_key
from optout_tui.updates.signing import (
    MAX_SIGNATURE_BYTES,
    PublicKey,
    parse_signature,
    verify,
)

SHOWN_PROBLEMS = 5


def validate_staged(staged: Path) -> None:
    from optout_tui.catalog.validate import validate

    report = validate([staged / "platforms"])
    errors = [p for p in report.findings if p.severity == "error"]
    if errors:
        shown = "\n".join(
            "  " + str(p).replace(str(staged) + "/", "") for p in errors[:SHOWN_PROBLEMS]
        )
        more = len(errors) - SHOWN_PROBLEMS
        tail = f"\n  … (+{more})" if more > 0 else ""
        raise Refused(
            N_("the bundle's catalog does not pass the validator ({n} error(s)):\n{problems}"),
            n=len(errors),
            problems=shown + tail,
        )


def update(
    source: str, *, root: Path, bundled: Path, keys: list[PublicKey], progress: bool = False
) -> CatalogInfo:
    """Install the bundle at `source` (https:// or a file) and return the new catalog's info.
    Raises Refused or download.FetchError; nothing changes then."""
    check_source(source)
    if not is_url(source) and not Path(source).expanduser().exists():
        raise Missing(N_("{path}: no such file"), path=source)
    try:
        signature_raw = fetch(source + ".sig", MAX_SIGNATURE_BYTES)
    except Missing:
        raise Refused(
            N_("there is no signature at {source}.sig: an unsigned bundle is never installed"),
            source=source,
        ) from None
    signature = parse_signature(signature_raw)
    data = fetch(source, MAX_BUNDLE_BYTES, progress=progress)
    verify(data, signature, keys)
    with staging(root) as staged:
        info = unpack(data, staged)
        known = in_use(bundled, root)
        if version_key(info.version) <= version_key(known.version):
            if known.source == "update":
                raise Refused(
                    N_(
                        "the bundle holds catalog {version}, which is not newer than "
                        "the installed update ({known}): an older or repeated bundle "
                        "is never installed"
                    ),
                    version=info.version,
                    known=known.version,
                )
            raise Refused(
                N_(
                    "the bundle holds catalog {version}, which is not newer than the "
                    "bundled catalog ({known}): an older or repeated bundle is never "
                    "installed"
                ),
                version=info.version,
                known=known.version,
            )
        validate_staged(staged)
        name = f"{info.version}-{signature.sha256[:12]}"
        origin = source if "://" in source else str(Path(source).expanduser().resolve())
        state = install(root, staged, name, info.version, info.date, origin)
    assert state.current is not None
    return state.current
