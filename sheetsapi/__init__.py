"""sheetsapi: a lettings office's leads and viewings, kept in a Google Spreadsheet."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta, timezone

from flask_openapi3 import OpenAPI

from sheetsapi.api import register_api
from sheetsapi.api.openapi import new_app
from sheetsapi.cli import sheets
from sheetsapi.config import Settings, load_settings
from sheetsapi.services import Clock, Office
from sheetsapi.store.base import Store
from sheetsapi.store.factory import open_store
from sheetsapi.unit_of_work import UnitOfWork

__version__ = "0.1.0"

log = logging.getLogger(__name__)

DEV_TOKEN_FILE = "dev_token"


def utc_now() -> datetime:
    """Return the current time (the default clock)."""
    return datetime.now(timezone.utc)


def create_app(settings: Settings | None = None, *, store: Store | None = None,
               clock: Clock | None = None) -> OpenAPI:
    """Build the WSGI app; nothing is opened until this is called."""
    settings = settings or load_settings()
    clock = clock or utc_now
    store = store or open_store(settings, clock().astimezone(settings.zone).date())
    app = new_app(__name__, __version__)
    app.json.sort_keys = False  # keep the contract's field order
    app.config["API_TOKENS"] = settings.api_token or _development_tokens(settings)
    app.config["STORE_KIND"] = store.kind
    uow = UnitOfWork(store, zone=settings.zone, ttl_seconds=settings.cache_ttl_seconds)
    app.extensions["sheetsapi"] = Office(
        uow=uow, zone=settings.zone, region=settings.default_region,
        min_notice=timedelta(minutes=settings.min_notice_minutes), clock=clock,
    )
    register_api(app)
    app.cli.add_command(sheets)
    return app


def _development_tokens(settings: Settings) -> tuple[str, ...]:
    """Return a token kept in DATA_DIR, for trying the service on the local store."""
    path = settings.data_dir / DEV_TOKEN_FILE
    if path.exists():
        log.info("API_TOKEN is not set: using the development token in %s", path)
        return (path.read_text().strip(),)
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    path.write_text(token + "\n")
    path.chmod(0o600)
    log.warning("API_TOKEN is not set: made the development token %s (kept in %s)", token, path)
    return (token,)
