"""`sheets export` then `sheets import` into an empty store: every cell comes back as it was."""

from __future__ import annotations

import pytest
from google.auth.credentials import AnonymousCredentials
from tenacity import wait_none

from sheetsapi import create_app
from sheetsapi.store.google import GoogleSheetsStore
from sheetsapi.store.local import LocalStore
from sheetsapi.store.sheets_http import RedirectingHTTPClient
from sheetsapi.tabs import TAB_NAMES, canonical_column
from tests.conftest import AUTH
from tests.fakes.sheets_api import FakeSheets
from tests.seed_sheet import lay_out_seed_sheet


def grid(store) -> dict[str, list[list]]:
    """Every tab as a person sees it: header row, then each row by its number."""
    tables = store.read(TAB_NAMES)
    result = {}
    for tab in TAB_NAMES:
        header = store.columns(tab)
        keys = [canonical_column(tab, name) or name for name in header]
        rows = [header]
        for row in tables[tab]:
            rows += [[]] * (row.number - len(rows) - 1)
            rows.append([None if row.cells.get(key) in (None, "") else row.cells.get(key)
                         for key in keys])
        result[tab] = [row if any(cell is not None for cell in row) else [] for row in rows]
    return result


@pytest.fixture
def source(sheet, store, store_kind):
    """The seed office, plus what people leave in sheets: blanks, extras, odd text."""
    lay_out_seed_sheet(sheet)
    sheet.add("viewing_slots", notes=None)
    sheet.add("viewing_slots", id=30, listing_id=42, mode="open", start_at=45936.75,
              capacity=4, notes='=HYPERLINK("http://x","y")')
    sheet.add("appointments", id=400, viewing_slot_id=30, phone="0871234567",
              name="'+ leading plus", status="booked", scheduled_at="2025-10-06 18:00")
    return store


@pytest.fixture
def empty_google(sheets_mock):
    """A new spreadsheet of its own (at another address than the source's fake)."""
    fake = FakeSheets("imported", sheets=("Sheet1",))
    fake.install(sheets_mock, base_url="https://imported.invalid")
    client = RedirectingHTTPClient(AnonymousCredentials(), "https://imported.invalid")
    return GoogleSheetsStore(client, "imported", wait=wait_none())


@pytest.fixture
def empty_local(tmp_path):
    store = LocalStore(tmp_path / "imported.sqlite3")
    yield store
    store.close()


def run(app, *args):
    result = app.test_cli_runner().invoke(args=["sheets", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("target", ["empty_local", "empty_google"])
def test_export_then_import_round_trips_every_cell(source, settings, clock, tmp_path, request,
                                                   target):
    path = tmp_path / "office.xlsx"
    source_app = create_app(settings, store=source, clock=clock)
    imported = request.getfixturevalue(target)
    target_app = create_app(settings, store=imported, clock=clock)

    assert "Wrote 14 rows in 6 tabs" in run(source_app, "export", str(path))
    assert "Imported 14 rows in 6 tabs" in run(target_app, "import", str(path))

    assert grid(imported) == grid(source)


@pytest.mark.parametrize("target", ["empty_local", "empty_google"])
def test_the_service_answers_the_same_on_the_imported_store(source, settings, clock, tmp_path,
                                                            request, target):
    path = tmp_path / "office.xlsx"
    run(create_app(settings, store=source, clock=clock), "export", str(path))
    imported = request.getfixturevalue(target)
    run(create_app(settings, store=imported, clock=clock), "import", str(path))

    answers = []
    for store in (source, imported):
        client = create_app(settings, store=store, clock=clock).test_client()
        answers.append([
            client.get("/api/appointments/next?listing_id=42", headers=AUTH).json,
            client.get("/api/sheet/problems", headers=AUTH).json,
            client.post("/api/appointments", headers=AUTH,
                        json={"viewing_slot_id": 30, "phone": "0861234567"}).json,
            client.delete("/api/appointments/400", headers=AUTH).json,
        ])
    assert answers[0] == answers[1]
    assert answers[0][2]["slot"]["booked"] == 2


def test_import_refuses_a_store_that_holds_rows(source, settings, clock, tmp_path):
    path = tmp_path / "office.xlsx"
    app = create_app(settings, store=source, clock=clock)
    run(app, "export", str(path))
    result = app.test_cli_runner().invoke(args=["sheets", "import", str(path)])
    assert result.exit_code == 1
    assert "already holds rows" in result.output


def test_a_file_that_is_not_xlsx_is_one_line(settings, tmp_path):
    (tmp_path / "bad.xlsx").write_text("not a workbook")
    result = create_app(settings).test_cli_runner().invoke(
        args=["sheets", "import", str(tmp_path / "bad.xlsx")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: ")
    assert "is not an .xlsx workbook" in result.output and "Traceback" not in result.output


def test_a_new_data_dir_is_noticed_and_its_demo_data_replaced_on_import(source, settings, clock,
                                                                      tmp_path):
    path = tmp_path / "office.xlsx"
    run(create_app(settings, store=source, clock=clock), "export", str(path))
    fresh = settings.model_copy(update={"data_dir": tmp_path / "new-office"})

    checked = create_app(fresh, clock=clock).test_cli_runner().invoke(args=["sheets", "check"])
    assert "there was no local store" in checked.output and "Is DATA_DIR right?" in checked.output

    fresh = settings.model_copy(update={"data_dir": tmp_path / "another-office"})
    imported = create_app(fresh, clock=clock)
    assert "Imported 14 rows" in run(imported, "import", str(path))
    assert grid(imported.extensions["sheetsapi"].uow.store) == grid(source)
