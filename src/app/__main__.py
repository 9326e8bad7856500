"""`python -m app` does exactly what the `hamstride` command does."""

import sys

from app.cli.main import main

sys.exit(main())
