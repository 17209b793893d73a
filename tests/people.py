"""A person editing the spreadsheet by hand, behind the service's back."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sheetsapi.tabs import COLUMNS


class LocalSheetEditor:
    """Edits the local store through its own SQLite connection, as another program would."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._db = sqlite3.connect(path, isolation_level=None)

    def add(self, tab: str, **cells: Any) -> None:
        """Type a new row at the bottom of a tab."""
        columns = list(cells)
        self._db.execute(
            f"INSERT INTO {tab} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [cells[column] for column in columns])

    def edit(self, tab: str, row_id: Any, **cells: Any) -> None:
        """Overtype some cells of the row with this id."""
        assignments = ", ".join(f"{column} = ?" for column in cells)
        self._db.execute(f"UPDATE {tab} SET {assignments} WHERE id = ?", [*cells.values(), row_id])

    def put_tab(self, tab: str, rows: list[list[Any]]) -> None:
        """Replace a whole tab, header row first, exactly as given."""
        from sheetsapi.store.local import LocalStore

        store = LocalStore(self._path)
        store.load_table(tab, [str(cell) for cell in rows[0]], rows[1:], replace=True)
        store.close()

    def rows(self, tab: str) -> list[dict[str, Any]]:
        """Return every row of a tab as the sheet shows it."""
        cursor = self._db.execute(f"SELECT {', '.join(COLUMNS[tab])} FROM {tab} ORDER BY rowid")
        return [dict(zip(COLUMNS[tab], row)) for row in cursor]

    def close(self) -> None:
        self._db.close()


class GoogleSheetEditor:
    """Types into the fake Google sheet as a person would (USER_ENTERED), uncounted."""

    def __init__(self, fake) -> None:
        self._fake = fake
        self._next_row: dict[str, int] = {}

    def add(self, tab: str, **cells: Any) -> None:
        """Type a new row below the last one (a row of blanks leaves a blank row)."""
        row = max(self._next_row.get(tab, 0), len(self._fake.values(tab)) + 1)
        for column, value in cells.items():
            if value is not None:
                self._fake.edit_cell(tab, (row, self._column(tab, column)), value)
        self._next_row[tab] = row + 1

    def edit(self, tab: str, row_id: Any, **cells: Any) -> None:
        """Overtype some cells of the row with this id."""
        number = self.row_number(tab, row_id)
        for column, value in cells.items():
            self._fake.edit_cell(tab, (number, self._column(tab, column)), value)

    def row_number(self, tab: str, row_id: Any) -> int:
        """Return the row number the id is on now."""
        id_column = self._column(tab, "id") - 1
        for number, row in enumerate(self._fake.values(tab), start=1):
            if number > 1 and len(row) > id_column and row[id_column] == row_id:
                return number
        raise LookupError(f"{tab} has no id {row_id}")

    def put_tab(self, tab: str, rows: list[list[Any]]) -> None:
        """Replace a whole tab, header row first, exactly as given (RAW)."""
        self._fake.set_rows(tab, rows, value_input="RAW")

    def rows(self, tab: str) -> list[dict[str, Any]]:
        """Return every non-blank row of a tab as the sheet shows it."""
        values = self._fake.values(tab)
        headers = values[0]
        return [{header: (row[index] if index < len(row) else None)
                 for index, header in enumerate(headers)}
                for row in values[1:] if any(cell not in (None, "") for cell in row)]

    def _column(self, tab: str, column: str) -> int:
        return self._fake.values(tab)[0].index(column) + 1

    def close(self) -> None:
        pass
