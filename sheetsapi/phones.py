"""Phone numbers as callers and language models say them, stored as E.164."""

from __future__ import annotations

import phonenumbers

from sheetsapi.errors import InvalidField


def to_e164(raw: str, region: str, *, field: str) -> str:
    """Return `raw` as E.164 (+353871234567); `region` applies to numbers without a +."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise InvalidField(field, f"{raw!r} is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidField(field, f"{raw!r} is not a valid phone number") from None
    if number.extension:
        raise InvalidField(field, "give the number without an extension") from None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
