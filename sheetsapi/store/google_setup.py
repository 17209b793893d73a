"""Setting a Google Spreadsheet up for the office: tabs, headers, dropdowns, reports.

Run by `flask --app app sheets init`. It adds what is missing and never touches a row
people typed: a second run reads the sheet twice and writes nothing.
"""

from __future__ import annotations

from typing import Any

from gspread.http_client import HTTPClient
from gspread.utils import absolute_range_name, rowcol_to_a1

from sheetsapi import tabs
from sheetsapi.store.sheets_http import call
from sheetsapi.tabs import COLUMNS, canonical_column

REPORTS = "reports"
PROTECTION = "sheetsapi: header row (edit with care: the API finds columns by these names)"
DROPDOWNS = {
    tabs.LEADS: {"status": tabs.LEAD_STATUSES},
    tabs.APPOINTMENTS: {"status": tabs.APPOINTMENT_STATUSES},
    tabs.SLOTS: {"mode": tabs.SLOT_MODES, "status": tabs.SLOT_STATUSES},
}


def initialise(client: HTTPClient, spreadsheet_id: str) -> list[str]:
    """Add every missing tab, header cell, dropdown and protection, and the reports tab."""
    changes: list[str] = []
    sheets = _sheets(client, spreadsheet_id)
    missing = [tab for tab in (*COLUMNS, REPORTS) if tab not in sheets]
    if missing:
        call("Adding tabs", lambda: client.batch_update(spreadsheet_id, {"requests": [
            {"addSheet": {"properties": {"title": tab}}} for tab in missing]}))
        changes += [f"{tab}: created the tab" for tab in missing]
        sheets = _sheets(client, spreadsheet_id)
    headers = _headers(client, spreadsheet_id)
    changes += _complete_headers(client, spreadsheet_id, headers)
    changes += _format_tabs(client, spreadsheet_id, sheets, headers)
    if REPORTS in missing:
        call("Writing the reports tab", lambda: client.values_update(
            spreadsheet_id, absolute_range_name(REPORTS, "A1"),
            params={"valueInputOption": "USER_ENTERED"},
            body={"values": report_formulas(headers)}))
        changes.append(f"{REPORTS}: wrote the managers' report formulas")
    return changes


def _sheets(client: HTTPClient, spreadsheet_id: str) -> dict[str, dict[str, Any]]:
    meta = call("Reading the spreadsheet's tabs", lambda: client.fetch_sheet_metadata(
        spreadsheet_id, params={"fields": "sheets(properties,protectedRanges)"}))
    return {sheet["properties"]["title"]: sheet for sheet in meta.get("sheets", [])}


def _headers(client: HTTPClient, spreadsheet_id: str) -> dict[str, list[str]]:
    answer = call("Reading the header rows", lambda: client.values_batch_get(
        spreadsheet_id, [absolute_range_name(tab, "1:1") for tab in COLUMNS]))
    return {tab: [str(cell) for cell in (value_range.get("values") or [[]])[0]]
            for tab, value_range in zip(COLUMNS, answer["valueRanges"], strict=True)}


def _complete_headers(client: HTTPClient, spreadsheet_id: str,
                      headers: dict[str, list[str]]) -> list[str]:
    """Write each missing column's name after the tab's last header cell (in `headers` too)."""
    data, changes = [], []
    for tab, columns in COLUMNS.items():
        present = {canonical_column(tab, header) for header in headers[tab]}
        absent = [column for column in columns if column not in present]
        if not absent:
            continue
        start = rowcol_to_a1(1, len(headers[tab]) + 1)
        data.append({"range": absolute_range_name(tab, start), "values": [absent]})
        headers[tab] = headers[tab] + absent
        changes += [f"{tab}: added the column {column}" for column in absent]
    if data:
        call("Writing header rows", lambda: client.values_batch_update(
            spreadsheet_id, body={"valueInputOption": "RAW", "data": data}))
    return changes


def _format_tabs(client: HTTPClient, spreadsheet_id: str, sheets: dict[str, dict[str, Any]],
                 headers: dict[str, list[str]]) -> list[str]:
    """Freeze, protect and add dropdowns to each tab not yet marked as set up by us."""
    requests, changes = [], []
    for tab in COLUMNS:
        sheet = sheets[tab]
        if any(item.get("description") == PROTECTION for item in sheet.get("protectedRanges", [])):
            continue
        sheet_id = sheet["properties"]["sheetId"]
        requests += [
            {"updateSheetProperties": {"properties": {"sheetId": sheet_id,
                                                      "gridProperties": {"frozenRowCount": 1}},
                                       "fields": "gridProperties.frozenRowCount"}},
            {"addProtectedRange": {"protectedRange": {
                "range": {"sheetId": sheet_id, "startRowIndex": 0, "endRowIndex": 1},
                "description": PROTECTION, "warningOnly": True}}},
        ]
        for column, allowed in DROPDOWNS.get(tab, {}).items():
            index = next(i for i, header in enumerate(headers[tab])
                         if canonical_column(tab, header) == column)
            requests.append({"setDataValidation": {
                "range": {"sheetId": sheet_id, "startRowIndex": 1,
                          "startColumnIndex": index, "endColumnIndex": index + 1},
                "rule": {"condition": {"type": "ONE_OF_LIST",
                                       "values": [{"userEnteredValue": value} for value in allowed]},
                         "strict": True, "showCustomUi": True}}})
        changes.append(f"{tab}: froze and protected the header row"
                       + (", added dropdowns" if tab in DROPDOWNS else ""))
    if requests:
        call("Formatting tabs", lambda: client.batch_update(spreadsheet_id, {"requests": requests}))
    return changes


