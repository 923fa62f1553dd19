"""Bundles and keys: `optout catalog keygen / bundle / verify`, and reading hostile archives."""

from __future__ import annotations

import datetime as dt
import io
import stat
import tarfile
from pathlib import Path

import pytest

from optout_tui.cli import main
from optout_tui.updates import Refused, bundle
from optout_tui.updates.bundle import make_bundle, unpack
from optout_tui.updates.manifest import ManifestError, version_key
from optout_tui.updates.signing import load_public_key, trusted_keys
from tests.unit.bundles import CREATED, EXAMPLE, catalog_folder, manifest_for, tar_gz

GOOD = EXAMPLE.read_bytes()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- keys and bundles from the command line ---------------------------------------------------
def test_keygen_bundle_verify(tmp_path, capsys):
    code, out, _ = run(capsys, "catalog", "keygen", "--out", str(tmp_path / "k"))
    assert code == 0 and "never commit it" in out
    secret, public = tmp_path / "k.key", tmp_path / "k.pub"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600  # the secret key is its owner's only
    assert b"PRIVATE KEY" in secret.read_bytes() and b"PUBLIC KEY" in public.read_bytes()
    folder = catalog_folder(tmp_path, "2026.12.5", extra="second")
    out_file = tmp_path / "dist" / "optout-catalog.tar.gz"
    out_file.parent.mkdir()
    code, out, err = run(
        capsys, "catalog", "bundle", str(folder), "--key", str(secret), "-o", str(out_file)
    )
    assert code == 0, err
    assert "catalog 2026.12.5 of 2026-11-01, 2 platform file(s)" in out
    assert Path(f"{out_file}.sig").read_text().startswith("optout-catalog-signature 1\n")
    code, out, err = run(capsys, "catalog", "verify", str(out_file), "--public-key", str(public))
    assert code == 0, err
    assert "Valid: catalog 2026.12.5" in out and load_public_key(public).key_id in out


def test_keygen_never_overwrites_a_key(tmp_path, capsys):
    (tmp_path / "k.key").write_text("precious")
    code, _, err = run(capsys, "catalog", "keygen", "--out", str(tmp_path / "k"))
    assert code == 1 and "already exists" in err
    assert (tmp_path / "k.key").read_text() == "precious"
    assert not (tmp_path / "k.pub").exists()


def test_bundle_refuses_a_catalog_with_errors(tmp_path, capsys):
    run(capsys, "catalog", "keygen", "--out", str(tmp_path / "k"))
    folder = catalog_folder(tmp_path, "2026.12.5", broken=True)
    code, _, err = run(
        capsys,
        "catalog",
        "bundle",
        str(folder),
        "--key",
        str(tmp_path / "k.key"),
        "-o",
        str(tmp_path / "b.tar.gz"),
    )
    assert code == 1 and "broken.yaml" in err and not (tmp_path / "b.tar.gz").exists()


def test_bundle_refuses_a_public_key_as_secret_key(tmp_path, capsys):
    run(capsys, "catalog", "keygen", "--out", str(tmp_path / "k"))
    code, _, err = run(
        capsys,
        "catalog",
        "bundle",
        str(catalog_folder(tmp_path, "1")),
        "--key",
        str(tmp_path / "k.pub"),
        "-o",
        str(tmp_path / "b.tar.gz"),
    )
    assert code == 1 and "not an unencrypted PEM secret key" in err


def test_verify_says_what_is_wrong(tmp_path, capsys):
    run(capsys, "catalog", "keygen", "--out", str(tmp_path / "k"))
    code, _, err = run(
        capsys,
        "catalog",
        "verify",
        str(tmp_path / "missing.tar.gz"),
        "--public-key",
        str(tmp_path / "k.pub"),
    )
    assert code == 1 and "no signature" in err


def test_the_package_ships_a_public_key_and_a_catalog_version():
    from optout_tui.paths import bundled_catalog_dir
    from optout_tui.updates.manifest import bundled_info

    assert len(trusted_keys()) >= 1
    info = bundled_info(bundled_catalog_dir())
    assert info.date is not None and version_key(info.version) > (0, 0, 0, 0)


def test_the_same_catalog_makes_the_same_bundle(tmp_path):
    folder = catalog_folder(tmp_path, "2026.12.5")
    assert make_bundle(folder, created=CREATED)[0] == make_bundle(folder, created=CREATED)[0]


def test_versions_compare_as_numbers():
    assert version_key("2026.10.1") > version_key("2026.9.30")
    assert version_key("2026.12") == version_key("2026.12.0")
    for bad in ("", "v1", "1..2", "1.2.3.4.5", "2026-12-01", None):
        with pytest.raises(ManifestError):
            version_key(bad)


# -- unpacking: a hostile archive does no harm ------------------------------------------------
def good_members(version: str = "2027.1.1") -> list:
    files = {"platforms/example.yaml": GOOD}
    return [("manifest.json", manifest_for(files, version)), *files.items()]


def test_a_good_archive_unpacks(tmp_path):
    info = unpack(tar_gz(good_members()), tmp_path)
    assert info.version == "2027.1.1" and info.date == dt.date(2026, 12, 1)
    assert (tmp_path / "platforms" / "example.yaml").read_bytes() == GOOD
    assert (tmp_path / "manifest.json").exists()


