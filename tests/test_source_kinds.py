"""Every source kind has one meaning: label, rank, record, badge, in one table."""

from __future__ import annotations

from rumormill.model import SOURCE_KINDS
from rumormill.report import SOURCE_LABEL
from rumormill.source_kinds import ORDERED_KINDS, SOURCE_KIND_INFO, info


def test_every_source_kind_has_an_entry():
    assert set(SOURCE_KIND_INFO) == set(SOURCE_KINDS)
    assert set(ORDERED_KINDS) == set(SOURCE_KINDS)
    for kind, entry in SOURCE_KIND_INFO.items():
        assert entry.kind == kind and entry.label and entry.explanation
    assert set(SOURCE_LABEL) == set(SOURCE_KINDS)


def test_ranks_order_the_backing():
    ranks = [SOURCE_KIND_INFO[k].rank for k in ORDERED_KINDS]
    assert ranks == sorted(ranks, reverse=True)
    assert ORDERED_KINDS[0] == "named" and ORDERED_KINDS[-1] == "none"
    assert info("named").on_record and info("descriptive").on_record
    assert not info("anonymous").on_record and info("anonymous").unnamed and info("reports").unnamed
    assert info("no-such-kind") is SOURCE_KIND_INFO["none"]
