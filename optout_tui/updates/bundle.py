"""Catalog bundles: a .tar.gz of `manifest.json` and `platforms/<id>.yaml`, written and read.

Reading never trusts the archive: only those two kinds of names, only regular files (no
links, devices or folders), a cap on the number of members, on each file and on the total,
and every file must be listed in the manifest with its size and SHA-256. Files are written
by this module under the destination folder, never extracted by `tarfile` itself.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import re
import tarfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from optout_tui.i18n import N_
from optout_tui.updates import Refused
from optout_tui.updates.manifest import (
    BUNDLE_FORMAT,
    BUNDLE_MANIFEST,
    ManifestError,
    parse_date,
    read_catalog_toml,
    version_key,
)

BUNDLE_KIND = "optout-catalog"
MAX_MEMBERS = 10_000
MAX_FILE_BYTES = 2_000_000  # the loader's own limit for a platform file
MAX_MANIFEST_BYTES = 4_000_000
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
_PLATFORM = re.compile(r"^platforms/[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$")


@dataclass(frozen=True, slots=True)
class BundleInfo:
    """What a bundle's manifest says."""

    version: str
    date: dt.date
    created: str
    files: dict[str, tuple[int, str]]  # name → (size, sha256)


def _platform_files(folder: Path) -> list[Path]:
    from optout_tui.catalog.files import platform_files

    return platform_files(folder)


def make_bundle(
    folder: Path,
    *,
    version: str | None = None,
    date: dt.date | None = None,
    created: dt.datetime | None = None,
) -> tuple[bytes, BundleInfo]:
    """The bytes of a bundle of the catalog in `folder` (its `catalog.toml` gives the version
    and date unless they are given). The same files and times give the same bytes."""
    if version is None or date is None:
        toml_version, toml_date = read_catalog_toml(folder)
        version, date = version or toml_version, date or toml_date
    version_key(version)
    created = (created or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    files: dict[str, bytes] = {}
    for path in _platform_files(folder):
        name = f"platforms/{path.name}"
        if not _PLATFORM.match(name):
            raise ManifestError(
                N_(
                    "{path}: a platform file name is its id: lowercase letters, "
                    "digits and hyphens, ending in .yaml"
                ),
                path=path,
            )
        files[name] = path.read_bytes()
    if not files:
        raise ManifestError(
            N_("{folder}: no platform files (*.yaml) here or in platforms/"), folder=folder
        )
    info = BundleInfo(
        version,
        date,
        created.isoformat().replace("+00:00", "Z"),
        {n: (len(b), hashlib.sha256(b).hexdigest()) for n, b in files.items()},
    )
    manifest = json.dumps(
        {
            "format": BUNDLE_FORMAT,
            "kind": BUNDLE_KIND,
            "version": info.version,
            "date": info.date.isoformat(),
            "created": info.created,
            "files": {n: {"size": s, "sha256": h} for n, (s, h) in info.files.items()},
        },
        indent=2,
        sort_keys=True,
    ).encode("utf-8")
    out = io.BytesIO()
    with (
        gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for name, data in [(BUNDLE_MANIFEST, manifest), *sorted(files.items())]:
            member = tarfile.TarInfo(name)
            member.size = len(data)
            member.mtime = int(created.timestamp())
            member.mode = 0o644
            tar.addfile(member, io.BytesIO(data))
    return out.getvalue(), info


def _manifest(raw: bytes) -> BundleInfo:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise Refused(
            N_("the bundle's manifest.json is not valid JSON: {error}"), error=error
        ) from None
    if not isinstance(data, dict) or data.get("kind") != BUNDLE_KIND:
        raise Refused(N_("the bundle's manifest.json does not describe an optout catalog"))
    if data.get("format") != BUNDLE_FORMAT:
        raise Refused(
            N_(
                "the bundle's manifest.json has format {format!r}; this optout reads "
                "format {ours} (a newer optout may be needed)"
            ),
            format=data.get("format"),
            ours=BUNDLE_FORMAT,
        )
    version = data.get("version")
    try:
        version_key(version)
    except ManifestError:
        raise Refused(
            N_("the bundle's manifest.json: {version!r} is not a catalog version"), version=version
        ) from None
    try:
        date = parse_date(data.get("date"), BUNDLE_MANIFEST)
    except ManifestError:
        raise Refused(
            N_("the bundle's manifest.json: the date must be YYYY-MM-DD, not {value!r}"),
            value=data.get("date"),
        ) from None
    listed = data.get("files")
    if not isinstance(listed, dict) or not listed:
        raise Refused(N_("the bundle's manifest.json lists no files"))
    files: dict[str, tuple[int, str]] = {}
    for name, entry in listed.items():
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("sha256"), str)
        ):
            raise Refused(
                N_("the bundle's manifest.json: the entry of {name!r} needs a size and a sha256"),
                name=name,
            )
        files[name] = (entry["size"], entry["sha256"].lower())
    return BundleInfo(version, date, str(data.get("created", "")), files)


