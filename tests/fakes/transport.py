"""How requests reach the fake: the ``responses`` library, or real HTTP through WSGI."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import parse_qs, unquote, urlsplit

import requests
import responses
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

if TYPE_CHECKING:
    from .sheets_api import FakeSheets

JSON_TYPE = "application/json; charset=UTF-8"


class _AnyMethodCallback(responses.CallbackResponse):
    """One ``responses`` callback for every method, so assert_all_requests_are_fired
    is satisfied by a single API call."""

    def __init__(self, url: re.Pattern, callback: Callable) -> None:
        super().__init__("GET", url, callback, content_type=None)

    def matches(self, request: requests.PreparedRequest) -> tuple[bool, str]:
        if request.method not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            return False, "Method does not match"
        if not self._url_matches(self.url, str(request.url)):
            return False, "URL does not match"
        return True, ""


def install(fake: "FakeSheets", rsps: responses.RequestsMock, base_url: str) -> None:
    pattern = re.compile(re.escape(base_url.rstrip("/")) + r"/v4/spreadsheets/.*")

    def callback(request: requests.PreparedRequest) -> Any:
        parts = urlsplit(request.url)
        body = request.body or b""
        answer = fake.handle(request.method or "GET", unquote(parts.path), parse_qs(parts.query),
                             body.encode() if isinstance(body, str) else body)  # fmt: skip
        if answer.lost:  # the request may have been applied; the client never hears back
            return requests.exceptions.ReadTimeout(f"fake Sheets API: read timed out ({request.method} {parts.path})",
                                                   request=request)  # fmt: skip
        return answer.status, {"Content-Type": JSON_TYPE}, json.dumps(answer.body)

    rsps.add(_AnyMethodCallback(pattern, callback))


def wsgi_app(fake: "FakeSheets", environ: dict, start_response: Callable) -> Any:
    request = Request(environ)
    query = {key: request.args.getlist(key) for key in request.args.keys()}
    answer = fake.handle(request.method, request.path, query, request.get_data())
    if answer.lost:
        sock = environ.get("werkzeug.socket")
        if fake.timeout_sleep_seconds is None and sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # the client sees the connection drop
            except OSError:
                pass
            start_response("200 OK", [("Content-Length", "0")])  # writing it fails quietly
            return [b""]
        time.sleep(fake.timeout_sleep_seconds or 0)  # longer than the client's timeout
    response = Response(json.dumps(answer.body), status=answer.status, content_type=JSON_TYPE)
    return response(environ, start_response)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


def make_quiet_server(fake: "FakeSheets", host: str, port: int) -> BaseWSGIServer:
    return make_server(host, port, fake.wsgi_app, threaded=True, request_handler=_QuietHandler)


def serve(fake: "FakeSheets", host: str = "127.0.0.1", port: int = 0) -> tuple[BaseWSGIServer, str]:
    """Serve ``fake`` over HTTP in a daemon thread; returns (server, base_url).
    Stop it with ``server.shutdown(); server.server_close()``."""
    server = make_quiet_server(fake, host, port)
    threading.Thread(target=server.serve_forever, name="fake-sheets", daemon=True).start()
    return server, f"http://{host}:{server.server_port}"
