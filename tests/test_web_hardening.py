"""The web server's edges: a Host header is a name and a port and nothing else
(``127.0.0.1:PORT@evil.example`` was let in), a URL over the limit gets the JSON 414 however it
arrives (h11 answered a long head with a plain 400, then a reset), and idle connections end (one that
never sent a byte was kept forever)."""

from __future__ import annotations

import asyncio
import json
import socket
import time

import pytest

from searchkit.web import create_app
from searchkit.web.guard import host_checker
from searchkit.web.params import MAX_URL_CHARS
from searchkit.web.server import HEAD_LIMIT
from test_cli_serve import free_port, serve
from web_samples import build_web_index

IDLE_TIMEOUT = 1.0


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return build_web_index(tmp_path_factory.mktemp("web-hardening"))


def asgi_get(app, path: str, host: bytes) -> tuple[int, bytes]:
    """A GET through the ASGI app with exactly this Host header (a client library would check it)."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", host)], "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8765)}
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


@pytest.mark.parametrize("host", [
    b"127.0.0.1:8765@evil.example", b"127.0.0.1@evil.example", b"localhost:8765@evil.example:8765",
    b"user@127.0.0.1:8765", b"127.0.0.1:8766", b"localhost:80", b"[::1]:1", b"127.0.0.1:8765:8765",
    b"127.0.0.1 :8765", b"127.0.0.1:8765/x", b"::1", b"localhost.", b"127.0.0.1:", b"127.0.0.1:99999999",
])
def test_a_host_that_is_not_ours_is_refused(index_dir, host):
    status, body = asgi_get(create_app(index_dir, port=8765), "/api/stats", host)
    assert status == 400 and json.loads(body)["error"].startswith("host")


@pytest.mark.parametrize("host", [b"127.0.0.1:8765", b"localhost:8765", b"[::1]:8765", b"127.0.0.1", b"LOCALHOST:8765"])
def test_our_own_names_and_port_are_served(index_dir, host):
    assert asgi_get(create_app(index_dir, port=8765), "/api/stats", host)[0] == 200


def test_a_non_local_server_checks_names_and_port_the_same_way():
    allowed = host_checker("0.0.0.0", ("speeches.lab",), port=8765)
    assert allowed("10.1.2.3:8765") and allowed("speeches.lab:8765") and allowed("[fe80::1]:8765")
    assert not allowed("10.1.2.3:8765@evil.example") and not allowed("speeches.lab:9") and not allowed("speeches.lab@x")


def test_a_long_path_gets_the_json_414_from_the_app(index_dir):
    status, body = asgi_get(create_app(index_dir), "/speech/" + "x" * MAX_URL_CHARS, b"127.0.0.1:8765")
    assert status == 414 and "longer than" in json.loads(body)["error"]


# -- a real server ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(index_dir):
    port = free_port()
    process = serve(index_dir, "--port", str(port), "--idle-timeout", str(IDLE_TIMEOUT))
    try:
        assert "serving" in process.stderr.readline()
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(10)
        except Exception:
            process.kill()
            process.wait(10)


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    return sock


def read_all(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def request(port: int, target: bytes, host: bytes | None = None, extra: bytes = b"") -> bytes:
    with connect(port) as sock:
        host = host or f"127.0.0.1:{port}".encode()
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: " + host + b"\r\n" + extra + b"Connection: close\r\n\r\n")
        return read_all(sock)


def status_and_json(answer: bytes) -> tuple[int, dict]:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"application/json" in head.lower(), head
    return int(head.split()[1]), json.loads(body)


def test_the_real_server_refuses_a_host_with_more_after_the_port(server):
    assert status_and_json(request(server, b"/api/stats"))[0] == 200
    for host in (f"127.0.0.1:{server}@evil.example".encode(), f"127.0.0.1:{server + 1}".encode()):
        status, body = status_and_json(request(server, b"/api/stats", host))
        assert status == 400 and body["error"].startswith("host")


@pytest.mark.parametrize("size", [MAX_URL_CHARS + 1, 20_000, HEAD_LIMIT + 1_000, 300_000, 2_000_000])
def test_a_long_url_gets_the_json_414_whatever_its_size(server, size):
    for target in (b"/api/search?q=" + b"x" * size, b"/speech/" + b"y" * size):
        status, body = status_and_json(request(server, target))
        assert status == 414 and body == {"error": f"the URL is longer than {MAX_URL_CHARS} characters", "status": 414}


def test_a_long_url_sent_slowly_gets_the_json_414(server):
    # Half the head, a pause (h11 holds it incomplete, past its limit), then the rest.
    with connect(server) as sock:
        sock.sendall(b"GET /api/search?q=" + b"x" * (HEAD_LIMIT + 10))
        time.sleep(0.2)
        sock.sendall(b"x" * 1000 + f" HTTP/1.1\r\nHost: 127.0.0.1:{server}\r\n\r\n".encode())
        status, _ = status_and_json(read_all(sock))
    assert status == 414


def test_headers_over_the_limit_sent_slowly_get_a_json_431(server):
    with connect(server) as sock:
        sock.sendall(f"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1:{server}\r\nX-Big: ".encode() + b"z" * (HEAD_LIMIT + 10))
        time.sleep(0.2)
        sock.sendall(b"z\r\n\r\n")
        status, body = status_and_json(read_all(sock))
    assert status == 431 and "headers" in body["error"]


def closed_within(sock: socket.socket, seconds: float) -> float:
    """How long until the server closed ``sock`` (fails if it did not within ``seconds``)."""
    start = time.monotonic()
    sock.settimeout(seconds)
    try:
        while sock.recv(65536):
            pass
    except socket.timeout:
        pytest.fail(f"the server kept an idle connection open for more than {seconds} s")
    except ConnectionResetError:
        pass
    return time.monotonic() - start


def test_a_connection_that_sends_nothing_is_closed(server):
    with connect(server) as sock:
        waited = closed_within(sock, IDLE_TIMEOUT + 3)
    assert IDLE_TIMEOUT * 0.8 <= waited


def test_a_request_head_sent_a_byte_at_a_time_is_cut_off(server):
    with connect(server) as sock:
        sock.sendall(b"GET /api/stats HTTP/1.1\r\n")
        start = time.monotonic()
        sock.settimeout(IDLE_TIMEOUT + 3)
        closed = False
        while time.monotonic() - start < IDLE_TIMEOUT + 3:
            try:
                sock.sendall(b"X")  # never a complete head
            except OSError:
                closed = True
                break
            sock.settimeout(0.25)
            try:
                if sock.recv(65536) == b"":
                    closed = True
                    break
            except socket.timeout:
                pass
            except OSError:
                closed = True
                break
        assert closed, "a head trickling in kept the connection open"


def keep_alive_get(sock: socket.socket, port: int) -> bytes:
    """One GET on an open connection, and its whole answer (head and content-length body)."""
    sock.sendall(f"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    answer = b""
    while b"\r\n\r\n" not in answer:
        answer += sock.recv(65536)
    head, _, body = answer.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:"))
    while len(body) < length:
        body += sock.recv(65536)
    return head


def test_an_idle_keep_alive_connection_is_closed(server):
    with connect(server) as sock:
        assert keep_alive_get(sock, server).startswith(b"HTTP/1.1 200")
        closed_within(sock, IDLE_TIMEOUT + 3)


def test_a_busy_connection_is_not_cut_off(server):
    # Requests in a row on one connection, each within the timeout, are all answered.
    with connect(server) as sock:
        for _ in range(4):
            assert keep_alive_get(sock, server).startswith(b"HTTP/1.1 200")
            time.sleep(IDLE_TIMEOUT / 2)
