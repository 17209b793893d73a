"""WSGI entry point: `gunicorn app:app`; `python app.py` serves it with gunicorn too."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from sheetsapi import create_app
from sheetsapi.config import SettingsError, load_settings


def serve() -> None:
    """Check the settings, then replace this process with gunicorn serving `app:app`."""
    try:
        load_settings()
    except SettingsError as error:
        sys.exit(str(error))
    here = Path(__file__).resolve().parent
    os.execv(sys.executable, [sys.executable, "-m", "gunicorn", "--chdir", str(here),
                              "--config", str(here / "gunicorn.conf.py"), "app:app"])


if __name__ == "__main__":
    serve()
else:
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        app = create_app()
    except SettingsError as error:
        print(error, file=sys.stderr)
        # 4 is gunicorn's "app failed to load": the master stops instead of respawning.
        sys.exit(4)
