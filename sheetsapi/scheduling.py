"""Which slot is offered next and which arrival time a booking gets: pure functions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sheetsapi.records import MAX_CAPACITY, Slot



@dataclass(frozen=True, slots=True)
class Offer:
    """A slot that takes one more booking, and the arrival time that booking would get."""

    slot: Slot
    scheduled_at: datetime
    booked: int

    @property
    def remaining(self) -> int:
        return max(self.slot.capacity - self.booked, 0)


def arrival_positions(slot: Slot) -> list[datetime]:
    """Return every arrival time the slot offers, earliest first."""
    if not slot.staggered or not slot.interval_minutes:
        return [slot.start_at]
    step = timedelta(minutes=slot.interval_minutes)
    if slot.end_at is None:
        count = slot.capacity
    else:
        # A long slot with a short interval is bounded like a large capacity.
        count = min(-(-(slot.end_at - slot.start_at) // step), MAX_CAPACITY)
    return [slot.start_at + index * step for index in range(count)]


def arrival_time_for(
    slot: Slot, booked_times: Sequence[datetime | None], not_before: datetime
) -> datetime | None:
    """Return the arrival time the next booking gets, or None if the slot has no place.

    Every booking takes a place, whatever time it carries; among the positions not
    before `not_before`, the earliest of those with the fewest bookings is given, so
    places freed by cancellations fill first and extra capacity spreads evenly.
    """
    if len(booked_times) >= slot.capacity:
        return None
    positions = [moment for moment in arrival_positions(slot) if moment >= not_before]
    if not positions:
        return None
    load = Counter(moment for moment in booked_times if moment is not None)
    return min(positions, key=lambda moment: (load[moment], moment))


def has_future_position(slot: Slot, not_before: datetime) -> bool:
    """Whether any arrival position of the slot is still far enough ahead to book."""
    positions = arrival_positions(slot)
    return bool(positions) and positions[-1] >= not_before


def next_offered_slot(
    candidates: Iterable[tuple[Slot, Sequence[datetime | None]]], not_before: datetime
) -> Offer | None:
    """Return the offer with the earliest arrival time (then start, then id), if any."""
    offers = []
    for slot, booked_times in candidates:
        if slot.status != "open":
            continue
        scheduled_at = arrival_time_for(slot, booked_times, not_before)
        if scheduled_at is not None:
            offers.append(Offer(slot, scheduled_at, len(booked_times)))
    return min(offers, key=lambda offer: (offer.scheduled_at, offer.slot.start_at, offer.slot.id),
               default=None)
