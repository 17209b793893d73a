"""POST /api/leads."""

from __future__ import annotations

from flask import current_app
from flask_openapi3 import APIBlueprint, Tag

from sheetsapi.api.errors import error_answers
from sheetsapi.schemas import IdempotencyHeader, LeadCreate, LeadCreated
from sheetsapi.services.leads import record_lead

leads = APIBlueprint("leads", __name__, abp_tags=[Tag(name="leads")],
                     abp_security=[{"bearer": []}])


@leads.post(
    "/leads", operation_id="create_lead", summary="Record a caller as a lead",
    description="Saves the caller's details as a lead of an office group. Send an "
                "Idempotency-Key when retrying: a retry returns the first id.",
    responses={201: LeadCreated} | error_answers(400, 401, 413, 422, 503),
)
def create_lead(body: LeadCreate, header: IdempotencyHeader):
    """Record a lead."""
    office = current_app.extensions["sheetsapi"]
    lead_id = record_lead(office, body, header.idempotency_key)
    return LeadCreated(id=lead_id).model_dump(), 201
