"""A1 notation for the fake Sheets API: parse ranges, format them the way Google answers.

Indexes are 0-based and inclusive inside the fake; ``None`` means "unbounded"
(``A:A`` has no end row, ``A2:2`` has no end column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_REF = re.compile(r"^\$?([A-Za-z]*)\$?([0-9]*)$")
_PLAIN_TITLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CELL_LIKE = re.compile(r"^[A-Za-z]{1,3}[0-9]+$|^[Rr][0-9]*[Cc][0-9]*$")


class RangeError(ValueError):
    """The range cannot be parsed (Google: 400 "Unable to parse range: ...")."""


@dataclass(frozen=True)
class Box:
    """A rectangle of cells; end indexes may be None (unbounded)."""

    r0: int
    c0: int
    r1: Optional[int]
    c1: Optional[int]

    def clip(self, row_count: int, column_count: int) -> "Box":
        r1 = row_count - 1 if self.r1 is None else min(self.r1, row_count - 1)
        c1 = column_count - 1 if self.c1 is None else min(self.c1, column_count - 1)
        return Box(self.r0, self.c0, r1, c1)


def col_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def col_index(letters: str) -> int:
    """A -> 0, Z -> 25, AA -> 26."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - ord("A") + 1)
    return n - 1


def quote_title(title: str) -> str:
    """Sheet title as Google writes it in a range: bare when it is a plain word."""
    if _PLAIN_TITLE.match(title) and not _CELL_LIKE.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def format_box(title: str, box: Box) -> str:
    """``leads!A1:L5``; a single cell collapses to ``leads!A1`` (as in Google's answers)."""
    start = f"{col_letters(box.c0)}{box.r0 + 1}"
    end = f"{col_letters(box.c1)}{box.r1 + 1}"
    cells = start if start == end else f"{start}:{end}"
    return f"{quote_title(title)}!{cells}"


def split_range(text: str) -> tuple[Optional[str], Optional[str]]:
    """Split ``'Tab'!A1:C5`` into (title, cells). Either part may be None.

    ``Tab`` alone gives (``Tab``, None); ``A1:C5`` alone gives (None, ``A1:C5``) when it
    parses as cells; the caller decides which reading applies when a tab has that name.
    """
    text = text.strip()
    if text.startswith("'"):
        i, title = 1, []
        while i < len(text):
            ch = text[i]
            if ch == "'":
                if text[i + 1 : i + 2] == "'":
                    title.append("'")
                    i += 2
                    continue
                break
            title.append(ch)
            i += 1
        else:
            raise RangeError(text)
        rest = text[i + 1 :]
        if rest == "":
            return "".join(title), None
        if not rest.startswith("!") or len(rest) == 1:
            raise RangeError(text)
        return "".join(title), rest[1:]
    if "!" in text:
        title, cells = text.rsplit("!", 1)
        if not title or not cells:
            raise RangeError(text)
        return title, cells
    return text, None


def parse_cells(cells: str) -> Box:
    """Parse the part after ``!``: A1, A1:C5, A:A, A2:C, 1:1, A2:2, $A$1 (reversed ends are normalised)."""
    parts = cells.strip().split(":")
    if len(parts) > 2 or not all(parts):
        raise RangeError(cells)
    refs = []
    for part in parts:
        m = _REF.match(part)
        if not m or not (m.group(1) or m.group(2)):
            raise RangeError(cells)
        letters, digits = m.group(1), m.group(2)
        if digits and int(digits) < 1:
            raise RangeError(cells)
        refs.append((col_index(letters) if letters else None, int(digits) - 1 if digits else None))
    if len(refs) == 1:
        c, r = refs[0]
        if c is None or r is None:  # a lone "A" or "5" is not a range
            raise RangeError(cells)
        return Box(r, c, r, c)
    (c0, r0), (c1, r1) = refs
    if (c0 is None) != (c1 is None) and c0 is None:  # "2:B5" style
        raise RangeError(cells)
    if r0 is not None and r1 is not None and r1 < r0:
        r0, r1 = r1, r0
    if c0 is not None and c1 is not None and c1 < c0:
        c0, c1 = c1, c0
    return Box(r0 or 0, c0 or 0, r1, c1)
