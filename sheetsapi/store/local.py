"""The local store: the spreadsheet's tabs as SQLite tables in one file (WAL mode).

Each tab is a table whose columns are the tab's header cells, declared without types
so a cell keeps the type it was written with, as in a sheet. `rowid` keeps the order of
rows; a row's number is its rowid + 1, row 1 being the header. Columns are found by
header name like on Google, so an imported sheet's "Start At" is `start_at`.
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
from sheetsapi.tabs import COLUMNS, canonical_column


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class LocalStore:
    """A `Store` on an embedded SQLite database."""

    kind = "local"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.is_new = not self.path.exists()
        self.just_made_with_demo_data = False  # set when this process filled it with demo data
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
        self._columns: dict[str, list[str]] = {}

    def initialise(self) -> list[str]:
        """Create missing tabs and columns, touching no row; return what was done."""
        changes = []
        with self._guard():
            for tab, columns in COLUMNS.items():
                present = self._table_columns(tab)
                if not present:
                    self._create_table(tab, columns)
                    changes.append(f"{tab}: created the tab with its {len(columns)} columns")
                    continue
                known = {canonical_column(tab, column) for column in present}
                for column in columns:
                    if column not in known:
                        self._db.execute(f"ALTER TABLE {_quote(tab)} ADD COLUMN {_quote(column)}")
                        changes.append(f"{tab}: added the column {column}")
            self._columns.clear()
        return changes

    def columns(self, tab: str) -> list[str]:
        """Return the tab's header cells, in order."""
        with self._guard():
            return list(self._known_columns(tab))

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
        names = [canonical_column(tab, column) or column for column in self._known_columns(tab)]
        cursor = self._db.execute(f"SELECT rowid, * FROM {_quote(tab)} ORDER BY rowid")
        return [RawRow(row[0] + 1, dict(zip(names, row[1:], strict=True))) for row in cursor]

    def append(self, tab: str, cells: Mapping[str, Cell]) -> RawRow:
        """Insert a row at the end of the tab."""
        with self._guard():
            columns = self._sql_columns(tab, cells)
            cursor = self._db.execute(
                f"INSERT INTO {_quote(tab)} ({', '.join(map(_quote, columns.values()))}) "
                f"VALUES ({', '.join('?' for _ in columns)})", [cells[name] for name in columns])
        return RawRow(cursor.lastrowid + 1, dict(cells))

    def update(self, tab: str, row_id: int, cells: Mapping[str, Cell]) -> None:
        """Set the given cells of the row whose id is `row_id`."""
        if not cells:
            return
        with self._guard():
            columns = self._sql_columns(tab, {"id": row_id} | dict(cells))
            id_column = columns.pop("id")
            assignments = ", ".join(f"{_quote(column)} = ?" for column in columns.values())
            cursor = self._db.execute(
                f"UPDATE {_quote(tab)} SET {assignments} WHERE {_quote(id_column)} = ?",
                [*(cells[name] for name in columns), row_id])
        if cursor.rowcount == 0:
            raise RowMissing(f"{tab} has no row with id {row_id}")

    def load_tables(self, tables: dict[str, tuple[list[str], list[list[Cell]]]], *,
                    replace: bool = False) -> None:
        """Fill tabs from an imported workbook; with `replace`, their rows are dropped first."""
        if not replace:
            for tab in tables:
                with self._guard():
                    if self._table_columns(tab) and self._db.execute(
                            f"SELECT 1 FROM {_quote(tab)} LIMIT 1").fetchone():
                        raise ValueError(f"the {tab} tab already holds rows "
                                         f"(--replace drops them first)")
        for tab, (header, rows) in tables.items():
            self.load_table(tab, header, rows, replace=True)

    def load_table(self, tab: str, header: list[str], rows: list[list[Cell]], *,
                   replace: bool = False) -> None:
        """Fill a tab from an imported sheet: its header as it is, then its rows in order."""
        with self._guard():
            if not replace and self._table_columns(tab) and self._db.execute(
                    f"SELECT 1 FROM {_quote(tab)} LIMIT 1").fetchone():
                raise ValueError(f"the {tab} tab already holds rows")
            self._db.execute(f"DROP TABLE IF EXISTS {_quote(tab)}")
            self._create_table(tab, header)
            width = len(header)
            self._db.executemany(
                f"INSERT INTO {_quote(tab)} VALUES ({', '.join('?' * width)})",
                [(list(row) + [None] * width)[:width] for row in rows])
            self._columns.pop(tab, None)

    def may_have_changed(self) -> bool:
        """Whether another connection (a person with a SQLite tool) wrote since our last read."""
        with self._guard():
            return self._data_version != self._current_data_version()

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def _create_table(self, tab: str, columns: Sequence[str]) -> None:
        self._db.execute(f"CREATE TABLE {_quote(tab)} ({', '.join(map(_quote, columns))})")
        id_column = next((column for column in columns if canonical_column(tab, column) == "id"), None)
        if id_column:
            self._db.execute(f"CREATE INDEX {_quote('ix_' + tab + '_id')} ON {_quote(tab)} "
                             f"({_quote(id_column)})")

    def _table_columns(self, tab: str) -> list[str]:
        return [row[1] for row in self._db.execute(f"PRAGMA table_info({_quote(tab)})")]

    def _known_columns(self, tab: str) -> list[str]:
        if tab not in self._columns:
            self._columns[tab] = self._table_columns(tab)
        return self._columns[tab]

    def _sql_columns(self, tab: str, cells: Mapping[str, Cell]) -> dict[str, str]:
        """Map each cell's column name to the table's column; refuse a value with none."""
        actual = {canonical_column(tab, column) or column: column
                  for column in self._known_columns(tab)}
        missing = [name for name, value in cells.items()
                   if name not in actual and value not in (None, "")]
        if missing:
            raise StorageUnavailable(f"The {tab} tab has no column {', '.join(missing)}; "
                                     f"run `flask --app app sheets init`.")
        return {name: actual[name] for name in cells if name in actual}

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
