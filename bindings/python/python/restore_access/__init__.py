"""Account recovery for Russian public-service portals (Госуслуги, mos.ru).

Identifiers (``snils``, ``inn``, ``passport``, ``phone``, ``email``) with python-stdnum's
``compact``/``validate``/``is_valid``/``format`` and a batch ``is_valid_many``; password
rules and Argon2id hashing (``password``); one-time codes and link tokens (``codes``); the
sans-IO recovery flow (``flow``). The submodules are compiled (``restore_access._native``)
and registered under these names on import.

>>> import restore_access as ra
>>> ra.snils.validate("112 233 445 95")
'112-233-445 95'
>>> try:
...     ra.inn.validate("500100732250")
... except ra.ValidationError as e:
...     print(e.code)
inn.checksum
"""

from . import _native
from ._errors import (
    CodeError,
    Error,
    FlowError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    PasswordError,
    UnknownName,
    ValidationError,
)
from ._native import (
    DetectedDocument,
    DetectedLogin,
    codes,
    detect_document,
    detect_login,
    email,
    flow,
    inn,
    passport,
    password,
    phone,
    snils,
)

__version__: str = _native.__version__

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
