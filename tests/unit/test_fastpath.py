"""The loader's fast path (catalog/fastpath.py): it accepts only what the slow, positioned
path accepts, builds the same platform, and declines every refusal (which the slow path then
reports with its position). Each refusal below is the only thing wrong with its file, so a
check removed from the fast path makes it accept the file and the test fail."""

from __future__ import annotations

import datetime as dt
import gc
import random
import re
from pathlib import Path
from typing import Any

import pytest

from optout_tui.catalog import CatalogError, fastpath, loader
from optout_tui.catalog.links import LinkProblem, check_link
from optout_tui.catalog.loader import MAX_LIST, MAX_STRING, check_platform, load_platform
from optout_tui.paths import bundled_catalog_dir
from optout_tui.text import has_control
from tests.conftest import EXAMPLE_CATALOG

TODAY = dt.date(2026, 12, 3)
EXAMPLE = (EXAMPLE_CATALOG / "platforms" / "example.yaml").read_text(encoding="utf-8")
BETA = (EXAMPLE_CATALOG.parent / "screens" / "platforms" / "beta.yaml").read_text(encoding="utf-8")


def fast(path: Path, *, warnings: bool = False, today: dt.date = TODAY) -> Any:
    return fastpath.platform(path.read_bytes(), str(path), today, path.stem, warnings=warnings)


def slow(path: Path, today: dt.date = TODAY) -> tuple[Any, list[Any]]:
    """What the slow path alone makes of a file: (platform or None, findings)."""
    real = fastpath.platform
    fastpath.platform = lambda *args, **kwargs: None  # type: ignore[assignment]
    try:
        return check_platform(path, today=today)
    finally:
        fastpath.platform = real  # type: ignore[assignment]


def shape(platform: Any) -> tuple[Any, ...]:
    """Everything a platform holds, for comparing two of them."""
    return (
        platform.id,
        platform.name,
        platform.domains,
        platform.categories,
        platform.languages,
        platform.aliases,
        platform.origin,
        platform.doable,
        platform.facts,
        platform.actions,
    )


def edited(tmp_path: Path, text: str, old: str, new: str, name: str = "example.yaml") -> Path:
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# -- same result -------------------------------------------------------------------------


def test_the_fast_path_reads_the_bundled_catalog_as_the_slow_path_does() -> None:
    files = sorted((bundled_catalog_dir() / "platforms").glob("*.yaml"))
    served = 0
    for path in files:
        platform = fast(path, warnings=True)
        reference, findings = slow(path)
        if platform is not None:
            served += 1
            assert findings == [] and shape(platform) == shape(reference), path
    # Nearly every file goes the fast way (one may hold something like `"*"` in a text).
    assert served >= len(files) - 3


@pytest.mark.parametrize(
    ("text", "name"), [(EXAMPLE, "example"), (BETA, "beta")], ids=["example", "beta"]
)
def test_the_fixtures_go_the_fast_way_with_the_same_result(
    tmp_path: Path, text: str, name: str
) -> None:
    path = edited(tmp_path, text, "format: 2", "format: 2", f"{name}.yaml")
    platform = fast(path, warnings=True)
    assert platform is not None
    assert shape(platform) == shape(slow(path)[0])
    assert shape(load_platform(path, today=TODAY)) == shape(platform)


