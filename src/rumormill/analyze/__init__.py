"""Analyse one article into entities, quotes, claims, times and a sourcing profile.

    >>> from rumormill import analyze
    >>> analysis = analyze(" date 2020-07-31 Title\\n\\nKim reportedly lives in Calabasas.")

`analyze` is pure and deterministic: the same text, publication date and model version
give the same Analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from .. import __version__, settings
from ..errors import InputError, PipelineError, RumormillError
from ..model import Analysis, Article
from ..read.language import guess_language
from . import lexicons, pipeline
from .context import Context
from .nlp import describe, nlp

__all__ = ["analyze", "analyze_many", "nlp", "pipeline_info"]


def _as_article(item: Article | str, published: str | date | None) -> Article:
    if isinstance(item, Article):
        article = item
        if published is not None:
            article = article.model_copy(update={"published": _iso(published)})
    elif isinstance(item, str):
        from ..read.dated import looks_dated, parse_dated

        if looks_dated(item):
            article = parse_dated(item, source="<text>")
        else:
            article = Article(text=item.strip("\n"), language=guess_language(item) or "en")
        if published is not None:
            article = article.model_copy(update={"published": _iso(published)})
    else:
        raise TypeError(f"analyze() takes an Article or a str, not {type(item).__name__}")
    _check_input(article)
    return article


def _iso(value: str | date) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError as e:
        raise InputError(f"publication date {value!r} is not an ISO date (YYYY-MM-DD)") from e


def _check_input(article: Article) -> None:
    source = article.origin or article.url or article.ref or article.id[:12]
    if not article.text.strip():
        raise InputError("the article text is empty", source=source)
    limit = int(settings.get("max_chars"))
    if len(article.text) > limit:
        raise InputError(
            f"the article text has {len(article.text):,} characters, over the limit of {limit:,} "
            "(set RUMORMILL_MAX_CHARS to raise it)",
            source=source,
        )
    if article.language and not article.language.startswith("en"):
        raise InputError(
            f"the article is not in English (detected {article.language!r}); rumormill analyses English text only",
            source=source,
        )


def _published_date(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError as e:
        raise InputError(f"publication date {article.published!r} is not an ISO date") from e


def _finish(ctx: Context) -> Analysis:
    pipeline.run(ctx)
    analysis = Analysis(
        article=ctx.article,
        entities=ctx.entities,
        relations=ctx.relations,
        quotes=ctx.quotes,
        claims=ctx.claims,
        times=ctx.times,
        sourcing=ctx.sourcing,
        credibility=ctx.credibility,
        pipeline=pipeline_info(),
    )
    _check_spans(analysis)
    return analysis


def pipeline_info() -> dict:
    """What produces an Analysis now: rumormill, spaCy and model versions, lexicons, stages.
    The store compares it with what produced a stored row to find stale rows."""
    from ..credibility.model import default as credibility_model

    model = credibility_model()
    return {
        "rumormill": __version__,
        **describe(nlp()),
        "lexicons": lexicons.version(),
        "credibility": f"{model.name}-{model.version}",
        "stages": [stage.name for stage in pipeline.STAGES],
    }


def _check_spans(analysis: Analysis) -> None:
    text = analysis.article.text
    spans = []
    for entity in analysis.entities:
        spans += entity.mentions + [a.span for a in entity.attributes]
    for quote in analysis.quotes:
        spans += [quote.span, quote.cue, quote.speaker.span]
    for claim in analysis.claims:
        spans += [claim.span, claim.cue, claim.source.span, *claim.hedges]
    spans += [t.span for t in analysis.times] + [r.span for r in analysis.relations]
    if analysis.credibility is not None:
        spans += [span for factor in analysis.credibility.factors for span in factor.evidence]
    for span in spans:
        if span is not None and text[span.start : span.end] != span.text:
            raise PipelineError(f"span {span.start}:{span.end} {span.text!r} does not match the text")


def analyze(article_or_text: Article | str, published: str | date | None = None) -> Analysis:
    """Analyse one article (an `Article`, dated text or plain text)."""
    article = _as_article(article_or_text, published)
    doc = nlp()(article.text)
    return _finish(Context(article=article, doc=doc, published=_published_date(article)))


def analyze_many(
    articles_or_texts: Iterable[Article | str],
    batch_size: int | None = None,
    *,
    published: str | date | None = None,
    on_error: Callable[[Article | str, RumormillError], None] | None = None,
) -> Iterator[Analysis]:
    """Analyse many articles, batching them through `nlp.pipe` for throughput.

    Args:
        articles_or_texts: `Article`s, dated text or plain text.
        batch_size: texts per `nlp.pipe` batch (default: the `batch_size` setting).
        published: a publication date for all of them, overriding their own.
        on_error: called with the item and the error for each one that cannot be analysed
            (empty, not English, too long ...); the others go on. Without it the first error
            is raised. Either way the output keeps the input's order.
    """
    batch_size = batch_size or int(settings.get("batch_size"))
    if published is not None:
        published = _iso(published)  # a bad date is the caller's error, not each article's

    def checked() -> Iterator[Article]:
        for item in articles_or_texts:
            try:
                yield _as_article(item, published)
            except RumormillError as error:
                if on_error is None:
                    raise
                on_error(item, error)

    pairs = nlp().pipe(((a.text, a) for a in checked()), as_tuples=True, batch_size=batch_size)
    for doc, article in pairs:
        try:
            analysis = _finish(Context(article=article, doc=doc, published=_published_date(article)))
        except RumormillError as error:
            if on_error is None:
                raise
            on_error(article, error)
            continue
        yield analysis
