"""A person editing the spreadsheet by hand, behind the service's back."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sheetsapi.tabs import COLUMNS


class LocalSheetEditor:
    """Edits the local store through its own SQLite connection, as another program would."""

    def __init__(self, path: Path) -> None:
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

    def rows(self, tab: str) -> list[dict[str, Any]]:
        """Return every row of a tab as the sheet shows it."""
        cursor = self._db.execute(f"SELECT {', '.join(COLUMNS[tab])} FROM {tab} ORDER BY rowid")
        return [dict(zip(COLUMNS[tab], row)) for row in cursor]

    def close(self) -> None:
        self._db.close()