def _safe_members(tar: tarfile.TarFile):
    """Each member after the checks that keep a hostile archive from doing harm."""
    total = 0
    seen: set[str] = set()
    for count, member in enumerate(tar, start=1):
        if count > MAX_MEMBERS:
            raise Refused(N_("the bundle has more than {n:,} files"), n=MAX_MEMBERS)
        name = member.name
        if name != BUNDLE_MANIFEST and not _PLATFORM.match(name):
            raise Refused(
                N_(
                    "the bundle holds {name!r}: only manifest.json and "
                    "platforms/<id>.yaml are allowed"
                ),
                name=name,
            )
        if not member.isreg():
            raise Refused(
                N_(
                    "{name} in the bundle is not a regular file (links, devices and "
                    "folders are refused)"
                ),
                name=name,
            )
        if name in seen:
            raise Refused(N_("{name} is in the bundle twice"), name=name)
        seen.add(name)
        limit = MAX_MANIFEST_BYTES if name == BUNDLE_MANIFEST else MAX_FILE_BYTES
        if member.size > limit:
            raise Refused(
                N_("{name} in the bundle is {size:,} bytes; the limit is {limit:,}"),
                name=name,
                size=member.size,
                limit=limit,
            )
        total += member.size
        if total > MAX_UNPACKED_BYTES:
            raise Refused(N_("the bundle unpacks to more than {n:,} bytes"), n=MAX_UNPACKED_BYTES)
        yield member


def unpack(data: bytes, dest: Path) -> BundleInfo:
    """Check the bundle's files against its manifest and write them under `dest`."""
    written: dict[str, tuple[int, str]] = {}
    manifest_raw: bytes | None = None
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for member in _safe_members(tar):
                stream = tar.extractfile(member)
                content = stream.read(member.size) if stream else b""
                if member.name == BUNDLE_MANIFEST:
                    manifest_raw = content
                    continue
                target = dest / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
                written[member.name] = (len(content), hashlib.sha256(content).hexdigest())
    except (tarfile.TarError, EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise Refused(N_("the bundle is not a readable .tar.gz ({error})"), error=error) from None
    if manifest_raw is None:
        raise Refused(N_("the bundle has no manifest.json"))
    info = _manifest(manifest_raw)
    missing = sorted(set(info.files) - set(written))
    extra = sorted(set(written) - set(info.files))
    if missing or extra:
        raise Refused(
            N_(
                "the bundle's files do not match its manifest (missing: {missing}; "
                "not listed: {extra})"
            ),
            missing=", ".join(missing) or "-",
            extra=", ".join(extra) or "-",
        )
    for name, expected in info.files.items():
        if written[name] != expected:
            raise Refused(
                N_("{name} in the bundle does not match its size and SHA-256 in the manifest"),
                name=name,
            )
    (dest / BUNDLE_MANIFEST).write_bytes(manifest_raw)
    return info
