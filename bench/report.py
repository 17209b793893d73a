"""The bench's table (markdown), and its place in docs/benchmarks.md."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Optional

from bench.load import Phase

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- bench:begin (rewritten by `python -m bench`) -->", "<!-- bench:end -->"
ROUTE_NAMES = {"next": "GET next", "lead": "POST lead", "book": "POST booking",
               "move": "PATCH move", "cancel": "DELETE cancel", "mix": "mix: all",
               "mix next": "mix: GET next", "mix lead": "mix: POST lead",
               "mix book": "mix: POST booking"}
IMPL_NAMES = {"sheetsapi": "sheetsapi", "naive": "naive gspread"}


def _ms(value: Optional[float]) -> str:
    return "–" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _calls(phase: Phase) -> str:
    if phase.calls is None:
        return "–"
    total, reads, writes = (phase.per_request(x) for x in (phase.calls, phase.reads, phase.writes))
    if total is None:
        return "–"
    return f"{total:.2f} ({reads:.2f} r + {writes:.2f} w)"


def _row(run: str, route: str, phase: Phase) -> str:
    rps = "–" if phase.rps is None or route.startswith("mix ") else f"{phase.rps:,.1f}"
    p50, p95 = _ms(phase.percentile(50)), _ms(phase.percentile(95))
    return (f"| {run} | {ROUTE_NAMES[route]} | {len(phase.done)} | {phase.statuses()} | "
            f"{p50} | {p95} | {_calls(phase)} | {rps} |")


def render(results: dict, args: argparse.Namespace, office, facts: dict, command: str,
           wall: float) -> str:
    latency = f"{args.latency_ms:g} ms/call"
    lines = [
        f"Run {facts['date']} on {facts['nproc']} CPUs ({facts['cpu']}), Python {facts['python']}, "
        f"{facts['platform']}; wall time {wall:.0f} s.",
        "",
        f"Command: `{command}` — {args.callers} concurrent callers; Google runs: fake Sheets API "
        f"with {latency}, {args.requests} requests per route; local runs: {args.local_requests} "
        f"requests per route after a warm-up.",
        "",
        "| run | route | requests | statuses | p50 ms | p95 ms | Sheets calls/request | req/s |",
        "|---|---|---:|---|---:|---:|---|---:|",
    ]
    google = results["google"]
    for route in ROUTE_NAMES:
        for impl, outcome in google.items():
            if route in outcome["phases"]:
                run = f"Google ({latency}) · {IMPL_NAMES[impl]}"
                lines.append(_row(run, route, outcome["phases"][route]))
    for rows, outcome in results["local"].items():
        for route, phase in outcome["phases"].items():
            lines.append(_row(f"local store, {rows:,} rows · sheetsapi", route, phase))
    notes = []
    for impl, outcome in google.items():
        sheet = outcome["integrity"]
        notes.append(
            f"- Google · {IMPL_NAMES[impl]}: ready in {outcome['ready']:.1f} s; sheet afterwards: "
            f"{sheet['leads_rows']} lead rows ({sheet['leads_duplicate_ids']} duplicate ids), "
            f"{sheet['appointments_rows']} appointment rows ({sheet['appointments_duplicate_ids']} "
            f"duplicate ids), {sheet['overbooked_slots']} overbooked slots.")
    for rows, outcome in results["local"].items():
        counts = ", ".join(f"{tab} {count:,}" for tab, count in outcome["counts"].items())
        notes.append(f"- local {rows:,} rows: ready (start + first read of every row) in "
                     f"{outcome['ready']:.1f} s; rows: {counts}.")
    local = results["local"]
    if len(local) >= 2:
        small, large = min(local), max(local)
        for route in ("next", "lead"):
            a, b = (local[n]["phases"].get(route) for n in (small, large))
            if a and b and a.percentile(95) and b.percentile(95):
                notes.append(f"- local p95 {ROUTE_NAMES[route]}: {large:,} rows / {small:,} rows = "
                             f"{b.percentile(95) / a.percentile(95):.2f}×.")
    if notes:
        lines += ["", *notes]
    return "\n".join(lines)


def write_docs(text: str, path: Path = DOCS) -> Path:
    """Put `text` between the bench markers of docs/benchmarks.md (created if missing)."""
    block = f"{BEGIN}\n{text}\n{END}"
    if path.exists():
        current = path.read_text()
        pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
        if pattern.search(current):
            path.write_text(pattern.sub(lambda _: block, current, count=1))
            return path
        path.write_text(current.rstrip("\n") + "\n\n## Latest run\n\n" + block + "\n")
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Benchmarks\n\n## Latest run\n\n" + block + "\n")
    return path
