"""The benchmark: `.venv/bin/python -m bench` (see bench/README.md and --help).

1. Google store: the project's Sheets fake (with a latency per call) behind this service
   under gunicorn, driven route by route: GET next, POST lead, POST booking, PATCH move,
   DELETE cancel. Per route: p50, p95 and the fake's API calls divided by requests.
2. The naive baseline (bench/naive_app.py) the same way, on a fresh fake with the same data.
3. The local store, pre-filled to 1,000 and 100,000 rows: req/s and p95 for GET next and
   POST lead after a warm-up.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Optional
from zoneinfo import ZoneInfo

from bench import report
from bench.load import Phase, Req, run_phase
from bench.procs import fake_sheets, gunicorn
from bench.seed import (
    BOOKING_PHONES, LEAD_PHONES, Office, fill_local_store, history_rows, office_rows, phone,
)

ROUTES = ("next", "lead", "book", "move", "cancel")
ROUTE_NAMES = {"next": "GET /api/appointments/next", "lead": "POST /api/leads",
               "book": "POST /api/appointments", "move": "PATCH /api/appointments/{id}",
               "cancel": "DELETE /api/appointments/{id}"}
SERVICE_APP = "app:app"
NAIVE_APP = "bench.naive_app:app"


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency-ms", type=float, default=150,
                        help="added to every Sheets API call (150)")
    parser.add_argument("--callers", type=int, default=8, help="concurrent callers (8)")
    parser.add_argument("--requests", type=int, default=40,
                        help="requests per route, Google runs (40)")
    parser.add_argument("--local-requests", type=int, default=400,
                        help="requests per route, local store runs (400)")
    parser.add_argument("--local-rows", default="1000,100000",
                        help="lead + appointment rows of the local store runs (1000,100000)")
    parser.add_argument("--only", action="append", choices=("service", "naive", "local"),
                        help="run only these parts (repeatable; default all)")
    parser.add_argument("--max-seconds", type=float, default=280,
                        help="stop sending new requests after this long (280)")
    parser.add_argument("--timezone", default="Europe/Dublin")
    parser.add_argument("--seed", type=int, default=7, help="seed of the request plan (7)")
    parser.add_argument("--no-write", action="store_true",
                        help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    args.parts = args.only or ["service", "naive", "local"]
    args.local_rows = [int(part) for part in args.local_rows.split(",") if part.strip()]
    return args


# == request plans ==========================================================================
def plan_google(office: Office, args: argparse.Namespace) -> dict[str, list[Req]]:
    """The requests of the Google runs; the same list for the service and the naive app."""
    rng = random.Random(args.seed)
    n = args.requests
    plan: dict[str, list[Req]] = {}
    plan["next"] = [Req("GET", f"/api/appointments/next?listing_id={listing}")
                    for listing in rng.choices(office.active_listings, k=n)]
    plan["lead"] = [_lead_request(i, rng.choice(office.active_listings)) for i in range(n)]
    bookings = []
    for i in range(n):
        listing = rng.choice(office.active_listings)
        slot, target = rng.sample(office.future_slots[listing], 2)
        bookings.append(Req("POST", "/api/appointments", tag=target, body={
            "viewing_slot_id": slot, "name": f"Bench Viewer {i}", "phone": phone(BOOKING_PHONES, i),
            "email": f"bench.viewer{i}@example.com"}))
    plan["book"] = bookings
    # The mix: what live calls do at once, 2 x next : 1 x lead : 1 x booking, shuffled.
    mix = [Req("GET", f"/api/appointments/next?listing_id={listing}", tag="next")
           for listing in rng.choices(office.active_listings, k=n // 2)]
    mix += [_lead_request(i, rng.choice(office.active_listings), 500_000, tag="lead")
            for i in range(n // 4)]
    for i in range(n - len(mix)):
        listing = rng.choice(office.active_listings)
        mix.append(Req("POST", "/api/appointments", tag="book", body={
            "viewing_slot_id": rng.choice(office.future_slots[listing]), "name": f"Mix Viewer {i}",
            "phone": phone(BOOKING_PHONES, 500_000 + i), "email": f"mix.viewer{i}@example.com"}))
    rng.shuffle(mix)
    plan["mix"] = mix
    return plan


def split_mix(mix: Phase) -> dict[str, Phase]:
    """The mix phase's results per route (same wall time; calls only on the whole)."""
    parts = {"mix": mix}
    for route in ("next", "lead", "book"):
        results = [result for result in mix.results if result.req.tag == route]
        parts[f"mix {route}"] = Phase(f"mix {route}", results, mix.wall)
    return parts


