"""The viewing routes: next slot, book, change or move, cancel."""

from __future__ import annotations

from flask import current_app
from flask_openapi3 import APIBlueprint, Tag

from sheetsapi.api.errors import error_answers
from sheetsapi.api.presenters import appointment_out, next_slot_out
from sheetsapi.schemas import (
    AppointmentChange, AppointmentOut, AppointmentPath, BookingCreate, IdempotencyHeader,
    NextQuery, NextSlotOut,
)
from sheetsapi.services import booking

appointments = APIBlueprint(
    "appointments", __name__, url_prefix="/appointments", abp_tags=[Tag(name="viewings")],
    abp_security=[{"bearer": []}],
)


def _office():
    return current_app.extensions["sheetsapi"]


@appointments.get(
    "/next", operation_id="find_next_viewing_slot", summary="Find the next free viewing",
    description="Returns the earliest viewing slot of a listing that takes a booking, and "
                "the arrival time the caller would get. 404 no_available_slot when none.",
    responses={200: NextSlotOut} | error_answers(401, 404, 422, 503),
)
def next_slot(query: NextQuery):
    """Answer the next offered slot of a listing."""
    office = _office()
    view = booking.next_available(office, query.listing_id, query.after)
    return next_slot_out(view, office.zone).model_dump()


@appointments.post(
    "", operation_id="book_viewing", summary="Book a viewing",
    description="Books the caller into a viewing slot and gives the arrival time. 409 "
                "slot_full carries the next free slot in error.details.next_available. "
                "Booking the same phone into the same slot again returns that booking (200).",
    responses={201: AppointmentOut, 200: AppointmentOut} | error_answers(400, 401, 404, 409, 413, 422, 503),
)
def book(body: BookingCreate, header: IdempotencyHeader):
    """Book a viewing."""
    office = _office()
    view = booking.book_viewing(office, body, header.idempotency_key)
    return appointment_out(view, office.zone).model_dump(), 201 if view.created else 200


@appointments.patch(
    "/<int:appointment_id>", operation_id="change_viewing",
    summary="Change a booking's details or move it to another slot",
    description="Changes name, phone or email, and/or moves the booking to viewing_slot_id "
                "(that slot must have a free place).",
    responses={200: AppointmentOut} | error_answers(400, 401, 404, 409, 413, 422, 503),
)
def change(path: AppointmentPath, body: AppointmentChange):
    """Change or move an appointment."""
    office = _office()
    view = booking.change_appointment(office, path.appointment_id, body)
    return appointment_out(view, office.zone).model_dump()


@appointments.delete(
    "/<int:appointment_id>", operation_id="cancel_viewing", summary="Cancel a booking",
    description="Marks the booking cancelled and frees its place. Repeating it is harmless.",
    responses={200: AppointmentOut} | error_answers(401, 404, 503),
)
def cancel(path: AppointmentPath):
    """Cancel an appointment."""
    office = _office()
    view = booking.cancel_appointment(office, path.appointment_id)
    return appointment_out(view, office.zone).model_dump()
