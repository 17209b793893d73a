"""The SQLite adapter: rows in, rows out, cells updated in place, others' writes noticed."""

from __future__ import annotations

import pytest

from sheetsapi.errors import StorageUnavailable
from sheetsapi.store.base import RowMissing
from sheetsapi.store.local import LocalStore
from sheetsapi.tabs import COLUMNS
from tests.people import LocalSheetEditor


@pytest.fixture
def local(tmp_path):
    store = LocalStore(tmp_path / "store.sqlite3")
    store.initialise()
    yield store
    store.close()


def test_tabs_are_created_once_with_their_columns(local):
    assert local.initialise() == []
    assert local.columns("appointments") == list(COLUMNS["appointments"])
    assert local.read(["appointments"]) == {"appointments": []}


def test_init_adds_missing_columns_and_keeps_rows_and_extra_columns(local):
    local.load_table("leads", ["ID", "Phone E164", "Agent"], [[1, "+353871234567", "Ann"]],
                     replace=True)
    assert local.initialise() == [f"leads: added the column {column}" for column in COLUMNS["leads"]
                                  if column not in ("id", "phone_e164")]
    [row] = local.read(["leads"])["leads"]
    assert (row.cells["id"], row.cells["phone_e164"], row.cells["Agent"]) == (
        1, "+353871234567", "Ann")
    local.update("leads", 1, {"status": "qualified"})
    assert local.read(["leads"])["leads"][0].cells["status"] == "qualified"
    assert local.initialise() == []


def test_appended_rows_read_back_with_their_row_numbers_and_types(local):
    local.append("leads", {"id": 1, "phone_e164": "+353871234567", "name": "'=1+1"})
    local.append("leads", {"id": 2, "phone_e164": "0871234567"})
    rows = local.read(["leads"])["leads"]
    assert [row.number for row in rows] == [2, 3]
    assert rows[0].cells["phone_e164"] == "+353871234567"
    assert rows[0].cells["name"] == "'=1+1"
    assert rows[1].cells["phone_e164"] == "0871234567"


def test_update_changes_only_the_named_cells(local):
    local.append("appointments", {"id": 7, "name": "A", "email": "a@x.ie", "status": "booked"})
    local.update("appointments", 7, {"status": "cancelled"})
    [row] = local.read(["appointments"])["appointments"]
    assert (row.cells["name"], row.cells["email"], row.cells["status"]) == (
        "A", "a@x.ie", "cancelled")


def test_updating_a_row_that_is_gone_raises_row_missing(local):
    with pytest.raises(RowMissing):
        local.update("appointments", 99, {"status": "cancelled"})


def test_writes_by_another_program_are_noticed_and_our_own_are_not(local):
    local.read(["groups"])
    assert not local.may_have_changed()
    local.append("groups", {"id": 1, "name": "Ours"})
    assert not local.may_have_changed()
    person = LocalSheetEditor(local.path)
    person.add("groups", id=2, name="Theirs")
    person.close()
    assert local.may_have_changed()
    local.read(["groups"])
    assert not local.may_have_changed()


def test_an_unusable_database_is_storage_unavailable(tmp_path):
    (tmp_path / "not-a-db.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageUnavailable):
        store = LocalStore(tmp_path / "not-a-db.sqlite3")
        store.initialise()
