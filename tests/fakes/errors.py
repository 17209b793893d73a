"""Google's error answers: ``{"error": {"code", "message", "status"[, "details"]}}``."""

from __future__ import annotations

from typing import Any, Optional

STATUS = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED",
          500: "INTERNAL", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}  # fmt: skip


class ApiError(Exception):
    def __init__(self, code: int, message: str, details: Optional[list] = None) -> None:
        super().__init__(message)
        self.code, self.message, self.details = code, message, details

    def body(self) -> dict:
        error: dict[str, Any] = {"code": self.code, "message": self.message, "status": STATUS[self.code]}
        if self.details:
            error["details"] = self.details
        return {"error": error}


def fault_error(code: int, kind: str) -> ApiError:
    """The error an injected fault answers; ``kind`` is "read" or "write" (for 429's quota name)."""
    if code == 429:
        metric = "Read requests" if kind == "read" else "Write requests"
        limit = f"{metric} per minute per user"
        message = (f"Quota exceeded for quota metric '{metric}' and limit '{limit}' of service "
                   "'sheets.googleapis.com' for consumer 'project_number:000000000000'.")  # fmt: skip
        info = {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "RATE_LIMIT_EXCEEDED",
            "domain": "googleapis.com",
            "metadata": {
                "service": "sheets.googleapis.com",
                "consumer": "projects/000000000000",
                "quota_metric": f"sheets.googleapis.com/{kind}_requests",
                "quota_limit": limit.title().replace(" ", ""),
            },
        }
        return ApiError(429, message, [info])
    if code == 403:
        return ApiError(403, "The caller does not have permission")
    if code == 500:
        return ApiError(500, "Internal error encountered.")
    return ApiError(503, "The service is currently unavailable.")
