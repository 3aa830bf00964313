"""Entity profiles: one real-world entity across the stored articles, every fact with provenance.

Each article resolves its own entities (names, aliases, descriptors, pronouns) into one `Entity`
with the fullest name it saw. Across articles, one person may still go by several full names:
a middle name ("Kanye Omari West"), a married name ("Kim Kardashian West"), an initial ("Kim
K."). Names that share the first word, where every word of the shorter one is a word (or the
initial of a word) of the longer one in order, are one profile, under the form most articles use.
An article that names a person by the first name alone ("Kim") joins the profile its own full
names, or else its story's, define with that first name, when they define exactly one. A short
name asked for ("Kanye") resolves to the full name it most often stands for. The profile is read
from the store's rows on request, so it is never stale:

    >>> profile(store, "Kanye")          # the profile of "Kanye West"
    >>> profile(store, "kanye-west")     # the same, by id

Facts are the articles' attributes (age, role) and relations, each with the article, the span
and the publication date. A relation fact names what the other person is to this one: on Kim
Kardashian's profile "parent: Kris Jenner" and "child: North". What follows from the facts is
derived (an age as of a date bounds the birth date; a spouse is current on a date, married on a
date, or history), and facts that cannot all hold are flagged as conflicts: ages whose birth-date
ranges do not overlap, and two spouses current at one date. A former spouse is history, not a
conflict.
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
SPOUSE_WINDOW_DAYS = 30  # two marriages said to hold this close together are both current at one date
KINDS = ("person", "organisation", "work", "place")
LIST_WINDOW = 200  # the listing merges a person's names among this many names most written about


def slug(name: str) -> str:
    """A profile's id: its full name, lowercased, words joined by hyphens ("kanye-west")."""
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-")


def resolve(store, name_or_id: str) -> tuple[str, str] | None:
    """The (profile name, kind) a name or profile id stands for, or None when nothing matches."""
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
    with store.reading() as conn:
        rows = conn.execute(query).all()
        if not rows:
            return None
        by_name: Counter = Counter()
        kinds: dict[str, Counter] = defaultdict(Counter)
        for row in rows:
            key = row.name.lower()
            by_name[key] += row.n
            kinds[key][row.kind] += row.n
        # the exact name wins (not a person's first name alone); else the full name the short
        # one most often stands for ("Kanye": Kanye West; "Paris": the city, when it is one)
        exact = [
            k
            for k in by_name
            if (k in wanted or slug(k) == asked) and (len(k.split()) > 1 or kinds[k].most_common(1)[0][0] != "person")
        ]
        full = max(exact or by_name, key=lambda k: (by_name[k], len(k.split())))
        kind = kinds[full].most_common(1)[0][0]
        if kind == "person":
            full = canonical_names(_name_counts(conn, store, [full], kind)).get(full, full)
        display = _display(conn, store, full, kind)
    return display, kind


# -- one person, several names ----------------------------------------------------------------

