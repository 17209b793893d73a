"""Driving one phase: a list of requests sent by N concurrent callers, timed one by one."""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import requests

from bench.procs import TOKEN

REQUEST_TIMEOUT = 30  # seconds; a request slower than this counts as "timeout"


@dataclass(frozen=True)
class Req:
    method: str
    path: str
    body: Optional[dict] = None
    tag: Any = None  # carried to the result (e.g. which plan entry it was)


@dataclass
class Result:
    req: Req
    status: int | str  # HTTP status, or "timeout" / "error" / "skipped"
    seconds: float
    body: Any = None


@dataclass
class Phase:
    """The outcome of one phase: every result, its wall time and (Google) Sheets calls."""

    name: str
    results: list[Result] = field(default_factory=list)
    wall: float = 0.0
    calls: Optional[int] = None
    reads: Optional[int] = None
    writes: Optional[int] = None

    @property
    def done(self) -> list[Result]:
        return [r for r in self.results if r.status != "skipped"]

    def statuses(self) -> str:
        counts = Counter(str(r.status) for r in self.results)
        return " ".join(f"{status}×{count}" for status, count in sorted(counts.items()))

    def percentile(self, p: float) -> Optional[float]:
        """Nearest-rank percentile of the latencies of the requests sent, in ms."""
        times = sorted(r.seconds for r in self.done)
        if not times:
            return None
        return 1000 * times[max(math.ceil(p / 100 * len(times)) - 1, 0)]

    def per_request(self, count: Optional[int]) -> Optional[float]:
        return None if count is None or not self.done else count / len(self.done)

    @property
    def rps(self) -> Optional[float]:
        return len(self.done) / self.wall if self.done and self.wall else None


def run_phase(name: str, base: str, reqs: list[Req], callers: int, deadline: float,
              count_calls: Optional[Callable[[], tuple[int, int]]] = None,
              reset_calls: Optional[Callable[[], None]] = None) -> Phase:
    """Send `reqs` from `callers` threads (each with its own keep-alive session).

    Requests not started by `deadline` (time.monotonic) are skipped. Sheets calls are
    counted from `reset_calls()` before the first request to `count_calls()` after the last."""
    phase = Phase(name)
    local = threading.local()
    headers = {"Authorization": f"Bearer {TOKEN}"}

    def send(req: Req) -> Result:
        if time.monotonic() > deadline:
            return Result(req, "skipped", 0.0)
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
        started = time.perf_counter()
        try:
            response = session.request(req.method, base + req.path, json=req.body, headers=headers,
                                       timeout=REQUEST_TIMEOUT)
            status: int | str = response.status_code
            try:
                body = response.json()
            except ValueError:
                body = response.text[:200]
        except requests.Timeout:
            status, body = "timeout", None
        except requests.RequestException as error:
            status, body = "error", str(error)[:200]
        return Result(req, status, time.perf_counter() - started, body)

    if reset_calls:
        reset_calls()
    started = time.perf_counter()
    with ThreadPoolExecutor(callers, thread_name_prefix=f"bench-{name}") as pool:
        phase.results = list(pool.map(send, reqs))
    phase.wall = time.perf_counter() - started
    if count_calls:
        phase.reads, phase.writes = count_calls()
        phase.calls = phase.reads + phase.writes
    return phase
