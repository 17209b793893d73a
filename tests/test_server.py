"""Against a real gunicorn process, as README runs it: no overbooking under a burst."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests

from sheetsapi.store.local import LocalStore
from tests.people import LocalSheetEditor
from tests.servers import gunicorn

TOKEN = "server-test-token"
CALLERS = 60
PLACES = 4


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A local store with one listing and one slot tomorrow with 4 free places of 6."""
    store = LocalStore(tmp_path / "sheetsapi.sqlite3")
    store.initialise()
    store.close()
    sheet = LocalSheetEditor(tmp_path / "sheetsapi.sqlite3")
    tomorrow = date.today() + timedelta(days=1)
    sheet.add("groups", id=1, name="Office")
    sheet.add("listings", id=1, group_id=1, title="Flat", address="1 Main St", postcode="D01")
    sheet.add("viewing_slots", id=1, listing_id=1, mode="staggered", interval_minutes=10,
              start_at=f"{tomorrow} 10:00", end_at=f"{tomorrow} 11:00", capacity=6)
    for ident in (1, 2):
        sheet.add("appointments", id=ident, viewing_slot_id=1, phone=f"+35386000000{ident}",
                  scheduled_at=f"{tomorrow} 10:00", status="booked")
    sheet.close()
    return tmp_path


@pytest.fixture
def server(data_dir: Path):
    with gunicorn(data_dir, TOKEN) as base:
        yield base


@pytest.mark.server
def test_a_burst_of_bookings_fills_exactly_the_free_places(server, data_dir):
    start = threading.Barrier(CALLERS)

    def call(caller: int) -> requests.Response:
        with requests.Session() as session:
            start.wait()
            return session.post(f"{server}/api/appointments", timeout=30,
                                headers={"Authorization": f"Bearer {TOKEN}"},
                                json={"viewing_slot_id": 1, "phone": f"+3538711{caller:05d}"})

    with ThreadPoolExecutor(CALLERS) as pool:
        responses = list(pool.map(call, range(CALLERS)))

    statuses = [response.status_code for response in responses]
    assert statuses.count(201) == PLACES
    assert statuses.count(409) == CALLERS - PLACES
    assert {response.json()["error"]["code"] for response in responses
            if response.status_code == 409} == {"slot_full"}
    ids = [response.json()["id"] for response in responses if response.status_code == 201]
    assert sorted(ids) == [3, 4, 5, 6]
    sheet = LocalSheetEditor(data_dir / "sheetsapi.sqlite3")
    rows = sheet.rows("appointments")
    sheet.close()
    assert len(rows) == 2 + PLACES
    assert len({row["id"] for row in rows}) == len(rows)
