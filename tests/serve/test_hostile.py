"""The API and pages against hostile and unlucky requests: fuzzed from the app's own OpenAPI schema
with schemathesis (no 5xx, every API error in the one envelope with a documented code), searches
of any size refused or answered within 2 s, deep offsets and lone surrogates refused, the token
checked before the body, oversized pastes 413, and a server that SIGTERM stops."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from rumormill.serve import errors
from tests.conftest import ROOT, examples
from tests.serve.conftest import TOKEN

SERVE_DOC = (ROOT / "docs" / "serve.md").read_text()
DOCUMENTED = set(re.findall(r'"([a-z_]+)"', errors.__doc__.split("code` is")[1].split("Pages under")[0]))
HUGE_QUERIES = [
    "the " * 1_000,
    "the " * 7_000,
    " OR ".join(f"w{i}" for i in range(100)),
    " ".join(f"-w{i}" for i in range(100)),
    "x" * 20_000,
]


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    """The app over a store of its own (fuzzed ingests write to it), with the examples in it."""
    from rumormill import ingest
    from rumormill.serve import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}"
    ingest(str(ROOT / "examples"), url)
    return create_app(url, token=TOKEN)


@pytest.fixture(scope="module")
def api_schema(fuzz_app):
    return schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)


def _check_envelope(response, path: str) -> None:
    assert response.status_code < 500, f"{response.status_code} on {path}: {response.text[:500]}"
    if response.status_code >= 400 and path.startswith("/api/"):
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
        assert body["error"]["code"] in DOCUMENTED, body


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_endpoint_fuzzed_from_its_schema(api_schema, monkeypatch, mode):
    """Valid and invalid requests for each operation of the OpenAPI schema, with the write token:
    never a 5xx, and every API error in the envelope with a documented code. (Driven through
    Hypothesis directly: schemathesis's pytest plugin does not load under pytest 9.)"""
    monkeypatch.setenv("RUMORMILL_FETCH_TIMEOUT", "1")  # a fuzzed http URL fails fast
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/analyze", "/api/ingest", "/api/claims", "/api/articles"}
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=examples(20), deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
            _check_envelope(response, case.formatted_path)

        try:
            run()
        except Unsatisfiable:  # no parameters to make invalid (GET /api/health)
            assert mode is GenerationMode.NEGATIVE


def test_the_documented_codes_are_every_code_the_server_answers():
    answered = set(errors._CODES.values()) | {"csrf"}
    assert answered <= DOCUMENTED
    for code in answered:
        assert f"`{code}`" in SERVE_DOC, f"docs/serve.md does not list the error code {code}"


@pytest.mark.parametrize("path", ["/search?q=", "/api/claims?q=", "/api/articles?q="])
def test_a_search_of_any_size_is_refused_or_answered_within_2_s(client, path):
    for query in HUGE_QUERIES:
        started = time.perf_counter()
        response = client.get(path + query)
        assert time.perf_counter() - started < 2
        assert response.status_code == 422, response.text[:300]
        if path.startswith("/api/"):
            assert response.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize("path", ["/api/claims", "/api/articles", "/api/stories"])
@pytest.mark.parametrize("offset", [2**63, 2**63 - 1, 10**30])
def test_an_offset_past_the_database_range_is_refused(client, path, offset):
    response = client.get(f"{path}?offset={offset}")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize("path", ["/api/analyze", "/api/ingest"])
def test_a_lone_surrogate_in_text_is_refused(client, path):
    body = '{"text": "Kim is said to \\ud800 live apart."}'
    if path == "/api/ingest":
        body = '{"articles": [' + body + "]}"
    response = client.post(
        path, content=body, headers={"content-type": "application/json", "authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 422, response.text
    assert "surrogate" in response.json()["error"]["message"]


def test_the_token_is_checked_before_the_body(client):
    response = client.post("/api/ingest", json={"nothing": ["like", "the", "schema"]})
    assert response.status_code == 401
    assert "articles" not in response.text
    response = client.post("/api/ingest", json={"articles": [{"text": 5}]}, headers={"authorization": "Bearer wrong"})
    assert response.status_code == 401


def test_a_private_url_refusal_speaks_to_an_http_client(fuzz_app):
    from fastapi.testclient import TestClient

    client = TestClient(fuzz_app)  # its own store: the ingest below records a failure there
    response = client.post("/api/analyze", json={"url": "http://127.0.0.1:9/page"})
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "refused" in message and "--allow-private" not in message
    assert "the server fetches public addresses only" in message
    response = client.post(
        "/api/ingest", json={"urls": ["http://10.0.0.1/page"]}, headers={"authorization": f"Bearer {TOKEN}"}
    )
    [failure] = response.json()["failures"]
    assert "refused" in failure["error"] and "--allow-private" not in failure["error"]


def test_an_oversized_paste_is_413(client):
    form = client.get("/")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    text = "Kim is said to live apart. " * 60_000  # 1.6 MB: past Starlette's form part limit
    response = client.post("/analyze", files={"text": (None, text), "csrf": (None, csrf)})
    assert response.status_code == 413, response.text[:300]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_sigterm_stops_the_server_within_a_few_seconds(served_store):
    port = _free_port()
    code = "import sys; from rumormill.cli import app; sys.argv[0] = 'rumormill'; app()"
    server = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", served_store, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as probe:
                    probe.sendall(b"GET /api/health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
                    if b"200 OK" in probe.recv(4096):
                        break
            except OSError:
                time.sleep(0.1)
        # a client that never finishes its request, and one that keeps its connection
        slow = socket.create_connection(("127.0.0.1", port))
        slow.sendall(
            b"POST /api/analyze HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"
        )
        started = time.perf_counter()
        server.terminate()
        server.wait(timeout=10)
        assert time.perf_counter() - started < 6
        slow.close()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_the_fuzzed_schema_covers_every_api_endpoint(api_schema, fuzz_app):
    paths = {route.path for route in fuzz_app.routes if getattr(route, "path", "").startswith("/api/")}
    documented = set(json.loads(json.dumps(fuzz_app.openapi()))["paths"])
    assert paths <= documented
