"""The spreadsheet's tabs and their columns: the one place that names them.

Row 1 of every tab is a header. The service finds a column by its header name, ignoring
case, spaces and underscores, so "Start At" and "start_at" are the same column.
"""

from __future__ import annotations

GROUPS = "groups"
LISTINGS = "listings"
CALL_LOGS = "call_logs"
SLOTS = "viewing_slots"
LEADS = "leads"
APPOINTMENTS = "appointments"

COLUMNS: dict[str, tuple[str, ...]] = {
    GROUPS: ("id", "name"),
    LISTINGS: ("id", "group_id", "title", "address", "postcode", "active"),
    CALL_LOGS: ("id", "group_id", "phone_e164", "started_at", "notes"),
    SLOTS: (
        "id", "listing_id", "mode", "start_at", "end_at", "interval_minutes",
        "capacity", "status", "notes",
    ),
    LEADS: (
        "id", "group_id", "listing_id", "call_log_id", "name", "phone_e164", "email",
        "notes", "status", "created_at", "updated_at", "request_key",
    ),
    APPOINTMENTS: (
        "id", "viewing_slot_id", "listing_id", "lead_id", "name", "phone", "email",
        "scheduled_at", "status", "created_at", "updated_at", "request_key",
    ),
}

TAB_NAMES: tuple[str, ...] = tuple(COLUMNS)

# Tabs a booking re-reads inside the write lock: people edit capacity and cancel by hand.
BOOKING_TABS: tuple[str, ...] = (SLOTS, APPOINTMENTS)

LEAD_STATUSES = ("new", "contacted", "qualified", "waitlist", "rejected")
APPOINTMENT_STATUSES = ("booked", "cancelled")
SLOT_MODES = ("staggered", "open")
SLOT_STATUSES = ("open", "closed")


def header_key(header: object) -> str:
    """Return the comparison key of a header cell: lower case, no spaces or underscores."""
    return "".join(str(header).split()).replace("_", "").lower()


def canonical_column(tab: str, header: object) -> str | None:
    """Return the column name a header cell stands for in `tab`, or None if unknown."""
    key = header_key(header)
    for column in COLUMNS[tab]:
        if header_key(column) == key:
            return column
    return None