@pytest.mark.parametrize(
    "name",
    [
        "../escape.yaml",
        "/tmp/escape.yaml",
        "platforms/../../escape.yaml",
        "platforms/sub/x.yaml",
        "platforms/Upper.yaml",
        "catalog.py",
        "./manifest.json",
    ],
)
def test_names_outside_the_layout_are_refused(tmp_path, name):
    dest = tmp_path / "dest"
    dest.mkdir()
    with pytest.raises(Refused, match="only manifest.json and platforms/<id>.yaml"):
        unpack(tar_gz([*good_members(), (name, GOOD)]), dest)
    assert not list(tmp_path.rglob("escape.yaml"))


def link(name: str, kind: bytes, target: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info


@pytest.mark.parametrize(
    "member",
    [
        link("platforms/example.yaml", tarfile.SYMTYPE, "/etc/passwd"),
        link("platforms/example.yaml", tarfile.LNKTYPE, "manifest.json"),
        link("platforms/example.yaml", tarfile.CHRTYPE),
        link("platforms/example.yaml", tarfile.FIFOTYPE),
        link("platforms/example.yaml", tarfile.DIRTYPE),
    ],
    ids=["symlink", "hardlink", "device", "fifo", "folder"],
)
def test_links_devices_and_folders_are_refused(tmp_path, member):
    manifest = manifest_for({"platforms/example.yaml": GOOD})
    with pytest.raises(Refused, match="not a regular file"):
        unpack(tar_gz([("manifest.json", manifest), member]), tmp_path)
    assert not (tmp_path / "platforms" / "example.yaml").exists()


def test_a_file_twice_is_refused(tmp_path):
    with pytest.raises(Refused, match="twice"):
        unpack(tar_gz([*good_members(), ("platforms/example.yaml", b"format: 1\n")]), tmp_path)


def test_too_many_members_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "MAX_MEMBERS", 3)
    members = [(f"platforms/p{i}.yaml", GOOD) for i in range(4)]
    with pytest.raises(Refused, match="more than 3 files"):
        unpack(tar_gz(members), tmp_path)


def test_a_file_over_the_cap_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "MAX_FILE_BYTES", 100)
    with pytest.raises(Refused, match="platforms/example.yaml in the bundle is .* the limit"):
        unpack(tar_gz(good_members()), tmp_path)


def test_a_bundle_that_unpacks_too_big_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "MAX_UNPACKED_BYTES", len(GOOD) * 2)
    members = [(f"platforms/p{i}.yaml", GOOD) for i in range(3)]
    with pytest.raises(Refused, match="unpacks to more than"):
        unpack(tar_gz(members), tmp_path)


def test_a_compressed_bomb_is_refused_without_inflating_it(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "MAX_UNPACKED_BYTES", 1_000_000)
    zeros = tarfile.TarInfo("platforms/zeros.yaml")
    zeros.size = 50_000_000
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        tar.addfile(zeros, io.BytesIO(bytes(zeros.size)))
    with pytest.raises(Refused, match="the limit"):
        unpack(out.getvalue(), tmp_path)


@pytest.mark.parametrize(
    "data", [b"", b"not a gzip file", tar_gz(good_members())[:-40]], ids=["empty", "garbage", "cut"]
)
def test_an_unreadable_archive_is_refused(tmp_path, data):
    with pytest.raises(Refused, match="not a readable .tar.gz|no manifest"):
        unpack(data, tmp_path)


def test_a_manifest_is_required_and_must_list_every_file(tmp_path):
    with pytest.raises(Refused, match="no manifest.json"):
        unpack(tar_gz([("platforms/example.yaml", GOOD)]), tmp_path / "a")
    unlisted = [
        ("manifest.json", manifest_for({"platforms/example.yaml": GOOD})),
        ("platforms/example.yaml", GOOD),
        ("platforms/extra.yaml", GOOD),
    ]
    with pytest.raises(Refused, match="not listed: platforms/extra.yaml"):
        unpack(tar_gz(unlisted), tmp_path / "b")
    missing = [
        (
            "manifest.json",
            manifest_for({"platforms/example.yaml": GOOD, "platforms/gone.yaml": GOOD}),
        ),
        ("platforms/example.yaml", GOOD),
    ]
    with pytest.raises(Refused, match="missing: platforms/gone.yaml"):
        unpack(tar_gz(missing), tmp_path / "c")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"format": 2}, "format 2"),
        ({"kind": "something-else"}, "does not describe an optout catalog"),
        ({"version": "latest"}, "not a catalog version"),
        ({"date": "yesterday"}, "YYYY-MM-DD"),
    ],
)
def test_a_manifest_that_makes_no_sense_is_refused(tmp_path, change, message):
    import json

    manifest = json.loads(manifest_for({"platforms/example.yaml": GOOD}))
    manifest.update(change)
    members = [("manifest.json", json.dumps(manifest).encode()), ("platforms/example.yaml", GOOD)]
    with pytest.raises(Refused, match=message):
        unpack(tar_gz(members), tmp_path)


def test_the_maintainer_guide_names_the_shipped_key():
    root = Path(__file__).resolve().parents[2]
    guide = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for key in trusted_keys():
        assert key.path.name in guide and key.key_id in guide
