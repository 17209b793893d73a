"""Finding, booking, moving and cancelling viewings."""

from __future__ import annotations

import pytest

from tests.conftest import AUTH
from tests.seed_sheet import lay_out_seed_sheet


@pytest.fixture(autouse=True)
def seed(sheet):
    lay_out_seed_sheet(sheet)


def book(client, slot=17, phone="+353861234567", headers=None, **fields):
    body = {"viewing_slot_id": slot, "name": "Jamie Lee", "phone": phone} | fields
    return client.post("/api/appointments", headers=AUTH | (headers or {}), json=body)


def next_slot(client, query="listing_id=42"):
    return client.get(f"/api/appointments/next?{query}", headers=AUTH)


def add_slot(sheet, ident, start, end, **cells):
    sheet.add("viewing_slots", id=ident, listing_id=cells.pop("listing_id", 42),
              start_at=start, end_at=end, **{"mode": "staggered", "interval_minutes": 10,
                                             "capacity": 2, "status": "open"} | cells)


# GET next

def test_next_for_an_unknown_listing_is_404(client):
    response = next_slot(client, "listing_id=999")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "listing_not_found"


def test_next_when_nothing_is_free_is_404_no_available_slot(client, sheet):
    sheet.edit("viewing_slots", 17, status="closed")
    sheet.edit("viewing_slots", 18, status="closed")
    response = next_slot(client)
    assert response.status_code == 404
    assert response.json["error"]["code"] == "no_available_slot"


def test_next_respects_after(client):
    body = next_slot(client, "listing_id=42&after=2025-10-06T10:45:00%2B00:00").json
    assert (body["slot_id"], body["scheduled_at"]) == (18, "2025-10-06T11:05:00+00:00")


def test_next_after_without_offset_is_office_time(client):
    body = next_slot(client, "listing_id=42&after=2025-10-06T10:20").json
    assert body["scheduled_at"] == "2025-10-06T10:20:00+00:00"


def test_next_respects_the_minimum_notice(client, clock):
    clock.now = clock.now.replace(day=6, hour=9, minute=45)  # 30 min before 10:15
    body = next_slot(client).json
    assert body["scheduled_at"] == "2025-10-06T10:20:00+00:00"
    clock.advance(minutes=6)  # now 09:51: 10:20 is 29 minutes away
    assert next_slot(client).json["slot_id"] == 18


def test_open_mode_slots_give_everyone_the_start(client, sheet):
    sheet.add("viewing_slots", id=30, listing_id=25, mode="open", start_at="2025-10-07 18:00",
              end_at="2025-10-07 18:30", capacity=2)
    body = next_slot(client, "listing_id=25").json
    assert (body["mode"], body["interval_minutes"], body["scheduled_at"]) == (
        "open", None, "2025-10-07T18:00:00+00:00")
    assert book(client, 30).json["scheduled_at"] == "2025-10-07T18:00:00+00:00"
    assert book(client, 30, phone="+353861234568").json["scheduled_at"] == "2025-10-07T18:00:00+00:00"
    assert book(client, 30, phone="+353861234569").json["error"]["code"] == "slot_full"


def test_a_slot_of_an_inactive_listing_is_not_offered(client, sheet):
    sheet.edit("listings", 42, active="FALSE")
    assert next_slot(client).json["error"]["code"] == "no_available_slot"
    assert book(client).json["error"]["code"] == "slot_closed"


# POST

def test_booking_links_the_callers_lead(client):
    client.post("/api/leads", headers=AUTH, json={"group_id": 1, "phone_e164": "086 123 4567"})
    assert book(client).json["lead_id"] == 1


def test_a_full_slot_answers_409_with_the_next_offered_slot(client, sheet):
    sheet.edit("viewing_slots", 17, capacity=2)
    response = book(client)

    assert response.status_code == 409
    error = response.json["error"]
    assert error["code"] == "slot_full"
    assert error["details"]["next_available"]["slot_id"] == 18
    assert error["details"]["next_available"]["scheduled_at"] == "2025-10-06T11:05:00+00:00"


def test_slot_full_with_nothing_else_carries_null(client, sheet):
    sheet.edit("viewing_slots", 17, capacity=2)
    sheet.edit("viewing_slots", 18, status="closed")
    assert book(client).json["error"]["details"] == {"next_available": None}


def test_booking_a_closed_slot_is_409_slot_closed(client, sheet):
    sheet.edit("viewing_slots", 17, status="Closed")
    response = book(client)
    assert (response.status_code, response.json["error"]["code"]) == (409, "slot_closed")


def test_booking_a_past_slot_is_409_slot_closed(client, clock):
    clock.now = clock.now.replace(day=7)
    assert book(client).json["error"]["code"] == "slot_closed"


def test_booking_an_unknown_slot_is_404(client):
    response = book(client, 999)
    assert (response.status_code, response.json["error"]["code"]) == (404, "slot_not_found")


def test_the_same_phone_in_the_same_slot_returns_the_existing_booking(client, sheet):
    first = book(client)
    again = book(client, phone="086 123 4567")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["id"] == first.json["id"]
    assert len(sheet.rows("appointments")) == 6


def test_an_idempotent_retry_returns_the_first_answer_without_writing(client, sheet):
    first = book(client, headers={"Idempotency-Key": "call-9-book"})
    again = book(client, headers={"Idempotency-Key": "call-9-book"})

    assert again.status_code == 201
    assert again.json == first.json
    assert len(sheet.rows("appointments")) == 6


