"""Reading what people type into cells, and writing cells no spreadsheet evaluates.

Every reader takes a raw cell (str, int, float, bool or None, as a store returns it) and
returns a typed value, None for a blank cell, or raises `CellError` saying what is wrong.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, tzinfo

Cell = str | int | float | bool | None

# Spreadsheet serial numbers count days from this date (Lotus 1-2-3's leap-year bug included).
_SERIAL_EPOCH = datetime(1899, 12, 30)
# Day-first formats, as typed in an en_IE or en_GB sheet.
_DAY_FIRST_FORMATS = tuple(
    f"{date}{time}"
    for date in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
    for time in (" %H:%M", " %H:%M:%S", " %H.%M", "")
)
_TRUE = {"true", "yes", "y", "1", "active", "open"}
_FALSE = {"false", "no", "n", "0", "inactive"}
# Text starting with these is a formula (or a formula's cousin) to a spreadsheet program.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


class CellError(ValueError):
    """A cell holds a value that cannot be read as the column's type."""


def is_blank(cell: Cell) -> bool:
    """Whether a cell is empty or holds only spaces."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def read_text(cell: Cell) -> str | None:
    """Return a text cell as the caller wrote it (without its protecting quote)."""
    if is_blank(cell):
        return None
    text = str(cell) if not isinstance(cell, float) or not cell.is_integer() else str(int(cell))
    return text[1:] if text.startswith("'") else text


def read_key(cell: Cell) -> str | None:
    """Return a request key exactly as the service wrote it (it is never protected)."""
    return None if cell is None or cell == "" else str(cell)


def protect_text(text: str | None) -> str:
    """Return text prefixed with one `'` if a spreadsheet program would evaluate it."""
    if text is None:
        return ""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def read_int(cell: Cell) -> int | None:
    """Return a whole number typed as 6, 6.0, "6" or " 6 "."""
    if is_blank(cell):
        return None
    if isinstance(cell, bool):
        raise CellError("expected a whole number, not TRUE/FALSE")
    try:
        number = float(str(cell).strip()) if isinstance(cell, str) else float(cell)
    except ValueError:
        raise CellError("expected a whole number") from None
    if not math.isfinite(number) or not number.is_integer():
        raise CellError("expected a whole number")
    return int(number)


def read_id(cell: Cell) -> int | None:
    """Return a positive whole number, the shape of every id."""
    number = read_int(cell)
    if number is not None and number <= 0:
        raise CellError("an id must be a positive whole number")
    return number


def id_or_none(cell: Cell) -> int | None:
    """Return the id a cell holds, or None when it holds none (blank or unreadable)."""
    try:
        return read_id(cell)
    except CellError:
        return None


def read_choice(cell: Cell, allowed: tuple[str, ...]) -> str | None:
    """Return a value from `allowed`, ignoring case and stray spaces."""
    if is_blank(cell):
        return None
    value = str(cell).strip().lower()
    if value not in allowed:
        raise CellError(f"expected one of {', '.join(allowed)}")
    return value


def read_flag(cell: Cell, *, blank: bool) -> bool:
    """Return a yes/no cell typed as TRUE, yes, 1, …; `blank` is the answer for no value."""
    if is_blank(cell):
        return blank
    if isinstance(cell, bool):
        return cell
    value = str(cell).strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError("expected TRUE or FALSE")


def read_time(cell: Cell, zone: tzinfo) -> datetime | None:
    """Return an aware time from a serial number, an ISO string or a day-first date.

    Times without an offset are wall-clock times in the office's zone.
    """
    if is_blank(cell):
        return None
    if isinstance(cell, bool):
        raise CellError("expected a date and time")
    if isinstance(cell, (int, float)):
        return _from_serial(float(cell), zone)
    text = " ".join(str(cell).split())
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = _day_first(text)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def _from_serial(serial: float, zone: tzinfo) -> datetime:
    if not math.isfinite(serial) or not 1 <= serial < 2958466:
        raise CellError("expected a date and time")
    try:
        moment = _SERIAL_EPOCH + timedelta(days=serial)
        # Serials carry float noise: round to the nearest second.
        moment = (moment + timedelta(milliseconds=500)).replace(microsecond=0)
    except OverflowError:
        raise CellError("expected a date and time") from None
    return moment.replace(tzinfo=zone)


def _day_first(text: str) -> datetime:
    for pattern in _DAY_FIRST_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise CellError("expected a date and time such as 2025-10-06 10:00 or 06/10/2025 10:00")


def write_time(moment: datetime, zone: tzinfo) -> str:
    """Return the ISO 8601 text, with offset, that the service writes for a time."""
    return moment.astimezone(zone).replace(microsecond=0).isoformat()
