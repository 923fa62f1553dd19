"""`optout catalog update / rollback / status` against a local HTTPS server and local files.

Every refusal is checked twice: the message says what and why, and the installed catalogs
are byte for byte what they were before (an update is already installed, so there is
something to damage).
"""

from __future__ import annotations

import socket
import ssl
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import trustme
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Response

from optout_tui.cli import main
from optout_tui.commands import catalog_cmd, common
from optout_tui.updates import download, signing
from optout_tui.updates import update as update_module
from optout_tui.updates.signing import sign
from tests.unit.bundles import (
    bundle_bytes,
    catalog_folder,
    make_keys,
    manifest_for,
    tar_gz,
    tree,
    write_signed,
)


# -- fixtures ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    return make_keys(tmp_path_factory.mktemp("keys"))


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def server(ca):
    """A local HTTPS server with a certificate from a throwaway certificate authority."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    httpd = HTTPServer(host="localhost", ssl_context=context, threaded=True)
    httpd.start()
    yield httpd
    httpd.clear()
    httpd.stop()


@pytest.fixture
def https(server, ca, tmp_path, monkeypatch):
    """The HTTPS server, trusted through SSL_CERT_FILE as a user's system would trust it."""
    pem = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    monkeypatch.setenv("SSL_CERT_FILE", str(pem))
    server.clear()
    yield server
    server.clear()


@pytest.fixture
def env(tmp_path, monkeypatch, keys):
    """A bundled catalog 2026.1.1, a data folder, and the test key as the shipped key."""
    bundled = catalog_folder(tmp_path / "package", "2026.1.1", date="2026-01-15")
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: bundled)
    monkeypatch.setattr(catalog_cmd, "bundled_catalog_dir", lambda: bundled)
    trusted = tmp_path / "shipped-keys"
    trusted.mkdir()
    (trusted / "test.pub").write_bytes(keys.public.read_bytes())
    monkeypatch.setattr(signing, "KEYS_DIR", trusted)
    data = tmp_path / "data"
    return SimpleNamespace(
        tmp=tmp_path, bundled=bundled, data=data, root=data / "catalog", keys=keys
    )


