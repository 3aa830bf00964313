"""Two small articles with a known life: a rumour about a fictional singer, then her
spokesperson's denial on the record the next day. The people and outlets are fictional."""

from __future__ import annotations

from rumormill.model import Article

RUMOUR = (
    "Pop star Nora Quill and her husband Elias Brandt have split after five years of marriage, the Evening Bell"
    " can reveal.\n\n"
    "The singer, 31, moved out of the couple's Aspen home last month, while the actor has been staying with"
    " friends in Boston.\n\n"
    '"They have been living separate lives since the spring," an insider told the Evening Bell.'
)

DENIAL = (
    "Nora Quill's spokesperson has denied reports that the singer has split from her husband Elias Brandt.\n\n"
    '"Nora and Elias are not separating. The story is completely false," the spokesperson said in a statement'
    " on Monday.\n\n"
    "The Evening Bell reported on Sunday that the couple had split after five years of marriage."
)


def rumour() -> Article:
    return Article(
        text=RUMOUR,
        outlet="Evening Bell",
        url="https://bell.example/quill-brandt-split",
        published="2025-05-04",
        title="Nora Quill and Elias Brandt split after five years",
    )


def denial() -> Article:
    return Article(
        text=DENIAL,
        outlet="Morning Crier",
        url="https://crier.example/quill-denial",
        published="2025-05-05",
        title="Nora Quill's <b>spokesperson</b> denies split & rumours",
    )
