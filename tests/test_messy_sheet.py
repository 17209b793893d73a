"""A sheet typed by people: good rows keep serving, bad rows are skipped and named."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import AUTH
from tests.seed_sheet import lay_out_seed_sheet


@pytest.fixture(autouse=True)
def messy_sheet(sheet):
    lay_out_seed_sheet(sheet)
    sheet.add("viewing_slots", notes=None)  # a blank row between data
    sheet.add("viewing_slots", id=50, listing_id=42, start_at="next tuesday", capacity=4)
    sheet.add("viewing_slots", id=51, listing_id=42, start_at="2025-10-06 09:00",
              end_at="2025-10-06 08:00", interval_minutes=10, capacity=4)
    sheet.add("viewing_slots", id=52, listing_id=42, mode="staggered",
              start_at="2025-10-06 09:00", capacity="lots")
    sheet.add("viewing_slots", id=" 53 ", listing_id="42", mode=" Open ",
              start_at=" 2025-10-06   12:00 ", capacity=" 6.0 ", status="OPEN")
    sheet.add("viewing_slots", id=18, listing_id=42, start_at="2025-10-06 09:00", capacity=1)
    sheet.add("listings", id="x", title="Typo row")


def test_good_rows_keep_serving(client):
    response = client.get("/api/appointments/next?listing_id=42", headers=AUTH)
    assert response.status_code == 200
    assert response.json["slot_id"] == 17


def test_a_tidied_row_typed_with_spaces_and_case_is_used(client):
    response = client.get("/api/appointments/next?listing_id=42&after=2025-10-06T11:30",
                          headers=AUTH)
    assert (response.json["slot_id"], response.json["mode"]) == (53, "open")


@pytest.mark.parametrize("slot", [50, 51, 52, 18])
def test_booking_an_unreadable_or_ambiguous_slot_is_409_slot_closed(client, slot):
    response = client.post("/api/appointments", headers=AUTH,
                           json={"viewing_slot_id": slot, "phone": "0861234567"})
    assert (response.status_code, response.json["error"]["code"]) == (409, "slot_closed")


def test_unreadable_rows_are_logged_with_tab_row_and_column(client, caplog):
    with caplog.at_level(logging.WARNING, logger="sheetsapi.workbook"):
        client.get("/api/appointments/next?listing_id=42", headers=AUTH)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "viewing_slots, row 5, start_at: expected a date and time" in logged
    assert "viewing_slots, row 6, end_at: ends before it starts" in logged
    assert "viewing_slots, row 7, capacity: expected a whole number ('lots')" in logged
    assert "listings, row 4, id: expected a whole number ('x')" in logged


def test_health_counts_the_problems(client):
    assert client.get("/healthz").json["sheet_problems"] == 7


@pytest.mark.parametrize("cells", [
    {"capacity": 871234567, "interval_minutes": 10, "end_at": None},
    {"start_at": "31/12/9999 23:00", "end_at": None},
    {"interval_minutes": 10**12},
    {"start_at": 2958465.99999999},
])
def test_typos_that_would_overflow_time_arithmetic_are_problems_not_crashes(client, sheet, cells):
    row = {"id": 60, "listing_id": 42, "mode": "staggered", "start_at": "2025-10-06 16:00",
           "end_at": "2025-10-06 17:00", "interval_minutes": 10, "capacity": 4} | cells
    sheet.add("viewing_slots", **row)
    assert client.get("/api/appointments/next?listing_id=42&after=2025-10-06T15:00",
                      headers=AUTH).status_code in (200, 404)
    assert client.get("/healthz").json["sheet_problems"] == 8
    response = client.post("/api/appointments", headers=AUTH,
                           json={"viewing_slot_id": 60, "phone": "0861234567"})
    assert response.json["error"]["code"] == "slot_closed"
