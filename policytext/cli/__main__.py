"""``python -m policytext.cli …``: the same as the ``policytext`` command."""

import sys

from .app import main

sys.exit(main())
