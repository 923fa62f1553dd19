"""Hand a link to a phone: a QR code sized to the terminal, with the URL always beside it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from optout_tui.i18n import translator
from optout_tui.qr import qr_matrix, too_long
from optout_tui.tui.bindings import localise_bindings
from optout_tui.tui.widgets.qr_code import QrCode

INFO_MIN_WIDTH = 24  # columns kept for the URL and the instructions beside the code


class QrScreen(Screen):
    """A full screen (no header) so that a long URL's code still fits at 80×24."""

    DEFAULT_CSS = """
    QrScreen {
        & #qr-body { height: 1fr; }
        & #qr-info {
            width: 1fr;
            min-width: 20;
            padding: 1 2;
            & > Static { margin-bottom: 1; }
        }
        & #qr-url { text-style: bold; }
    }
    """

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="qr.back"),
        Binding("o", "open_link", "Open in browser", id="qr.open"),
        Binding("c", "copy_link", "Copy link", id="qr.copy"),
        Binding("i", "invert", "Invert", id="qr.invert"),
    ]

    def __init__(self, url: str, title: str) -> None:
        super().__init__()
        self.url = url
        self.heading = title

    def compose(self) -> ComposeResult:
        with Horizontal(id="qr-body"):
            yield QrCode()
            with Vertical(id="qr-info"):
                yield Static(Content.styled(self.heading, "bold"), id="qr-title")
                yield Static(id="qr-message")
                yield Static(Content(self.url), id="qr-url")
        yield Footer()

    def on_mount(self) -> None:
        localise_bindings(self, self.app.lang)
        self.query_one(QrCode).glyph_mode = self.app.no_color
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        rows = max(self.size.height - 1, 0)  # the footer takes one row
        columns = max(self.size.width - INFO_MIN_WIDTH, 0)
        code = self.query_one(QrCode)
        code.matrix = qr_matrix(self.url, max_cell_rows=rows, max_columns=columns)
        code.display = code.matrix is not None
        message = self.query_one("#qr-message", Static)
        _ = translator(self.app.lang).gettext
        if code.matrix is None:
            if too_long(self.url):
                message.update(_("This link is too long for a QR code; here is the link:"))
            else:
                message.update(
                    _(
                        "The terminal is too small to draw a QR code that a phone "
                        "can read. Enlarge the window, or type this link on the "
                        "phone:"
                    )
                )
        else:
            hint = _("Point your phone's camera at the code, or type this link:")
            if code.glyph_mode:
                hint += _(" (no colours: press i if your phone cannot read it)")
            message.update(hint)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "invert":  # only the no-colour drawing has two polarities
            return self.query_one(QrCode).glyph_mode
        return True

    def action_invert(self) -> None:
        code = self.query_one(QrCode)
        code.invert = not code.invert

    def action_open_link(self) -> None:
        self.app.open_url(self.url)
        self.notify(
            translator(self.app.lang)
            .gettext("Asked your browser to open {url}")
            .format(url=self.url),
            markup=False,
        )

    def action_copy_link(self) -> None:
        self.app.copy_to_clipboard(self.url)
        self.notify(
            translator(self.app.lang).gettext(
                "Link copied, if your terminal lets programs copy (if pasting gives nothing, copy "
                "it from the screen)."
            ),
            markup=False,
        )
