"""`python -m optout_tui` runs the same command line as `optout`."""

import sys

from optout_tui.cli import main

sys.exit(main())