# Values to put in place of a value of the example: YAML's readings of plain words, empty
# values, explicit tags, anchors, escapes making control characters, odd dates and numbers.
TRICKY = [
    "on",
    "off",
    "yes",
    "no",
    "NO",
    "No",
    "y",
    "n",
    "true",
    "True",
    "~",
    "null",
    "''",
    '""',
    "1",
    "0x10",
    "010",
    "1_0",
    "2.5",
    ".inf",
    "2026-01-01",
    "2026-1-5",
    "2026-02-30",
    "2026-13",
    "2999-01-01",
    "2026-11",
    "unknown",
    '"on"',
    "'yes'",
    '"\\e[31m"',
    '"a\\u0085b"',
    '"\\t x"',
    "\t",
    "! yes",
    "!!str yes",
    "!!bool yes",
    "!x 1",
    "&a x",
    "*a",
    "[]",
    "{}",
    "[a, b]",
    "{a: b}",
    "٣",
    "²",
    "https://example.com/x",
    "https://evil.example/x",
    "https://user@example.com/x",
    "https://example.com\\@evil.example/",
    "http://example.com/",
    '"Exa\\u202emple"',
    "a" * (MAX_STRING + 1),
    "|\n  block text",
    ">-\n  folded\n  text",
]


def variants(text: str, count: int, seed: int) -> list[str]:
    """Files differing from `text` by one edit: a line removed or repeated, or a value
    replaced by a tricky one."""
    lines = text.splitlines(keepends=True)
    found = []
    for i, line in enumerate(lines):
        found.append("".join(lines[:i] + lines[i + 1 :]))
        found.append("".join(lines[: i + 1] + [line] + lines[i + 1 :]))
        if ": " in line and not line.rstrip().endswith(":"):
            head = line.split(": ", 1)[0]
            for value in TRICKY:
                found.append("".join(lines[:i] + [f"{head}: {value}\n"] + lines[i + 1 :]))
        elif line.lstrip().startswith("- ") and ":" not in line:
            indent = line[: len(line) - len(line.lstrip())]
            for value in TRICKY:
                found.append("".join(lines[:i] + [f"{indent}- {value}\n"] + lines[i + 1 :]))
    random.Random(seed).shuffle(found)
    return found[:count]


@pytest.mark.parametrize(
    ("text", "name"), [(EXAMPLE, "example"), (BETA, "beta")], ids=["example", "beta"]
)
def test_an_edited_file_is_declined_or_read_exactly_as_the_slow_path_reads_it(
    tmp_path: Path, text: str, name: str
) -> None:
    path = tmp_path / f"{name}.yaml"
    served = refused = 0
    for variant in variants(text, 450, seed=len(name)):
        path.write_text(variant, encoding="utf-8")
        reference, findings = slow(path)
        for warnings in (False, True):
            platform = fast(path, warnings=warnings)
            if platform is None:
                continue
            served += 1
            # Never a file the slow path refuses; with warnings, never one it warns about.
            assert reference is not None, (variant, findings)
            assert not (warnings and findings), (variant, findings)
            assert shape(platform) == shape(reference), variant
        refused += reference is None
    assert served > 50 and refused > 50  # both ways were exercised


# -- each refusal, declined by the fast path and said by the slow one ---------------------

