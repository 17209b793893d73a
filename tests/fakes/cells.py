"""Cell values for the fake Sheets API: what a write stores, what a read renders.

Stored values are Python ``str``, ``int``, ``float``, ``bool`` or ``None`` (empty), plus
two marked kinds: ``Formula`` (a ``str`` typed as ``=...`` under USER_ENTERED) and
``Serial`` (a ``float`` date/time serial number that remembers it was typed as a date).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

EPOCH = datetime(1899, 12, 30)  # Sheets' day 0

_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?: +(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: +(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


class Formula(str):
    """A formula stored from USER_ENTERED input (``=...``)."""


class Serial(float):
    """A date/time serial number (days since 1899-12-30); ``kind`` is date, datetime or time."""

    kind: str = "datetime"

    def __new__(cls, value: float, kind: str = "datetime") -> "Serial":
        obj = super().__new__(cls, value)
        obj.kind = kind
        return obj


class CellValueError(ValueError):
    """A JSON value a cell cannot hold (object or list)."""


def to_serial(moment: datetime, kind: str = "datetime") -> Serial:
    delta = moment - EPOCH
    return Serial(delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6, kind)


def from_serial(serial: float) -> datetime:
    return EPOCH + timedelta(days=float(serial))


def _check(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        raise CellValueError(type(value).__name__)
    return value


def parse_raw(value: Any) -> Any:
    """valueInputOption=RAW: stored exactly as given; "" empties the cell; None leaves it."""
    _check(value)
    return None if value == "" else value


def parse_user_entered(value: Any) -> Any:
    """valueInputOption=USER_ENTERED: parsed as if a person typed it (locale en_IE)."""
    _check(value)
    if not isinstance(value, str):
        return value
    if value == "":
        return None
    if value.startswith("'"):  # forces text; the quote itself is not stored
        return value[1:] or None
    if value.startswith("="):
        return Formula(value)
    text = value.strip()
    if text.upper() in ("TRUE", "FALSE"):
        return text.upper() == "TRUE"
    if _NUMBER.match(text) or _GROUPED.match(text):
        plain = text.replace(",", "")
        if re.match(r"^[+-]?\d+$", plain):
            return int(plain)  # "+353871234567" -> 353871234567, "0871234567" -> 871234567
        return float(plain)
    if text.endswith("%") and _NUMBER.match(text[:-1].strip()):
        return float(text[:-1]) / 100
    serial = _parse_date(text)
    return value if serial is None else serial


def _parse_date(text: str) -> Serial | None:
    try:
        m = _ISO_DATE.match(text)
        if m:
            y, mo, d, hh, mm, ss = m.groups()
            return _moment(int(y), int(mo), int(d), hh, mm, ss)
        m = _DMY_DATE.match(text)
        if m:  # en_IE: day first
            d, mo, y, hh, mm, ss = m.groups()
            return _moment(int(y), int(mo), int(d), hh, mm, ss)
        m = _TIME.match(text)
        if m:
            hh, mm, ss = m.groups()
            seconds = int(hh) * 3600 + int(mm) * 60 + int(ss or 0)
            if int(hh) > 23 or int(mm) > 59 or int(ss or 0) > 59:
                return None
            return Serial(seconds / 86400, "time")
    except ValueError:  # 31/02/2025 and the like stay text
        return None
    return None


def _moment(y: int, mo: int, d: int, hh: str | None, mm: str | None, ss: str | None) -> Serial:
    if hh is None:
        return to_serial(datetime(y, mo, d), "date")
    return to_serial(datetime(y, mo, d, int(hh), int(mm or 0), int(ss or 0)), "datetime")


def json_number(value: float) -> int | float:
    """Numbers as Google's JSON shows them: 6.0 -> 6."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return int(value) if isinstance(value, int) else float(value)


def format_serial(serial: float, kind: str = "datetime") -> str:
    """en_IE display of a date/time serial: 06/10/2025 10:00:00."""
    moment = from_serial(serial + 1e-9)  # guard against 09:59:59.99999 from float maths
    if kind == "date":
        return moment.strftime("%d/%m/%Y")
    if kind == "time":
        return moment.strftime("%H:%M:%S")
    return moment.strftime("%d/%m/%Y %H:%M:%S")


def format_number(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value)
    return format(value, ".15g")


def render(value: Any, value_render: str, date_render: str) -> Any:
    """One stored value as a read answers it.

    Formulas are NOT evaluated: real Sheets answers a formula's result under
    FORMATTED_VALUE / UNFORMATTED_VALUE; the fake answers the formula text itself.
    """
    if value is None:
        return ""
    if value_render == "FORMATTED_VALUE":
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, Serial):
            return format_serial(value, value.kind)
        if isinstance(value, (int, float)):
            return format_number(value)
        return str(value)
    # UNFORMATTED_VALUE and FORMULA
    if isinstance(value, bool):
        return value
    if isinstance(value, Serial) and date_render == "FORMATTED_STRING":
        return format_serial(value, value.kind)
    if isinstance(value, (int, float)):
        return json_number(value)
    return str(value)
