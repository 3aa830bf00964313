"""What keeps the server safe: CSP and friends on every response, escaping of hostile article
fields, CSRF on the analyse form, the loopback rule without a token."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from rumormill.cli import app as cli
from rumormill.errors import ConfigError
from rumormill.serve.security import CSP, check_bind, is_loopback
from tests.serve.conftest import HOSTILE

PAGES = ["/", "/search", "/search?q=Kim", "/docs", "/entities/Kanye%20West", "/stories/s1", "/threads/t1", "/nowhere"]


def _page_paths(client) -> list[str]:
    ids = [a["id"] for a in client.get("/api/articles", params={"limit": 100}).json()["items"]]
    return PAGES + [f"/articles/{i}" for i in ids]


def test_every_html_response_sends_the_strict_csp(client):
    for path in _page_paths(client):
        response = client.get(path)
        assert response.headers["content-type"].startswith("text/html"), path
        assert response.headers["content-security-policy"] == CSP, path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP and "style-src 'self'" in CSP


def test_pages_carry_no_inline_script_or_style(client):
    for path in _page_paths(client):
        html = client.get(path).text
        assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/app.js" defer>'], path
        assert "<style" not in html and " style=" not in html, path


@pytest.mark.parametrize("hostile", HOSTILE, ids=["markup-everywhere", "attribute-injection"])
def test_hostile_fields_are_escaped_on_the_article_page(client, hostile):
    html = client.get(f"/articles/{hostile.id}").text
    for dangerous in (
        "<script>alert",
        "<img src=x",
        "<svg onload",
        "<iframe",
        "<b onmouseover",
        '<a href="javascript:',
    ):
        assert dangerous not in html
    assert 'href="javascript:' not in html.lower()
    assert 'onmouseover="alert' not in html
    if hostile.title.startswith("<script>"):
        assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html  # shown, as text
        assert 'class="src-url">javascript:alert(document.domain)</span>' in html  # not a link


def test_hostile_fields_are_escaped_in_lists_and_search(client):
    for path in ("/", "/search?q=couple+meet", "/search?q=Calabasas", "/entities/Kim%20Kardashian"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html, path


def test_the_analyse_form_needs_its_csrf_token(client):
    text = {"text": "Kim Kardashian is said to live in Calabasas."}
    assert client.post("/analyze", data=text).status_code == 403  # no cookie, no field
    home = client.get("/")
    token = re.search(r'name="csrf" value="([^"]+)"', home.text).group(1)
    assert client.cookies.get("rumormill_csrf") == token
    forged = client.post("/analyze", data=text | {"csrf": token[:-2] + "00"})
    assert forged.status_code == 403 and "reload the page" in forged.text
    client.cookies.clear()
    assert client.post("/analyze", data=text | {"csrf": token}).status_code == 403  # field without cookie
    client.get("/")
    accepted = client.post("/analyze", data=text | {"csrf": client.cookies.get("rumormill_csrf")})
    assert accepted.status_code == 200 and "Analysed now, not stored" in accepted.text
    set_cookie = home.headers["set-cookie"].lower()
    assert "httponly" in set_cookie and "samesite=strict" in set_cookie


def test_without_a_token_the_server_stays_on_loopback():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    check_bind("127.0.0.1", None)
    check_bind("0.0.0.0", "a-token")
    with pytest.raises(ConfigError, match="refusing to listen on 0.0.0.0"):
        check_bind("0.0.0.0", None)


def test_serve_command_refuses_a_public_host_without_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("RUMORMILL_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "refusing to listen on 0.0.0.0" in result.output
