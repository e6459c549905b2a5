"""Russian internal passport series and number; a lost leading zero is never padded.

Every function but is_valid and is_valid_many raises a subclass of
:class:`restore_access.ValidationError` (``InvalidLength``, ``InvalidFormat``,
``InvalidChecksum``, ``InvalidComponent``) for an invalid value. A ``str`` holding a lone
surrogate (``'\\ud800'``, as ``json.loads`` gives for ``"\\ud800"``) is not valid:
``is_valid`` answers False for it and the others raise ``InvalidFormat`` ``passport.format``.
An argument of another type is a ``TypeError`` naming it.
"""

from typing import Iterable

def compact(s: str) -> str:
    """The shortest canonical form: 10 digits, "4508123456"."""

def validate(s: str) -> str:
    """The canonical form ("45 08 123456"), or raises ValidationError."""

def is_valid(s: str) -> bool:
    """Whether validate(s) would succeed."""

def format(s: str) -> str:
    """The form for people: "45 08 123456"."""

def is_valid_many(items: Iterable[str]) -> list[bool]:
    """[is_valid(s) for s in items], checked with the GIL released; a list or tuple is read
    in one pass. Raises TypeError for a str or bytes given as items (never an iterable of
    identifiers) and for an item that is not a str."""

__all__ = [
    "compact",
    "format",
    "is_valid",
    "is_valid_many",
    "validate",
]
