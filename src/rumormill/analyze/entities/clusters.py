"""Step 3: the variants of a name become one cluster, later one entity.

    >>> doc = nlp("Kim Kardashian arrived. Later Kim smiled and Kardashian left. "
    ...           "The Securities Exchange Commission (SEC) said the SEC would look.")
    >>> names = collect_names(doc, sentences(doc)[1])
    >>> [c.words for c in cluster_people(doc, names)], [c.words for c in cluster_others(doc, names)]
    ([('Kim', 'Kardashian')], [('Securities', 'Exchange', 'Commission')])

People match by words in order, first and last name, or a short form ("Jess" for
"Jessica"); a span with another label whose text is a known person's name joins that
person ("West" tagged LOC). Other names match by normalised text or acronym.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ...model import Entity
from ._lexicon import QUOTE_MARKS, lexicon
from ._scan import hashes, tokens_where
from .names import Name, name_words

# After these, a single-word place stays a place even when a person has that name
# ("back in Chicago").
# "to", "from" and "of" are left out: "married to X", "split from X", "a friend of X".
_LOCATIVE = frozenset(
    {"in", "at", "near", "across", "outside", "inside", "around", "into", "toward", "towards", "via", "through"}
)


@dataclass
class Cluster:
    kind: str
    names: list[Name] = field(default_factory=list)
    gender_votes: Counter = field(default_factory=Counter)
    entity: Entity | None = None
    _words: tuple[str, ...] = ()
    _words_for: int = -1

    @property
    def words(self) -> tuple[str, ...]:
        """The longest name's words; cached until a name is added."""
        if self._words_for != len(self.names):
            self._words, self._words_for = max((n.words for n in self.names), key=len), len(self.names)
        return self._words

    def first_mention(self) -> int:
        return min(n.start for n in self.names)


def _quoted_nickname(doc: Doc, name: Name) -> bool:
    """ "dubbing her "Kris Jong Un"": a person name alone in quotes is a nickname, not a person."""
    return (
        name.start > 0
        and name.end < len(doc)
        and doc[name.start - 1].text in QUOTE_MARKS
        and doc[name.end].text in QUOTE_MARKS
    )


def _headline_runs(doc: Doc, people: list[Name]) -> None:
    """ "Kim Hiring New Team To Seem More Political", "Kanye West Hire Sex Coach" in a Title
    Case headline: a person name of three or more words that begins with another person's
    full name (or first name) and whose other words name nobody else is that name run on
    into the headline (two words at least: "Kim Kardashian West" is her name); it is cut
    back to the name."""
    first_names = lexicon().first_names
    for name in people:
        if len(name.words) < 3:
            continue
        others = [n.words for n in people if n is not name and len(n.words) > 1]
        keep = max((k for k in range(2, len(name.words)) if name.words[:k] in others), default=0)
        if not keep and name.words[1] not in first_names and any(w[0] == name.words[0] for w in others):
            if not any(set(name.words[1:]) & set(words) for words in others):
                keep = 1
        if not keep or len(name.words) - keep < 2 or any(set(name.words[keep:]) & set(words) for words in others):
            continue  # one more word is a name's part ("Kim Kardashian West"), not a headline
        end, seen = name.start, 0
        while end < name.end and seen < keep:
            seen += doc[end].text == name.words[seen]
            end += 1
        name.end, name.words = end, name.words[:keep]


