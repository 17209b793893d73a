"""Every error answer, in one shape: {"ok": false, "error": {"code", "message", "details"}}."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, current_app, jsonify
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from sheetsapi import errors
from sheetsapi.api.presenters import next_slot_out
from sheetsapi.schemas import ErrorOut

log = logging.getLogger(__name__)

STATUS = {
    errors.NotFound: 404,
    errors.NoAvailableSlot: 404,
    errors.InvalidField: 422,
    errors.IdempotencyKeyReused: 422,
    errors.Conflict: 409,
    errors.StorageUnavailable: 503,
}

_HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
    413: "payload_too_large", 415: "unsupported_media_type",
}


def error_response(status: int, code: str, message: str, details: Any = None,
                   headers: dict[str, str] | None = None) -> Response:
    """Return the JSON error answer every route uses."""
    response = jsonify(ok=False, error={"code": code, "message": message, "details": details})
    response.status_code = status
    response.headers.update(headers or {})
    return response


WHEN = "a date and time such as 2025-10-06T10:00 or 2025-10-06T10:00:00+01:00"
# Pydantic's wording, by error type, in sentences a voice agent can read to a caller.
PLAIN = {
    "missing": "is required",
    "int_parsing": "must be a whole number", "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "greater_than": "must be greater than {gt}", "less_than_equal": "must be at most {le}",
    "string_type": "must be text",
    "string_too_short": "must have at least {min_length} characters",
    "string_too_long": "must have at most {max_length} characters",
    "literal_error": "must be one of {expected}",
    "datetime_parsing": f"must be {WHEN}", "datetime_from_date_parsing": f"must be {WHEN}",
    "datetime_type": f"must be {WHEN}",
    "model_type": "must be a JSON object", "dict_type": "must be a JSON object",
}


def _plain(issue: dict[str, Any]) -> str:
    template = PLAIN.get(issue["type"])
    if template is None:
        return issue["msg"].removeprefix("Value error, ")
    return template.format(**issue.get("ctx", {}))


def validation_error_response(error: ValidationError) -> Response:
    """Answer 422 naming every field that is wrong (flask-openapi3's callback)."""
    problems = [
        {"field": ".".join(str(part) for part in issue["loc"]) or "body",
         "problem": _plain(issue)}
        for issue in error.errors(include_url=False, include_input=False)
    ]
    message = "; ".join(f"{item['field']}: {item['problem']}" for item in problems)
    return error_response(422, "invalid_field", message, problems)


def _domain_error(error: errors.SheetsApiError) -> Response:
    status = next(code for kind, code in STATUS.items() if isinstance(error, kind))
    details, headers = error.details, {}
    if isinstance(error, errors.SlotFull):
        offer = error.next_available
        zone = current_app.extensions["sheetsapi"].zone
        details = {"next_available": next_slot_out(offer, zone).model_dump() if offer else None}
    if isinstance(error, errors.StorageUnavailable):
        headers["Retry-After"] = str(error.retry_after)
        log.warning("Answering 503: %s", error.message)
    return error_response(status, error.code, error.message, details, headers)


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    code = _HTTP_CODES.get(status, "http_error")
    message = {
        404: "There is no such route.",
        413: "The request body is larger than 64 KiB.",
    }.get(status, error.description or error.name)
    allow = {name: value for name, value in error.get_headers() if name == "Allow"}
    return error_response(status, code, message, headers=allow)


def _unexpected_error(error: Exception) -> Response:
    log.exception("Unexpected error")
    return error_response(500, "internal_error", "Something went wrong on our side.")


def register_error_handlers(app: Flask) -> None:
    """Map the domain's exceptions and HTTP errors to the one error shape."""
    app.register_error_handler(errors.SheetsApiError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def error_answers(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Return the error answers a route documents: exactly those it can give."""
    return {status: ErrorOut for status in statuses}
