"""Fixtures: a fixed clock, a store of each kind behind a person's editor, app and client."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sheetsapi import create_app
from sheetsapi.config import Settings
import responses
from google.auth.credentials import AnonymousCredentials
from tenacity import wait_none

from sheetsapi.store.base import Store
from sheetsapi.store.google import GoogleSheetsStore
from sheetsapi.store.local import LocalStore
from sheetsapi.store.sheets_http import RedirectingHTTPClient
from sheetsapi.tabs import COLUMNS, TAB_NAMES
from tests.fakes.sheets_api import FakeSheets
from tests.people import GoogleSheetEditor, LocalSheetEditor

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# A Wednesday; the seed's viewings are on the following Monday.
NOW = datetime(2025, 10, 1, 9, 0, tzinfo=timezone.utc)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, api_token=(TOKEN,), timezone="UTC", data_dir=tmp_path,
                    cache_ttl_seconds=15)


@pytest.fixture(params=["local", "google"])
def store_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def sheets_mock() -> Iterator[responses.RequestsMock]:
    """Intercepts every HTTP call a test's Google stores make."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def fake_sheets(sheets_mock: responses.RequestsMock) -> FakeSheets:
    """A fake Google spreadsheet with every tab and its header row, served via responses."""
    fake = FakeSheets("test-sheet", sheets=TAB_NAMES)
    for tab, columns in COLUMNS.items():
        fake.set_rows(tab, [list(columns)])
    fake.install(sheets_mock)
    return fake


@pytest.fixture
def store(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    if store_kind == "google":
        fake = request.getfixturevalue("fake_sheets")
        store = GoogleSheetsStore(RedirectingHTTPClient(AnonymousCredentials()), fake.spreadsheet_id,
                                  wait=wait_none())
    else:
        store = LocalStore(tmp_path / "test.sqlite3")
        store.initialise()
    yield store
    store.close()


@pytest.fixture
def sheet(store_kind: str, store: Store, request: pytest.FixtureRequest):
    """A person's hands on the spreadsheet the service uses."""
    if store_kind == "google":
        editor = GoogleSheetEditor(request.getfixturevalue("fake_sheets"))
    else:
        editor = LocalSheetEditor(store.path)
    yield editor
    editor.close()


@pytest.fixture
def app(settings: Settings, store: LocalStore, clock: FakeClock):
    return create_app(settings, store=store, clock=clock)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def office(app):
    return app.extensions["sheetsapi"]
