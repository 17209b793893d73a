"""Tests of the fake Sheets API itself, driven through real gspread 6.2.1 and raw requests."""

from __future__ import annotations

import threading
import time
from urllib.parse import quote

import gspread
import pytest
import requests
import responses
from google.auth.credentials import AnonymousCredentials

from .sheets_api import FakeSheets, serve

GOOGLE = "https://sheets.googleapis.com"
BASE = "https://fake-sheets.invalid"  # the responses tests send everything here
SID = "fake-spreadsheet"
HEADER = ["id", "name", "phone", "status"]


def make_client(base_url: str) -> gspread.Client:
    """A gspread client whose calls go to ``base_url`` instead of Google."""

    class Redirect(gspread.HTTPClient):
        def request(self, method, endpoint, *args, **kwargs):
            return super().request(method, endpoint.replace(GOOGLE, base_url, 1), *args, **kwargs)

    return gspread.Client(auth=AnonymousCredentials(), http_client=Redirect)


def values_url(range_: str, suffix: str = "", base: str = BASE) -> str:
    return f"{base}/v4/spreadsheets/{SID}/values/{quote(range_, safe='')}{suffix}"


@pytest.fixture
def fake() -> FakeSheets:
    return FakeSheets(SID)


@pytest.fixture
def rsps(fake: FakeSheets):
    with responses.RequestsMock() as mock:
        fake.install(mock, BASE)
        yield mock


@pytest.fixture
def gc(rsps) -> gspread.Client:
    return make_client(BASE)


def leads_with_gap(fake: FakeSheets) -> None:
    """leads: header, two rows, a blank row 4, then two more rows (5, 6)."""
    fake.add_sheet("leads", [HEADER, [1, "Ann", "+353871234567", "new"], [2, "Bob", "", "new"], [],
                             [5, "Eve", "", "won"], [6, "Fay", "", "lost"]], value_input="RAW")  # fmt: skip


# -- metadata and reading ---------------------------------------------------------------------


def test_metadata_through_gspread_open_by_key(fake, gc, rsps):
    fake.add_sheet("viewing slots", [["id"]])
    rsps.calls.reset()
    sh = gc.open_by_key(SID)
    assert sh.id == SID
    assert sh.locale == "en_IE" and sh.timezone == "Europe/Dublin"
    assert [ws.title for ws in sh.worksheets()] == ["Sheet1", "viewing slots"]
    ws = sh.worksheet("viewing slots")
    assert (ws.row_count, ws.col_count, ws.index) == (1000, 26, 1)
    assert sh.sheet1.id == 0
    assert fake.reads == 4 and fake.writes == 0  # open, worksheets(), worksheet(), sheet1
    with pytest.raises(gspread.exceptions.SpreadsheetNotFound):
        gc.open_by_key("no-such-sheet")
    body = requests.get(f"{BASE}/v4/spreadsheets/no-such-sheet").json()
    assert body == {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}}


def test_batch_get_trims_like_google(fake, gc):
    fake.add_sheet("leads", [["id", "name", "", ""], [1, "Ann"], [], [3, "", "x"], [], []])
    fake.add_sheet("empty")
    sh = gc.open_by_key(SID)
    got = sh.values_batch_get(["leads", "'leads'!A1:B2", "empty", "leads!A50:C60"])
    leads, first, empty, below = got["valueRanges"]
    assert got["spreadsheetId"] == SID
    assert leads == {"range": "leads!A1:Z1000", "majorDimension": "ROWS",
                     "values": [["id", "name"], ["1", "Ann"], [], ["3", "", "x"]]}  # fmt: skip
    assert first["range"] == "leads!A1:B2" and first["values"] == [["id", "name"], ["1", "Ann"]]
    assert empty == {"range": "empty!A1:Z1000", "majorDimension": "ROWS"}  # no "values" key at all
    assert "values" not in below and below["range"] == "leads!A50:C60"


