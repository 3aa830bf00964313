"""The article text as HTML: every piece escaped, overlapping spans never break the nesting,
and the text reads the same with the marks (badges, speakers, thread links) taken away."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from rumormill.corpus.model import ThreadSummary
from rumormill.model import Analysis, Article, Claim, Hedge, Quote, Source, Span
from rumormill.serve.app import entity_url
from rumormill.serve.highlight import paragraphs, render_text

VOID = {"br"}


class _Checker(HTMLParser):
    """Checks that tags balance and collects the article text (not badges or speaker links)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.text: list[str] = []
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        inserted = any(c in (attributes.get("class") or "").split() for c in ("badge", "speaker", "thread-link"))
        self.stack.append((tag, inserted or bool(self.stack and self.stack[-1][1])))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.text.append(data)


def _check(analysis: Analysis, threads: dict | None = None) -> _Checker:
    checker = _Checker()
    checker.feed(str(render_text(analysis, entity_url, threads)))
    checker.close()
    assert checker.stack == []
    return checker


def _analysis(text: str, spans: list[tuple[int, int, str]]) -> Analysis:
    claims, quotes = [], []
    for index, (start, end, kind) in enumerate(spans):
        span = Span.of(text, start, end)
        if kind == "quote":
            quotes.append(Quote(id=f"q{index}", span=span, speaker=Source(kind="anonymous", name="<a source>")))
        else:
            hedges = [
                Hedge(start=start, end=min(end, start + 3), text=text[start : min(end, start + 3)], type="reportative")
            ]
            claims.append(
                Claim(
                    id=f"c{index}",
                    span=span,
                    text=span.text,
                    source=Source(kind="reports", name='"x'),
                    certainty="hedged" if kind == "hedged" else "asserted",
                    hedges=hedges if kind == "hedged" else [],
                )
            )
    return Analysis(article=Article(text=text), claims=claims, quotes=quotes)


HOSTILE = (
    'Kim <script>alert(1)</script> said "it is <b onmouseover=alert(2)>over</b>".\n\nA source & co. claim <img src=x>.'
)


def test_overlapping_spans_nest_and_escape():
    spans = [(0, 40, "hedged"), (20, 70, "quote"), (35, 45, "asserted"), (60, 95, "hedged")]
    checker = _check(_analysis(HOSTILE, spans))
    assert [tag for tag, _ in checker.elements if tag in ("script", "b", "img")] == []
    body = "".join(checker.text)
    assert body == "".join(HOSTILE[s:e] for s, e in paragraphs(HOSTILE))
    badges = [a for tag, a in checker.elements if "badge" in (a.get("class") or "")]
    assert len(badges) == 3 and all(a["aria-label"].startswith("Claim c") for a in badges)


@given(
    st.text(alphabet=st.sampled_from(list("ab <>&\"'\n")), min_size=1, max_size=60),
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from(["hedged", "asserted", "quote"])), max_size=6
    ),
)
def test_any_spans_over_any_text_render_balanced_and_lossless(text, raw):
    spans = [(min(a, b), max(a, b), kind) for a, b, kind in raw if min(a, b) < max(a, b) <= len(text)]
    analysis = _analysis(text, spans)
    threads = {c.id: ThreadSummary(id=f"t{c.id}", text=c.text, occurrences=2) for c in analysis.claims[::2]}
    checker = _check(analysis, threads)
    assert html.unescape("".join(checker.text)) == "".join(text[s:e] for s, e in paragraphs(text))
    assert not any(tag not in ("p", "span", "a") for tag, _ in checker.elements)


def test_a_claim_of_a_thread_ends_with_a_link_to_it_and_others_do_not():
    text = "Kim and Kanye live apart, a source says. Kanye said nothing."
    analysis = _analysis(text, [(0, 24, "hedged"), (41, 60, "asserted")])
    thread = ThreadSummary(id="abc123", text="they live apart", status="denied", occurrences=3)
    checker = _check(analysis, {"c0": thread})
    links = [a for tag, a in checker.elements if tag == "a" and "thread-link" in a.get("class", "")]
    assert [(a["href"], a["data-thread-of"]) for a in links] == [("/threads/abc123", "c0")]
    assert "status-denied" in links[0]["class"] and "seen 3 times" in links[0]["title"]
    rendered = str(render_text(analysis, entity_url, {"c0": thread}))
    # right after the claim's last words, before the text that follows it
    assert re.search(r'live apart</span><a class="thread-link[^>]*>thread: denied</a>, a source', rendered)
