"""Steps 5-6: one left-to-right pass maps names, pronouns, descriptors and kinship phrases
to entities and records ages and roles.

"Kanye West said he would run." -> `ctx.token_entity == {0: 'e1', 1: 'e1', 3: 'e1'}`.
Only names and cue words are visited (`_scan`), each handed to its module: `pronouns`,
`groups`, `kin`, `descriptors`, `attributes`.
"""

from __future__ import annotations

from ..context import Context
from ._lexicon import lexicon, pronoun
from ._scan import lexicon_hashes, sentences, token_arrays, tokens_where
from .attributes import add_role, name_attributes, role_phrase
from .clusters import Cluster
from .descriptors import add_descriptor, age_descriptor, descriptor_at, indefinite, resolve_descriptor
from .groups import GROUPS, resolve_group_noun, resolve_plural, track_group
from .kin import kin_phrase
from .names import Name
from .pronouns import resolve_pronoun
from .salience import State, note, see
from .speakers import quote_speakers


def resolve(ctx: Context, clusters: list[Cluster], genders: dict[int, str | None]) -> None:
    """Step 5-6: one left-to-right pass over the tokens."""
    doc = ctx.doc
    lex = lexicon()
    sentence_of = sentences(doc)[0]
    state = State(ctx, sentence_of, kinds={}, genders={}, entities={e.id: e for e in ctx.entities})
    name_at: dict[int, str] = {}  # first token of a name mention -> entity id
    names_by_start: dict[int, tuple[Name, str]] = {}
    all_name_tokens: set[int] = set()
    work_tokens: set[int] = set()
    for cluster in clusters:
        eid = cluster.entity.id
        state.kinds[eid] = cluster.kind
        state.genders[eid] = genders.get(id(cluster))
        for name in cluster.names:
            names_by_start[name.start] = (name, eid)
            for t in range(name.start, name.end):
                name_at[t] = eid
                all_name_tokens.add(t)
                if cluster.kind == "work":
                    work_tokens.add(t)
    state.names_ahead = name_at
    state.quote_speaker = quote_speakers(doc, {t: e for t, e in name_at.items() if state.kinds[e] == "person"})
    published = ctx.published.isoformat() if ctx.published else None
    taken = work_tokens | all_name_tokens
    # the tokens worth a look, in text order: names, cue words, plural subjects ("officials
    # said they" must not go to the last organisation)
    cues = tokens_where(doc, "LOWER", lexicon_hashes("resolve"))
    subject_deps = lexicon_hashes("subject_deps")
    deps = token_arrays(doc)["DEP"]
    plural_subjects = {i for i in tokens_where(doc, "TAG", lexicon_hashes("plural_tags")) if deps[i] in subject_deps}
    visit = sorted(set(cues) | plural_subjects | names_by_start.keys())
    skip_to = 0
    for i in visit:
        if i < skip_to:
            continue
        token = doc[i]
        lower = token.lower_
        if i in names_by_start:
            name, eid = names_by_start[i]
            entity = state.entities[eid]
            note(
                state, eid, name.start, name.end, "name" if doc[name.start : name.end].text == entity.name else "alias"
            )
            name_attributes(state, entity, name, published)
            track_group(state, doc[name.start : name.end].root, eid)
            skip_to = name.end
            continue
        if i in all_name_tokens:
            continue
        found = pronoun(token)
        if found is not None:
            gender, number, form = found
            if number == "sg":
                eid = resolve_pronoun(state, token, gender, form)
                if eid is not None:
                    note(state, eid, i, i + 1, "pronoun")
                    if state.genders.get(eid) is None and gender in ("m", "f"):
                        state.genders[eid] = gender  # "Kris Jenner ... her": later pronouns agree
            else:
                resolve_plural(state, token)
            continue
        if lower in lex.groups and i > 0 and doc[i - 1].lower_ in ("the", "both"):
            resolve_group_noun(state, token)
        elif lower in lex.kinship:
            kin_phrase(state, token, name_at)
            if token.i in ctx.token_entity:
                track_group(state, token, ctx.token_entity[token.i])
        elif lower in lex.roles:
            if lex.roles[lower][0] == "person" and indefinite(doc, i):
                pseudo = f"~{i}"
                state.kinds[pseudo] = "person"
                state.genders[pseudo] = lex.roles[lower][1] if lex.roles[lower][1] != "-" else None
                state.indefinites[lower] = (sentence_of[i], pseudo)
                see(state, pseudo, token)
            desc = descriptor_at(doc, i, work_tokens, all_name_tokens)
            if desc is not None:
                eid = resolve_descriptor(state, desc, name_at)
                if eid is not None:
                    add_descriptor(state, eid, desc, taken, published)
            elif i + 1 in name_at and lex.roles[lower][0] == state.kinds[name_at[i + 1]] and lower not in lex.generic:
                role = role_phrase(doc, i)  # "rapper Meek Mill", "UK firm Phytopharm"
                add_role(state, name_at[i + 1], role, i + 1)
        elif lower == "old":
            desc = age_descriptor(doc, i)
            if desc is not None:
                eid = resolve_descriptor(state, desc, name_at)
                if eid is not None:
                    add_descriptor(state, eid, desc, taken, published)
        if i in plural_subjects and i not in ctx.token_entity:
            state.last_plural_noun = i
    if state.groups:
        doc.user_data[GROUPS] = dict(state.groups)
