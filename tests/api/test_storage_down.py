"""When the store cannot answer: 503 with Retry-After, or a recent cache for reads."""

from __future__ import annotations

import pytest

from sheetsapi import create_app
from sheetsapi.errors import StorageUnavailable
from tests.conftest import AUTH
from tests.seed_sheet import lay_out_seed_sheet


class FlakyStore:
    """Wraps a store; while `down`, every call fails as an unreachable spreadsheet would."""

    def __init__(self, store) -> None:
        self._store, self.down = store, False
        self.kind = store.kind

    def __getattr__(self, name):
        method = getattr(self._store, name)

        def call(*args, **kwargs):
            if self.down:
                raise StorageUnavailable("The spreadsheet did not answer.", retry_after=7)
            return method(*args, **kwargs)

        return call


@pytest.fixture
def flaky(store, sheet):
    lay_out_seed_sheet(sheet)
    return FlakyStore(store)


@pytest.fixture
def client(settings, flaky, clock):
    return create_app(settings, store=flaky, clock=clock).test_client()


def test_a_write_while_the_store_is_down_is_503_with_retry_after(client, flaky, sheet):
    client.get("/healthz")
    flaky.down = True
    response = client.post("/api/appointments", headers=AUTH,
                           json={"viewing_slot_id": 17, "phone": "0861234567"})

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "7"
    assert response.json["error"]["code"] == "storage_unavailable"
    assert len(sheet.rows("appointments")) == 5


def test_a_cold_start_while_the_store_is_down_is_503(client, flaky):
    flaky.down = True
    assert client.get("/healthz").status_code == 503
    assert client.get("/api/appointments/next?listing_id=42", headers=AUTH).status_code == 503


def test_reads_are_answered_from_a_recent_cache_while_the_store_is_down(settings, flaky, clock):
    app = create_app(settings.model_copy(update={"cache_ttl_seconds": 0}), store=flaky,
                     clock=clock)
    client = app.test_client()
    assert client.get("/api/appointments/next?listing_id=42", headers=AUTH).status_code == 200
    flaky.down = True
    flaky.may_have_changed = lambda: True  # a sheet can always have changed
    response = client.get("/api/appointments/next?listing_id=42", headers=AUTH)
    assert (response.status_code, response.json["slot_id"]) == (200, 17)
