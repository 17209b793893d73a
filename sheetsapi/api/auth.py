"""Bearer-token authentication, and the JSON-object check for request bodies."""

from __future__ import annotations

import hmac

from flask import Request, Response, current_app, request

from sheetsapi.api.errors import error_response


class AnyContentTypeJSONRequest(Request):
    """A request whose body is read as JSON whatever Content-Type the caller sent.

    Voice platforms and hand-written tool calls often omit the header; the body is
    still JSON, and refusing it would only cost the caller a turn.
    """

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True):  # type: ignore[override]
        return super().get_json(force=True, silent=silent, cache=cache)


def token_is_valid(header: str | None, tokens: tuple[str, ...]) -> bool:
    """Whether an Authorization header carries one of the tokens (constant-time compare)."""
    scheme, _, presented = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        return False
    presented_bytes = presented.strip().encode()
    # Compare against every token so the time taken does not tell which one matched.
    matches = [hmac.compare_digest(presented_bytes, token.encode()) for token in tokens]
    return any(matches)


def require_token() -> Response | None:
    """Refuse any request without a valid bearer token (a blueprint's before_request)."""
    tokens = current_app.config["API_TOKENS"]
    if token_is_valid(request.headers.get("Authorization"), tokens):
        return None
    return error_response(401, "unauthorized", "Send Authorization: Bearer <API token>.",
                          headers={"WWW-Authenticate": "Bearer"})


def require_json_object() -> Response | None:
    """Refuse a POST or PATCH whose body is not a JSON object, before any validation."""
    if request.method not in ("POST", "PATCH", "PUT"):
        return None
    if not request.get_data(cache=True):
        return error_response(400, "malformed_json", "The request needs a JSON object body.")
    if not isinstance(request.get_json(silent=True), dict):
        return error_response(400, "malformed_json", "The request body is not a JSON object.")
    return None
