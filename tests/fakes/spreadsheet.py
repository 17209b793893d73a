"""State of one fake spreadsheet tab, and the spreadsheets:batchUpdate requests on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from .a1 import Box
from .cells import render


class RequestError(ValueError):
    """An invalid request (answered as 400 INVALID_ARGUMENT)."""


@dataclass
class Sheet:
    sheet_id: int
    title: str
    row_count: int = 1000
    column_count: int = 26
    frozen_row_count: int = 0
    frozen_column_count: int = 0
    hidden: bool = False
    rows: list[list[Any]] = field(default_factory=list)  # ragged; None = empty cell
    data_validation: list[dict] = field(default_factory=list)
    protected_ranges: list[dict] = field(default_factory=list)

    # -- cells -------------------------------------------------------------------------
    def get(self, r: int, c: int) -> Any:
        if r < len(self.rows) and c < len(self.rows[r]):
            return self.rows[r][c]
        return None

    def put(self, r: int, c: int, value: Any) -> None:
        if value is None and self.get(r, c) is None:
            return
        while len(self.rows) <= r:
            self.rows.append([])
        row = self.rows[r]
        if c >= len(row):
            row.extend([None] * (c + 1 - len(row)))
        row[c] = value

    def used_width(self) -> int:
        return max((self._row_len(r) for r in range(len(self.rows))), default=0)

    def used_height(self) -> int:
        for r in range(len(self.rows) - 1, -1, -1):
            if self._row_len(r):
                return r + 1
        return 0

    def _row_len(self, r: int) -> int:
        row = self.rows[r]
        n = len(row)
        while n and row[n - 1] is None:
            n -= 1
        return n

    def ensure_size(self, rows: int, columns: int) -> None:
        self.row_count = max(self.row_count, rows)
        self.column_count = max(self.column_count, columns)

    # -- rows and columns --------------------------------------------------------------
    def insert_rows(self, at: int, count: int) -> None:
        while len(self.rows) < at:
            self.rows.append([])
        self.rows[at:at] = [[] for _ in range(count)]
        self.row_count += count

    def delete_rows(self, start: int, end: int) -> None:
        del self.rows[start:end]
        self.row_count -= end - start

    def insert_columns(self, at: int, count: int) -> None:
        for row in self.rows:
            if len(row) > at:
                row[at:at] = [None] * count
        self.column_count += count

    def delete_columns(self, start: int, end: int) -> None:
        for row in self.rows:
            del row[start:end]
        self.column_count -= end - start

    def sort(self, box: Box, specs: list[tuple[int, bool]]) -> None:
        """Sort rows of ``box`` (clipped) by (column index, descending) specs; empties last."""
        box = box.clip(self.row_count, self.column_count)
        block = [[self.get(r, c) for c in range(box.c0, box.c1 + 1)] for r in range(box.r0, box.r1 + 1)]
        for column, descending in reversed(specs):
            i = column - box.c0
            filled = [row for row in block if row[i] is not None]
            empty = [row for row in block if row[i] is None]
            filled.sort(key=lambda row: _sort_key(row[i]), reverse=descending)
            block = filled + empty
        for dr, row in enumerate(block):
            for dc, value in enumerate(row):
                self.put(box.r0 + dr, box.c0 + dc, value)

    # -- reading -----------------------------------------------------------------------
    def read(self, box: Box, value_render: str, date_render: str, columns: bool = False) -> list:
        """Values of ``box`` as the API answers them: trailing empties and empty rows dropped."""
        box = box.clip(self.row_count, self.column_count)
        r_end = min(box.r1, len(self.rows) - 1)  # rows and columns past the data read as empty
        c_end = min(box.c1, max((len(self.rows[r]) for r in range(box.r0, r_end + 1)), default=0) - 1)
        block = [[self.get(r, c) for c in range(box.c0, c_end + 1)] for r in range(box.r0, r_end + 1)]
        if columns:
            block = [list(col) for col in zip(*block)] if block else []
        out: list[list] = []
        for line in block:
            n = len(line)
            while n and line[n - 1] is None:
                n -= 1
            out.append([render(v, value_render, date_render) for v in line[:n]])
        while out and not out[-1]:
            out.pop()
        return out

    def find_table(self, search: Box) -> Optional[Box]:
        """Google's append "table": the region of filled cells around the first filled cell
        found (row by row) in ``search``, grown while any neighbouring cell (diagonals too)
        is filled. A fully blank row or column bounds it."""
        r_end = len(self.rows) - 1 if search.r1 is None else min(search.r1, len(self.rows) - 1)
        seed = None
        for r in range(search.r0, r_end + 1):
            c_end = len(self.rows[r]) - 1 if search.c1 is None else min(search.c1, len(self.rows[r]) - 1)
            for c in range(search.c0, c_end + 1):
                if self.rows[r][c] is not None:
                    seed = (r, c)
                    break
            if seed:
                break
        if seed is None:
            return None
        top = bottom = seed[0]
        left = right = seed[1]

        def filled_row(r: int) -> bool:
            return r >= 0 and any(self.get(r, c) is not None for c in range(max(left - 1, 0), right + 2))

        def filled_col(c: int) -> bool:
            return c >= 0 and any(self.get(r, c) is not None for r in range(max(top - 1, 0), bottom + 2))

        changed = True
        while changed:
            changed = False
            while filled_row(bottom + 1):
                bottom, changed = bottom + 1, True
            while filled_row(top - 1):
                top, changed = top - 1, True
            while filled_col(right + 1):
                right, changed = right + 1, True
            while filled_col(left - 1):
                left, changed = left - 1, True
        return Box(top, left, bottom, right)

    def properties(self, index: int) -> dict:
        grid: dict[str, Any] = {"rowCount": self.row_count, "columnCount": self.column_count}
        if self.frozen_row_count:
            grid["frozenRowCount"] = self.frozen_row_count
        if self.frozen_column_count:
            grid["frozenColumnCount"] = self.frozen_column_count
        props: dict[str, Any] = {
            "sheetId": self.sheet_id,
            "title": self.title,
            "index": index,
            "sheetType": "GRID",
            "gridProperties": grid,
        }
        if self.hidden:
            props["hidden"] = True
        return props


def _sort_key(value: Any) -> tuple:
    # Sheets orders numbers (dates too) before text before booleans; text case-insensitively.
    if isinstance(value, bool):
        return (2, value)
    if isinstance(value, (int, float)):
        return (0, value)
    return (1, str(value).casefold())


# -- spreadsheets:batchUpdate ----------------------------------------------------------------


class Book:
    """What a batchUpdate request may change: the ordered sheets and id counters."""

    def __init__(self, sheets: list[Sheet], next_sheet_id: int, next_protected_id: int) -> None:
        self.sheets = sheets
        self.next_sheet_id = next_sheet_id
        self.next_protected_id = next_protected_id

    def by_id(self, sheet_id: Any) -> Sheet:
        for sheet in self.sheets:
            if sheet.sheet_id == sheet_id:
                return sheet
        raise RequestError(f"No grid with id: {sheet_id}")

    def by_title(self, title: str) -> Optional[Sheet]:
        for sheet in self.sheets:
            if sheet.title.casefold() == title.casefold():
                return sheet
        return None


def grid_box(sheet: Sheet, grid_range: dict) -> Box:
    """A GridRange (0-based, end exclusive, missing = unbounded) as a Box."""
    r0, c0 = grid_range.get("startRowIndex", 0), grid_range.get("startColumnIndex", 0)
    r1, c1 = grid_range.get("endRowIndex"), grid_range.get("endColumnIndex")
    if r1 is not None and (r1 > sheet.row_count or r1 <= r0) or c1 is not None and (c1 > sheet.column_count or c1 <= c0):
        raise RequestError(f"Range {grid_range} is outside the grid or empty")
    return Box(r0, c0, None if r1 is None else r1 - 1, None if c1 is None else c1 - 1)


def _add_sheet(book: Book, req: dict) -> dict:
    props = dict(req.get("properties") or {})
    title = props.get("title")
    if title is None:
        n = len(book.sheets) + 1
        while book.by_title(f"Sheet{n}"):
            n += 1
        title = f"Sheet{n}"
    if book.by_title(title):
        raise RequestError(f'A sheet with the name "{title}" already exists. Please enter another name.')
    sheet_id = props.get("sheetId")
    if sheet_id is None:
        sheet_id, book.next_sheet_id = book.next_sheet_id, book.next_sheet_id + 1
    elif any(s.sheet_id == sheet_id for s in book.sheets):
        raise RequestError(f"Sheet with id {sheet_id} already exists.")
    grid = props.get("gridProperties") or {}
    sheet = Sheet(
        sheet_id=sheet_id,
        title=title,
        row_count=grid.get("rowCount", 1000),
        column_count=grid.get("columnCount", 26),
        frozen_row_count=grid.get("frozenRowCount", 0),
        frozen_column_count=grid.get("frozenColumnCount", 0),
        hidden=bool(props.get("hidden", False)),
    )
    index = min(props.get("index", len(book.sheets)), len(book.sheets))
    book.sheets.insert(index, sheet)
    return {"addSheet": {"properties": sheet.properties(index)}}


def _delete_sheet(book: Book, req: dict) -> dict:
    sheet = book.by_id(req.get("sheetId"))
    if len(book.sheets) == 1:
        raise RequestError("You can't remove all the sheets in a document.")
    book.sheets.remove(sheet)
    return {}


def _field_paths(mask: str) -> list[str]:
    """"title,gridProperties(rowCount,frozenRowCount)" -> ["title", "gridProperties.rowCount", ...]."""
    paths, depth, token = [], 0, ""
    for ch in mask + ",":
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            token = token.strip()
            if "(" in token:
                head, inner = token.split("(", 1)
                paths += [f"{head.strip()}.{p}" for p in _field_paths(inner[:-1])]
            elif token:
                paths.append(token)
            token = ""
        else:
            token += ch
    return paths


_PROPERTY_SETTERS: dict[str, Callable[[Book, Sheet, Any], None]] = {
    "title": lambda book, s, v: _retitle(book, s, v),
    "hidden": lambda book, s, v: setattr(s, "hidden", bool(v)),
    "index": lambda book, s, v: (book.sheets.remove(s), book.sheets.insert(v, s)),
    "gridProperties.rowCount": lambda book, s, v: setattr(s, "row_count", v),
    "gridProperties.columnCount": lambda book, s, v: setattr(s, "column_count", v),
    "gridProperties.frozenRowCount": lambda book, s, v: setattr(s, "frozen_row_count", v or 0),
    "gridProperties.frozenColumnCount": lambda book, s, v: setattr(s, "frozen_column_count", v or 0),
}


def _retitle(book: Book, sheet: Sheet, title: str) -> None:
    other = book.by_title(title)
    if other is not None and other is not sheet:
        raise RequestError(f'A sheet with the name "{title}" already exists. Please enter another name.')
    sheet.title = title


def _update_sheet_properties(book: Book, req: dict) -> dict:
    props = req.get("properties") or {}
    sheet = book.by_id(props.get("sheetId", 0))
    mask = req.get("fields") or ""
    paths = _field_paths(mask)
    if not paths:
        raise RequestError("At least one field must be updated, but none were specified.")
    if paths == ["*"]:
        paths = [p for p in _PROPERTY_SETTERS if _lookup(props, p) is not _MISSING]
    for path in paths:
        if path not in _PROPERTY_SETTERS:
            continue  # tab colour, right-to-left and the like: accepted, not modelled
        value = _lookup(props, path)
        _PROPERTY_SETTERS[path](book, sheet, None if value is _MISSING else value)
    if sheet.frozen_row_count >= sheet.row_count:
        raise RequestError("You can't freeze all visible rows on the sheet.")
    return {}


_MISSING = object()


def _lookup(obj: dict, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return _MISSING
        obj = obj[part]
    return obj


def _set_data_validation(book: Book, req: dict) -> dict:
    grid_range = req.get("range") or {}
    sheet = book.by_id(grid_range.get("sheetId", 0))
    grid_box(sheet, grid_range)
    sheet.data_validation.append({"range": grid_range, "rule": req.get("rule")})
    return {}


def _add_protected_range(book: Book, req: dict) -> dict:
    protected = dict(req.get("protectedRange") or {})
    grid_range = protected.get("range") or {}
    sheet = book.by_id(grid_range.get("sheetId", 0))
    grid_box(sheet, grid_range)
    protected.setdefault("protectedRangeId", book.next_protected_id)
    book.next_protected_id += 1
    sheet.protected_ranges.append(protected)
    return {"addProtectedRange": {"protectedRange": protected}}


def _dimension(book: Book, dim_range: dict) -> tuple[Sheet, str, int, int]:
    sheet = book.by_id(dim_range.get("sheetId", 0))
    dimension = dim_range.get("dimension")
    if dimension not in ("ROWS", "COLUMNS"):
        raise RequestError("dimension must be ROWS or COLUMNS")
    size = sheet.row_count if dimension == "ROWS" else sheet.column_count
    start, end = dim_range.get("startIndex", 0), dim_range.get("endIndex", size)
    if not 0 <= start < end:
        raise RequestError("startIndex must be less than endIndex")
    return sheet, dimension, start, end


def _insert_dimension(book: Book, req: dict) -> dict:
    sheet, dimension, start, end = _dimension(book, req.get("range") or {})
    if dimension == "ROWS":
        if start > sheet.row_count:
            raise RequestError(f"startIndex ({start}) is past the end of the grid ({sheet.row_count})")
        sheet.insert_rows(start, end - start)
    else:
        sheet.insert_columns(start, end - start)
    return {}


def _delete_dimension(book: Book, req: dict) -> dict:
    sheet, dimension, start, end = _dimension(book, req.get("range") or {})
    size = sheet.row_count if dimension == "ROWS" else sheet.column_count
    if end > size:
        raise RequestError(f"endIndex ({end}) is past the end of the grid ({size})")
    if end - start >= size:
        raise RequestError(f"You can't delete all the {dimension.lower()} on the sheet.")
    if dimension == "ROWS":
        sheet.delete_rows(start, end)
    else:
        sheet.delete_columns(start, end)
    return {}


def _append_dimension(book: Book, req: dict) -> dict:
    sheet = book.by_id(req.get("sheetId", 0))
    length = req.get("length", 0)
    if req.get("dimension") not in ("ROWS", "COLUMNS") or length <= 0:
        raise RequestError("appendDimension needs dimension ROWS or COLUMNS and a positive length")
    if req["dimension"] == "ROWS":
        sheet.row_count += length
    else:
        sheet.column_count += length
    return {}


def _sort_range(book: Book, req: dict) -> dict:
    grid_range = req.get("range") or {}
    sheet = book.by_id(grid_range.get("sheetId", 0))
    box = grid_box(sheet, grid_range)
    specs = []
    for spec in req.get("sortSpecs") or []:
        column = spec.get("dimensionIndex", 0)
        if not box.c0 <= column <= (sheet.column_count - 1 if box.c1 is None else box.c1):
            raise RequestError(f"sortSpecs dimensionIndex {column} is outside the range")
        specs.append((column, spec.get("sortOrder", "ASCENDING") == "DESCENDING"))
    sheet.sort(box, specs)
    return {}


def _ignored(book: Book, req: dict) -> dict:
    return {}  # formatting only: accepted, not modelled


HANDLERS: dict[str, Callable[[Book, dict], dict]] = {
    "addSheet": _add_sheet,
    "deleteSheet": _delete_sheet,
    "updateSheetProperties": _update_sheet_properties,
    "setDataValidation": _set_data_validation,
    "addProtectedRange": _add_protected_range,
    "insertDimension": _insert_dimension,
    "deleteDimension": _delete_dimension,
    "appendDimension": _append_dimension,
    "sortRange": _sort_range,
    "repeatCell": _ignored,
    "updateDimensionProperties": _ignored,
    "autoResizeDimensions": _ignored,
    "updateBorders": _ignored,
    "addConditionalFormatRule": _ignored,
}


def apply_requests(book: Book, requests: list) -> list[dict]:
    """Apply every request to ``book`` (the caller passes a copy and keeps it only on success)."""
    if not isinstance(requests, list) or not requests:
        raise RequestError("Must specify at least one request.")
    replies = []
    for i, request in enumerate(requests):
        if not isinstance(request, dict) or len(request) != 1:
            raise RequestError(f"Invalid requests[{i}]: exactly one request kind must be set.")
        (name, body), = request.items()
        handler = HANDLERS.get(name)
        if handler is None:
            raise RequestError(f"Invalid JSON payload received. Unknown name \"{name}\" at 'requests[{i}]': Cannot find field.")
        try:
            replies.append(handler(book, body or {}))
        except RequestError as exc:
            raise RequestError(f"Invalid requests[{i}].{name}: {exc}") from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise RequestError(f"Invalid requests[{i}].{name}: {exc}") from None
    return replies
