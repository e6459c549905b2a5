"""E-mail address as portals accept it (ASCII local part, IDN domains).

Every function but is_valid and is_valid_many raises a subclass of
:class:`restore_access.ValidationError` (``InvalidLength``, ``InvalidFormat``,
``InvalidChecksum``, ``InvalidComponent``) for an invalid value.
"""

from typing import Iterable

def compact(s: str) -> str:
    """The shortest canonical form: local part as typed, domain lower-cased."""

def validate(s: str) -> str:
    """The canonical form (the same as compact), or raises ValidationError."""

def is_valid(s: str) -> bool:
    """Whether validate(s) would succeed."""

def format(s: str) -> str:
    """The form for people: the same as compact."""

def is_valid_many(items: Iterable[str]) -> list[bool]:
    """[is_valid(s) for s in items], checked with the GIL released; a list or tuple is read
    in one pass. Raises TypeError for an item that is not a str."""

__all__ = [
    "compact",
    "format",
    "is_valid",
    "is_valid_many",
    "validate",
]
