"""Reusable widgets: the step checklist, the action detail and the QR code."""
