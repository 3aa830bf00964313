"""Step 4: the gender of each person cluster, by votes.

"Mrs Smith said she was happy." gives Smith 'f': the title counts two votes, "said she"
one. Titles, kinship and role nouns, "X and her" and reflexives count two, "X said she"
and the first-name lexicon one; a tie leaves the gender unknown (None).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ._lexicon import lexicon, pronoun
from ._scan import lexicon_hashes, tokens_where
from ._syntax import SUBJECT_DEPS, clause_subject
from .clusters import Cluster


def vote_genders(doc: Doc, clusters: list[Cluster], name_at: dict[int, Cluster]) -> dict[int, str | None]:
    """Gender per person cluster (by id()): text cues count twice, the name list once."""
    lex = lexicon()
    for cluster in clusters:
        for name in cluster.names:
            if name.gender in ("m", "f"):
                cluster.gender_votes[name.gender] += 2
            # "X and her husband": the possessive right after "X and" is X's.
            j = name.end
            if j + 1 < len(doc) and doc[j].lower_ == "and":
                found = pronoun(doc[j + 1])
                if found and found[2] == "poss" and found[0] in ("m", "f"):
                    cluster.gender_votes[found[0]] += 2
            # "actress Jane Doe", "her husband Kanye West", "Jane Doe, the actress"
            before = doc[name.start - 1] if name.start > 0 else None
            for cue in (
                before,
                doc[j + 2] if j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ == "the" else None,
            ):
                if cue is None:
                    continue
                gender = (lex.kinship.get(cue.lower_) or ("", "-"))[1]
                if gender == "-":
                    gender = lex.roles.get(cue.lower_, ("", "-"))[1]
                if gender in ("m", "f"):
                    cluster.gender_votes[gender] += 2
    for i in tokens_where(doc, "LOWER", lexicon_hashes("pronouns")):
        token = doc[i]
        found = pronoun(token)
        if found is None or found[0] not in ("m", "f"):
            continue
        subject = None
        if found[2] == "refl":  # "Kim ... by herself": the clause's subject
            subject = clause_subject(token)
        elif found[2] == "subj" and token.dep_ in SUBJECT_DEPS and token.head.dep_ == "ccomp":
            subject = clause_subject(token.head.head)  # "Kim said she ..."
        cluster = name_at.get(subject.i) if subject is not None else None
        if cluster is not None:
            cluster.gender_votes[found[0]] += 2 if found[2] == "refl" else 1
    genders = {}
    for cluster in clusters:
        first = cluster.words[0]
        listed = lex.first_names.get(first)
        if listed in ("m", "f"):
            cluster.gender_votes[listed] += 1
        ranked = cluster.gender_votes.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            genders[id(cluster)] = ranked[0][0]
        else:
            genders[id(cluster)] = None
    return genders
