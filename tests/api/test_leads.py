"""POST /api/leads."""

from __future__ import annotations

import pytest

from tests.conftest import AUTH
from tests.seed_sheet import lay_out_seed_sheet


@pytest.fixture(autouse=True)
def seed(sheet):
    lay_out_seed_sheet(sheet)


def post_lead(client, headers=None, **fields):
    body = {"group_id": 1, "phone_e164": "+353871234567"} | fields
    return client.post("/api/leads", headers=AUTH | (headers or {}), json=body)


def test_minimal_lead_defaults_to_status_new(client, sheet):
    response = post_lead(client)

    assert response.status_code == 201
    [row] = sheet.rows("leads")
    assert (row["id"], row["group_id"], row["status"]) == (1, 1, "new")
    assert row["request_key"]


@pytest.mark.parametrize("spoken", ["087 123 4567", "+353 87 123 4567", "00353871234567",
                                    "(087) 123-4567"])
def test_phones_as_callers_say_them_are_stored_as_e164(client, sheet, spoken):
    assert post_lead(client, phone_e164=spoken).status_code == 201
    assert sheet.rows("leads")[0]["phone_e164"] == "+353871234567"


@pytest.mark.parametrize("phone", ["12", "087 123", "not a phone", "+999 1234567"])
def test_invalid_phones_are_refused_naming_the_field(client, sheet, phone):
    response = post_lead(client, phone_e164=phone)

    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_field"
    assert response.json["error"]["details"][0]["field"] == "phone_e164"
    assert sheet.rows("leads") == []


@pytest.mark.parametrize(("field", "value"), [
    ("group_id", 2), ("listing_id", 99), ("call_log_id", 7),
])
def test_references_must_exist(client, sheet, field, value):
    response = post_lead(client, **{field: value})

    assert response.status_code == 422
    assert response.json["error"]["details"] == [
        {"field": field, "problem": response.json["error"]["details"][0]["problem"]}]
    assert str(value) in response.json["error"]["message"]
    assert sheet.rows("leads") == []


def test_optional_references_are_checked_and_kept(client, sheet):
    assert post_lead(client, listing_id=25, call_log_id=42).status_code == 201
    row = sheet.rows("leads")[0]
    assert (row["listing_id"], row["call_log_id"]) == (25, 42)


@pytest.mark.parametrize("status", ["new", "contacted", "qualified", "waitlist", "rejected",
                                    "Qualified"])
def test_every_status_of_the_enum_is_accepted(client, sheet, status):
    assert post_lead(client, status=status).status_code == 201
    assert sheet.rows("leads")[0]["status"] == status.lower()


def test_a_status_outside_the_enum_is_refused(client):
    response = post_lead(client, status="hot")
    assert response.status_code == 422
    assert response.json["error"]["details"][0]["field"] == "status"


def test_a_retry_with_the_same_idempotency_key_writes_nothing(client, sheet):
    first = post_lead(client, {"Idempotency-Key": "call-1-lead"}, name="Ann")
    again = post_lead(client, {"Idempotency-Key": "call-1-lead"}, name="Ann")

    assert first.status_code == again.status_code == 201
    assert first.json == again.json
    assert len(sheet.rows("leads")) == 1
    assert sheet.rows("leads")[0]["request_key"] == "call-1-lead"


def test_an_identical_retry_without_a_key_writes_nothing(client, sheet, clock):
    first = post_lead(client, name="Ann")
    clock.advance(seconds=20)
    again = post_lead(client, name="Ann")

    assert again.json == first.json
    assert len(sheet.rows("leads")) == 1


def test_the_same_caller_much_later_is_a_new_lead(client, sheet, clock):
    post_lead(client, name="Ann")
    clock.advance(hours=2)
    assert post_lead(client, name="Ann").json["id"] == 2


def test_different_details_are_different_leads(client, sheet):
    assert post_lead(client, name="Ann").json["id"] == 1
    assert post_lead(client, name="Bob").json["id"] == 2


def test_ids_continue_after_the_highest_even_when_people_sorted_the_tab(client, sheet):
    sheet.add("leads", id=9, group_id=1, phone_e164="+353871111111", status="new")
    sheet.add("leads", id=4, group_id=1, phone_e164="+353872222222", status="new")
    assert post_lead(client).json["id"] == 10


def test_formula_like_text_is_stored_inert_and_read_back_unchanged(client, sheet):
    post_lead(client, name='=HYPERLINK("http://x","y")', notes="+1 more", email="a@b.ie")
    row = sheet.rows("leads")[0]
    assert row["name"] == '\'=HYPERLINK("http://x","y")'
    assert row["notes"] == "'+1 more"


def test_an_idempotency_key_reused_for_another_caller_is_refused(client, sheet):
    post_lead(client, {"Idempotency-Key": "k1"})
    response = post_lead(client, {"Idempotency-Key": "k1"}, phone_e164="0874444444")
    assert (response.status_code, response.json["error"]["code"]) == (422, "idempotency_key_reused")
    assert len(sheet.rows("leads")) == 1


def test_a_null_status_is_the_default(client, sheet):
    assert post_lead(client, status=None).status_code == 201
    assert sheet.rows("leads")[0]["status"] == "new"


def test_a_phone_with_an_extension_is_refused_rather_than_cut(client):
    response = post_lead(client, phone_e164="+353 87 123 4567 ext 5")
    assert response.status_code == 422
    assert "extension" in response.json["error"]["message"]