REFUSALS = [
    # YAML itself: anchors, tags, documents, nesting, syntax
    ("name: Example [formerly Sample]", "name: &n Example", "anchors (&name) are not allowed"),
    ("name: Example [formerly Sample]", "name: !custom Example", "the tag '!custom' is not"),
    ("kind: ai-training", "kind: !!python/name:os.system ai", "is not allowed"),
    ("    confidence: high\n", "    confidence: high\n---\nx: 1\n", "only one YAML document"),
    ("kind: ai-training", "kind: [ai-training", "YAML syntax error"),
    # keys
    (
        "    kind: ai-training\n",
        "    kind: ai-training\n    kind: other\n",
        "'kind' is given twice",
    ),
    ("    difficulty: easy", "    dificulty: easy", "unknown key 'dificulty'"),
    ("    difficulty: easy\n", "", "missing required key 'difficulty'"),
    ("en: Untick the box.\n", "en: Untick the box.\n              en: Again.\n", "given twice"),
    ("fr: Décochez la case.\n", "fr: Décochez la case.\n              de: Box.\n", "unknown key"),
    (
        '        available: "yes"\n',
        '        available: "yes"\n        available: "no"\n',
        "given twice",
    ),
    ("      ios:\n", "      web:\n", "'web' is given twice"),
    # YAML 1.1 readings of plain values
    ('default: "on"', "default: on", 'write on in quotes ("on")'),
    ("regions: [all]", "regions: [all, NO]", 'write NO in quotes ("NO")'),
    ("future_only: true", "future_only: on", "must be true or false, not 'on'"),
    ("publisher: Example Help Center", "publisher: yes", "write yes in quotes"),
    ("publisher: Example Help Center", "publisher: 1.5", "write 1.5 in quotes"),
    ("publisher: Example Help Center", "publisher: ~", "must not be empty"),
    ("publisher: Example Help Center", "publisher:", "must not be empty"),
    ("publisher: Example Help Center", 'publisher: "  "', "must not be empty"),
    # wrong shapes and types
    ("name: Example [formerly Sample]", "name: [Example]", "must be text, not a list"),
    ("    kind: ai-training", "    kind: {a: b}", "must be text, not a mapping"),
    (
        "      - url: https://example.com/help/ai\n        publisher: Example Help Center\n"
        "        published: 2024-07-26\n        type: official\n",
        "      - [https://example.com/help/ai, Example Help Center]\n",
        "must be a mapping",
    ),
    ("  - id: ai-training\n", "  - [id]: ai-training\n", "keys must be plain names"),
    ("format: 2\n", "[format]: 2\n", "keys must be plain names"),
    ("      ios:\n", "      [ios]:\n", "keys must be plain names"),
    (
        "    title:\n      en: Turn off AI training on your posts\n"
        "      fr: Désactiver l'entraînement de l'IA sur vos publications\n"
        '      fr_from: "dbced14c"\n',
        "    title: [Turn off AI training, on your posts]\n",
        "must be a mapping of keys",
    ),
    ("domains: [example.com]", "domains: [example.com, exa_mple.com]", "is not a domain name"),
    ("aliases: [Sample]", "aliases: Sample", "must be a list"),
    ("    surfaces:\n", "    surfaces: {}\n    old:\n", "unknown key"),
    ("- en: Settings\n", "- en: [Settings]\n", "must be text"),
    # limits and characters
    ("publisher: Example Help Center", f"publisher: {'x' * (MAX_STRING + 1)}", "characters long"),
    (
        "aliases: [Sample]",
        f"aliases: [{', '.join(f'A{n}' for n in range(MAX_LIST + 1))}]",
        f"at most {MAX_LIST}",
    ),
    ("en: Untick the box.", 'en: "Untick\\e[31m the box."', "control characters"),
    ("en: Untick the box.", 'en: "Untick\\x9b the box."', "control characters"),
    ("name: Example [formerly Sample]", 'name: "Exa\\u202emple"', "bidi overrides"),
    ("aliases: [Sample]", 'aliases: ["Sam\\u200bple"]', "bidi overrides"),
    # values
    ("    kind: ai-training", "    kind: ai-trainer", "is not one of"),
    ("categories: [social]", "categories: [socials]", "is not one of"),
    ("languages: [en, fr]", "languages: [en, de]", "is not one of"),
    ("  - id: ai-training", "  - id: AI_training", "must be lowercase letters"),
    ("domains: [example.com]", "domains: [example]", "is not a domain name"),
    ("    minutes: 2", "    minutes: 0", "from 1 to 240"),
    ("    minutes: 2", "    minutes: 241", "from 1 to 240"),
    ("    minutes: 2", '    minutes: "2.5"', "from 1 to 240"),
    ("format: 2", "format: 1", "catalog format 1"),
    ("format: 2", "format: 3", "format must be 2"),
    ("verified: 2026-11-24", "verified: 2026-12-04", "is in the future"),
    ("verified: 2026-11-24", "verified: 2026-02-30", "is not a date"),
    ("verified: 2026-11-24", "verified: 2026-11", "is not a date"),
    ("published: 2024-07-26", "published: 2024-13", "is not a date"),
    ("published: 2024-07-26", "published: 2999-01", "is in the future"),
    ("regions: [all]", "regions: [XX]", "must be an ISO 3166 code"),
    # links
    (
        "link: https://example.com/settings/ai",
        "link: http://example.com/settings/ai",
        "must be an https:// link",
    ),
    (
        "link: https://example.com/settings/ai",
        "link: https://evil.example/settings",
        "not one of the platform's domains",
    ),
    (
        "link: https://example.com/settings/ai",
        "link: https://a@example.com/settings",
        "user name or password",
    ),
    ("url: https://example.com/help/ai", "url: https://example.com\\@evil.example/", "backslash"),
    ("url: https://example.com/help/ai", "url: https://bit.ly/abc", "link shortener"),
    ("url: https://example.com/help/ai", "url: https://192.168.1.1/x", "must name a domain"),
    # rules over several fields
    ("id: example", "id: other", "must equal the file name"),
    ("languages: [en, fr]", "languages: [fr]", "languages must include en"),
    (
        "      fr: Si Example peut utiliser vos publications pour entraîner ses modèles d'IA.\n",
        "",
        "missing the French text",
    ),
    ("id: untick", "id: open-settings", "step id 'open-settings' is used twice"),
    (
        '        available: "yes"\n        link:',
        '        available: "yes"\n        lnk:',
        "unknown key",
    ),
    (
        "        steps:\n          - id: open-settings",
        "        template: Hello {{name}}\n        steps:\n          - id: open-settings",
        "only form and email surfaces have a template",
    ),
    (
        "        link: https://example.com/settings/ai\n",
        "        link: https://example.com/settings/ai\n        address: a@example.com\n",
        "only an email surface has an address",
    ),
    ("              set_to: unticked", "              set_to: chosen", "needs a value"),
    (
        "            path:\n              - en: Settings\n",
        "            path:\n              - en: Settings\n                formerly:\n"
        "                  - en: Preferences\n                    until: 2025-01\n",
        None,
    ),
    (
        "            text:\n              en: Open the AI settings page.\n",
        "            text:\n              en: Open the AI settings page.\n              formerly:\n"
        "                - en: Old\n                  until: 2025-01\n",
        "only a label",
    ),
    (
        "    confidence: high\n",
        "    confidence: high\n    changes:\n      - date: 2025-01\n        what: Renamed\n"
        "      - date: 2026-01\n        what: Moved\n",
        "newest change first",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), REFUSALS)
