"""Publication dates in whatever form inputs give them, as ISO dates."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache


@lru_cache(maxsize=4096)
def to_iso_date(value) -> str | None:
    """ "2020-07-31", "2020-07-31T10:00:00Z", "Fri, 31 Jul 2020 10:00:00 GMT", 1596189600 ... as
    "2020-07-31"; None when it cannot be read."""
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value).date().isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    import dateparser  # slow to import; only for unusual formats

    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date().isoformat() if parsed else None
