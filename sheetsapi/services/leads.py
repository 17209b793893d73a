"""Recording a caller as a lead."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from sheetsapi import tabs
from sheetsapi.errors import IdempotencyKeyReused, InvalidField
from sheetsapi.phones import to_e164
from sheetsapi.records import Lead
from sheetsapi.schemas import LeadCreate
from sheetsapi.services import Office
from sheetsapi.workbook import Workbook

# A key-less request identical to one made this recently is a retry, not a new lead.
RETRY_WINDOW = timedelta(minutes=10)


def record_lead(office: Office, request: LeadCreate, request_key: str | None) -> int:
    """Write a lead row and return its id; a retried request returns the first id."""
    phone = to_e164(request.phone_e164, office.region, field="phone_e164")
    key = request_key or _implicit_key(request, phone)
    with office.uow.writing() as tx:
        if (earlier := _earlier_lead(office, tx.book, key, explicit=request_key is not None)):
            if earlier.phone_e164 != phone:
                raise IdempotencyKeyReused(key)
            return earlier.id
        _check_references(tx.book, request)
        now = office.now()
        lead = Lead(
            id=tx.book.next_id(tabs.LEADS), group_id=request.group_id,
            listing_id=request.listing_id, call_log_id=request.call_log_id, name=request.name,
            phone_e164=phone, email=request.email, notes=request.notes, status=request.status,
            created_at=now, updated_at=now, request_key=key,
        )
        tx.add_lead(lead)
        return lead.id


def _implicit_key(request: LeadCreate, phone: str) -> str:
    """Return a key that a retry of the same request, without Idempotency-Key, repeats."""
    body = request.model_dump(mode="json") | {"phone_e164": phone}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
    return f"auto-{digest[:32]}"


def _earlier_lead(office: Office, book: Workbook, key: str, *, explicit: bool) -> Lead | None:
    lead = book.written_for(tabs.LEADS, key)
    if lead is None:
        return None
    recent = lead.created_at is not None and office.now() - lead.created_at <= RETRY_WINDOW
    return lead if explicit or recent else None


def _check_references(book: Workbook, request: LeadCreate) -> None:
    if request.group_id not in book.groups:
        raise InvalidField("group_id", f"there is no group {request.group_id}")
    if request.listing_id is not None and request.listing_id not in book.listings:
        raise InvalidField("listing_id", f"there is no listing {request.listing_id}")
    if request.call_log_id is not None and request.call_log_id not in book.call_logs:
        raise InvalidField("call_log_id", f"there is no call log {request.call_log_id}")
