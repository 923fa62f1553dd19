"""The app's screens: browse platforms, follow a platform's checklist, QR hand-off, help."""
