"""The store port: what the service needs from wherever the spreadsheet lives.

A store speaks in tabs and rows of raw cells, exactly as a person would see them; it
knows nothing of bookings. Adapters raise `StorageUnavailable` when they cannot answer
and `RowMissing` when a row to update is gone; no library's exception leaves them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from sheetsapi.cells import Cell


@dataclass(frozen=True, slots=True)
class RawRow:
    """One data row of a tab: its 1-based row number and its cells by column name."""

    number: int
    cells: Mapping[str, Cell]


Table = list[RawRow]


class RowMissing(LookupError):
    """The row to update is no longer in the tab (a person deleted it)."""


class Store(Protocol):
    """Read tabs, append a row, update some cells of a row found by its id.

    The last two methods set a store up and fill it; only `sheets init` and
    `sheets import` call them.
    """

    kind: str  # "local" or "google"

    def read(self, tabs: Sequence[str]) -> dict[str, Table]:
        """Return the data rows of each tab, read together (one request)."""
        ...

    def append(self, tab: str, cells: Mapping[str, Cell]) -> RawRow:
        """Add one row at the end of `tab` and return it as written."""
        ...

    def update(self, tab: str, row_id: int, cells: Mapping[str, Cell]) -> None:
        """Change only the given cells of the row whose id is `row_id`."""
        ...

    def columns(self, tab: str) -> list[str]:
        """Return the tab's header cells as people see them, as of the last read."""
        ...

    def may_have_changed(self) -> bool:
        """Whether anyone else may have written since this store's last read."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...

    def initialise(self) -> list[str]:
        """Add missing tabs and columns (and, on Google, dropdowns and reports); say what."""
        ...

    def load_tables(self, tables: Mapping[str, tuple[list[str], list[list[Cell]]]], *,
                    replace: bool = False) -> None:
        """Fill empty tabs with imported header rows and rows."""
        ...
