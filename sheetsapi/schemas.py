"""Request and response models: the customer's contract, and the source of /openapi.json."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel, BeforeValidator, ConfigDict, EmailStr, Field, model_validator,
)

from sheetsapi.tabs import LEAD_STATUSES


def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("expected a whole number, not true/false")
    return value


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _plus_in_offset(value: Any) -> Any:
    """Put back the + of a UTC offset that an unencoded query string turned into a space."""
    if isinstance(value, str):
        return re.sub(r"(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$", r"\1+\2", value.strip())
    return value


def _something_to_change(body: Any) -> Any:
    """Refuse a change that changes nothing, saying what was sent instead."""
    if not isinstance(body, dict):
        return body
    fields = ("name", "phone", "email", "viewing_slot_id")
    if any(body.get(name) not in (None, "") and str(body.get(name)).strip() for name in fields):
        return body
    hint = " To cancel, send DELETE." if "status" in body else ""
    raise ValueError(f"nothing to change: give a new value for name, phone, email or "
                     f"viewing_slot_id.{hint}")


Id = Annotated[int, Field(gt=0, le=2**53), BeforeValidator(_no_bool)]
OptionalId = Annotated[Id | None, BeforeValidator(_blank_to_none)]
Text = Annotated[Annotated[str, Field(max_length=200)] | None, BeforeValidator(_blank_to_none)]
Notes = Annotated[Annotated[str, Field(max_length=4000)] | None, BeforeValidator(_blank_to_none)]
Email = Annotated[Annotated[EmailStr, Field(max_length=254)] | None, BeforeValidator(_blank_to_none)]
Phone = Annotated[str, Field(min_length=3, max_length=40, examples=["+353871234567"])]
LeadStatus = Annotated[Literal[LEAD_STATUSES] | None, BeforeValidator(_lower)]


class Request(BaseModel):
    """A request body: unknown fields are ignored, strings are trimmed."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class LeadCreate(Request):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "group_id": 1, "listing_id": 1, "name": "John Doe", "phone_e164": "+353871234567",
        "email": "john.doe@example.com", "notes": "Interested in a 2-bed.", "status": "contacted"}]})

    group_id: Id = Field(description="Must exist in the groups tab.")
    listing_id: OptionalId = Field(default=None, description="Must exist if given.")
    call_log_id: OptionalId = Field(default=None, description="Must exist if given.")
    name: Text = Field(default=None, description="Caller or lead name.")
    phone_e164: Phone = Field(description="Caller's phone; +353…, 087 …, 00353… all accepted.")
    email: Email = None
    notes: Notes = None
    status: LeadStatus = Field(default="new", description="Lead status; default (and null) new.")

    @model_validator(mode="after")
    def _null_status_is_new(self) -> LeadCreate:
        self.status = self.status or "new"
        return self


class LeadCreated(BaseModel):
    ok: Literal[True] = True
    id: int


class NextQuery(Request):
    listing_id: Id = Field(description="The listing the caller asks about.")
    after: Annotated[datetime | None, BeforeValidator(_plus_in_offset)] = Field(
        default=None,
        description="Only offer arrival times at or after this time (ISO 8601; "
                    "without an offset it is the office's local time).")


class BookingCreate(Request):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "viewing_slot_id": 1, "name": "Jamie Lee", "phone": "+353861234567",
        "email": "jamie@example.com"}]})

    viewing_slot_id: Id = Field(description="The slot_id that find_next_viewing_slot gave.")
    name: Text = Field(default=None, description="The viewer's name.")
    phone: Phone = Field(description="The viewer's phone; +353…, 087 …, 00353… all accepted.")
    email: Email = Field(default=None, description="The viewer's e-mail, if given.")


