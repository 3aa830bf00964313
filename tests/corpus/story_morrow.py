"""A small hand-built corpus with a known life: a rumour, its copies, a denial on record, then a
confirmation. The people and outlets are fictional.

2024-03-10  Daily Ledger breaks it: Lena Morrow and Theo Vance "have split" (an insider).
2024-03-11  Two outlets reprint the Ledger's text word for word; a third lightly rewrites it.
2024-03-11  Celeb Wire repeats it with "reportedly", and gets Morrow's age wrong (37).
2024-03-12  Morrow's spokesperson denies it on record.
2024-06-20  Vance files for divorce: court documents confirm the split.
Unrelated:  2024-03-11 a football transfer story.
"""

from __future__ import annotations

from rumormill.model import Article

RUMOUR = (
    "Pop star Lena Morrow and her husband Theo Vance have split after six years of marriage, the Daily Ledger"
    " can reveal.\n\n"
    "The singer, 34, moved out of the couple's Malibu home last month, while the actor has been staying with"
    " friends in New York.\n\n"
    '"They have been living separate lives since the summer," an insider told the Daily Ledger.\n\n'
    "Morrow and Vance married in 2018 and have a daughter, Ivy, three."
)

REWRITE = RUMOUR.replace("can reveal", "has revealed").replace("moved out of", "left")

REPEAT = (
    "Lena Morrow and Theo Vance have reportedly split after six years of marriage.\n\n"
    "The singer, 37, is said to have left the couple's Malibu home, according to the Daily Ledger.\n\n"
    "Fans had noticed that Vance, 41, has not appeared at any of Morrow's recent concerts."
)

DENIAL = (
    "Lena Morrow's spokesperson has denied reports that the singer has split from her husband Theo Vance.\n\n"
    '"Lena and Theo are not separating. The story is completely false," the spokesperson said in a statement'
    " on Monday.\n\n"
    "The Daily Ledger reported on Sunday that the couple had split after six years of marriage."
)

FILING = (
    "Theo Vance has filed for divorce from Lena Morrow, court documents show.\n\n"
    "The actor, 41, filed the papers in Los Angeles on Thursday, citing irreconcilable differences, according"
    " to the documents.\n\n"
    "Lena Morrow and Theo Vance split in March, the filing says, months after the singer's spokesperson denied"
    " that the couple had separated.\n\n"
    "Morrow and Vance married in 2018 and share a daughter, Ivy."
)

UNRELATED = (
    "Riverside United have signed striker Marco Delgado from Porto for a club record fee.\n\n"
    "Delgado, 24, scored 19 goals in the Portuguese league last season, the club said on Monday.\n\n"
    '"I am proud to join such a historic club," Delgado said.'
)


def articles() -> list[Article]:
    """The corpus in the order it would arrive."""

    def a(text, outlet, url, published, title):
        return Article(text=text, outlet=outlet, url=url, published=published, title=title)

    return [
        a(
            RUMOUR,
            "Daily Ledger",
            "https://ledger.example/morrow-vance-split",
            "2024-03-10",
            "Lena Morrow and Theo Vance split after six years",
        ),
        a(
            RUMOUR,
            "Morning Post",
            "https://post.example/2024/03/11/morrow",
            "2024-03-11",
            "Lena Morrow and Theo Vance split",
        ),
        a(
            RUMOUR,
            "Star Daily",
            "https://stardaily.example/morrow-vance",
            "2024-03-11",
            "Morrow and Vance split after six years",
        ),
        a(
            REWRITE,
            "Gossip Hub",
            "https://gossiphub.example/morrow",
            "2024-03-11",
            "Lena Morrow and Theo Vance have split",
        ),
        a(
            REPEAT,
            "Celeb Wire",
            "https://celebwire.example/morrow-vance",
            "2024-03-11",
            "Lena Morrow and Theo Vance 'split'",
        ),
        a(
            DENIAL,
            "Daily Ledger",
            "https://ledger.example/morrow-denial",
            "2024-03-12",
            "Lena Morrow's spokesperson denies split from Theo Vance",
        ),
        a(
            FILING,
            "Court Watch",
            "https://courtwatch.example/vance-files",
            "2024-06-20",
            "Theo Vance files for divorce from Lena Morrow",
        ),
        a(
            UNRELATED,
            "Sports Desk",
            "https://sports.example/delgado",
            "2024-03-11",
            "Riverside United sign Marco Delgado",
        ),
    ]