def cluster_people(doc: Doc, names: list[Name]) -> list[Cluster]:
    people = [n for n in names if n.kind == "person" and not _quoted_nickname(doc, n)]
    _headline_runs(doc, people)
    clusters: list[Cluster] = []
    # Full names first, so that "Kim" finds "Kim Kardashian" even when it comes first.
    for name in sorted((n for n in people if len(n.words) > 1), key=lambda n: (-len(n.words), n.start)):
        match = next((c for c in clusters if _same_person(name.words, c.words)), None)
        if match is None:
            match = Cluster("person")
            clusters.append(match)
        match.names.append(name)
    singles = [n for n in people if len(n.words) == 1]
    for name in singles:
        word = name.words[0]
        match = (
            _surname_owner(doc, people, _clusters_with_word(clusters, word), name.start)
            or _short_form(clusters, word)
            or _misspelt(clusters, word)
            or _initials_of(clusters, word)
            or _closest([c for c in clusters if len(c.words) > 2 and word in c.words[1:-1]], name.start)
        )  # "Lula" in "Luiz Inacio Lula da Silva"
        if match is None:
            match = Cluster("person")
            clusters.append(match)
        match.names.append(name)
    # Other labels whose text is a person's name ("West" as LOC, "Kanye West" as FAC).
    for name in names:
        if name.kind == "person" or name.source != "ner":
            continue
        if len(name.words) == 1 and name.kind == "place" and name.start > 0 and doc[name.start - 1].lower_ in _LOCATIVE:
            continue
        candidates = [c for c in clusters if c.words == name.words] or (
            _clusters_with_word(clusters, name.words[0]) if len(name.words) == 1 else []
        )
        if not candidates and len(name.words) == 1 and name.kind != "place":
            # "Damian" as ORG; "DJT" for Donald J. Trump
            found = _misspelt(clusters, name.words[0]) or _initials_of(clusters, name.words[0])
            candidates = [found] if found is not None else []
        match = (
            _surname_owner(doc, names, candidates, name.start)
            if len(name.words) == 1
            else _closest(candidates, name.start)
        )
        if match is not None:
            name.kind = "person"
            match.names.append(name)
    _add_untagged_names(doc, names, clusters)
    return clusters


def _add_untagged_names(doc: Doc, names: list[Name], clusters: list[Cluster]) -> None:
    """Proper nouns that spaCy left out or tagged DATE ("Morrow and Vance married") but
    that are a known person's first name or surname."""
    covered = {t for n in names for t in range(n.start, n.end)}
    by_word: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        words = cluster.words
        for word in set(words if len(words) > 2 else (words[0], words[-1])):
            by_word.setdefault(word, []).append(cluster)
    if not by_word:
        return
    skip_to = 0
    for i in tokens_where(doc, "ORTH", hashes(by_word)):
        token = doc[i]
        # spaCy tags a surname that ends in -s as a plural noun ("Soules", NNS)
        found = by_word.get(token.text) if token.tag_.startswith("NN") and i not in covered and i >= skip_to else None
        if not found or (i > 0 and doc[i - 1].lower_ in ("the", "a", "an")):
            continue
        match = _surname_owner(doc, names, found, i)
        end = i + 1
        while end < len(doc) and end not in covered and doc[end].text in match.words and doc[end].tag_.startswith("NN"):
            end += 1
        name = Name(i, end, "person", "context", words=name_words(doc, i, end))
        match.names.append(name)
        names.append(name)
        skip_to = end


def _surname_owner(doc: Doc, names: list[Name], clusters: list[Cluster], position: int) -> Cluster | None:
    """The person a one-word name shared by several full names refers to ("Cruise" with Tom
    Cruise and Suri Cruise; "Weinstein" with Harvey and Bob): one called by it earlier in the
    same sentence, else the one called by it most often. News style calls the story's main person by
    surname and relatives by their first names, so the nearest mention is a weak guide: the
    person whose names use the word most often is meant, in a tie the one last called by it."""
    if len(clusters) <= 1:
        return clusters[0] if clusters else None
    sentence_start = doc[position].sent.start
    word = doc[position].text
    here = [c for c in clusters if any(sentence_start <= n.start < position and word in n.words for n in c.names)]
    if here:
        return _closest(here, position)
    uses = {id(c): sum(word in n.words for n in c.names) for c in clusters}
    most = max(uses.values())
    tied = [c for c in clusters if uses[id(c)] == most]
    if len(tied) == 1:
        return tied[0]
    # a tie goes to the person last called by the word ("Tom Cruise ... Cruise, 54")
    last = {id(c): max((n.start for n in c.names if word in n.words and n.start < position), default=-1) for c in tied}
    return max(tied, key=lambda c: last[id(c)]) if max(last.values()) >= 0 else _closest(tied, position)


def _one_edit(a: str, b: str) -> bool:
    """One letter changed ("Damien"/"Damian") or two neighbours swapped ("Weinstien")."""
    if len(a) != len(b) or a == b:
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _misspelt(clusters: list[Cluster], word: str) -> Cluster | None:
    """A one-word name that no person has but that is one slip away from exactly one
    person's first name or surname ("Damien" for Damian Hurley, "Weinstien"): a typo.
    Short names are left alone ("Harry" and "Barry" are two people)."""
    if len(word) < 6:
        return None
    found = [
        c
        for c in clusters
        if any(w[0] == word[0] and _one_edit(w, word) for w in (c.words[0], c.words[-1]) if len(w) == len(word))
    ]
    return found[0] if len(found) == 1 else None