class AppointmentChange(Request):
    # "At least one field with a value", said in JSON Schema for the OpenAPI document.
    model_config = ConfigDict(json_schema_extra={
        "examples": [{"viewing_slot_id": 4}, {"phone": "+353899998888"}], "anyOf": [
        {"required": [name], "properties": {name: kind}} for name, kind in (
            ("name", {"type": "string", "pattern": r"\S"}),
            ("phone", {"type": "string", "pattern": r"\S"}),
            ("email", {"type": "string", "pattern": r"\S"}),
            ("viewing_slot_id", {"type": "integer", "exclusiveMinimum": 0}))]})

    name: Text = None
    phone: Annotated[Phone | None, BeforeValidator(_blank_to_none)] = None
    email: Email = None
    viewing_slot_id: OptionalId = Field(default=None, description="Move to this slot.")

    _check = model_validator(mode="before")(_something_to_change)


class AppointmentPath(BaseModel):
    appointment_id: int = Field(description="The appointment's id.")


class IdempotencyHeader(BaseModel):
    idempotency_key: Annotated[Annotated[str, Field(max_length=200)] | None,
                               BeforeValidator(_blank_to_none)] = Field(
        default=None, alias="Idempotency-Key",
        description="Send the same key when retrying: the retry returns the first answer "
                    "and writes nothing.")


class ListingOut(BaseModel):
    id: int
    title: str | None
    address: str | None
    postcode: str | None


class NextSlotOut(BaseModel):
    slot_id: int
    viewing_slot_id: int
    mode: Literal["staggered", "open"]
    interval_minutes: int | None
    scheduled_at: str = Field(description="The arrival time the next booking would get.")
    available_from: str
    available_until: str
    capacity: int
    booked: int
    remaining: int
    listing: ListingOut


class SlotOut(BaseModel):
    id: int
    mode: Literal["staggered", "open"]
    start_at: str
    end_at: str
    interval_minutes: int | None
    capacity: int
    booked: int
    remaining: int
    status: str
    listing: ListingOut | None


class AppointmentOut(BaseModel):
    id: int
    slot_id: int
    viewing_slot_id: int
    listing_id: int | None
    lead_id: int | None
    name: str | None
    phone: str | None
    email: str | None
    scheduled_at: str | None
    status: Literal["booked", "cancelled"]
    slot: SlotOut | None


ErrorCode = Literal[
    "malformed_json", "bad_request", "unauthorized", "not_found", "listing_not_found",
    "slot_not_found", "appointment_not_found", "no_available_slot", "method_not_allowed",
    "slot_full", "slot_closed", "slot_of_another_listing", "appointment_cancelled",
    "payload_too_large", "unsupported_media_type", "invalid_field", "idempotency_key_reused",
    "storage_unavailable", "internal_error", "http_error",
]


class FieldProblem(BaseModel):
    field: str = Field(description="The request field, or `body` for the whole body.")
    problem: str


class SlotFullDetails(BaseModel):
    next_available: NextSlotOut | None = Field(
        description="What find_next_viewing_slot would answer for the listing now, or null.")


class ErrorBody(BaseModel):
    code: ErrorCode = Field(description="What went wrong, for the program.")
    message: str = Field(description="One sentence, fit to be read to the caller.")
    details: list[FieldProblem] | SlotFullDetails | None = Field(
        default=None, description="invalid_field: each wrong field; slot_full: the next "
                                  "free slot; otherwise null.")


class ErrorOut(BaseModel):
    ok: Literal[False] = False
    error: ErrorBody


class HealthOut(BaseModel):
    ok: bool
    store: Literal["local", "google"]
    sheet_problems: int = Field(description="Rows or cells the service cannot read.")


class ProblemOut(BaseModel):
    tab: str
    row: int = Field(description="Row number in the tab (1 is the header row).")
    column: str | None
    problem: str
    value: str | int | float | bool | None
    text: str = Field(description="The whole finding as one line: `tab, row N, column: what (value)`.")


class ProblemsOut(BaseModel):
    ok: Literal[True] = True
    count: int
    problems: list[ProblemOut]
