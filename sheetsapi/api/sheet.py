"""GET /api/sheet/problems: what people typed that the service cannot use."""

from __future__ import annotations

from flask import current_app
from flask_openapi3 import APIBlueprint, Tag

from sheetsapi.api.errors import error_answers
from sheetsapi.checks import sheet_problems
from sheetsapi.schemas import ProblemOut, ProblemsOut

sheet = APIBlueprint("sheet", __name__, url_prefix="/sheet", abp_tags=[Tag(name="operations")],
                     abp_security=[{"bearer": []}])


@sheet.get("/problems", operation_id="list_sheet_problems",
           summary="List the spreadsheet's problems",
           description="Every row or cell the service cannot use, with tab, row and column; "
                       "the same findings as `flask --app app sheets check`.",
           responses={200: ProblemsOut} | error_answers(401, 503))
def problems():
    """List the sheet's problems."""
    with current_app.extensions["sheetsapi"].uow.reading() as book:
        found = sheet_problems(book)
    return ProblemsOut(count=len(found), problems=[
        ProblemOut(tab=item.tab, row=item.row, column=item.column, problem=item.problem,
                   value=item.value, text=str(item)) for item in found]).model_dump()