@pytest.mark.parametrize(
    "range_, label, values",
    [
        ("viewing slots", "'viewing slots'!A1:Z1000", [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"]]),
        ("'viewing slots'", "'viewing slots'!A1:Z1000", [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"]]),
        ("'viewing slots'!A1:C5", "'viewing slots'!A1:C5", [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"]]),
        ("'viewing slots'!B:B", "'viewing slots'!B1:B1000", [["b"], ["2"], ["5"]]),
        ("'viewing slots'!B2:C", "'viewing slots'!B2:C1000", [["2", "3"], ["5", "6"]]),
        ("'viewing slots'!2:2", "'viewing slots'!A2:Z2", [["1", "2", "3"]]),
        ("'viewing slots'!A2:2", "'viewing slots'!A2:Z2", [["1", "2", "3"]]),
        ("'viewing slots'!$C$3", "'viewing slots'!C3", [["6"]]),
    ],
)
def test_range_forms_over_raw_requests(fake, rsps, range_, label, values):
    fake.add_sheet("viewing slots", [["a", "b", "c"], [1, 2, 3], [4, 5, 6]])
    body = requests.get(values_url(range_)).json()
    assert body == {"range": label, "majorDimension": "ROWS", "values": values}


def test_bad_ranges_answer_400(fake, rsps):
    for bad in ["nope!A1", "Sheet1!A1:B2:C3", "Sheet1!A1001"]:
        r = requests.get(values_url(bad))
        assert r.status_code == 400 and r.json()["error"]["status"] == "INVALID_ARGUMENT", bad
    assert "exceeds grid limits" in requests.get(values_url("Sheet1!A1001")).json()["error"]["message"]


def test_unformatted_vs_formatted_values(fake, gc):
    fake.add_sheet("t", [[6, 1.5, True, "text", 6.0, "=SUM(A1:B1)", "06/10/2025 10:00"]])
    sh = gc.open_by_key(SID)

    def row(**params):
        return sh.values_get("t!A1:G1", params=params)["values"][0]

    assert row() == ["6", "1.5", "TRUE", "text", "6", "=SUM(A1:B1)", "06/10/2025 10:00:00"]
    unformatted = row(valueRenderOption="UNFORMATTED_VALUE")
    assert unformatted[:6] == [6, 1.5, True, "text", 6, "=SUM(A1:B1)"]
    assert unformatted[6] == pytest.approx(45936 + 10 / 24)  # serial: days since 1899-12-30
    assert row(valueRenderOption="UNFORMATTED_VALUE", dateTimeRenderOption="FORMATTED_STRING")[6] == (
        "06/10/2025 10:00:00"
    )
    assert row(valueRenderOption="FORMULA")[5] == "=SUM(A1:B1)"


# -- appending ------------------------------------------------------------------------------


def test_append_insert_rows_after_table(fake, gc):
    fake.add_sheet("leads", [HEADER, [1, "Ann", "+353871234567", "new"]], value_input="RAW")
    ws = gc.open_by_key(SID).worksheet("leads")
    res = ws.append_rows([[2, "Bob", "+353861234567", "new"]], value_input_option="RAW",
                         insert_data_option="INSERT_ROWS", table_range="A1")  # fmt: skip
    assert res["tableRange"] == "leads!A1:D2"
    assert res["updates"] == {"spreadsheetId": SID, "updatedRange": "leads!A3:D3", "updatedRows": 1,
                              "updatedColumns": 4, "updatedCells": 4}  # fmt: skip
    assert fake.values("leads")[2] == [2, "Bob", "+353861234567", "new"]
    assert fake.sheet("leads").row_count == 1001  # INSERT_ROWS adds rows to the grid


def test_append_to_empty_tab_has_no_table_range(fake, rsps):
    fake.add_sheet("leads")
    body = requests.post(values_url("leads!A1", ":append"), params={"valueInputOption": "RAW"},
                         json={"values": [HEADER]}).json()  # fmt: skip
    assert "tableRange" not in body
    assert body["updates"]["updatedRange"] == "leads!A1:D1"


def test_append_after_blank_row_lands_in_the_middle_and_shifts_rows(fake, gc):
    leads_with_gap(fake)
    ws = gc.open_by_key(SID).worksheet("leads")
    res = ws.append_rows([[7, "Gus", "", "new"]], value_input_option="RAW", insert_data_option="INSERT_ROWS",
                         table_range="A1")  # fmt: skip
    assert res["tableRange"] == "leads!A1:D3"
    assert res["updates"]["updatedRange"] == "leads!A4:D4"  # row 4, not row 7
    rows = fake.values("leads")
    assert [r[0] if r else None for r in rows] == ["id", 1, 2, 7, None, 5, 6]  # 5 and 6 moved down


def test_append_overwrite_writes_over_rows_below(fake, rsps):
    leads_with_gap(fake)
    fake.edit_cell("leads", "A4", "note")  # the gap row now has something in column A
    fake.edit_cell("leads", "A4", "")  # ... and is blank again
    body = requests.post(values_url("leads!A1", ":append"),
                         params={"valueInputOption": "RAW", "insertDataOption": "OVERWRITE"},
                         json={"values": [[7, "Gus"], [8, "Hal"]]}).json()  # fmt: skip
    assert body["updates"]["updatedRange"] == "leads!A4:B5"
    rows = fake.values("leads")
    assert rows[3] == [7, "Gus"]
    assert rows[4] == [8, "Hal", "", "won"]  # Eve's id and name overwritten, the rest kept
    assert len(rows) == 6 and fake.sheet("leads").row_count == 1000


def test_append_finds_table_from_first_filled_cell_and_its_first_column(fake, rsps):
    fake.add_sheet("t", [["", "", ""], ["", "h1", "h2"], ["", "x", "y"]])
    body = requests.post(values_url("t", ":append"), params={"valueInputOption": "RAW"},
                         json={"values": [["a", "b"]]}).json()  # fmt: skip
    assert body["tableRange"] == "t!B2:C3"
    assert body["updates"]["updatedRange"] == "t!B4:C4"  # shifted right, like gspread #537


def test_append_needs_value_input_option(fake, rsps):
    fake.add_sheet("leads")
    r = requests.post(values_url("leads!A1", ":append"), json={"values": [[1]]})
    assert r.status_code == 400
    assert r.json()["error"]["status"] == "INVALID_ARGUMENT"
    assert fake.values("leads") == []


def test_append_includes_values_in_response(fake, rsps):
    fake.add_sheet("leads", [HEADER])
    body = requests.post(values_url("leads!A1", ":append"),
                         params={"valueInputOption": "USER_ENTERED", "includeValuesInResponse": "true",
                                 "responseValueRenderOption": "UNFORMATTED_VALUE"},
                         json={"values": [["7", "Gus"]]}).json()  # fmt: skip
    assert body["updates"]["updatedData"]["values"] == [[7, "Gus"]]


# -- RAW vs USER_ENTERED ---------------------------------------------------------------------

TYPED = ["+353871234567", "0871234567", '=HYPERLINK("x")', "6", "06/10/2025 10:00", "'007", "TRUE",
         "2025-10-06 10:00", "31/02/2025"]  # fmt: skip


def test_raw_stores_strings_exactly(fake, gc):
    fake.add_sheet("t")
    ws = gc.open_by_key(SID).worksheet("t")
    ws.update([TYPED], "A1", value_input_option="RAW")
    got = ws.get("A1:I1", value_render_option="UNFORMATTED_VALUE")
    assert list(got[0]) == TYPED
    assert fake.cell("t", 1, 3) == '=HYPERLINK("x")'


def test_user_entered_parses_like_typing(fake, gc):
    fake.add_sheet("t")
    ws = gc.open_by_key(SID).worksheet("t")
    ws.update([TYPED], "A1", value_input_option="USER_ENTERED")
    got = ws.get("A1:I1", value_render_option="UNFORMATTED_VALUE")[0]
    assert got[:4] == [353871234567, 871234567, '=HYPERLINK("x")', 6]
    assert got[4] == pytest.approx(45936 + 10 / 24)  # day first (en_IE): 6 October
    assert got[5:7] == ["007", True]
    assert got[7] == pytest.approx(got[4])
    assert got[8] == "31/02/2025"  # not a date: stays text
    formatted = ws.get("A1:I1")[0]
    assert formatted[:2] == ["353871234567", "871234567"] and formatted[4] == "06/10/2025 10:00:00"


def test_put_null_leaves_cell_and_empty_string_clears(fake, rsps):
    fake.add_sheet("t", [["a", "b", "c"]])
    body = requests.put(values_url("t!A1:C1"), params={"valueInputOption": "RAW"},
                        json={"range": "t!A1:C1", "majorDimension": "ROWS", "values": [["x", None, ""]]}).json()  # fmt: skip
    assert body == {"spreadsheetId": SID, "updatedRange": "t!A1:C1", "updatedRows": 1, "updatedColumns": 3,
                    "updatedCells": 2}  # fmt: skip
    assert fake.values("t") == [["x", "b"]]


def test_put_outside_its_range_or_the_grid_is_refused(fake, rsps):
    fake.add_sheet("t", row_count=3)
    r = requests.put(values_url("t!A1:B1"), params={"valueInputOption": "RAW"}, json={"values": [[1], [2]]})
    assert r.status_code == 400 and "tried writing to row [2]" in r.json()["error"]["message"]
    r = requests.put(values_url("t!A3"), params={"valueInputOption": "RAW"}, json={"values": [[1], [2]]})
    assert r.status_code == 400 and "exceeds grid limits" in r.json()["error"]["message"]
    assert fake.values("t") == []


def test_values_batch_update_is_atomic(fake, gc):
    fake.add_sheet("t", [["a", "b"]])
    sh = gc.open_by_key(SID)
    res = sh.values_batch_update({"valueInputOption": "RAW", "data": [
        {"range": "t!A2", "values": [["x", "y"]]}, {"range": "Sheet1!B2:B3", "values": [[1], [2]]}]})  # fmt: skip
    assert res["totalUpdatedCells"] == 4 and res["totalUpdatedRows"] == 3 and res["totalUpdatedSheets"] == 2
    assert [r["updatedRange"] for r in res["responses"]] == ["t!A2:B2", "Sheet1!B2:B3"]
    with pytest.raises(gspread.exceptions.APIError) as err:
        sh.values_batch_update({"valueInputOption": "RAW", "data": [
            {"range": "t!A3", "values": [["lost"]]}, {"range": "missing!A1", "values": [["z"]]}]})  # fmt: skip
    assert err.value.code == 400
    assert fake.values("t") == [["a", "b"], ["x", "y"]]


def test_clear_and_batch_clear(fake, gc):
    fake.add_sheet("t", [["a", "b"], ["c", "d"]])
    sh = gc.open_by_key(SID)
    assert sh.values_clear("t!B1:B2")["clearedRange"] == "t!B1:B2"
    assert fake.values("t") == [["a"], ["c"]]
    assert sh.values_batch_clear(body={"ranges": ["t"]})["clearedRanges"] == ["t!A1:Z1000"]
    assert fake.values("t") == []


# -- faults -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fault, status, message",
    [
        ("429", "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Read requests'"),
        ("500", "INTERNAL", "Internal error encountered."),
        ("503", "UNAVAILABLE", "The service is currently unavailable."),
    ],
)
def test_error_faults_use_google_error_shape(fake, gc, fault, status, message):
    fake.add_sheet("t", [["a"]])
    sh = gc.open_by_key(SID)
    fake.fail_next("batchGet", fault)
    with pytest.raises(gspread.exceptions.APIError) as err:
        sh.values_batch_get(["t"])
    assert err.value.code == int(fault) == err.value.response.status_code
    assert err.value.error["status"] == status and err.value.error["message"].startswith(message)
    assert set(err.value.response.json()) == {"error"}
    assert sh.values_batch_get(["t"])["valueRanges"][0]["values"] == [["a"]]  # one time only


def test_429_on_writes_names_write_quota(fake, rsps):
    fake.fail_next("write", "429")
    r = requests.post(values_url("Sheet1!A1", ":append"), params={"valueInputOption": "RAW"}, json={"values": [[1]]})
    error = r.json()["error"]
    assert r.status_code == 429 and error["code"] == 429
    assert "'Write requests'" in error["message"]
    assert error["details"][0]["reason"] == "RATE_LIMIT_EXCEEDED"
    assert fake.values("Sheet1") == []


def test_timeout_is_not_applied(fake, gc):
    ws = gc.open_by_key(SID).sheet1
    fake.fail_next("append", "timeout")
    with pytest.raises(requests.exceptions.ReadTimeout):
        ws.append_rows([["a"]], value_input_option="RAW", insert_data_option="INSERT_ROWS", table_range="A1")
    assert fake.values("Sheet1") == []


@pytest.mark.parametrize("fault", ["timeout_after_apply", "lost_append"])
def test_lost_answer_was_applied(fake, gc, fault):
    ws = gc.open_by_key(SID).sheet1
    fake.fail_next("append", fault)
    with pytest.raises(requests.exceptions.ReadTimeout):
        ws.append_rows([["a", "key-1"]], value_input_option="RAW", insert_data_option="INSERT_ROWS",
                       table_range="A1")  # fmt: skip
    assert fake.values("Sheet1") == [["a", "key-1"]]  # it landed
    assert fake.calls[-1].fault == fault


def test_fault_matchers_and_times(fake, rsps):
    fake.fail_next("update", "503", times=2)
    fake.fail_next(lambda call: call.op == "get" and "Sheet1" in call.path, "500")
    put = lambda: requests.put(values_url("Sheet1!A1"), params={"valueInputOption": "RAW"}, json={"values": [[1]]})  # noqa: E731
    assert [put().status_code for _ in range(3)] == [503, 503, 200]
    assert requests.get(values_url("Sheet1")).status_code == 500
    assert requests.get(values_url("Sheet1")).status_code == 200
    with pytest.raises(ValueError):
        fake.fail_next("append", "418")
    with pytest.raises(ValueError):
        fake.fail_next("appendRows", "500")


def test_calls_are_counted(fake, gc):
    fake.add_sheet("t", [["a"]])  # helpers are not calls
    sh = gc.open_by_key(SID)
    fake.fail_next("any", "429")
    with pytest.raises(gspread.exceptions.APIError):
        sh.values_batch_get(["t"])
    sh.values_batch_get(["t"])
    sh.values_append("t!A1", {"valueInputOption": "RAW"}, {"values": [["b"]]})
    sh.batch_update({"requests": [{"appendDimension": {"sheetId": 0, "dimension": "ROWS", "length": 5}}]})
    assert [(c.kind, c.op) for c in fake.calls] == [
        ("read", "metadata"), ("read", "batchGet"), ("read", "batchGet"), ("write", "append"), ("write", "batchUpdate")]  # fmt: skip
    assert (fake.reads, fake.writes) == (3, 2)
    assert fake.calls[1].fault == "429"
    fake.reset_calls()
    assert (fake.calls, fake.reads, fake.writes) == ([], 0, 0)


def test_latency_is_added_to_each_call():
    slow = FakeSheets("slow", latency_seconds=0.05)
    with responses.RequestsMock() as mock:
        slow.install(mock, "http://slow.invalid")
        start = time.perf_counter()
        assert requests.get("http://slow.invalid/v4/spreadsheets/slow").status_code == 200
        assert time.perf_counter() - start >= 0.05


# -- spreadsheets:batchUpdate ------------------------------------------------------------------


def test_batch_update_sets_up_tabs(fake, gc):
    sh = gc.open_by_key(SID)
    res = sh.batch_update({"requests": [
        {"addSheet": {"properties": {"title": "leads", "gridProperties": {"rowCount": 100, "columnCount": 12}}}},
    ]})  # fmt: skip
    props = res["replies"][0]["addSheet"]["properties"]
    assert props["title"] == "leads" and props["index"] == 1 and props["sheetType"] == "GRID"
    assert props["gridProperties"] == {"rowCount": 100, "columnCount": 12}
    leads_id = props["sheetId"]
    rule = {"condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "new"}, {"userEnteredValue": "won"}]},
            "strict": True, "showCustomUi": True}  # fmt: skip
    res = sh.batch_update({"requests": [
        {"updateSheetProperties": {"properties": {"sheetId": leads_id, "gridProperties": {"frozenRowCount": 1}},
                                   "fields": "gridProperties.frozenRowCount"}},
        {"setDataValidation": {"range": {"sheetId": leads_id, "startRowIndex": 1, "startColumnIndex": 8,
                                         "endColumnIndex": 9}, "rule": rule}},
        {"addProtectedRange": {"protectedRange": {"range": {"sheetId": leads_id, "startColumnIndex": 0,
                                                            "endColumnIndex": 1}, "warningOnly": True}}},
    ]})  # fmt: skip
    assert res["replies"][:2] == [{}, {}]
    assert res["replies"][2]["addProtectedRange"]["protectedRange"]["warningOnly"] is True
    tab = fake.sheet("leads")
    assert tab.frozen_row_count == 1 and tab.data_validation[0]["rule"] == rule
    meta = sh.fetch_sheet_metadata()
    leads_meta = meta["sheets"][1]
    assert leads_meta["properties"]["gridProperties"]["frozenRowCount"] == 1
    assert leads_meta["protectedRanges"][0]["warningOnly"] is True
    sh.batch_update({"requests": [{"updateSheetProperties": {"properties": {"sheetId": leads_id, "title": "Leads 2"},
                                                             "fields": "title"}}]})  # fmt: skip
    assert fake.titles == ["Sheet1", "Leads 2"]
    sh.batch_update({"requests": [{"deleteSheet": {"sheetId": leads_id}}]})
    assert fake.titles == ["Sheet1"]


def test_batch_update_is_atomic(fake, gc):
    sh = gc.open_by_key(SID)
    with pytest.raises(gspread.exceptions.APIError) as err:
        sh.batch_update({"requests": [
            {"addSheet": {"properties": {"title": "leads"}}},
            {"addSheet": {"properties": {"title": "LEADS"}}},  # names are case-insensitive
        ]})  # fmt: skip
    assert err.value.code == 400 and err.value.error["status"] == "INVALID_ARGUMENT"
    assert err.value.error["message"].startswith("Invalid requests[1].addSheet: A sheet with the name")
    assert fake.titles == ["Sheet1"]
    for bad in ({"deleteSheet": {"sheetId": 0}}, {"frobnicate": {}},
                {"updateSheetProperties": {"properties": {"sheetId": 99, "title": "x"}, "fields": "title"}}):  # fmt: skip
        with pytest.raises(gspread.exceptions.APIError):
            sh.batch_update({"requests": [bad]})
    assert fake.titles == ["Sheet1"]


def test_dimension_and_sort_requests(fake, gc):
    fake.add_sheet("t", [["id", "n"], [3, "c"], [1, "a"], ["", "blank"], [2, "b"]])
    sid = gc.open_by_key(SID).worksheet("t").id
    sh = gc.open_by_key(SID)
    sh.batch_update({"requests": [{"sortRange": {
        "range": {"sheetId": sid, "startRowIndex": 1}, "sortSpecs": [{"dimensionIndex": 0, "sortOrder": "ASCENDING"}]}}]})  # fmt: skip
    assert fake.values("t") == [["id", "n"], [1, "a"], [2, "b"], [3, "c"], ["", "blank"]]
    sh.batch_update({"requests": [
        {"insertDimension": {"range": {"sheetId": sid, "dimension": "ROWS", "startIndex": 1, "endIndex": 3}}},
        {"deleteDimension": {"range": {"sheetId": sid, "dimension": "ROWS", "startIndex": 5, "endIndex": 6}}},
    ]})  # fmt: skip
    assert fake.values("t") == [["id", "n"], [], [], [1, "a"], [2, "b"], ["", "blank"]]
    assert fake.sheet("t").row_count == 1001


# -- helpers acting as a person -------------------------------------------------------------


def test_person_helpers_insert_sort_and_edit(fake, gc):
    fake.add_sheet("slots", [["id", "capacity"], [2, 6], [1, 4], [3, 8]])
    fake.insert_rows("slots", 2, 1)
    assert fake.values("slots") == [["id", "capacity"], [], [2, 6], [1, 4], [3, 8]]
    fake.delete_rows("slots", 2)
    fake.sort_rows("slots", 0)
    assert fake.values("slots") == [["id", "capacity"], [1, 4], [2, 6], [3, 8]]
    fake.sort_rows("slots", "B", descending=True)
    assert [r[0] for r in fake.values("slots")] == ["id", 3, 2, 1]
    fake.edit_cell("slots", (2, 2), "10")  # typed: becomes a number
    fake.edit_cell("slots", "B3", "7", value_input="RAW")  # stays text
    assert fake.cell("slots", 2, 2) == 10 and fake.cell("slots", 3, 2) == "7"
    fake.set_rows("slots", [["id"], ["5"]])
    assert fake.values("slots") == [["id"], [5]]
    assert fake.reads == fake.writes == 0
    got = gc.open_by_key(SID).values_get("slots", params={"valueRenderOption": "UNFORMATTED_VALUE"})
    assert got["values"] == [["id"], [5]]


# -- over real HTTP ------------------------------------------------------------------------------


def test_wsgi_server_answers_over_http():
    fake = FakeSheets(SID)
    fake.add_sheet("leads", [HEADER])
    server, base_url = serve(fake)
    try:
        assert base_url.startswith("http://127.0.0.1:")
        ws = make_client(base_url).open_by_key(SID).worksheet("leads")
        res = ws.append_rows([[1, "Ann", "+353871234567", "new"]], value_input_option="RAW",
                             insert_data_option="INSERT_ROWS", table_range="A1")  # fmt: skip
        assert res["updates"]["updatedRange"] == "leads!A2:D2"
        got = requests.get(values_url("leads!A1:D", base=base_url), params={"valueRenderOption": "UNFORMATTED_VALUE"})
        assert got.json()["values"][1] == [1, "Ann", "+353871234567", "new"]

        def append(n: int) -> None:
            requests.post(values_url("leads!A1", ":append", base=base_url),
                          params={"valueInputOption": "RAW", "insertDataOption": "INSERT_ROWS"},
                          json={"values": [[n + 10, f"caller {n}"]]}, timeout=5)  # fmt: skip

        threads = [threading.Thread(target=append, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(r[0] for r in fake.values("leads")[2:]) == list(range(10, 18))  # none lost

        fake.fail_next("append", "lost_append")
        with pytest.raises(requests.exceptions.ConnectionError):  # the connection drops, no answer
            append(99)
        assert fake.values("leads")[-1] == [109, "caller 99"]
        r = requests.get(f"{base_url}/v4/spreadsheets/other")
        assert r.status_code == 404 and r.json()["error"]["status"] == "NOT_FOUND"
    finally:
        server.shutdown()
        server.server_close()
