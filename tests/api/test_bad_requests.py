"""Nothing a client sends makes the server answer 500; every refusal says why."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.conftest import AUTH, TOKEN
from tests.seed_sheet import lay_out_seed_sheet


@pytest.fixture(autouse=True)
def seed(sheet):
    lay_out_seed_sheet(sheet)


def assert_error_shape(response, status, code=None):
    assert response.status_code == status, response.json
    assert response.json["ok"] is False
    assert isinstance(response.json["error"]["message"], str) and response.json["error"]["message"]
    if code:
        assert response.json["error"]["code"] == code


# Authentication

@pytest.mark.parametrize("header", [None, "Bearer", "Bearer wrong", f"Basic {TOKEN}", TOKEN,
                                    f"Bearer {TOKEN}x"])
def test_every_api_route_needs_a_valid_bearer_token(client, header):
    headers = {"Authorization": header} if header else {}
    for method, path in [("get", "/api/appointments/next?listing_id=42"),
                         ("post", "/api/leads"), ("post", "/api/appointments"),
                         ("patch", "/api/appointments/306"), ("delete", "/api/appointments/306")]:
        response = getattr(client, method)(path, headers=headers, json={})
        assert_error_shape(response, 401, "unauthorized")
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_several_tokens_are_accepted_for_rotation(settings, store, clock):
    from sheetsapi import create_app

    app = create_app(settings.model_copy(update={"api_token": ("old", "new")}), store=store,
                     clock=clock)
    client = app.test_client()
    for token in ("old", "new"):
        response = client.get("/api/appointments/next?listing_id=42",
                              headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200


def test_health_needs_no_token(client, store_kind):
    assert client.get("/healthz").json == {"ok": True, "store": store_kind, "sheet_problems": 0}


# Bodies

@pytest.mark.parametrize("path", ["/api/leads", "/api/appointments"])
@pytest.mark.parametrize("body", [b"", b"{not json", b"[1, 2]", b"42", b'"text"', b"null",
                                  b"\xff\xfe"])
def test_a_body_that_is_not_a_json_object_is_400(client, path, body):
    response = client.post(path, headers=AUTH, data=body, content_type="application/json")
    assert_error_shape(response, 400, "malformed_json")


def test_json_without_a_content_type_is_still_read(client):
    response = client.post("/api/leads", headers=AUTH,
                           data=json.dumps({"group_id": 1, "phone_e164": "0871234567"}))
    assert response.status_code == 201


def test_a_body_over_64_kib_is_413(client):
    body = {"group_id": 1, "phone_e164": "0871234567", "notes": "x" * 70_000}
    response = client.post("/api/leads", headers=AUTH, json=body)
    assert_error_shape(response, 413, "payload_too_large")


@pytest.mark.parametrize(("body", "field"), [
    ({"group_id": "one", "phone_e164": "0871234567"}, "group_id"),
    ({"group_id": 1.5, "phone_e164": "0871234567"}, "group_id"),
    ({"group_id": True, "phone_e164": "0871234567"}, "group_id"),
    ({"group_id": 10**40, "phone_e164": "0871234567"}, "group_id"),
    ({"group_id": -1, "phone_e164": "0871234567"}, "group_id"),
    ({"group_id": [1], "phone_e164": "0871234567"}, "group_id"),
    ({"phone_e164": "0871234567"}, "group_id"),
    ({"group_id": 1}, "phone_e164"),
    ({"group_id": 1, "phone_e164": 871234567}, "phone_e164"),
    ({"group_id": 1, "phone_e164": "0871234567", "email": "not-an-email"}, "email"),
    ({"group_id": 1, "phone_e164": "0871234567", "name": "x" * 201}, "name"),
    ({"group_id": 1, "phone_e164": "0871234567", "listing_id": {"id": 1}}, "listing_id"),
])
def test_wrong_lead_fields_are_422_naming_the_field(client, sheet, body, field):
    response = client.post("/api/leads", headers=AUTH, json=body)
    assert_error_shape(response, 422, "invalid_field")
    assert field in [item["field"] for item in response.json["error"]["details"]]
    assert field in response.json["error"]["message"]
    assert sheet.rows("leads") == []


def test_unknown_fields_are_ignored(client):
    response = client.post("/api/leads", headers=AUTH,
                           json={"group_id": 1, "phone_e164": "0871234567", "mood": "keen"})
    assert response.status_code == 201


@pytest.mark.parametrize("body", [
    {"viewing_slot_id": "seventeen", "phone": "0871234567"},
    {"viewing_slot_id": 10**30, "phone": "0871234567"},
    {"viewing_slot_id": 17},
    {"viewing_slot_id": 17, "phone": "++"},
    {"viewing_slot_id": 17, "phone": "0871234567", "email": 5},
])
def test_wrong_booking_fields_are_422(client, body):
    assert_error_shape(client.post("/api/appointments", headers=AUTH, json=body), 422)


@pytest.mark.parametrize("path", ["/api/appointments/0", "/api/appointments/99999999999999999999999",
                                  "/api/appointments/-4"])
def test_odd_appointment_ids_are_404(client, path):
    assert client.delete(path, headers=AUTH).status_code == 404
    assert client.patch(path, headers=AUTH, json={"name": "x"}).status_code == 404


@pytest.mark.parametrize("query", ["", "listing_id=abc", "listing_id=0", "listing_id=1e99",
                                   "listing_id=42&after=yesterday", "listing_id=" + "9" * 40])
def test_wrong_next_queries_are_422(client, query):
    assert_error_shape(client.get(f"/api/appointments/next?{query}", headers=AUTH), 422,
                       "invalid_field")


def test_unknown_routes_and_methods_answer_in_the_error_shape(client):
    assert_error_shape(client.get("/api/nothing", headers=AUTH), 404, "not_found")
    assert_error_shape(client.put("/api/leads", headers=AUTH, json={}), 405, "method_not_allowed")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)
lead_like = st.fixed_dictionaries({}, optional={
    name: json_values | st.just(1) | st.just("0871234567")
    for name in ("group_id", "listing_id", "call_log_id", "name", "phone_e164", "email",
                 "notes", "status", "viewing_slot_id", "phone")
})


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=lead_like, path=st.sampled_from(["/api/leads", "/api/appointments",
                                             "/api/appointments/306"]))
def test_no_body_makes_the_server_fail(client, body, path):
    method = client.patch if path.endswith("306") else client.post
    response = method(path, headers=AUTH, json=body)
    assert response.status_code < 500, response.json
    if response.status_code >= 400:
        assert response.json["ok"] is False and response.json["error"]["code"]


def test_json_nested_too_deep_is_400_not_a_crash(client):
    body = b"[" * 30_000 + b"]" * 30_000
    assert_error_shape(client.post("/api/leads", headers=AUTH, data=body), 400, "malformed_json")


def test_a_chunked_body_over_64_kib_is_413(client):
    import io
    body = json.dumps({"group_id": 1, "phone_e164": "0871234567", "notes": "x" * 70_000}).encode()
    response = client.post("/api/leads", headers=AUTH | {"Transfer-Encoding": "chunked"},
                           input_stream=io.BytesIO(body),
                           environ_overrides={"wsgi.input_terminated": True})
    assert_error_shape(response, 413, "payload_too_large")


@pytest.mark.parametrize(("query", "message"), [
    ("listing_id=abc", "listing_id: must be a whole number"),
    ("listing_id=0", "listing_id: must be greater than 0"),
    ("listing_id=1&after=soon", "after: must be a date and time such as 2025-10-06T10:00"),
    ("", "listing_id: is required"),
])
def test_refusals_are_plain_sentences(client, query, message):
    response = client.get(f"/api/appointments/next?{query}", headers=AUTH)
    assert response.json["error"]["message"].startswith(message)
