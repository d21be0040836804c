"""``python -m icplab``: the command line."""

import sys

from icplab.cli import main

sys.exit(main())
