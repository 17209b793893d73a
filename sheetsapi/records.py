"""Typed rows of each tab, read from raw cells with every problem noted, and written back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import TypeVar

from sheetsapi import tabs
from sheetsapi.cells import (
    Cell, CellError, protect_text, read_choice, read_flag, read_id, read_int, read_key,
    read_text, read_time, write_time,
)
from sheetsapi.store.base import RawRow

T = TypeVar("T")

# Bounds that catch typos (a phone pasted into capacity) before they reach arithmetic.
MAX_CAPACITY = 1000
MAX_INTERVAL = 24 * 60
MIN_YEAR, MAX_YEAR = 2000, 2999

# People spell it either way; the API writes "cancelled".
_APPOINTMENT_STATUS_ALIASES = {"canceled": "cancelled"}


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Something wrong in one cell (or a whole row) of a tab, as `sheets check` reports it."""

    tab: str
    row: int
    column: str | None
    problem: str
    value: Cell = None

    def __str__(self) -> str:
        where = f"{self.tab}, row {self.row}" + (f", {self.column}" if self.column else "")
        shown = "" if self.value in (None, "") else f" ({self.value!r})"
        return f"{where}: {self.problem}{shown}"


@dataclass
class RowReader:
    """Reads the cells of one row, collecting a `RowProblem` for each unreadable cell."""

    tab: str
    row: RawRow
    zone: tzinfo
    problems: list[RowProblem] = field(default_factory=list)

    def get(self, column: str, read: Callable[[Cell], T | None], *, required: bool = False) -> T | None:
        """Return the column's value, None (and a problem) when it cannot be read."""
        cell = self.row.cells.get(column)
        try:
            value = read(cell)
        except CellError as error:
            self.complain(column, str(error), cell)
            return None
        if value is None and required:
            self.complain(column, "is required")
        return value

    def time(self, column: str, *, required: bool = False) -> datetime | None:
        """Return the column as a time in the office's zone."""
        return self.get(column, lambda cell: read_time(cell, self.zone), required=required)

    def complain(self, column: str | None, problem: str, value: Cell = None) -> None:
        """Note a problem with this row."""
        self.problems.append(RowProblem(self.tab, self.row.number, column, problem, value))


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    name: str | None


@dataclass(frozen=True, slots=True)
class Listing:
    id: int
    group_id: int | None
    title: str | None
    address: str | None
    postcode: str | None
    active: bool


@dataclass(frozen=True, slots=True)
class CallLog:
    id: int
    group_id: int | None


@dataclass(frozen=True, slots=True)
class Slot:
    id: int
    listing_id: int
    mode: str
    start_at: datetime
    end_at: datetime | None
    interval_minutes: int | None
    capacity: int
    status: str

    @property
    def staggered(self) -> bool:
        return self.mode == "staggered"


@dataclass(frozen=True, slots=True)
class Lead:
    id: int | None
    group_id: int | None
    listing_id: int | None
    call_log_id: int | None
    name: str | None
    phone_e164: str | None
    email: str | None
    notes: str | None
    status: str | None
    created_at: datetime | None
    updated_at: datetime | None
    request_key: str | None

    def to_cells(self, zone: tzinfo) -> dict[str, Cell]:
        """Return the row the service writes for this lead."""
        return {
            "id": self.id, "group_id": self.group_id, "listing_id": self.listing_id or "",
            "call_log_id": self.call_log_id or "", "name": protect_text(self.name),
            "phone_e164": self.phone_e164, "email": protect_text(self.email),
            "notes": protect_text(self.notes), "status": self.status,
            "created_at": _time_cell(self.created_at, zone),
            "updated_at": _time_cell(self.updated_at, zone), "request_key": self.request_key,
        }


@dataclass(frozen=True, slots=True)
class Appointment:
    id: int | None
    viewing_slot_id: int
    listing_id: int | None
    lead_id: int | None
    name: str | None
    phone: str | None
    email: str | None
    scheduled_at: datetime | None
    status: str
    created_at: datetime | None
    updated_at: datetime | None
    request_key: str | None

    @property
    def booked(self) -> bool:
        return self.status == "booked"

    def to_cells(self, zone: tzinfo) -> dict[str, Cell]:
        """Return the row the service writes for this appointment."""
        return {
            "id": self.id, "viewing_slot_id": self.viewing_slot_id,
            "listing_id": self.listing_id or "", "lead_id": self.lead_id or "",
            "name": protect_text(self.name), "phone": self.phone or "",
            "email": protect_text(self.email),
            "scheduled_at": _time_cell(self.scheduled_at, zone), "status": self.status,
            "created_at": _time_cell(self.created_at, zone),
            "updated_at": _time_cell(self.updated_at, zone), "request_key": self.request_key,
        }


def _time_cell(moment: datetime | None, zone: tzinfo) -> str:
    return "" if moment is None else write_time(moment, zone)


def changed_cells(old: Appointment, new: Appointment, zone: tzinfo) -> dict[str, Cell]:
    """Return only the cells of `new` that differ from `old`: people may edit the others."""
    before, after = old.to_cells(zone), new.to_cells(zone)
    return {column: value for column, value in after.items() if before[column] != value}


def read_group(reader: RowReader) -> Group | None:
    """Return the group in a row, or None when its id cannot be read."""
    ident = reader.get("id", read_id, required=True)
    return None if ident is None else Group(ident, reader.get("name", read_text))


