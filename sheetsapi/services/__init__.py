"""The operations the API offers, named after the business; no HTTP and no storage here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from sheetsapi.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Office:
    """What every operation needs: the data, the office's rules and the time."""

    uow: UnitOfWork
    zone: tzinfo
    region: str
    min_notice: timedelta
    clock: Clock

    def now(self) -> datetime:
        """Return the current time in the office's zone, to the second."""
        return self.clock().astimezone(self.zone).replace(microsecond=0)

    def bookable_from(self) -> datetime:
        """Return the earliest arrival time a booking made now may get."""
        return self.now() + self.min_notice
