"""Against a real Google spreadsheet: run only with SHEETS_LIVE_SPREADSHEET_ID and credentials.

The spreadsheet must have every tab with its header row (`flask --app app sheets init`),
a group with id 1, and be shared with the service account. These tests add rows to
`leads` and `appointments`; use a spreadsheet kept for testing.
"""

from __future__ import annotations

import os
import uuid

import pytest

from sheetsapi import create_app
from sheetsapi.config import Settings

SPREADSHEET = os.environ.get("SHEETS_LIVE_SPREADSHEET_ID")
CREDENTIALS = os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(not (SPREADSHEET and CREDENTIALS),
                       reason="needs SHEETS_LIVE_SPREADSHEET_ID and GOOGLE_APPLICATION_CREDENTIALS"),
]
AUTH = {"Authorization": "Bearer live-test"}


@pytest.fixture
def client(tmp_path):
    settings = Settings(_env_file=None, api_token=("live-test",), spreadsheet_id=SPREADSHEET,
                        google_application_credentials=CREDENTIALS, data_dir=tmp_path)
    return create_app(settings).test_client()


def test_the_real_sheet_can_be_read(client):
    assert client.get("/healthz").json["store"] == "google"


def test_a_lead_round_trips_through_the_real_sheet(client):
    key = f"live-{uuid.uuid4().hex}"
    body = {"group_id": 1, "phone_e164": "+353871234567", "name": '=HYPERLINK("x")',
            "notes": "0871234567"}
    first = client.post("/api/leads", headers=AUTH | {"Idempotency-Key": key}, json=body)
    again = client.post("/api/leads", headers=AUTH | {"Idempotency-Key": key}, json=body)
    assert first.status_code == again.status_code == 201
    assert first.json == again.json
