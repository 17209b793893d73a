"""Fixtures: a fixed clock, a store of each kind behind a person's editor, app and client."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sheetsapi import create_app
from sheetsapi.config import Settings
from sheetsapi.store.local import LocalStore
from tests.people import LocalSheetEditor

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


@pytest.fixture(params=["local"])
def store_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def store(store_kind: str, tmp_path: Path) -> Iterator[LocalStore]:
    store = LocalStore(tmp_path / "test.sqlite3")
    store.create_tabs()
    yield store
    store.close()


@pytest.fixture
def sheet(store: LocalStore) -> Iterator[LocalSheetEditor]:
    """A person's hands on the spreadsheet the service uses."""
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
