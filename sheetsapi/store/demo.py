"""Demo data for a new local store, dated from today so every README example works."""

from __future__ import annotations

from datetime import date, timedelta

from sheetsapi import tabs
from sheetsapi.store.base import Store

GROUP = {"id": 1, "name": "Demo Lettings"}
LISTINGS = [
    {"id": 1, "group_id": 1, "title": "Oakview 2B", "address": "12 Oakview Road",
     "postcode": "D02", "active": "TRUE"},
    {"id": 2, "group_id": 1, "title": "Harbour View 1B", "address": "3 Quay Street",
     "postcode": "H91", "active": "TRUE"},
    {"id": 3, "group_id": 1, "title": "Mill Lane Studio", "address": "7 Mill Lane",
     "postcode": "T12", "active": "FALSE"},
]
# (listing, mode, start, end, interval, capacity) for each of the coming days.
DAILY_SLOTS = [
    (1, "staggered", "10:00", "11:00", 15, 6),
    (1, "open", "18:00", "18:30", None, 10),
    (2, "staggered", "12:00", "12:30", 10, 3),
]
DAYS = 7


def load_demo_data(store: Store, today: date) -> None:
    """Add a group, three listings, a call log and a week of viewing slots."""
    store.append(tabs.GROUPS, GROUP)
    for listing in LISTINGS:
        store.append(tabs.LISTINGS, listing)
    store.append(tabs.CALL_LOGS, {"id": 1, "group_id": 1, "phone_e164": "+353871234567",
                                  "started_at": f"{today:%Y-%m-%d} 09:00", "notes": "Demo call"})
    slot_id = 0
    for offset in range(1, DAYS + 1):
        day = today + timedelta(days=offset)
        for listing_id, mode, start, end, interval, capacity in DAILY_SLOTS:
            slot_id += 1
            store.append(tabs.SLOTS, {
                "id": slot_id, "listing_id": listing_id, "mode": mode,
                "start_at": f"{day:%Y-%m-%d} {start}", "end_at": f"{day:%Y-%m-%d} {end}",
                "interval_minutes": interval or "", "capacity": capacity, "status": "open",
                "notes": "",
            })
