"""``python -m vn_welfare_extract …`` runs the command line, as ``vn-welfare-extract …`` does."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
