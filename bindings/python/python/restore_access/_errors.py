"""The exceptions of restore_access. Every one carries the core's stable ``code``, the
message in Russian and English, as a portal shows it to a person, and the core's
description, which adds the detail (``str(e)``). The class follows the code's domain, so a
code is the same class wherever it is raised."""

from __future__ import annotations

import re
from typing import Optional


class Error(Exception):
    """Base of every exception the package raises: its ``code``, the messages for people in
    Russian and English, and ``retry_after`` where waiting helps.

    >>> from restore_access import snils
    >>> try:
    ...     snils.validate("112-233-445 96")
    ... except Error as e:
    ...     print(e.code, type(e).__name__, isinstance(e, ValueError))
    snils.checksum InvalidChecksum True
    """

    def __init__(
        self,
        code: str,
        message_ru: str,
        message_en: str,
        retry_after: Optional[float] = None,
        description: Optional[str] = None,
    ) -> None:
        super().__init__(code, message_ru, message_en, retry_after, description)

    @property
    def code(self) -> str:
        """The stable machine code, such as ``snils.checksum``."""
        return str(self.args[0])

    @property
    def message_ru(self) -> str:
        """The message in Russian."""
        return str(self.args[1])

    @property
    def message_en(self) -> str:
        """The message in English."""
        return str(self.args[2])

    @property
    def retry_after(self) -> Optional[float]:
        """Seconds to wait before trying again, where the error has such a time (rate
        limits, resend cooldowns); ``None`` otherwise."""
        value = self.args[3]
        return None if value is None else float(value)

    @property
    def description(self) -> str:
        """The English message with the detail the core adds where it has one, such as the
        valid names of a ``name.unknown``: ``Unknown value. (a portal is one of: gosuslugi,
        mosru)``. Only for developers and logs; show ``message_ru`` to people."""
        value = self.args[4]
        return self.message_en if value is None else str(value)

    def __str__(self) -> str:
        return f"{self.code}: {self.description}"


class ValidationError(Error, ValueError):
    """An identifier (СНИЛС, ИНН, passport, phone, e-mail, login, document) is not valid."""


class InvalidLength(ValidationError):
    """Too short or too long: ``snils.length``, ``phone.length``, …"""


class InvalidFormat(ValidationError):
    """Characters or a shape the identifier cannot have: ``snils.format``, …"""


class InvalidChecksum(ValidationError):
    """A check number does not match: ``snils.checksum``, ``inn.checksum``."""


class InvalidComponent(ValidationError):
    """A well-formed part that is not allowed: a Kazakh phone code, passport region 00, …"""


class PasswordError(Error):
    """Hashing failed, a stored hash is malformed, or a password is not text (``password.*``)."""


class CodeError(Error, ValueError):
    """A one-time code or link was refused, a stored record or limiter state did not open
    (``code.state_invalid``), or a code setting is out of range (``code.*``). A ``ValueError``,
    as loading a stored value was before the values were sealed."""


class FlowError(Error, ValueError):
    """The recovery flow refused an input, a proof (``flow.proof_invalid``) or a stored state
    or budget (``flow.state_invalid``) (``flow.*``). A ``ValueError``, as loading a stored value
    was before the values were sealed."""


class UnknownName(Error, ValueError):
    """A name the library does not define: a portal, password policy, code purpose, channel,
    limiter bucket, rate preset or language (``name.unknown``). ``str(e)`` lists the names
    there are."""


_PROCESSING = re.compile(r"while processing '(\w+)'")


class ArgumentTypeError(TypeError):
    """An argument of the wrong type: ``argument 's' must be str, not int``.

    The compiled module raises it with ``must be str, not int``; pyo3, which converts the
    arguments, hands the error the argument's name as the note ``while processing 's'``
    (``add_note``), which this class takes into its message instead, on every Python version
    (``BaseException.add_note`` only exists from 3.11). A plain ``TypeError`` to catch."""

    def add_note(self, note: str, /) -> None:
        named = _PROCESSING.fullmatch(note)
        if named is not None and len(self.args) == 1 and not str(self.args[0]).startswith("argument "):
            self.args = (f"argument {named[1]!r} {self.args[0]}",)
            return
        add_note = getattr(super(), "add_note", None)
        if add_note is not None:
            add_note(note)
