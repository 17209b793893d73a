"""The customer's example, laid out as a person would type it in the sheet.

Listing 42 has two slots on Monday 6 October 2025 (UTC): slot 17, 10:00–10:30 every
10 minutes for 6 viewers with two booked (10:00, 10:10); slot 18, 11:00–11:20 every 5
minutes for 8 viewers with three booked (11:00, 11:10, 11:15). The last appointment id
is 310, so the next booking is 311.
"""

from __future__ import annotations

from tests.people import LocalSheetEditor


def lay_out_seed_sheet(sheet: LocalSheetEditor) -> None:
    """Type the seed example's rows into an empty sheet."""
    sheet.add("groups", id=1, name="Galway Lettings")
    sheet.add("listings", id=42, group_id=1, title="Oakview 2B", address="12 Oakview Road",
              postcode="D02", active="TRUE")
    sheet.add("listings", id=25, group_id=1, title="Newmarket Square 2B",
              address="Newmarket Square", postcode="H91", active="")
    sheet.add("call_logs", id=42, group_id=1, phone_e164="+353871234567",
              started_at="2025-10-01 08:55")
    sheet.add("viewing_slots", id=17, listing_id=42, mode="staggered",
              start_at="2025-10-06 10:00", end_at="2025-10-06 10:30", interval_minutes=10,
              capacity=6, status="open")
    sheet.add("viewing_slots", id=18, listing_id=42, mode="staggered",
              start_at="06/10/2025 11:00", end_at="06/10/2025 11:20", interval_minutes="5",
              capacity="8", status="")
    bookings = [(306, 17, "10:00"), (307, 17, "10:10"), (308, 18, "11:00"),
                (309, 18, "11:10"), (310, 18, "11:15")]
    for ident, slot, time in bookings:
        sheet.add("appointments", id=ident, viewing_slot_id=slot, listing_id=42,
                  name=f"Viewer {ident}", phone=f"+35386100{ident}",
                  scheduled_at=f"2025-10-06T{time}:00+00:00", status="booked",
                  created_at="2025-09-30T12:00:00+00:00", updated_at="2025-09-30T12:00:00+00:00",
                  request_key=f"seed-{ident}")
