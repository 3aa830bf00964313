"""Entity profiles: one real-world entity across the stored articles, every fact with provenance.

Each article resolves its own entities (names, aliases, descriptors, pronouns) into one `Entity`
with the fullest name it saw. Across articles, entities are the same profile when they share
that full name (case-insensitive), and a short name ("Kanye") resolves to the full name it most
often stands for. The profile is read from the store's rows on request, so it is never stale:

    >>> profile(store, "Kanye")          # the profile of "Kanye West"
    >>> profile(store, "kanye-west")     # the same, by id

Facts are the articles' attributes (age, role) and relations (spouse, parent, ...), each with the
article, the span and the publication date. What follows from them is derived (an age as of a
date bounds the birth date), and facts that cannot all hold are flagged as conflicts: ages whose
birth-date ranges do not overlap, or two different spouses asserted within a year of each other.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import date, timedelta

import sqlalchemy as sa

from ..model import Span
from .model import Conflict, EntityProfile, Fact, ProfileSummary

MAX_ARTICLES = 2000  # a profile reads at most this many (most recent) articles' rows
SPOUSE_WINDOW_DAYS = 365  # two spouses asserted this close together cannot both be current
KINDS = ("person", "organisation", "work", "place")


def slug(name: str) -> str:
    """A profile's id: its full name, lowercased, words joined by hyphens ("kanye-west")."""
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-")


def resolve(store, name_or_id: str) -> tuple[str, str] | None:
    """The (full name, kind) a name or profile id stands for, or None when nothing matches."""
    t = store.t
    asked = name_or_id.strip().lower()
    if not asked:
        return None
    wanted = list(dict.fromkeys([asked, asked.replace("-", " ")]))
    n, e = t["entity_names"], t["entities"]
    query = (
        sa.select(e.c.name, e.c.kind, sa.func.count().label("n"))
        .select_from(n.join(e, sa.and_(e.c.article_id == n.c.article_id, e.c.id == n.c.entity_id)))
        .where(n.c.name.in_(wanted))
        .group_by(e.c.name, e.c.kind)
    )
    with store._read() as conn:
        rows = conn.execute(query).all()
    if not rows:
        return None
    by_name: Counter = Counter()
    kinds: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        key = row.name.lower()
        by_name[key] += row.n
        kinds[key][row.kind] += row.n
    # the exact full name wins; else the full name the short one most often stands for
    exact = [k for k in by_name if k in wanted or slug(k) == asked]
    full = max(exact or by_name, key=lambda k: (by_name[k], len(k.split())))
    display = max((r for r in rows if r.name.lower() == full), key=lambda r: r.n).name
    return display, kinds[full].most_common(1)[0][0]


def members(conn, store, full: str, kind: str) -> list[tuple[str, str]]:
    """(article_id, entity_id) of the entities that are this profile, newest articles first."""
    e, a = store.t["entities"], store.t["articles"]
    query = (
        sa.select(e.c.article_id, e.c.id)
        .select_from(e.join(a, a.c.id == e.c.article_id))
        .where(sa.func.lower(e.c.name) == full.lower(), e.c.kind == kind)
        .order_by(a.c.published.desc(), e.c.article_id)
        .limit(MAX_ARTICLES)
    )
    return [(row.article_id, row.id) for row in conn.execute(query)]


def profile(store, name_or_id: str) -> EntityProfile | None:
    resolved = resolve(store, name_or_id)
    if resolved is None:
        return None
    full, kind = resolved
    t = store.t
    with store._read() as conn:
        found = members(conn, store, full, kind)
        if not found:
            return None
        article_ids = sorted({a for a, _ in found})
        own = set(found)
        articles = _articles(conn, store, article_ids)
        aliases: Counter = Counter()
        for row in _in(conn, t["entities"], t["entities"].c.article_id, article_ids):
            if (row.article_id, row.id) in own:
                aliases.update(a for a in json.loads(row.aliases or "[]") if a.lower() != full.lower())
        texts = store.texts(article_ids)
        facts = _attribute_facts(conn, store, own, article_ids, articles, texts)
        facts += _relation_facts(conn, store, own, article_ids, articles, texts)
    facts.sort(key=lambda f: (f.published or "", f.kind, f.value))
    dates = [articles[a]["published"] for a in article_ids if articles[a]["published"]]
    born = _birth_range(facts)
    return EntityProfile(
        id=slug(full),
        name=full,
        kind=kind,
        aliases=[a for a, _ in aliases.most_common(12)],
        articles=len(article_ids),
        first_seen=min(dates, default=None),
        last_seen=max(dates, default=None),
        facts=facts,
        born=born,
        conflicts=_age_conflicts(facts) + _spouse_conflicts(facts),
    )


