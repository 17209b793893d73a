"""GET /healthz: is the service up, and can it read its data?"""

from __future__ import annotations

from flask import current_app
from flask_openapi3 import APIBlueprint, Tag

from sheetsapi.api.errors import error_answers
from sheetsapi.checks import sheet_problems
from sheetsapi.schemas import HealthOut

health = APIBlueprint("health", __name__, abp_tags=[Tag(name="operations")])


@health.get("/healthz", operation_id="health", summary="Health check (no token needed)",
            responses={200: HealthOut} | error_answers(503))
def healthz():
    """Answer whether the store can be read (from the cache when it is fresh)."""
    office = current_app.extensions["sheetsapi"]
    with office.uow.reading() as book:
        problems = len(sheet_problems(book))
    return HealthOut(ok=True, store=current_app.config["STORE_KIND"], sheet_problems=problems).model_dump()
