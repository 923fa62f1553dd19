"""The app's launch options read without argparse: the same values as the parser, or None
(then argparse reads them, and says what is wrong)."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from optout_tui.cli import launch_args
from optout_tui.cli_parser import build_parser, lang_asked

# Each option in both spellings, with values the parser takes, refuses, or reads otherwise.
PIECES = [
    ["--data-dir", "d"],
    ["--data-dir=d=e"],
    ["--data-dir="],
    ["--data-dir", ""],
    ["--catalog", "a"],
    ["--catalog=b"],
    ["--profile", "Visitor 14:30"],
    ["--profile=Ann"],
    ["--lang", "fr"],
    ["--lang=en"],
    ["--lang", "xx"],
    ["--lang=FR"],
    ["--recheck-days", "30"],
    ["--recheck-days=+7"],
    ["--recheck-days", " 12 "],
    ["--recheck-days", "1_0"],
    ["--recheck-days", "-5"],
    ["--recheck-days=x"],
    ["--data-dir", "-x"],
    ["--data-dir"],
    ["--data", "d"],
    ["--lan=fr"],
    ["--"],
    ["-h"],
    ["--version"],
    ["list"],
    ["search", "grok"],
    ["x"],
]


def _parsed(argv: list[str]) -> dict[str, object] | None:
    """What argparse makes of `argv`, or None when it refuses it."""
    try:
        return vars(build_parser(lang_asked(argv)).parse_args(argv))
    except SystemExit:
        return None


@pytest.mark.parametrize(
    "argv",
    [[]] + [piece for piece in PIECES] + [a + b for a, b in itertools.permutations(PIECES, 2)][::7],
    ids=repr,
)
def test_the_launch_options_are_read_as_the_parser_reads_them(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    fast = launch_args(argv)
    if fast is not None:
        assert vars(fast) == _parsed(argv)
    capsys.readouterr()  # what argparse printed for the refused ones


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "./visitor"],
        ["--data-dir=./visitor", "--lang", "fr"],
        ["--catalog", "a", "--catalog=b", "--profile", "Ann", "--recheck-days", "30"],
        ["--lang", "en", "--lang", "fr"],  # the last one counts, as with argparse
    ],
    ids=repr,
)
def test_a_person_s_launch_is_read_without_argparse(argv: list[str]) -> None:
    fast = launch_args(argv)
    assert fast is not None and vars(fast) == _parsed(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "xx"],
        ["--recheck-days", "many"],
        ["--data-dir"],
        ["--data", "d"],
        ["--data-dir", "-x"],
        ["list"],
        ["--help"],
        ["--data-dir", "d", "show", "x"],
    ],
    ids=repr,
)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert launch_args(argv) is None


def test_the_app_s_launch_in_english_imports_neither_argparse_nor_gettext() -> None:
    program = (
        "import sys\n"
        "from optout_tui import cli\n"
        "from optout_tui.i18n import translator\n"
        "cli._handler = lambda name: lambda args: 0\n"
        "assert cli.main(['--data-dir', 'd', '--lang', 'en']) == 0\n"
        "translator('en').gettext('Help')\n"
        "print('argparse' in sys.modules, 'gettext' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False"]


def test_the_source_language_s_words_are_gettext_s_own() -> None:
    import gettext

    from optout_tui.i18n import translator

    ours, theirs = translator("en"), gettext.NullTranslations()
    assert ours.gettext("Help") == theirs.gettext("Help")
    for n in (0, 1, 2, 5):
        assert ours.ngettext("{n} platform", "{n} platforms", n) == theirs.ngettext(
            "{n} platform", "{n} platforms", n
        )
    assert ours.pgettext("menu", "Open") == theirs.pgettext("menu", "Open")