def test_each_refusal_is_declined_by_the_fast_path(
    tmp_path: Path, old: str, new: str, message: str | None
) -> None:
    path = edited(tmp_path, EXAMPLE, old, new)
    if message is None:  # a former wording on a label: allowed, and read the fast way
        assert fast(path) is not None
        return
    assert fast(path) is None
    with pytest.raises(CatalogError) as caught:
        load_platform(path, today=TODAY)
    assert any(message in p.message for p in caught.value.problems), caught.value.problems


BETA_REFUSALS = [
    ("{{your name}}.", "{{your name.", "unbalanced"),
    ("address: privacy@beta.example", "address: privacy-at-beta.example", "not an email address"),
    ("      email:\n", "      web:\n", "only an email surface has an address"),
    ("        steps:\n", "        stps:\n", "unknown key"),
]


@pytest.mark.parametrize(("old", "new", "message"), BETA_REFUSALS)
def test_each_surface_rule_is_declined_by_the_fast_path(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = edited(tmp_path, BETA, old, new, name="beta.yaml")
    assert fast(path) is None
    with pytest.raises(CatalogError) as caught:
        load_platform(path, today=TODAY)
    assert any(message in p.message for p in caught.value.problems), caught.value.problems


def test_an_available_surface_without_steps_is_declined(tmp_path: Path) -> None:
    text = BETA.replace('        available: "yes"', '        available: "yes"\n        old: x', 1)
    lines = text.split("        steps:\n")[0] + "    sources:" + text.split("    sources:")[1]
    path = tmp_path / "beta.yaml"
    path.write_text(lines.replace("        old: x\n", ""), encoding="utf-8")
    assert fast(path) is None
    with pytest.raises(CatalogError) as caught:
        load_platform(path, today=TODAY)
    assert any("needs steps" in p.message for p in caught.value.problems)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("verified: 2026-11-24", "verified: 2026-01-05", "days ago: may be out of date"),
        ('      fr_from: "dbced14c"\n', "", "has no fr_from stamp"),
        ('fr_from: "dbced14c"', 'fr_from: "00000000"', "the French text is stale"),
    ],
)
def test_a_warning_sends_validate_the_slow_way_and_load_the_fast_way(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = edited(tmp_path, EXAMPLE, old, new)
    assert fast(path, warnings=True) is None  # validate: the slow path says where
    platform, findings = check_platform(path, today=TODAY)
    assert platform is not None and [f.message for f in findings if message in f.message]
    loaded = fast(path, warnings=False)  # loading needs no warnings: the fast path serves
    assert loaded is not None and shape(loaded) == shape(platform)


def test_a_file_the_fast_path_declines_still_loads_the_slow_way(tmp_path: Path) -> None:
    path = edited(tmp_path, EXAMPLE, "publisher: Example Help Center", "publisher: Ex *Help*")
    assert fast(path) is None  # "*H" could start an alias: the slow path decides
    assert load_platform(path, today=TODAY).actions[0].sources[0].publisher == "Ex *Help*"


def test_a_link_checked_as_a_source_is_checked_again_as_the_platform_s_own(
    tmp_path: Path,
) -> None:
    # A source may be on any domain; the same address as a step's link must be on the
    # platform's: what was checked for one is not taken as checked for the other.
    text = EXAMPLE.replace("https://example.com/help/ai", "https://press.example.org/ai")
    text = text.replace("https://example.com/settings/ai", "https://press.example.org/ai")
    head, rest = text.split("    surfaces:\n", 1)
    surfaces, tail = rest.split("    sources:\n", 1)
    sources, end = tail.split("    verified:", 1)
    path = tmp_path / "example.yaml"
    path.write_text(
        head + "    sources:\n" + sources + "    surfaces:\n" + surfaces + "    verified:" + end,
        encoding="utf-8",
    )
    assert fast(path) is None
    with pytest.raises(CatalogError) as caught:
        load_platform(path, today=TODAY)
    assert any("not one of the platform's domains" in p.message for p in caught.value.problems)


@pytest.mark.parametrize(
    ("block", "empty", "message"),
    [
        ("    sources:\n", "    sources: []\n", "must not be empty"),
        ("    surfaces:\n", "    surfaces: {}\n", "must name at least one of"),
        ("    surfaces:\n", "    surfaces: [web, ios]\n", "must be a mapping of keys"),
    ],
)
def test_an_action_without_sources_or_surfaces_is_declined(
    tmp_path: Path, block: str, empty: str, message: str
) -> None:
    head, rest = EXAMPLE.split(block, 1)
    nxt = "    verified:" if block.startswith("    sources") else "    sources:"
    path = tmp_path / "example.yaml"
    path.write_text(head + empty + nxt + rest.split(nxt, 1)[1], encoding="utf-8")
    assert fast(path) is None
    with pytest.raises(CatalogError) as caught:
        load_platform(path, today=TODAY)
    assert any(message in p.message for p in caught.value.problems), caught.value.problems


def _check_link_passes(url: str, domains: tuple[str, ...] | None) -> bool:
    try:
        check_link(url, domains)
    except LinkProblem:
        return False
    return True


def _links() -> list[tuple[str, tuple[str, ...] | None]]:
    """Links of the bundled catalog, tricky ones, and thousands made up (seeded)."""
    found: list[tuple[str, tuple[str, ...] | None]] = []
    for path in sorted((bundled_catalog_dir() / "platforms").glob("*.yaml")):
        for url in re.findall(r"(?:url|link): (https://\S+)", path.read_text(encoding="utf-8")):
            found += [(url, None), (url, ("example.com",))]
    tricky = [
        "https://example.com",
        "https://example.com/",
        "https://www.example.com/a?b=c#d",
        "https://sub.example.com./x",
        "https://EXAMPLE.com/x",
        "https://example.com:443/x",
        "https://user@example.com/",
        "https://example.com@evil.example/",
        "https://example.com\\@evil.example/",
        "https://evil.example\\.example.com/",
        "https://1.2.3.4/",
        "https://example.0x1f/",
        "https://example.123/",
        "https://[::1]/",
        "https://bit.ly/x",
        "https://www.bit.ly/x",
        "https://t.co/x",
        "https://notexample.com/",
        "https://example.com/https://evil.example/",
        "https://web.archive.org/web/1/https://x.com",
        "https://xn--nxasmq6b.com/",
        "https://xn--a.example.com/",
        "https://exa-.example.com/",
        "https://-a.example.com/",
        "https://a--b.example.com/",
        "http://example.com/",
        "https://example.com/" + "x" * 1000,
        "https://example.com/" + "x" * 980,
        "https://example.com/%2e%2e/",
        "https://example.com/a b",
        "https://example.com/\u200b",
        "https://ex\u00e4mple.com/",
        "https://example.com/é",
        "javascript:alert(1)",
    ]
    for url in tricky:
        found += [(url, None), (url, ("example.com",)), (url, ("com",))]
    rnd = random.Random(16)
    labels = ["example", "com", "bit", "ly", "xn--nxasmq6b", "a-b", "0x1f", "12", "a", "-", ""]
    tails = ["", "/", "/a?b#c", ":8080/", "@evil.example/", "\\x", "/%41", "?q=https://x.y"]
    for _ in range(4000):
        host = ".".join(rnd.choice(labels) for _ in range(rnd.randint(1, 4)))
        url = "https://" + host + rnd.choice(tails)
        found.append((url, rnd.choice([None, ("example.com",), (host.strip(".-"),), ("ly",)])))
    return found


def test_a_link_gets_the_verdict_check_link_gives() -> None:
    plain = 0
    for url, domains in _links():
        assert fastpath.link_passes(url, domains) == _check_link_passes(url, domains), (
            url,
            domains,
        )
        plain += fastpath._PLAIN_LINK.match(url) is not None
    assert plain > 1000  # the plain way was taken


def test_every_rule_of_the_slow_path_is_checked_by_the_fast_path() -> None:
    rules = {rule.__name__ for group in loader.RULES.values() for rule in group}
    rules |= {rule.__name__ for rule in loader.TEXT_RULES}
    assert rules == fastpath.RULES_COVERED


# -- what sends a file the slow way before it is parsed ------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"a: &x 1\n",
        b"&x a: 1\n",
        b"&x a: 1",
        b"a:\n- *x\n",
        b"a: [x,*y]\n",
        b'a: {"b":&c d}\n',
        b"a: !!str x\n",
        b"a: !t x\n",
        b"a:\t&x 1\n",
        b"\xef\xbb\xbf&a x: 1\n",
        b"a: b\xc2\x85&x c\n",
        b"%YAML 1.1\n---\na: 1\n",
        b"a: 1\n%TAG ! tag:x,2000:\n",
    ],
)
def test_anchors_aliases_tags_and_directives_are_seen_in_the_bytes(data: bytes) -> None:
    assert fastpath.unusual(data)


