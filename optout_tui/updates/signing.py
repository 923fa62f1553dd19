"""Ed25519 keys and detached signatures of catalog bundles (the `cryptography` library).

A signature file signs a short statement of the bundle's size and SHA-256, so a bundle cut
short, altered or swapped is refused before a byte of it is unpacked:

    optout-catalog-signature 1
    key: <key id: the first 16 hex digits of the SHA-256 of the raw public key>
    size: <bytes>
    sha256: <hex>
    signature: <base64 Ed25519 signature of "optout-catalog-bundle 1\\nsize: …\\nsha256: …\\n">

Keys are PEM files (PKCS#8 secret key, SubjectPublicKeyInfo public key), so OpenSSL reads them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from optout_tui.i18n import N_, Localised
from optout_tui.updates import Refused

KEYS_DIR = Path(__file__).parent / "keys"  # the public keys this package trusts: *.pub
SIGNATURE_HEADER = "optout-catalog-signature 1"
MAX_SIGNATURE_BYTES = 4096
_FIELDS = re.compile(r"^(key|size|sha256|signature): (\S+)$")


class KeyFileError(Localised):
    """A key file that is missing or is not the kind of key expected."""


@dataclass(frozen=True, slots=True)
class PublicKey:
    key_id: str
    key: object  # Ed25519PublicKey
    path: Path | None = None


@dataclass(frozen=True, slots=True)
class Signature:
    key_id: str
    size: int
    sha256: str
    signature: bytes


def statement(size: int, sha256: str) -> bytes:
    """The bytes that are signed: what the bundle must be."""
    return f"optout-catalog-bundle 1\nsize: {size}\nsha256: {sha256}\n".encode("ascii")


def key_id(public_key) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def generate_keypair(base: Path) -> tuple[Path, Path, str]:
    """Write BASE.key (secret, readable by its owner only) and BASE.pub; never overwrite."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    secret_path, public_path = Path(f"{base}.key"), Path(f"{base}.pub")
    for path in (secret_path, public_path):
        if path.exists():
            raise KeyFileError(
                N_(
                    "{path} already exists; it was left as it is (choose another "
                    "name, or move it away first)"
                ),
                path=path,
            )
    secret = Ed25519PrivateKey.generate()
    secret_pem = secret.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = secret.public_key()
    public_pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    try:
        fd = os.open(secret_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(secret_pem)
        public_path.write_bytes(public_pem)
    except OSError as error:
        raise KeyFileError(N_("cannot write the key pair: {error}"), error=error) from None
    return secret_path, public_path, key_id(public)


def load_secret_key(path: Path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        data = path.read_bytes()
    except OSError as error:
        raise KeyFileError(
            N_("{path}: cannot read the secret key: {error}"), path=path, error=error.strerror
        ) from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as error:
        raise KeyFileError(
            N_("{path}: not an unencrypted PEM secret key ({error})"), path=path, error=error
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(N_("{path}: not an Ed25519 key"), path=path)
    return key


def load_public_key(path: Path) -> PublicKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        data = path.read_bytes()
    except OSError as error:
        raise KeyFileError(
            N_("{path}: cannot read the public key: {error}"), path=path, error=error.strerror
        ) from None
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as error:
        raise KeyFileError(
            N_("{path}: not a PEM public key ({error})"), path=path, error=error
        ) from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(N_("{path}: not an Ed25519 public key"), path=path)
    return PublicKey(key_id(key), key, path)


def trusted_keys(folder: Path | None = None) -> list[PublicKey]:
    """The public keys shipped with the package (more than one while a key is rotated)."""
    return [load_public_key(p) for p in sorted((folder or KEYS_DIR).glob("*.pub"))]


def sign(data: bytes, secret) -> str:
    """The signature file's text for a bundle's bytes."""
    digest = hashlib.sha256(data).hexdigest()
    signature = secret.sign(statement(len(data), digest))
    return (
        f"{SIGNATURE_HEADER}\nkey: {key_id(secret.public_key())}\nsize: {len(data)}\n"
        f"sha256: {digest}\nsignature: {base64.b64encode(signature).decode('ascii')}\n"
    )


def parse_signature(raw: bytes) -> Signature:
    bad = Refused(
        N_(
            "the signature file is not an optout catalog signature (damaged, or not a "
            ".sig written by `optout catalog bundle`)"
        )
    )
    try:
        lines = raw.decode("ascii").splitlines()
    except UnicodeDecodeError:
        raise bad from None
    if not lines or lines[0].strip() != SIGNATURE_HEADER:
        raise bad
    fields: dict[str, str] = {}
    for line in lines[1:]:
        match = _FIELDS.match(line.strip())
        if match:
            fields[match.group(1)] = match.group(2)
    try:
        signature = base64.b64decode(fields["signature"], validate=True)
        size = int(fields["size"])
        digest = fields["sha256"].lower()
        if len(digest) != 64 or len(signature) != 64:
            raise ValueError
        int(digest, 16)
        return Signature(fields["key"], size, digest, signature)
    except (KeyError, ValueError, binascii.Error):
        raise bad from None


def verify(data: bytes, signature: Signature, keys: list[PublicKey]) -> PublicKey:
    """Check the signature, then that `data` is exactly the bundle that was signed.
    Raises Refused; returns the key that signed."""
    from cryptography.exceptions import InvalidSignature

    by_id = {k.key_id: k for k in keys}
    key = by_id.get(signature.key_id)
    if key is None:
        trusted = ", ".join(sorted(by_id)) or "none"
        raise Refused(
            N_(
                "the bundle is signed with key {key}, which is not a trusted key "
                "(trusted: {trusted})"
            ),
            key=signature.key_id,
            trusted=trusted,
        )
    try:
        key.key.verify(signature.signature, statement(signature.size, signature.sha256))
    except InvalidSignature:
        raise Refused(
            N_(
                "the signature is not valid for key {key}: the signature file was "
                "altered, or made with another secret key"
            ),
            key=key.key_id,
        ) from None
    if len(data) < signature.size:
        raise Refused(
            N_(
                "the bundle is truncated: {got:,} of the {size:,} signed bytes (an "
                "interrupted download?)"
            ),
            got=len(data),
            size=signature.size,
        )
    if hashlib.sha256(data).hexdigest() != signature.sha256:
        raise Refused(
            N_(
                "the bundle does not match its signature (SHA-256 differs): it was "
                "altered after signing"
            )
        )
    return key
