"""E-mail address as portals accept it (an ASCII local part, IDN domains).

Every function takes two keyword flags: ``internationalised=True`` lets the local part hold
non-ASCII letters (``иван@почта.рф``, RFC 6531; delivery needs a server with SMTPUTF8);
``special_use=True`` allows the special-use domains (``.test``, ``.invalid``, ``.localhost``,
``.local``, ``.onion``, ``.arpa``), refused by default with ``email.special_use``, e.g. for a
test system.

Every function but is_valid and is_valid_many raises a subclass of
:class:`restore_access.ValidationError` (``InvalidLength``, ``InvalidFormat``,
``InvalidChecksum``, ``InvalidComponent``) for an invalid value. A ``str`` holding a lone
surrogate (``'\\ud800'``, as ``json.loads`` gives for ``"\\ud800"``) is not valid:
``is_valid`` answers False for it and the others raise ``InvalidFormat`` ``email.format``.
An argument of another type is a ``TypeError`` naming it.
"""

from typing import Iterable

def compact(s: str, *, internationalised: bool = False, special_use: bool = False) -> str:
    """The shortest canonical form: the local part as typed, the domain lower-cased (Unicode
    or punycode, as typed).

    >>> compact(" Ivan@Почта.РФ ")
    'Ivan@почта.рф'
    """

def validate(s: str, *, internationalised: bool = False, special_use: bool = False) -> str:
    """The canonical form (the same as compact), or raises ValidationError."""

def is_valid(s: str, *, internationalised: bool = False, special_use: bool = False) -> bool:
    """Whether validate(s) would succeed with the same flags.

    >>> is_valid("иван@почта.рф"), is_valid("иван@почта.рф", internationalised=True)
    (False, True)
    """

def format(s: str, *, internationalised: bool = False, special_use: bool = False) -> str:
    """The form for people: the same as compact."""

def ascii(s: str, *, internationalised: bool = False, special_use: bool = False) -> str:
    """The address with its domain in ASCII (punycode), for delivery; the local part is
    unchanged.

    >>> ascii("Ivan@Почта.РФ")
    'Ivan@xn--80a1acny.xn--p1ai'
    """

def key(s: str, *, internationalised: bool = False, special_use: bool = False) -> str:
    """The key to compare addresses by (to find the account of a typed address): the case of
    the domain and its Unicode or punycode spelling are folded, nothing in the local part is
    (not case, not dots, not ``+tags``). Compare keys, not compact forms.

    >>> key("ivan@почта.рф") == key("ivan@xn--80a1acny.xn--p1ai") == key("ivan@ПОЧТА.рф")
    True
    >>> key("Ivan@mail.ru") == key("ivan@mail.ru")
    False
    """

def is_valid_many(items: Iterable[str], *, internationalised: bool = False, special_use: bool = False) -> list[bool]:
    """[is_valid(s, ...) for s in items], checked with the GIL released; a list or tuple is
    read in one pass. Raises TypeError for a str or bytes given as items and for an item that
    is not a str."""

__all__ = [
    "ascii",
    "compact",
    "format",
    "is_valid",
    "is_valid_many",
    "key",
    "validate",
]