def run(capsys, env, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--data-dir", str(env.data)])
    out, err = capsys.readouterr()
    return code, out, err


def signed_file(env, version: str, **options) -> Path:
    """A bundle of a catalog `version` (with a platform `only-<major>-<minor>`), signed."""
    out = env.tmp / "out" / f"{version}.tar.gz"
    if out.exists() and not options:  # the very same bundle again (a replay)
        return out
    extra = "only-" + "-".join(version.split(".")[1:])
    folder = catalog_folder(env.tmp / "src", version, extra=extra, **options)
    return write_signed(bundle_bytes(folder), env.keys.secret, out)


def serve(server, path: Path, name: str = "/bundle.tar.gz", *, signature: bool = True) -> str:
    server.expect_request(name).respond_with_data(
        path.read_bytes(), content_type="application/gzip"
    )
    if signature:
        server.expect_request(name + ".sig").respond_with_data(
            Path(f"{path}.sig").read_bytes(), content_type="text/plain"
        )
    else:
        server.expect_request(name + ".sig").respond_with_data("not found", status=404)
    return server.url_for(name)


@pytest.fixture
def installed(env, capsys):
    """Catalog 2026.2.1 installed from a file: what a refusal must leave untouched."""
    code, _, err = run(capsys, env, "catalog", "update", "--url", str(signed_file(env, "2026.2.1")))
    assert code == 0, err
    return tree(env.root)


def refused(capsys, env, before, url: str, *expected: str) -> str:
    code, out, err = run(capsys, env, "catalog", "update", "--url", url)
    assert code == 1, (out, err)
    assert "refused" in err and "Nothing was changed" in err, err
    for text in expected:
        assert text in err, err
    assert tree(env.root) == before
    assert "Traceback" not in err
    return err


def listing(capsys, env) -> str:
    code, out, err = run(capsys, env, "list")
    assert code == 0, err
    return out


# -- a successful update, offline, rollback ---------------------------------------------------
def test_update_over_https_installs_and_the_catalog_in_use_changes(env, https, capsys):
    assert "only-3-1" not in listing(capsys, env)  # the cache now holds the bundled catalog
    url = serve(https, signed_file(env, "2026.3.1"))
    assert url.startswith("https://localhost:")
    code, out, err = run(capsys, env, "catalog", "update", "--url", url)
    assert code == 0, err
    assert f"Installed catalog 2026.3.1 of 2026-11-01 from {url}" in out
    assert "only-3-1" in listing(capsys, env)
    code, out, _ = run(capsys, env, "catalog", "status")
    assert "In use: catalog 2026.3.1 of 2026-11-01" in out and "an installed update" in out
    assert f"from: {url}" in out
    assert "Bundled with optout: catalog 2026.1.1 of 2026-01-15" in out


def test_update_from_a_relative_file_path_works_offline(env, capsys, monkeypatch):
    bundle = signed_file(env, "2026.3.1")
    monkeypatch.chdir(bundle.parent)

    def no_network(*args, **kwargs):
        raise AssertionError("the offline update tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    code, out, err = run(capsys, env, "catalog", "update", "--url", "./2026.3.1.tar.gz")
    assert code == 0, err
    assert "Installed catalog 2026.3.1" in out and str(bundle) in out
    assert "only-3-1" in listing(capsys, env)


def test_rollback_goes_back_one_update_then_to_the_bundled_catalog(env, capsys):
    for version in ("2026.2.1", "2026.3.1"):
        assert (
            run(capsys, env, "catalog", "update", "--url", str(signed_file(env, version)))[0] == 0
        )
    assert "only-3-1" in listing(capsys, env)
    code, out, _ = run(capsys, env, "catalog", "rollback")
    assert code == 0 and "from catalog 2026.3.1 to catalog 2026.2.1" in out
    shown = listing(capsys, env)
    assert "only-2-1" in shown and "only-3-1" not in shown
    code, out, _ = run(capsys, env, "catalog", "rollback")
    assert code == 0 and "to the bundled catalog" in out
    assert "only-2-1" not in listing(capsys, env)
    assert [p.name for p in env.root.iterdir()] == ["state.json"]
    code, out, err = run(capsys, env, "catalog", "rollback")
    assert code == 1 and "nothing to roll back" in err


def test_a_newer_bundled_catalog_wins_over_an_older_update(env, capsys, installed, monkeypatch):
    newer = catalog_folder(env.tmp / "upgraded", "2026.5.1", extra="only-after-upgrade")
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: newer)
    monkeypatch.setattr(catalog_cmd, "bundled_catalog_dir", lambda: newer)
    shown = listing(capsys, env)
    assert "only-after-upgrade" in shown and "only-2-1" not in shown
    code, out, _ = run(capsys, env, "catalog", "status")
    assert code == 0 and "bundled with optout" in out and "not used" in out


def test_an_installed_update_this_version_cannot_read_falls_back_to_the_bundled(
    env, capsys, installed
):
    [folder] = [p for p in env.root.iterdir() if p.is_dir()]
    (folder / "platforms" / "only-2-1.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    code, out, err = run(capsys, env, "list")
    assert code == 0
    assert "example" in out and "only-2-1" not in out
    assert "cannot be read by this version" in err and "rollback" in err


def test_a_damaged_state_file_means_the_bundled_catalog(env, capsys, installed):
    (env.root / "state.json").write_text("{not json", encoding="utf-8")
    assert "only-2-1" not in listing(capsys, env)
    code, out, err = run(capsys, env, "catalog", "status")
    assert code == 0 and "bundled with optout" in out and "cannot be read" in err


def test_status_json(env, capsys, installed):
    import json

    code, out, _ = run(capsys, env, "catalog", "status", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["format_version"] == 1
    assert data["in_use"]["version"] == "2026.2.1" and data["in_use"]["source"] == "update"
    assert data["bundled"]["version"] == "2026.1.1"
    assert data["previous"] is None


def test_update_without_an_address_says_how_to_give_one(env, capsys):
    code, _, err = run(capsys, env, "catalog", "update")
    assert code == 2 and "--url" in err


# -- refusals: each changes nothing ----------------------------------------------------------
def test_refuses_a_tampered_bundle(env, https, capsys, installed):
    good = signed_file(env, "2026.3.1")
    other = catalog_folder(env.tmp / "evil", "2026.3.1")  # one platform less: smaller
    (other / "platforms" / "example.yaml").write_text(
        (other / "platforms" / "example.yaml")
        .read_text()
        .replace("https://example.com/settings/ai", "https://evil.example/x"),
        encoding="utf-8",
    )
    evil = bundle_bytes(other)
    signed_size = len(good.read_bytes())
    assert len(evil) < signed_size
    # Same size as what was signed (gzip allows zero padding): only the hash can tell.
    good.write_bytes(evil + b"\0" * (signed_size - len(evil)))
    refused(capsys, env, installed, serve(https, good), "does not match its signature")


def test_refuses_a_truncated_bundle(env, capsys, installed):
    bundle = signed_file(env, "2026.3.1")
    bundle.write_bytes(bundle.read_bytes()[:-200])
    refused(capsys, env, installed, str(bundle), "truncated")


def test_refuses_an_unsigned_bundle_over_https(env, https, capsys, installed):
    url = serve(https, signed_file(env, "2026.3.1"), signature=False)
    refused(capsys, env, installed, url, "no signature", "unsigned")


def test_refuses_an_unsigned_bundle_file(env, capsys, installed):
    bundle = signed_file(env, "2026.3.1")
    Path(f"{bundle}.sig").unlink()
    refused(capsys, env, installed, str(bundle), "no signature")


def test_refuses_a_bundle_signed_by_an_untrusted_key(env, capsys, installed):
    bundle = signed_file(env, "2026.3.1")
    write_signed(bundle.read_bytes(), env.keys.other_secret, bundle)
    refused(capsys, env, installed, str(bundle), "not a trusted key")


def test_refuses_a_signature_made_with_another_key_under_the_trusted_id(env, capsys, installed):
    bundle = signed_file(env, "2026.3.1")
    data = bundle.read_bytes()
    trusted_id = signing.key_id(env.keys.secret.public_key())
    forged = sign(data, env.keys.other_secret).splitlines()
    forged[1] = f"key: {trusted_id}"
    write_signed(data, None, bundle, "\n".join(forged) + "\n")
    refused(capsys, env, installed, str(bundle), f"not valid for key {trusted_id}")


def test_refuses_a_signature_file_of_another_format(env, capsys, installed):
    bundle = signed_file(env, "2026.3.1")
    sig = Path(f"{bundle}.sig")
    sig.write_text(
        sig.read_text().replace("optout-catalog-signature 1", "optout-catalog-signature 2")
    )
    refused(capsys, env, installed, str(bundle), "not an optout catalog signature")


def test_refuses_a_bundle_older_than_the_installed_update(env, capsys, installed):
    refused(
        capsys,
        env,
        installed,
        str(signed_file(env, "2026.1.5")),
        "2026.1.5",
        "not newer than the installed update (2026.2.1)",
    )


def test_refuses_a_replayed_bundle(env, capsys, installed):
    refused(capsys, env, installed, str(signed_file(env, "2026.2.1")), "not newer")


def test_refuses_a_bundle_older_than_the_bundled_catalog(env, capsys):
    bundle = signed_file(env, "2025.12.1")
    refused(capsys, env, {}, str(bundle), "not newer than the bundled catalog (2026.1.1)")
    assert not env.data.exists()


@pytest.mark.parametrize("chunked", [False, True])
def test_refuses_an_oversized_download(env, https, capsys, installed, monkeypatch, chunked):
    bundle = signed_file(env, "2026.3.1")
    monkeypatch.setattr(update_module, "MAX_BUNDLE_BYTES", 1000)
    data = bundle.read_bytes()
    if chunked:  # no Content-Length: the cap must hold as the bytes arrive
        https.expect_request("/big.tar.gz").respond_with_handler(
            lambda request: Response(
                (data[i : i + 500] for i in range(0, len(data), 500)),
                content_type="application/gzip",
            )
        )
        https.expect_request("/big.tar.gz.sig").respond_with_data(
            Path(f"{bundle}.sig").read_bytes()
        )
        url = https.url_for("/big.tar.gz")
    else:
        url = serve(https, bundle)
    refused(capsys, env, installed, url, "larger than the limit of 1,000 bytes")


def test_refuses_an_oversized_bundle_file(env, capsys, installed, monkeypatch):
    monkeypatch.setattr(update_module, "MAX_BUNDLE_BYTES", 1000)
    refused(
        capsys,
        env,
        installed,
        str(signed_file(env, "2026.3.1")),
        "larger than the limit of 1,000 bytes",
    )


def test_refuses_a_signed_bundle_with_an_invalid_catalog_file(env, capsys, installed):
    bundle = signed_file(env, "2026.3.1", broken=True)
    err = refused(
        capsys, env, installed, str(bundle), "does not pass the validator", "platforms/broken.yaml:"
    )
    assert "nonsense" in err


def test_refuses_a_plain_http_address(env, capsys, installed, httpserver):
    url = serve(httpserver, signed_file(env, "2026.3.1"))
    assert url.startswith("http://")
    refused(capsys, env, installed, url, "only https:// addresses")
    assert httpserver.log == []  # not even asked


def test_refuses_a_redirect_from_https_to_http(env, https, capsys, installed, httpserver):
    bundle = signed_file(env, "2026.3.1")
    plain = serve(httpserver, bundle)
    https.expect_request("/bundle.tar.gz.sig").respond_with_data(
        "", status=302, headers={"Location": plain + ".sig"}
    )
    refused(capsys, env, installed, https.url_for("/bundle.tar.gz"), "not https://")
    assert httpserver.log == []


def test_refuses_a_server_whose_certificate_is_not_trusted(
    env, server, capsys, installed, monkeypatch
):
    server.clear()
    url = serve(server, signed_file(env, "2026.3.1"))
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)  # the test CA is not trusted
    code, _, err = run(capsys, env, "catalog", "update", "--url", url)
    assert code == 1 and "certificate" in err and "Nothing was changed" in err
    assert tree(env.root) == installed


def test_a_server_that_does_not_answer_times_out(env, https, capsys, installed, monkeypatch):
    monkeypatch.setattr(download, "TIMEOUT_SECONDS", 0.3)
    monkeypatch.setattr(download, "CONNECT_TIMEOUT_SECONDS", 0.3)

    def slow(request):
        time.sleep(1.5)
        return Response("too late")

    https.expect_request("/bundle.tar.gz.sig").respond_with_handler(slow)
    code, _, err = run(capsys, env, "catalog", "update", "--url", https.url_for("/bundle.tar.gz"))
    assert code == 1 and "timed out" in err
    assert tree(env.root) == installed


def test_refuses_a_signed_bundle_that_escapes_its_folder(env, capsys, installed):
    files = {"platforms/../../../escaped.yaml": b"x: 1\n"}
    data = tar_gz([("manifest.json", manifest_for(files, "2026.3.1")), *files.items()])
    bundle = write_signed(data, env.keys.secret, env.tmp / "out" / "escape.tar.gz")
    refused(capsys, env, installed, str(bundle), "only manifest.json and platforms/<id>.yaml")
    assert not list(env.tmp.rglob("escaped.yaml"))


def test_refuses_a_signed_bundle_whose_files_differ_from_its_manifest(env, capsys, installed):
    example = (env.bundled / "platforms" / "example.yaml").read_bytes()
    listed = manifest_for({"platforms/example.yaml": example + b"# more\n"}, "2026.3.1")
    data = tar_gz([("manifest.json", listed), ("platforms/example.yaml", example)])
    bundle = write_signed(data, env.keys.secret, env.tmp / "out" / "mismatch.tar.gz")
    refused(capsys, env, installed, str(bundle), "does not match its size and SHA-256")


def test_the_app_is_told_which_catalog_it_shows(env, capsys, installed):
    from optout_tui.cli_parser import build_parser

    args = build_parser().parse_args(["--data-dir", str(env.data)])
    catalog, info = common.load_with_info(args)
    assert info.source == "update" and info.version == "2026.2.1"
    assert catalog.get("only-2-1") is not None
    [folder] = [p for p in env.root.iterdir() if p.is_dir()]
    (folder / "platforms" / "only-2-1.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    catalog, info = common.load_with_info(args)  # unreadable: the bundled one, and says so
    assert info.source == "bundled" and info.version == "2026.1.1"
    assert catalog.get("only-2-1") is None
    capsys.readouterr()


def test_the_app_started_from_the_command_line_knows_its_catalog(env, installed, monkeypatch):
    """The app reads which catalog it shows after its first frame; it is the one in use."""
    from optout_tui.cli import main
    from optout_tui.tui.app import OptOutApp

    apps: list[OptOutApp] = []
    monkeypatch.setattr(OptOutApp, "run", lambda self: apps.append(self))
    assert main(["--data-dir", str(env.data)]) == 0
    info = apps[-1].catalog_info
    assert info is not None and info.source == "update" and info.version == "2026.2.1"
    apps[-1].progress.close()


def test_an_update_folder_removed_by_hand_means_the_bundled_catalog(env, capsys, installed):
    import shutil

    [folder] = [p for p in env.root.iterdir() if p.is_dir()]
    shutil.rmtree(folder)
    code, out, err = run(capsys, env, "list")
    assert code == 0 and "example" in out and "only-2-1" not in out
    assert err == ""  # nothing to complain about: there is simply no update any more


def test_a_state_file_pointing_outside_its_folder_is_not_followed(env, capsys, installed):
    import json

    elsewhere = catalog_folder(env.tmp / "elsewhere", "2099.1.1", extra="planted")
    state = json.loads((env.root / "state.json").read_text())
    state["current"]["folder"] = f"../../elsewhere/{elsewhere.name}"
    state["current"]["version"] = "2099.1.1"
    (env.root / "state.json").write_text(json.dumps(state))
    assert "planted" not in listing(capsys, env)


def test_a_bundle_file_that_is_not_there_is_named(env, capsys):
    code, _, err = run(capsys, env, "catalog", "update", "--url", str(env.tmp / "nowhere.tar.gz"))
    assert code == 1 and "nowhere.tar.gz: no such file" in err and ".sig" not in err
