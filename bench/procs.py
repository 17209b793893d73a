"""Starting and stopping what the bench measures: the Sheets fake and gunicorn processes.

Everything listens on 127.0.0.1 only. Every start returns something `stop()` can end;
callers keep them in a `contextlib.ExitStack`, so they stop on errors too.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import requests

from bench.seed import Office
from tests.fakes.sheets_api import FakeSheets, serve
from sheetsapi.tabs import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
TOKEN = "bench-token"
SPREADSHEET_ID = "bench-spreadsheet"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def fake_sheets(office: Office, latency: float) -> Iterator[tuple[FakeSheets, str]]:
    """A fake Sheets API on 127.0.0.1 holding `office`, answering each call after `latency` s.

    Cells are written RAW (ints stay numbers, `+353…` and dates stay text), as an
    export of a well-kept sheet would be."""
    fake = FakeSheets(SPREADSHEET_ID, title="Bench lettings office", sheets=tuple(COLUMNS),
                      latency_seconds=latency)
    for tab in COLUMNS:  # a person's edit, not an API call: no latency, not counted
        fake.set_rows(tab, office.table(tab), value_input="RAW")
    server, base_url = serve(fake, HOST, 0)
    try:
        yield fake, base_url
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def gunicorn(app: str, env: dict[str, str], log_path: Path, *, ready_timeout: float = 120
             ) -> Iterator[tuple[str, float]]:
    """Serve `app` ("module:app") with the project's gunicorn.conf.py; yields (base_url,
    seconds until /healthz first answered 200). Stopped (TERM, then KILL) on exit."""
    port = free_port()
    unset = ("SPREADSHEET_ID", "SHEETS_API_URL", "GOOGLE_APPLICATION_CREDENTIALS")
    full_env = {key: value for key, value in os.environ.items() if key not in unset}
    full_env |= {"HOST": HOST, "PORT": str(port), "API_TOKEN": TOKEN, "LOG_LEVEL": "WARNING"} | env
    log = open(log_path, "wb")
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"), app],
        cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://{HOST}:{port}"
    try:
        ready = _wait_ready(process, base, ready_timeout, log_path)
        yield base, ready - started
    finally:
        _stop(process)
        log.close()


def _wait_ready(process: subprocess.Popen, base: str, timeout: float, log_path: Path) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({process.returncode}):\n{_tail(log_path)}")
        try:
            if requests.get(f"{base}/healthz", timeout=timeout).status_code == 200:
                return time.perf_counter()
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn at {base} not ready after {timeout:.0f} s:\n{_tail(log_path)}")


def _stop(process: subprocess.Popen) -> None:
    """End the gunicorn master we started, by its pid (its workers follow it)."""
    if process.poll() is not None:
        return
    try:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # its own session: only what it started
        process.wait(timeout=5)
    except ProcessLookupError:
        pass


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
