"""The service configured for Google, talking real HTTP to the fake on 127.0.0.1."""

from __future__ import annotations

import pytest

from sheetsapi import create_app
from sheetsapi.config import Settings, SettingsError
from sheetsapi.tabs import COLUMNS, TAB_NAMES
from tests.conftest import AUTH, TOKEN
from tests.fakes.sheets_api import FakeSheets, serve


@pytest.fixture
def served_fake():
    fake = FakeSheets("sheet-over-http", sheets=TAB_NAMES)
    for tab, columns in COLUMNS.items():
        fake.set_rows(tab, [list(columns)])
    fake.set_rows("groups", [["id", "name"], [1, "Office"]])
    server, base_url = serve(fake)
    yield fake, base_url
    server.shutdown()
    server.server_close()


def google_settings(base_url: str, tmp_path) -> Settings:
    return Settings(_env_file=None, api_token=(TOKEN,), spreadsheet_id="sheet-over-http",
                    sheets_api_url=base_url, data_dir=tmp_path)


def test_sheets_api_url_sends_every_call_to_the_fake_without_credentials(served_fake, tmp_path):
    fake, base_url = served_fake
    client = create_app(google_settings(base_url, tmp_path)).test_client()

    assert client.get("/healthz").json == {"ok": True, "store": "google", "sheet_problems": 0}
    response = client.post("/api/leads", headers=AUTH,
                           json={"group_id": 1, "phone_e164": "+353 87 123 4567"})

    assert response.status_code == 201
    assert fake.values("leads")[1][5] == "+353871234567"
    assert [call.op for call in fake.calls] == ["batchGet", "append"]
    assert not (tmp_path / "sheetsapi.sqlite3").exists()


def test_a_dropped_connection_is_retried(served_fake, tmp_path):
    fake, base_url = served_fake
    client = create_app(google_settings(base_url, tmp_path)).test_client()
    client.get("/healthz")
    fake.fail_next("append", "timeout")

    response = client.post("/api/leads", headers=AUTH,
                           json={"group_id": 1, "phone_e164": "0871234567"})

    assert response.status_code == 201
    assert len(fake.values("leads")) == 2


def test_a_missing_spreadsheet_is_a_clear_503(served_fake, tmp_path):
    _fake, base_url = served_fake
    settings = google_settings(base_url, tmp_path).model_copy(update={"spreadsheet_id": "nope"})
    response = create_app(settings).test_client().get("/healthz")
    assert response.status_code == 503
    assert "SPREADSHEET_ID" in response.json["error"]["message"]


def test_a_missing_credentials_file_stops_the_start_clearly(tmp_path):
    settings = Settings(_env_file=None, api_token=(TOKEN,), spreadsheet_id="x",
                        google_application_credentials=tmp_path / "missing.json")
    with pytest.raises(SettingsError, match="GOOGLE_APPLICATION_CREDENTIALS: cannot load"):
        create_app(settings)


def test_no_credentials_at_all_stops_the_start_clearly(tmp_path, monkeypatch):
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no gcloud application-default file
    monkeypatch.setattr("google.auth._default._get_gce_credentials", lambda *a, **k: (None, None))
    settings = Settings(_env_file=None, api_token=(TOKEN,), spreadsheet_id="x")
    with pytest.raises(SettingsError, match="no Google credentials found"):
        create_app(settings)
