"""The bench's data: one lettings office, as rows of every tab, built from a fixed seed.

`office_rows()` gives the data both Google-store runs start from (a group, 20 listings,
a slot per listing per day for the coming two weeks, some leads, call logs and existing
bookings). `history_rows()` adds a past (old slots, leads and bookings) so the local
store can be filled to a given number of lead + appointment rows.

Rows are dicts keyed by the column names of `sheetsapi/tabs.py`. Times are written the
way a person types them (`2026-12-05 10:00`, office wall-clock time); rows the API
would have written carry ISO 8601 with offset.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sheetsapi.store.local import LocalStore
from sheetsapi.tabs import COLUMNS

LISTINGS = 20
DAYS = 14
GROUP_ID = 1
SEED = 20251006
LOCAL_DATABASE = "sheetsapi.sqlite3"  # the name sheetsapi.store.factory opens

# Phone prefixes (valid Irish mobiles +353 8x xxx xxxx) so no two sources collide.
SEED_PHONES = "+35383"
HISTORY_PHONES = "+35385"
LEAD_PHONES = "+35386"
BOOKING_PHONES = "+35387"


def phone(prefix: str, number: int) -> str:
    """An E.164 Irish mobile number: `prefix` (+3538x) and 7 digits."""
    return f"{prefix}{number % 10_000_000:07d}"


def typed(moment: datetime) -> str:
    """A time as a letting agent types it in the sheet: local wall clock, no offset."""
    return moment.strftime("%Y-%m-%d %H:%M")


@dataclass
class Office:
    """Rows per tab, plus what the request plan needs to know about them."""

    rows: dict[str, list[dict]] = field(default_factory=lambda: {tab: [] for tab in COLUMNS})
    future_slots: dict[int, list[int]] = field(default_factory=dict)  # listing -> slot ids
    active_listings: list[int] = field(default_factory=list)

    def table(self, tab: str) -> list[list]:
        """The tab as sheet rows: header, then one list of cells per row ("" when blank)."""
        columns = COLUMNS[tab]
        return [list(columns)] + [_cells(row, columns) for row in self.rows[tab]]

    def counts(self) -> dict[str, int]:
        return {tab: len(rows) for tab, rows in self.rows.items()}


def _cells(row: dict, columns: tuple[str, ...]) -> list:
    return [row.get(column, "") for column in columns]


def _slot_row(slot_id: int, listing: int, day: date, zone: ZoneInfo) -> dict:
    """The viewing slot a listing has on a day, as a person would type it."""
    mode, start, length, interval, capacity = _slot_shape(listing)
    start_at = datetime.combine(day, start, zone)
    return {"id": slot_id, "listing_id": listing, "mode": mode, "start_at": typed(start_at),
            "end_at": typed(start_at + length), "interval_minutes": interval or "",
            "capacity": capacity, "status": "open", "notes": ""}


def office_rows(today: date, zone: ZoneInfo) -> Office:
    """The office the Google-store runs use: the same every run for the same `today`."""
    rng = random.Random(SEED)
    office = Office()
    rows = office.rows
    rows["groups"].append({"id": GROUP_ID, "name": "Bench Lettings"})
    for listing in range(1, LISTINGS + 1):
        active = listing != LISTINGS  # the last one is let: inactive
        rows["listings"].append({
            "id": listing, "group_id": GROUP_ID, "title": f"Bench Flat {listing}",
            "address": f"{listing} Bench Street", "postcode": f"D{listing:02d}",
            "active": "TRUE" if active else "FALSE"})
        if active:
            office.active_listings.append(listing)
    for log in range(1, 31):
        started = datetime.combine(today, datetime.min.time(), zone) - timedelta(hours=log * 5)
        rows["call_logs"].append({"id": log, "group_id": GROUP_ID,
                                  "phone_e164": phone(SEED_PHONES, log),
                                  "started_at": typed(started), "notes": f"Call {log}"})
    slot_id = appointment_id = 0
    for offset in range(1, DAYS + 1):
        day = today + timedelta(days=offset)
        for listing in range(1, LISTINGS + 1):
            slot_id += 1
            rows["viewing_slots"].append(_slot_row(slot_id, listing, day, zone))
            office.future_slots.setdefault(listing, []).append(slot_id)
            _mode, start, _length, interval, _capacity = _slot_shape(listing)
            start_at = datetime.combine(day, start, zone)
            step = timedelta(minutes=interval or 0)
            for position in range(rng.choice((0, 0, 1, 1, 2))):  # existing bookings
                appointment_id += 1
                booked_at = start_at + position * step
                rows["appointments"].append(_appointment(
                    appointment_id, slot_id, listing, phone(SEED_PHONES, 1000 + appointment_id),
                    booked_at, datetime.combine(today, datetime.min.time(), zone), "booked"))
    for lead in range(1, 121):
        created = datetime.combine(today, datetime.min.time(), zone) - timedelta(hours=lead)
        rows["leads"].append(_lead(lead, rng.randint(1, LISTINGS), phone(SEED_PHONES, 5000 + lead),
                                   created))
    return office


def _slot_shape(listing: int) -> tuple[str, object, timedelta, int | None, int]:
    """(mode, start time, length, interval, capacity) of a listing's daily slot."""
    if listing % 4 == 0:
        return "open", datetime.strptime("18:00", "%H:%M").time(), timedelta(minutes=30), None, 10
    hour = 9 + listing % 8
    interval = 10 if listing % 2 else 15
    return ("staggered", datetime.strptime(f"{hour}:00", "%H:%M").time(), timedelta(hours=1),
            interval, 6 if listing % 3 else 8)


