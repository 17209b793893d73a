"""The naive baseline: the same routes written the way a typical gspread tutorial does.

Deliberately plain, and deliberately NOT how sheetsapi works: per request it opens the
spreadsheet (`open_by_key`, one metadata call) and each worksheet by name (another
metadata call each), reads whole tabs with `get_all_records()` to find slots, count
bookings and pick `max(id) + 1`, appends with `append_row(values)` and its defaults,
and changes cells with `update_cell` (USER_ENTERED, gspread's default). No cache, no
lock, no retries. Response shapes follow the customer's spec as near as is reasonable.

Served by the bench with the project's gunicorn settings:
    SPREADSHEET_ID=... SHEETS_API_URL=http://127.0.0.1:PORT API_TOKEN=... \
        .venv/bin/python -m gunicorn --config gunicorn.conf.py bench.naive_app:app
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import gspread
from flask import Flask, jsonify, request
from google.auth.credentials import AnonymousCredentials
from gspread.http_client import HTTPClient

SPREADSHEET_ID = os.environ["SPREADSHEET_ID"]
API_TOKEN = os.environ.get("API_TOKEN", "")
TZ = ZoneInfo(os.environ.get("TIMEZONE", "Europe/Dublin"))
GOOGLE = "https://sheets.googleapis.com"

LEAD_COLUMNS = ["id", "group_id", "listing_id", "call_log_id", "name", "phone_e164", "email",
                "notes", "status", "created_at", "updated_at", "request_key"]
APPOINTMENT_COLUMNS = ["id", "viewing_slot_id", "listing_id", "lead_id", "name", "phone", "email",
                       "scheduled_at", "status", "created_at", "updated_at", "request_key"]


class FakeURLClient(HTTPClient):
    """Send gspread's calls to SHEETS_API_URL (the bench's fake) instead of Google."""

    def request(self, method, endpoint, *args, **kwargs):
        base = os.environ.get("SHEETS_API_URL")
        if base and endpoint.startswith(GOOGLE):
            endpoint = base.rstrip("/") + endpoint[len(GOOGLE):]
        return super().request(method, endpoint, *args, **kwargs)


gc = gspread.Client(auth=AnonymousCredentials(), http_client=FakeURLClient)
app = Flask(__name__)


def open_sheet():
    return gc.open_by_key(SPREADSHEET_ID)


def parse_time(value):
    text = str(value).strip()
    for fmt in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=TZ)
        except ValueError:
            pass
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=TZ)


def error(status, code, message):
    body = {"ok": False, "error": {"code": code, "message": message, "details": None}}
    return jsonify(body), status


@app.before_request
def check_token():
    token = request.headers.get("Authorization")
    if request.path.startswith("/api/") and token != f"Bearer {API_TOKEN}":
        return error(401, "unauthorized", "Missing or wrong token.")
    return None


@app.get("/healthz")
def healthz():
    return {"ok": True}


def column(name):
    return APPOINTMENT_COLUMNS.index(name) + 1


def find_listing(sh, listing_id):
    return next(l for l in sh.worksheet("listings").get_all_records() if l["id"] == listing_id)


def listing_json(listing):
    return {"id": listing["id"], "title": listing["title"], "address": listing["address"],
            "postcode": str(listing["postcode"])}


def booked_count(appointments, slot_id):
    return sum(1 for a in appointments
               if a["viewing_slot_id"] == slot_id and a["status"] == "booked")


def arrival(slot, booked):
    start = parse_time(slot["start_at"])
    if slot["mode"] == "staggered" and slot["interval_minutes"]:
        return start + timedelta(minutes=int(slot["interval_minutes"]) * booked)
    return start


def slot_json(slot, booked, listing):
    return {"id": slot["id"], "mode": slot["mode"],
            "start_at": parse_time(slot["start_at"]).isoformat(),
            "interval_minutes": slot["interval_minutes"] or None, "capacity": slot["capacity"],
            "booked": booked, "remaining": slot["capacity"] - booked,
            "listing": listing_json(listing)}


def appointment_json(row, slot, booked, listing):
    return {"id": row["id"], "slot_id": row["viewing_slot_id"],
            "viewing_slot_id": row["viewing_slot_id"],
            "listing_id": row["listing_id"], "name": row["name"], "phone": row["phone"],
            "email": row["email"], "scheduled_at": row["scheduled_at"], "status": row["status"],
            "slot": slot_json(slot, booked, listing)}


@app.get("/api/appointments/next")
def next_slot():
    listing_id = int(request.args["listing_id"])
    sh = open_sheet()
    listings = sh.worksheet("listings").get_all_records()
    listing = next((l for l in listings if l["id"] == listing_id), None)
    if listing is None:
        return error(404, "listing_not_found", f"There is no listing {listing_id}.")
    slots = sh.worksheet("viewing_slots").get_all_records()
    appointments = sh.worksheet("appointments").get_all_records()
    soon = datetime.now(TZ) + timedelta(minutes=30)
    mine = [s for s in slots if s["listing_id"] == listing_id and s["status"] in ("", "open")
            and parse_time(s["start_at"]) >= soon]
    for slot in sorted(mine, key=lambda s: parse_time(s["start_at"])):
        booked = booked_count(appointments, slot["id"])
        if booked < slot["capacity"]:
            end = parse_time(slot["end_at"]) if slot["end_at"] else None
            return {"slot_id": slot["id"], "viewing_slot_id": slot["id"], "mode": slot["mode"],
                    "interval_minutes": slot["interval_minutes"] or None,
                    "scheduled_at": arrival(slot, booked).isoformat(),
                    "available_from": parse_time(slot["start_at"]).isoformat(),
                    "available_until": end.isoformat() if end else None,
                    "capacity": slot["capacity"], "booked": booked,
                    "remaining": slot["capacity"] - booked, "listing": listing_json(listing)}
    return error(404, "no_available_slot", f"Listing {listing_id} has no viewing slot free.")


@app.post("/api/leads")
def create_lead():
    body = request.get_json()
    sh = open_sheet()
    groups = sh.worksheet("groups").get_all_records()
    if not any(g["id"] == body["group_id"] for g in groups):
        return error(422, "invalid_field", "Unknown group_id.")
    ws = sh.worksheet("leads")
    rows = ws.get_all_records()
    new_id = max((r["id"] for r in rows if r["id"] != ""), default=0) + 1
    now = datetime.now(TZ).isoformat(timespec="seconds")
    values = {**body, "id": new_id, "status": body.get("status") or "new",
              "created_at": now, "updated_at": now}
    ws.append_row([values.get(column) or "" for column in LEAD_COLUMNS])
    return {"ok": True, "id": new_id}, 201


@app.post("/api/appointments")
def book():
    body = request.get_json()
    sh = open_sheet()
    slots = sh.worksheet("viewing_slots").get_all_records()
    slot = next((s for s in slots if s["id"] == body["viewing_slot_id"]), None)
    if slot is None:
        return error(404, "slot_not_found", "There is no such slot.")
    ws = sh.worksheet("appointments")
    appointments = ws.get_all_records()
    listing = find_listing(sh, slot["listing_id"])
    for a in appointments:
        same_slot = a["viewing_slot_id"] == slot["id"] and a["status"] == "booked"
        if same_slot and str(a["phone"]) == body["phone"]:
            return appointment_json(a, slot, booked_count(appointments, slot["id"]), listing), 200
    booked = booked_count(appointments, slot["id"])
    if booked >= slot["capacity"]:
        return error(409, "slot_full", "That viewing is full.")
    now = datetime.now(TZ).isoformat(timespec="seconds")
    row = {"id": max((a["id"] for a in appointments if a["id"] != ""), default=0) + 1,
           "viewing_slot_id": slot["id"], "listing_id": slot["listing_id"], "lead_id": "",
           "name": body.get("name", ""), "phone": body["phone"], "email": body.get("email", ""),
           "scheduled_at": arrival(slot, booked).isoformat(), "status": "booked",
           "created_at": now, "updated_at": now, "request_key": ""}
    ws.append_row([row[column] for column in APPOINTMENT_COLUMNS])
    return appointment_json(row, slot, booked + 1, listing), 201


def find_appointment(appointments, appointment_id):
    for number, row in enumerate(appointments, start=2):
        if row["id"] == appointment_id:
            return number, row
    return None, None


@app.patch("/api/appointments/<int:appointment_id>")
def move(appointment_id):
    body = request.get_json()
    sh = open_sheet()
    ws = sh.worksheet("appointments")
    appointments = ws.get_all_records()
    number, row = find_appointment(appointments, appointment_id)
    if row is None:
        return error(404, "appointment_not_found", "There is no such appointment.")
    slots = sh.worksheet("viewing_slots").get_all_records()
    wanted = body.get("viewing_slot_id", row["viewing_slot_id"])
    slot = next((s for s in slots if s["id"] == wanted), None)
    if slot is None:
        return error(404, "slot_not_found", "There is no such slot.")
    booked = booked_count(appointments, slot["id"])
    if slot["id"] != row["viewing_slot_id"]:
        if booked >= slot["capacity"]:
            return error(409, "slot_full", "That viewing is full.")
        scheduled = arrival(slot, booked).isoformat()
        ws.update_cell(number, column("viewing_slot_id"), slot["id"])
        if slot["listing_id"] != row["listing_id"]:
            ws.update_cell(number, column("listing_id"), slot["listing_id"])
        ws.update_cell(number, column("scheduled_at"), scheduled)
        row.update(viewing_slot_id=slot["id"], listing_id=slot["listing_id"],
                   scheduled_at=scheduled)
        booked += 1
    for field in ("name", "phone", "email"):
        if field in body:
            ws.update_cell(number, column(field), body[field])
            row[field] = body[field]
    ws.update_cell(number, column("updated_at"), datetime.now(TZ).isoformat())
    listing = find_listing(sh, slot["listing_id"])
    return appointment_json(row, slot, booked, listing)


@app.delete("/api/appointments/<int:appointment_id>")
def cancel(appointment_id):
    sh = open_sheet()
    ws = sh.worksheet("appointments")
    appointments = ws.get_all_records()
    number, row = find_appointment(appointments, appointment_id)
    if row is None:
        return error(404, "appointment_not_found", "There is no such appointment.")
    if row["status"] != "cancelled":
        ws.update_cell(number, column("status"), "cancelled")
        ws.update_cell(number, column("updated_at"), datetime.now(TZ).isoformat())
        row["status"] = "cancelled"
    slots = sh.worksheet("viewing_slots").get_all_records()
    slot = next(s for s in slots if s["id"] == row["viewing_slot_id"])
    listing = find_listing(sh, slot["listing_id"])
    return appointment_json(row, slot, booked_count(appointments, slot["id"]), listing)
