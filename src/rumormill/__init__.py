"""rumormill: read news articles and make their claims checkable.

>>> import rumormill
>>> analysis = rumormill.analyze("Kim is said to live in Calabasas.", published="2020-07-31")
>>> [(c.source.kind, c.certainty) for c in analysis.claims]
[('reports', 'hedged')]
"""

__version__ = "0.1.0"

from .analyze import analyze, analyze_many, nlp  # noqa: E402
from .errors import ConfigError, InputError, ModelError, PipelineError, RumormillError, StoreError  # noqa: E402
from .ingest import IngestReport, ingest  # noqa: E402
from .model import (  # noqa: E402
    Analysis,
    Article,
    Attribute,
    Claim,
    Entity,
    Hedge,
    Mention,
    Quote,
    Relation,
    Source,
    Sourcing,
    Span,
    TimeRef,
)
from .read import read  # noqa: E402
from .store import Filters, Store, open_store  # noqa: E402

__all__ = [
    "Analysis",
    "Article",
    "Attribute",
    "Claim",
    "ConfigError",
    "Entity",
    "Filters",
    "Hedge",
    "IngestReport",
    "InputError",
    "Mention",
    "ModelError",
    "PipelineError",
    "Quote",
    "Relation",
    "RumormillError",
    "Source",
    "Sourcing",
    "Span",
    "Store",
    "StoreError",
    "TimeRef",
    "__version__",
    "analyze",
    "analyze_many",
    "ingest",
    "nlp",
    "open_store",
    "read",
]
