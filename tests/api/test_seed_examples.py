"""The customer's api-spec examples, reproduced field by field."""

from __future__ import annotations

import pytest

from tests.conftest import AUTH
from tests.seed_sheet import lay_out_seed_sheet

LISTING = {"id": 42, "title": "Oakview 2B", "address": "12 Oakview Road", "postcode": "D02"}
APPOINTMENT_FIELDS = ("id", "slot_id", "listing_id", "name", "phone", "email", "scheduled_at")
SLOT_FIELDS = ("id", "mode", "start_at", "interval_minutes", "capacity", "booked", "remaining",
               "listing")


def pick(body: dict, fields: tuple[str, ...]) -> dict:
    return {field: body[field] for field in fields}


@pytest.fixture(autouse=True)
def seed(sheet):
    lay_out_seed_sheet(sheet)


def test_next_slot_matches_the_seed(client):
    response = client.get("/api/appointments/next?listing_id=42", headers=AUTH)

    assert response.status_code == 200
    assert response.json == {
        "slot_id": 17,
        "viewing_slot_id": 17,
        "mode": "staggered",
        "interval_minutes": 10,
        "scheduled_at": "2025-10-06T10:20:00+00:00",
        "available_from": "2025-10-06T10:00:00+00:00",
        "available_until": "2025-10-06T10:30:00+00:00",
        "capacity": 6,
        "booked": 2,
        "remaining": 4,
        "listing": LISTING,
    }


def test_booking_then_moving_matches_the_seed(client, sheet):
    booked = client.post("/api/appointments", headers=AUTH, json={
        "viewing_slot_id": 17, "name": "Jamie Lee", "phone": "+353861234567",
        "email": "jamie@example.com"})

    assert booked.status_code == 201
    body = booked.json
    assert pick(body, APPOINTMENT_FIELDS) == {
        "id": 311, "slot_id": 17, "listing_id": 42, "name": "Jamie Lee",
        "phone": "+353861234567", "email": "jamie@example.com",
        "scheduled_at": "2025-10-06T10:20:00+00:00"}
    assert pick(body["slot"], SLOT_FIELDS) == {
        "id": 17, "mode": "staggered", "start_at": "2025-10-06T10:00:00+00:00",
        "interval_minutes": 10, "capacity": 6, "booked": 3, "remaining": 3, "listing": LISTING}

    moved = client.patch("/api/appointments/311", headers=AUTH,
                         json={"phone": "+353899998888", "viewing_slot_id": 18})

    assert moved.status_code == 200
    body = moved.json
    assert pick(body, APPOINTMENT_FIELDS) == {
        "id": 311, "slot_id": 18, "listing_id": 42, "name": "Jamie Lee",
        "phone": "+353899998888", "email": "jamie@example.com",
        "scheduled_at": "2025-10-06T11:05:00+00:00"}
    assert pick(body["slot"], SLOT_FIELDS) == {
        "id": 18, "mode": "staggered", "start_at": "2025-10-06T11:00:00+00:00",
        "interval_minutes": 5, "capacity": 8, "booked": 4, "remaining": 4, "listing": LISTING}


def test_lead_from_the_seed_is_recorded(client, sheet):
    response = client.post("/api/leads", headers=AUTH, json={
        "group_id": 1, "listing_id": 25, "call_log_id": 42, "name": "John Doe",
        "phone_e164": "+353871234567", "email": "john.doe@example.com",
        "notes": "Interested in 2-bed apartment at Newmarket Square.", "status": "contacted"})

    assert response.status_code == 201
    assert response.json == {"ok": True, "id": 1}
    [row] = sheet.rows("leads")
    assert row["phone_e164"] == "+353871234567"
    assert row["status"] == "contacted"
    assert row["created_at"] == "2025-10-01T09:00:00+00:00"
