"""Russian phone number (+7, national part starting with 3, 4, 8 or 9; +7 6xx/7xx are Kazakhstan).

Every function but is_valid and is_valid_many raises a subclass of
:class:`restore_access.ValidationError` (``InvalidLength``, ``InvalidFormat``,
``InvalidChecksum``, ``InvalidComponent``) for an invalid value. A ``str`` holding a lone
surrogate (``'\\ud800'``, as ``json.loads`` gives for ``"\\ud800"``) is not valid:
``is_valid`` answers False for it and the others raise ``InvalidFormat`` ``phone.format``.
"""

from typing import Iterable

def compact(s: str) -> str:
    """The shortest canonical form: E.164, "+79161234567"."""

def validate(s: str) -> str:
    """The canonical form (E.164, "+79161234567"), or raises ValidationError."""

def is_valid(s: str) -> bool:
    """Whether validate(s) would succeed."""

def format(s: str) -> str:
    """The form for people: "+7 (916) 123-45-67"."""

def pretty(s: str) -> str:
    """The form for people, ``+7 (916) 123-45-67`` (the same as format); raises
    ValidationError for an invalid number.

    >>> pretty("89161234567")
    '+7 (916) 123-45-67'
    """

def is_mobile(s: str) -> bool:
    """Whether the number is a mobile one (its national part starts with 9), the only kind
    that receives SMS; raises ValidationError for an invalid number, so a typo is not
    taken for a landline.

    >>> is_mobile("8 (916) 123-45-67")
    True
    >>> is_mobile("8 (812) 123-45-67")
    False
    """

def is_valid_many(items: Iterable[str]) -> list[bool]:
    """[is_valid(s) for s in items], checked with the GIL released; a list or tuple is read
    in one pass. Raises TypeError for an item that is not a str."""

__all__ = [
    "compact",
    "format",
    "is_mobile",
    "is_valid",
    "is_valid_many",
    "pretty",
    "validate",
]