def profiles(store, query: str | None = None, limit: int = 20, offset: int = 0) -> list[ProfileSummary]:
    """The entities most written about (in how many articles), optionally those whose name
    contains `query`."""
    e, a = store.t["entities"], store.t["articles"]
    articles = sa.func.count(sa.distinct(e.c.article_id))
    select = (
        sa.select(
            sa.func.min(e.c.name).label("name"),
            e.c.kind,
            articles.label("articles"),
            sa.func.min(a.c.published).label("first_seen"),
            sa.func.max(a.c.published).label("last_seen"),
        )
        .select_from(e.join(a, a.c.id == e.c.article_id))
        .where(e.c.kind.in_(KINDS))
        .group_by(sa.func.lower(e.c.name), e.c.kind)
        .order_by(articles.desc(), sa.func.lower(e.c.name))
        .limit(limit)
        .offset(offset)
    )
    if query:
        select = select.where(sa.func.lower(e.c.name).contains(query.strip().lower(), autoescape=True))
    with store._read() as conn:
        rows = conn.execute(select).all()
    return [
        ProfileSummary(
            id=slug(r.name),
            name=r.name,
            kind=r.kind,
            articles=r.articles,
            first_seen=r.first_seen,
            last_seen=r.last_seen,
        )
        for r in rows
    ]


# -- reading rows -----------------------------------------------------------------------------


def _in(conn, table, column, values: list, *where):
    """Rows whose `column` is one of `values`, a page of ids per round trip."""
    for start in range(0, len(values), 500):
        yield from conn.execute(sa.select(table).where(column.in_(values[start : start + 500]), *where))


def _articles(conn, store, ids: list[str]) -> dict[str, dict]:
    a = store.t["articles"]
    query = sa.select(a.c.id, a.c.published, a.c.outlet, a.c.title)
    out = {}
    for start in range(0, len(ids), 500):
        for row in conn.execute(query.where(a.c.id.in_(ids[start : start + 500]))):
            out[row.id] = {"published": row.published, "outlet": row.outlet, "title": row.title}
    return out


def _span(texts: dict[str, str], article_id: str, start, end) -> Span:
    text = texts.get(article_id, "")
    if start is None or end is None or end > len(text):
        return Span(start=0, end=0, text="")
    return Span.of(text, start, end)


def _attribute_facts(conn, store, own, ids, articles, texts) -> list[Fact]:
    t = store.t["attributes"]
    facts = []
    for row in _in(conn, t, t.c.article_id, ids):
        if (row.article_id, row.entity_id) not in own:
            continue
        meta = articles[row.article_id]
        fact = Fact(
            kind=row.name,
            value=row.value,
            article_id=row.article_id,
            span=_span(texts, row.article_id, row.start, row.end),
            published=meta["published"],
            outlet=meta["outlet"],
            as_of=row.as_of or meta["published"],
        )
        if row.name == "age":
            fact.derived = _born(row.value, fact.as_of) or {}
        facts.append(fact)
    return facts


def _relation_facts(conn, store, own, ids, articles, texts) -> list[Fact]:
    r, e = store.t["relations"], store.t["entities"]
    names = {(row.article_id, row.id): row.name for row in _in(conn, e, e.c.article_id, ids)}
    facts = []
    inverse = {"parent": "child", "child": "parent"}
    for row in _in(conn, r, r.c.article_id, ids):
        subject, obj = (row.article_id, row.subject), (row.article_id, row.object)
        if subject in own:
            predicate, other = row.predicate, obj
        elif obj in own:
            predicate, other = inverse.get(row.predicate, row.predicate), subject
        else:
            continue
        other_name = names.get(other)
        if other_name is None:
            continue
        meta = articles[row.article_id]
        facts.append(
            Fact(
                kind=predicate,
                value=other_name,
                object=slug(other_name),
                article_id=row.article_id,
                span=_span(texts, row.article_id, row.start, row.end),
                published=meta["published"],
                outlet=meta["outlet"],
                certainty=row.certainty,
                as_of=row.since,
            )
        )
    return facts


