"""The app's own theme: high contrast, for low vision and bright rooms."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="optout-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffaa00",
    error="#ff5555",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#1a1a1a",
    dark=True,
    text_alpha=1.0,
    variables={
        "text-muted": "#ffffff",
        "text-disabled": "#cccccc",
        "footer-key-foreground": "#ffff00",
    },
)