def test_booking_counts_places_a_person_freed_or_took_by_hand(client, sheet):
    sheet.edit("viewing_slots", 17, capacity=3)
    sheet.add("appointments", id=400, viewing_slot_id=17, phone="+353861111111",
              scheduled_at="2025-10-06 10:20", status="booked")
    assert book(client).json["error"]["code"] == "slot_full"
    sheet.edit("appointments", 306, status="cancelled")
    assert book(client).json["scheduled_at"] == "2025-10-06T10:00:00+00:00"


def test_every_booked_row_takes_a_place_even_with_an_odd_time_or_no_id(client, sheet):
    sheet.edit("viewing_slots", 17, capacity=4)
    sheet.add("appointments", viewing_slot_id=17, phone="+353861111111", status="booked")
    sheet.add("appointments", id=401, viewing_slot_id=17, scheduled_at="2025-10-06 10:03",
              status="BOOKED")
    assert book(client).json["error"]["code"] == "slot_full"


# PATCH

def test_changing_details_writes_only_those_cells(client, sheet):
    book(client)
    sheet.edit("appointments", 311, email="typed-by-agent@example.com")
    response = client.patch("/api/appointments/311", headers=AUTH, json={"name": "Jamie L."})

    assert response.status_code == 200
    row = sheet.rows("appointments")[-1]
    assert (row["name"], row["email"]) == ("Jamie L.", "typed-by-agent@example.com")
    assert row["scheduled_at"] == "2025-10-06T10:20:00+00:00"


def test_moving_into_a_full_slot_is_refused_and_changes_nothing(client, sheet):
    book(client)
    sheet.edit("viewing_slots", 18, capacity=3)
    response = client.patch("/api/appointments/311", headers=AUTH,
                            json={"viewing_slot_id": 18, "name": "Someone Else"})

    assert response.status_code == 409
    assert response.json["error"]["code"] == "slot_full"
    row = sheet.rows("appointments")[-1]
    assert (row["viewing_slot_id"], row["name"]) == (17, "Jamie Lee")


def test_moving_to_the_same_slot_keeps_the_time(client):
    book(client)
    response = client.patch("/api/appointments/311", headers=AUTH, json={"viewing_slot_id": 17})
    assert response.json["scheduled_at"] == "2025-10-06T10:20:00+00:00"


def test_patching_an_unknown_appointment_is_404(client):
    response = client.patch("/api/appointments/999", headers=AUTH, json={"name": "X"})
    assert (response.status_code, response.json["error"]["code"]) == (404, "appointment_not_found")


def test_patching_a_cancelled_appointment_is_409(client):
    client.delete("/api/appointments/306", headers=AUTH)
    response = client.patch("/api/appointments/306", headers=AUTH, json={"name": "X"})
    assert (response.status_code, response.json["error"]["code"]) == (409, "appointment_cancelled")


def test_patching_with_nothing_to_change_is_422(client):
    response = client.patch("/api/appointments/306", headers=AUTH, json={"colour": "blue"})
    assert response.status_code == 422


# DELETE

def test_cancelling_frees_the_place_and_repeating_it_is_harmless(client, sheet):
    first = client.delete("/api/appointments/307", headers=AUTH)
    again = client.delete("/api/appointments/307", headers=AUTH)

    assert first.status_code == again.status_code == 200
    assert first.json["status"] == again.json["status"] == "cancelled"
    assert first.json["slot"]["booked"] == 1
    assert first.json == again.json
    assert next_slot(client).json["scheduled_at"] == "2025-10-06T10:10:00+00:00"
    row = next(row for row in sheet.rows("appointments") if row["id"] == 307)
    assert row["status"] == "cancelled" and row["updated_at"] == "2025-10-01T09:00:00+00:00"


def test_cancelling_an_unknown_appointment_is_404(client):
    assert client.delete("/api/appointments/999", headers=AUTH).status_code == 404


def test_an_idempotency_key_reused_for_another_caller_is_refused(client, sheet):
    book(client, headers={"Idempotency-Key": "k1"})
    response = book(client, 18, phone="0874444444", headers={"Idempotency-Key": "k1"})
    assert (response.status_code, response.json["error"]["code"]) == (422, "idempotency_key_reused")
    assert len(sheet.rows("appointments")) == 6


def test_a_move_to_a_viewing_of_another_property_is_refused(client, sheet):
    sheet.add("viewing_slots", id=40, listing_id=25, mode="open", start_at="2025-10-07 18:00",
              capacity=5)
    response = client.patch("/api/appointments/306", headers=AUTH, json={"viewing_slot_id": 40})
    assert (response.status_code, response.json["error"]["code"]) == (409, "slot_of_another_listing")


def test_next_reads_an_offset_whose_plus_became_a_space(client):
    # What an unencoded "+01:00" in a query string arrives as.
    response = client.get("/api/appointments/next?listing_id=42&after=2025-10-06T11:45:00+01:00",
                          headers=AUTH)
    assert response.status_code == 200
    assert (response.json["slot_id"], response.json["scheduled_at"]) == (
        18, "2025-10-06T11:05:00+00:00")


@pytest.mark.parametrize(("body", "message"), [
    ({}, "nothing to change"),
    ({"name": None, "email": None}, "nothing to change"),
    ({"status": "cancelled"}, "To cancel, send DELETE."),
])
def test_a_change_that_changes_nothing_says_what_to_send(client, body, message):
    response = client.patch("/api/appointments/306", headers=AUTH, json=body)
    assert response.status_code == 422
    assert message in response.json["error"]["message"]


def test_nulls_beside_a_real_change_are_ignored(client):
    response = client.patch("/api/appointments/306", headers=AUTH,
                            json={"name": "New Name", "phone": None, "email": None})
    assert (response.status_code, response.json["name"]) == (200, "New Name")
