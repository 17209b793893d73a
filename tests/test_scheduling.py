"""Which arrival time a booking gets, and which slot is offered next."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sheetsapi.records import Slot
from sheetsapi.scheduling import arrival_positions, arrival_time_for, next_offered_slot

DAY = datetime(2025, 10, 6, tzinfo=timezone.utc)
EARLY = DAY - timedelta(days=1)


def at(hour: int, minute: int = 0) -> datetime:
    return DAY.replace(hour=hour, minute=minute)


def slot(ident=1, *, mode="staggered", start=(10, 0), end=(10, 30), interval=10, capacity=6,
         status="open") -> Slot:
    return Slot(ident, 42, mode, at(*start), at(*end) if end else None,
                interval if mode == "staggered" else None, capacity, status)


def test_positions_run_from_start_every_interval_before_the_end():
    assert arrival_positions(slot()) == [at(10), at(10, 10), at(10, 20)]


def test_positions_without_an_end_are_one_per_place():
    assert arrival_positions(slot(end=None, capacity=4)) == [
        at(10), at(10, 10), at(10, 20), at(10, 30)]


def test_an_interval_that_does_not_divide_the_slot_keeps_the_last_partial_position():
    assert arrival_positions(slot(end=(10, 25))) == [at(10), at(10, 10), at(10, 20)]


def test_first_booking_gets_the_start():
    assert arrival_time_for(slot(), [], EARLY) == at(10)


def test_the_earliest_least_loaded_position_is_given():
    assert arrival_time_for(slot(), [at(10), at(10, 10)], EARLY) == at(10, 20)


def test_a_place_freed_by_a_cancellation_is_filled_first():
    booked = [at(10), at(10, 20), at(10), at(10, 10), at(10, 20)]
    assert arrival_time_for(slot(), booked, EARLY) == at(10, 10)


def test_extra_capacity_spreads_viewers_evenly():
    given = []
    for _ in range(6):
        given.append(arrival_time_for(slot(), given, EARLY))
    assert given == [at(10), at(10, 10), at(10, 20)] * 2


def test_a_full_slot_gives_no_time_even_when_bookings_carry_odd_times():
    assert arrival_time_for(slot(capacity=2), [at(9, 3), None], EARLY) is None


def test_positions_inside_the_notice_are_not_given():
    assert arrival_time_for(slot(), [], at(10, 5)) == at(10, 10)
    assert arrival_time_for(slot(), [], at(10, 21)) is None


def test_open_mode_gives_everyone_the_start_up_to_capacity():
    open_slot = slot(mode="open", capacity=2)
    assert arrival_time_for(open_slot, [at(10)], EARLY) == at(10)
    assert arrival_time_for(open_slot, [at(10), at(10)], EARLY) is None


def test_next_orders_by_arrival_time_then_start_then_id():
    early_full = slot(1, start=(9, 0), end=(9, 30), capacity=1)
    later_start = slot(2, start=(10, 0))
    same_arrival = slot(3, start=(10, 0))
    offer = next_offered_slot(
        [(same_arrival, []), (early_full, [at(9)]), (later_start, [])], EARLY)
    assert (offer.slot.id, offer.scheduled_at, offer.remaining) == (2, at(10), 6)


def test_next_skips_closed_slots():
    offer = next_offered_slot([(slot(1, status="closed"), []), (slot(2, start=(11, 0), end=(11, 30)), [])], EARLY)
    assert offer.slot.id == 2


def test_next_has_nothing_when_every_slot_is_full_or_past():
    assert next_offered_slot([(slot(capacity=1), [at(10)])], EARLY) is None
    assert next_offered_slot([(slot(), [])], at(12)) is None
