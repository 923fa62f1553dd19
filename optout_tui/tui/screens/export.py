"""Choose how to export this person's progress (a printable handout, Markdown or JSON) and
into which folder; then show where it was written until the person closes the note."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from optout_tui.i18n import N_, translator
from optout_tui.tui.screens.dialog import Dialog
from optout_tui.tui.widgets.link_wrap import PATH, LinkWrap

FORMATS = [
    ("html", N_("Printable handout (HTML, a QR code per link left to do)")),
    ("md", N_("Markdown (plain text with links)")),
    ("json", N_("JSON (to import on another machine: optout import FILE)")),
]


def default_folder() -> Path:
    """The documents folder when there is one, else the home folder."""
    from platformdirs import user_documents_path

    folder = user_documents_path()
    return folder if folder.is_dir() else Path.home()


class ExportScreen(Dialog[tuple[str, Path] | None]):
    """Dismisses with (format, folder) — format "html", "md" or "json", folder an existing
    directory — or None."""

    DEFAULT_CSS = """
    ExportScreen #export-box {
        width: 64;
        & > OptionList { height: auto; border: none; margin-bottom: 1; }
    }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="export.cancel")]

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        self.folder = folder or default_folder()

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        with Vertical(id="export-box", classes="dialog"):
            yield Static(Content.styled(_("Export this person's progress as…"), "bold"))
            yield OptionList(
                *(Option(Content(_(text)), id=fmt) for fmt, text in FORMATS), id="export-formats"
            )
            yield Static(_("Into the folder (Tab to change it):"))
            yield Input(str(self.folder), id="export-folder", select_on_focus=False)
            yield Static(id="export-problem")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#export-problem", Static).display = False
        self.query_one("#export-formats", OptionList).focus()

    def _folder(self) -> Path | None:
        """The folder typed, when it is an existing directory; else None, and why is shown."""
        _ = translator(self.app.lang).gettext
        text = self.query_one("#export-folder", Input).value.strip()
        folder = Path(text).expanduser() if text else None
        if folder is not None and folder.is_dir():
            return folder
        problem = self.query_one("#export-problem", Static)
        problem.update(
            Content.styled(
                _("There is no folder {path}: type an existing one.").format(path=text),
                "bold $text-error",
            )
        )
        problem.display = True
        self.query_one("#export-folder", Input).focus()
        return None

    @on(OptionList.OptionSelected, "#export-formats")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        folder = self._folder()
        if folder is not None and event.option.id:
            self.dismiss((event.option.id, folder))

    @on(Input.Submitted, "#export-folder")
    def folder_typed(self) -> None:
        self.query_one("#export-formats", OptionList).focus()


class ExportedScreen(Dialog[None]):
    """Where the export was written, shown until the person closes it (Enter or Esc)."""

    DEFAULT_CSS = """
    ExportedScreen #exported-box {
        width: 64;
        & > #exported-path { text-style: bold; margin: 1 0; }
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="exported.close"),
        Binding("enter", "dismiss(None)", "Close", id="exported.ok", show=False),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        with Vertical(id="exported-box", classes="dialog"):
            yield Static(Content.styled(_("Exported. The file is:"), "bold"))
            yield Static(LinkWrap(Content(str(self.path)), PATH), id="exported-path")
            yield Static(Content.styled(_("Enter or Esc closes this."), "dim"))
