"""`sheets init`: creates what is missing, touches no row, and a second run writes nothing."""

from __future__ import annotations

import pytest
from gspread.utils import rowcol_to_a1

from tests.fakes.sheets_api import FakeSheets
from sheetsapi.store.google_setup import PROTECTION, REPORTS
from sheetsapi.tabs import COLUMNS, canonical_column


@pytest.fixture
def store_kind():
    return "google"


@pytest.fixture
def fake_sheets(sheets_mock):
    """A new spreadsheet, as Google creates it: one empty tab called Sheet1."""
    fake = FakeSheets("test-sheet", sheets=("Sheet1",))
    fake.install(sheets_mock)
    return fake


def init(app):
    return app.test_cli_runner().invoke(args=["sheets", "init"])


def dropdowns(fake, tab):
    header = [canonical_column(tab, cell) for cell in fake.values(tab)[0]]
    return {header[rule["range"]["startColumnIndex"]]: [
        value["userEnteredValue"] for value in rule["rule"]["condition"]["values"]]
        for rule in fake.sheet(tab).data_validation}


def assert_set_up(fake):
    for tab, columns in COLUMNS.items():
        sheet = fake.sheet(tab)
        assert set(columns) <= {canonical_column(tab, cell) for cell in fake.values(tab)[0]}
        assert sheet.frozen_row_count == 1
        assert [item["description"] for item in sheet.protected_ranges] == [PROTECTION]
        assert all(item["warningOnly"] for item in sheet.protected_ranges)
    assert dropdowns(fake, "leads") == {
        "status": ["new", "contacted", "qualified", "waitlist", "rejected"]}
    assert dropdowns(fake, "appointments") == {"status": ["booked", "cancelled"]}
    assert dropdowns(fake, "viewing_slots") == {"mode": ["staggered", "open"],
                                                "status": ["open", "closed"]}
    report = fake.values(REPORTS)
    assert report[0][0] == "Leads by status"
    status = rowcol_to_a1(1, 1 + [canonical_column("leads", cell)
                                  for cell in fake.values("leads")[0]].index("status"))[:-1]
    assert report[2][:2] == ["new", f'=COUNTIF(leads!{status}2:{status},"new")']
    assert any(str(cell).startswith("=ARRAYFORMULA(") for row in report for cell in row)


def test_init_on_an_empty_spreadsheet_sets_everything_up(app, fake_sheets):
    result = init(app)

    assert result.exit_code == 0, result.output
    assert_set_up(fake_sheets)
    for tab, columns in COLUMNS.items():
        assert fake_sheets.values(tab) == [list(columns)]
    assert "viewing_slots: created the tab" in result.output


def test_a_second_run_sends_no_write(app, fake_sheets):
    init(app)
    fake_sheets.reset_calls()

    result = init(app)

    assert result.output == "Nothing to do: the sheet is set up.\n"
    assert fake_sheets.writes == 0
    assert fake_sheets.reads == 2


def test_init_on_a_half_set_up_sheet_keeps_every_row_and_extra_column(app, fake_sheets):
    leads = [["Phone E164", "ID", "Agent", "Group Id", "Status"],
             ["+353871234567", 1, "Ann", 1, "new"], [], ["0871234568", 2, "Bob", 1, "hot"]]
    slots = [["id", "listing_id", "start_at", "capacity"], [17, 42, "2025-10-06 10:00", 6]]
    fake_sheets.add_sheet("leads", leads, value_input="RAW")
    fake_sheets.add_sheet("viewing_slots", slots, value_input="RAW")

    result = init(app)

    assert result.exit_code == 0, result.output
    assert_set_up(fake_sheets)
    assert fake_sheets.values("leads")[1:] == leads[1:]
    assert fake_sheets.values("leads")[0][:5] == leads[0]
    assert fake_sheets.values("viewing_slots")[1] == slots[1]
    assert "leads: added the column request_key" in result.output
    assert "leads: added the column phone_e164" not in result.output
    fake_sheets.reset_calls()
    assert init(app).output == "Nothing to do: the sheet is set up.\n"
    assert fake_sheets.writes == 0


@pytest.mark.parametrize("store_kind", ["local"])
def test_init_on_a_half_set_up_local_store(app, sheet, store, store_kind):
    sheet.put_tab("leads", [["ID", "Phone E164", "Agent"], [1, "+353871234567", "Ann"]])

    result = init(app)

    assert "leads: added the column request_key" in result.output
    assert store.columns("leads")[:3] == ["ID", "Phone E164", "Agent"]
    [row] = store.read(["leads"])["leads"]
    assert (row.cells["id"], row.cells["phone_e164"], row.cells["Agent"]) == (
        1, "+353871234567", "Ann")
    assert init(app).output == "Nothing to do: the sheet is set up.\n"
