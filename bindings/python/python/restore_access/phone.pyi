"""Russian phone number (+7, national part starting with 3, 4, 8 or 9; +7 6xx/7xx are Kazakhstan).

Every function but is_valid and is_valid_many raises a subclass of
:class:`restore_access.ValidationError` (``InvalidLength``, ``InvalidFormat``,
``InvalidChecksum``, ``InvalidComponent``) for an invalid value. A ``str`` holding a lone
surrogate (``'\\ud800'``, as ``json.loads`` gives for ``"\\ud800"``) is not valid:
``is_valid`` answers False for it and the others raise ``InvalidFormat`` ``phone.format``.
An argument of another type is a ``TypeError`` naming it.
"""

from typing import Iterable, Literal

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
    """Whether the number is a mobile one (kind(s) == "mobile"), the only kind
    that receives SMS; raises ValidationError for an invalid number, so a typo is not
    taken for a landline.

    >>> is_mobile("8 (916) 123-45-67")
    True
    >>> is_mobile("8 (812) 123-45-67")
    False
    """

def kind(s: str) -> Literal["fixed_line", "mobile", "toll_free", "premium_rate", "personal"]:
    """The kind of number, by the range of the numbering plan it is in: fixed_line, mobile,
    toll_free (800, 804), premium_rate (803, 809) or personal (808); raises ValidationError
    for an invalid number.

    >>> kind("8 (916) 123-45-67"), kind("8 800 555-35-35")
    ('mobile', 'toll_free')
    """

def is_valid_many(items: Iterable[str]) -> list[bool]:
    """[is_valid(s) for s in items], checked with the GIL released; a list or tuple is read
    in one pass. Raises TypeError for a str or bytes given as items (never an iterable of
    identifiers) and for an item that is not a str."""

__all__ = [
    "compact",
    "format",
    "is_mobile",
    "is_valid",
    "is_valid_many",
    "kind",
    "pretty",
    "validate",
]
