"""Webhook signatures and retry timing: small pure functions, shared by the sender and the docs.

A webhook body is signed with HMAC-SHA256 under the watchlist's secret, over the exact bytes
sent, and the hex digest travels in the `X-Rumormill-Signature` header as `sha256=<hex>`. A
receiver computes the same over the raw body it received (before any JSON parsing) and compares
in constant time:

    >>> expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    >>> hmac.compare_digest(expected, request.headers["X-Rumormill-Signature"])
"""

from __future__ import annotations

import hashlib
import hmac
import random

SIGNATURE_HEADER = "X-Rumormill-Signature"
ALERT_ID_HEADER = "X-Rumormill-Alert-Id"  # the same id on every retry: a receiver drops repeats by it
BACKOFF_BASE = 30.0  # seconds before the second try
BACKOFF_CAP = 6 * 3600.0  # the longest wait between two tries
MAX_ATTEMPTS = 14  # tries before a delivery is given up as failed (over about a day: see README)


def sign(secret: str, body: bytes) -> str:
    """The signature header's value for `body`: "sha256=" and the HMAC-SHA256 hex digest."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str | None) -> bool:
    """Whether `signature` is `body`'s under `secret`, compared in constant time."""
    return bool(signature) and hmac.compare_digest(sign(secret, body).encode(), signature.encode())  # type: ignore[union-attr]


def backoff(attempts: int, *, base: float = BACKOFF_BASE, cap: float = BACKOFF_CAP, jitter: float = 0.0) -> float:
    """Seconds to wait after `attempts` failed tries: base, 2×base, 4×base... up to `cap`.

    `jitter` (0 to 1) adds up to that fraction at random, so receivers that came back at once
    are not all retried in the same second."""
    wait = min(cap, base * 2 ** max(0, attempts - 1))
    return wait * (1 + random.uniform(0, jitter)) if jitter else wait
