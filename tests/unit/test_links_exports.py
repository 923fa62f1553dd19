"""Links are read as browsers read them; exports and plain outputs are inert and private
(issue 13.4-13.8)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from optout_tui.catalog.links import LinkProblem, check_link, host_in
from optout_tui.cli import main
from optout_tui.commands import common
from optout_tui.progress import ProgressStore, StepKey
from tests.conftest import EXAMPLE_CATALOG

EXAMPLE = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")
LINK = "https://example.com/settings/ai"
OPEN = StepKey("example", "ai-training", "web", "open-settings")


@pytest.fixture(autouse=True)
def fixture_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "bundled_catalog_dir", lambda: EXAMPLE_CATALOG)
    monkeypatch.setattr("optout_tui.paths.bundled_catalog_dir", lambda: EXAMPLE_CATALOG)


def _platform_file(tmp_path: Path, text: str, name: str = "example.yaml") -> Path:
    folder = tmp_path / "overlay"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


# -- 13.6: links ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link, why",
    [
        ("https://evil.example\\@example.com/settings", "backslash"),
        ("https://evil.example\\.example.com/settings", "backslash"),
        ("https://user@example.com/settings", "user name or password"),
        ("https://example.com:pw@evil.example/settings", "user name or password"),
        ("https://evil.example%5C@example.com/", "user name or password"),
        ("https://@example.com/settings", "user name or password"),
        ("https://ex%61mple.com/settings", "is read as"),
        ("https://notexample.com/settings", "not one of the platform's domains"),
        ("https://example.com.evil.example/settings", "not one of the platform's domains"),
        ("https://93.184.216.34/settings", "must name a domain"),
        ("https://exa\u202emple.com/settings", "invisible"),
        ("https://\\evil.example/settings", "backslash"),
        ("https://example.com/" + "a" * 1200, "characters long"),
    ],
)
def test_links_that_would_open_another_site_are_refused(
    link: str, why: str, tmp_path: Path, capsys
) -> None:
    folder = _platform_file(tmp_path, EXAMPLE.replace(LINK, link))
    assert main(["validate", str(folder / "example.yaml")]) == 1
    out = capsys.readouterr().out
    assert "link" in out and why in out


def test_the_check_agrees_with_a_browser_on_the_backslash_trick() -> None:
    from ada_url import parse_url

    trick = "https://evil.example\\@www.linkedin.com/in/me"
    assert parse_url(trick)["hostname"] == "evil.example"  # where a browser goes
    with pytest.raises(LinkProblem):
        check_link(trick, ["linkedin.com"])


def test_subdomains_and_idna_at_a_dot_boundary() -> None:
    assert host_in("www.example.com", ["example.com"])
    assert host_in("example.com.", ["example.com"])
    assert not host_in("notexample.com", ["example.com"])
    assert host_in("xn--bcher-kva.example", ["bücher.example"])
    assert check_link("https://help.example.com/a?b=c#d", ["example.com"])


def test_a_qr_of_a_disguised_url_is_refused(capsys) -> None:
    assert main(["qr", "https://evil.example\\@www.linkedin.com/"]) == 1
    assert main(["qr", "https://example.com/\x1b]52;c;aGk=\x07"]) == 1
    err = capsys.readouterr().err
    assert "backslash" in err and "control" in err and "\x1b" not in err


@pytest.mark.parametrize("name", ["Linked\u202eIn", "Linked\u200bIn", "Linked\u2066In"])
def test_invisible_characters_in_names_are_refused(name: str, tmp_path: Path, capsys) -> None:
    folder = _platform_file(
        tmp_path, EXAMPLE.replace("name: Example [formerly Sample]", f'name: "{name}"')
    )
    assert main(["validate", str(folder / "example.yaml")]) == 1
    assert "zero-width" in capsys.readouterr().out


def test_invisible_characters_in_aliases_are_refused(tmp_path: Path, capsys) -> None:
    folder = _platform_file(
        tmp_path, EXAMPLE.replace("aliases: [Sample]", 'aliases: ["Sam\u200bple"]')
    )
    assert main(["validate", str(folder / "example.yaml")]) == 1
    assert "zero-width" in capsys.readouterr().out


LOOKALIKE = EXAMPLE.replace("domains: [example.com]", "domains: [examp1e.com]").replace(
    "https://example.com/settings/ai", "https://examp1e.com/settings/ai"
)


def test_an_overlay_replacing_a_platforms_domains_is_said_loudly(tmp_path: Path, capsys) -> None:
    folder = _platform_file(tmp_path, LOOKALIKE)
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert (
        "replaces the platform 'example'" in out
        and "examp1e.com instead of example.com" in out
        and "warning" in out
    )
    assert main(["validate", "--strict", str(folder)]) == 1
    capsys.readouterr()
    for run in range(2):  # from the YAML, then from the cache
        assert main(["list", "--catalog", str(folder)]) == 0
        err = capsys.readouterr().err
        assert "warning:" in err and "examp1e.com instead of example.com" in err, run


def test_an_overlay_with_the_same_domains_is_quiet(tmp_path: Path, capsys) -> None:
    folder = _platform_file(
        tmp_path, EXAMPLE.replace("name: Example [formerly Sample]", "name: Example Local")
    )
    assert main(["validate", str(folder)]) == 0
    assert main(["list", "--catalog", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "replaces" not in captured.out + captured.err


# -- 13.4, 13.5: exports and plain outputs are inert --------------------------------------

HOSTILE = EXAMPLE.replace(
    "name: Example [formerly Sample]",
    'name: "Ex <img src=x onerror=alert(1)> [a](https://evil.example)"',
).replace("en: Turn off AI training on your posts", 'en: "Turn off *AI* <script>alert(1)</script>"')


def _hostile_store(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    store = ProgressStore(data, profile="p")
    store.set_step(OPEN, True)
    store.set_note(
        "example", "ai-training", "fine\n## Done\n- Everything: <img src=x onerror=alert(2)> `x`"
    )
    store.close()
    return data


def test_markdown_export_is_literal(tmp_path: Path, capsys) -> None:
    data = _hostile_store(tmp_path)
    folder = _platform_file(tmp_path, HOSTILE)
    assert (
        main(
            [
                "export",
                "--format",
                "md",
                "--data-dir",
                str(data),
                "--profile",
                "p",
                "--catalog",
                str(folder),
            ]
        )
        == 0
    )
    md = capsys.readouterr().out
    assert "<img" not in md and "<script" not in md and "&lt;img" in md
    assert "\\[a\\](https://evil.example)" in md  # not a link
    assert "\\*AI\\*" in md  # not emphasis
    assert [line for line in md.splitlines() if line.startswith("## Done")] == ["## Done"]
    note_lines = [line for line in md.splitlines() if "Note:" in line]
    assert (
        len(note_lines) == 1 and "\\#\\# Done" not in note_lines[0] and "## Done" in note_lines[0]
    )
    assert "<https://example.com/settings/ai>" in md


@pytest.mark.parametrize("finished", [False, True])
def test_html_handout_escapes_every_catalog_text(tmp_path: Path, capsys, finished: bool) -> None:
    """The HTML handout held in the attack; this keeps it held (done and to-do lists)."""
    data = _hostile_store(tmp_path)
    profile = "<img src=y onerror=alert(3)>"
    store = ProgressStore(data, profile=profile)
    store.set_step(OPEN, True)
    if finished:
        store.set_step(StepKey("example", "ai-training", "web", "untick"), True)
    store.close()
    folder = _platform_file(tmp_path, HOSTILE)
    assert (
        main(
            [
                "export",
                "--format",
                "html",
                "--data-dir",
                str(data),
                "--profile",
                profile,
                "--catalog",
                str(folder),
            ]
        )
        == 0
    )
    page = capsys.readouterr().out
    assert "<img" not in page and "<script" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("&lt;img src=y onerror=alert(3)&gt;") == 2  # title and heading
    assert ("<h2>Done</h2><ul>\n<li><strong>✔ done</strong> Ex &lt;img" in page) is finished


def test_a_newline_in_a_name_does_not_forge_a_line_of_list(tmp_path: Path, capsys) -> None:
    folder = _platform_file(
        tmp_path,
        EXAMPLE.replace(
            "name: Example [formerly Sample]", 'name: "Example\\n  fake/forged  ai-training  Done"'
        ),
    )
    assert main(["list", "--catalog", str(folder)]) == 0
    out = capsys.readouterr().out
    assert not any(line.startswith("  fake/forged") for line in out.splitlines())
    assert main(["search", "Example", "--catalog", str(folder)]) == 0
    assert "\n  fake/forged" not in capsys.readouterr().out


def test_profile_names_reach_the_terminal_without_escapes(tmp_path: Path, capsys) -> None:
    """A name saved by an earlier version (or written into the file) is shown on one line
    without its escapes; a new one with control characters is refused."""
    import sqlite3

    from optout_tui.progress import StoreError

    ProgressStore(tmp_path).close()
    with sqlite3.connect(tmp_path / "progress.sqlite3") as db:
        db.execute(
            "INSERT INTO profile VALUES (?, '2026-11-30T10:00:00+00:00')",
            ("Ada\x1b]52;c;cm0gLXJm\x07\nforged",),
        )
    assert main(["profiles", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and out.count("\n") == 1
    for bad in ("Ada\x1b[31m", "two\nlines", " "):
        with pytest.raises(StoreError, match="cannot be a profile name"):
            ProgressStore(tmp_path, profile=bad)
    ProgressStore(tmp_path).set_step(OPEN, True)
    assert main(["profiles", "rename", "default", "Bob\x07", "--data-dir", str(tmp_path)]) == 1
    assert "cannot be a profile name" in capsys.readouterr().err


def test_a_filled_in_template_is_saved_without_control_characters(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.set_filled("beta", "opt-out", "email", "Dear Beta,\x1b]52;c;aGk=\x07 I am Ada.")
    assert store.filled("beta") == {("opt-out", "email"): "Dear Beta,]52;c;aGk= I am Ada."}


# -- 13.7: exports are private and atomic -------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_exports_are_created_private(fmt: str, tmp_path: Path) -> None:
    data = _hostile_store(tmp_path)
    target = tmp_path / f"out.{fmt}"
    assert (
        main(
            [
                "export",
                "--format",
                fmt,
                "--data-dir",
                str(data),
                "--profile",
                "p",
                "-o",
                str(target),
            ]
        )
        == 0
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failed_export_leaves_nothing_behind(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _hostile_store(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    real_replace = os.replace

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert (
        main(["export", "--data-dir", str(data), "--profile", "p", "-o", str(out / "p.json")]) == 1
    )
    monkeypatch.setattr(os, "replace", real_replace)
    assert list(out.iterdir()) == []
    assert "No space left on device" in capsys.readouterr().err


# -- 13.8: links longer than a QR code holds ------------------------------------------------


def test_a_link_too_long_for_a_qr_code_is_a_message(capsys) -> None:
    from optout_tui.qr import qr_matrix

    long_link = "https://example.com/" + "a" * 3000
    assert qr_matrix(long_link) is None
    assert main(["qr", long_link]) == 1
    err = capsys.readouterr().err
    assert "too long for a QR code; here is the link" in err and long_link in err


def test_the_handout_says_when_a_link_is_too_long_for_a_qr_code() -> None:
    from optout_tui.progress.handout import _Codes

    codes = _Codes()
    assert codes("https://example.com/" + "a" * 3000) is None  # the handout says so instead
    assert codes("https://example.com/").startswith("<svg")