@pytest.mark.parametrize(
    "data",
    [
        b"a: AT&T\n",
        b"a: Hello!\n",
        b"a: x & y\n",
        b"a: 50% off\n",
        b"a: /x#!/y\n",
        b"a: b-%20\n",
        b'a: "User-agent: *" and "(*)"\n',
    ],
)
def test_ampersands_stars_and_bangs_inside_text_are_text(data: bytes) -> None:
    assert not fastpath.unusual(data)


@pytest.mark.parametrize("mark", ["&", "*"])
def test_an_anchor_or_alias_not_seen_in_the_bytes_cannot_be_composed(mark: str) -> None:
    # unusual() lets "& " or '*"' through: libyaml names anchors with letters, digits, _ and
    # -, so a & or * starting a token and followed by anything else is a syntax error.
    for code in range(0x21, 0x7F):
        char = chr(code)
        for text in (f"a: {mark}{char}x b\n", f"a: [{mark}{char}x]\n", f"- {mark}{char}\n"):
            if not fastpath.unusual(text.encode()):
                with pytest.raises(fastpath.Decline):
                    fastpath.compose(text.encode())


@pytest.mark.parametrize("data", [b"a: \\e\n", b'a: "\\x1b"\n', b'a: "\\N"\n'])
def test_a_file_that_may_hold_a_control_character_is_checked_value_by_value(data: bytes) -> None:
    assert fastpath.may_hold_controls(data)


