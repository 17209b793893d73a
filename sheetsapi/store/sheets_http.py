"""Talking to the Sheets API through gspread: where calls go, and what their errors mean.

Every gspread call the Google store makes goes through `call()`, which turns gspread's
and requests' exceptions into the domain's `StorageUnavailable`, marked transient (worth a
bounded retry) or not. No gspread type leaves `store/`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import google.auth
import requests
from google.auth.credentials import AnonymousCredentials, Credentials
from google.oauth2 import service_account
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

from sheetsapi.config import SettingsError
from sheetsapi.errors import StorageUnavailable

log = logging.getLogger(__name__)

GOOGLE_SHEETS_URL = "https://sheets.googleapis.com"
SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
REQUEST_TIMEOUT_SECONDS = (5, 20)  # (connect, read)
T = TypeVar("T")


class SheetsUnavailable(StorageUnavailable):
    """A Sheets API call failed; `transient` says whether the same call may work soon."""

    def __init__(self, message: str, *, transient: bool, retry_after: int = 5) -> None:
        super().__init__(message, retry_after=retry_after)
        self.transient = transient


class RedirectingHTTPClient(HTTPClient):
    """gspread's client, sending every call to `base_url` instead of Google when given.

    gspread copies its base URL into its endpoints at import time, so rewriting the
    endpoint here is the one place that catches every call.
    """

    def __init__(self, auth: Credentials, base_url: str | None = None) -> None:
        super().__init__(auth)
        self.base_url = base_url.rstrip("/") if base_url else None
        self.set_timeout(REQUEST_TIMEOUT_SECONDS)

    def request(self, method: str, endpoint: str, *args: Any, **kwargs: Any) -> requests.Response:
        if self.base_url and endpoint.startswith(GOOGLE_SHEETS_URL):
            endpoint = self.base_url + endpoint[len(GOOGLE_SHEETS_URL):]
        return super().request(method, endpoint, *args, **kwargs)


def credentials_for(path: Path | None, base_url: str | None) -> Credentials:
    """Return service-account, application-default or (for a fake API) no credentials."""
    if path is not None:
        try:
            return service_account.Credentials.from_service_account_file(str(path), scopes=SCOPES)
        except (OSError, ValueError, KeyError) as error:
            raise SettingsError(f"Invalid setting: GOOGLE_APPLICATION_CREDENTIALS: cannot load "
                                f"a service-account key from {path} ({error})") from error
    if base_url:
        return AnonymousCredentials()
    try:
        credentials, _project = google.auth.default(scopes=SCOPES)
    except google.auth.exceptions.DefaultCredentialsError as error:
        raise SettingsError("Invalid setting: no Google credentials found; set "
                            "GOOGLE_APPLICATION_CREDENTIALS to a service-account key file") from error
    return credentials


def call(describe: str, operation: Callable[[], T]) -> T:
    """Run one Sheets API call, translating every failure into `SheetsUnavailable`."""
    try:
        return operation()
    except APIError as error:
        raise _from_api_error(describe, error) from error
    except requests.Timeout as error:
        raise SheetsUnavailable(f"{describe}: Google Sheets did not answer in time.",
                                transient=True) from error
    except requests.RequestException as error:
        raise SheetsUnavailable(f"{describe}: cannot reach Google Sheets ({error.__class__.__name__}).",
                                transient=True) from error
    except google.auth.exceptions.GoogleAuthError as error:
        raise SheetsUnavailable(f"{describe}: Google refused the credentials: {error}",
                                transient=False) from error


def _from_api_error(describe: str, error: APIError) -> SheetsUnavailable:
    status = error.response.status_code
    message = str(error.error.get("message", "")).strip()
    if status == 429:
        return SheetsUnavailable(f"{describe}: the Google Sheets quota is used up for this minute.",
                                 transient=True, retry_after=30)
    if status >= 500 or status == 408:
        return SheetsUnavailable(f"{describe}: Google Sheets failed ({status}).", transient=True)
    if status == 403:
        return SheetsUnavailable(
            f"{describe}: permission denied; share the spreadsheet with the service account "
            f"({message}).", transient=False, retry_after=60)
    if status == 404:
        return SheetsUnavailable(f"{describe}: no spreadsheet with that SPREADSHEET_ID.",
                                 transient=False, retry_after=60)
    if "Unable to parse range" in message:
        return SheetsUnavailable(
            f"{describe}: a tab is missing ({message}); run `flask --app app sheets init`.",
            transient=False, retry_after=60)
    return SheetsUnavailable(f"{describe}: Google Sheets refused the request ({status}: {message}).",
                             transient=False, retry_after=60)
