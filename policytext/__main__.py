"""``python -m policytext …``: the same as the ``policytext`` command."""

import sys

from .cli.app import main

sys.exit(main())