def _values(node: Any) -> list[str]:
    found: list[str] = []
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node.args[1], str):
            found.append(node.args[1])
        else:
            for entry in node.args[1]:
                stack.extend(entry if isinstance(entry, tuple) else [entry])
    return found


@pytest.mark.parametrize("code", [*range(0x00, 0x20), *range(0x7F, 0xA0)])
def test_a_control_character_written_as_such_never_reaches_a_value(code: int) -> None:
    # Why a file without a backslash is not searched for control characters
    # (fastpath.may_hold_controls): libyaml refuses the file, or reads the character as a
    # line break (or a tab), in every kind of value and in a key.
    char = chr(code).encode()
    forms = [b"a: x%sy\n", b"a: 'x%sy'\n", b'a: "x%sy"\n', b"a: |\n  x%sy\n", b"a: >\n  x%sy\n"]
    forms += [b"a: [x%sy]\n", b"a: x\n  %sy\n", b"a: %s\n", b"a%s: b\n", b"- x%s\n"]
    for form in forms:
        data = form.replace(b"%s", char)
        assert not fastpath.may_hold_controls(data)
        try:
            root = fastpath.compose(data)
        except fastpath.Decline:
            continue
        assert not any(has_control(value) for value in _values(root)), data


def test_text_with_tabs_and_guillemets_holds_no_control_character() -> None:
    assert not fastpath.may_hold_controls("a: «\tx» \u00a0\n".encode())


def test_the_collector_is_back_on_after_a_load_even_a_failed_one(tmp_path: Path) -> None:
    assert gc.isenabled()
    (tmp_path / "bad.yaml").write_text("- not a platform\n", encoding="utf-8")
    with pytest.raises(CatalogError):
        loader.load_catalog([tmp_path])
    assert gc.isenabled()
    loader.load_catalog([EXAMPLE_CATALOG])
    assert gc.isenabled()


def test_pyyaml_s_own_node_classes_are_back_after_each_file() -> None:
    # The fast path composes with light node classes put in yaml._yaml's names for the
    # while (see fastpath.compose); after a file, read or declined, they are PyYAML's again.
    import yaml
    import yaml._yaml

    pyyaml = (yaml.nodes.ScalarNode, yaml.nodes.SequenceNode, yaml.nodes.MappingNode)
    loader.load_catalog([EXAMPLE_CATALOG])
    with pytest.raises(fastpath.Decline):
        fastpath.compose(b"a: [b\n")
    assert (yaml._yaml.ScalarNode, yaml._yaml.SequenceNode, yaml._yaml.MappingNode) == pyyaml
    assert yaml.load("a: [b, 1]", Loader=yaml.CSafeLoader) == {"a": ["b", 1]}
