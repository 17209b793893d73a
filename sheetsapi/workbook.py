"""The spreadsheet in memory: every tab read into typed records, indexed for the API."""

from __future__ import annotations

import copy
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo

from sheetsapi import tabs
from sheetsapi.cells import id_or_none
from sheetsapi.records import (
    READERS, Appointment, CallLog, Group, Lead, Listing, RowProblem, RowReader, Slot,
)
from sheetsapi.store.base import Table

log = logging.getLogger(__name__)


@dataclass
class Workbook:
    """Typed, indexed records of every tab; only the unit of work changes it."""

    zone: tzinfo
    groups: dict[int, Group] = field(default_factory=dict)
    listings: dict[int, Listing] = field(default_factory=dict)
    call_logs: dict[int, CallLog] = field(default_factory=dict)
    slots: dict[int, Slot] = field(default_factory=dict)
    # Slot ids whose rows cannot be read (or appear twice): known, but never offered.
    unreadable_slots: set[int] = field(default_factory=set)
    leads: dict[int, Lead] = field(default_factory=dict)
    appointments: dict[int, Appointment] = field(default_factory=dict)
    bookings: dict[int, list[Appointment]] = field(default_factory=lambda: defaultdict(list))
    problems: dict[str, list[RowProblem]] = field(default_factory=dict)
    # Each tab's header cells, and the row each id was on when last read or written.
    columns: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, dict[int, int]] = field(default_factory=dict)
    _max_ids: dict[str, int] = field(default_factory=dict)
    _by_request_key: dict[str, dict[str, Lead | Appointment]] = field(default_factory=dict)
    _lead_by_phone: dict[str, int] = field(default_factory=dict)
    _slots_by_listing: dict[int, list[Slot]] = field(default_factory=dict)

    def with_tables(self, tables: Mapping[str, Table],
                    columns: Mapping[str, list[str]]) -> Workbook:
        """Return a copy of this workbook with the given tabs replaced by fresh rows."""
        book = copy.copy(self)
        book.problems = dict(self.problems)
        book.columns = dict(self.columns) | dict(columns)
        book.rows = dict(self.rows)
        book._max_ids = dict(self._max_ids)
        book._by_request_key = dict(self._by_request_key)
        book._load(tables)
        return book

    def _load(self, tables: Mapping[str, Table]) -> None:
        for tab, rows in tables.items():
            records, problems = self._read_tab(tab, rows)
            self.problems[tab] = problems
            getattr(self, f"_index_{tab}")(records)

    def _read_tab(self, tab: str, rows: Table) -> tuple[list, list[RowProblem]]:
        records, problems = [], []
        read = READERS[tab]
        for row in rows:
            if not any(str(cell).strip() for cell in row.cells.values() if cell is not None):
                continue
            reader = RowReader(tab, row, self.zone)
            record = read(reader)
            problems.extend(reader.problems)
            records.append((row, record, reader.problems))
        for problem in problems:
            log.warning("Skipping unreadable cell in %s", problem)
        return records, problems

    def _index_groups(self, records: list) -> None:
        self.groups = self._unique(tabs.GROUPS, records)

    def _index_listings(self, records: list) -> None:
        self.listings = self._unique(tabs.LISTINGS, records)

    def _index_call_logs(self, records: list) -> None:
        self.call_logs = self._unique(tabs.CALL_LOGS, records)

    def _index_viewing_slots(self, records: list) -> None:
        self.unreadable_slots = set()
        for row, slot, problems in records:
            ident = id_or_none(row.cells.get("id"))
            if slot is None and problems and ident is not None:
                self.unreadable_slots.add(ident)
        slots = self._unique(tabs.SLOTS, records)
        self.slots = {ident: slot for ident, slot in slots.items()
                      if ident not in self.unreadable_slots}
        self._slots_by_listing = defaultdict(list)
        for slot in self.slots.values():
            self._slots_by_listing[slot.listing_id].append(slot)

    def _index_leads(self, records: list) -> None:
        self.leads = self._unique(tabs.LEADS, records)
        self._max_ids[tabs.LEADS] = _max_id(records)
        self._by_request_key[tabs.LEADS] = {}
        self._lead_by_phone = {}
        for lead in sorted(self.leads.values(), key=lambda lead: lead.id or 0):
            self._note_lead(lead)

    def _index_appointments(self, records: list) -> None:
        self.appointments = self._unique(tabs.APPOINTMENTS, records)
        self._max_ids[tabs.APPOINTMENTS] = _max_id(records)
        self._by_request_key[tabs.APPOINTMENTS] = {}
        self.bookings = defaultdict(list)
        for _row, appointment, _problems in records:
            if appointment is not None:
                self._note_appointment(appointment)

    def _unique(self, tab: str, records: Iterable) -> dict:
        """Index records by id; an id on two rows is ambiguous, so neither is used."""
        by_id: dict[int, object] = {}
        rows_of: dict[int, list[int]] = defaultdict(list)
        for row, record, _problems in records:
            if record is not None and record.id is not None:
                by_id[record.id] = record
                rows_of[record.id].append(row.number)
        self.rows[tab] = {ident: numbers[0] for ident, numbers in rows_of.items()}
        for ident, numbers in rows_of.items():
            if len(numbers) > 1:
                del by_id[ident]
                if tab == tabs.SLOTS:
                    self.unreadable_slots.add(ident)
                for number in numbers:
                    self.problems[tab].append(RowProblem(
                        tab, number, "id", f"id {ident} is on rows {', '.join(map(str, numbers))}",
                        ident))
        return by_id

    def _note_lead(self, lead: Lead) -> None:
        if lead.request_key:
            self._by_request_key[tabs.LEADS][lead.request_key] = lead
        if lead.phone_e164:
            self._lead_by_phone[lead.phone_e164] = lead.id

    def _note_appointment(self, appointment: Appointment) -> None:
        if appointment.request_key and appointment.id is not None:
            self._by_request_key[tabs.APPOINTMENTS][appointment.request_key] = appointment
        if appointment.booked:
            self.bookings[appointment.viewing_slot_id].append(appointment)

    def next_id(self, tab: str) -> int:
        """Return the id the next row the service adds to `tab` gets."""
        return self._max_ids.get(tab, 0) + 1

    def written_for(self, tab: str, request_key: str) -> Lead | Appointment | None:
        """Return the row written for this request key, if any (also if people copied it)."""
        return self._by_request_key.get(tab, {}).get(request_key)

    def latest_lead_for_phone(self, phone: str) -> int | None:
        """Return the id of the newest lead with this phone."""
        return self._lead_by_phone.get(phone)

    def add_lead(self, lead: Lead, row: int) -> None:
        """Record a lead the service has just written at `row`."""
        self.leads[lead.id] = lead
        self.rows.setdefault(tabs.LEADS, {})[lead.id] = row
        self._max_ids[tabs.LEADS] = max(self._max_ids.get(tabs.LEADS, 0), lead.id)
        self._note_lead(lead)

    def put_appointment(self, appointment: Appointment, row: int | None = None) -> None:
        """Record an appointment the service has just written (at `row`) or changed."""
        if row is not None:
            self.rows.setdefault(tabs.APPOINTMENTS, {})[appointment.id] = row
        previous = self.appointments.get(appointment.id)
        if previous is not None and previous.booked:
            bookings = self.bookings[previous.viewing_slot_id]
            bookings[:] = [item for item in bookings if item.id != appointment.id]
        self.appointments[appointment.id] = appointment
        self._max_ids[tabs.APPOINTMENTS] = max(
            self._max_ids.get(tabs.APPOINTMENTS, 0), appointment.id)
        self._note_appointment(appointment)

    def slots_of(self, listing_id: int) -> list[Slot]:
        """Return the readable slots of a listing."""
        return self._slots_by_listing.get(listing_id, [])

    def bookings_for(self, slot_id: int) -> list[Appointment]:
        """Return the appointments holding a place in the slot."""
        return self.bookings.get(slot_id, [])

    def row_of(self, tab: str, ident: int) -> int:
        """Return the row the record with this id was last seen on (0 if unknown)."""
        return self.rows.get(tab, {}).get(ident, 0)

    def unreadable_cells(self) -> list[RowProblem]:
        """Return every cell the service could not read, tab by tab."""
        return [problem for tab in tabs.TAB_NAMES for problem in self.problems.get(tab, [])]


def _max_id(records: Iterable) -> int:
    return max((record.id for _row, record, _problems in records
                if record is not None and record.id is not None), default=0)

