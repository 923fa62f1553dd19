"""The program's words: every message extracted, translated, compiled, and none left outside
gettext (the translations are standard .po files: a third language is a file)."""

from __future__ import annotations

import ast
import importlib.util
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from optout_tui.cli import main
from optout_tui.i18n import LANGUAGES, LOCALE_DIR, Localised, help_text, translator

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "optout_tui"


def _messages_script():
    spec = importlib.util.spec_from_file_location("messages", ROOT / "scripts" / "messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _catalog(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "optout.po").open("rb") as stream:
        return read_po(stream, locale=lang)


def test_pot_po_and_mo_are_current_with_the_sources() -> None:
    """A message added, changed or translated without `python scripts/messages.py` fails."""
    assert [str(p.relative_to(ROOT)) for p in _messages_script().stale()] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated(lang: str) -> None:
    untranslated = [
        m.id
        for m in _catalog(lang)
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,)))
    ]
    assert untranslated == []


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_every_placeholder(lang: str) -> None:
    """{n}, {path}… must survive translation, or `.format()` fails at run time."""
    wrong = [
        m.id
        for m in _catalog(lang)
        if m.id and isinstance(m.id, str) and m.string and _fields(m.id) != _fields(m.string)
    ]
    assert wrong == []


def test_the_english_catalog_repeats_every_message() -> None:
    """English words are the messages themselves (no catalog is read for English, see
    i18n.SOURCE_LANGUAGE): a different English wording goes in the source, not in the .po."""
    different = [
        m.id
        for m in _catalog("en")
        if m.id and (tuple(m.string) if isinstance(m.id, tuple) else m.string) != m.id
    ]
    assert different == []
    words = translator("en")
    assert words.ngettext("{n} platform", "{n} platforms", 1) == "{n} platform"
    assert words.ngettext("{n} platform", "{n} platforms", 2) == "{n} platforms"
    assert words.pgettext("difficulty", "medium") == "medium"


def test_french_words_come_from_the_compiled_catalog() -> None:
    fr = translator("fr")
    assert fr.gettext("Whose progress?") == "Les progrès de qui ?"
    assert fr.pgettext("difficulty", "medium") == "moyenne"
    assert translator("en").gettext("Whose progress?") == "Whose progress?"
    assert translator("fr") is fr  # bound once per language


def test_one_word_for_one_thing_in_french() -> None:
    """The app and the command line used to say "moyenne" and "moyen", "Régler :" and
    "Régler:"; each word now has one translation."""
    fr = translator("fr")
    assert fr.pgettext("difficulty", "medium") == "moyenne"
    assert fr.gettext("Set: ") == "Régler : "


def test_errors_are_put_into_words_in_the_readers_language() -> None:
    error = Localised("no profile named {name!r}", name="Ada")
    assert str(error) == "no profile named 'Ada'"
    assert error.text("fr") == "aucun profil nommé 'Ada'"


def test_a_message_without_values_is_shown_as_it_is() -> None:
    """An error built from text made elsewhere (with braces of its own) never breaks."""
    error = Localised("cannot read {not a placeholder}: {0}")
    assert str(error) == error.text("fr") == "cannot read {not a placeholder}: {0}"


def test_command_errors_and_help_in_french(capsys, tmp_path: Path) -> None:
    code = main(["--lang", "fr", "profiles", "rename", "nobody", "x", "--data-dir", str(tmp_path)])
    assert code == 1
    assert "aucun profil nommé 'nobody'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang=fr", "--help"])
    assert "lister les plateformes et leurs actions" in capsys.readouterr().out


def test_help_page_per_language() -> None:
    english, french = help_text("en"), help_text("fr")
    assert english.startswith("# optout: keys") and french.startswith("# optout : les touches")
    # Same table: one row per key in each language.
    assert english.count("\n| ") == french.count("\n| ")
    assert help_text("xx") == english


# -- no English left outside gettext --------------------------------------------------------

# Modules whose words are for the people who keep the catalog (validator, stamp, stats and
# their commands: English, like the catalog's format) or for developers (the benchmark).
NOT_TRANSLATED = (
    "optout_tui/bench/",
    "optout_tui/catalog/",
    "optout_tui/commands/maintain.py",
    "optout_tui/commands/catalog_maint.py",
    "optout_tui/updates/links.py",
)
EXTRACTED = {
    "_",
    "N_",
    "NC_",
    "gettext",
    "ngettext",
    "pgettext",
    "npgettext",
    "Localised",
    "Phrase",
    "StoreError",
    "CommandError",
    "Binding",
}
# Calls whose strings are not for a person: word tables' contexts, programming errors.
NOT_WORDS = {"Words", "ValueError", "TypeError", "KeyError", "RuntimeError", "AssertionError"}
NOT_WORD_NAMES = {"DEFAULT_CSS", "CSS", "KEYWORDS", "__all__"}
STYLE_WORDS = {"bold", "dim", "italic", "reverse", "underline", "strike", "not", "on"}
SQL = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA|BEGIN|COMMIT|"
    r"ROLLBACK|WITH|AND|WHERE|ORDER)\b"
)
PROSE = re.compile(r"[A-Za-z][a-z]+[ ,:;.!?]+[a-z]{2,}|^[A-Z][a-z]{2,}[.:!?]?$")
# Literals a person reads that are not words to translate.
ALLOWED = {
    "optout",  # the program's name
}


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    return (
        func.id
        if isinstance(func, ast.Name)
        else (func.attr if isinstance(func, ast.Attribute) else None)
    )


def _untranslated(tree: ast.AST) -> list[tuple[int, str]]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))  # docstring
            for statement in body:  # attribute docstrings: a string after an assignment
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                    skip.add(id(statement.value))
        if isinstance(node, ast.Call) and _call_name(node) in EXTRACTED | NOT_WORDS:
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in NOT_WORD_NAMES for t in node.targets
        ):
            skip.update(id(n) for n in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip or not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        text = re.sub(r"\{[^{}]*\}", " ", node.value)
        if text.strip() in ALLOWED or SQL.match(text) or "://" in text:
            continue
        if text.lstrip().startswith("<") or ("<" in text and ">" in text):
            continue  # HTML around translated words
        if not text.split() or (len(text.split()) == 1 and not re.match(r"[A-Z][a-z]", text)):
            continue  # one lowercase token: an id, a file or module name
        if set(text.split()) <= STYLE_WORDS | {w for w in text.split() if w.startswith("$")}:
            continue
        if PROSE.search(text):
            found.append((node.lineno, node.value))
    return found


def test_no_english_literal_outside_gettext() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name.startswith(NOT_TRANSLATED):
            continue
        for line, text in _untranslated(ast.parse(path.read_text(encoding="utf-8"))):
            found.append(f"{name}:{line}: {text!r}")
    assert found == []


def test_the_literal_check_finds_an_untranslated_message() -> None:
    tree = ast.parse(
        'def f(app):\n    app.notify("Every change is saved now.")\n'
        '    app.notify(_("Every change is saved now."))\n'
        '    b = Binding("q", "quit", "Quit")\n    x = Static("Quit")\n'
    )
    assert _untranslated(tree) == [(2, "Every change is saved now."), (5, "Quit")]


def test_a_command_error_with_an_exit_code(capsys) -> None:
    assert main(["catalog", "check-links", "--fail-on", "nope"]) == 2
    assert "--fail-on: unknown nope" in capsys.readouterr().err
