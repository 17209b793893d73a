"""Moving a whole office between stores through an .xlsx workbook (one sheet per tab).

Cells go as they are: text stays text (also text starting with `=`), numbers stay
numbers, blank rows stay where they were, extra columns come along.
"""

from __future__ import annotations

from pathlib import Path

from zipfile import BadZipFile

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.cell.cell import TYPE_STRING

from sheetsapi.cells import Cell
from sheetsapi.store.base import Store
from sheetsapi.tabs import TAB_NAMES, canonical_column

Tables = dict[str, tuple[list[str], list[list[Cell]]]]


def export_workbook(store: Store, path: Path) -> dict[str, int]:
    """Write every tab of the store to an .xlsx file; return the rows written per tab."""
    tables = store.read(TAB_NAMES)
    book = openpyxl.Workbook()
    book.remove(book.active)
    counts = {}
    for tab in TAB_NAMES:
        sheet = book.create_sheet(tab)
        header = store.columns(tab)
        keys = [canonical_column(tab, name) or name for name in header]
        _write_row(sheet, 1, header)
        for row in tables[tab]:
            _write_row(sheet, row.number, [row.cells.get(key) for key in keys])
        counts[tab] = len(tables[tab])
    book.save(path)
    return counts


def _write_row(sheet, number: int, values: list[Cell]) -> None:
    for column, value in enumerate(values, start=1):
        if value is None or value == "":
            continue
        cell = sheet.cell(row=number, column=column, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = TYPE_STRING  # text, not a formula
        elif isinstance(value, float) and float(f"{value:.16g}") != value:
            # openpyxl writes 16 significant digits; a serial date time needs 17 to
            # come back the same. Its writer passes a numeric cell's text through as is.
            cell._value = repr(value)


def read_workbook(path: Path) -> Tables:
    """Return each tab found in an .xlsx file: its header and its rows, blanks as None."""
    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except (BadZipFile, InvalidFileException) as error:
        raise ValueError(f"{path} is not an .xlsx workbook ({error})") from None
    try:
        tables = {}
        for tab in TAB_NAMES:
            if tab not in book.sheetnames:
                continue
            rows = [list(row) for row in book[tab].iter_rows(values_only=True)]
            header = [str(cell).strip() for cell in (rows[0] if rows else []) if cell is not None]
            body = [_trimmed(row, len(header)) for row in rows[1:]]
            while body and not any(cell is not None for cell in body[-1]):
                body.pop()
            tables[tab] = (header, body)
        return tables
    finally:
        book.close()


def _trimmed(row: list[Cell], width: int) -> list[Cell]:
    cells = [None if cell == "" else cell for cell in row[:width]]
    return cells + [None] * (width - len(cells))


def import_workbook(store: Store, path: Path, *, replace: bool = False) -> dict[str, int]:
    """Fill the store's tabs from an .xlsx file; return the rows imported per tab."""
    tables = read_workbook(path)
    if not tables:
        raise ValueError(f"{path} has none of the tabs {', '.join(TAB_NAMES)}")
    store.load_tables(tables, replace=replace)
    return {tab: len(rows) for tab, (_header, rows) in tables.items()}
