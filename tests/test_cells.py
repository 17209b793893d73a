"""Reading what people type into cells."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from sheetsapi.cells import (
    CellError, protect_text, read_flag, read_id, read_int, read_text, read_time, write_time,
)

DUBLIN = ZoneInfo("Europe/Dublin")


@pytest.mark.parametrize("cell", [6, 6.0, "6", " 6 ", "6.0"])
def test_whole_numbers_however_typed(cell):
    assert read_int(cell) == 6


@pytest.mark.parametrize("cell", ["six", 6.5, True, "1e400"])
def test_not_whole_numbers(cell):
    with pytest.raises(CellError):
        read_int(cell)


@pytest.mark.parametrize("cell", [0, -3, "0"])
def test_ids_are_positive(cell):
    with pytest.raises(CellError):
        read_id(cell)


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_blank_cells_are_none(cell):
    assert read_int(cell) is None and read_time(cell, DUBLIN) is None


@pytest.mark.parametrize("cell", [
    "2025-10-06 10:00", "2025-10-06T10:00", "06/10/2025 10:00", "6/10/2025 10:00:00",
    "06-10-2025 10:00", " 2025-10-06   10:00 ", "2025-10-06T09:00:00+00:00", 45936.416666666664,
])
def test_times_in_every_typed_form_are_dublin_wall_clock(cell):
    assert read_time(cell, DUBLIN) == datetime(2025, 10, 6, 10, 0, tzinfo=DUBLIN)


def test_a_serial_date_in_winter_is_gmt():
    assert read_time(45992.5, DUBLIN).utcoffset() == timedelta(0)
    assert read_time(45936.5, DUBLIN).utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize("cell", ["tomorrow", "31/02/2025 10:00", True, -5, "2025-13-01"])
def test_unreadable_times(cell):
    with pytest.raises(CellError):
        read_time(cell, DUBLIN)


@pytest.mark.parametrize(("cell", "expected"), [
    (None, True), ("", True), ("TRUE", True), ("yes", True), (1, True), (True, True),
    ("FALSE", False), ("no", False), (0, False), (False, False), (" False ", False),
])
def test_flags(cell, expected):
    assert read_flag(cell, blank=True) is expected


def test_an_unreadable_flag():
    with pytest.raises(CellError):
        read_flag("maybe", blank=True)


@pytest.mark.parametrize("text", ["=HYPERLINK(\"x\")", "+353871234567", "-1", "@home", "\tx",
                                  "'quoted"])
def test_formula_like_text_is_protected_and_read_back_unchanged(text):
    stored = protect_text(text)
    assert stored == "'" + text
    assert read_text(stored) == text


def test_plain_text_is_stored_as_is():
    assert protect_text("Jamie Lee") == "Jamie Lee"
    assert read_text(871234567.0) == "871234567"


def test_written_times_carry_the_offset():
    moment = datetime(2025, 10, 6, 9, 20, 30, 123, tzinfo=timezone.utc)
    assert write_time(moment, DUBLIN) == "2025-10-06T10:20:30+01:00"


def test_a_serial_at_the_end_of_the_calendar_is_unreadable_not_a_crash():
    with pytest.raises(CellError):
        read_time(2958465.99999999, DUBLIN)