def _lead_request(i: int, listing: int, number_base: int = 0, tag: str | None = None) -> Req:
    return Req("POST", "/api/leads", tag=tag, body={
        "group_id": 1, "listing_id": listing, "name": f"Bench Caller {i}",
        "phone_e164": phone(LEAD_PHONES, number_base + i), "email": f"bench.caller{i}@example.com",
        "notes": "Asked about a 2-bed; works from home.", "status": "new"})


def booked_ids(phase: Phase) -> list[tuple[int, int]]:
    """(appointment id, move target slot) of each booking that succeeded."""
    return [(r.body["id"], r.req.tag) for r in phase.results
            if r.status in (200, 201) and isinstance(r.body, dict) and "id" in r.body]


# == the runs ===============================================================================
def google_run(label: str, app: str, office: Office, args: argparse.Namespace, tmp: Path,
               deadline: float, log) -> dict:
    """One app against a fresh fake holding `office`; phases in ROUTES order."""
    plan = plan_google(office, args)
    phases: dict[str, Phase] = {}
    with ExitStack() as stack:
        fake, url = stack.enter_context(fake_sheets(office, args.latency_ms / 1000))
        data_dir = tmp / label
        data_dir.mkdir()
        env = {"SPREADSHEET_ID": fake.spreadsheet_id, "SHEETS_API_URL": url,
               "TIMEZONE": args.timezone, "DATA_DIR": str(data_dir)}
        base, ready = stack.enter_context(gunicorn(app, env, tmp / f"{label}.log"))
        log(f"  {label}: ready in {ready:.1f} s ({len(fake.calls)} Sheets calls to start)")
        counters = {"count_calls": lambda: (fake.reads, fake.writes),
                    "reset_calls": fake.reset_calls}
        # Warm-up, not measured: the first GET next of each app (the service fills its cache).
        run_phase("warm-up", base, plan["next"][:1], 1, deadline)
        for route in ROUTES:
            if route == "move":
                reqs = [Req("PATCH", f"/api/appointments/{ident}", {"viewing_slot_id": target})
                        for ident, target in booked_ids(phases["book"])]
            elif route == "cancel":
                reqs = [Req("DELETE", f"/api/appointments/{ident}")
                        for ident, _ in booked_ids(phases["book"])]
            else:
                reqs = plan[route]
            phases[route] = run_phase(route, base, reqs, args.callers, deadline, **counters)
            log(f"  {label} {route:6}: {phases[route].statuses()}  {phases[route].wall:.1f} s")
        mix = run_phase("mix", base, plan["mix"], args.callers, deadline, **counters)
        log(f"  {label} mix   : {mix.statuses()}  {mix.wall:.1f} s")
        phases |= split_mix(mix)
        integrity = check_sheet(fake)
    return {"phases": phases, "ready": ready, "integrity": integrity}


