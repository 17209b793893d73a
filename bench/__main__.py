"""`.venv/bin/python -m bench`: run the benchmark (from the repository root)."""

import sys

from bench.run import main

sys.exit(main())