def report_formulas(headers: dict[str, list[str]]) -> list[list[str]]:
    """Return the reports tab: formulas over the data tabs, by their columns' letters.

    The letters are those of today's header rows; if people move columns, delete the
    reports tab and run init again.
    """
    def col(tab: str, column: str) -> str:
        index = next(i for i, header in enumerate(headers[tab])
                     if canonical_column(tab, header) == column)
        letter = rowcol_to_a1(1, index + 1)[:-1]
        return f"{tab}!{letter}2:{letter}"

    lead_id, lead_status, lead_listing = (col(tabs.LEADS, name) for name in ("id", "status", "listing_id"))
    appt_slot, appt_status, appt_lead, appt_time = (
        col(tabs.APPOINTMENTS, name)
        for name in ("viewing_slot_id", "status", "lead_id", "scheduled_at"))
    slot_id, slot_start, slot_capacity = (col(tabs.SLOTS, name) for name in ("id", "start_at", "capacity"))
    rows = [
        ["Leads by status", "", "", "Leads by listing", "", "", "Viewings per slot", "", "", "",
         "Bookings per day", "", "", "Cancellations", "", "Lead-to-viewing conversion"],
        ["status", "leads", "", "listing_id", "leads", "", "slot", "start", "booked", "capacity",
         "day", "bookings", "", "cancelled", "", "leads with a booking"],
    ]
    first = [
        "", "", "",
        f'=QUERY({{{lead_listing},{lead_id}}},"select Col1, count(Col2) where Col2 is not null '
        f'group by Col1 label Col1 \'\', count(Col2) \'\'",0)', "", "",
        f"=FILTER({slot_id},{slot_id}<>\"\")",
        f"=ARRAYFORMULA(IF(G3:G=\"\",,IFERROR(VLOOKUP(G3:G,{{{slot_id},{slot_start}}},2,FALSE))))",
        f"=ARRAYFORMULA(IF(G3:G=\"\",,COUNTIFS({appt_slot},G3:G,{appt_status},\"booked\")))",
        f"=ARRAYFORMULA(IF(G3:G=\"\",,IFERROR(VLOOKUP(G3:G,{{{slot_id},{slot_capacity}}},2,FALSE))))",
        f'=QUERY(ARRAYFORMULA({{LEFT({appt_time},10),{appt_status}}}),"select Col1, count(Col2) '
        f'where Col2 = \'booked\' group by Col1 label Col1 \'\', count(Col2) \'\'",0)', "", "",
        f"=COUNTIF({appt_status},\"cancelled\")", "",
        f"=IFERROR(COUNTUNIQUE(FILTER({appt_lead},{appt_lead}<>\"\"))/COUNTA({lead_id}),0)",
    ]
    rows.append(first)
    for offset, status in enumerate(tabs.LEAD_STATUSES):
        if offset == 0:
            first[0], first[1] = status, f'=COUNTIF({lead_status},"{status}")'
        else:
            rows.append([status, f'=COUNTIF({lead_status},"{status}")'])
    return rows


def load_tables(client: HTTPClient, spreadsheet_id: str,
                tables: dict[str, tuple[list[str], list[list[Any]]]]) -> None:
    """Write imported tabs (header and rows, RAW) into tabs that hold no rows yet."""
    sheets = _sheets(client, spreadsheet_id)
    requests = [{"addSheet": {"properties": {"title": tab}}} for tab in tables if tab not in sheets]
    if requests:
        call("Adding tabs", lambda: client.batch_update(spreadsheet_id, {"requests": requests}))
        sheets = _sheets(client, spreadsheet_id)
    answer = call("Reading the tabs", lambda: client.values_batch_get(
        spreadsheet_id, [absolute_range_name(tab, "A2:ZZ") for tab in tables]))
    for tab, value_range in zip(tables, answer["valueRanges"], strict=True):
        if any(value_range.get("values", [])):
            raise ValueError(f"the {tab} tab already holds rows")
    resize = []
    for tab, (header, rows) in tables.items():
        grid = sheets[tab]["properties"]["gridProperties"]
        needed = {"rowCount": max(grid["rowCount"], len(rows) + 1),
                  "columnCount": max(grid["columnCount"], len(header))}
        if needed != {"rowCount": grid["rowCount"], "columnCount": grid["columnCount"]}:
            resize.append({"updateSheetProperties": {
                "properties": {"sheetId": sheets[tab]["properties"]["sheetId"],
                               "gridProperties": needed},
                "fields": "gridProperties.rowCount,gridProperties.columnCount"}})
    if resize:
        call("Making room", lambda: client.batch_update(spreadsheet_id, {"requests": resize}))
    data = [{"range": absolute_range_name(tab, "A1"), "values": [header, *rows]}
            for tab, (header, rows) in tables.items()]
    call("Writing the imported rows", lambda: client.values_batch_update(
        spreadsheet_id, body={"valueInputOption": "RAW", "data": data}))
