"""How `searchkit serve` runs the app under uvicorn: its HTTP/1.1 protocol with two limits uvicorn
lacks.

- **Idle connections end.** uvicorn closes a keep-alive connection that stays silent after a
  response (``timeout_keep_alive``), but a connection that never sends a request, or sends its head a
  byte at a time, was kept forever: any number of them held sockets open. Here a connection has
  ``idle_timeout`` seconds, from its opening or its last response, to deliver a complete request head.
- **A URL over the limit always gets the JSON 414.** The app answers it (guard.py) when the request
  reaches it; but h11 refuses a request head that it has buffered incomplete past
  ``HEAD_LIMIT`` bytes with a plain-text 400, and, closing at once, made the client see a reset
  instead. Here that case gets the same JSON 414 (431 when the headers, not the URL, are too long),
  and the connection is closed only after the client has had the answer.
"""

from __future__ import annotations

import asyncio
import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .guard import SECURITY_HEADERS
from .params import MAX_URL_CHARS

DEFAULT_IDLE_TIMEOUT = 10.0
HEAD_LIMIT = 64 * 1024  # any URL within MAX_URL_CHARS and headers of any browser fit well within it
LINGER_S = 2.0  # after a refusal, how long to read and drop what the client is still sending


class _Protocol(H11Protocol):
    idle_timeout = DEFAULT_IDLE_TIMEOUT

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._refused = False

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._wait_for_head()

    def connection_lost(self, exc) -> None:
        self._stop_waiting()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused:  # answered already: read and drop, so that closing does not reset the answer away
            return
        super().data_received(data)

    def eof_received(self) -> None:
        if self._refused:
            self.transport.close()
        super().eof_received()

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state is not h11.IDLE:  # a request head arrived (or the connection failed)
            self._stop_waiting()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._wait_for_head()

    def _wait_for_head(self) -> None:
        self._stop_waiting()
        self._head_timer = self.loop.call_later(self.idle_timeout, self._head_timed_out)

    def _stop_waiting(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        busy = self.cycle is not None and not self.cycle.response_complete
        if busy or self.conn.their_state is not h11.IDLE or self.transport.is_closing():
            return
        try:
            self.conn.send(h11.ConnectionClosed())
        except h11.LocalProtocolError:
            pass
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        buffered, _ = self.conn.trailing_data
        if len(buffered) <= HEAD_LIMIT:  # a malformed request, not an oversized one: uvicorn's answer
            return super().send_400_response(msg)
        request_line = buffered.split(b"\r\n", 1)[0]
        if b"\r\n" not in buffered or len(request_line) > MAX_URL_CHARS:
            self._refuse(414, "URI Too Long", f"the URL is longer than {MAX_URL_CHARS} characters")
        else:
            self._refuse(431, "Request Header Fields Too Large", f"the request headers are longer than {HEAD_LIMIT} bytes")

    def _refuse(self, status: int, reason: str, message: str) -> None:
        """The guard's JSON answer, written by hand (h11 is in its error state), then a lingering close:
        our side shuts, the client's bytes are read and dropped until it closes too (or LINGER_S)."""
        body = json.dumps({"error": message, "status": status}, ensure_ascii=False).encode() + b"\n"
        headers = {"content-type": "application/json; charset=utf-8", "content-length": str(len(body)),
                   "connection": "close", **SECURITY_HEADERS}
        head = f"HTTP/1.1 {status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        self._refused = True
        self._stop_waiting()
        self.transport.write(head.encode("latin-1") + body)
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER_S, self.transport.close)


def protocol(idle_timeout: float = DEFAULT_IDLE_TIMEOUT) -> type[H11Protocol]:
    """The HTTP protocol class to give uvicorn (``Config(http=…)``), with its idle timeout."""
    return type("SearchkitHTTP", (_Protocol,), {"idle_timeout": idle_timeout})


def config(app, host: str, port: int, idle_timeout: float = DEFAULT_IDLE_TIMEOUT):
    """uvicorn's configuration for ``app``: quiet, no Server header, idle connections closed after
    ``idle_timeout`` seconds (silent keep-alive ones too), request heads up to ``HEAD_LIMIT`` bytes."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False, server_header=False,
                          timeout_graceful_shutdown=3, http=protocol(idle_timeout),
                          timeout_keep_alive=idle_timeout, h11_max_incomplete_event_size=HEAD_LIMIT)