def _initials_of(clusters: list[Cluster], word: str) -> Cluster | None:
    """ "DJT" for Donald J. Trump, "JFK" for John F. Kennedy: an all-capitals word of three or
    four letters that spells the initials of exactly one full name of three words or more
    (two letters are too often something else: "LA", "UK")."""
    if not (3 <= len(word) <= 4 and word.isalpha() and word.isupper()):
        return None
    found = [
        c
        for c in clusters
        if len(c.words) >= 3 and len(c.words) == len(word) and "".join(w[0] for w in c.words).upper() == word
    ]
    return found[0] if len(found) == 1 else None


def _short_form(clusters: list[Cluster], word: str) -> Cluster | None:
    """ "Jess" for "Jessica Simpson", "Nic" for "Nicole Kidman": a word that begins exactly
    one full name's first name (three letters at least, so "Al" finds nobody), or a pet form
    of it ("Liz" for "Elizabeth Hurley", `entity_nicknames.txt`)."""
    full_forms = lexicon().nicknames.get(word, frozenset())
    found = [
        c
        for c in clusters
        if len(c.words) > 1
        and c.words[0] != word
        and (len(word) >= 3 and c.words[0].startswith(word) or c.words[0] in full_forms)
    ]
    return found[0] if len(found) == 1 else None


def _suffix(words: tuple[str, ...]) -> str | None:
    last = words[-1].rstrip(".")
    return last if len(words) > 1 and last in lexicon().name_suffixes else None


def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    particles = lexicon().name_particles
    return tuple(w.lower() if w.lower() in particles else w for w in words)


def _same_person(words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """ "Kim Kardashian" ~ "Kim Kardashian West" (in-order subset) ~ "Kim K. West" (first and
    last); "Alexis Ohanian" is not "Alexis Olympia Ohanian Jr." (a suffix only one name has)."""
    if _suffix(words) != _suffix(other):
        return False
    words, other = _folded(words), _folded(other)  # "De Rossi" ~ "Portia de Rossi"
    if words[0] == other[0] and words[-1] == other[-1]:
        return True
    it = iter(other)
    return all(word in it for word in words)


def _clusters_with_word(clusters: list[Cluster], word: str) -> list[Cluster]:
    found = []
    for cluster in clusters:
        words = cluster.words
        if word == words[0] or word == words[-1]:
            found.append(cluster)
    return found


def _closest(clusters: list[Cluster], position: int) -> Cluster | None:
    """The cluster whose mention lies nearest before `position` (else nearest after)."""
    if len(clusters) <= 1:
        return clusters[0] if clusters else None

    def distance(cluster: Cluster) -> tuple[int, int]:
        before = [position - n.start for n in cluster.names if n.start <= position]
        if before:
            return 0, min(before)
        return 1, min(n.start - position for n in cluster.names)

    return min(clusters, key=distance)


def _org_key(words: tuple[str, ...]) -> str:
    return re.sub(r"[^0-9a-z]", "", "".join(words).lower())


def cluster_others(doc: Doc, names: list[Name]) -> list[Cluster]:
    """Organisations, places, works: same normalised text, or an acronym of a longer name
    ("Securities Exchange Commission (SEC)")."""
    clusters: dict[str, Cluster] = {}
    order: list[Cluster] = []
    for name in names:
        if name.kind == "person":
            continue
        key = _org_key(name.words)
        cluster = clusters.get(key)
        if cluster is None:
            cluster = Cluster(name.kind)
            clusters[key] = cluster
            order.append(cluster)
        cluster.names.append(name)
    initials: dict[str, Cluster] = {}
    for cluster in order:
        words = [w for w in cluster.words if w[:1].isupper()]
        if len(words) >= 2:
            initials.setdefault("".join(w[0] for w in words).lower(), cluster)
    merged: list[Cluster] = []
    for cluster in order:
        words = cluster.words
        target = initials.get(words[0].lower()) if len(words) == 1 and words[0].isupper() else None
        if target is not None and target is not cluster:
            target.names.extend(cluster.names)
        else:
            merged.append(cluster)
    for cluster in merged:
        cluster.kind = (
            Counter(n.kind for n in cluster.names if n.source != "ner").most_common(1)[0][0]
            if any(n.source != "ner" for n in cluster.names)
            else Counter(n.kind for n in cluster.names).most_common(1)[0][0]
        )
    return merged
