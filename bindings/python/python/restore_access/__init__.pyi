"""Account recovery for Russian public-service portals (Госуслуги, mos.ru).

Exceptions (all carry ``code``, ``message_ru``, ``message_en``, ``retry_after`` and
``description``, the English message with the core's detail, which ``str(e)`` shows)::

    Error(Exception)
    ├── ValidationError(Error, ValueError)   identifiers: snils.*, inn.*, passport.*, phone.*,
    │   ├── InvalidLength                    email.*, login.*, document.*, surname.*
    │   ├── InvalidFormat
    │   ├── InvalidChecksum
    │   └── InvalidComponent
    ├── PasswordError(Error)                 password.* (hashing, malformed hash, invalid char)
    ├── CodeError(Error, ValueError)         code.* (wrong, expired, used, locked, rate_limited,
    │                                        not_yet_valid, state_invalid, …)
    ├── FlowError(Error, ValueError)         flow.* (unexpected_input, expired, locked,
    │                                        proof_invalid, state_invalid, budget_missing, …)
    └── UnknownName(Error, ValueError)       name.unknown: a portal, policy, purpose, channel,
                                             bucket, rate preset or language the library
                                             does not define; str(e) lists the valid names

The class is the domain of the code, wherever it is raised: a typo in the contact field of a
flow is the ``InvalidFormat`` (or ``InvalidLength``, …) the phone or e-mail module raises; a
wrong SMS code shows up in the next prompt, not as an exception.

A ``str`` holding a lone surrogate (``'\\ud800'``, as ``json.loads`` gives for ``"\\ud800"``)
has no UTF-8 form. No function raises ``UnicodeEncodeError`` for one: each answers it as the
invalid input it is — ``is_valid`` False, an identifier's ``InvalidFormat`` (``snils.format``,
``login.format``, …), a wrong code, a sealed state that does not open, a password refused with
``password.invalid_char`` — as each module's docstring says.
"""

from typing import Literal, Optional

from typing_extensions import disjoint_base, final

from . import codes as codes
from . import email as email
from . import flow as flow
from . import inn as inn
from . import passport as passport
from . import password as password
from . import phone as phone
from . import snils as snils
from ._errors import CodeError as CodeError
from ._errors import Error as Error
from ._errors import FlowError as FlowError
from ._errors import InvalidChecksum as InvalidChecksum
from ._errors import InvalidComponent as InvalidComponent
from ._errors import InvalidFormat as InvalidFormat
from ._errors import InvalidLength as InvalidLength
from ._errors import PasswordError as PasswordError
from ._errors import UnknownName as UnknownName
from ._errors import ValidationError as ValidationError

__version__: str
__all__ = [
    "CodeError",
    "DetectedDocument",
    "DetectedLogin",
    "Error",
    "FlowError",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "PasswordError",
    "UnknownName",
    "ValidationError",
    "__version__",
    "codes",
    "detect_document",
    "detect_login",
    "email",
    "flow",
    "inn",
    "passport",
    "password",
    "phone",
    "snils",
]

@final
class DetectedLogin:
    """What a login field (mos.ru) holds."""

    @property
    def kind(self) -> Literal["phone", "email", "snils", "phone_or_snils"]: ...
    @property
    def value(self) -> str:
        """The canonical form (eleven digits for ``phone_or_snils``)."""
    @property
    def masked(self) -> str:
        """A form safe for logs."""
    @property
    def phone(self) -> Optional[str]:
        """The phone reading, E.164."""
    @property
    def snils(self) -> Optional[str]:
        """The СНИЛС reading."""
    @property
    def email(self) -> Optional[str]:
        """The e-mail reading as accounts are looked up by it: its ``email.key`` (the domain
        folded to lower-case ASCII punycode, the local part as typed)."""

@final
class DetectedDocument:
    """What a document field (Госуслуги) holds."""

    @property
    def kind(self) -> Literal["passport", "inn", "snils"]: ...
    @property
    def value(self) -> str:
        """The canonical form."""
    @property
    def masked(self) -> str:
        """A form safe for logs."""

def detect_login(s: str, *, unambiguous: bool = False) -> DetectedLogin:
    """Reads a login field: a phone, an e-mail or a СНИЛС. Eleven bare digits valid both ways
    give ``phone_or_snils`` (look both up), or raise ``login.ambiguous`` with ``unambiguous``.
    Raises ``InvalidFormat`` ``login.format`` for a str with a lone surrogate."""

def detect_document(s: str) -> DetectedDocument:
    """Reads a document field: 10 digits a passport, 11 a СНИЛС, 12 a person's ИНН. Raises
    ``InvalidFormat`` ``document.format`` for a str with a lone surrogate."""
