"""Settings, read once from environment variables (and a `.env` file) and validated."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from typing import Annotated


class SettingsError(Exception):
    """A setting has a value the service cannot start with; the message is one line."""


class Settings(BaseSettings):
    """The service's settings; every field maps to the environment variable of its name."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True,
    )

    api_token: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(), description="Bearer tokens, comma-separated for rotation."
    )
    timezone: str = Field(default="Europe/Dublin", description="The office's time zone.")
    default_region: str = Field(default="IE", description="Region for phones without +.")
    min_notice_minutes: int = Field(default=30, ge=0, le=7 * 24 * 60)
    cache_ttl_seconds: float = Field(default=15, ge=0, le=3600)
    data_dir: Path = Field(default=Path("./data"))
    spreadsheet_id: str | None = None
    sheets_api_url: str | None = None
    google_application_credentials: Path | None = None

    @field_validator("api_token", mode="before")
    @classmethod
    def _split_tokens(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(token.strip() for token in value.split(",") if token.strip())
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r} (try Europe/Dublin or UTC)") from error
        return value

    @field_validator("default_region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        region = value.strip().upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"unknown phone region {value!r} (a two-letter code such as IE)")
        return region

    @field_validator("spreadsheet_id", "sheets_api_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _google_needs_a_token(self) -> Settings:
        if self.spreadsheet_id and not self.api_token:
            raise ValueError("API_TOKEN is required when SPREADSHEET_ID is set")
        return self

    @property
    def zone(self) -> ZoneInfo:
        """Return the office's time zone."""
        return ZoneInfo(self.timezone)

    @property
    def uses_google(self) -> bool:
        """Whether the data lives in a Google Spreadsheet rather than the local store."""
        return self.spreadsheet_id is not None


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning any invalid value into one clear line."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        problems = "; ".join(
            ": ".join(filter(None, ['.'.join(map(str, issue['loc'])).upper(),
                                    issue['msg'].removeprefix('Value error, ')]))
            for issue in error.errors()
        )
        raise SettingsError(f"Invalid setting: {problems}") from None
