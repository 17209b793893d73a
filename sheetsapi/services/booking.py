"""Finding, booking, moving and cancelling viewings."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from sheetsapi import tabs
from sheetsapi.errors import (
    AppointmentCancelled, IdempotencyKeyReused, NoAvailableSlot, NotFound, SlotClosed, SlotFull,
    SlotOfAnotherListing,
)
from sheetsapi.phones import to_e164
from sheetsapi.records import Appointment, Listing, Slot, slot_end
from sheetsapi.scheduling import Offer, arrival_time_for, has_future_position, next_offered_slot
from sheetsapi.schemas import AppointmentChange, BookingCreate
from sheetsapi.services import Office
from sheetsapi.workbook import Workbook


@dataclass(frozen=True)
class SlotView:
    """A slot with its listing and how many places are taken."""

    slot: Slot
    listing: Listing | None
    booked: int


@dataclass(frozen=True)
class OfferView:
    """The next offered slot of a listing."""

    offer: Offer
    listing: Listing


@dataclass(frozen=True)
class AppointmentView:
    """An appointment as the API shows it; `created` tells whether a row was written."""

    appointment: Appointment
    slot: SlotView | None
    created: bool = False


def next_available(office: Office, listing_id: int, after: datetime | None = None) -> OfferView:
    """Return the earliest slot of the listing that takes a booking, at or after `after`."""
    with office.uow.reading() as book:
        listing = book.listings.get(listing_id)
        if listing is None:
            raise NotFound("listing", listing_id)
        offer = _next_offer(office, book, listing, after)
    if offer is None:
        raise NoAvailableSlot(f"Listing {listing_id} has no viewing slot free at the moment.")
    return offer


def book_viewing(office: Office, request: BookingCreate, request_key: str | None) -> AppointmentView:
    """Book the caller into a slot; a retry returns the booking already made."""
    phone = to_e164(request.phone, office.region, field="phone")
    with office.uow.writing(fresh=tabs.BOOKING_TABS) as tx:
        book = tx.book
        if request_key and (earlier := book.written_for(tabs.APPOINTMENTS, request_key)):
            if earlier.phone != phone:
                raise IdempotencyKeyReused(request_key)
            return _view(book, earlier, created=True)
        slot = _bookable_slot(book, request.viewing_slot_id)
        for booking in book.bookings_for(slot.id):
            if booking.phone == phone and booking.id is not None:
                return _view(book, booking)
        now = office.now()
        appointment = Appointment(
            id=book.next_id(tabs.APPOINTMENTS), viewing_slot_id=slot.id,
            listing_id=slot.listing_id, lead_id=book.latest_lead_for_phone(phone),
            name=request.name, phone=phone, email=request.email,
            scheduled_at=_arrival_time(office, book, slot), status="booked",
            created_at=now, updated_at=now, request_key=request_key or f"api-{uuid.uuid4().hex}",
        )
        tx.add_appointment(appointment)
        return _view(book, appointment, created=True)


def change_appointment(office: Office, appointment_id: int, change: AppointmentChange) -> AppointmentView:
    """Change the caller's details and/or move the appointment to another slot."""
    with office.uow.writing(fresh=tabs.BOOKING_TABS) as tx:
        book = tx.book
        current = _booked_appointment(book, appointment_id)
        updated = replace(
            current,
            name=change.name if change.name is not None else current.name,
            email=change.email if change.email is not None else current.email,
            phone=to_e164(change.phone, office.region, field="phone") if change.phone else current.phone,
        )
        target = change.viewing_slot_id
        if target is not None and target != current.viewing_slot_id:
            slot = _bookable_slot(book, target)
            if current.listing_id is not None and slot.listing_id != current.listing_id:
                raise SlotOfAnotherListing(
                    f"Slot {slot.id} is a viewing of another property; book it as a new viewing.")
            updated = replace(updated, viewing_slot_id=slot.id, listing_id=slot.listing_id,
                              scheduled_at=_arrival_time(office, book, slot))
        if updated != current:
            updated = replace(updated, updated_at=office.now())
            tx.save_appointment(current, updated)
        return _view(book, updated)


def cancel_appointment(office: Office, appointment_id: int) -> AppointmentView:
    """Cancel the appointment (a soft cancel); cancelling it again changes nothing."""
    with office.uow.writing(fresh=tabs.BOOKING_TABS) as tx:
        book = tx.book
        current = book.appointments.get(appointment_id)
        if current is None:
            raise NotFound("appointment", appointment_id)
        if current.booked:
            cancelled = replace(current, status="cancelled", updated_at=office.now())
            tx.save_appointment(current, cancelled)
            current = cancelled
        return _view(book, current)


def _booked_appointment(book: Workbook, appointment_id: int) -> Appointment:
    appointment = book.appointments.get(appointment_id)
    if appointment is None:
        raise NotFound("appointment", appointment_id)
    if not appointment.booked:
        raise AppointmentCancelled(f"Appointment {appointment_id} is cancelled; book a new one.")
    return appointment


def _bookable_slot(book: Workbook, slot_id: int) -> Slot:
    slot = book.slots.get(slot_id)
    if slot is None:
        if slot_id in book.unreadable_slots:
            raise SlotClosed(f"Slot {slot_id} is not taking bookings at the moment.")
        raise NotFound("slot", slot_id)
    listing = book.listings.get(slot.listing_id)
    if slot.status != "open":
        raise SlotClosed(f"Slot {slot_id} is closed.")
    if listing is None or not listing.active:
        raise SlotClosed(f"Slot {slot_id} is for a listing that is not taking viewings.")
    return slot


def _arrival_time(office: Office, book: Workbook, slot: Slot) -> datetime:
    """Return the arrival time a new booking in the slot gets, or raise why there is none."""
    not_before = office.bookable_from()
    booked_times = [booking.scheduled_at for booking in book.bookings_for(slot.id)]
    scheduled_at = arrival_time_for(slot, booked_times, not_before)
    if scheduled_at is not None:
        return scheduled_at
    if not has_future_position(slot, not_before):
        raise SlotClosed(f"Slot {slot.id} is too soon or already past to book.")
    listing = book.listings[slot.listing_id]
    alternative = _next_offer(office, book, listing, None)
    raise SlotFull(f"Slot {slot.id} is full.", next_available=alternative)


def _next_offer(office: Office, book: Workbook, listing: Listing, after: datetime | None) -> OfferView | None:
    if not listing.active:
        return None
    not_before = office.bookable_from()
    if after is not None:
        after = after if after.tzinfo else after.replace(tzinfo=office.zone)
        not_before = max(not_before, after)
    # Past slots are most of an office's history: skip them before counting bookings.
    candidates = [
        (slot, [booking.scheduled_at for booking in book.bookings_for(slot.id)])
        for slot in book.slots_of(listing.id) if slot_end(slot) >= not_before
    ]
    offer = next_offered_slot(candidates, not_before)
    return None if offer is None else OfferView(offer, listing)


def _view(book: Workbook, appointment: Appointment, *, created: bool = False) -> AppointmentView:
    slot = book.slots.get(appointment.viewing_slot_id)
    slot_view = None
    if slot is not None:
        slot_view = SlotView(slot, book.listings.get(slot.listing_id),
                             len(book.bookings_for(slot.id)))
    return AppointmentView(appointment, slot_view, created)
