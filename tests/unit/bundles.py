"""Helpers for the catalog update tests: small catalogs, keys, signed bundles, archives."""

from __future__ import annotations

import datetime as dt
import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path

from optout_tui.updates.bundle import make_bundle
from optout_tui.updates.signing import generate_keypair, load_secret_key, sign
from tests.conftest import EXAMPLE_CATALOG

EXAMPLE = EXAMPLE_CATALOG / "platforms" / "example.yaml"
CREATED = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


def platform_text(platform_id: str, name: str) -> str:
    """The example platform under another id and name."""
    text = EXAMPLE.read_text(encoding="utf-8")
    return text.replace("\nid: example\n", f"\nid: {platform_id}\n", 1).replace(
        "name: Example [formerly Sample]", f"name: {name}", 1
    )


def catalog_folder(
    root: Path,
    version: str,
    *,
    date: str = "2026-11-01",
    extra: str | None = None,
    broken: bool = False,
) -> Path:
    """A catalog folder: the example platform, perhaps one more (`extra` is its id) or a
    broken one, and a catalog.toml with this version and date."""
    folder = root / f"catalog-{version}"
    (folder / "platforms").mkdir(parents=True)
    (folder / "platforms" / "example.yaml").write_text(
        EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8"
    )
    if extra:
        (folder / "platforms" / f"{extra}.yaml").write_text(
            platform_text(extra, f"Only in {version}"), encoding="utf-8"
        )
    if broken:
        (folder / "platforms" / "broken.yaml").write_text(
            platform_text("broken", "Broken").replace("kind: ai-training", "kind: nonsense"),
            encoding="utf-8",
        )
    (folder / "catalog.toml").write_text(
        f'version = "{version}"\ndate = {date}\n', encoding="utf-8"
    )
    return folder


@dataclass(frozen=True)
class Keys:
    secret: object
    public: Path
    other_secret: object  # a key nobody trusts
    other_public: Path


def make_keys(folder: Path) -> Keys:
    folder.mkdir(parents=True, exist_ok=True)
    secret, public, _ = generate_keypair(folder / "trusted")
    other_secret, other_public, _ = generate_keypair(folder / "other")
    return Keys(load_secret_key(secret), public, load_secret_key(other_secret), other_public)


def bundle_bytes(folder: Path) -> bytes:
    return make_bundle(folder, created=CREATED)[0]


def write_signed(data: bytes, secret, out: Path, signature: str | None = None) -> Path:
    """Write a bundle and its .sig (signed with `secret`, or the given signature text)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    Path(f"{out}.sig").write_text(signature or sign(data, secret), encoding="ascii")
    return out


def tar_gz(members: list[tarfile.TarInfo | tuple[str, bytes]]) -> bytes:
    """A .tar.gz of (name, bytes) files and ready-made TarInfo entries (links, devices…)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                tar.addfile(member)
            else:
                name, data = member
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def manifest_for(files: dict[str, bytes], version: str = "2027.1.1") -> bytes:
    import hashlib

    return json.dumps(
        {
            "format": 1,
            "kind": "optout-catalog",
            "version": version,
            "date": "2026-12-01",
            "created": "2026-12-01T00:00:00Z",
            "files": {
                n: {"size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
                for n, b in files.items()
            },
        }
    ).encode("utf-8")


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under `folder` with its bytes: "changes nothing" compares two."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }
