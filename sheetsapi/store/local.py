"""The local store: the spreadsheet's tabs as SQLite tables in one file (WAL mode).

Each tab is a table with the tab's columns, declared without types so a cell keeps the
type it was written with, as in a sheet. `rowid` keeps the order of rows; a row's
number is its rowid + 1, row 1 being the header.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from sheetsapi.cells import Cell
from sheetsapi.errors import StorageUnavailable
from sheetsapi.store.base import RawRow, RowMissing, Table
from sheetsapi.tabs import COLUMNS


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class LocalStore:
    """A `Store` on an embedded SQLite database."""

    kind = "local"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=5000")
        except (OSError, sqlite3.Error) as error:
            raise StorageUnavailable(f"Cannot open the local store at {self.path}: {error}") from error
        self._data_version = None

    def create_tabs(self) -> list[str]:
        """Create every missing tab with its columns; return the tabs created."""
        created = []
        with self._guard():
            existing = {name for (name,) in self._db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            for tab, columns in COLUMNS.items():
                if tab in existing:
                    continue
                self._db.execute(f"CREATE TABLE {_quote(tab)} ({', '.join(map(_quote, columns))})")
                self._db.execute(f"CREATE INDEX {_quote('ix_' + tab + '_id')} ON {_quote(tab)} (id)")
                created.append(tab)
        return created

    def columns(self, tab: str) -> list[str]:
        """Return the columns of a tab, in order."""
        with self._guard():
            return [row[1] for row in self._db.execute(f"PRAGMA table_info({_quote(tab)})")]

    def read(self, tabs: Sequence[str]) -> dict[str, Table]:
        """Return the rows of each tab, read in one transaction."""
        with self._guard():
            self._db.execute("BEGIN")
            try:
                tables = {tab: self._read_tab(tab) for tab in tabs}
            finally:
                self._db.execute("COMMIT")
            self._data_version = self._current_data_version()
        return tables

    def _read_tab(self, tab: str) -> Table:
        cursor = self._db.execute(f"SELECT rowid, * FROM {_quote(tab)} ORDER BY rowid")
        names = [column[0] for column in cursor.description[1:]]
        return [RawRow(row[0] + 1, dict(zip(names, row[1:]))) for row in cursor]

    def append(self, tab: str, cells: Mapping[str, Cell]) -> RawRow:
        """Insert a row at the end of the tab."""
        columns = [column for column in cells if column in COLUMNS[tab]]
        sql = (f"INSERT INTO {_quote(tab)} ({', '.join(map(_quote, columns))}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        with self._guard():
            cursor = self._db.execute(sql, [cells[column] for column in columns])
            self._data_version = self._current_data_version()
        return RawRow(cursor.lastrowid + 1, dict(cells))

    def update(self, tab: str, row_id: int, cells: Mapping[str, Cell]) -> None:
        """Set the given cells of the row whose id is `row_id`."""
        if not cells:
            return
        assignments = ", ".join(f"{_quote(column)} = ?" for column in cells)
        with self._guard():
            cursor = self._db.execute(
                f"UPDATE {_quote(tab)} SET {assignments} WHERE id = ?", [*cells.values(), row_id])
            self._data_version = self._current_data_version()
        if cursor.rowcount == 0:
            raise RowMissing(f"{tab} has no row with id {row_id}")

    def find(self, tab: str, column: str, value: Cell) -> RawRow | None:
        """Return the first row whose `column` holds `value`."""
        with self._guard():
            cursor = self._db.execute(
                f"SELECT rowid, * FROM {_quote(tab)} WHERE {_quote(column)} = ? LIMIT 1", [value])
            names = [item[0] for item in cursor.description[1:]]
            row = cursor.fetchone()
        return None if row is None else RawRow(row[0] + 1, dict(zip(names, row[1:])))

    def may_have_changed(self) -> bool:
        """Whether another connection (a person with a SQLite tool) wrote since our last read."""
        with self._guard():
            return self._data_version != self._current_data_version()

    def is_empty(self) -> bool:
        """Whether no tab holds a row."""
        with self._guard():
            return not any(self._db.execute(f"SELECT 1 FROM {_quote(tab)} LIMIT 1").fetchone()
                           for tab in COLUMNS)

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def _current_data_version(self) -> int:
        return self._db.execute("PRAGMA data_version").fetchone()[0]

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Serialise use of the one connection; SQLite errors become StorageUnavailable."""
        with self._lock:
            try:
                yield
            except sqlite3.Error as error:
                raise StorageUnavailable(f"The local store at {self.path} failed: {error}") from error
