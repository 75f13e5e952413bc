"""``python -m ipnav`` is the ``ipnav`` command."""

import sys

from ipnav.cli import main

sys.exit(main())
