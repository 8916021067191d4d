"""``python -m kvcc.cli``: the ``kvcc`` command."""

import sys

from kvcc.cli import main

sys.exit(main())
