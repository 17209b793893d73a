"""What is wrong in the spreadsheet: every problem `sheets check` and the API report.

Unreadable cells are found while rows are read (see `records`); this adds what only
the whole workbook shows: missing columns, references to rows that do not exist, and
slots holding more bookings than places.
"""

from __future__ import annotations

from collections.abc import Iterator

from sheetsapi import tabs
from sheetsapi.records import RowProblem
from sheetsapi.tabs import canonical_column
from sheetsapi.workbook import Workbook


def sheet_problems(book: Workbook) -> list[RowProblem]:
    """Return every problem in the workbook, tab by tab and row by row."""
    problems = [*_missing_columns(book), *book.unreadable_cells(), *_broken_references(book),
                *_overbooked_slots(book)]
    order = {tab: index for index, tab in enumerate(tabs.TAB_NAMES)}
    return sorted(problems, key=lambda problem: (order[problem.tab], problem.row))


def _missing_columns(book: Workbook) -> Iterator[RowProblem]:
    for tab, expected in tabs.COLUMNS.items():
        present = {canonical_column(tab, header) for header in book.columns.get(tab, [])}
        for column in expected:
            if column not in present:
                yield RowProblem(tab, 1, column, "the column is missing from the header row")


def _broken_references(book: Workbook) -> Iterator[RowProblem]:
    checks = [
        (tabs.LISTINGS, book.listings, "group_id", book.groups, "group"),
        (tabs.CALL_LOGS, book.call_logs, "group_id", book.groups, "group"),
        (tabs.SLOTS, book.slots, "listing_id", book.listings, "listing"),
        (tabs.LEADS, book.leads, "group_id", book.groups, "group"),
        (tabs.LEADS, book.leads, "listing_id", book.listings, "listing"),
        (tabs.LEADS, book.leads, "call_log_id", book.call_logs, "call log"),
        (tabs.APPOINTMENTS, book.appointments, "listing_id", book.listings, "listing"),
        (tabs.APPOINTMENTS, book.appointments, "lead_id", book.leads, "lead"),
    ]
    for tab, records, column, targets, kind in checks:
        for record in records.values():
            target = getattr(record, column)
            if target is not None and target not in targets:
                yield RowProblem(tab, book.row_of(tab, record.id), column,
                                 f"there is no {kind} {target}", target)
    known_slots = book.slots.keys() | book.unreadable_slots
    for appointment in book.appointments.values():
        if appointment.viewing_slot_id not in known_slots:
            yield RowProblem(tabs.APPOINTMENTS, book.row_of(tabs.APPOINTMENTS, appointment.id),
                             "viewing_slot_id", f"there is no slot {appointment.viewing_slot_id}",
                             appointment.viewing_slot_id)


def _overbooked_slots(book: Workbook) -> Iterator[RowProblem]:
    for slot in book.slots.values():
        booked = len(book.bookings_for(slot.id))
        if booked > slot.capacity:
            yield RowProblem(tabs.SLOTS, book.row_of(tabs.SLOTS, slot.id), "capacity",
                             f"{slot.capacity} places but {booked} booked", slot.capacity)
