"""Request screening (searchkit/web/guard.py): Host header (DNS rebinding), methods, URL length,
security headers."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from searchkit.web import create_app
from searchkit.web.guard import host_checker, is_loopback
from web_samples import build_web_index


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    index_dir = build_web_index(tmp_path_factory.mktemp("web-guard"))
    with TestClient(create_app(index_dir), base_url="http://127.0.0.1:8765", raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "127.0.0.1", "LOCALHOST:1"])
def test_own_names_are_served(client, host):
    assert client.get("/api/stats", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1.evil.example", "attacker.test", "192.168.1.5:8765", ""])
def test_other_host_names_are_refused(client, host):
    response = client.get("/?q=改革", headers={"host": host})
    assert response.status_code == 400
    assert response.json()["error"].startswith("host")
    assert "改革" not in response.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_only_get_and_head(client, method):
    response = client.request(method, "/api/search?q=改革")
    assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
    assert response.json()["status"] == 405
    assert client.head("/api/search?q=改革").status_code == 200


def test_pages_forbid_inline_script_and_framing(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_long_urls_are_refused(client):
    response = client.get("/?q=" + "x" * 13_000)
    assert response.status_code == 414 and "longer than" in response.json()["error"]


def test_non_local_binding_allows_ip_literals_and_named_hosts_only():
    allowed = host_checker("0.0.0.0", ("speeches.lab",))
    assert allowed("10.1.2.3:8765") and allowed("speeches.lab:8765") and allowed("localhost")
    assert not allowed("rebind.attacker.example:8765") and not allowed(None)
    local = host_checker("127.0.0.1")
    assert not local("10.1.2.3:8765") and local("127.0.0.1:9")


def test_loopback_addresses():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("[::1]") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.0.2") and not is_loopback("example.org")
