"""One error shape for the API, one error page for the web UI, and never a stack trace.

Every API error is `{"error": {"code": ..., "message": ...}}` with a matching HTTP status;
`code` is a short stable word a client can branch on ("bad_request", "unauthorized",
"forbidden", "csrf", "not_found", "method_not_allowed", "timeout", "too_large",
"unsupported_media_type", "invalid", "internal", "not_available", "busy"). Pages under /api/ get
the JSON envelope; every other path gets an HTML page with the same message.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException

# the code that each status gets when nothing more specific is said
_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "timeout",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "internal",
    501: "not_available",
    503: "busy",
    504: "timeout",
}


class ApiError(HTTPException):
    """An error to show the caller as it is. A Starlette HTTPException, so FastAPI re-raises it
    unchanged even when it happens while the request body is read."""

    def __init__(self, status: int, message: str, code: str | None = None, headers: dict | None = None):
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code or code_for(status)
        self.message = message


class NotAvailable(ApiError):
    """A capability (stories, threads, profiles) that this installation does not have yet."""

    def __init__(self, what: str):
        super().__init__(501, f"{what} not available yet", "not_available")
        self.what = what


def code_for(status: int) -> str:
    return _CODES.get(status, "error")


def envelope(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}
