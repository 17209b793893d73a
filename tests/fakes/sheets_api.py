"""A stateful fake of the Google Sheets v4 REST API (one spreadsheet), for tests and benchmarks.

Use it through ``responses`` (``fake.install(rsps)``) or over real HTTP
(``server, base_url = serve(fake)``; ``fake.wsgi_app`` is a plain WSGI callable).
Behaviour modelled on Google's documentation and gspread's recorded traffic:
trailing empty cells/rows omitted on read, append "table" detection, RAW vs
USER_ENTERED, Google's error JSON, and injectable faults (see ``fail_next``).

Helpers such as ``edit_cell`` and ``insert_rows`` act as a person editing the sheet
by hand: they change state without being counted as API calls.

    python -m tests.fakes.sheets_api --port 8900 --latency 0.15 --spreadsheet-id demo
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

import responses

from . import transport
from .a1 import Box, RangeError, col_index, col_letters, format_box, parse_cells, split_range
from .cells import CellValueError, parse_raw, parse_user_entered
from .errors import ApiError, fault_error
from .spreadsheet import Book, RequestError, Sheet, apply_requests
from .transport import serve

__all__ = ["FakeSheets", "Call", "serve", "FAULTS", "OPERATIONS"]

GOOGLE_BASE_URL = "https://sheets.googleapis.com"
FAULTS = ("429", "403", "500", "503", "timeout", "timeout_after_apply", "lost_append")
OPERATIONS = (
    "metadata", "get", "batchGet", "append", "update", "values_batchUpdate",
    "batchUpdate", "clear", "batchClear",
)  # fmt: skip
_PATH = re.compile(r"^/v4/spreadsheets/(?P<id>[^/:]+)(?P<rest>.*)$")
_VALUE_RENDER = ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")
_DATE_RENDER = ("SERIAL_NUMBER", "FORMATTED_STRING")
_KEEP = object()  # JSON null in a write: leave the cell as it is


@dataclass(frozen=True)
class Call:
    """One API request the fake received (faulted ones included)."""

    method: str
    path: str
    kind: str  # "read" (GET) or "write"
    op: str  # one of OPERATIONS, or "unknown"
    fault: Optional[str] = None



@dataclass
class _Answer:
    status: int
    body: dict
    lost: bool = False  # the client must not get this answer (simulated timeout)


@dataclass
class _PendingFault:
    matches: Callable[[Call], bool]
    fault: str
    times: int


Matcher = Union[str, Callable[[Call], bool]]


class FakeSheets:
    def __init__(
        self,
        spreadsheet_id: str = "fake-spreadsheet",
        *,
        title: str = "Fake spreadsheet",
        sheets: tuple[str, ...] = ("Sheet1",),
        latency_seconds: float = 0.0,
        timeout_sleep_seconds: Optional[float] = None,
    ) -> None:
        """``timeout_sleep_seconds`` applies over WSGI only: a timeout fault sleeps that long
        before answering; None (default) drops the connection without an answer instead."""
        self.spreadsheet_id = spreadsheet_id
        self.title = title
        self.latency_seconds = latency_seconds
        self.timeout_sleep_seconds = timeout_sleep_seconds
        self.calls: list[Call] = []
        self._lock = threading.RLock()
        self._faults: list[_PendingFault] = []
        self._book = Book([], next_sheet_id=1_000_001, next_protected_id=2_000_001)
        for i, name in enumerate(sheets):
            self._book.sheets.append(Sheet(sheet_id=0 if i == 0 else self._new_sheet_id(), title=name))

    # == helpers: a person editing the sheet (not counted as API calls) ====================
    def add_sheet(self, title: str, rows: Optional[list[list]] = None, *, row_count: int = 1000,
                  column_count: int = 26, value_input: str = "USER_ENTERED") -> int:
        """Add a tab (optionally filled with ``rows``); returns its sheetId."""
        with self._lock:
            if self._book.by_title(title):
                raise ValueError(f"tab {title!r} exists")
            sheet = Sheet(self._new_sheet_id(), title, row_count, column_count)
            self._book.sheets.append(sheet)
            if rows:
                self.set_rows(title, rows, value_input)
            return sheet.sheet_id

    def set_rows(self, title: str, rows: list[list], value_input: str = "USER_ENTERED") -> None:
        """Replace the whole content of a tab (created if missing) with ``rows`` from A1."""
        with self._lock:
            if self._book.by_title(title) is None:
                self.add_sheet(title)
            sheet = self._tab(title)
            parsed = self._parse_values(rows, value_input)
            sheet.rows = []
            sheet.ensure_size(len(parsed), max((len(r) for r in parsed), default=0))
            self._write(sheet, 0, 0, parsed)

    def edit_cell(self, title: str, where: Union[str, tuple[int, int]], value: Any,
                  value_input: str = "USER_ENTERED") -> None:
        """Type ``value`` into a cell: ``where`` is "C5" or (row, col), both 1-based."""
        with self._lock:
            sheet = self._tab(title)
            if isinstance(where, str):
                box = parse_cells(where)
                r, c = box.r0, box.c0
            else:
                r, c = where[0] - 1, where[1] - 1
            parse = parse_user_entered if value_input == "USER_ENTERED" else parse_raw
            sheet.ensure_size(r + 1, c + 1)
            sheet.put(r, c, parse(value))

    def insert_rows(self, title: str, before_row: int, count: int = 1) -> None:
        """Insert ``count`` blank rows before 1-based row ``before_row`` (rows below move down)."""
        with self._lock:
            self._tab(title).insert_rows(before_row - 1, count)

    def delete_rows(self, title: str, first_row: int, count: int = 1) -> None:
        """Delete ``count`` rows starting at 1-based row ``first_row``."""
        with self._lock:
            self._tab(title).delete_rows(first_row - 1, first_row - 1 + count)

    def sort_rows(self, title: str, column_index: Union[int, str], descending: bool = False,
                  header: bool = True) -> None:
        """Sort the tab's rows by one column: ``column_index`` 0-based (0 = A) or a letter "C".
        With ``header`` row 1 stays put. Empty cells sort last, as in Sheets."""
        with self._lock:
            sheet = self._tab(title)
            column = col_index(column_index) if isinstance(column_index, str) else column_index
            sheet.sort(Box(1 if header else 0, 0, None, None), [(column, descending)])

    def values(self, title: str) -> list[list]:
        """The tab as the API would answer it unformatted (trailing empties trimmed, "" for blanks)."""
        with self._lock:
            return self._tab(title).read(Box(0, 0, None, None), "UNFORMATTED_VALUE", "SERIAL_NUMBER")

    def cell(self, title: str, row: int, col: int) -> Any:
        """The stored value of a cell (1-based), None when empty; formulas come back as text."""
        with self._lock:
            return self._tab(title).get(row - 1, col - 1)

    def sheet(self, title: str) -> Sheet:
        """The tab's state (grid properties, data_validation, protected_ranges) for assertions."""
        with self._lock:
            return self._tab(title)

    @property
    def titles(self) -> list[str]:
        with self._lock:
            return [s.title for s in self._book.sheets]

    # == call counting and faults ===========================================================
    @property
    def reads(self) -> int:
        return sum(1 for c in self.calls if c.kind == "read")

    @property
    def writes(self) -> int:
        return sum(1 for c in self.calls if c.kind == "write")

    def reset_calls(self) -> None:
        with self._lock:
            self.calls.clear()

    def fail_next(self, match: Matcher, fault: str, times: int = 1) -> None:
        """Make the next ``times`` matching requests fail with ``fault`` (see FAULTS).

        ``match`` is an operation name (OPERATIONS), "read", "write", "any", or a
        callable taking a Call. A faulted request still counts as a call."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; expected one of {FAULTS}")
        if isinstance(match, str):
            name = match
            if name not in OPERATIONS + ("read", "write", "any"):
                raise ValueError(f"unknown matcher {name!r}")
            match = lambda call: name == "any" or call.kind == name or call.op == name  # noqa: E731
        with self._lock:
            self._faults.append(_PendingFault(match, fault, times))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults = []

    def _take_fault(self, call: Call) -> Optional[str]:
        for pending in self._faults:
            if pending.matches(call):
                pending.times -= 1
                if pending.times <= 0:
                    self._faults.remove(pending)
                return pending.fault
        return None

    # == request handling ===================================================================
    def handle(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> _Answer:
        """Answer one HTTP request (``path`` already percent-decoded)."""
        method = method.upper()
        sid, op, range_text = self._route(method, path)
        with self._lock:
            call = Call(method, path, "read" if method == "GET" else "write", op)
            fault = self._take_fault(call)
            self.calls.append(Call(call.method, call.path, call.kind, call.op, fault))
        if self.latency_seconds:
            time.sleep(self.latency_seconds)
        if fault in ("429", "403", "500", "503"):
            return _Answer(int(fault), fault_error(int(fault), call.kind).body())
        if fault == "timeout":
            return _Answer(504, ApiError(504, "The request was not applied (fake timeout).").body(), lost=True)
        try:
            if sid != self.spreadsheet_id:
                raise ApiError(404, "Requested entity was not found.")
            if op == "unknown":
                raise ApiError(404, f"Method not found: {method} {path}")
            payload = json.loads(body) if body else {}
            if not isinstance(payload, dict):
                raise ApiError(400, "Invalid JSON payload received.")
            with self._lock:
                answer = _Answer(200, getattr(self, "_op_" + op)(query, payload, range_text))
        except json.JSONDecodeError:
            answer = _Answer(400, ApiError(400, "Invalid JSON payload received.").body())
        except ApiError as exc:
            answer = _Answer(exc.code, exc.body())
        if fault in ("timeout_after_apply", "lost_append"):
            answer.lost = True
        return answer

    @staticmethod
    def _route(method: str, path: str) -> tuple[Optional[str], str, Optional[str]]:
        m = _PATH.match(path)
        if not m:
            return None, "unknown", None
        sid, rest = m.group("id"), m.group("rest")
        simple = {("GET", ""): "metadata", ("POST", ":batchUpdate"): "batchUpdate",
                  ("GET", "/values:batchGet"): "batchGet", ("POST", "/values:batchUpdate"): "values_batchUpdate",
                  ("POST", "/values:batchClear"): "batchClear"}  # fmt: skip
        if (method, rest) in simple:
            return sid, simple[(method, rest)], None
        if rest.startswith("/values/") and len(rest) > len("/values/"):
            range_text = rest[len("/values/"):]
            if method == "POST" and range_text.endswith(":append"):
                return sid, "append", range_text[: -len(":append")]
            if method == "POST" and range_text.endswith(":clear"):
                return sid, "clear", range_text[: -len(":clear")]
            if method in ("GET", "PUT"):
                return sid, "get" if method == "GET" else "update", range_text
        return sid, "unknown", None

    # -- operations (run under the lock) ----------------------------------------------------
    def _op_metadata(self, query: dict, payload: dict, _: Any) -> dict:
        sheets = []
        for index, sheet in enumerate(self._book.sheets):
            entry: dict[str, Any] = {"properties": sheet.properties(index)}
            if sheet.protected_ranges:
                entry["protectedRanges"] = copy.deepcopy(sheet.protected_ranges)
            sheets.append(entry)
        return {
            "spreadsheetId": self.spreadsheet_id,
            "properties": {"title": self.title, "locale": "en_IE", "autoRecalc": "ON_CHANGE",
                           "timeZone": "Europe/Dublin"},
            "sheets": sheets,
            "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{self.spreadsheet_id}/edit",
        }  # fmt: skip

    def _op_get(self, query: dict, payload: dict, range_text: str) -> dict:
        return self._value_range(range_text, query)

    def _op_batchGet(self, query: dict, payload: dict, _: Any) -> dict:
        ranges = query.get("ranges") or []
        return {"spreadsheetId": self.spreadsheet_id, "valueRanges": [self._value_range(r, query) for r in ranges]}

    def _op_update(self, query: dict, payload: dict, range_text: str) -> dict:
        parse = self._value_input(query)
        sheet, box = self._resolve(range_text)
        rows = self._parse_values(self._body_values(payload), parse)
        result = self._put_block(sheet, box, rows)
        if _flag(query, "includeValuesInResponse"):
            result["updatedData"] = self._rendered(sheet, result.pop("_box"), query, "response")
        result.pop("_box", None)
        return {"spreadsheetId": self.spreadsheet_id, **result}

    def _op_values_batchUpdate(self, query: dict, payload: dict, _: Any) -> dict:
        parse = self._value_input(payload)
        blocks = []
        for i, item in enumerate(payload.get("data") or []):  # atomic: check every range first
            sheet, box = self._resolve(item.get("range", ""))
            rows = self._parse_values(self._body_values(item, f"data[{i}]."), parse)
            self._check_block(sheet, box, rows)
            blocks.append((sheet, box, rows))
        responses_ = []
        for sheet, box, rows in blocks:
            result = self._put_block(sheet, box, rows)
            result.pop("_box")
            responses_.append({"spreadsheetId": self.spreadsheet_id, **result})
        total = {key: sum(r.get(key[5].lower() + key[6:], 0) for r in responses_)
                 for key in ("totalUpdatedRows", "totalUpdatedColumns", "totalUpdatedCells")}  # fmt: skip
        total["totalUpdatedSheets"] = len({r["updatedRange"].rsplit("!", 1)[0] for r in responses_})
        return {"spreadsheetId": self.spreadsheet_id, **total, "responses": responses_}

    def _op_append(self, query: dict, payload: dict, range_text: str) -> dict:
        parse = self._value_input(query)
        insert_option = _one(query, "insertDataOption", "OVERWRITE")
        if insert_option not in ("OVERWRITE", "INSERT_ROWS"):
            raise ApiError(400, f"Invalid value at 'insert_data_option' ({insert_option})")
        sheet, box = self._resolve(range_text)
        rows = self._parse_values(self._body_values(payload), parse)
        search = Box(box.r0, box.c0, None, None) if (box.r0, box.c0) == (box.r1, box.c1) else box
        table = sheet.find_table(search)
        r0, c0 = (table.r1 + 1, table.c0) if table else (box.r0, box.c0)
        width = max((len(r) for r in rows), default=0)
        answer: dict[str, Any] = {"spreadsheetId": self.spreadsheet_id}
        if table:
            answer["tableRange"] = format_box(sheet.title, table)
        if not rows or not width:
            answer["updates"] = {"spreadsheetId": self.spreadsheet_id}
            return answer
        if insert_option == "INSERT_ROWS":
            sheet.insert_rows(r0, len(rows))
        sheet.ensure_size(r0 + len(rows), c0 + width)
        written = Box(r0, c0, r0 + len(rows) - 1, c0 + width - 1)
        updates = {"spreadsheetId": self.spreadsheet_id, "updatedRange": format_box(sheet.title, written),
                   "updatedRows": len(rows), "updatedColumns": width, "updatedCells": self._write(sheet, r0, c0, rows)}  # fmt: skip
        if _flag(query, "includeValuesInResponse"):
            updates["updatedData"] = self._rendered(sheet, written, query, "response")
        answer["updates"] = updates
        return answer

    def _op_clear(self, query: dict, payload: dict, range_text: str) -> dict:
        return {"spreadsheetId": self.spreadsheet_id, "clearedRange": self._clear(range_text)}

    def _op_batchClear(self, query: dict, payload: dict, _: Any) -> dict:
        ranges = payload.get("ranges") or []
        for text in ranges:  # validate all first
            self._resolve(text)
        return {"spreadsheetId": self.spreadsheet_id, "clearedRanges": [self._clear(t) for t in ranges]}

    def _op_batchUpdate(self, query: dict, payload: dict, _: Any) -> dict:
        book = copy.deepcopy(self._book)  # atomic: keep the copy only if every request applies
        try:
            replies = apply_requests(book, payload.get("requests"))
        except RequestError as exc:
            raise ApiError(400, str(exc)) from None
        self._book = book
        return {"spreadsheetId": self.spreadsheet_id, "replies": replies}

    # -- values plumbing ---------------------------------------------------------------------
    def _tab(self, title: str) -> Sheet:
        sheet = self._book.by_title(title)
        if sheet is None:
            raise KeyError(f"no tab {title!r}; tabs: {self.titles}")
        return sheet

    def _new_sheet_id(self) -> int:
        self._book.next_sheet_id += 1
        return self._book.next_sheet_id - 1

    def _resolve(self, text: str) -> tuple[Sheet, Box]:
        """A1 range text -> (tab, box). Errors as Google words them."""
        try:
            title, cells = split_range(text)
            if cells is None:
                sheet = self._book.by_title(title)
                if sheet is not None:
                    return sheet, Box(0, 0, None, None)
                sheet, box = self._book.sheets[0], parse_cells(title)  # "A1:C5" means the first tab
            else:
                sheet, box = self._book.by_title(title), parse_cells(cells)
        except RangeError:
            sheet = None
        if sheet is None:
            raise ApiError(400, f"Unable to parse range: {text}")
        if box.r0 >= sheet.row_count or box.c0 >= sheet.column_count:
            raise ApiError(400, f"Range ({format_box(sheet.title, Box(box.r0, box.c0, box.r0, box.c0))}) exceeds "
                                f"grid limits. Max rows: {sheet.row_count}, max columns: {sheet.column_count}")  # fmt: skip
        return sheet, box

    def _value_range(self, range_text: str, query: dict) -> dict:
        sheet, box = self._resolve(range_text)
        return self._rendered(sheet, box, query, "")

    def _rendered(self, sheet: Sheet, box: Box, query: dict, prefix: str) -> dict:
        def option(name: str, default: str, allowed: tuple) -> str:
            key = prefix + (name[0].upper() + name[1:] if prefix else name)
            value = _one(query, key, default)
            if value not in allowed:
                raise ApiError(400, f"Invalid value at '{key}' ({value})")
            return value

        value_render = option("valueRenderOption", "FORMATTED_VALUE", _VALUE_RENDER)
        date_render = option("dateTimeRenderOption", "SERIAL_NUMBER", _DATE_RENDER)
        major = _one(query, "majorDimension", "ROWS")
        if major not in ("ROWS", "COLUMNS"):
            raise ApiError(400, f"Invalid value at 'major_dimension' ({major})")
        clipped = box.clip(sheet.row_count, sheet.column_count)
        answer: dict[str, Any] = {"range": format_box(sheet.title, clipped), "majorDimension": major}
        values = sheet.read(clipped, value_render, date_render, columns=major == "COLUMNS")
        if values:
            answer["values"] = values
        return answer

    @staticmethod
    def _value_input(source: dict) -> Callable[[Any], Any]:
        value = source.get("valueInputOption")
        value = value[0] if isinstance(value, list) and value else value
        if not value or value == "INPUT_VALUE_OPTION_UNSPECIFIED":
            raise ApiError(400, "'valueInputOption' is required but not specified")
        if value not in ("RAW", "USER_ENTERED"):
            raise ApiError(400, f"Invalid value at 'value_input_option' ({value})")
        return parse_raw if value == "RAW" else parse_user_entered

    @staticmethod
    def _body_values(payload: dict, where: str = "") -> list[list]:
        rows = payload.get("values") or []
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise ApiError(400, f"Invalid {where}values: expected a list of lists")
        if payload.get("majorDimension", "ROWS") == "COLUMNS":
            height = max((len(c) for c in rows), default=0)
            rows = [[col[r] if r < len(col) else None for col in rows] for r in range(height)]
        return rows

    @staticmethod
    def _parse_values(rows: list[list], parse: Union[str, Callable[[Any], Any]]) -> list[list]:
        if isinstance(parse, str):
            parse = parse_user_entered if parse == "USER_ENTERED" else parse_raw
        parsed = []
        for i, row in enumerate(rows):
            out = []
            for j, value in enumerate(row):
                try:
                    out.append(_KEEP if value is None else parse(value))
                except CellValueError as exc:
                    raise ApiError(400, f"Invalid values[{i}][{j}]: {exc}_value") from None
            parsed.append(out)
        return parsed

    @staticmethod
    def _write(sheet: Sheet, r0: int, c0: int, rows: list[list]) -> int:
        """Write parsed values; _KEEP (JSON null) leaves a cell alone. Returns cells written."""
        count = 0
        for dr, row in enumerate(rows):
            for dc, value in enumerate(row):
                if value is not _KEEP:
                    sheet.put(r0 + dr, c0 + dc, value)
                    count += 1
        return count

    @staticmethod
    def _check_block(sheet: Sheet, box: Box, rows: list[list]) -> None:
        """A write must fit its range (a single cell only anchors it) and the grid."""
        height, width = len(rows), max((len(r) for r in rows), default=0)
        single = (box.r0, box.c0) == (box.r1, box.c1)
        label = format_box(sheet.title, box.clip(sheet.row_count, sheet.column_count))
        if height and not single and box.r1 is not None and box.r0 + height - 1 > box.r1:
            raise ApiError(400, f"Requested writing within range [{label}], but tried writing to row [{box.r0 + height}]")
        if width and not single and box.c1 is not None and box.c0 + width - 1 > box.c1:
            raise ApiError(400, f"Requested writing within range [{label}], but tried writing to column "
                                f"[{col_letters(box.c0 + width - 1)}]")  # fmt: skip
        if box.r0 + height > sheet.row_count or box.c0 + width > sheet.column_count:
            end = Box(box.r0, box.c0, box.r0 + max(height, 1) - 1, box.c0 + max(width, 1) - 1)
            raise ApiError(400, f"Range ({format_box(sheet.title, end)}) exceeds grid limits. "
                                f"Max rows: {sheet.row_count}, max columns: {sheet.column_count}")  # fmt: skip

    def _put_block(self, sheet: Sheet, box: Box, rows: list[list]) -> dict:
        self._check_block(sheet, box, rows)
        height, width = len(rows), max((len(r) for r in rows), default=0)
        if not height or not width:
            return {"updatedRange": format_box(sheet.title, box.clip(sheet.row_count, sheet.column_count)), "_box": box}
        written = Box(box.r0, box.c0, box.r0 + height - 1, box.c0 + width - 1)
        cells = self._write(sheet, box.r0, box.c0, rows)
        return {"updatedRange": format_box(sheet.title, written), "updatedRows": height,
                "updatedColumns": width, "updatedCells": cells, "_box": written}  # fmt: skip

    def _clear(self, range_text: str) -> str:
        sheet, box = self._resolve(range_text)
        clipped = box.clip(sheet.row_count, sheet.column_count)
        for r in range(clipped.r0, min(clipped.r1 + 1, len(sheet.rows))):
            for c in range(clipped.c0, clipped.c1 + 1):
                sheet.put(r, c, None)
        return format_box(sheet.title, clipped)

    # == integration: responses and WSGI (see transport.py) =====================================
    def install(self, rsps: responses.RequestsMock, base_url: str = GOOGLE_BASE_URL) -> None:
        """Answer every request under ``base_url`` + /v4/spreadsheets through ``rsps``
        (one callback for all methods: one API call satisfies assert_all_requests_are_fired)."""
        transport.install(self, rsps, base_url)

    def wsgi_app(self, environ: dict, start_response: Callable) -> Any:
        """A plain WSGI callable serving the fake API (timeouts: see ``timeout_sleep_seconds``)."""
        return transport.wsgi_app(self, environ, start_response)


def _one(query: dict, key: str, default: str) -> str:
    values = query.get(key)
    return values[0] if values else default


def _flag(query: dict, key: str) -> bool:
    return _one(query, key, "false").lower() == "true"


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a fake Google Sheets v4 API (one empty spreadsheet).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8900)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every call")
    parser.add_argument("--spreadsheet-id", default="fake-spreadsheet")
    args = parser.parse_args(argv)
    fake = FakeSheets(args.spreadsheet_id, latency_seconds=args.latency)
    server = transport.make_quiet_server(fake, args.host, args.port)
    print(f"fake Sheets API for spreadsheet {args.spreadsheet_id!r} on http://{args.host}:{server.server_port}",
          flush=True)  # fmt: skip
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
