"""The domain's exceptions, one tree with a single root; the API maps them to HTTP.

    SheetsApiError
     ├── NotFound                 an id the caller named does not exist
 ├── NoAvailableSlot          the listing has no slot open for booking
     ├── InvalidField             a request field is wrong (names the field)
 ├── IdempotencyKeyReused     the key came with another request before
     ├── Conflict
     │    ├── SlotFull            no place left; carries the next offered slot
     │    ├── SlotClosed          closed, past, unreadable, or its listing is inactive
 │    ├── SlotOfAnotherListing a move would change the property viewed
     │    └── AppointmentCancelled
     └── StorageUnavailable       the store cannot be reached now; retry later
"""

from __future__ import annotations

from typing import Any


class SheetsApiError(Exception):
    """Root of every error the service reports to a caller."""

    code = "error"

    def __init__(self, message: str, *, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(SheetsApiError):
    """An id the caller named does not exist."""

    def __init__(self, kind: str, ident: object) -> None:
        super().__init__(f"{kind.replace('_', ' ').capitalize()} {ident} was not found.")
        self.code = f"{kind}_not_found"


class NoAvailableSlot(SheetsApiError):
    """The listing has no slot that takes a booking now."""

    code = "no_available_slot"


class InvalidField(SheetsApiError):
    """A field of the request has a value the service cannot accept."""

    code = "invalid_field"

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}", details=[{"field": field, "problem": problem}])
        self.field = field


class IdempotencyKeyReused(SheetsApiError):
    """An Idempotency-Key already used for a different request (another caller's phone)."""

    code = "idempotency_key_reused"

    def __init__(self, key: str) -> None:
        super().__init__(f"The Idempotency-Key {key!r} was used for another request; "
                         f"send a new key for a new request.")


class Conflict(SheetsApiError):
    """The request is well formed but the current state does not allow it."""


class SlotFull(Conflict):
    """The viewing slot has no place left; `next_available` is the next offered slot."""

    code = "slot_full"

    def __init__(self, message: str, *, next_available: Any = None) -> None:
        super().__init__(message)
        self.next_available = next_available


class SlotClosed(Conflict):
    """The viewing slot takes no bookings: closed, past, unreadable or listing inactive."""

    code = "slot_closed"


class SlotOfAnotherListing(Conflict):
    """A move would take the booking to a viewing of another property."""

    code = "slot_of_another_listing"


class AppointmentCancelled(Conflict):
    """The appointment is cancelled and can no longer be changed."""

    code = "appointment_cancelled"


class StorageUnavailable(SheetsApiError):
    """The store did not answer usably; nothing was half-written."""

    code = "storage_unavailable"

    def __init__(self, message: str, *, retry_after: int = 5) -> None:
        super().__init__(message)
        self.retry_after = retry_after
