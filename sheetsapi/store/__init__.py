"""Where the data lives: the `Store` port and its adapters (local SQLite, Google Sheets)."""

from sheetsapi.store.base import RawRow, RowMissing, Store, Table

__all__ = ["RawRow", "RowMissing", "Store", "Table"]