def read_listing(reader: RowReader) -> Listing | None:
    """Return the listing in a row, or None when its id cannot be read."""
    ident = reader.get("id", read_id, required=True)
    if ident is None:
        return None
    return Listing(
        id=ident,
        group_id=reader.get("group_id", read_id),
        title=reader.get("title", read_text),
        address=reader.get("address", read_text),
        postcode=reader.get("postcode", read_text),
        active=reader.get("active", lambda cell: read_flag(cell, blank=True)) is not False,
    )


def read_call_log(reader: RowReader) -> CallLog | None:
    """Return the call log in a row, or None when its id cannot be read."""
    ident = reader.get("id", read_id, required=True)
    return None if ident is None else CallLog(ident, reader.get("group_id", read_id))


def read_slot(reader: RowReader) -> Slot | None:
    """Return the slot in a row, or None when any of its cells is unusable."""
    ident = reader.get("id", read_id, required=True)
    listing_id = reader.get("listing_id", read_id, required=True)
    start_at = reader.time("start_at", required=True)
    end_at = reader.time("end_at")
    interval = reader.get("interval_minutes", read_int)
    capacity = reader.get("capacity", read_int, required=True)
    mode = reader.get("mode", lambda cell: read_choice(cell, tabs.SLOT_MODES))
    status = reader.get("status", lambda cell: read_choice(cell, tabs.SLOT_STATUSES))
    mode = mode or ("staggered" if interval else "open")
    if start_at and end_at and end_at <= start_at:
        reader.complain("end_at", "ends before it starts", reader.row.cells.get("end_at"))
    if capacity is not None and not 0 <= capacity <= MAX_CAPACITY:
        reader.complain("capacity", f"must be between 0 and {MAX_CAPACITY}", capacity)
    if mode == "staggered" and (interval is None or not 0 < interval <= MAX_INTERVAL):
        reader.complain("interval_minutes",
                        f"a staggered slot needs an interval of 1 to {MAX_INTERVAL} minutes", interval)
    for column, moment in (("start_at", start_at), ("end_at", end_at)):
        if moment is not None and not MIN_YEAR <= moment.year <= MAX_YEAR:
            reader.complain(column, f"must be a date between {MIN_YEAR} and {MAX_YEAR}",
                            reader.row.cells.get(column))
    if reader.problems or None in (ident, listing_id, start_at, capacity):
        return None
    return Slot(ident, listing_id, mode, start_at, end_at, interval if mode == "staggered" else None,
                capacity, status or "open")


def read_lead(reader: RowReader) -> Lead | None:
    """Return the lead in a row; None when the row has no id (a person added it)."""
    ident = reader.get("id", read_id, required=True)
    if ident is None:
        return None
    return Lead(
        id=ident,
        group_id=reader.get("group_id", read_id),
        listing_id=reader.get("listing_id", read_id),
        call_log_id=reader.get("call_log_id", read_id),
        name=reader.get("name", read_text),
        phone_e164=reader.get("phone_e164", read_text),
        email=reader.get("email", read_text),
        notes=reader.get("notes", read_text),
        status=reader.get("status", lambda cell: read_choice(cell, tabs.LEAD_STATUSES)),
        created_at=reader.time("created_at"),
        updated_at=reader.time("updated_at"),
        request_key=reader.get("request_key", read_key),
    )


def read_appointment(reader: RowReader) -> Appointment | None:
    """Return the appointment in a row, or None when its slot cannot be told.

    A row without an id (typed by a person) is still returned: while it says `booked`
    it takes a place, because overbooking is worse than a place held by mistake.
    """
    ident = reader.get("id", read_id, required=True)
    slot_id = reader.get("viewing_slot_id", read_id, required=True)
    if slot_id is None:
        return None
    return Appointment(
        id=ident,
        viewing_slot_id=slot_id,
        listing_id=reader.get("listing_id", read_id),
        lead_id=reader.get("lead_id", read_id),
        name=reader.get("name", read_text),
        phone=reader.get("phone", read_text),
        email=reader.get("email", read_text),
        scheduled_at=reader.time("scheduled_at"),
        status=_appointment_status(reader),
        created_at=reader.time("created_at"),
        updated_at=reader.time("updated_at"),
        request_key=reader.get("request_key", read_key),
    )


def _appointment_status(reader: RowReader) -> str:
    cell = reader.row.cells.get("status")
    text = (read_text(cell) or "booked").strip().lower()
    status = _APPOINTMENT_STATUS_ALIASES.get(text, text)
    if status not in tabs.APPOINTMENT_STATUSES:
        reader.complain("status", "expected booked or cancelled; counted as booked", cell)
        return "booked"
    return status


READERS: dict[str, Callable[[RowReader], object | None]] = {
    tabs.GROUPS: read_group,
    tabs.LISTINGS: read_listing,
    tabs.CALL_LOGS: read_call_log,
    tabs.SLOTS: read_slot,
    tabs.LEADS: read_lead,
    tabs.APPOINTMENTS: read_appointment,
}


def slot_end(slot: Slot) -> datetime:
    """Return when the slot ends: `end_at`, or the end of its last arrival position."""
    if slot.end_at is not None:
        return slot.end_at
    if slot.staggered and slot.interval_minutes:
        return slot.start_at + timedelta(minutes=slot.interval_minutes * max(slot.capacity, 1))
    return slot.start_at
