"""python -m optout_tui.bench"""

import sys

from optout_tui.bench import main

sys.exit(main())
