"""The HTTP layer: thin views over the services, one error shape, bearer auth."""

from __future__ import annotations

from flask_openapi3 import APIBlueprint, OpenAPI

from sheetsapi.api.appointments import appointments
from sheetsapi.api.auth import require_token
from sheetsapi.api.bodies import MAX_BODY_BYTES, JSONRequest, require_json_object
from sheetsapi.api.errors import register_error_handlers
from sheetsapi.api.health import health
from sheetsapi.api.leads import leads
from sheetsapi.api.sheet import sheet


def register_api(app: OpenAPI) -> None:
    """Attach every route, the auth check and the error handlers to the app."""
    app.request_class = JSONRequest
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    api = APIBlueprint("api", __name__, url_prefix="/api")
    api.before_request(require_token)
    api.before_request(require_json_object)
    api.register_api(leads)
    api.register_api(appointments)
    api.register_api(sheet)
    app.register_api(api)
    app.register_api(health)
    register_error_handlers(app)
