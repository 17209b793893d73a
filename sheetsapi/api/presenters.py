"""Domain results turned into the customer's response shapes."""

from __future__ import annotations

from datetime import datetime, tzinfo

from sheetsapi.cells import write_time
from sheetsapi.records import Listing, slot_end
from sheetsapi.schemas import AppointmentOut, ListingOut, NextSlotOut, SlotOut
from sheetsapi.services.booking import AppointmentView, OfferView, SlotView


def _time(moment: datetime | None, zone: tzinfo) -> str | None:
    return None if moment is None else write_time(moment, zone)


def listing_out(listing: Listing) -> ListingOut:
    return ListingOut(id=listing.id, title=listing.title, address=listing.address,
                      postcode=listing.postcode)


def next_slot_out(view: OfferView, zone: tzinfo) -> NextSlotOut:
    offer, slot = view.offer, view.offer.slot
    return NextSlotOut(
        slot_id=slot.id, viewing_slot_id=slot.id, mode=slot.mode,
        interval_minutes=slot.interval_minutes,
        scheduled_at=_time(offer.scheduled_at, zone),
        available_from=_time(slot.start_at, zone), available_until=_time(slot_end(slot), zone),
        capacity=slot.capacity, booked=offer.booked, remaining=offer.remaining,
        listing=listing_out(view.listing),
    )


def slot_out(view: SlotView, zone: tzinfo) -> SlotOut:
    slot = view.slot
    return SlotOut(
        id=slot.id, mode=slot.mode, start_at=_time(slot.start_at, zone),
        end_at=_time(slot_end(slot), zone), interval_minutes=slot.interval_minutes,
        capacity=slot.capacity, booked=view.booked,
        remaining=max(slot.capacity - view.booked, 0), status=slot.status,
        listing=listing_out(view.listing) if view.listing else None,
    )


def appointment_out(view: AppointmentView, zone: tzinfo) -> AppointmentOut:
    appointment = view.appointment
    return AppointmentOut(
        id=appointment.id, slot_id=appointment.viewing_slot_id,
        viewing_slot_id=appointment.viewing_slot_id, listing_id=appointment.listing_id,
        lead_id=appointment.lead_id, name=appointment.name, phone=appointment.phone,
        email=appointment.email, scheduled_at=_time(appointment.scheduled_at, zone),
        status=appointment.status, slot=slot_out(view.slot, zone) if view.slot else None,
    )
