"""`sheets check` on a messy sheet: every planted problem, and nothing else."""

from __future__ import annotations

import pytest

from tests.conftest import AUTH

MESSY_SHEET = {
    "groups": [["id", "name"], [1, "Galway Lettings"]],
    "listings": [
        ["id", "group_id", "title", "address", "active"],           # no postcode column
        [42, 1, "Oakview 2B", "12 Oakview Road", "TRUE"],
        [43, 9, "Orphan Flat", "1 Nowhere", "TRUE"],                 # group 9 is missing
        [44, 1, "Maybe Flat", "2 Somewhere", "maybe"],               # not TRUE/FALSE
        ["", 1, "No id", "3 Somewhere"],                             # id missing
    ],
    "call_logs": [
        ["id", "group_id", "phone_e164", "started_at", "notes"],
        [5, 1, "+353871234567", "2025-10-01 08:00", "first"],
        [5, 1, "+353871234568", "2025-10-01 08:05", "second"],       # duplicate id
    ],
    "viewing_slots": [
        ["id", "listing_id", "mode", "start_at", "end_at", "interval_minutes", "capacity",
         "status", "notes"],
        [17, 42, "staggered", "2025-10-06 10:00", "2025-10-06 10:30", 10, 6, "open"],
        [18, 42, "zigzag", "2025-10-06 11:00", "2025-10-06 11:30", 10, 6, "open"],
        [19, 42, "staggered", "someday", "", 10, 6, "open"],
        [20, 42, "staggered", "2025-10-06 10:00", "2025-10-06 09:00", 10, 2, "open"],
        [21, 99, "open", "2025-10-06 12:00", "", "", 4, "open"],   # listing 99 is missing
        [22, 42, "staggered", "2025-10-06 13:00", "2025-10-06 13:30", "", 4, "open"],
        [23, 42, "open", "2025-10-06 14:00", "", "", 1, "open"],    # 2 booked below
        [24, 42, "open", "2025-10-06 15:00", "", "", "lots", "open"],
        [25, 42, "open", "2025-10-06 16:00", "", "", 3, "paused"],
    ],
    "leads": [
        ["id", "group_id", "listing_id", "call_log_id", "name", "phone_e164", "email", "notes",
         "status", "created_at", "updated_at", "request_key"],
        [1, 1, 42, "", "Ann", "+353871234567", "", "", "hot", "", "", "k1"],
        [2, 7, "", "", "Bob", "+353871234568", "", "", "new", "", "", "k2"],
        [3, 1, 77, "", "Cat", "+353871234569", "", "", "new", "", "", "k3"],
        [4, 1, "", 99, "Dan", "+353871234570", "", "", "new", "", "", "k4"],
    ],
    "appointments": [
        ["id", "viewing_slot_id", "listing_id", "lead_id", "name", "phone", "email",
         "scheduled_at", "status", "created_at", "updated_at", "request_key"],
        [300, 17, 42, "", "Eve", "+353861000300", "", "2025-10-06 10:00", "booked", "", "", "a0"],
        [301, 55, 42, "", "Fay", "+353861000301", "", "2025-10-06 10:00", "booked", "", "", "a1"],
        [302, 23, 42, "", "Gus", "+353861000302", "", "2025-10-06 14:00", "booked", "", "", "a2"],
        [303, 23, 42, "", "Hal", "+353861000303", "", "2025-10-06 14:00", "booked", "", "", "a3"],
        [304, 17, 42, 999, "Ivy", "+353861000304", "", "2025-10-06 10:10", "booked", "", "", "a4"],
        [305, 17, 42, "", "Jo", "+353861000305", "", "2025-10-06 10:20", "no-show", "", "", "a5"],
        [306, 17, 42, "", "Kim", "+353861000306", "", "tomorrow", "cancelled", "", "", "a6"],
    ],
}

EXPECTED = """\
listings, row 1, postcode: the column is missing from the header row
listings, row 3, group_id: there is no group 9 (9)
listings, row 4, active: expected TRUE or FALSE ('maybe')
listings, row 5, id: is required
call_logs, row 2, id: id 5 is on rows 2, 3 (5)
call_logs, row 3, id: id 5 is on rows 2, 3 (5)
viewing_slots, row 3, mode: expected one of staggered, open ('zigzag')
viewing_slots, row 4, start_at: expected a date and time such as 2025-10-06 10:00 or 06/10/2025 10:00 ('someday')
viewing_slots, row 5, end_at: ends before it starts ('2025-10-06 09:00')
viewing_slots, row 6, listing_id: there is no listing 99 (99)
viewing_slots, row 7, interval_minutes: a staggered slot needs an interval of 1 to 1440 minutes
viewing_slots, row 8, capacity: 1 places but 2 booked (1)
viewing_slots, row 9, capacity: expected a whole number ('lots')
viewing_slots, row 10, status: expected one of open, closed ('paused')
leads, row 2, status: expected one of new, contacted, qualified, waitlist, rejected ('hot')
leads, row 3, group_id: there is no group 7 (7)
leads, row 4, listing_id: there is no listing 77 (77)
leads, row 5, call_log_id: there is no call log 99 (99)
appointments, row 3, viewing_slot_id: there is no slot 55 (55)
appointments, row 6, lead_id: there is no lead 999 (999)
appointments, row 7, status: expected booked or cancelled; counted as booked ('no-show')
appointments, row 8, scheduled_at: expected a date and time such as 2025-10-06 10:00 or 06/10/2025 10:00 ('tomorrow')
"""


@pytest.fixture(autouse=True)
def messy(sheet):
    for tab, rows in MESSY_SHEET.items():
        sheet.put_tab(tab, rows)


def test_check_lists_every_planted_problem_and_nothing_else(app):
    result = app.test_cli_runner().invoke(args=["sheets", "check"])
    assert result.output == EXPECTED + "22 problem(s).\n"
    assert result.exit_code == 1


def test_the_api_lists_the_same_problems(client):
    body = client.get("/api/sheet/problems", headers=AUTH).json
    assert body["count"] == 22
    assert "".join(item["text"] + "\n" for item in body["problems"]) == EXPECTED
    assert body["problems"][1] == {
        "tab": "listings", "row": 3, "column": "group_id", "problem": "there is no group 9",
        "value": 9, "text": "listings, row 3, group_id: there is no group 9 (9)"}
    assert client.get("/healthz").json["sheet_problems"] == 22


def test_the_api_keeps_serving_the_good_rows(client):
    # Slot 17 has 10:00, 10:10 and 10:20 taken once each ("no-show" counts as booked).
    offer = client.get("/api/appointments/next?listing_id=42", headers=AUTH).json
    assert (offer["slot_id"], offer["scheduled_at"], offer["booked"]) == (
        17, "2025-10-06T10:00:00+00:00", 3)
    booked = client.post("/api/appointments", headers=AUTH,
                         json={"viewing_slot_id": 17, "phone": "0861234567"})
    assert (booked.status_code, booked.json["scheduled_at"]) == (201, "2025-10-06T10:00:00+00:00")
    assert booked.json["slot"]["remaining"] == 2


def test_a_clean_sheet_passes(app, sheet):
    for tab, rows in MESSY_SHEET.items():
        sheet.put_tab(tab, [rows[0] + (["postcode"] if tab == "listings" else [])])
    result = app.test_cli_runner().invoke(args=["sheets", "check"])
    assert (result.output, result.exit_code) == ("No problems found.\n", 0)
