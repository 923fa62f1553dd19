"""optout-tui: a terminal guide through opting out of AI training and data sharing."""

__version__ = "0.1.0"
