"""The Textual face of optout-tui: the app, its screens and widgets."""