# words after the surname that do not make another person
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# before a full name, a courtesy title that is not part of it ("Mrs Prince William", "Lady
# Michelle Obama"); "Prince", "Queen", "Lady Gaga" stay: they are the name, or all of it
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lady", "lord"})
# "Kim Kardashian & Kate Middleton": two people in one name (a tagging slip), never merged
_JOINED = re.compile(r"&|\band\b|\bwith\b|,", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2018\u2019\u02bc`]s?$")


def name_words(name: str) -> tuple[str, ...]:
    """The words a person's name is compared by: lowercased, a possessive and punctuation
    dropped, a suffix ("Jr.", "III") and a courtesy title ("Mrs") dropped from a longer name; ()
    for a name that joins two people."""
    if _JOINED.search(name):
        return ()
    words = [_POSSESSIVE.sub("", w) for w in name.lower().split()]
    words = [w.strip(".-'\u2018\u2019\"") for w in words]
    words = [w for w in words if any(c.isalnum() for c in w)]  # not "//" or "-"
    while len(words) > 2 and words[-1] in _SUFFIXES:
        words.pop()
    while len(words) > 2 and words[0] in _HONORIFICS:
        words.pop(0)
    return tuple(words)


def _word_fits(short: str, long: str) -> bool:
    """A word of the shorter name fits a word of the longer: the same, or its initial ("K")."""
    return short == long or (len(short) == 1 and long.startswith(short))


def variant_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether the shorter full name can be the longer one: the same first word, and every
    other word of it a word of the longer (or that word's initial), in order: "Kanye West" of
    "Kanye Omari West", "Kim K" of "Kim Kardashian", "Kim Kardashian" of "Kim Kardashian West"."""
    if len(short) < 2 or len(short) > len(long) or short[0] != long[0]:
        return False
    j = 1
    for word in short[1:]:
        while j < len(long) and not _word_fits(word, long[j]):
            j += 1
        if j == len(long):
            return False
        j += 1
    return True


def canonical_names(counts: dict[str, int]) -> dict[str, str]:
    """Each lowercased full name -> the name of its profile: the name most articles use among
    the names it can be (a variant of either way), followed to the end of the chain ("kim
    kardashian west" -> "kim kardashian", "kim k." -> "kim kardashian"). One-word names stay
    as they are: a first name alone could be anyone."""
    words = {name: name_words(name) for name in counts}

    def rank(name: str) -> tuple:
        # more articles, then two words (a middle name is the exception), then the shorter
        return (counts[name], -abs(len(words[name]) - 2), -len(name), name)

    best = {}
    for name, own in words.items():
        fits = [
            other
            for other, theirs in words.items()
            if other != name and len(own) >= 2 and len(theirs) >= 2
            and (own == theirs or variant_of(own, theirs) or variant_of(theirs, own))
        ]  # fmt: skip
        top = max(fits, key=rank, default=None)
        best[name] = top if top is not None and rank(top) > rank(name) else name
    out = {}
    for name in counts:
        seen, current = {name}, name
        while best[current] not in seen:
            current = best[current]
            seen.add(current)
        out[name] = current
    return out


def _named(conn, store, condition, kind: str) -> list[tuple[str, str, str, str]]:
    """(article_id, entity_id, lowercased name, name as written) of the entities of `kind` whose
    own name (not an alias) meets `condition` on the lowercased `entity_names.name`: looked up
    through that table's index, not by lowercasing every entity's name."""
    n, e = store.t["entity_names"], store.t["entities"]
    query = (
        sa.select(n.c.article_id, n.c.entity_id, n.c.name, e.c.name.label("written"))
        .select_from(n.join(e, sa.and_(e.c.article_id == n.c.article_id, e.c.id == n.c.entity_id)))
        .where(condition, e.c.kind == kind)
    )
    return [
        (row.article_id, row.entity_id, row.name, row.written)
        for row in conn.execute(query)
        if row.written.strip().lower() == row.name
    ]


def _starts_with(store, column, prefix: str):
    """`column` starts with `prefix`: a range the index answers on SQLite (whose text order is
    by bytes), LIKE elsewhere (a collation may order spaces otherwise)."""
    if store.engine.dialect.name == "sqlite":
        return sa.and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))
    return column.startswith(prefix, autoescape=True)


def _name_counts(conn, store, names: list[str], kind: str) -> dict[str, int]:
    """Articles per lowercased full name, for every full name that shares a first word with one
    of `names` (the names any of them can be a variant of)."""
    column = store.t["entity_names"].c.name
    firsts = sorted({w[0] for w in map(name_words, names) if w})
    articles: dict[str, set[str]] = {name.lower(): set() for name in names}
    for start in range(0, len(firsts), 50):
        chunk = firsts[start : start + 50]
        near = sa.or_(*(sa.or_(column == f, _starts_with(store, column, f + " ")) for f in chunk))
        for article_id, _, name, _ in _named(conn, store, near, kind):
            articles.setdefault(name, set()).add(article_id)
    return {name: len(ids) for name, ids in articles.items()}


def _display(conn, store, full: str, kind: str) -> str:
    """The most frequent spelling of a lowercased name as the articles write it."""
    spellings = Counter(w for _, _, _, w in _named(conn, store, store.t["entity_names"].c.name == full.lower(), kind))
    return max(spellings, key=lambda w: (spellings[w], w)) if spellings else full


def members(conn, store, full: str, kind: str) -> list[tuple[str, str]]:
    """(article_id, entity_id) of the entities that are this profile, newest articles first:
    its own name, the names that are variants of it, and first names that their article or
    story defines as it."""
    names = [full.lower()]
    first_only: list[tuple[str, str]] = []
    if kind == "person":
        canonical = canonical_names(_name_counts(conn, store, [full], kind))
        target = canonical.get(full.lower(), full.lower())
        names = [n for n, c in canonical.items() if c == target]
        first_only = _defined_first_names(conn, store, target, kind)
    found = [(a, i) for a, i, _, _ in _named(conn, store, store.t["entity_names"].c.name.in_(names), kind)]
    found += first_only
    dates = _articles(conn, store, sorted({a for a, _ in found}))
    found.sort(key=lambda m: m)  # newest first, then by article id
    found.sort(key=lambda m: dates.get(m[0], {}).get("published") or "", reverse=True)
    return found[:MAX_ARTICLES]


def _defined_first_names(conn, store, target: str, kind: str) -> list[tuple[str, str]]:
    """Entities named by `target`'s first word alone whose article, or else whose story,
    names exactly one person with that first word in full, and that person is `target`."""
    words = name_words(target)
    if len(words) < 2:
        return []
    first = words[0]
    e, placed = store.t["entities"], store.table("story_articles")
    alone = [(a, i) for a, i, _, _ in _named(conn, store, store.t["entity_names"].c.name == first, kind)]
    if not alone:
        return []
    article_ids = sorted({a for a, _ in alone})
    stories: dict[str, str] = {}
    for row in _in(conn, placed, placed.c.article_id, article_ids):
        stories[row.article_id] = row.story_id
    story_members: dict[str, list[str]] = defaultdict(list)
    for row in _in(conn, placed, placed.c.story_id, sorted(set(stories.values()))):
        story_members[row.story_id].append(row.article_id)
    every = sorted(set(article_ids) | {m for ms in story_members.values() for m in ms})
    full_names: dict[str, set[str]] = defaultdict(set)  # article -> full names with that first word
    for row in _in(conn, e, e.c.article_id, every, e.c.kind == kind):
        name = row.name.strip().lower()
        if name.startswith(first + " "):
            full_names[row.article_id].add(name)
    canonical = canonical_names(_name_counts(conn, store, sorted({n for ns in full_names.values() for n in ns}), kind))

    def defines(article_ids: list[str]) -> set[str]:
        return {canonical.get(n, n) for a in article_ids for n in full_names.get(a, ())}

    out = []
    for article_id, entity_id in alone:
        defined = defines([article_id])
        if not defined and article_id in stories:
            defined = defines(story_members[stories[article_id]])
        if defined == {target}:
            out.append((article_id, entity_id))
    return out


def profile(store, name_or_id: str) -> EntityProfile | None:
    resolved = resolve(store, name_or_id)
    if resolved is None:
        return None
    full, kind = resolved
    t = store.t
    with store.reading() as conn:
        found = members(conn, store, full, kind)
        if not found:
            return None
        article_ids = sorted({a for a, _ in found})
        own = set(found)
        articles = _articles(conn, store, article_ids)
        aliases: Counter = Counter()
        for row in _in(conn, t["entities"], t["entities"].c.article_id, article_ids):
            if (row.article_id, row.id) in own:
                names = [row.name, *json.loads(row.aliases or "[]")]
                aliases.update(set(a for a in names if a.lower() != full.lower()))
        texts = store.texts(article_ids)
        facts = _attribute_facts(conn, store, own, article_ids, articles, texts)
        facts += _relation_facts(conn, store, own, article_ids, articles, texts, (full, kind))
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
    contains `query`. A person's names are one profile (see `canonical_names`), merged among
    the `LIST_WINDOW` names (or five pages' worth) most written about."""
    e, a = store.t["entities"], store.t["articles"]
    articles = sa.func.count(sa.distinct(e.c.article_id))
    lowered = sa.func.lower(e.c.name)
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
        .group_by(lowered, e.c.kind)
        .order_by(articles.desc(), lowered)
        .limit(max(LIST_WINDOW, 5 * (offset + limit)))
    )
    if query:
        select = select.where(lowered.contains(query.strip().lower(), autoescape=True))
    with store.reading() as conn:
        rows = conn.execute(select).all()
        people = {r.name.lower(): r.articles for r in rows if r.kind == "person"}
        canonical = canonical_names(people)
        groups: dict[tuple[str, str], list] = defaultdict(list)
        for r in rows:
            key = canonical.get(r.name.lower(), r.name.lower()) if r.kind == "person" else r.name.lower()
            groups[(key, r.kind)].append(r)
        summaries = []
        for (key, kind), members_ in groups.items():
            head = next((r for r in members_ if r.name.lower() == key), members_[0])
            if len(members_) == 1:
                count, first, last = head.articles, head.first_seen, head.last_seen
            else:  # one article may hold two of the names: count articles again
                names = [r.name.lower() for r in members_]
                count, first, last = conn.execute(
                    sa.select(articles, sa.func.min(a.c.published), sa.func.max(a.c.published))
                    .select_from(e.join(a, a.c.id == e.c.article_id))
                    .where(lowered.in_(names), e.c.kind == kind)
                ).one()
            summaries.append(
                ProfileSummary(
                    id=slug(head.name),
                    name=head.name,
                    kind=kind,
                    articles=count,
                    first_seen=first,
                    last_seen=last,
                )
            )
    summaries.sort(key=lambda p: (-p.articles, p.name.lower()))
    return summaries[offset : offset + limit]


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


# What the other person is to this profile, by the side of the stored relation it is on:
# (P, "parent", C) is "child: C" on P's profile and "parent: P" on C's.
_AS_SUBJECT = {"parent": "child", "grandparent": "grandchild", "child": "parent", "grandchild": "grandparent"}
_AS_OBJECT = {"parent": "parent", "grandparent": "grandparent", "child": "child", "grandchild": "grandchild"}


def _relation_facts(conn, store, own, ids, articles, texts, this: tuple[str, str]) -> list[Fact]:
    r, e = store.t["relations"], store.t["entities"]
    names = {(row.article_id, row.id): (row.name, row.kind) for row in _in(conn, e, e.c.article_id, ids)}
    rows = []
    for row in _in(conn, r, r.c.article_id, ids):
        subject, obj = (row.article_id, row.subject), (row.article_id, row.object)
        if subject in own and obj not in own:
            rows.append((row, _AS_SUBJECT.get(row.predicate, row.predicate), names.get(obj)))
        elif obj in own and subject not in own:
            rows.append((row, _AS_OBJECT.get(row.predicate, row.predicate), names.get(subject)))
    people = sorted({other[0].lower() for _, _, other in rows if other and other[1] == "person"})
    canonical = canonical_names(_name_counts(conn, store, people, "person")) if people else {}
    full = this[0].lower()
    shown: dict[str, str] = {}  # the other person's profile name, as most articles write it
    facts = []
    for row, kind, other in rows:
        if other is None:
            continue
        other_name, other_kind = other
        key = canonical.get(other_name.lower(), other_name.lower()) if other_kind == "person" else other_name
        if key == full:
            continue  # "Kim K." and "Kim Kardashian" in one article: one person, not a relation
        if other_kind == "person" and key not in shown:
            shown[key] = _display(conn, store, key, other_kind)  # "Kanye West", not "KANYE West raps"
        meta = articles[row.article_id]
        span = _span(texts, row.article_id, row.start, row.end)
        fact = Fact(
            kind=kind,
            value=shown.get(key, other_name),
            object=slug(key),
            article_id=row.article_id,
            span=span,
            published=meta["published"],
            outlet=meta["outlet"],
            certainty=row.certainty,
            as_of=row.since,
        )
        if kind == "spouse":
            fact.derived = _spouse_time(span.text, meta["published"], row.since)
            fact.derived["named"] = _names_spouse(span.text, other_name, this[0])
        facts.append(fact)
    return facts


# "her husband X", "X's wife": a kinship noun says the marriage holds when the article is written
_SPOUSE_NOUN = re.compile(r"\b(?:husband|wife|hubby|spouse|missus|husbands|wives)\b", re.IGNORECASE)
# "her late husband", "his then-wife", "her first husband": a marriage that is over
_PAST_NOUN = re.compile(
    r"\b(?:late|then|first|previous|old|one-time|onetime|erstwhile|estranged|ex|former)[\s-]+"
    r"(?:husband|wife|hubby|spouse)|\b(?:husband|wife|spouse) at the time\b",
    re.IGNORECASE,
)
# "is married to", "have been married since": a verb in the present says it holds
_PRESENT_VERB = re.compile(
    r"\b(?:is|are|'s|’s|has been|have been|'ve been|’ve been|remains?|stay(?:s|ed)?)\s+(?:\w+\s+)?(?:married|wed)\b",
    re.IGNORECASE,
)


def _spouse_time(evidence: str, published: str | None, since: str | None) -> dict:
    """When a spouse fact says the marriage held, from its words: a kinship noun ("her husband
    X") or a present verb ("is married to X") makes it current on the publication date; a
    wedding with its date ("married X in 2011") makes it current then, and says nothing about
    later; "her late husband", "his first wife" make it history."""
    derived: dict = {}
    if _PAST_NOUN.search(evidence):
        return {"history": True}
    if published and (_SPOUSE_NOUN.search(evidence) or _PRESENT_VERB.search(evidence)):
        derived["current_on"] = published[:10]
    if since and _period(since) is not None:
        derived["married_on"] = since
    return derived


def _name_in(words: tuple[str, ...], text: str) -> bool:
    """Whether a word of a name (not an initial) is written in the text, capitalised."""
    return any(len(w) > 1 and re.search(rf"\b{re.escape(w.capitalize())}\b", text) for w in words)


def _names_spouse(evidence: str, other: str, this: str) -> bool:
    """Whether the evidence names who is married to whom, well enough to weigh against another
    article: the other person's name is in it, and a kinship noun is followed by the name of
    the person it stands for ("her husband, Kanye West"; not "Beyoncé and her husband", where
    "husband" is whoever the article's coreference made of it)."""
    other_words, this_words = name_words(other), name_words(this)
    if not _name_in(other_words, evidence):
        return False
    noun = _SPOUSE_NOUN.search(evidence)
    if noun is None:
        return True
    after = " ".join(evidence[noun.end() :].replace(",", " ").split()[:4])
    return _name_in(other_words, after) or _name_in(this_words, after)


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


def _consensus(ages: list[Fact]) -> list[Fact]:
    """The largest group of ages that allow one birth date (the group with the newest age on a
    tie). Ranges on a line that overlap pairwise share a date, and a largest group shares the
    last day of one of its ranges: so try each range's last day."""

    def group(day: str) -> list[Fact]:
        return [a for a in ages if a.derived["born_after"] <= day <= a.derived["born_before"]]

    days = sorted({a.derived["born_before"] for a in ages})
    return max(
        (group(day) for day in days),
        key=lambda g: (len(g), max(a.published or "" for a in g)),
    )


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
    beside the consensus age nearest to it in time."""
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
        agreed = min(consensus, key=lambda a: abs((_date(a.as_of) - _date(fact.as_of)).days))  # the nearest
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


def _period(value: str | None) -> tuple[date, date] | None:
    """The first and last day of a partial ISO date ("2014", "2011-04", "2020-07-31")."""
    if not value:
        return None
    try:
        if len(value) >= 10:
            day = date.fromisoformat(value[:10])
            return day, day
        if len(value) == 7:
            first = date(int(value[:4]), int(value[5:7]), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def _same_spouse(a: Fact, b: Fact) -> bool:
    """One person under two names: the same profile, or a first or last name alone that is a
    word of the other's full name ("Kanye" and "Kanye West", "Kate" and "Kate Middleton")."""
    if a.object == b.object:
        return True
    x, y = name_words(a.value), name_words(b.value)
    if not x or not y:
        return False
    if len(x) == 1 and len(y) > 1:
        return x[0] in (y[0], y[-1])
    if len(y) == 1 and len(x) > 1:
        return y[0] in (x[0], x[-1])
    return False


def _spouse_spans(facts: list[Fact]) -> list[tuple[Fact, date, date, list[Fact]]]:
    """Each spouse with the dates the articles say the marriage held: (the first such fact,
    first date, last date, every such fact). A marriage reported as over ("her ex-husband",
    "divorced") is history from the first such report on: spouse facts on or after it tell of
    the past, and none of them makes it current."""
    spouses: list[list[Fact]] = []
    for fact in facts:
        if fact.kind not in ("spouse", "former_spouse") or fact.certainty != "asserted":
            continue
        group = next((g for g in spouses if _same_spouse(g[0], fact)), None)
        if group is None:
            spouses.append([fact])
        else:
            group.append(fact)
    out = []
    for group in spouses:
        ended = min(
            (_date(f.published) for f in group if f.kind == "former_spouse" and _date(f.published)), default=None
        )
        points = []
        if max(len(name_words(f.value)) for f in group) < 2:
            continue  # a first name alone could be anyone
        for fact in group:
            if fact.kind != "spouse" or fact.derived.get("history") or not fact.derived.get("named"):
                continue
            for value in (fact.derived.get("current_on"), fact.derived.get("married_on")):
                period = _period(value)
                if period is not None and (ended is None or period[0] < ended):
                    points.append((period, fact))
        if points:
            first = min(p[0][0] for p in points)
            last = max(p[0][1] for p in points)
            evidence = []
            for _, fact in sorted(points, key=lambda p: p[0]):
                if not any(fact is kept for kept in evidence):
                    evidence.append(fact)
            out.append((evidence[0], first, last, evidence))
    return out


def _spouse_conflicts(facts: list[Fact]) -> list[Conflict]:
    """Two spouses current at one date: the dates the articles say each marriage held overlap
    (within `SPOUSE_WINDOW_DAYS`), on the word of two different articles. A former spouse is
    history, not a conflict; a wedding years before another marriage is not one either."""
    spans = _spouse_spans(facts)
    window = timedelta(days=SPOUSE_WINDOW_DAYS)
    conflicts = []
    for i, (_, a_first, a_last, a_facts) in enumerate(spans):
        for _, b_first, b_last, b_facts in spans[i + 1 :]:
            if a_first > b_last + window or b_first > a_last + window:
                continue  # the quick test: no date of one is near a date of the other
            pair = _overlapping_pair(a_facts, b_facts, window)
            if pair is None:
                continue
            x, y = pair
            conflicts.append(
                Conflict(
                    kind="spouse",
                    message=(
                        f"married to {x.value} ({_held(x)}) and to {y.value} ({_held(y)}):"
                        " two spouses current at one date"
                    ),
                    facts=[x, y],
                )
            )
    return conflicts


def _held(fact: Fact) -> str:
    if fact.derived.get("current_on"):
        return f"current on {fact.derived['current_on']}"
    return f"married in {fact.derived.get('married_on')}"


def _overlapping_pair(a_facts: list[Fact], b_facts: list[Fact], window: timedelta) -> tuple[Fact, Fact] | None:
    """The closest pair of facts from two different articles whose dates put both marriages
    at one date, or None. One article naming two spouses is far more often a misread sentence
    ("her ex-husband" parsed as a husband, a photo credit) than a contradiction. Two weddings
    are never a pair: a wedding says the marriage began, not that the one before still held
    ("married in 1999" and "married in 2000" are two marriages in turn, or a misread date)."""
    best = None
    for x in a_facts:
        for y in b_facts:
            if x.article_id == y.article_id:
                continue
            if not (x.derived.get("current_on") or y.derived.get("current_on")):
                continue
            gap = _gap(_fact_period(x), _fact_period(y))
            if gap is not None and gap <= window and (best is None or gap < best[0]):
                best = (gap, x, y)
    return None if best is None else (best[1], best[2])


def _fact_period(fact: Fact) -> tuple[date, date] | None:
    return _period(fact.derived.get("current_on")) or _period(fact.derived.get("married_on"))


def _gap(x: tuple[date, date] | None, y: tuple[date, date] | None) -> timedelta | None:
    if x is None or y is None:
        return None
    if x[1] < y[0]:
        return y[0] - x[1]
    if y[1] < x[0]:
        return x[0] - y[1]
    return timedelta(0)
