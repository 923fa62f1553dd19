"""The plain command-line commands: each a function of parsed arguments returning an exit code.

None of them imports Textual; they print plain text when piped and light styling on a terminal.
"""
