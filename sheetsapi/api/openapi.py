"""The Flask app with its OpenAPI document, generated from the same Pydantic models.

flask-openapi3 was chosen over spectree because its routes take the Pydantic models as
typed arguments (path, query, header, body): the model that validates a request is the
one the document describes, with no second declaration to drift. The document is at
/openapi.json, and a browsable page (Swagger UI, served from the installed package, no
CDN) at /docs.
"""

from __future__ import annotations

from flask import jsonify
from flask_openapi3 import Info, OpenAPI

from sheetsapi.api.errors import validation_error_response
from sheetsapi.schemas import ErrorOut

DESCRIPTION = """\
The API a voice agent calls during a live call about rental listings.

Typical call flow: `find_next_viewing_slot` for the listing the caller asks about, offer
the `scheduled_at` time, then `book_viewing` with that `viewing_slot_id` and the caller's
phone; `create_lead` records the caller. `change_viewing` moves or corrects a booking,
`cancel_viewing` cancels it.

Every /api route needs `Authorization: Bearer <token>`. Times are ISO 8601 with the
office's offset. Errors are `{"ok": false, "error": {"code", "message", "details"}}`; the
message is one sentence that can be read to the caller. When a tool call times out,
retry it with the same `Idempotency-Key` header: the retry returns the first answer and
writes nothing. `409 slot_full` carries the next free slot in `error.details.next_available`.
"""


# What a client can do next with a booking's id (tool builders and schemathesis follow these).
BOOKING_LINKS = {
    operation: {"operationId": operation,
                "parameters": {"appointment_id": "$response.body#/id"},
                "description": description}
    for operation, description in (("change_viewing", "Change or move this booking."),
                                   ("cancel_viewing", "Cancel this booking."))
}


# What each error status means, for the document's response descriptions.
ANSWERS = {
    "400": "malformed_json: the body is missing, not JSON, or not a JSON object.",
    "401": "unauthorized: no or wrong bearer token.",
    "404": "listing_not_found, slot_not_found, appointment_not_found, or no_available_slot "
           "(the listing has no free viewing now).",
    "409": "slot_full (error.details.next_available is the next free slot, or null), "
           "slot_closed, slot_of_another_listing, or appointment_cancelled.",
    "413": "payload_too_large: the body is over 64 KiB.",
    "422": "invalid_field (error.details lists each field and its problem), or "
           "idempotency_key_reused.",
    "503": "storage_unavailable: the spreadsheet cannot be reached; retry after the "
           "Retry-After header's seconds. Nothing was half-written.",
}


class SheetsOpenAPI(OpenAPI):
    """flask-openapi3's app, documenting only the error answers a route can give.

    flask-openapi3 adds a 422 to every operation that does not declare one, even to
    routes with nothing to validate; a client (or schemathesis) would then expect it.
    """

    def generate_spec_json(self) -> None:
        super().generate_spec_json()
        for path_item in self.spec_json.get("paths", {}).values():
            for operation in path_item.values():
                if operation.get("operationId") == "book_viewing":
                    for status in ("200", "201"):
                        operation["responses"][status]["links"] = BOOKING_LINKS
                answer = operation.get("responses", {}).get(self.validation_error_status, {})
                schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
                if schema.get("type") == "array":  # the one flask-openapi3 added
                    del operation["responses"][self.validation_error_status]
                for status, response in operation.get("responses", {}).items():
                    response["description"] = ANSWERS.get(status, response["description"])


def new_app(import_name: str, version: str) -> OpenAPI:
    """Return the bare app, its OpenAPI document described and served."""
    app = SheetsOpenAPI(
        import_name,
        info=Info(title="sheetsapi", version=version, description=DESCRIPTION),
        security_schemes={"bearer": {"type": "http", "scheme": "bearer",
                                     "description": "A token from the API_TOKEN setting."}},
        validation_error_status=422,
        validation_error_model=ErrorOut,
        validation_error_callback=validation_error_response,
        doc_prefix="/docs",
    )
    app.add_url_rule("/openapi.json", "openapi_json", lambda: jsonify(app.api_doc))
    return app
