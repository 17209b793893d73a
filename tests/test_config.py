"""Settings: read from the environment, validated once, refused in one clear line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sheetsapi import create_app
from sheetsapi.config import Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in ("API_TOKEN", "TIMEZONE", "DEFAULT_REGION", "MIN_NOTICE_MINUTES",
                 "CACHE_TTL_SECONDS", "DATA_DIR", "SPREADSHEET_ID", "SHEETS_API_URL",
                 "GOOGLE_APPLICATION_CREDENTIALS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults():
    settings = load_settings()
    assert (settings.timezone, settings.default_region, settings.min_notice_minutes,
            settings.cache_ttl_seconds, settings.data_dir, settings.uses_google) == (
        "Europe/Dublin", "IE", 30, 15, Path("data"), False)


def test_tokens_are_comma_separated(monkeypatch):
    monkeypatch.setenv("API_TOKEN", " old , new,,")
    assert load_settings().api_token == ("old", "new")


def test_a_dotenv_file_is_read(tmp_path):
    (tmp_path / ".env").write_text("MIN_NOTICE_MINUTES=45\n")
    assert load_settings().min_notice_minutes == 45


@pytest.mark.parametrize(("name", "value", "named"), [
    ("TIMEZONE", "Mars/Olympus", "TIMEZONE"),
    ("DEFAULT_REGION", "XX", "DEFAULT_REGION"),
    ("MIN_NOTICE_MINUTES", "soon", "MIN_NOTICE_MINUTES"),
    ("MIN_NOTICE_MINUTES", "-5", "MIN_NOTICE_MINUTES"),
    ("CACHE_TTL_SECONDS", "forever", "CACHE_TTL_SECONDS"),
])
def test_a_bad_setting_is_one_line_naming_it(monkeypatch, name, value, named):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert named in str(raised.value) and "\n" not in str(raised.value)


def test_the_service_refuses_to_start_with_a_bad_setting(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "app.py")], cwd=tmp_path, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "TIMEZONE": "Mars/Olympus"}, timeout=30)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Invalid setting: TIMEZONE: unknown time zone 'Mars/Olympus' "
        "(try Europe/Dublin or UTC)"]


def test_google_settings_without_a_token_refuse_to_start(monkeypatch):
    monkeypatch.setenv("SPREADSHEET_ID", "abc")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert str(raised.value) == (
        "Invalid setting: API_TOKEN is required when SPREADSHEET_ID is set")


def test_the_local_store_without_a_token_uses_a_kept_development_token(tmp_path, caplog):
    settings = Settings(_env_file=None, data_dir=tmp_path)
    client = create_app(settings).test_client()
    token = (tmp_path / "dev_token").read_text().strip()

    assert token in caplog.text
    assert client.get("/api/appointments/next?listing_id=1",
                      headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert create_app(settings).config["API_TOKENS"] == (token,)


def test_unloadable_google_credentials_stop_gunicorn_with_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "app.py")], cwd=tmp_path, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "SPREADSHEET_ID": "x", "API_TOKEN": "t", "PORT": "0",
             "GOOGLE_APPLICATION_CREDENTIALS": str(tmp_path / "missing.json")}, timeout=60)
    assert result.returncode == 4
    assert "Invalid setting: GOOGLE_APPLICATION_CREDENTIALS: cannot load a service-account key" \
        in result.stderr
    assert "Traceback" not in result.stderr
