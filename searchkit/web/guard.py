"""Request screening before any handler runs: only GET/HEAD, only our own Host (a page on another
site that rebinds its DNS name to 127.0.0.1 sends its own name as Host), bounded URLs; and response
headers that keep a page from running anything but our own script files."""

from __future__ import annotations

import ipaddress
import json
import re
import socket

from starlette.datastructures import Headers, MutableHeaders

from .params import MAX_URL_CHARS

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
# A Host header is a name or an IPv4 address, or an IPv6 address in brackets, then an optional port, and
# nothing else: "127.0.0.1:8765@evil.example" is not 127.0.0.1 (a loose split at ":" read it so).
_HOST = re.compile(r"(?:\[(?P<ipv6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?))(?::(?P<port>[0-9]{1,5}))?")
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def host_checker(bind_host: str, extra: tuple[str, ...] = (), port: int | None = None):
    """A test for Host headers. Bound to loopback: loopback names only. Bound to another address: also
    IP literals (no DNS name, so nothing to rebind), this machine's name and ``extra``. With ``port``,
    a Host that names a port must name this one."""
    names = {n.lower() for n in (*LOOPBACK_NAMES, bind_host.strip("[]"), *extra)}
    local_only = is_loopback(bind_host)
    if not local_only:
        names.add(socket.gethostname().lower())

    def allowed(header: str | None) -> bool:
        if not header:
            return False
        parts = _HOST.fullmatch(header.strip().lower())
        if parts is None:
            return False
        if port is not None and parts["port"] is not None and int(parts["port"]) != port:
            return False
        name = parts["ipv6"] or parts["name"]
        if name in names:
            return True
        return not local_only and _is_ip(name) and not name.startswith("0.")

    return allowed


async def _send_json(send, status: int, message: str, extra_headers: list | None = None) -> None:
    body = json.dumps({"error": message, "status": status}, ensure_ascii=False).encode() + b"\n"
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()] + (extra_headers or [])
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware: screen each HTTP request, add security headers to each response."""

    def __init__(self, app, host_allowed) -> None:
        self.app = app
        self.host_allowed = host_allowed

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["method"] not in ("GET", "HEAD"):
            return await _send_json(send, 405, f"method {scope['method']} not allowed: this server only reads",
                                    [(b"allow", b"GET, HEAD")])
        host = Headers(scope=scope).get("host")
        if not self.host_allowed(host):
            return await _send_json(send, 400, f"host {host!r} is not this server's name (open it as http://127.0.0.1:PORT/)")
        raw_path = scope.get("raw_path") or scope.get("path", "").encode()  # raw_path is optional in ASGI
        if len(scope.get("query_string", b"")) + len(raw_path) > MAX_URL_CHARS:
            return await _send_json(send, 414, f"the URL is longer than {MAX_URL_CHARS} characters")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        return await self.app(scope, receive, send_with_headers)
