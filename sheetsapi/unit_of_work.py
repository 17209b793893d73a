"""The unit of work: one write lock, one cached workbook, and the store behind them.

Readers get the cached workbook, refreshed when older than the TTL and the store may
have changed. Writers hold the write lock for the whole operation, re-read the tabs
people edit, and every write they make updates the cached workbook in place. A refresh
runs under the write lock, so it can never put back a snapshot older than a write.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import tzinfo

from sheetsapi import tabs
from sheetsapi.errors import NotFound, StorageUnavailable
from sheetsapi.records import Appointment, Lead, changed_cells
from sheetsapi.store.base import RowMissing, Store
from sheetsapi.workbook import Workbook

log = logging.getLogger(__name__)


class Transaction:
    """The writes one operation makes, each sent to the store and then to the cache."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    @property
    def book(self) -> Workbook:
        """Return the workbook, fresh where the operation asked for it."""
        return self._uow.book

    def add_lead(self, lead: Lead) -> None:
        """Append a lead row."""
        with self._outcome_unknown_on_failure():
            row = self._uow.store.append(tabs.LEADS, lead.to_cells(self._uow.zone))
        with self._uow.view_lock:
            self.book.add_lead(lead, row.number)

    def add_appointment(self, appointment: Appointment) -> None:
        """Append an appointment row."""
        with self._outcome_unknown_on_failure():
            row = self._uow.store.append(tabs.APPOINTMENTS, appointment.to_cells(self._uow.zone))
        with self._uow.view_lock:
            self.book.put_appointment(appointment, row.number)

    def save_appointment(self, old: Appointment, new: Appointment) -> None:
        """Write the cells of an appointment that changed, and no other."""
        cells = changed_cells(old, new, self._uow.zone)
        try:
            with self._outcome_unknown_on_failure():
                self._uow.store.update(tabs.APPOINTMENTS, old.id, cells)
        except RowMissing:
            raise NotFound("appointment", old.id) from None
        with self._uow.view_lock:
            self.book.put_appointment(new)

    @contextmanager
    def _outcome_unknown_on_failure(self) -> Iterator[None]:
        """A write that failed may still have landed: make the next request read the sheet."""
        try:
            yield
        except StorageUnavailable:
            self._uow.invalidate()
            raise


class UnitOfWork:
    """Owns the store, the write lock and the cached workbook."""

    def __init__(self, store: Store, *, zone: tzinfo, ttl_seconds: float,
                 max_stale_seconds: float = 300) -> None:
        self.store = store
        self.zone = zone
        self.view_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._ttl = ttl_seconds
        self._max_stale = max(max_stale_seconds, ttl_seconds)
        self._book: Workbook | None = None
        self._loaded_at = 0.0  # when every tab was last read (monotonic seconds)
        self._must_refresh = False  # a write may have landed without the cache knowing
        self._next_try = 0.0  # after a failed refresh, readers use the cache until then

    @property
    def book(self) -> Workbook:
        """Return the cached workbook, reading it first if nothing is cached yet."""
        if self._book is None:
            self._refresh()
        assert self._book is not None
        return self._book

    @contextmanager
    def reading(self) -> Iterator[Workbook]:
        """Give a workbook fresh within the TTL, or a stale one while the store is down."""
        if self._refresh_due():
            with self._write_lock:
                if self._refresh_due():
                    self._refresh_or_keep_stale()
        with self.view_lock:
            yield self.book

    @contextmanager
    def writing(self, fresh: Sequence[str] = ()) -> Iterator[Transaction]:
        """Hold the write lock, with the `fresh` tabs re-read if people may have edited them."""
        with self._write_lock:
            if self._stale():
                self._refresh()
            elif fresh and self.store.may_have_changed():
                self._install(self.store.read(fresh))
            yield Transaction(self)

    def invalidate(self) -> None:
        """Make the next request read the store again (a write's outcome is unknown)."""
        self._must_refresh = True

    def _stale(self) -> bool:
        """Whether the cache must be read again before a write trusts it."""
        if self._book is None or self._must_refresh:
            return True
        age = time.monotonic() - self._loaded_at
        return age >= self._ttl and self.store.may_have_changed()

    def _refresh_due(self) -> bool:
        """Whether a reader should refresh: stale, and the store is not known to be down."""
        return self._stale() and time.monotonic() >= self._next_try

    def _refresh(self) -> None:
        self._install(self.store.read(tabs.TAB_NAMES))
        self._loaded_at = time.monotonic()
        self._must_refresh = False

    def _refresh_or_keep_stale(self) -> None:
        try:
            self._refresh()
        except StorageUnavailable as error:
            age = time.monotonic() - self._loaded_at
            if self._book is None or age > self._max_stale:
                raise
            # Back off: every reader retrying would keep the quota exhausted.
            self._next_try = time.monotonic() + error.retry_after
            log.warning("Store unavailable; answering from the cache read %.0f s ago", age)

    def _install(self, tables: dict) -> None:
        # Parse outside the view lock: readers keep the old workbook until the swap.
        columns = {tab: self.store.columns(tab) for tab in tables}
        book = (self._book or Workbook(self.zone)).with_tables(tables, columns)
        with self.view_lock:
            self._book = book
