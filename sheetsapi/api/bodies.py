"""Reading request bodies: JSON whatever the Content-Type, and only JSON objects."""

from __future__ import annotations

from flask import Request, Response, current_app, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from sheetsapi.api.errors import error_response

MAX_BODY_BYTES = 64 * 1024


class JSONRequest(Request):
    """A request whose body is read as JSON whatever Content-Type the caller sent.

    Voice platforms and hand-written tool calls often omit the header; the body is
    still JSON, and refusing it would only cost the caller a turn. So `force` is
    always on. JSON nested too deep for the parser is malformed, not a crash.
    """

    def get_json(self, force: bool = True, silent: bool = False, cache: bool = True):  # type: ignore[override]
        try:
            return super().get_json(force=True, silent=silent, cache=cache)
        except RecursionError:
            if silent:
                return None
            raise BadRequest("The request body is nested too deeply.") from None


def require_json_object() -> Response | None:
    """Refuse a POST or PATCH whose body is not a JSON object, before any validation."""
    if request.method not in ("POST", "PATCH", "PUT"):
        return None
    body = request.get_data(cache=True)
    # A chunked body has no Content-Length for Werkzeug to check; its reader stops at
    # the limit, so a body that reached it is one that went over it.
    if len(body) >= current_app.config["MAX_CONTENT_LENGTH"]:
        raise RequestEntityTooLarge()
    if not body:
        return error_response(400, "malformed_json", "The request needs a JSON object body.")
    if not isinstance(request.get_json(silent=True), dict):
        return error_response(400, "malformed_json", "The request body is not a JSON object.")
    return None
