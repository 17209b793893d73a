"""The Google store: the spreadsheet's tabs read and written through the Sheets API.

Frugal by design (about 60 calls a minute are allowed): every read is one
`values:batchGet`; an append is one call; an update is one `values:batchUpdate` of
only the changed cells, at the row where the last read of that tab saw the id. Reads
and updates are retried (bounded, with jitter) on 429, 5xx and timeouts; an append is
retried only after checking, by its `request_key`, that it did not land.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from typing import Any

from gspread.utils import a1_to_rowcol, absolute_range_name, rowcol_to_a1
from tenacity import (
    Retrying, retry_if_exception, stop_after_attempt, stop_after_delay, wait_random_exponential,
)
from tenacity.wait import wait_base

from sheetsapi.cells import Cell, id_or_none
from sheetsapi.config import Settings
from sheetsapi.store import google_setup
from sheetsapi.store.base import RawRow, RowMissing, Table
from sheetsapi.store.sheets_http import (
    RedirectingHTTPClient, SheetsUnavailable, call, credentials_for,
)
from sheetsapi.tabs import canonical_column

log = logging.getLogger(__name__)

READ_OPTIONS = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER",
                "majorDimension": "ROWS"}
APPEND_OPTIONS = {"valueInputOption": "RAW", "insertDataOption": "INSERT_ROWS",
                  "includeValuesInResponse": "false"}
# Three tries within ten seconds: the caller is on the phone.
ATTEMPTS = 3
RETRY_BUDGET_SECONDS = 10
# A row number seen longer ago than this is looked up again before an update.
ROW_MAP_FRESH_SECONDS = 5


def _transient(error: BaseException) -> bool:
    return isinstance(error, SheetsUnavailable) and error.transient


class GoogleSheetsStore:
    """A `Store` on a Google Spreadsheet."""

    kind = "google"

    def __init__(self, client: RedirectingHTTPClient, spreadsheet_id: str, *,
                 wait: wait_base | None = None) -> None:
        self._client = client
        self._id = spreadsheet_id
        self._wait = wait or wait_random_exponential(multiplier=0.5, max=4)
        # From the last read of each tab: its header cells, and the row of each id.
        self._headers: dict[str, list[Cell]] = {}
        self._rows_by_id: dict[str, dict[int, int]] = {}
        self._rows_read_at: dict[str, float] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> GoogleSheetsStore:
        """Open the spreadsheet the settings name (no call is made yet)."""
        credentials = credentials_for(settings.google_application_credentials,
                                      settings.sheets_api_url)
        client = RedirectingHTTPClient(credentials, settings.sheets_api_url)
        return cls(client, settings.spreadsheet_id)

    def read(self, tabs: Sequence[str]) -> dict[str, Table]:
        """Read every given tab in one `values:batchGet`."""
        answer = self._retrying(f"Reading {', '.join(tabs)}", lambda: self._client.values_batch_get(
            self._id, [absolute_range_name(tab) for tab in tabs], params=dict(READ_OPTIONS)))
        now = time.monotonic()
        return {tab: self._remember(tab, value_range.get("values", []), now)
                for tab, value_range in zip(tabs, answer["valueRanges"], strict=True)}

    def _remember(self, tab: str, values: list[list[Cell]], now: float) -> Table:
        headers = values[0] if values else []
        self._headers[tab] = headers
        names = [canonical_column(tab, header) or str(header).strip() for header in headers]
        # Google leaves out a row's trailing empty cells; cells beyond the header are dropped.
        rows = [RawRow(number, dict(zip(names, cells, strict=False)))
                for number, cells in enumerate(values[1:], start=2)]
        self._rows_by_id[tab] = _rows_by_id(rows)
        self._rows_read_at[tab] = now
        return rows

    def append(self, tab: str, cells: Mapping[str, Cell]) -> RawRow:
        """Append one row with RAW values and INSERT_ROWS; retried only if it did not land."""
        values = self._row_values(tab, cells)
        key = cells.get("request_key")
        describe = f"Adding a row to {tab}"
        for attempt in Retrying(**self._retry_policy()):
            with attempt:
                if attempt.retry_state.attempt_number > 1:
                    landed = self._find_once(tab, "request_key", key) if key else None
                    if landed is not None:
                        log.info("%s: the earlier try had landed at row %d", describe, landed.number)
                        return landed
                    if not key:
                        raise SheetsUnavailable(f"{describe}: cannot tell whether it landed.",
                                                transient=False)
                answer = call(describe, lambda: self._client.values_append(
                    self._id, absolute_range_name(tab, "A1"), params=dict(APPEND_OPTIONS),
                    body={"values": [values], "majorDimension": "ROWS"}))
        number, column = a1_to_rowcol(answer["updates"]["updatedRange"].rpartition("!")[2].split(":")[0])
        if column != 1:
            log.error("%s: Google wrote row %d from column %d, not A", describe, number, column)
            raise SheetsUnavailable(f"{describe}: Google wrote it at row {number} starting in the "
                                    f"wrong column; check the {tab} tab.", transient=False)
        if (ident := id_or_none(cells.get("id"))) is not None:
            self._rows_by_id.setdefault(tab, {})[ident] = number
        return RawRow(number, dict(cells))

    def update(self, tab: str, row_id: int, cells: Mapping[str, Cell]) -> None:
        """Write only the given cells of the row holding `row_id`, in one call."""
        if not cells:
            return
        for attempt in Retrying(**self._retry_policy()):
            with attempt:
                # After a failed try, find the row again: people may have sorted meanwhile.
                number = (self._row_of(tab, row_id) if attempt.retry_state.attempt_number == 1
                          else self._locate(tab, row_id))
                data = [{"range": absolute_range_name(
                            tab, rowcol_to_a1(number, self._position(tab, column))),
                         "values": [[value]]} for column, value in cells.items()]
                call(f"Updating {tab} row {number}", lambda data=data: self._client.values_batch_update(
                    self._id, body={"valueInputOption": "RAW", "data": data}))

    def _find_once(self, tab: str, column: str, value: Cell) -> RawRow | None:
        """Return the row whose `column` holds `value`, reading that column alone."""
        letter = rowcol_to_a1(1, self._position(tab, column)).rstrip("0123456789")
        answer = call(f"Searching {tab}", lambda: self._client.values_get(
            self._id, absolute_range_name(tab, f"{letter}:{letter}"), params=dict(READ_OPTIONS)))
        for number, row in enumerate(answer.get("values", [])[1:], start=2):
            cell = row[0] if row else None
            if cell == value or (column == "id" and id_or_none(cell) == value):
                return RawRow(number, {column: value})
        return None

    def initialise(self) -> list[str]:
        """Set the spreadsheet up (tabs, headers, dropdowns, reports); return what was done."""
        changes = google_setup.initialise(self._client, self._id)
        self._headers.clear()
        return changes

    def load_tables(self, tables: dict[str, tuple[list[str], list[list[Cell]]]], *,
                    replace: bool = False) -> None:
        """Fill empty tabs from an imported workbook (never replaces a person's rows)."""
        if replace:
            raise ValueError("the Google store never replaces rows; import into empty tabs")
        google_setup.load_tables(self._client, self._id, tables)
        self._headers.clear()

    def columns(self, tab: str) -> list[str]:
        """Return the tab's header cells as of the last read."""
        return [str(header).strip() for header in self._header(tab)]

    def may_have_changed(self) -> bool:
        """Always: people edit the sheet, and asking would cost a call."""
        return True

    def close(self) -> None:
        """Close the HTTP session."""
        self._client.session.close()

    def _row_of(self, tab: str, row_id: int) -> int:
        """Return the row of an id, from the last read if it is seconds old."""
        fresh = time.monotonic() - self._rows_read_at.get(tab, float("-inf")) < ROW_MAP_FRESH_SECONDS
        number = self._rows_by_id.get(tab, {}).get(row_id) if fresh else None
        return number if number is not None else self._locate(tab, row_id)

    def _locate(self, tab: str, row_id: int) -> int:
        """Read the id column to find the row an id is on now."""
        found = self._find_once(tab, "id", row_id)
        if found is None:
            raise RowMissing(f"{tab} has no row with id {row_id}")
        return found.number

    def _row_values(self, tab: str, cells: Mapping[str, Cell]) -> list[Cell]:
        """Lay the cells out in the tab's own column order; refuse a value with no column."""
        header = self._header(tab)
        if not header or header[0] in (None, ""):
            # Google's append would pick another "table" and shift the row (gspread #537).
            raise SheetsUnavailable(
                f"The {tab} tab's column A has no header; give it one (id) so that new rows "
                f"land in the right columns.", transient=False, retry_after=60)
        names = [canonical_column(tab, cell) for cell in header]
        missing = [column for column, value in cells.items()
                   if value not in (None, "") and column not in names]
        if missing:
            raise SheetsUnavailable(
                f"The {tab} tab has no column {', '.join(missing)}; run `flask --app app sheets init`.",
                transient=False, retry_after=60)
        values = [cells.get(name, "") if name else "" for name in names]
        return [("" if value is None else value) for value in values]

    def _position(self, tab: str, column: str) -> int:
        for index, header in enumerate(self._header(tab), start=1):
            if canonical_column(tab, header) == column:
                return index
        raise SheetsUnavailable(f"The {tab} tab has no {column} column; run `flask --app app sheets init`.",
                                transient=False, retry_after=60)

    def _header(self, tab: str) -> list[Cell]:
        if tab not in self._headers:
            self.read([tab])
        return self._headers[tab]

    def _retrying(self, describe: str, operation: Any) -> Any:
        """Run an idempotent call, retrying transient failures within the budget."""
        for attempt in Retrying(**self._retry_policy()):
            with attempt:
                return call(describe, operation)
        raise AssertionError("unreachable: tenacity reraises")  # pragma: no cover

    def _retry_policy(self) -> dict[str, Any]:
        return {"stop": stop_after_attempt(ATTEMPTS) | stop_after_delay(RETRY_BUDGET_SECONDS),
                "wait": self._wait, "retry": retry_if_exception(_transient), "reraise": True,
                "before_sleep": lambda state: log.warning(
                    "Sheets call failed (%s); try %d of %d", state.outcome.exception(),
                    state.attempt_number + 1, ATTEMPTS)}


def _rows_by_id(rows: Table) -> dict[int, int]:
    numbers: dict[int, int] = {}
    for row in rows:
        if (ident := id_or_none(row.cells.get("id"))) is not None:
            numbers[ident] = row.number
    return numbers
