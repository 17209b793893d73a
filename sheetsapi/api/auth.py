"""Bearer-token authentication: several tokens (for rotation), compared in constant time."""

from __future__ import annotations

import hmac

from flask import Response, current_app, request

from sheetsapi.api.errors import error_response


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
