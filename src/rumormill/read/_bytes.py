"""Turning raw bytes into text, with clear errors for empty, binary and undecodable input."""

from __future__ import annotations

from ..errors import InputError

# Control characters other than tab, newline, carriage return and form feed. A text file
# has none; more than 1% of the first 8 KiB means the input is binary (the heuristic of
# git and file(1) is "any NUL byte"; we add the ratio for NUL-free binaries such as images).
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})
_SNIFF = 8192
_MAX_CONTROL_SHARE = 0.01


def check_not_binary(data: bytes, source: str) -> None:
    head = data[:_SNIFF]
    if head.startswith(b"\x1f\x8b"):
        raise InputError("gzip-compressed input is not supported here; decompress it first (gunzip)", source=source)
    if b"\x00" in head:
        raise InputError("binary input (it contains NUL bytes), not text", source=source)
    control = sum(head.count(bytes([c])) for c in _CONTROL)
    if head and control / len(head) > _MAX_CONTROL_SHARE:
        raise InputError("binary input (too many control characters), not text", source=source)


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (a BOM is dropped). Raises `InputError` with the line of the first bad byte."""
    if not data.strip():
        raise InputError("empty input", source=source)
    check_not_binary(data, source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); convert the file to UTF-8 first",
            source=source,
            line=line,
        ) from None