def _appointment(ident: int, slot: int, listing: int, number: str, at: datetime, created: datetime,
                 status: str) -> dict:
    return {"id": ident, "viewing_slot_id": slot, "listing_id": listing, "lead_id": "",
            "name": f"Viewer {ident}", "phone": number, "email": f"viewer{ident}@example.com",
            "scheduled_at": at.isoformat(), "status": status,
            "created_at": created.isoformat(), "updated_at": created.isoformat(),
            "request_key": f"seed-{ident}"}


def _lead(ident: int, listing: int, number: str, created: datetime) -> dict:
    return {"id": ident, "group_id": GROUP_ID, "listing_id": listing, "call_log_id": "",
            "name": f"Lead {ident}", "phone_e164": number, "email": f"lead{ident}@example.com",
            "notes": "Asked about parking.", "status": "new", "created_at": created.isoformat(),
            "updated_at": created.isoformat(), "request_key": f"seed-lead-{ident}"}


def history_rows(today: date, zone: ZoneInfo, rows: int) -> Office:
    """`office_rows` plus a past, so that leads + appointments hold about `rows` rows
    (half each): past slots, four bookings each (one in ten cancelled)."""
    office = office_rows(today, zone)
    tabs = office.rows
    leads_wanted = rows // 2 - len(tabs["leads"])
    appointments_wanted = rows - rows // 2 - len(tabs["appointments"])
    midnight = datetime.combine(today, datetime.min.time(), zone)
    next_lead = len(tabs["leads"]) + 1
    for offset in range(max(leads_wanted, 0)):
        ident = next_lead + offset
        tabs["leads"].append(_lead(ident, 1 + ident % LISTINGS, phone(HISTORY_PHONES, ident),
                                   midnight - timedelta(minutes=10 * offset + 1)))
    slot_id = len(tabs["viewing_slots"])
    appointment_id = len(tabs["appointments"])
    made = 0
    day_back = 0
    while made < appointments_wanted:
        day_back += 1
        day = today - timedelta(days=day_back)
        for listing in range(1, LISTINGS + 1):
            if made >= appointments_wanted:
                break
            slot_id += 1
            tabs["viewing_slots"].append(_slot_row(slot_id, listing, day, zone))
            _mode, start, _length, interval, _capacity = _slot_shape(listing)
            start_at = datetime.combine(day, start, zone)
            for position in range(min(4, appointments_wanted - made)):
                appointment_id += 1
                made += 1
                at = start_at + position * timedelta(minutes=interval or 0)
                number = phone(HISTORY_PHONES, 5_000_000 + appointment_id)
                status = "cancelled" if appointment_id % 10 == 0 else "booked"
                tabs["appointments"].append(_appointment(
                    appointment_id, slot_id, listing, number, at, at - timedelta(days=2), status))
    return office


def fill_local_store(data_dir: Path, office: Office) -> Path:
    """Create the local store's SQLite file in `data_dir` holding `office`'s rows."""
    path = data_dir / LOCAL_DATABASE
    store = LocalStore(path)
    store.initialise()
    store.close()
    with sqlite3.connect(path) as db:
        for tab, columns in COLUMNS.items():
            names = ", ".join(f'"{column}"' for column in columns)
            marks = ", ".join("?" for _ in columns)
            db.executemany(f'INSERT INTO "{tab}" ({names}) VALUES ({marks})',
                           [_cells(row, columns) for row in office.rows[tab]])
    db.close()
    return path