def check_sheet(fake) -> dict:
    """What the sheet holds after a run: duplicate ids, overbooked slots."""
    def records(tab: str) -> list[dict]:
        values = fake.values(tab)
        header = values[0]
        return [dict(zip(header, row)) for row in values[1:] if row]

    result = {}
    for tab in ("leads", "appointments"):
        ids = Counter(row.get("id") for row in records(tab))
        result[f"{tab}_rows"] = sum(ids.values())
        result[f"{tab}_duplicate_ids"] = sum(count - 1 for count in ids.values() if count > 1)
    capacity = {row["id"]: row.get("capacity") for row in records("viewing_slots")}
    booked = Counter(row.get("viewing_slot_id") for row in records("appointments")
                     if row.get("status") == "booked")
    result["overbooked_slots"] = sum(
        1 for slot, count in booked.items()
        if isinstance(capacity.get(slot), (int, float)) and count > capacity[slot])
    return result


def local_run(rows: int, args: argparse.Namespace, tmp: Path, deadline: float, log) -> dict:
    """This service on the local store pre-filled to `rows` lead + appointment rows."""
    zone = ZoneInfo(args.timezone)
    office = history_rows(datetime.now(zone).date(), zone, rows)
    data_dir = tmp / f"local-{rows}"
    data_dir.mkdir()
    fill_local_store(data_dir, office)
    rng = random.Random(args.seed + rows)
    n = args.local_requests
    plans = {"next": [Req("GET", f"/api/appointments/next?listing_id={listing}")
                      for listing in rng.choices(office.active_listings, k=n)],
             "lead": [_lead_request(i, rng.choice(office.active_listings), 1_000_000)
                      for i in range(n)]}
    warm = {"next": [Req("GET", f"/api/appointments/next?listing_id={listing}")
                     for listing in office.active_listings],
            "lead": [_lead_request(i, 1, 2_000_000) for i in range(20)]}
    phases: dict[str, Phase] = {}
    with gunicorn(SERVICE_APP, {"TIMEZONE": args.timezone, "DATA_DIR": str(data_dir)},
                  tmp / f"local-{rows}.log") as (base, ready):
        log(f"  local {rows:,} rows: ready (first read of every row included) in {ready:.1f} s")
        for route in ("next", "lead"):
            run_phase("warm-up", base, warm[route], args.callers, deadline)
            phases[route] = run_phase(route, base, plans[route], args.callers, deadline)
            phase = phases[route]
            log(f"  local {rows:,} {route:4}: {phase.statuses()}  {phase.wall:.1f} s")
    return {"phases": phases, "ready": ready, "counts": office.counts()}


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    deadline = started + args.max_seconds
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind: stop what we started
    zone = ZoneInfo(args.timezone)
    today = datetime.now(zone).date()
    office = office_rows(today, zone)
    results: dict = {"google": {}, "local": {}}
    say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    say(f"bench: {args.callers} callers, {args.latency_ms:g} ms per Sheets call, "
        f"{args.requests} requests per route (Google), {args.local_requests} (local)")
    with tempfile.TemporaryDirectory(prefix="sheetsapi-bench-") as tmp:
        tmp_path = Path(tmp)
        if "service" in args.parts:
            results["google"]["sheetsapi"] = google_run(
                "sheetsapi", SERVICE_APP, office, args, tmp_path, deadline, say)
        if "naive" in args.parts:
            results["google"]["naive"] = google_run(
                "naive", NAIVE_APP, office, args, tmp_path, deadline, say)
        if "local" in args.parts:
            for rows in args.local_rows:
                results["local"][rows] = local_run(rows, args, tmp_path, deadline, say)
    wall = time.monotonic() - started
    facts = machine_facts()
    given = argv if argv is not None else sys.argv[1:]
    command = " ".join([".venv/bin/python -m bench", *given])
    text = report.render(results, args, office, facts, command, wall)
    print(text)
    if not args.no_write:
        path = report.write_docs(text)
        say(f"bench: wrote {path}")
    say(f"bench: done in {wall:.0f} s")
    return 0


def machine_facts() -> dict[str, str]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "nproc": str(len(os.sched_getaffinity(0))),
            "cpu": model or platform.processor() or "unknown",
            "python": platform.python_version(), "platform": platform.platform()}