# -- what follows, and what cannot all hold ---------------------------------------------------


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _born(age: str, as_of: str | None) -> dict | None:
    """Someone aged `age` on `as_of` was born after as_of - (age + 1) years and on or before
    as_of - age years."""
    when = _date(as_of)
    try:
        years = int(age)
    except (TypeError, ValueError):
        return None
    if when is None or not 0 <= years < 130:
        return None

    def years_before(n: int) -> date:
        try:
            return when.replace(year=when.year - n)
        except ValueError:  # 29 February
            return when.replace(year=when.year - n, day=28)

    return {
        "born_after": (years_before(years + 1) + timedelta(days=1)).isoformat(),
        "born_before": years_before(years).isoformat(),
    }


def _fits(a: Fact, b: Fact) -> bool:
    """Whether two ages allow one birth date."""
    return not (
        a.derived["born_before"] < b.derived["born_after"] or b.derived["born_before"] < a.derived["born_after"]
    )


def _consensus(ages: list[Fact]) -> list[Fact]:
    """The ages that fit the age most others fit (the newest such age on a tie)."""
    anchor = max(ages, key=lambda a: (sum(_fits(a, b) for b in ages), a.published or ""))
    return [a for a in ages if _fits(anchor, a)]


def _birth_range(facts: list[Fact]) -> dict | None:
    """The birth dates the consensus ages allow."""
    ages = [f for f in facts if f.kind == "age" and f.derived]
    if not ages:
        return None
    agreed = _consensus(ages)
    after = max(a.derived["born_after"] for a in agreed)
    before = min(a.derived["born_before"] for a in agreed)
    return {"after": after, "before": before} if after <= before else None


def _age_conflicts(facts: list[Fact]) -> list[Conflict]:
    """Ages that do not fit the birth date most ages agree on. The consensus is the largest
    group of ages whose birth-date ranges all overlap; each other age is one conflict, shown
    beside the first fact of the consensus."""
    ages = [f for f in facts if f.kind == "age" and f.derived]
    if len(ages) < 2:
        return []
    consensus = _consensus(ages)
    conflicts: dict[tuple, Conflict] = {}
    for fact in ages:
        if fact in consensus:
            continue
        key = (fact.value, fact.derived["born_after"][:4])
        if key in conflicts:
            conflicts[key].facts.append(fact)
            continue
        agreed = consensus[0]
        born = _birth_range(consensus) or {"after": "?", "before": "?"}
        conflicts[key] = Conflict(
            kind="age",
            message=(
                f"aged {fact.value} on {fact.as_of} does not fit aged {agreed.value} on {agreed.as_of}"
                f" ({len(consensus)} of {len(ages)} ages agree on a birth date between"
                f" {born['after']} and {born['before']})"
            ),
            facts=[agreed, fact],
        )
    return list(conflicts.values())


def _spouse_conflicts(facts: list[Fact]) -> list[Conflict]:
    """Two different spouses asserted within a year of each other: not both current."""
    spouses = [f for f in facts if f.kind == "spouse" and f.certainty == "asserted" and _date(f.published)]
    conflicts, seen = [], set()
    for i, a in enumerate(spouses):
        for b in spouses[i + 1 :]:
            if a.object == b.object or (a.object, b.object) in seen:
                continue
            if abs((_date(a.published) - _date(b.published)).days) <= SPOUSE_WINDOW_DAYS:
                seen.update({(a.object, b.object), (b.object, a.object)})
                conflicts.append(
                    Conflict(
                        kind="spouse",
                        message=f"married to {a.value} ({a.published}) and to {b.value} ({b.published})",
                        facts=[a, b],
                    )
                )
    return conflicts
