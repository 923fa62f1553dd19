"""Signature files: each field's shape is checked on its own, so removing a check fails."""

from __future__ import annotations

import base64
import re

import pytest

from optout_tui.updates import Refused
from optout_tui.updates.signing import SIGNATURE_HEADER, parse_signature

GOOD = (
    f"{SIGNATURE_HEADER}\nkey: abcd1234\nsize: 10\nsha256: {'a' * 64}\n"
    f"signature: {base64.b64encode(bytes(64)).decode()}\n"
)


def test_a_well_formed_signature_file_is_read() -> None:
    signature = parse_signature(GOOD.encode())
    assert signature.size == 10 and signature.sha256 == "a" * 64


@pytest.mark.parametrize(
    "field, value",
    [
        ("sha256", "a" * 63),
        ("sha256", "a" * 65),
        ("signature", base64.b64encode(bytes(32)).decode()),
        ("signature", base64.b64encode(bytes(65)).decode()),
        ("sha256", "g" * 64),
        ("size", "ten"),
    ],
)
def test_a_field_of_the_wrong_shape_is_refused(field: str, value: str) -> None:
    text = re.sub(rf"^{field}: .*$", f"{field}: {value}", GOOD, flags=re.MULTILINE)
    with pytest.raises(Refused):
        parse_signature(text.encode())


@pytest.mark.parametrize(
    "text",
    ["", "optout-catalog-signature 2\n" + GOOD.split("\n", 1)[1], GOOD.replace("size: 10\n", "")],
)
def test_a_file_that_is_no_signature_is_refused(text: str) -> None:
    with pytest.raises(Refused):
        parse_signature(text.encode())
