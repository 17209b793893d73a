"""Choosing and opening the store the settings ask for."""

from __future__ import annotations

import logging
from datetime import date

from sheetsapi.config import Settings
from sheetsapi.store.base import Store
from sheetsapi.store.demo import load_demo_data
from sheetsapi.store.local import LocalStore

log = logging.getLogger(__name__)

LOCAL_DATABASE = "sheetsapi.sqlite3"


def open_store(settings: Settings, today: date) -> Store:
    """Open the Google store when SPREADSHEET_ID is set, else the local one."""
    if settings.uses_google:
        from sheetsapi.store.google import GoogleSheetsStore  # gspread only when needed

        return GoogleSheetsStore.from_settings(settings)
    return open_local_store(settings, today)


def open_local_store(settings: Settings, today: date) -> LocalStore:
    """Open the local store, creating it with demo data on first start."""
    store = LocalStore(settings.data_dir / LOCAL_DATABASE)
    store.initialise()
    if store.is_new:
        load_demo_data(store, today)
        store.just_made_with_demo_data = True
        log.info("Created the local store at %s with demo data", store.path)
    return store
